"""The executive reads in the meeting pack's highlight report the target dates moved or
refused since the last meeting (with the owner's reason, who asked and who decided, or that
the manager moved it in the plan), the new dates awaiting its decision, and the supporting
agencies' contributions since the meeting: in the preview, the PDF and the Word pack, and in
an agency's own pack for the actions it leads only."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from actions import services
from actions.contributions import contribution_record
from actions.date_requests import date_request_create, date_request_decide
from actions.models import Action
from actions.rag import RAG
from meetings.services import meeting_record
from people.models import Role
from tests.actions.conftest import Plan
from tests.factories import ActionFactory, AgencyFactory, UserFactory

TODAY = timezone.localdate()
MET = TODAY - datetime.timedelta(days=14)
LONG_ACCOUNT = " ".join(["Health visitors joined every strategy discussion this month."] * 12)


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _fresh(action: Action) -> Action:
    return Action.objects.get(pk=action.pk)


def _ask(action, user, *, to, reason):
    date_request_create(action=_fresh(action), user=user, proposed_date=to, reason=reason)


def _decide(action, user, *, approved, comment=""):
    fresh = _fresh(action)
    date_request_decide(
        action=fresh,
        user=user,
        approved=approved,
        comment=comment,
        expected_version=fresh.version,
    )


def _contribute(action, author, narrative, **evidence):
    contribution_record(action=_fresh(action), author=author, narrative=narrative, **evidence)


@pytest.fixture
def owners_changes(db):
    """A plan met 14 days ago. Before the meeting the police's date was moved once and Health
    contributed to its action. Since: the police's new date approved,
    the council's refused, the manager moved the council's second action in the plan, the
    council asks for a date on a third (awaiting), and Health and the police contributed."""
    plan = Plan()
    plan.health = AgencyFactory(partnership=plan.partnership, name="Health")
    plan.health_owner = UserFactory(
        partnership=plan.partnership,
        agency=plan.health,
        role=Role.OWNER,
        first_name="Hana",
        last_name="Nurse",
    )
    plan.action.target_date = _days(2)
    plan.action.save()
    plan.action.supporting_agencies.add(plan.health)
    council = {"lead_agency": plan.council, "lead_officer": plan.council_owner}
    plan.refused = ActionFactory(
        finding=plan.finding,
        reference="1.2",
        description="Recruit four emergency duty social workers.",
        target_date=_days(5),
        **council,
    )
    plan.refused.supporting_agencies.add(plan.police)
    plan.moved = ActionFactory(
        finding=plan.finding,
        reference="1.3",
        description="Agree the out-of-hours rota.",
        target_date=_days(20),
        **council,
    )
    plan.awaiting = ActionFactory(
        finding=plan.finding,
        reference="1.4",
        description="Audit the strategy discussions.",
        target_date=_days(3),
        **council,
    )
    with time_machine.travel(TODAY - datetime.timedelta(days=20), tick=False):
        _ask(plan.action, plan.police_owner, to=_days(10), reason="An old reason, met before.")
        _decide(plan.action, plan.executive, approved=True)
        _contribute(plan.action, plan.health_owner, "An old contribution, heard before.")
    meeting_record(plan=plan.finding.plan, user=plan.manager, date=MET, title="LSCP executive")

    _ask(plan.action, plan.police_owner, to=_days(60), reason="The analyst post is vacant.")
    _decide(plan.action, plan.executive, approved=True, comment="Agreed: report in March.")
    _ask(plan.refused, plan.council_owner, to=_days(90), reason="The campaign closed unfilled.")
    _decide(plan.refused, plan.manager, approved=False, comment="The revisit is in February.")
    moved = _fresh(plan.moved)
    services.action_edit(
        action=moved,
        user=plan.manager,
        expected_version=moved.version,
        details={"target_date": _days(45)},
        supporting_agencies=[],
        target_date_change_reason="The rota waits for the new contract.",
    )
    _ask(plan.awaiting, plan.council_owner, to=_days(30), reason="The auditor starts in May.")
    _contribute(
        plan.action,
        plan.health_owner,
        LONG_ACCOUNT,
        evidence_link="https://sharepoint.example.org/health/attendance.xlsx",
    )
    _contribute(plan.refused, plan.police_owner, "Police vetting of candidates takes a week.")
    return plan


def _url(plan, name: str) -> str:
    return reverse(name, args=[plan.finding.plan.inspection.pk])


def _preview(client, plan, **params) -> str:
    client.force_login(plan.executive)
    response = client.get(_url(plan, "meetings:meeting_pack"), params)
    assert response.status_code == 200
    return " ".join(strip_tags(response.content.decode()).split())


def _pdf_text(client, plan, **params) -> str:
    client.force_login(plan.executive)
    response = client.get(_url(plan, "meetings:meeting_pack_download"), params)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _word_text(client, plan, **params) -> str:
    client.force_login(plan.executive)
    response = client.get(_url(plan, "meetings:meeting_pack_docx"), params)
    assert response.status_code == 200
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    # In the document's order, each table's cells where the table stands.
    texts = []
    for block in word.element.body.iterchildren():
        if block.tag == qn("w:p"):
            texts.append(Paragraph(block, word).text)
        elif block.tag == qn("w:tbl"):
            texts += [cell.text for row in Table(block, word).rows for cell in row.cells]
    return " ".join(" ".join(texts).split())


def _section(text: str, heading: str, following: str) -> str:
    return text.split(heading, 1)[1].split(following, 1)[0]


DECIDED = "Target dates moved or refused since the last meeting"
AWAITING = "New target dates awaiting the executive's decision"
CONTRIBUTIONS = "Supporting agencies' contributions since the last meeting"


def _every_document(client, plan, **params) -> dict[str, str]:
    return {
        "preview": _preview(client, plan, **params),
        "pdf": _pdf_text(client, plan, **params),
        "word": _word_text(client, plan, **params),
    }


@pytest.mark.django_db
def test_the_highlight_report_shows_the_dates_decided_since_the_meeting(client, owners_changes):
    for where, text in _every_document(client, owners_changes).items():
        decided = _section(text, DECIDED, AWAITING)
        assert "The analyst post is vacant." in decided, where
        assert f"{_days(10):%-d %b %Y} → {_days(60):%-d %b %Y}" in decided, where
        assert "Approved by executive" in decided, where
        assert "Agreed: report in March." in decided, where
        assert "The campaign closed unfilled." in decided, where
        assert "Refused by manager" in decided, where
        assert f"Stays {_days(5):%-d %b %Y}" in decided, where
        assert "The revisit is in February." in decided, where
        assert "The rota waits for the new contract." in decided, where
        assert "Moved in the plan by the manager" in decided, where
        assert "Moved by the partnership manager in the plan." not in decided, where
        # Who asked, with their agency; before the meeting is left out.
        assert "police_owner" in decided and "council_owner" in decided, where
        assert "An old reason, met before." not in text, where


@pytest.mark.django_db
def test_the_dates_awaiting_a_decision_say_the_executive_decides_them(client, owners_changes):
    for where, text in _every_document(client, owners_changes).items():
        awaiting = _section(text, AWAITING, CONTRIBUTIONS)
        assert "The executive decides these" in awaiting, where
        assert "1.4" in awaiting and "Audit the strategy discussions." in awaiting, where
        assert f"{_days(3):%-d %b %Y} → {_days(30):%-d %b %Y}" in awaiting, where
        assert "The auditor starts in May." in awaiting, where
        assert "The campaign closed unfilled." not in awaiting, where


@pytest.mark.django_db
def test_the_contributions_since_the_meeting_show_agency_date_account_and_evidence(
    client, owners_changes
):
    documents = _every_document(client, owners_changes)
    for where, text in documents.items():
        contributions = _section(text, CONTRIBUTIONS, "Closures to agree")
        assert "Health" in contributions and "Hana Nurse" in contributions, where
        assert "Review demand in the missing persons unit." in contributions, where
        assert f"{TODAY:%-d %b %Y}" in contributions, where
        assert "1 item" in contributions, where
        assert "Metropolitan Police" in contributions, where
        assert "Police vetting of candidates takes a week. None" in contributions, where
        assert "An old contribution, heard before." not in text, where
    # The PDF shortens a long account and says where it is in full; the others give it all.
    assert LONG_ACCOUNT not in documents["pdf"]
    assert "In full on the action's page." in documents["pdf"]
    assert LONG_ACCOUNT in documents["preview"] and LONG_ACCOUNT in documents["word"]


@pytest.mark.django_db
def test_an_agencys_own_pack_shows_only_its_actions_entries(client, owners_changes):
    police = owners_changes.police
    for where, text in _every_document(client, owners_changes, agency=police.pk).items():
        assert "The analyst post is vacant." in _section(text, DECIDED, AWAITING), where
        assert "The campaign closed unfilled." not in text, where  # the council's action
        assert "The rota waits for the new contract." not in text, where
        assert "No new target date awaits the executive's decision." in text, where
        contributions = _section(text, CONTRIBUTIONS, "Closures to agree")
        assert "Hana Nurse" in contributions, where
        # The police's own contribution is to the council's action: the council's entry.
        assert "Police vetting of candidates" not in text, where


@pytest.mark.django_db
def test_before_the_first_meeting_every_decision_and_contribution_is_listed(client, db):
    plan = Plan()
    _ask(plan.action, plan.police_owner, to=_days(100), reason="The analyst post is vacant.")
    _decide(plan.action, plan.executive, approved=False, comment="Not yet.")
    for where, text in _every_document(client, plan).items():
        assert "No meeting has been recorded yet, so every decision is listed" in text, where
        decided = _section(text, "Target dates moved or refused", AWAITING)
        assert "The analyst post is vacant." in decided and "Not yet." in decided, where
        assert "No supporting agency has added a contribution." in text, where


def _grow(plan, extra: int) -> None:
    """`extra` more actions Health supports, each with a new date asked for (two in three
    decided) and a contribution from Health, since the meeting."""
    plan.extra_owner = UserFactory(
        partnership=plan.partnership, agency=plan.health, role=Role.OWNER
    )
    for n in range(extra):
        action = ActionFactory(
            finding=plan.finding,
            reference=f"9.{n}",
            lead_agency=plan.council if n % 2 else plan.police,
            lead_officer=plan.council_owner,
            target_date=_days(5),
            rag=RAG.AMBER,
        )
        action.supporting_agencies.add(plan.health)
        _ask(action, plan.council_owner, to=_days(50 + n), reason=f"Reason {n}.")
        if n % 3:
            _decide(action, plan.executive, approved=bool(n % 2), comment="Decided.")
        _contribute(action, plan.extra_owner, f"Contribution {n}.")


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_the_pack_reads_them_in_two_queries_however_many(
    client, owners_changes, extra, django_assert_num_queries
):
    _grow(owners_changes, extra)
    client.force_login(owners_changes.executive)
    # The preview of a plan met once opens in 31 queries (tests/actions/test_dashboard.py);
    # the target dates decided and awaiting add one, the contributions with their evidence
    # counted one more, however many of each.
    with django_assert_num_queries(33):
        response = client.get(_url(owners_changes, "meetings:meeting_pack"))
    page = response.content.decode()
    assert all(f"Reason {n}." in page and f"Contribution {n}." in page for n in range(extra))
    assert page.count("Decided.") == len([n for n in range(extra) if n % 3])
