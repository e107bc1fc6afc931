"""Every figure on the executive's dashboard is the length of the list it links to, on a plan
with complete, archived, overdue, red and not-updated actions."""

import dataclasses
import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.rag import RAG
from meetings.dashboard import Cell, Dashboard
from meetings.services import meeting_record
from people.models import Role
from tests.actions.conftest import propose
from tests.actions.test_action_lists import listed
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    FindingFactory,
    ProgressUpdateFactory,
    UserFactory,
)

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def inspection(db):
    """Two areas, two agencies; an executive meeting a week ago, and actions of every kind."""
    first = FindingFactory(number=1)
    inspection = first.plan.inspection
    second = FindingFactory(inspection=inspection, number=2, text="Training.")
    partnership = inspection.partnership
    police = AgencyFactory(partnership=partnership, name="Metropolitan Police")
    council = AgencyFactory(partnership=partnership, name="Lewisham Council")

    def person(role, agency):
        return UserFactory(partnership=partnership, agency=agency, role=role)

    manager, owner = person(Role.MANAGER, council), person(Role.OWNER, council)
    inspection.executive = person(Role.EXECUTIVE, council)
    specs = [
        # ref, area, agency, rag, target, archived
        ("1.1", first, police, RAG.RED, days(-3), False),  # red, overdue, never updated
        ("1.2", first, police, RAG.GREEN, days(-1), False),  # overdue behind a green
        ("1.3", first, council, RAG.AMBER, days(30), False),  # due soon, updated before
        ("1.4", first, council, RAG.COMPLETE, days(-50), False),  # complete, never updated
        ("2.1", second, council, RAG.RED, days(59), False),  # red and due soon
        ("2.2", second, police, RAG.NOT_STARTED, days(200), False),
        ("2.3", second, council, RAG.GREEN, days(120), False),  # proposed complete
        ("1.9", first, police, RAG.RED, days(-10), True),  # archived: counted nowhere
        ("2.9", second, council, RAG.GREEN, days(-10), True),
    ]
    actions = {
        ref: ActionFactory(
            finding=area,
            reference=ref,
            lead_agency=agency,
            rag=rag,
            target_date=target,
            archived_at=timezone.now() if archived else None,
        )
        for ref, area, agency, rag, target, archived in specs
    }
    meeting_record(plan=inspection.plan, user=manager, date=days(-7), title="LSCP executive")
    ProgressUpdateFactory(action=actions["1.3"], author=owner, date=days(-30), rag=RAG.AMBER)
    ProgressUpdateFactory(action=actions["1.2"], author=owner, date=days(-2))
    ProgressUpdateFactory(action=actions["2.1"], author=owner, date=days(-2), rag=RAG.RED)
    propose(actions["2.3"], owner)  # after the meeting: an update since
    return inspection


def cells_of(board: Dashboard) -> dict[str, Cell]:
    """Every figure of the dashboard, by where it stands, found by walking the dashboard, so
    that a figure added later is walked too."""
    cells: dict[str, Cell] = {}
    for field in dataclasses.fields(board):
        value = getattr(board, field.name)
        if isinstance(value, Cell):
            cells[field.name] = value
    for status, cell, _ in board.totals:
        cells[f"totals {status.label}"] = cell
    for name in ("by_finding", "by_agency"):
        for row in getattr(board, name):
            for status, cell in zip(RAG, row.cells, strict=True):
                cells[f"{name} {row.label} {status.label}"] = cell
            cells[f"{name} {row.label} all"] = row.total
    cells["exceptions"] = Cell(board.exception_count, board.exceptions_url)
    return cells


def listed_count(client, url: str) -> tuple[int, list[str]]:
    """What the action list says it holds ("N actions"), and the references it shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    said = re.search(r'role="status">\s*(\d+) actions?\b', response.content.decode())
    assert said, url
    return int(said[1]), listed(response)


def test_every_figure_on_the_dashboard_is_the_length_of_the_list_it_links_to(client, inspection):
    client.force_login(inspection.executive)
    response = client.get(reverse("meetings:dashboard", args=[inspection.pk]))
    page = response.content.decode()
    cells = cells_of(response.context["dashboard"])
    assert {"total", "overdue", "due_soon", "not_updated", "awaiting_agreement"} <= set(cells)

    for where, cell in cells.items():
        shown, references = listed_count(client, cell.url)
        assert shown == cell.count == len(references), (where, cell.url, references)
        if cell.count:  # the page shows the figure, linked to its list (a nought is no link)
            figures = re.findall(
                rf'href="{re.escape(html.escape(cell.url))}"[^>]*>\s*'
                r'(?:<span class="app-figure__number">)?(\d+)',
                page,
            )
            assert figures and set(figures) == {str(cell.count)}, (where, figures)

    # The plan as a person would count it: archived actions nowhere, complete ones not overdue
    # and needing no update.
    assert cells["total"].count == 7
    assert cells["overdue"].count == 2
    assert cells["exceptions"].count == 3  # 1.1 and 2.1 red, 1.2 overdue
    assert cells["awaiting_agreement"].count == 1


def test_not_updated_since_the_last_meeting_counts_open_actions_only(client, inspection):
    client.force_login(inspection.executive)
    response = client.get(reverse("meetings:dashboard", args=[inspection.pk]))
    not_updated = response.context["dashboard"].not_updated

    # 1.4 is complete and never updated, 1.9 archived: neither needs an update.
    assert sorted(listed(client.get(not_updated.url))) == ["1.1", "1.3", "2.2"]
    assert re.search(
        r'<span class="app-figure__number">3</span> open actions not updated since the last',
        response.content.decode(),
    )
