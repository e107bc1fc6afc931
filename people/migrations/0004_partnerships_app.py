"""Partnership and Agency moved to the partnerships app; their tables stay as they were, so this changes Django's picture of the models and nothing in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0001_partnerships_app'),
        ('people', '0003_versions_for_every_edit_form'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='user',
                    name='agency',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='people', to='partnerships.agency'),
                ),
                migrations.AlterField(
                    model_name='user',
                    name='partnership',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='people', to='partnerships.partnership'),
                ),
            ],
            database_operations=[],
        ),
    ]
