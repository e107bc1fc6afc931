import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_plan"),
        ("inspections", "0010_inspection_plan"),
    ]

    operations = [
        migrations.RemoveField(model_name="meeting", name="inspection"),
        migrations.AlterField(
            model_name="meeting",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meetings",
                to="actions.plan",
            ),
        ),
    ]
