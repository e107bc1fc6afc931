"""Partnership and Agency moved to the partnerships app; their tables stay as they were, so this changes Django's picture of the models and nothing in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0009_index_update_recorded'),
        ('partnerships', '0001_partnerships_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='action',
                    name='lead_agency',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='led_actions', to='partnerships.agency'),
                ),
                migrations.AlterField(
                    model_name='historicalaction',
                    name='lead_agency',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.agency'),
                ),
                migrations.AlterField(
                    model_name='action',
                    name='supporting_agencies',
                    field=models.ManyToManyField(blank=True, related_name='supported_actions', to='partnerships.agency'),
                ),
            ],
            database_operations=[],
        ),
    ]
