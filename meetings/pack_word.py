"""The meeting pack as a Word document (.docx).

Built from the same dashboard and closures as the PDF (meetings.views._pack_context), in
the PDF's order (templates/meetings/pack_document.html): a cover naming the meeting, with
the meeting and the plan, the update round, the RAG summary and the key; then, following
on, the trend across meetings, the exceptions, the changes since the last meeting and the
closures to agree. Word cannot show the trend's chart as drawn, so it gives the chart in
words and its figures, as the PDF does beside the chart.
"""

from collections.abc import Iterable

from django.utils import timezone

from actions.models import Closure
from actions.rag import RAG
from govuk.word import (
    Column,
    WordWriter,
    clean,
    cover,
    long_date,
    short_date,
    small,
    tag,
    truncate_words,
)
from inspections.models import Inspection
from meetings.dashboard import Dashboard
from meetings.services import ChangeGroup
from statements.word import COVER_COLUMNS, OVERDUE, rag_key, rag_tag

TITLE = "Meeting pack: the JTAI action plan"


def pack_docx_filename(*, inspection: Inspection, dashboard: Dashboard) -> str:
    return f"meeting-pack-{inspection.partnership.slug}-{dashboard.today:%Y-%m-%d}.docx"


def pack_docx(
    *, inspection: Inspection, dashboard: Dashboard, closures: Iterable[Closure]
) -> bytes:
    """The executive's meeting pack as a Word document, in the PDF's order."""
    partnership = inspection.partnership
    marking = inspection.plan.protective_marking
    writer = WordWriter(
        title=f"Meeting pack: {partnership.name}, {long_date(dashboard.today)}",
        author=partnership.name,
        subject=f"Progress on the JTAI action plan for the {partnership.short_name} executive",
        marking=marking,
        running=f"{TITLE} – prepared {long_date(dashboard.today)}",
    )
    cover(
        writer,
        marking=marking,
        title=TITLE,
        area=_meeting_line(inspection, dashboard),
        partnership=partnership.name,
    )
    writer.columns(*COVER_COLUMNS)
    _meeting_and_plan(writer, inspection, dashboard)
    writer.next_column()
    _rag_summary(writer, dashboard)
    writer.cover_heading("RAG key")
    rag_key(writer)
    writer.end_columns()
    _judgements(writer, dashboard)
    _trend(writer, dashboard)
    _exceptions(writer, dashboard)
    writer.heading("Changes since the last meeting", level=2)
    if dashboard.last_meeting:
        writer.paragraph(f"Compared with the plan as it stood at {dashboard.last_meeting}.")
        _changes(writer, dashboard.changes)
    else:
        writer.paragraph("No meeting has been recorded yet, so there is nothing to compare with.")
    _closures(writer, list(closures))
    return writer.to_bytes()


def _meeting_line(inspection: Inspection, dashboard: Dashboard) -> str:
    """The meeting the pack is for: the one its update round prepares, else the one it
    follows on from."""
    executive = f"the {inspection.partnership.short_name} executive"
    if dashboard.update_round:
        return f"For {executive} meeting on {long_date(dashboard.update_round.meeting_date)}"
    if dashboard.last_meeting:
        last = dashboard.last_meeting
        return f"Since {last.title}, {long_date(last.date)}"
    return f"For {executive}"


