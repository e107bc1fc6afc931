from django.db import migrations

from inspections.reference_data import ensure_reference_data


def add_reference_data(apps, schema_editor):
    ensure_reference_data(apps.get_model("inspections", "Inspectorate"), apps.get_model("inspections", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
