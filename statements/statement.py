"""The written statement of proposed action, and the progress report on it, as data.

One builder serves the HTML preview, the PDF and the command line, so all three say the
same. The statement is what goes to Ofsted (no RAG); the progress report adds, as at a
date, each action's RAG, whether it was overdue, its latest update, the evidence shown
for it and a RAG count per area.
"""

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone

from actions.fields import statement_fields
from actions.models import Action, Evidence, Finding, Plan, PlanStatus, ProgressUpdate
from actions.rag import RAG, is_overdue
from actions.rules import date_not_in_future
from actions.selectors import EvidenceIndex, evidence_index
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from govuk.pdf import html_to_pdf
from impact.selectors import AreaImpact, plan_impacts
from inspections.models import Inspection
from partnerships.versioning import version_claim
from people.models import User
from statements.changes import (
    Comparison,
    StatementContent,
    compared,
    last_sent,
    statement_content,
)
from statements.models import StatementSubmission
from statements.sign_off import (
    SignOffRow,
    approvals_withdraw_changed,
    sign_off_rows,
    statement_fingerprint,
    statement_readiness,
)

TITLE = "Written statement of proposed action"
PROGRESS_TITLE = "Progress on the written statement of action"


@dataclass
class ActionRow:
    action: Action
    target_date: datetime.date
    rag: RAG | None = None
    overdue: bool = False
    latest_update: ProgressUpdate | None = None
    # What the owner has shown for it, with their updates or their proposal to close it
    # (progress report only; by the report's date).
    evidence: list[Evidence] = field(default_factory=list)
    # The values of the columns the field declaration adds (StatementDocument.extra_columns).
    extra: list[str] = field(default_factory=list)


@dataclass
class Section:
    finding: Finding
    rows: list[ActionRow]
    rag_counts: list[tuple[RAG, int]] = field(default_factory=list)
    # The progress report's: the area's impact as at its date, apart from its delivery (the
    # RAG counts), with each measure's latest reading by then, baseline and target.
    impact: AreaImpact | None = None

    # What the cover's summary by area says of the area.
    @property
    def lead_agencies(self) -> list[str]:
        return list(dict.fromkeys(row.action.lead_agency.name for row in self.rows))

    @property
    def last_target_date(self) -> datetime.date | None:
        return max((row.target_date for row in self.rows), default=None)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)


@dataclass
class StatementDocument:
    inspection: Inspection
    progress: bool
    as_of: datetime.date
    generated_on: datetime.date
    sections: list[Section]
    rag_totals: list[tuple[RAG, int]]
    # Headers of the columns after the ones the statement lays out by hand: each field
    # actions.fields marks `in_statement`.
    extra_columns: list[str] = field(default_factory=list)
    # The statement's (not the progress report's): the SHA-256 of its content, which an
    # approval records, and each statutory partner's lead and approval, which it ends with.
    fingerprint: str = ""
    sign_off: list[SignOffRow] = field(default_factory=list)
    # The progress report's: every item of evidence, by area and action, as at its date.
    evidence: EvidenceIndex | None = None

    @property
    def plan(self) -> Plan:
        return self.inspection.plan

    @property
    def title(self) -> str:
        return PROGRESS_TITLE if self.progress else TITLE

    @property
    def action_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for section in self.sections for row in section.rows)

    # The statement's (None for the progress report): its content as a sent version keeps
    # it, and what changed in it since the version sent last, which it ends with
    # (statements.changes). Worked out when first asked for: the pages that only check or
    # approve the statement do not read the sent versions.
    @cached_property
    def content(self) -> StatementContent | None:
        return None if self.progress else statement_content(self)

    @cached_property
    def what_changed(self) -> Comparison | None:
        if self.content is None:
            return None
        return compared(content=self.content, previous=last_sent(self.plan))

    @property
    def column_count(self) -> int:
        """How many columns the plan's table has: an area's row spans them all."""
        return 5 + len(self.extra_columns) + (3 if self.progress else 0)


def _counts(rags) -> list[tuple[RAG, int]]:
    counted = Counter(rags)
    return [(status, counted.get(status, 0)) for status in RAG]


