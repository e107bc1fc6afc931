"""Partnership and Agency moved to the partnerships app; their tables stay as they were, so this changes Django's picture of the models and nothing in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0005_sign_in_limit_events'),
        ('partnerships', '0001_partnerships_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='auditevent',
                    name='partnership',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_events', to='partnerships.partnership'),
                ),
            ],
            database_operations=[],
        ),
    ]