def _meeting_and_plan(writer: WordWriter, inspection: Inspection, dashboard: Dashboard) -> None:
    writer.cover_heading("The meeting and the plan")
    partnership = inspection.partnership
    letter = long_date(inspection.letter_date) or "(date not recorded)"
    meeting = (
        f"{dashboard.update_round.meeting_date:%A %-d %B %Y}"
        if dashboard.update_round
        else "Not yet arranged"
    )
    last = dashboard.last_meeting
    writer.facts(
        [
            ("For", f"The {partnership.short_name} executive"),
            ("Meeting", meeting),
            ("Last meeting", f"{last.title}, {long_date(last.date)}" if last else "None recorded"),
            ("Area", partnership.local_area),
            ("Plan", f"Joint targeted area inspection of {inspection.subject}; letter of {letter}"),
            ("Prepared", long_date(dashboard.today)),
            (
                "Actions in the plan",
                f"{dashboard.total.count}: {dashboard.red.count} red, "
                f"{dashboard.overdue.count} overdue, {dashboard.awaiting_agreement.count} "
                "awaiting agreement to close",
            ),
        ]
    )
    if dashboard.update_round:
        writer.cover_heading("Update round")
        counts = dashboard.round_counts
        writer.paragraph(
            f"Owners were asked to update {counts['due']} open actions by "
            f"{long_date(dashboard.update_round.deadline)}: {counts['returned']} were updated "
            f"and the partnership manager accepted {counts['accepted']}. Exceptions marked "
            '"No accepted update" have none the manager has accepted.',
            size=9,
        )


def _rag_summary(writer: WordWriter, dashboard: Dashboard) -> None:
    writer.cover_heading("RAG summary")
    columns = [Column("Area for improvement", 35)]
    columns += [Column(status.label, 11.5, centred=True) for status in RAG]
    columns.append(Column("All", 7.5, centred=True))
    table = writer.table(columns, caption="Actions of each RAG status in each area", compact=True)
    for matrix_row in dashboard.by_finding:
        cells = table.row()
        cells[0].paragraphs[0].add_run(clean(truncate_words(matrix_row.label, 8)))
        for cell, count in zip(cells[1:], [*matrix_row.cells, matrix_row.total], strict=True):
            cell.paragraphs[0].add_run(str(count.count))
    cells = table.row()
    cells[0].paragraphs[0].add_run("All areas")
    for cell, (_, total, share) in zip(cells[1:-1], dashboard.totals, strict=True):
        cell.paragraphs[0].add_run(str(total.count)).bold = True
        cell.paragraphs[0].add_run(f" ({share}%)")
    cells[-1].paragraphs[0].add_run(str(dashboard.total.count)).bold = True
    writer.end_table()


def _trend(writer: WordWriter, dashboard: Dashboard) -> None:
    writer.heading("Trend across meetings", level=2)
    if not dashboard.chart:
        writer.paragraph("No meeting has been recorded yet, so there is no trend to show.")
        return
    writer.paragraph(dashboard.chart.description)  # type: ignore[attr-defined]
    writer.paragraph("RAG status at each meeting (the chart's figures)", bold=True)
    columns = [Column("Meeting", 20)] + [Column(status.label, 12, centred=True) for status in RAG]
    table = writer.table(columns, caption="RAG status at each meeting")
    for meeting, counts in dashboard.trend:
        cells = table.row()
        cells[0].paragraphs[0].add_run(short_date(meeting.date)).bold = True
        for cell, count in zip(cells[1:], counts.values(), strict=True):
            cell.paragraphs[0].add_run(str(count))
    writer.end_table()


def _judgements(writer: WordWriter, dashboard: Dashboard) -> None:
    writer.heading("Areas for improvement: the executive's judgement", level=2)
    writer.paragraph(
        "Each area judged as a whole at the executive's latest meeting that judged it, "
        "whatever the RAG of its actions."
    )
    columns = [
        Column("Area for improvement", 34),
        Column("Judgement", 14),
        Column("Judged on", 10),
        Column("Evidence", 42),
    ]
    table = writer.table(columns, caption="Each area for improvement and its judgement")
    for area in dashboard.areas:
        name, judgement, judged_on, evidence = (cell.paragraphs[0] for cell in table.row())
        words = area.text.split()
        name.add_run(
            clean(f"{area.number}. {' '.join(words[:12])}{'…' if len(words) > 12 else ''}")
        )
        judgement.add_run(clean(area.judgement_label)).bold = True
        if area.judged_on:
            judged_on.add_run(short_date(area.judged_on))
        evidence.add_run(clean(area.judgement_evidence or ""))
    writer.end_table()


