"""Who signs the statement off, whether their approval still stands, and what is missing
before it can go to Ofsted.

Each statutory safeguarding partner (local authority, health, police) names a lead who
approves the statement exactly as it stands. An approval records the SHA-256 of the
statement's content (`statement_fingerprint`), not of the PDF's bytes: the PDF is not
reproducible (it carries the day it was made and WeasyPrint's creation time, so the same
statement hashes differently tomorrow), it takes about a second to make, which every
preview and readiness check would pay, and it ends with the sign-off block, which the
approval itself changes. The content is what the partners promise: every word and date a
reader of the statement sees, in a fixed order. An approval counts only while that hash
equals the current statement's and no service has found it changed since.
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from actions.models import Plan
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from inspections.models import Inspection
from partnerships.models import Agency, AgencyKind
from people import permissions
from people.models import User
from statements.models import StatementApproval, StatementSignatory

if TYPE_CHECKING:
    from statements.statement import StatementDocument

# The statutory safeguarding partners (Children Act 2004 s.16E): each approves the statement.
STATUTORY_KINDS = (AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE)

WITHDRAWN = "withdrawn: the statement changed after this approval"


def statement_fingerprint(document: "StatementDocument") -> str:
    """The SHA-256 of the statement's content as a canonical text: the plan's own words,
    the letter's facts the cover shows, and every area and action with what the statement
    says of it. Nothing of the layout, the day it was made, or the sign-off block."""
    inspection, plan = document.inspection, document.plan
    lines = [
        f"version\t{plan.statement_version}",
        f"marking\t{plan.protective_marking}",
        f"introduction\t{plan.statement_introduction}",
        f"governance\t{plan.statement_governance}",
        f"subject\t{inspection.subject}",
        f"letter\t{inspection.letter_date}",
        f"due\t{inspection.statement_due}",
        f"principal authority\t{inspection.principal_authority}",
        f"columns\t{document.extra_columns}",
    ]
    for section in document.sections:
        finding = section.finding
        lines.append(f"area\t{finding.number}\t{finding.is_priority}\t{finding.text}")
        for row in section.rows:
            action = row.action
            officer = action.lead_officer
            lines.append(
                "\t".join(
                    str(value)
                    for value in (
                        "action",
                        action.reference,
                        action.description,
                        action.lead_agency.name,
                        officer.get_full_name() if officer else "",
                        officer.job_title if officer else "",
                        action.start_date,
                        row.target_date,
                        action.original_target_date,
                        action.success_measure,
                        row.extra,
                    )
                )
            )
    canonical = "\n".join(line.replace("\r\n", "\n") for line in lines)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass
class SignOffRow:
    """One statutory partner in the sign-off block: its lead and their standing approval."""

    agency: Agency
    lead: User | None = None
    approval: StatementApproval | None = None
    # The lead's latest approval that no longer counts, when none does.
    withdrawn: StatementApproval | None = None

    @property
    def approved(self) -> bool:
        return self.approval is not None


def statutory_agencies(plan: Plan) -> QuerySet[Agency]:
    agencies = Agency.objects.filter(partnership=plan.partnership_id, kind__in=STATUTORY_KINDS)
    return agencies.order_by("kind", "name")


def sign_off_rows(*, plan: Plan, fingerprint: str) -> list[SignOffRow]:
    """Each statutory partner with its nominated lead and whether their approval of the
    statement as it stands now counts, in three queries."""
    leads = {
        signatory.agency_id: signatory.person
        for signatory in StatementSignatory.objects.filter(plan=plan).select_related("person")
    }
    approvals = list(StatementApproval.objects.filter(plan=plan).select_related("person"))
    rows = []
    for agency in statutory_agencies(plan):
        row = SignOffRow(agency, lead=leads.get(agency.pk))
        for approval in approvals:  # newest first
            if row.lead is None or (approval.agency_id, approval.person_id) != (
                agency.pk,
                row.lead.pk,
            ):
                continue
            if approval.sha256 == fingerprint and approval.withdrawn_at is None:
                row.approval = approval
                row.withdrawn = None
                break
            row.withdrawn = row.withdrawn or approval
        rows.append(row)
    return rows


def _open_to_anyone(user: User) -> bool:
    return True


@dataclass
class Condition:
    """One thing the statement needs before it is recorded as sent, in words either way."""

    done: bool
    words: str
    fix_url: str = ""
    fix_text: str = ""
    # Who may open the page that fixes it: the people.permissions rule that page checks,
    # so nobody is offered a link that ends in a refusal.
    may_fix: Callable[[User], bool] = _open_to_anyone


class NotReady(ValidationError):
    """One reason the statement cannot be recorded as sent: its words, carrying the condition
    they come from, so the page that refuses can link each to where it is fixed."""

    def __init__(self, condition: Condition) -> None:
        super().__init__(condition.words, code="not_ready")
        self.condition = condition


@dataclass
class Readiness:
    conditions: list[Condition] = field(default_factory=list)

    def seen_by(self, user: User) -> "Readiness":
        """The same conditions, linking only to the pages this person may open: the others
        read the words alone."""
        return Readiness(
            [
                condition
                if condition.may_fix(user)
                else replace(condition, fix_url="", fix_text="", may_fix=_open_to_anyone)
                for condition in self.conditions
            ]
        )

    @property
    def ready(self) -> bool:
        return all(condition.done for condition in self.conditions)

    @property
    def missing(self) -> list[NotReady]:
        """What is not done, as the reasons a refusal gives."""
        return [NotReady(condition) for condition in self.conditions if not condition.done]


def statement_readiness(*, document: "StatementDocument") -> Readiness:
    """What the statement needs before it can be recorded as sent, each said once here:
    the submission refuses with these words and the preview lists them."""
    inspection, plan = document.inspection, document.plan
    sign_off_url = reverse("statements:statement_sign_off", args=[inspection.pk])
    edit_url = reverse("statements:statement_edit", args=[inspection.pk])
    may_plan = partial(permissions.can_plan, plan=plan)
    readiness = Readiness()
    present = {row.agency.kind for row in document.sign_off}
    for kind in STATUTORY_KINDS:
        if kind not in present:
            readiness.conditions.append(
                Condition(
                    False,
                    f"{kind.label}: the partnership has no agency of this kind to approve "
                    "the statement",
                    reverse("inspections:agency_list"),
                    "Add the agency",
                    permissions.is_partnership_manager,
                )
            )
    for row in document.sign_off:
        name = row.agency.name
        if row.lead is None:
            condition = Condition(False, f"{name}: no lead is nominated to approve the statement")
        elif row.approval:
            condition = Condition(
                True,
                f"{name}: approved by {row.lead.get_full_name()} on "
                f"{timezone.localtime(row.approval.approved_at):%-d %B %Y}",
            )
        elif row.withdrawn:
            condition = Condition(
                False,
                f"{name}: the approval of {row.lead.get_full_name()} was {WITHDRAWN}; "
                "it needs their approval again",
            )
        else:
            awaiting = f"{name}: awaiting approval from {row.lead.get_full_name()}"
            condition = Condition(False, awaiting)
        if not condition.done:
            condition.fix_url, condition.fix_text = sign_off_url, "Who approves the statement"
        readiness.conditions.append(condition)

    unanswered = [
        section
        for section in document.sections
        if not any(row.action.success_measure.strip() for row in section.rows)
    ]
    if not unanswered:
        readiness.conditions.append(
            Condition(
                True,
                "Every area for improvement has an action with a lead agency, a target date "
                "and a success measure",
            )
        )
    for section in unanswered:
        readiness.conditions.append(
            Condition(
                False,
                f"Area for improvement {section.finding.number} has no action with a lead "
                "agency, a target date and a success measure",
                # The plan page, open to everyone in the partnership: the area may want a
                # new action or a success measure on one it has.
                reverse("inspections:inspection_detail", args=[inspection.pk])
                + f"#finding-{section.finding.number}",
                f"Area {section.finding.number} on the plan",
            )
        )
    for words, verb, text in (
        ("introduction", "is", plan.statement_introduction),
        ("governance and monitoring arrangements", "are", plan.statement_governance),
    ):
        if text.strip():
            readiness.conditions.append(Condition(True, f"The {words} {verb} written"))
        else:
            readiness.conditions.append(
                Condition(
                    False, f"The {words} {verb} empty", edit_url, f"Write the {words}", may_plan
                )
            )
    return readiness


def statement_late_warning(*, inspection: Inspection, on: datetime.date) -> str:
    """A warning, never a refusal: a late statement must still go."""
    due = inspection.statement_due
    if due and on > due:
        return f"The statement was due on {due:%-d %B %Y}: it is late"
    return ""


def approvals_withdraw_changed(
    *, document: "StatementDocument", user: User | None, address: str | None
) -> list[StatementApproval]:
    """Marks withdrawn every approval of a statement that has changed since, and records
    each in the audit trail. Called by the services that touch the statement (its text, an
    approval, the nomination, sending it); a change to the plan's actions is noticed by
    the next of them, as the approval stops counting the moment the content changes."""
    plan = document.plan
    changed = list(
        StatementApproval.objects.filter(plan=plan, withdrawn_at__isnull=True)
        .exclude(sha256=statement_fingerprint(document))
        .select_related("person", "agency")
    )
    now = timezone.now()
    for approval in changed:
        approval.withdrawn_at = now
        approval.save(update_fields=["withdrawn_at"])
        record(
            EventKind.STATEMENT_APPROVAL_WITHDRAWN,
            user=user,
            address=address,
            partnership_id=plan.partnership_id,
            detail=f"The approval by {approval.person.get_full_name()} for "
            f"{approval.agency.name} of version {approval.statement_version} of the statement "
            f"for {plan_trail_name(plan)} is {WITHDRAWN}",
        )
    return changed


def approvals_withdrawn_since(*, plan: Plan, moment: datetime.datetime) -> list[StatementApproval]:
    """The approvals a change made after `moment` withdrew (approvals_withdraw_changed
    decides which), for the page that made it to name them and who approves again."""
    return list(
        StatementApproval.objects.filter(plan=plan, withdrawn_at__gte=moment)
        .select_related("person", "agency")
        .order_by("agency__kind", "agency__name")
    )
