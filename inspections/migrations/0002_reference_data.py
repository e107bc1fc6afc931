"""Inspectorates and deep-dive themes as the JTAI programme has used them since 2016.

Themes stay editable in the admin: inspectors add new ones from time to time.
"""

from django.db import migrations

INSPECTORATES = [
    ("Ofsted", "Office for Standards in Education, Children's Services and Skills", ""),
    ("CQC", "Care Quality Commission", ""),
    ("HMICFRS", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services", "HMIC"),
    ("HMI Probation", "His Majesty's Inspectorate of Probation", "HMIP"),
]

THEMES = [
    ("Child sexual exploitation and children missing from home, care or education", "2016"),
    ("Children living with domestic abuse", "2016–17"),
    ("Neglect, ages 7 to 15", "2017"),
    ("Domestic abuse and child sexual exploitation revisited, including criminal exploitation", "2018"),
    ("Child sexual abuse in the family environment", "2019, 2025"),
    ("Children's mental health", "2019"),
    ("Identification of initial need and risk (the 'front door')", "from 2022"),
    ("Children and families who need help", "2022"),
    ("Serious youth violence", "2023"),
    ("Children who are victims of domestic abuse, unborn to age 7", "2024–25"),
]


def add_reference_data(apps, schema_editor):
    Inspectorate = apps.get_model("inspections", "Inspectorate")
    Theme = apps.get_model("inspections", "Theme")
    for position, (short_name, name, former_names) in enumerate(INSPECTORATES, start=1):
        Inspectorate.objects.update_or_create(
            short_name=short_name,
            defaults={"name": name, "former_names": former_names, "position": position},
        )
    for position, (name, years) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(name=name, defaults={"years": years, "position": position})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(add_reference_data, migrations.RunPython.noop)]
