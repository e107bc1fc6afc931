"""Red and overdue actions in the dashboard, the pack and its Word copy say where their
update stands in the open round: none yet, not yet checked, or sent back for more detail."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from actions.rag import RAG
from people.models import Role
from rounds.models import ReturnReview, ReviewDecision, UpdateRound
from tests.factories import ActionFactory, FindingFactory, ProgressUpdateFactory, UserFactory

TODAY = timezone.localdate()


@pytest.fixture
def plan(db):
    finding = FindingFactory(number=1)
    plan = finding.plan
    plan.manager = UserFactory(partnership=plan.partnership, role=Role.MANAGER)
    plan.executive = UserFactory(partnership=plan.partnership, role=Role.EXECUTIVE)
    update_round = UpdateRound.objects.create(
        plan=plan,
        meeting_date=TODAY + datetime.timedelta(days=10),
        deadline=TODAY + datetime.timedelta(days=3),
        opened_by=plan.manager,
        opened_at=timezone.now() - datetime.timedelta(days=4),
    )
    red = {
        ref: ActionFactory(finding=finding, reference=ref, rag=RAG.RED, description=f"Red {ref}.")
        for ref in ("1.1", "1.2", "1.3", "1.4")
    }
    ProgressUpdateFactory(action=red["1.2"], rag=RAG.RED)  # returned, not yet checked
    for ref, decision in (("1.3", ReviewDecision.SENT_BACK), ("1.4", ReviewDecision.ACCEPTED)):
        ReturnReview.objects.create(
            update_round=update_round,
            update=ProgressUpdateFactory(action=red[ref], rag=RAG.RED),
            decision=decision,
            comment="Say who was recruited." if decision == ReviewDecision.SENT_BACK else "",
            reviewed_by=plan.manager,
        )
    return plan


def row_of(text: str, reference: str) -> str:
    return text.split(f"Red {reference}.", 1)[1].split("Red ", 1)[0]


@pytest.mark.parametrize("page", ["meetings:dashboard", "meetings:meeting_pack"])
def test_each_exception_says_where_its_update_stands(client, plan, page):
    client.force_login(plan.executive)
    text = client.get(reverse(page, args=[plan.inspection.pk])).content.decode()
    # The exceptions' table is the first to list them (the pack's appendix lists all).
    text = text.split("<h3>Red and overdue</h3>" if "pack" in page else "<h2", 1)[1]

    assert "No update this round" in row_of(text, "1.1")
    assert "Update not yet checked" in row_of(text, "1.2")
    assert "Sent back for more detail" in row_of(text, "1.3")
    accepted = row_of(text, "1.4").split("</tr>", 1)[0]
    assert not any(
        words in accepted
        for words in ("No update this round", "Update not yet checked", "Sent back")
    )
    assert "No accepted update" not in text


def test_the_word_pack_says_the_same(client, plan):
    client.force_login(plan.executive)
    response = client.get(reverse("meetings:meeting_pack_docx", args=[plan.inspection.pk]))
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    # The first table of actions is the red and overdue (the appendix lists the whole plan).
    table = next(table for table in document.tables if table.rows[0].cells[0].text == "Ref.")
    statuses = {row.cells[0].text: row.cells[4].text for row in table.rows[1:]}
    assert "No update this round" in statuses["1.1"]
    assert "Update not yet checked" in statuses["1.2"]
    assert "Sent back for more detail" in statuses["1.3"]
    assert "not" not in statuses["1.4"] and "Sent back" not in statuses["1.4"]