def statement_document(
    *, inspection: Inspection, progress: bool = False, as_of: datetime.date | None = None
) -> StatementDocument:
    """The statement (or progress report) of an inspection's plan, in a handful of queries.

    The progress report as at a past date shows the plan as it stood at the end of that day,
    from the actions' change history: only actions that existed and were not archived then,
    each with the RAG status and target date it had, and its latest update by then.
    """
    today = timezone.localdate()
    as_of = as_of or today
    past = progress and as_of < today
    actions = Action.objects.select_related("lead_agency", "lead_officer").order_by(
        "position", "pk"
    )
    then: dict[int, object] = {}
    end_of_day = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
    )
    if past:
        records = Action.history.filter(
            history_date__lt=end_of_day, finding__plan=inspection.plan_id
        ).latest_of_each()
        then = {record.id: record for record in records if record.archived_at is None}
        actions = actions.filter(pk__in=then)
    else:
        actions = actions.current()
    findings = list(
        inspection.plan.findings.order_by("number").prefetch_related(
            Prefetch("actions", queryset=actions)
        )
    )
    latest: dict[int, ProgressUpdate] = {}
    if progress:
        updates = ProgressUpdate.objects.filter(
            action__finding__plan=inspection.plan_id, date__lte=as_of
        ).order_by("date", "created_at", "pk")
        for update in updates:
            latest[update.action_id] = update  # the last one on or before the date wins
    evidence: dict[int, list[Evidence]] = {}
    if progress:
        # One query whatever the plan's size: an update's evidence counts from the update's
        # date (as the latest update does), a closure's from the day it was attached.
        shown = Evidence.objects.filter(action__finding__plan=inspection.plan_id).filter(
            Q(update__date__lte=as_of) | Q(update__isnull=True, added_at__lt=end_of_day)
        )
        # A supporting agency's evidence (Evidence.contribution) is the action's too, named
        # with its agency in the report.
        for item in shown.select_related("contribution__agency").order_by("added_at", "pk"):
            evidence.setdefault(item.action_id, []).append(item)

    impacts = plan_impacts(plan=inspection.plan_id, as_of=as_of) if progress else {}

    extra = statement_fields()
    sections = []
    for finding in findings:
        rows = []
        for action in finding.actions.all():
            row = ActionRow(
                action,
                target_date=action.target_date,
                extra=[column.shown(action) for column in extra],
            )
            if progress:
                state = then.get(action.pk, action)
                row.rag = RAG(state.rag)
                row.target_date = state.target_date
                row.latest_update = latest.get(action.pk)
                row.evidence = evidence.get(action.pk, [])
                row.overdue = is_overdue(row.rag, row.target_date, as_of)
            rows.append(row)
        section = Section(finding, rows)
        if progress:
            section.rag_counts = _counts(row.rag for row in rows)
            section.impact = impacts.get(finding.pk) or AreaImpact()
        sections.append(section)

    document = StatementDocument(
        inspection=inspection,
        progress=progress,
        as_of=as_of,
        generated_on=today,
        sections=sections,
        rag_totals=_counts(row.rag for s in sections for row in s.rows) if progress else [],
        extra_columns=[column.label for column in extra],
    )
    if progress:
        document.evidence = evidence_index(plan=inspection.plan, as_of=as_of)
    else:
        document.fingerprint = statement_fingerprint(document)
        document.sign_off = sign_off_rows(plan=inspection.plan, fingerprint=document.fingerprint)
    return document


def statement_html(document: StatementDocument) -> str:
    """The standalone page WeasyPrint turns into the PDF."""
    return render_to_string(
        "statement/pdf.html",
        {
            "document": document,
            "rag_statuses": list(RAG),
            "author": document.inspection.partnership.name,
            # Evidence files open from the PDF: links to the service's own address.
            "site_url": settings.SITE_URL,
        },
    )


def statement_pdf(document: StatementDocument) -> bytes:
    return html_to_pdf(statement_html(document))


def statement_filename(document: StatementDocument) -> str:
    kind = "progress-report" if document.progress else "written-statement"
    slug = document.inspection.partnership.slug
    return f"{kind}-{slug}-{document.as_of:%Y-%m-%d}.pdf"


STATEMENT_TEXT_FIELDS = [
    "statement_introduction",
    "statement_governance",
    "statement_version",
    "protective_marking",
]


