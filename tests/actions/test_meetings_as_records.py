"""A meeting is a record: who attended (people of the partnership, each for their agency,
and named guests), who sent apologies, and its agenda; and the closures decided at it
point at it."""

import datetime
import html

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions import services
from meetings.models import Meeting
from meetings.services import meeting_record
from people.models import Role
from tests.actions.conftest import propose
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import FindingFactory, UserFactory

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
    # 13, 1 for the scrutineer's challenges on the meeting (meetings.challenges),
    # and 3 for its decisions, the matters arising and the asks awaiting a decision
    # (meetings.decisions; their actions are read only when there are decisions)
    with django_assert_num_queries(17):
        client.get(meeting.get_absolute_url())
    for _ in range(5):
        meeting.attendees.add(
            UserFactory(partnership=plan.partnership, agency=plan.police, role=Role.OWNER)
        )
    with django_assert_num_queries(17):
        client.get(meeting.get_absolute_url())


@pytest.mark.django_db
def test_another_partnerships_meeting_is_not_found(client, plan):
    meeting = _full_meeting(plan)
    client.force_login(plan.stranger)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def _decision_page(plan):
    return reverse("actions:closure_agree", args=[plan.action.pk])


def _decision(plan, meeting, *, when=TODAY):
    plan.action.refresh_from_db()
    return {
        "version": plan.action.version,
        "decision": "agreed",
        "agreed_on_0": when.day,
        "agreed_on_1": when.month,
        "agreed_on_2": when.year,
        "meeting": meeting.pk,
    }


@pytest.fixture
def proposed_with_meetings(plan):
    # Proposed before both meetings, so either can have decided it.
    with time_machine.travel(timezone.now() - datetime.timedelta(days=35)):
        propose(plan.action, plan.police_owner)
    ours = plan.finding.plan
    older = Meeting.objects.create(
        plan=ours, date=days(-30), title="LSCP executive", recorded_by=plan.manager
    )
    latest = Meeting.objects.create(
        plan=ours, date=days(-2), title="Extraordinary executive", recorded_by=plan.manager
    )
    theirs = Meeting.objects.create(
        plan=FindingFactory().plan,
        date=days(-1),
        title="Northbrook board",
        recorded_by=plan.stranger,
    )
    return older, latest, theirs


@pytest.mark.django_db
def test_the_decision_form_offers_this_plans_meetings_most_recent_first(
    client, plan, proposed_with_meetings
):
    older, latest, theirs = proposed_with_meetings
    client.force_login(plan.executive)
    page = html.unescape(client.get(_decision_page(plan)).content.decode())
    offered = page.split('name="meeting"', 1)[1].split("</select>", 1)[0]
    assert offered.index(str(latest)) < offered.index(str(older))
    assert str(theirs) not in page


@pytest.mark.django_db
def test_a_closure_decided_points_at_its_meeting_and_keeps_its_name(
    client, plan, proposed_with_meetings
):
    older, latest, _ = proposed_with_meetings
    client.force_login(plan.executive)
    response = client.post(_decision_page(plan), _decision(plan, latest))
    assert response.status_code == 302
    closure = plan.action.closures.get()
    assert closure.meeting == latest
    assert closure.agreed_at_meeting == str(latest)
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert f"Agreed at {latest}" in html.unescape(page)


@pytest.mark.django_db
def test_another_plans_meeting_is_refused(client, plan, proposed_with_meetings):
    _, _, theirs = proposed_with_meetings
    client.force_login(plan.executive)
    page = client.post(_decision_page(plan), _decision(plan, theirs)).content.decode()
    assert error_summary_messages(page) == ["Select a meeting recorded for this plan"]
    assert_error_summary_links_reach_inputs(page)
    assert plan.action.closures.get().meeting is None
    # The service refuses it in the same words.
    plan.action.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.closure_agree(
            action=plan.action,
            user=plan.executive,
            agreed_on=TODAY,
            meeting=theirs,
            expected_version=plan.action.version,
        )
    assert refused.value.message_dict == {"meeting": ["Select a meeting recorded for this plan"]}


@pytest.mark.django_db
def test_a_meeting_after_the_decision_date_is_refused(client, plan, proposed_with_meetings):
    older, latest, _ = proposed_with_meetings
    client.force_login(plan.executive)
    # Proposed today, so a decision before today is refused for that too: move the
    # proposal back so only the meeting's date is wrong.
    plan.action.closures.update(proposed_at=timezone.now() - datetime.timedelta(days=40))
    page = client.post(_decision_page(plan), _decision(plan, latest, when=days(-10)))
    assert error_summary_messages(page.content.decode()) == [
        f"Select a meeting held on or before the date of the decision ({days(-10):%-d %B %Y})"
    ]
    assert (
        client.post(_decision_page(plan), _decision(plan, older, when=days(-10))).status_code == 302
    )


@pytest.mark.django_db
def test_with_no_meeting_recorded_the_decision_page_says_to_record_it_first(client, plan):
    propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)
    page = client.get(_decision_page(plan)).content.decode()
    assert "No meeting of this plan up to today is recorded yet" in page
    assert reverse("meetings:meeting_list", args=[plan.finding.plan.inspection.pk]) in page
