"""Every inspection gets a plan of its own, carrying the status and statement text it held,
and everything that hung from the inspection as its plan (findings, meetings, update rounds,
submitted statements) is pointed at that plan. Going back copies it all onto the inspection."""

import django.db.models.deletion
from django.db import migrations, models

PLAN_FIELDS = [
    "status",
    "statement_introduction",
    "statement_governance",
    "statement_version",
    "protective_marking",
]
HANGING_FROM_THE_PLAN = [
    ("actions", "Finding"),
    ("meetings", "Meeting"),
    ("rounds", "UpdateRound"),
    ("statements", "StatementSubmission"),
]


def give_each_inspection_its_plan(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    Plan = apps.get_model("actions", "Plan")
    for inspection in Inspection.objects.filter(plan__isnull=True):
        plan = Plan.objects.create(
            partnership_id=inspection.partnership_id,
            kind="jtai",
            **{field: getattr(inspection, field) for field in PLAN_FIELDS},
        )
        Inspection.objects.filter(pk=inspection.pk).update(plan=plan)
        for app_label, model_name in HANGING_FROM_THE_PLAN:
            apps.get_model(app_label, model_name).objects.filter(inspection=inspection).update(
                plan=plan
            )


def copy_each_plan_back(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    for inspection in Inspection.objects.select_related("plan").filter(plan__isnull=False):
        Inspection.objects.filter(pk=inspection.pk).update(
            **{field: getattr(inspection.plan, field) for field in PLAN_FIELDS}
        )
        for app_label, model_name in HANGING_FROM_THE_PLAN:
            apps.get_model(app_label, model_name).objects.filter(plan=inspection.plan_id).update(
                inspection=inspection
            )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0009_finding_in_actions"),
        ("actions", "0014_plan"),
        ("meetings", "0002_plan"),
        ("rounds", "0002_plan"),
        ("statements", "0002_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspection",
            name="plan",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inspection",
                to="actions.plan",
            ),
        ),
        migrations.RunPython(give_each_inspection_its_plan, copy_each_plan_back),
    ]