def _exceptions(writer: WordWriter, dashboard: Dashboard) -> None:
    writer.heading("Exceptions: red and overdue", level=2)
    if dashboard.more_exceptions:
        writer.paragraph(
            f"{dashboard.exception_count} actions are red or overdue. The "
            f"{len(dashboard.exceptions)} most pressing are listed: red first, then the "
            "longest overdue; the service lists them all."
        )
    if not dashboard.exceptions:
        writer.paragraph("No action is red or overdue.")
        return
    columns = [
        Column("Ref.", 5),
        Column("Action", 30),
        Column("Owner", 16),
        Column("Target date", 10),
        Column("Status", 11),
        Column("Latest update", 28),
    ]
    table = writer.table(columns, caption="Actions that are red or overdue")
    for action in dashboard.exceptions:
        reference, description, owner, target, status, update = (
            cell.paragraphs[0] for cell in table.row()
        )
        reference.add_run(clean(action.reference)).bold = True
        description.add_run(clean(action.description))
        owner.add_run(clean(action.lead_agency.name))
        if action.lead_officer:
            small(owner, action.lead_officer.get_full_name())
        target.add_run(short_date(action.target_date))
        if action.is_rebaselined:
            small(target, f"Originally {short_date(action.original_target_date)}")
        tag(status, rag_tag(action.rag_status))
        if action.is_overdue:
            status.add_run().add_break()
            tag(status, OVERDUE)
        if getattr(action, "no_accepted_update", False):
            small(status, "No accepted update").bold = True
        if action.last_update_on:  # type: ignore[attr-defined]
            small(update, short_date(action.last_update_on))  # type: ignore[attr-defined]
            update.add_run().add_break()
        update.add_run(clean(action.latest_update or "No update yet"))  # type: ignore[attr-defined]
    writer.end_table()


def _change_detail(kind: str, change) -> str:
    """What changed, in the words of templates/includes/plan_changes.html."""
    if kind == "rebaselined":
        return (
            f"target date {short_date(change.before.target_date)} → "
            f"{short_date(change.after.target_date)}"
        )
    if kind == "overdue":
        return (
            f"target date {short_date(change.after.target_date)} passed; {change.after.rag.label}"
        )
    if kind == "new":
        return change.after.rag.label
    return f"{change.before.rag.label} → {change.after.rag.label}"


def _changes(writer: WordWriter, groups: list[ChangeGroup]) -> None:
    for group in groups:
        writer.heading(f"{group.label} ({group.total})", level=3)
        if not group.changes:
            writer.paragraph("None.")
            continue
        for change in group.changes:
            item = writer.bullet("")
            item.add_run(clean(change.action.reference)).bold = True
            item.add_run(
                f" {clean(truncate_words(change.action.description, 14))} "
                f"({_change_detail(group.kind, change)})"
            )
        if group.more:
            writer.paragraph(f"And {group.more} more.")


def _closures(writer: WordWriter, closures: list[Closure]) -> None:
    writer.heading("Closures to agree", level=2)
    if not closures:
        writer.paragraph("No action awaits the executive's agreement to close.")
        return
    columns = [
        Column("Ref.", 5),
        Column("Action", 25),
        Column("Proposed by", 16),
        Column("Evidence of impact", 27),
        Column("Sustainability plan", 27),
    ]
    table = writer.table(columns, caption="Closures awaiting the executive's agreement")
    for closure in closures:
        reference, description, proposer, evidence, sustainability = (
            cell.paragraphs[0] for cell in table.row()
        )
        reference.add_run(clean(closure.action.reference)).bold = True
        description.add_run(clean(closure.action.description))
        proposer.add_run(clean(closure.proposed_by.get_full_name()))
        small(proposer, short_date(timezone.localtime(closure.proposed_at).date()))
        evidence.add_run(clean(closure.evidence_of_impact))
        sustainability.add_run(clean(closure.sustainability_plan))
    writer.end_table()
