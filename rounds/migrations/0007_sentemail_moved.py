"""SentEmail moved to notifications with its table kept (rounds_sentemail): nothing changes
in the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0006_sentemail_without_round"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SentEmail")],
            database_operations=[],
        ),
    ]
