"""StatementSubmission, moved here from actions with its table kept (actions_statementsubmission): nothing changes in the database."""

import django.db.models.deletion
import statements.models
import uuid
from django.conf import settings
from django.db import migrations, models


MOVED = ['statementsubmission']


def content_types_follow(apps, schema_editor):
    # Existing databases keep their content type rows (admin log entries point at them).
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="actions", model__in=MOVED
    ).update(app_label="statements")


def content_types_return(apps, schema_editor):
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="statements", model__in=MOVED
    ).update(app_label="actions")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('actions', '0012_moved_here'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('inspections', '0009_finding_in_actions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StatementSubmission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('submitted_on', models.DateField()),
                        ('version', models.CharField(max_length=20)),
                        ('pdf', models.FileField(upload_to=statements.models.statement_file_name)),
                        ('sha256', models.CharField(max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='inspections.inspection')),
                        ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'actions_statementsubmission',
                        'ordering': ['-submitted_on', '-created_at'],
                        'constraints': [models.UniqueConstraint(fields=('inspection', 'version'), name='statement_version_sent_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
