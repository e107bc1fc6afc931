"""A sent e-mail says what it was about through a generic link instead of a foreign key to
the round, so that the record can move below rounds, into notifications (0007); 0005
fills the link in."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("rounds", "0003_plan_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="sentemail",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="sentemail",
            name="about_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
    ]
