"""A meeting is a record: who attended (people of the partnership, each for their agency,
and named guests), who sent apologies, and its agenda; and the closures decided at it
point at it."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import meeting_record
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import UserFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def _record_page(plan):
    return reverse("meetings:meeting_list", args=[plan.finding.plan.inspection.pk])


def _meeting_data(day=TODAY, **fields):
    return {
        "date_0": day.day,
        "date_1": day.month,
        "date_2": day.year,
        "title": "LSCP executive",
        **fields,
    }


@pytest.mark.django_db
def test_the_manager_records_who_attended_who_sent_apologies_and_the_agenda(client, plan):
    client.force_login(plan.manager)
    response = client.post(
        _record_page(plan),
        _meeting_data(
            attendees=[plan.police_owner.pk, plan.executive.pk],
            guests="Sam Patel, Ofsted\n\n  Dr Ana Ruiz, CQC  ",
            apologies=[plan.council_owner.pk],
            guest_apologies="Chief Superintendent Lee",
            agenda="Matters arising\nHighlight report\nClosures to agree",
        ),
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert set(meeting.attendees.all()) == {plan.police_owner, plan.executive}
    assert list(meeting.apologies.all()) == [plan.council_owner]
    assert meeting.guest_names == ["Sam Patel, Ofsted", "Dr Ana Ruiz, CQC"]
    assert meeting.guest_apology_names == ["Chief Superintendent Lee"]
    assert [str(item) for item in meeting.agenda_items.all()] == [
        "1. Matters arising",
        "2. Highlight report",
        "3. Closures to agree",
    ]
    assert meeting.snapshots.count() == 1  # recording it still snapshots the plan


@pytest.mark.django_db
def test_the_record_form_offers_the_partnerships_people_with_their_agencies(client, plan):
    client.force_login(plan.manager)
    page = html.unescape(client.get(_record_page(plan)).content.decode())
    assert f"{plan.police_owner.get_full_name()} (Metropolitan Police)" in page
    assert f"{plan.executive.get_full_name()} (Lewisham Council)" in page
    assert plan.stranger.get_full_name() not in page


@pytest.mark.django_db
def test_someone_cannot_both_attend_and_send_apologies(client, plan):
    client.force_login(plan.manager)
    response = client.post(
        _record_page(plan),
        _meeting_data(attendees=[plan.police_owner.pk], apologies=[plan.police_owner.pk]),
    )
    page = response.content.decode()
    assert error_summary_messages(page) == [
        f"{plan.police_owner.get_full_name()} cannot both attend and send apologies: "
        "choose one or the other"
    ]
    assert_error_summary_links_reach_inputs(page)
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_another_partnerships_person_cannot_be_recorded_as_attending(client, plan):
    client.force_login(plan.manager)
    response = client.post(_record_page(plan), _meeting_data(attendees=[plan.stranger.pk]))
    assert "Choose people of the partnership" in response.content.decode()
    assert not Meeting.objects.exists()
    # The service says the same to any other caller.
    with pytest.raises(Exception, match="Choose people of the partnership"):
        meeting_record(
            plan=plan.finding.plan,
            user=plan.manager,
            date=TODAY,
            title="LSCP executive",
            attendees=[plan.stranger],
        )


def _full_meeting(plan):
    guest_agency_people = [
        UserFactory(
            partnership=plan.partnership,
            agency=plan.police if n % 2 else plan.council,
            role=Role.OWNER,
            first_name=f"Person{n}",
        )
        for n in range(4)
    ]
    return meeting_record(
        plan=plan.finding.plan,
        user=plan.manager,
        date=days(-1),
        title="LSCP executive",
        attendees=[plan.police_owner, plan.executive, *guest_agency_people],
        guests="Sam Patel, Ofsted",
        apologies=[plan.council_owner],
        guest_apologies="Chief Superintendent Lee",
        agenda=["Matters arising", "Highlight report"],
    )


@pytest.mark.django_db
def test_the_meeting_page_shows_attendance_with_agencies_apologies_and_agenda(client, plan):
    meeting = _full_meeting(plan)
    client.force_login(plan.scrutineer)
    page = html.unescape(client.get(meeting.get_absolute_url()).content.decode())
    attended = page.split('id="attendees"', 1)[1].split("</ul>", 1)[0]
    assert f"{plan.police_owner.get_full_name()}, Metropolitan Police" in attended
    assert f"{plan.executive.get_full_name()}, Lewisham Council" in attended
    assert "Sam Patel, Ofsted (guest)" in attended
    sent_apologies = page.split('id="apologies"', 1)[1].split("</ul>", 1)[0]
    assert f"{plan.council_owner.get_full_name()}, Lewisham Council" in sent_apologies
    assert "Chief Superintendent Lee (guest)" in sent_apologies
    agenda = page.split('id="agenda"', 1)[1].split("</ol>", 1)[0]
    assert agenda.index("Matters arising") < agenda.index("Highlight report")


@pytest.mark.django_db
def test_the_meeting_page_reads_attendance_in_a_fixed_number_of_queries(
    client, plan, django_assert_num_queries
):
    meeting = _full_meeting(plan)
    client.force_login(plan.scrutineer)
    client.get(meeting.get_absolute_url())  # the session's first queries
    with django_assert_num_queries(13):
        client.get(meeting.get_absolute_url())
    for _ in range(5):
        meeting.attendees.add(
            UserFactory(partnership=plan.partnership, agency=plan.police, role=Role.OWNER)
        )
    with django_assert_num_queries(13):
        client.get(meeting.get_absolute_url())


@pytest.mark.django_db
def test_another_partnerships_meeting_is_not_found(client, plan):
    meeting = _full_meeting(plan)
    client.force_login(plan.stranger)
    assert client.get(meeting.get_absolute_url()).status_code == 404