@transaction.atomic
def statement_text_edit(
    *,
    plan: Plan,
    expected_version: int,
    introduction: str,
    governance: str,
    statement_version: str,
    protective_marking: str,
    user: User | None = None,
    address: str | None = None,
) -> None:
    """Saves the statement's own words (introduction, governance, version, marking).
    Refused (StaleEdit) when someone saved them after this page was opened, so two
    managers drafting the introduction at once cannot wipe out each other's words. The
    audit trail records which of them changed (nothing when none did)."""
    version_claim(plan, expected_version=expected_version)
    # From the database: the edit page's model form has already set the new words on `plan`.
    before = Plan.objects.filter(pk=plan.pk).values(*STATEMENT_TEXT_FIELDS).get()
    plan.statement_introduction = introduction
    plan.statement_governance = governance
    plan.statement_version = statement_version
    plan.protective_marking = protective_marking
    plan.full_clean()
    plan.save(update_fields=[*STATEMENT_TEXT_FIELDS, "version", "updated_at"])
    changed = [name for name, value in before.items() if getattr(plan, name) != value]
    if changed:
        words = ", ".join(str(Plan._meta.get_field(name).verbose_name) for name in changed)
        record(
            EventKind.STATEMENT_EDITED,
            user=user,
            address=address,
            partnership_id=plan.partnership_id,
            detail=f"Edited the statement for {plan_trail_name(plan)}: {words}",
        )
    inspection = getattr(plan, "inspection", None)
    if inspection is not None:
        approvals_withdraw_changed(
            document=statement_document(inspection=inspection), user=user, address=address
        )


@transaction.atomic
def statement_submit(
    *,
    inspection: Inspection,
    user: User | None,
    submitted_on: datetime.date,
    address: str | None = None,
) -> StatementSubmission:
    """Records that the statement went to Ofsted and keeps the exact PDF that went.

    Refused, saying what is missing, until every statutory partner's lead has approved the
    statement as it stands, every area for improvement has an action with a lead agency, a
    target date and a success measure, and the introduction and governance are written
    (statements.sign_off.statement_readiness). A late statement is not refused: the page
    warns of it. The stored file never changes afterwards, whatever happens to the plan.
    The audit trail records who recorded it, the version and the PDF's SHA-256. The
    submission keeps the statement's content too, so the next version can say what changed
    (statements.changes); the PDF ends with what changed since the version sent before.
    """
    date_not_in_future(submitted_on, field="submitted_on", what="The date the statement was sent")
    if inspection.letter_date and submitted_on < inspection.letter_date:
        raise ValidationError(
            {
                "submitted_on": "The date the statement was sent must be on or after the "
                f"letter's date ({inspection.letter_date:%-d %B %Y})"
            }
        )
    plan = inspection.plan
    earlier = plan.submissions.filter(version=plan.statement_version).first()
    if earlier:
        raise ValidationError(
            f"Version {earlier.version} is already recorded as sent on "
            f"{earlier.submitted_on:%-d %B %Y}. To record another, give the statement a new "
            "version in 'Edit the statement' first"
        )
    document = statement_document(inspection=inspection)
    approvals_withdraw_changed(document=document, user=user, address=address)
    readiness = statement_readiness(document=document)
    if not readiness.ready:
        raise ValidationError(["The statement cannot be recorded as sent yet.", *readiness.missing])
    pdf = statement_pdf(document)
    submission = StatementSubmission(
        plan=plan,
        submitted_on=submitted_on,
        submitted_by=user,
        version=plan.statement_version,
        sha256=hashlib.sha256(pdf).hexdigest(),
        content=document.content or {},
    )
    submission.pdf.save("statement.pdf", ContentFile(pdf), save=False)
    submission.full_clean()
    submission.save()
    if plan.status == PlanStatus.DRAFTING:
        plan.status = PlanStatus.SUBMITTED
        plan.save(update_fields=["status", "updated_at"])
    record(
        EventKind.STATEMENT_SENT,
        user=user,
        address=address,
        partnership_id=plan.partnership_id,
        detail=f"Recorded version {submission.version} of the statement for "
        f"{plan_trail_name(plan)} as sent to Ofsted on {submitted_on:%-d %B %Y} "
        f"(SHA-256 {submission.sha256})",
    )
    return submission
