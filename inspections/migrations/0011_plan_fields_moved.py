"""The status and statement text now live on the plan (0010 copied them there)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0010_inspection_plan"),
    ]

    operations = [
        migrations.RemoveField(model_name="inspection", name="status"),
        migrations.RemoveField(model_name="inspection", name="statement_introduction"),
        migrations.RemoveField(model_name="inspection", name="statement_governance"),
        migrations.RemoveField(model_name="inspection", name="statement_version"),
        migrations.RemoveField(model_name="inspection", name="protective_marking"),
        migrations.AlterField(
            model_name="inspection",
            name="plan",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inspection",
                to="actions.plan",
            ),
        ),
    ]
