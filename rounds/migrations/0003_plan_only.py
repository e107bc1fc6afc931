import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0002_plan"),
        ("inspections", "0010_inspection_plan"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="updateround", name="round_once_per_meeting"),
        migrations.RemoveField(model_name="updateround", name="inspection"),
        migrations.AlterField(
            model_name="updateround",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="update_rounds",
                to="actions.plan",
            ),
        ),
        migrations.AddConstraint(
            model_name="updateround",
            constraint=models.UniqueConstraint(
                fields=("plan", "meeting_date"), name="round_once_per_meeting"
            ),
        ),
    ]
