"""Partnership and Agency moved to the partnerships app; their tables stay as they were, so this changes Django's picture of the models and nothing in the database."""

import django.db.models.deletion
from django.db import migrations, models


MOVED = ["partnership", "agency"]


def content_types_follow(apps, schema_editor):
    # Existing databases keep their content type rows (admin log entries point at them).
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="inspections", model__in=MOVED
    ).update(app_label="partnerships")


def content_types_return(apps, schema_editor):
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="partnerships", model__in=MOVED
    ).update(app_label="inspections")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('inspections', '0007_versions_for_every_edit_form'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Partnership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('local_area', models.CharField(help_text='For example, London Borough of Lewisham', max_length=200)),
                        ('name', models.CharField(help_text='For example, Lewisham Safeguarding Children Partnership', max_length=200)),
                        ('short_name', models.CharField(help_text='For example, LSCP', max_length=30)),
                        ('slug', models.SlugField(unique=True)),
                        ('two_factor_required', models.BooleanField(default=False, help_text='They then sign in with a code from an authenticator app as well as a password', verbose_name='require two-factor authentication for managers and executive members')),
                        ('version', models.PositiveIntegerField(default=1)),
                    ],
                    options={
                        'db_table': 'inspections_partnership',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Agency',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('short_name', models.CharField(blank=True, help_text="What plans call it, for example 'Police' or 'ICB'", max_length=60)),
                        ('kind', models.CharField(choices=[('local_authority', 'Local authority'), ('police', 'Police'), ('health', 'Health / integrated care board'), ('nhs_trust', 'NHS trust'), ('probation', 'Probation'), ('education', 'Education'), ('youth_justice', 'Youth justice'), ('partnership', 'Partnership-wide'), ('other', 'Other')], max_length=20)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agencies', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name_plural': 'agencies',
                        'db_table': 'inspections_agency',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(fields=('partnership', 'name'), name='agency_name_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
