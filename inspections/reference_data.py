"""Reference data every partnership shares: the inspectorates, and the deep-dive themes
the JTAI programme has used since 2016. Themes stay editable in the admin: inspectors
add new ones from time to time."""

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
    (
        "Domestic abuse and child sexual exploitation revisited, including criminal exploitation",
        "2018",
    ),
    ("Child sexual abuse in the family environment", "2019, 2025"),
    ("Children's mental health", "2019"),
    ("Identification of initial need and risk (the 'front door')", "from 2022"),
    ("Children and families who need help", "2022"),
    ("Serious youth violence", "2023"),
    ("Children who are victims of domestic abuse, unborn to age 7", "2024–25"),
]


def ensure_reference_data(inspectorate_model, theme_model) -> None:
    """Adds any inspectorate or theme that is missing; changes nothing already there.

    Takes the models as arguments so that the data migration can pass its historical ones.
    """
    for position, (short_name, name, former_names) in enumerate(INSPECTORATES, start=1):
        inspectorate_model.objects.get_or_create(
            short_name=short_name,
            defaults={"name": name, "former_names": former_names, "position": position},
        )
    for position, (name, years) in enumerate(THEMES, start=1):
        theme_model.objects.get_or_create(
            name=name, defaults={"years": years, "position": position}
        )
