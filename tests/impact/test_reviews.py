"""The watch after closure: a closed action's sustainability review falls due months after
the partnership agreed it; the review that held makes it Embedded, the one that slipped (or a
measure falling back past its baseline) reopens it to the executive with the reason."""

import datetime
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from actions import services as action_services
from actions.models import Action, Closure, Evidence
from actions.rag import EMBEDDED_DEFINITION, RAG
from audit.models import AuditEvent, EventKind
from impact.models import Direction, Measure, Reading, SustainabilityReview, Unit
from impact.reviews import reopen_if_measure_slipped, reviews_due, sustainability_review_record
from people.models import Role, User
from tests.factories import ActionFactory, MeetingFactory, UserFactory
from tests.rounds.conftest import RoundPlan, at


@pytest.fixture
def plan(db, settings):
    settings.SITE_URL = "https://plans.example.org"
    return RoundPlan()


def close(
    plan: RoundPlan,
    action: Action,
    agreed_on: datetime.date | None = None,
    *,
    proposer: User | None = None,
    agreer: User | None = None,
) -> Closure:
    """The police owner (or `proposer`) proposes the action complete and the executive (or
    `agreer`) agrees it, on the day given (today if none)."""
    agreed_on = agreed_on or timezone.localdate()
    with time_machine.travel(at(agreed_on, 9), tick=True):
        action.refresh_from_db()
        action_services.closure_propose(
            action=action,
            user=proposer or plan.police_owner,
            evidence_of_impact="The audit of 40 strategy meetings found all were on time.",
            sustainability_plan="Audited every quarter by the MASH manager.",
            expected_version=action.version,
        )
        action.refresh_from_db()
        closure = action_services.closure_agree(
            action=action,
            user=agreer or plan.executive,
            agreed_on=agreed_on,
            meeting=MeetingFactory(
                plan=plan.inspection.plan, date=agreed_on, recorded_by=plan.manager
            ),
            expected_version=action.version,
        )
    action.refresh_from_db()
    return closure


def review_url(action: Action) -> str:
    return reverse("impact:sustainability_review_new", args=[action.pk])


# --- The date of the review ---------------------------------------------------------------


def test_a_closure_agreed_sets_its_review_six_months_on(plan):
    closure = close(plan, plan.police_actions[0], datetime.date(2026, 3, 13))
    assert closure.sustainability_review_due == datetime.date(2026, 9, 13)


def test_the_review_follows_the_partnerships_own_interval(plan):
    plan.partnership.sustainability_review_months = 3
    plan.partnership.save()
    closure = close(plan, plan.police_actions[0], datetime.date(2026, 3, 13))
    assert closure.sustainability_review_due == datetime.date(2026, 6, 13)


def test_a_closure_on_31_august_is_reviewed_at_the_end_of_february(plan):
    closure = close(plan, plan.police_actions[0], datetime.date(2026, 8, 31))
    assert closure.sustainability_review_due == datetime.date(2027, 2, 28)


# --- The action page ----------------------------------------------------------------------


def test_a_complete_action_says_when_its_review_is_due(client, plan):
    action = plan.police_actions[0]
    closure = close(plan, action)
    client.force_login(plan.police_owner)
    page = client.get(action.get_absolute_url()).content.decode()
    assert f"Sustainability review due on {closure.sustainability_review_due:%-d %B %Y}" in page
    assert review_url(action) in page
    assert ">Embedded</strong> Complete, and" not in page


def test_a_review_past_its_date_shows_as_overdue(client, plan):
    action = plan.police_actions[0]
    close(plan, action, timezone.localdate() - datetime.timedelta(days=200))
    client.force_login(plan.executive)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Review overdue" in page
    assert review_url(action) not in page  # the executive agrees closures; owners review


