import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from inspections.models import Inspectorate, Theme
from tests.factories import AgencyFactory, FindingFactory, InspectionFactory, UserFactory


@pytest.mark.django_db
def test_the_four_inspectorates_and_the_themes_come_with_the_database():
    assert list(Inspectorate.objects.values_list("short_name", flat=True)) == [
        "Ofsted",
        "CQC",
        "HMICFRS",
        "HMI Probation",
    ]
    assert Inspectorate.objects.get(short_name="HMICFRS").former_names == "HMIC"
    assert Theme.objects.filter(name__icontains="front door").exists()
    assert Theme.objects.count() >= 10


@pytest.mark.django_db
def test_an_inspection_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        InspectionFactory(
            onsite_start=datetime.date(2022, 11, 25), onsite_end=datetime.date(2022, 11, 21)
        )


@pytest.mark.django_db
def test_two_findings_of_one_inspection_cannot_share_a_number():
    finding = FindingFactory(number=1)
    with pytest.raises(IntegrityError):
        FindingFactory(inspection=finding.plan.inspection, number=1)


@pytest.mark.django_db
def test_the_inspection_title_names_the_local_area():
    inspection = InspectionFactory(partnership__local_area="London Borough of Lewisham")
    assert inspection.title == "Joint targeted area inspection of London Borough of Lewisham"


@pytest.mark.django_db
def test_addressees_and_strengths_read_one_per_line():
    inspection = InspectionFactory(addressees="First\n\n  Second  \n", strengths="One\nTwo")
    assert inspection.addressee_list == ["First", "Second"]
    assert inspection.strength_list == ["One", "Two"]


@pytest.mark.django_db
def test_a_person_cannot_belong_to_another_partnerships_agency():
    person = UserFactory()
    person.agency = AgencyFactory()
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "agency" in error.value.message_dict
