"""The shapes of the demo data: partnerships, their people and their action plans.

Lewisham's inspection, findings and letter are real (see lewisham_letter.py); its
actions, officers and progress are invented but written the way partnership plans
are. Northbrook is fictional throughout: a second partnership so that isolation
between partnerships can be seen.

Dates of actions and updates are offsets in days from the day the demo is
loaded, so the demo always has something overdue, something due soon, and
updates from the last two bi-monthly meetings.
"""

import datetime
from dataclasses import dataclass, field

from actions.models import PlanStatus
from actions.rag import RAG
from meetings.models import AskKind
from partnerships.models import AgencyKind
from people.models import Role

DEMO_PASSWORD = "demo-password"


@dataclass(frozen=True)
class AgencySeed:
    key: str
    name: str
    short_name: str
    kind: AgencyKind


@dataclass(frozen=True)
class PersonSeed:
    username: str
    first_name: str
    last_name: str
    job_title: str
    agency: str
    role: Role


@dataclass(frozen=True)
class UpdateSeed:
    days_ago: int
    rag: RAG
    narrative: str


@dataclass(frozen=True)
class ActionSeed:
    description: str
    lead_agency: str
    lead_officer: str | None
    start: int
    target: int
    success_measure: str
    rag: RAG
    supporting: tuple[str, ...] = ()
    original_target: int | None = None
    target_change_reason: str = ""
    updates: tuple[UpdateSeed, ...] = ()


@dataclass(frozen=True)
class InspectionSeed:
    subject: str
    theme: str
    inspectorates: tuple[str, ...]
    onsite_start: datetime.date
    onsite_end: datetime.date
    letter_date: datetime.date
    statement_due: datetime.date
    principal_authority: str
    addressees: str
    headline_findings: str
    strengths: str
    status: PlanStatus
    findings: tuple[str, ...]
    actions: dict[int, tuple[ActionSeed, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class AskSeed:
    """What an action's owner asked of the executive, `days_ago` before the demo's day."""

    action: str  # the action's reference
    kind: AskKind
    text: str
    asked_by: str
    days_ago: int


@dataclass(frozen=True)
class DecisionSeed:
    """A decision of one of the demo's two meetings (0: the earlier, 1: the latest), due
    `due_in` days after the demo's day; it answers the asks on the actions of `answers`."""

    meeting: int
    text: str
    owner: str | None
    due_in: int | None
    actions: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    done_days_ago: int | None = None
    done_note: str = ""


@dataclass(frozen=True)
class MeetingSeed:
    """Who came to one of the demo's two meetings (in order: the earlier, the latest), who
    sent apologies, and its agenda. People of the partnership by username; guests, and
    their apologies, by name and role as the minutes would write them."""

    attendees: tuple[str, ...]
    agenda: tuple[str, ...]
    apologies: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    guest_apologies: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartnershipSeed:
    slug: str
    local_area: str
    name: str
    short_name: str
    agencies: tuple[AgencySeed, ...]
    people: tuple[PersonSeed, ...]
    inspection: InspectionSeed
    asks: tuple[AskSeed, ...] = ()
    decisions: tuple[DecisionSeed, ...] = ()
    meetings: tuple[MeetingSeed, ...] = ()
