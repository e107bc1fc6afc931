"""Meeting and ActionSnapshot, moved here from actions with their tables kept (actions_meeting, actions_actionsnapshot): nothing changes in the database."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = ['meeting', 'actionsnapshot']


def content_types_follow(apps, schema_editor):
    # Existing databases keep their content type rows (admin log entries point at them).
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="actions", model__in=MOVED
    ).update(app_label="meetings")


def content_types_return(apps, schema_editor):
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="meetings", model__in=MOVED
    ).update(app_label="actions")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('actions', '0012_moved_here'),
        ('inspections', '0009_finding_in_actions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField()),
                        ('title', models.CharField(default='LSCP executive', max_length=200)),
                        ('notes', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='inspections.inspection')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'actions_meeting',
                        'ordering': ['-date', '-pk'],
                        'get_latest_by': ['date', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ActionSnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rag', models.CharField(choices=[('not_started', 'Not started'), ('red', 'Red'), ('amber', 'Amber'), ('green', 'Green'), ('complete', 'Complete')], max_length=20)),
                        ('target_date', models.DateField()),
                        ('overdue', models.BooleanField()),
                        ('latest_update_on', models.DateField(blank=True, null=True)),
                        ('latest_update', models.TextField(blank=True)),
                        ('action', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='actions.action')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='snapshots', to='meetings.meeting')),
                    ],
                    options={
                        'db_table': 'actions_actionsnapshot',
                        'constraints': [models.UniqueConstraint(fields=('meeting', 'action'), name='snapshot_once_per_meeting')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
