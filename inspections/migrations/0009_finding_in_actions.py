"""Finding moved to the actions app, beside the actions that answer it; its table stays as it was, so this changes Django's picture of the models and nothing in the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0011_finding_in_actions'),
        ('inspections', '0008_partnerships_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='finding',
                    name='finding_number_unique',
                ),
                migrations.DeleteModel(
                    name='Finding',
                ),
            ],
            database_operations=[],
        ),
    ]
