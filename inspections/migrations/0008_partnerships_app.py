"""Partnership and Agency moved to the partnerships app; their tables stay as they were, so this changes Django's picture of the models and nothing in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0010_partnerships_app'),
        ('audit', '0006_partnerships_app'),
        ('inspections', '0007_versions_for_every_edit_form'),
        ('partnerships', '0001_partnerships_app'),
        ('people', '0004_partnerships_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='agency',
                    name='agency_name_unique',
                ),
                migrations.AlterField(
                    model_name='inspection',
                    name='partnership',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspections', to='partnerships.partnership'),
                ),
                migrations.DeleteModel(
                    name='Agency',
                ),
                migrations.DeleteModel(
                    name='Partnership',
                ),
            ],
            database_operations=[],
        ),
    ]
