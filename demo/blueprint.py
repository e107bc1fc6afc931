"""The shapes of the demo data: partnerships, their people and their action plans.

Lewisham's inspection, findings and letter are real (see lewisham_letter.py); its
actions, officers and progress are invented but written the way partnership plans
are. Northbrook is fictional throughout: a second partnership so that isolation
between partnerships can be seen.

The whole story moves with the day the demo is loaded, so it always has an
update round open, something overdue, something due soon and updates from the
last two executive meetings: the dates of actions, updates, asks and decisions
are offsets in days from that day, and the inspection's dates move with it (see
InspectionSeed.letter_days_ago), so the plan is always written after its letter.
"""

import datetime
from dataclasses import dataclass, field

from actions.models import EvidenceKind, PlanStatus
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
    """An owner's progress update, `days_ago` before the demo's day: its RAG, what they
    wrote, how much of the action they report done and, when the RAG got worse, why (the
    product asks for it)."""

    days_ago: int
    rag: RAG
    narrative: str
    percent: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class ReturnSeed:
    """An owner's return to the update round now open, two days ago, and what the manager
    made of it: accepted, sent back with `comment`, or not yet looked at ("")."""

    action: str  # the action's reference
    narrative: str
    percent: int | None = None
    review: str = ""
    comment: str = ""


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
    # What the owner attached to their latest update: its title and kind.
    evidence: tuple[str, EvidenceKind] | None = None


@dataclass(frozen=True)
class InspectionSeed:
    """The letter's facts. Its dates are as the letter states them; the loader moves them
    by whole weeks, keeping their weekdays and the gaps between them, so that the letter
    falls about `letter_days_ago` before the demo's day, and gives the moved letter the
    statement deadline the Regulations give it (70 working days)."""

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
    letter_days_ago: int
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
    returns: tuple[ReturnSeed, ...] = ()
