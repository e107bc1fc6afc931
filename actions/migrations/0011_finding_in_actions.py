"""Finding moved to the actions app, beside the actions that answer it; its table stays as it was, so this changes Django's picture of the models and nothing in the database."""

import django.db.models.deletion
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    # Existing databases keep their content type row (admin log entries point at it).
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="inspections", model="finding"
    ).update(app_label="actions")


def content_type_returns(apps, schema_editor):
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="actions", model="finding"
    ).update(app_label="inspections")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('actions', '0010_partnerships_app'),
        ('inspections', '0008_partnerships_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Finding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(help_text="Its place in the letter's list, from 1")),
                        ('text', models.TextField(help_text="The letter's words, unchanged")),
                        ('is_priority', models.BooleanField(default=False, help_text='Older letters named some areas for priority action', verbose_name='area for priority action')),
                        ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='inspections.inspection')),
                    ],
                    options={
                        'db_table': 'inspections_finding',
                        'ordering': ['inspection', 'number'],
                    },
                ),
                migrations.AlterField(
                    model_name='action',
                    name='finding',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='actions.finding'),
                ),
                migrations.AlterField(
                    model_name='historicalaction',
                    name='finding',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='actions.finding'),
                ),
                migrations.AddConstraint(
                    model_name='finding',
                    constraint=models.UniqueConstraint(fields=('inspection', 'number'), name='finding_number_unique'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