def test_a_review_that_held_makes_the_action_embedded(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    evidence = Evidence.objects.create(
        action=action,
        title="Quarterly MASH audit",
        link="https://example.org/audit.pdf",
        added_by=plan.police_owner,
    )
    client.force_login(plan.police_owner)

    response = client.post(
        review_url(action),
        {"held": "yes", "note": "Every strategy meeting on time again.", "evidence": evidence.pk},
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.rag == RAG.COMPLETE  # Embedded qualifies Complete: it stays Complete
    page = client.get(action.get_absolute_url()).content.decode()
    assert f'<strong class="govuk-tag govuk-tag--blue">Embedded</strong> {EMBEDDED_DEFINITION}' in (
        page
    )
    assert "The change held" in page
    assert "Every strategy meeting on time again." in page
    assert "Quarterly MASH audit" in page
    assert "Sustainability review due on" not in page
    entry = AuditEvent.objects.get(kind=EventKind.SUSTAINABILITY_REVIEWED)
    assert entry.user == plan.police_owner
    assert entry.detail.endswith(": the change held")


def test_a_review_that_slipped_reopens_the_action_to_the_executive(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    client.force_login(plan.police_owner)
    mail.outbox.clear()

    response = client.post(
        review_url(action), {"held": "no", "note": "Three meetings were late in October."}
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.rag == RAG.RED and not action.is_complete
    reason = "The sustainability review found the change did not hold: Three meetings were late"
    assert reason in action.updates.first().narrative
    assert action.closures.get().reopen_reason.startswith(reason)
    assert AuditEvent.objects.filter(kind=EventKind.ACTION_REOPENED).exists()
    assert [message.to for message in mail.outbox] == [[plan.manager.email]]
    assert "Three meetings were late in October." in mail.outbox[0].body
    assert mail.outbox[0].subject == "Action 1.1 is reopened: the change did not hold"
    page = client.get(action.get_absolute_url()).content.decode()
    assert "The change did not hold" in page
    assert reason in page  # in the action's history
    assert "Embedded</strong>" not in page.split("What the RAG statuses mean")[0]


def test_an_embedded_action_in_the_database_condition(plan):
    from impact.reviews import with_embedded

    action = plan.police_actions[0]
    closure = close(plan, action)
    sustainability_review_record(closure=closure, user=plan.manager, held=True, note="Held.")
    embedded = dict(with_embedded(Action.objects.all()).values_list("pk", "embedded"))
    assert embedded[action.pk] is True
    assert embedded[plan.council_action.pk] is False


# --- The form -----------------------------------------------------------------------------


def test_a_review_without_its_answers_is_shown_again_with_what_was_typed(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    client.force_login(plan.police_owner)

    response = client.post(review_url(action), {"note": "  ", "held": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select whether the change has held" in page
    assert "Enter what shows whether the change held" in page
    assert "<title>Error:" in page
    for target in re.findall(r"govuk-error-summary__list.*?</ul>", page, re.S):
        for href in re.findall(r'href="#([^"]+)"', target):
            assert f'id="{href}"' in page, href

    response = client.post(review_url(action), {"note": "Still holding, I think."})
    page = response.content.decode()
    assert "Still holding, I think." in page
    assert "Select whether the change has held" in page
    assert not SustainabilityReview.objects.exists()


def test_only_the_actions_own_evidence_can_be_cited(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    elsewhere = Evidence.objects.create(
        action=plan.council_action, link="https://example.org/other", added_by=plan.manager
    )
    client.force_login(plan.police_owner)
    response = client.post(
        review_url(action), {"held": "yes", "note": "Held.", "evidence": elsewhere.pk}
    )
    assert response.status_code == 200
    assert "Select evidence of this action" in response.content.decode()


def test_a_reading_of_the_areas_measure_can_be_cited(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    measure = make_measure(plan, action=None, direction=Direction.HIGHER)
    reading = Reading.objects.create(
        measure=measure,
        value=Decimal("91"),
        date=timezone.localdate(),
        entered_by=plan.manager,
    )
    client.force_login(plan.police_owner)
    assert (
        "Contacts decided within 24 hours: 91% on"
        in client.get(review_url(action)).content.decode()
    )
    client.post(review_url(action), {"held": "yes", "note": "Held.", "reading": reading.pk})
    page = client.get(action.get_absolute_url()).content.decode()
    assert f"Contacts decided within 24 hours: 91% on {reading.date:%-d %B %Y}" in page


# --- Who may record it --------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SCRUTINEER, Role.EXECUTIVE])
def test_those_who_do_not_update_actions_may_not_review(client, plan, role):
    action = plan.police_actions[0]
    close(plan, action)
    client.force_login(UserFactory(partnership=plan.partnership, role=role, agency=None))
    assert client.get(review_url(action)).status_code == 403
    assert client.post(review_url(action), {"held": "yes", "note": "x"}).status_code == 403
    assert not SustainabilityReview.objects.exists()


def test_an_owner_of_another_agency_may_not_review(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    client.force_login(plan.council_owner)
    assert client.get(review_url(action)).status_code == 403


def test_the_lead_officer_and_a_manager_may_review(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    for person in (plan.police_owner, plan.manager):
        client.force_login(person)
        assert client.get(review_url(action)).status_code == 200


def test_another_partnerships_action_is_not_found(client, plan):
    action = plan.police_actions[0]
    close(plan, action)
    client.force_login(UserFactory(role=Role.MANAGER))
    assert client.get(review_url(action)).status_code == 404


def test_an_open_action_has_no_review(client, plan):
    client.force_login(plan.manager)
    assert client.get(review_url(plan.council_action)).status_code == 403


# --- Reviews due --------------------------------------------------------------------------


def test_reviews_due_lists_closures_due_by_the_day_and_not_yet_reviewed(
    plan, django_assert_num_queries
):
    first, second = plan.police_actions
    due = close(plan, first, datetime.date(2026, 1, 15))  # review 15 July 2026
    later = close(plan, second, datetime.date(2026, 3, 1))  # review 1 September 2026
    other_agency = ActionFactory(finding=plan.finding, lead_agency=plan.council, reference="1.4")
    council_due = close(
        plan,
        other_agency,
        datetime.date(2026, 1, 10),
        proposer=plan.council_owner,
        agreer=plan.manager,
    )
    the_plan = plan.inspection.plan

    with django_assert_num_queries(1):
        listed = list(reviews_due(plan=the_plan, on=datetime.date(2026, 7, 31)))
    assert listed == [council_due, due]
    assert [c.action.reference for c in listed] == ["1.4", "1.1"]
    assert later not in listed
    assert list(reviews_due(plan=the_plan, on=datetime.date(2026, 7, 31), agency=plan.police)) == [
        due
    ]

    sustainability_review_record(closure=due, user=plan.police_owner, held=True, note="Held.")
    assert list(reviews_due(plan=the_plan, on=datetime.date(2026, 9, 30))) == [council_due, later]


def test_the_round_email_lists_the_owners_reviews_due(plan):
    action = plan.police_actions[0]
    close(plan, action, datetime.date(2025, 8, 31))  # review due 28 February 2026
    mail.outbox.clear()

    plan.open_round()  # for the meeting of 13 March 2026

    (police,) = [m for m in mail.outbox if m.to == [plan.police_owner.email]]
    assert "This action is complete, and its sustainability review is due" in police.body
    assert "Review due 28 February 2026" in police.body
    assert f"https://plans.example.org{review_url(action)}" in police.body
    assert review_url(action) in police.alternatives[0][0]
    (council,) = [m for m in mail.outbox if m.to == [plan.council_owner.email]]
    assert "sustainability review" not in council.body


def test_the_partial_lists_reviews_due(plan):
    from django.template.loader import render_to_string

    close(plan, plan.police_actions[0], datetime.date(2025, 8, 31))
    with time_machine.travel(at(datetime.date(2026, 3, 2)), tick=False):
        due = list(reviews_due(plan=plan.inspection.plan, on=datetime.date(2026, 3, 31)))
    html = render_to_string("impact/reviews/_reviews_due.html", {"reviews_due": due})
    assert "28 February 2026" in html and "Overdue" in html
    assert "No sustainability reviews are due" in render_to_string(
        "impact/reviews/_reviews_due.html", {"reviews_due": []}
    )


# --- The RAG key --------------------------------------------------------------------------


def test_the_rag_key_explains_complete_and_embedded(client, plan):
    client.force_login(plan.manager)
    page = client.get(plan.inspection.get_absolute_url()).content.decode()
    key = page.split("What the RAG statuses mean")[1]
    assert key.index("Complete</strong>") < key.index("Embedded</strong>")
    assert EMBEDDED_DEFINITION in key


def test_the_word_and_spreadsheet_keys_explain_embedded(plan):
    from govuk.word import WordWriter
    from spreadsheets.exports import plan_xlsx
    from statements.word import rag_key

    workbook = load_workbook(io.BytesIO(plan_xlsx(plan.inspection)))
    rows = [tuple(c.value for c in row) for row in workbook["RAG definitions"].iter_rows()]
    assert rows[rows.index(("Complete", RAG.COMPLETE.definition)) + 1] == (
        "Embedded",
        EMBEDDED_DEFINITION,
    )
    writer = WordWriter(title="Key", author="SCP", subject="Key", marking="", running="Key")
    rag_key(writer)
    document = Document(io.BytesIO(writer.to_bytes()))
    cells = [row.cells[0].text for row in document.tables[0].rows]
    assert cells[cells.index("Complete") + 1] == "Embedded"


# --- A measure falling back ---------------------------------------------------------------


def make_measure(plan, *, action, direction):
    higher = direction == Direction.HIGHER
    return Measure.objects.create(
        finding=plan.finding,
        action=action,
        name="Contacts decided within 24 hours" if higher else "Hours in custody out of hours",
        definition="Counted from the MASH performance report each month.",
        unit=Unit.PERCENTAGE if higher else Unit.HOURS,
        direction=direction,
        baseline_value=Decimal("62") if higher else Decimal("14"),
        baseline_date=datetime.date(2025, 1, 31),
        target_value=Decimal("90") if higher else Decimal("4"),
        target_date=datetime.date(2026, 3, 31),
        created_by=plan.manager,
    )


def read(plan, measure, value: str, day: datetime.date | None = None) -> Reading:
    return Reading.objects.create(
        measure=measure,
        value=Decimal(value),
        date=day or timezone.localdate(),
        entered_by=plan.police_owner,
    )


@pytest.mark.parametrize(
    ("direction", "worse", "better", "words"),
    [
        (Direction.HIGHER, "58", "63", "58% on"),
        (Direction.LOWER, "15.5", "13", "15.5 hours on"),
    ],
)
def test_a_measure_that_falls_back_past_its_baseline_reopens_the_action(
    plan, direction, worse, better, words
):
    action = plan.police_actions[0]
    close(plan, action, timezone.localdate() - datetime.timedelta(days=30))
    measure = make_measure(plan, action=action, direction=direction)
    mail.outbox.clear()

    assert reopen_if_measure_slipped(reading=read(plan, measure, better)) is False
    action.refresh_from_db()
    assert action.is_complete

    reading = read(plan, measure, worse, timezone.localdate() + datetime.timedelta(days=1))
    assert reopen_if_measure_slipped(reading=reading) is True
    action.refresh_from_db()
    assert action.rag == RAG.RED
    narrative = action.updates.first().narrative
    assert f"The measure {measure.name} fell back past its baseline: {words}" in narrative
    assert [message.to for message in mail.outbox] == [[plan.manager.email]]
    assert "fell back past its baseline" in mail.outbox[0].body


def test_a_measure_of_an_open_action_or_an_area_reopens_nothing(plan):
    open_action = make_measure(plan, action=plan.council_action, direction=Direction.HIGHER)
    area = make_measure(plan, action=None, direction=Direction.HIGHER)
    assert reopen_if_measure_slipped(reading=read(plan, open_action, "10")) is False
    assert reopen_if_measure_slipped(reading=read(plan, area, "10")) is False
    assert not AuditEvent.objects.filter(kind=EventKind.ACTION_REOPENED).exists()


def test_a_reading_from_before_the_closure_reopens_nothing(plan):
    action = plan.police_actions[0]
    close(plan, action, timezone.localdate() - datetime.timedelta(days=30))
    measure = make_measure(plan, action=action, direction=Direction.HIGHER)
    old = read(plan, measure, "40", timezone.localdate() - datetime.timedelta(days=60))
    assert reopen_if_measure_slipped(reading=old) is False
    action.refresh_from_db()
    assert action.is_complete


def test_a_reading_recorded_in_the_service_that_falls_past_the_baseline_reopens(plan):
    from impact.services import reading_record

    action = plan.police_actions[0]
    close(plan, action, timezone.localdate() - datetime.timedelta(days=30))
    measure = make_measure(plan, action=action, direction=Direction.HIGHER)
    reading_record(
        measure=measure, user=plan.police_owner, value=Decimal("58"), date=timezone.localdate()
    )
    action.refresh_from_db()
    assert action.rag == RAG.RED and not action.is_complete
    assert "fell back past its baseline" in action.updates.first().narrative
