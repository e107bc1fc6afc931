"""Each updateround points at the plan as well as the inspection until inspections.0010 has
filled the plan in; 0003 drops the inspection."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0001_initial"),
        ("actions", "0014_plan"),
    ]

    operations = [
        migrations.AddField(
            model_name="updateround",
            name="plan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="update_rounds",
                to="actions.plan",
            ),
        ),
        migrations.AlterField(
            model_name="updateround",
            name="inspection",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="update_rounds",
                to="inspections.inspection",
            ),
        ),
    ]
