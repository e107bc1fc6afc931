import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0014_plan"),
        ("inspections", "0010_inspection_plan"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="finding", name="finding_number_unique"),
        migrations.RemoveField(model_name="finding", name="inspection"),
        migrations.AlterField(
            model_name="finding",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="findings",
                to="actions.plan",
            ),
        ),
        migrations.AddConstraint(
            model_name="finding",
            constraint=models.UniqueConstraint(
                fields=("plan", "number"), name="finding_number_unique"
            ),
        ),
        migrations.AlterModelOptions(name="finding", options={"ordering": ["plan", "number"]}),
    ]
