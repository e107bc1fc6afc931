"""Adding and changing a measure (the manager), and recording a reading (the manager and the
owners of the area's actions) from the browser: refused in GOV.UK words with what was typed
still there, recorded in the audit trail, and charted."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent, EventKind
from impact import services
from impact.models import Measure, Reading
from tests.impact.factories import ReadingFactory

# Half-way from the measures' baseline to their target (tests/impact/conftest.py).
pytestmark = pytest.mark.usefixtures("today")


def _reading_url(measure):
    return reverse("impact:reading_new", args=[measure.pk])


def _date(prefix, day: datetime.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_the_reading_form_offers_today_as_the_date(client, area, today):
    client.force_login(area.police_owner)
    page = client.get(_reading_url(area.measure)).content.decode()
    assert 'name="date_0" value="1"' in page
    assert 'name="date_1" value="10"' in page
    assert 'name="date_2" value="2025"' in page


def test_an_owner_of_an_areas_action_records_a_reading_that_is_charted(client, area, today):
    client.force_login(area.police_owner)
    response = client.post(
        _reading_url(area.measure),
        {"value": "76", **_date("date", today), "note": "September's MASH report."},
    )
    assert response.status_code == 302
    reading = Reading.objects.get()
    assert (reading.value, reading.date, reading.entered_by) == (
        Decimal(76),
        today,
        area.police_owner,
    )
    entry = AuditEvent.objects.get(kind=EventKind.READING_RECORDED)
    assert "Recorded 76% for measure ‘Contacts decided within 24 hours’" in entry.detail

    page = client.get(response.url).content.decode()
    assert "<strong>76%</strong> on 1 October 2025" in page
    assert "On track to target" in page
    assert "1 reading from 1 October 2025 (76%) to 1 October 2025 (76%)" in page  # the chart
    assert re.search(r"1 Oct 2025</th><td[^>]*>76%</td>", page)  # and its table


def test_a_second_reading_for_a_day_already_read_is_refused(client, area, today):
    ReadingFactory(measure=area.measure, date=today, value=Decimal(70))
    client.force_login(area.manager)
    response = client.post(_reading_url(area.measure), {"value": "76", **_date("date", today)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is already a reading for 1 October 2025 (70%)" in page
    assert 'value="76"' in page  # what was typed stays
    assert Reading.objects.count() == 1


def test_invalid_input_shows_the_errors_and_keeps_what_was_typed(client, area):
    client.force_login(area.manager)
    response = client.post(
        _reading_url(area.measure),
        {"value": "seventy", "date_0": "31", "date_1": "2", "date_2": "2025", "note": "Draft"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The reading must be a number, like 72 or 72.5" in page
    assert "The date of the reading must be a real date" in page
    assert 'value="seventy"' in page and ">\nDraft</textarea>" in page
    for target in re.findall(r"govuk-error-summary__list.*?</ul>", page, re.S):
        for anchor in re.findall(r'href="#([^"]+)"', target):
            assert f'id="{anchor}"' in page, anchor


def test_a_reading_in_the_future_or_before_the_baseline_is_refused(area, today):
    with pytest.raises(ValidationError, match="today or in the past"):
        services.reading_record(
            measure=area.measure,
            user=area.manager,
            value=Decimal(70),
            date=today + datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="on or after the baseline date"):
        services.reading_record(
            measure=area.measure,
            user=area.manager,
            value=Decimal(70),
            date=datetime.date(2025, 3, 1),
        )
    with pytest.raises(ValidationError, match="100 or less"):
        services.reading_record(
            measure=area.measure, user=area.manager, value=Decimal(101), date=today
        )


@pytest.mark.parametrize("who", ["scrutineer", "executive", "health_owner"])
def test_those_who_do_not_own_the_areas_actions_cannot_record(client, area, who):
    client.force_login(getattr(area, who))
    assert client.get(_reading_url(area.measure)).status_code == 403
    assert client.post(_reading_url(area.measure), {"value": "70"}).status_code == 403
    page = client.get(reverse("impact:area_detail", args=[area.finding.pk])).content.decode()
    assert "Record a reading" not in page


def test_the_lead_officer_of_the_measures_action_may_record(area):
    from people import permissions

    area.measure.action = area.police_action
    area.police_action.lead_officer = area.health_owner
    assert permissions.can_record_reading(area.health_owner, area.measure)


def test_another_partnerships_measure_is_not_found(client, area):
    from tests.factories import UserFactory

    stranger = UserFactory(role="manager")
    client.force_login(stranger)
    for url in (
        _reading_url(area.measure),
        reverse("impact:measure_detail", args=[area.measure.pk]),
        reverse("impact:measure_edit", args=[area.measure.pk]),
        reverse("impact:area_detail", args=[area.finding.pk]),
        reverse("impact:measure_new", args=[area.finding.pk]),
    ):
        assert client.get(url).status_code == 404, url


def _measure_form(**changes):
    form = {
        "name": "Hours in police custody out of hours",
        "definition": "Average hours a child waits in custody overnight for a bed.",
        "source": "Police custody records",
        "unit": "hours",
        "direction": "lower",
        "baseline_value": "20",
        **_date("baseline_date", datetime.date(2025, 4, 1)),
        "target_value": "8",
        **_date("target_date", datetime.date(2026, 4, 1)),
        "action": "",
    }
    form.update(changes)
    return form


def test_the_manager_adds_a_measure(client, area):
    client.force_login(area.manager)
    url = reverse("impact:measure_new", args=[area.finding.pk])
    response = client.post(url, _measure_form(action=str(area.police_action.pk)))
    assert response.status_code == 302
    measure = Measure.objects.get(name="Hours in police custody out of hours")
    assert measure.action == area.police_action
    assert measure.position == 1
    assert AuditEvent.objects.filter(kind=EventKind.MEASURE_ADDED).exists()


def test_a_target_no_better_than_the_baseline_is_refused(client, area):
    client.force_login(area.manager)
    url = reverse("impact:measure_new", args=[area.finding.pk])
    page = client.post(url, _measure_form(target_value="25")).content.decode()
    assert "The target must be lower than the baseline, as lower is better" in page
    assert 'value="25"' in page
    page = client.post(url, _measure_form(baseline_value="")).content.decode()
    assert "Enter the baseline" in page


def test_only_the_manager_adds_or_changes_measures(client, area):
    client.force_login(area.police_owner)
    assert client.get(reverse("impact:measure_new", args=[area.finding.pk])).status_code == 403
    assert client.get(reverse("impact:measure_edit", args=[area.measure.pk])).status_code == 403


def test_the_manager_changes_a_measures_target_and_the_trail_names_it(client, area):
    client.force_login(area.manager)
    url = reverse("impact:measure_edit", args=[area.measure.pk])
    assert 'value="90.00"' in client.get(url).content.decode()
    form = _measure_form(
        name=area.measure.name,
        definition=area.measure.definition,
        source=area.measure.source,
        unit="percentage",
        direction="higher",
        baseline_value="60",
        target_value="95",
    )
    assert client.post(url, form).status_code == 302
    area.measure.refresh_from_db()
    assert area.measure.target_value == Decimal(95)
    entry = AuditEvent.objects.get(kind=EventKind.MEASURE_CHANGED)
    assert entry.detail.endswith(": target value")


def test_a_percentage_baseline_over_100_is_refused(db):
    import datetime
    from decimal import Decimal

    from django.core.exceptions import ValidationError

    from impact.models import Direction, Unit
    from impact.services import measure_add
    from tests.actions.conftest import Plan

    plan = Plan()
    with pytest.raises(ValidationError) as refused:
        measure_add(
            finding=plan.finding,
            user=plan.manager,
            name="Contacts decided within 24 hours",
            definition="From the MASH report.",
            source="MASH performance report",
            unit=Unit.PERCENTAGE,
            direction=Direction.HIGHER,
            baseline_value=Decimal("150"),
            baseline_date=datetime.date(2026, 1, 31),
            target_value=Decimal("90"),
            target_date=datetime.date(2027, 1, 31),
        )
    assert refused.value.message_dict["baseline_value"] == [
        "A percentage baseline must be 100 or less"
    ]
