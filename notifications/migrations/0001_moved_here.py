"""SentEmail, moved here from rounds with its table kept (rounds_sentemail): nothing
changes in the database."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    # Existing databases keep their content type row (admin log entries point at it).
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="rounds", model="sentemail"
    ).update(app_label="notifications")


def content_type_returns(apps, schema_editor):
    apps.get_model("contenttypes", "ContentType").objects.filter(
        app_label="notifications", model="sentemail"
    ).update(app_label="rounds")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("rounds", "0007_sentemail_moved"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SentEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=30)),
                        ("occasion", models.CharField(max_length=100)),
                        ("about_id", models.PositiveBigIntegerField(blank=True, null=True)),
                        ("address", models.EmailField(max_length=254)),
                        ("subject", models.CharField(max_length=300)),
                        ("sent_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "about_type",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="contenttypes.contenttype",
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="emails_received",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "rounds_sentemail",
                        "ordering": ["-sent_at", "-pk"],
                        "indexes": [
                            models.Index(fields=["about_type", "about_id"], name="sentemail_about")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "recipient", "occasion"),
                                name="email_once_per_occasion",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
