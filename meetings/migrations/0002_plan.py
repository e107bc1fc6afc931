"""Each meeting points at the plan as well as the inspection until inspections.0010 has
filled the plan in; 0003 drops the inspection."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_moved_here"),
        ("actions", "0014_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="plan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="actions.plan",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="inspection",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="inspections.inspection",
            ),
        ),
    ]
