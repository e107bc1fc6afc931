"""The independent scrutineer challenges an action, an area for improvement or a meeting;
the partnership manager answers; both are e-mailed, the audit trail records each, and the
plan's challenges page lists them all, the open ones first."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from inspections.services import trail_name
from meetings.challenges import challenge_answer, challenge_raise, open_challenges, plan_challenges
from meetings.models import Challenge
from meetings.services import meeting_record
from people.models import Role
from tests.actions.conftest import Plan
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, FindingFactory, UserFactory

TEXT = "How do you know the strategy meetings are now held within a working day?"
ANSWER = "The MASH audit of March sampled 40 strategy meetings: 38 were held in time."


@pytest.fixture
def plan(db):
    return Plan()


@pytest.fixture
def meeting(plan):
    return meeting_record(
        plan=plan.finding.plan, user=plan.manager, date=timezone.localdate(), title="LSCP"
    )


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://plans.example.org"


def page_text(response) -> str:
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(words).split())


def inspection_of(plan):
    return plan.finding.plan.inspection


def raise_url(subject, plan) -> str:
    if subject == "action":
        return reverse("meetings:challenge_raise_action", args=[plan.action.pk])
    if subject == "area":
        return reverse(
            "meetings:challenge_raise_area", args=[inspection_of(plan).pk, plan.finding.pk]
        )
    return reverse("meetings:challenge_raise_meeting", args=[subject.pk])


def list_url(plan) -> str:
    return reverse("meetings:challenge_list", args=[inspection_of(plan).pk])


def answer_url(challenge) -> str:
    return (
        reverse("meetings:challenge_answer", args=[challenge.plan.inspection.pk])
        + f"?challenge={challenge.pk}"
    )


def raised(plan, **subject) -> Challenge:
    return challenge_raise(
        plan=plan.finding.plan,
        user=plan.scrutineer,
        text=TEXT,
        **(subject or {"action": plan.action}),
    )


@pytest.mark.django_db
def test_the_scrutineer_challenges_an_action_and_it_shows_on_its_page_and_the_list(client, plan):
    client.force_login(plan.scrutineer)
    page = page_text(client.get(plan.action.get_absolute_url()))
    assert "Raise a challenge on action 1.1" in page

    response = client.post(raise_url("action", plan), {"text": TEXT})
    challenge = Challenge.objects.get()
    assert response["Location"] == f"{plan.action.get_absolute_url()}#challenge-{challenge.pk}"
    assert (challenge.action, challenge.plan, challenge.raised_by) == (
        plan.action,
        plan.finding.plan,
        plan.scrutineer,
    )
    page = page_text(client.get(response["Location"]))
    assert "Your challenge on action 1.1 is sent to the partnership manager to answer" in page
    assert f"Challenge {TEXT} Answer Awaiting the manager's answer" in page
    assert "Open" in page
    listed = page_text(client.get(list_url(plan)))
    assert "Challenge on action 1.1 Open Raised by scrutineer" in listed


@pytest.mark.django_db
def test_the_scrutineer_challenges_an_area_from_the_plans_page(client, plan):
    client.force_login(plan.scrutineer)
    inspection_page = client.get(inspection_of(plan).get_absolute_url()).content.decode()
    assert f'href="{raise_url("area", plan)}"' in inspection_page
    assert f'href="{list_url(plan)}"' in inspection_page

    response = client.post(raise_url("area", plan), {"text": TEXT})
    challenge = Challenge.objects.get()
    assert challenge.finding == plan.finding and challenge.action is None
    assert response["Location"] == f"{list_url(plan)}#challenge-{challenge.pk}"
    page = client.get(response["Location"]).content.decode()
    link = f'href="{inspection_of(plan).get_absolute_url()}#finding-1"'
    assert link in page
    assert "Challenge on" in page_text(client.get(list_url(plan)))
    assert "area for improvement 1" in page_text(client.get(list_url(plan)))


@pytest.mark.django_db
def test_the_scrutineer_challenges_a_meeting_from_its_page(client, plan, meeting):
    client.force_login(plan.scrutineer)
    assert "Raise a challenge on this meeting" in page_text(client.get(meeting.get_absolute_url()))

    response = client.post(raise_url(meeting, plan), {"text": TEXT})
    challenge = Challenge.objects.get()
    assert challenge.meeting == meeting
    assert response["Location"] == f"{meeting.get_absolute_url()}#challenge-{challenge.pk}"
    page = page_text(client.get(response["Location"]))
    assert f"Your challenge on the meeting {meeting} is sent" in page
    assert f"Challenge {TEXT} Answer Awaiting the manager's answer" in page
    listed = client.get(list_url(plan)).content.decode()
    assert f'href="{meeting.get_absolute_url()}">the meeting {meeting}</a>' in html.unescape(listed)


@pytest.mark.django_db
def test_the_managers_are_emailed_a_challenge_with_a_link_to_answer_it(client, plan):
    other_manager = UserFactory(partnership=plan.partnership, role=Role.MANAGER)
    UserFactory(partnership=plan.partnership, role=Role.MANAGER, is_active=False)
    client.force_login(plan.scrutineer)
    client.post(raise_url("action", plan), {"text": TEXT})
    challenge = Challenge.objects.get()
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [plan.manager.email, other_manager.email]
    )
    email = mail.outbox[0]
    assert email.subject == "A challenge on action 1.1 awaits your answer"
    assert TEXT in email.body
    link = f"https://plans.example.org{list_url(plan)}#challenge-{challenge.pk}"
    assert link in email.body
    assert link in email.alternatives[0].content


@pytest.mark.django_db
def test_the_manager_answers_and_the_scrutineer_reads_the_answer_and_is_emailed_it(client, plan):
    challenge = raised(plan)
    mail.outbox.clear()
    client.force_login(plan.manager)
    page = page_text(client.get(plan.action.get_absolute_url()))
    assert "Answer the challenge on action 1.1 raised" in page
    assert client.get(answer_url(challenge)).status_code == 200

    response = client.post(answer_url(challenge), {"answer": ANSWER})
    assert response["Location"] == f"{list_url(plan)}#challenge-{challenge.pk}"
    challenge.refresh_from_db()
    assert (challenge.answer, challenge.answered_by) == (ANSWER, plan.manager)

    assert [email.to for email in mail.outbox] == [[plan.scrutineer.email]]
    assert mail.outbox[0].subject == "Your challenge on action 1.1 is answered"
    assert ANSWER in mail.outbox[0].body

    client.force_login(plan.scrutineer)
    page = page_text(client.get(plan.action.get_absolute_url()))
    assert f"Answer {ANSWER} Answered by manager" in page
    assert "Awaiting the manager's answer" not in page
    listed = page_text(client.get(list_url(plan)))
    assert "Answered" in listed and ANSWER in listed


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "executive", "police_owner"])
def test_only_the_scrutineer_raises_a_challenge(client, plan, meeting, who):
    client.force_login(getattr(plan, who))
    for url in (raise_url("action", plan), raise_url("area", plan), raise_url(meeting, plan)):
        assert client.get(url).status_code == 403
        assert client.post(url, {"text": TEXT}).status_code == 403
    assert not Challenge.objects.exists()
    assert "Raise a challenge" not in page_text(client.get(plan.action.get_absolute_url()))
    assert "Raise a challenge" not in page_text(client.get(meeting.get_absolute_url()))
    assert "Raise a challenge" not in page_text(client.get(inspection_of(plan).get_absolute_url()))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["scrutineer", "executive", "police_owner"])
def test_only_the_manager_answers_a_challenge(client, plan, who):
    challenge = raised(plan)
    client.force_login(getattr(plan, who))
    assert client.get(answer_url(challenge)).status_code == 403
    assert client.post(answer_url(challenge), {"answer": ANSWER}).status_code == 403
    challenge.refresh_from_db()
    assert not challenge.is_answered
    assert "Answer the challenge on" not in page_text(client.get(plan.action.get_absolute_url()))


@pytest.mark.django_db
def test_an_empty_challenge_is_shown_again_with_the_error(client, plan):
    client.force_login(plan.scrutineer)
    response = client.post(raise_url("action", plan), {"text": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == ["Enter your challenge"]
    assert_error_summary_links_reach_inputs(page)
    assert not Challenge.objects.exists()


@pytest.mark.django_db
def test_an_empty_answer_is_shown_again_with_the_error(client, plan):
    challenge = raised(plan)
    client.force_login(plan.manager)
    response = client.post(answer_url(challenge), {"answer": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == ["Enter your answer"]
    assert_error_summary_links_reach_inputs(page)
    challenge.refresh_from_db()
    assert not challenge.is_answered


@pytest.mark.django_db
def test_a_challenge_answered_cannot_be_answered_again(client, plan):
    challenge = challenge_answer(challenge=raised(plan), user=plan.manager, answer=ANSWER)
    client.force_login(plan.manager)
    response = client.post(answer_url(challenge), {"answer": "A different answer."})
    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == [
        "This challenge has already been answered: its answer cannot be changed"
    ]
    assert_error_summary_links_reach_inputs(page)
    assert "A different answer." in page  # what was typed is still there
    challenge.refresh_from_db()
    assert challenge.answer == ANSWER
    assert AuditEvent.objects.filter(kind=EventKind.CHALLENGE_ANSWERED).count() == 1


@pytest.mark.django_db
def test_a_subject_of_another_plan_is_refused(client, plan):
    elsewhere = ActionFactory(finding=FindingFactory(inspection__partnership=plan.partnership))
    with pytest.raises(Exception, match="not in this plan"):
        raised(plan, action=elsewhere)
    with pytest.raises(Exception, match="not in this plan"):
        raised(plan, finding=elsewhere.finding)
    client.force_login(plan.scrutineer)
    # The area's address names the plan: another plan's area is not there.
    url = reverse(
        "meetings:challenge_raise_area", args=[inspection_of(plan).pk, elsewhere.finding.pk]
    )
    assert client.post(url, {"text": TEXT}).status_code == 404
    assert not Challenge.objects.exists()


@pytest.mark.django_db
def test_another_plans_challenge_is_not_answered_through_this_plans_address(client, plan):
    other_finding = FindingFactory(inspection__partnership=plan.partnership)
    other_action = ActionFactory(finding=other_finding)
    challenge = challenge_raise(
        plan=other_finding.plan, user=plan.scrutineer, text=TEXT, action=other_action
    )
    client.force_login(plan.manager)
    url = reverse("meetings:challenge_answer", args=[inspection_of(plan).pk])
    assert client.get(url, {"challenge": challenge.pk}).status_code == 404
    assert client.get(url, {"challenge": "x"}).status_code == 404
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_audit_trail_records_a_challenge_raised_and_answered(plan, meeting):
    challenge = raised(plan)
    challenge_answer(challenge=challenge, user=plan.manager, answer=ANSWER, address="192.0.2.1")
    challenge_raise(plan=plan.finding.plan, user=plan.scrutineer, text=TEXT, meeting=meeting)
    name = trail_name(inspection_of(plan))
    entries = list(
        AuditEvent.objects.filter(kind__startswith="challenge")
        .order_by("pk")
        .values_list("kind", "user", "detail")
    )
    assert entries == [
        (
            EventKind.CHALLENGE_RAISED,
            plan.scrutineer.pk,
            f"Raised a challenge on action 1.1 of {name}, for the manager to answer",
        ),
        (
            EventKind.CHALLENGE_ANSWERED,
            plan.manager.pk,
            f"Answered the challenge on action 1.1 of {name}",
        ),
        (
            EventKind.CHALLENGE_RAISED,
            plan.scrutineer.pk,
            f"Raised a challenge on the meeting {meeting} of {name}, for the manager to answer",
        ),
    ]


@pytest.mark.django_db
def test_the_selectors_list_open_challenges_oldest_first_and_all_open_first(plan, meeting):
    first = raised(plan)
    second = raised(plan, finding=plan.finding)
    third = raised(plan, meeting=meeting)
    challenge_answer(challenge=second, user=plan.manager, answer=ANSWER)
    assert list(open_challenges(plan=plan.finding.plan)) == [first, third]
    assert list(plan_challenges(plan=plan.finding.plan)) == [third, first, second]


@pytest.mark.django_db
def test_everyone_in_the_partnership_reads_the_challenges_page_and_no_one_else(client, plan):
    raised(plan)
    for who in ("manager", "executive", "police_owner", "scrutineer"):
        client.force_login(getattr(plan, who))
        assert TEXT in page_text(client.get(list_url(plan)))
    client.force_login(plan.stranger)
    assert client.get(list_url(plan)).status_code == 404


@pytest.mark.django_db
def test_the_challenges_page_reads_the_same_queries_for_1_and_10_challenges(
    client, plan, meeting, django_assert_num_queries
):
    raised(plan)
    client.force_login(plan.manager)
    client.get(list_url(plan))  # the session's first queries
    with django_assert_num_queries(6) as one:
        assert client.get(list_url(plan)).status_code == 200
    for _ in range(3):
        raised(plan)
        answered = raised(plan, finding=plan.finding)
        challenge_answer(challenge=answered, user=plan.manager, answer=ANSWER)
        raised(plan, meeting=meeting)
    with django_assert_num_queries(len(one)):
        assert client.get(list_url(plan)).status_code == 200
