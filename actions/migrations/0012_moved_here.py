"""Meeting and ActionSnapshot moved to the meetings app, StatementSubmission to statements; their tables stay as they were, so this changes Django's picture of the models and nothing in the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0011_finding_in_actions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='actionsnapshot',
                    name='snapshot_once_per_meeting',
                ),
                migrations.RemoveField(
                    model_name='meeting',
                    name='inspection',
                ),
                migrations.RemoveField(
                    model_name='meeting',
                    name='recorded_by',
                ),
                migrations.RemoveConstraint(
                    model_name='statementsubmission',
                    name='statement_version_sent_once',
                ),
                migrations.RemoveField(
                    model_name='statementsubmission',
                    name='inspection',
                ),
                migrations.RemoveField(
                    model_name='statementsubmission',
                    name='submitted_by',
                ),
                migrations.DeleteModel(
                    name='ActionSnapshot',
                ),
                migrations.DeleteModel(
                    name='Meeting',
                ),
                migrations.DeleteModel(
                    name='StatementSubmission',
                ),
            ],
            database_operations=[],
        ),
    ]
