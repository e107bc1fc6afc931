"""Each e-mail sent about a round says so through its new link (a migration of its own: on
PostgreSQL, rows updated here cannot have their table altered in the same transaction)."""

from django.db import migrations, models


def _round_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="rounds", model="updateround")[0]


def about_the_round(apps, schema_editor):
    SentEmail = apps.get_model("rounds", "SentEmail")
    SentEmail.objects.filter(update_round__isnull=False).update(
        about_type=_round_type(apps), about_id=models.F("update_round_id")
    )


def round_again(apps, schema_editor):
    SentEmail = apps.get_model("rounds", "SentEmail")
    SentEmail.objects.filter(about_type=_round_type(apps)).update(
        update_round_id=models.F("about_id")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0004_sentemail_about"),
    ]

    operations = [
        migrations.RunPython(about_the_round, round_again),
    ]
