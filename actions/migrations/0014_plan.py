"""The plan becomes a record of its own: made here, filled from each inspection by
inspections.0010, and the findings' old link to the inspection dropped by 0015."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0013_finding_version"),
        ("inspections", "0009_finding_in_actions"),
        ("partnerships", "0001_partnerships_app"),
    ]

    operations = [
        migrations.CreateModel(
            name="Plan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("jtai", "Joint targeted area inspection")],
                        default="jtai",
                        max_length=20,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("drafting", "Drafting the statement"),
                            ("submitted", "Statement submitted"),
                            ("monitoring", "Monitoring"),
                            ("closed", "Closed"),
                        ],
                        default="drafting",
                        max_length=20,
                    ),
                ),
                (
                    "statement_introduction",
                    models.TextField(
                        blank=True,
                        help_text="Opens the statement: the partnership's response to the letter",
                        verbose_name="introduction",
                    ),
                ),
                (
                    "statement_governance",
                    models.TextField(
                        blank=True,
                        help_text="Who oversees the plan, how often, and how progress is reported",
                        verbose_name="governance and monitoring arrangements",
                    ),
                ),
                (
                    "statement_version",
                    models.CharField(default="1.0", max_length=20, verbose_name="version"),
                ),
                (
                    "protective_marking",
                    models.CharField(
                        default="OFFICIAL",
                        help_text="Printed on every page of exported documents, for example OFFICIAL",
                        max_length=40,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="plans",
                        to="partnerships.partnership",
                    ),
                ),
            ],
            options={"ordering": ["-created_at", "-pk"]},
        ),
        migrations.AddField(
            model_name="finding",
            name="plan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="actions.plan",
            ),
        ),
        # Nullable until 0015 drops it, so that going back can add it again before refilling it.
        migrations.AlterField(
            model_name="finding",
            name="inspection",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="inspections.inspection",
            ),
        ),
    ]
