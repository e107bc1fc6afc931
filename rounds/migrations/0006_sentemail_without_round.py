from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0005_sentemail_about_filled"),
    ]

    operations = [
        migrations.RemoveField(model_name="sentemail", name="update_round"),
        migrations.AlterField(
            model_name="sentemail", name="kind", field=models.CharField(max_length=30)
        ),
        migrations.AddIndex(
            model_name="sentemail",
            index=models.Index(fields=["about_type", "about_id"], name="sentemail_about"),
        ),
    ]
