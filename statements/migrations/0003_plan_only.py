import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0002_plan"),
        ("inspections", "0010_inspection_plan"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="statementsubmission", name="statement_version_sent_once"
        ),
        migrations.RemoveField(model_name="statementsubmission", name="inspection"),
        migrations.AlterField(
            model_name="statementsubmission",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="submissions",
                to="actions.plan",
            ),
        ),
        migrations.AddConstraint(
            model_name="statementsubmission",
            constraint=models.UniqueConstraint(
                fields=("plan", "version"), name="statement_version_sent_once"
            ),
        ),
    ]
