"""The meeting pack as a Word document (.docx).

Built from the same pack as the PDF (meetings.pack.pack_contents), in the PDF's order
(templates/meetings/pack_document.html): a cover naming the meeting, who is expected and who
came last time, with the RAG summary and the key; then, following on, the decisions due and
matters arising, each area's judgement, the trend, the highlight report (red and overdue,
the owners' asks, the changes since the last meeting, the target dates decided and those
awaiting the executive's decision, the supporting agencies' contributions), the closures
to agree on their full evidence, the open challenges and the whole plan. Word cannot show
the trend's chart as drawn, so it gives the chart in words and its figures, as the PDF does
beside the chart.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from actions.evidence_word import evidence_index_docx
from actions.rag import RAG
from actions.suggested import action_suggestion
from govuk.word import (
    Column,
    WordWriter,
    clean,
    cover,
    hyperlink,
    long_date,
    short_date,
    small,
    tag,
    truncate_words,
)
from impact.selectors import AreaImpact
from impact.status import RULE_IN_WORDS
from inspections.models import Inspection
from meetings.dashboard import Dashboard
from meetings.pack import MeetingPack
from meetings.services import ChangeGroup
from statements.word import COVER_COLUMNS, OVERDUE, rag_key, rag_tag

TITLE = "Meeting pack: the JTAI action plan"


def pack_docx(*, pack: MeetingPack, site_url: str) -> bytes:
    """The executive's meeting pack as a Word document, in the PDF's order. `site_url`
    makes the evidence files' links open from the document."""
    inspection, dashboard = pack.inspection, pack.dashboard
    partnership = inspection.partnership
    marking = inspection.plan.protective_marking
    title = f"{TITLE}, {pack.agency.name}" if pack.agency else TITLE
    writer = WordWriter(
        title=f"Meeting pack: {partnership.name}, {long_date(dashboard.today)}",
        author=partnership.name,
        subject=f"Progress on the JTAI action plan for the {partnership.short_name} executive",
        marking=marking,
        running=f"{title} – prepared {long_date(dashboard.today)}",
    )
    cover(
        writer,
        marking=marking,
        title=title,
        area=_meeting_line(inspection, dashboard),
        partnership=partnership.name,
    )
    writer.columns(*COVER_COLUMNS)
    _meeting_and_plan(writer, pack)
    writer.next_column()
    _rag_summary(writer, dashboard)
    writer.cover_heading("RAG key")
    rag_key(writer)
    writer.end_columns()
    _matters_arising(writer, pack)
    _judgements(writer, dashboard)
    _trend(writer, dashboard)
    writer.heading("Highlight report", level=2)
    writer.paragraph(
        "What needs the executive: actions red or overdue, what their owners ask of the "
        "executive, and what changed since the last meeting: in the plan, in its target "
        "dates (and the new dates awaiting the executive's decision), and in the supporting "
        "agencies' contributions."
    )
    _exceptions(writer, dashboard)
    _asks(writer, pack)
    writer.heading("Changes since the last meeting", level=3)
    if dashboard.last_meeting:
        writer.paragraph(f"Compared with the plan as it stood at {dashboard.last_meeting}.")
        _changes(writer, dashboard.changes)
    else:
        writer.paragraph("No meeting has been recorded yet, so there is nothing to compare with.")
    _target_dates_decided(writer, pack)
    _target_dates_awaiting(writer, pack)
    _contributions(writer, pack)
    _closures(writer, pack, site_url)
    _challenges(writer, pack)
    _reviews_due(writer, pack)
    _appendix(writer, pack)
    writer.heading("Appendix: the evidence index", level=2)
    evidence_index_docx(writer, pack.evidence, site_url=site_url)
    return writer.to_bytes()


def _person(person) -> str:
    name = person.get_full_name() or person.username
    agency = person.agency.short_name or person.agency.name if person.agency else ""
    return f"{name} ({agency})" if agency else name


def _on(moment: datetime.datetime | None) -> str:
    """A moment recorded in the service, as the day it was where the partnership is."""
    return short_date(timezone.localtime(moment).date()) if moment else ""


def _action_named(reference, description, action, *, words: int = 30) -> None:
    """An action in a row of the pack's tables: its reference, in bold, and its wording
    shortened, with the agency leading it beneath."""
    reference.add_run(clean(action.reference)).bold = True
    description.add_run(clean(truncate_words(action.description, words)))
    small(description, action.lead_agency.name)


def _date_asked(paragraph, request) -> None:
    """A new target date asked for, from the date it was to the date asked."""
    paragraph.add_run(f"{short_date(request.current_date)} → {short_date(request.proposed_date)}")


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


def _meeting_and_plan(writer: WordWriter, pack: MeetingPack) -> None:
    inspection, dashboard = pack.inspection, pack.dashboard
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
            ("Executive members", "; ".join(map(_person, pack.members)) or "None named"),
            ("Last meeting", f"{last.title}, {long_date(last.date)}" if last else "None recorded"),
            *_attendance(pack),
            ("Area", partnership.local_area),
            ("Plan", f"Joint targeted area inspection of {inspection.subject}; letter of {letter}"),
            ("Prepared", long_date(dashboard.today)),
            ("Actions", f"Those {pack.agency.name} leads" if pack.agency else "The whole plan"),
            (
                "Actions in the pack",
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
            f"and the partnership manager accepted {counts['accepted']}. "
            + dashboard.return_notes_key,
            size=9,
        )


def _attendance(pack: MeetingPack) -> list[tuple[str, str]]:
    last = pack.last_meeting
    if last is None:
        return []
    came = [*map(_person, pack.last_attendees), *last.guest_names]
    away = [*map(_person, pack.last_apologies), *last.guest_apology_names]
    return [
        ("Attended", "; ".join(came) or "Not recorded"),
        ("Apologies", "; ".join(away) or "None"),
    ]


def _matters_arising(writer: WordWriter, pack: MeetingPack) -> None:
    writer.heading("Decisions due and matters arising", level=2)
    due_by = (
        f"; those due by the meeting on {long_date(pack.meeting_date)} are marked"
        if pack.meeting_date
        else ""
    )
    writer.paragraph(f"Decisions of earlier meetings not yet done{due_by}.")
    if not pack.matters_arising:
        writer.paragraph("No decision of an earlier meeting is outstanding.")
        return
    columns = [
        Column("Decision", 36),
        Column("Made at", 16),
        Column("Owner", 18),
        Column("Due", 14),
        Column("Actions", 16),
    ]
    table = writer.table(columns, caption="Decisions of earlier meetings not yet done")
    due = pack.decisions_due
    for decision in pack.matters_arising:
        text, made, owner, when, actions = (cell.paragraphs[0] for cell in table.row())
        text.add_run(clean(decision.text))
        made.add_run(clean(f"{decision.meeting.title}, {short_date(decision.meeting.date)}"))
        if decision.owner:
            owner.add_run(clean(decision.owner.get_full_name() or decision.owner.username))
            if decision.owner.agency:
                small(owner, decision.owner.agency.name)
        else:
            owner.add_run("Not named")
        when.add_run(short_date(decision.due_date) if decision.due_date else "No date")
        if decision in due:
            small(when, "Due by this meeting").bold = True
        references = [action.reference for action in decision.actions.all()]
        actions.add_run(clean(", ".join(references) or "None"))
    writer.end_table()


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
    for point in dashboard.trend:
        cells = table.row()
        when = f"Today ({short_date(point.date)})" if point.today else short_date(point.date)
        cells[0].paragraphs[0].add_run(when).bold = True
        for cell, count in zip(cells[1:], point.counts.values(), strict=True):
            cell.paragraphs[0].add_run(str(count))
    writer.end_table()


def _judgements(writer: WordWriter, dashboard: Dashboard) -> None:
    writer.heading("Areas for improvement: the executive's judgement", level=2)
    writer.paragraph(
        "Each area judged as a whole at the executive's latest meeting that judged it, "
        "whatever the RAG of its actions; beside it, its delivery (its actions' RAG) and its "
        "impact (what its measures show), two judgements apart."
    )
    columns = [
        Column("Area for improvement", 22),
        Column("Delivery", 12),
        Column("Impact", 24),
        Column("Judgement", 11),
        Column("Judged on", 9),
        Column("Evidence", 22),
    ]
    table = writer.table(columns, caption="Each area for improvement and its judgement")
    for area, row in dashboard.area_rows:
        cells = [cell.paragraphs[0] for cell in table.row()]
        name, delivery, impact, judgement, judged_on, evidence = cells
        words = area.text.split()
        name.add_run(
            clean(f"{area.number}. {' '.join(words[:12])}{'…' if len(words) > 12 else ''}")
        )
        delivery.add_run(row.counts_in_words)
        area_impact = row.impact or AreaImpact()
        impact.add_run(area_impact.label).bold = True
        for m in area_impact.measures:
            read = f" on {short_date(m.latest_date)}" if m.latest_date else ""
            impact.add_run().add_break()
            impact.add_run(
                clean(
                    f"{m.measure.name}: {m.latest_in_words}{read} (baseline "
                    f"{m.baseline_in_words}, target {m.target_in_words}): {m.status.label}"
                )
            )
        judgement.add_run(clean(area.judgement_label)).bold = True
        if area.judged_on:
            judged_on.add_run(short_date(area.judged_on))
        evidence.add_run(clean(area.judgement_evidence or ""))
    writer.end_table()
    rule = writer.paragraph("")
    rule.add_run("How impact is worked out. ").bold = True
    rule.add_run(RULE_IN_WORDS)
    writer.heading("Delivered, but no evidence of impact", level=3)
    if not dashboard.delivered_without_impact:
        writer.paragraph("No area has all its actions complete without its measures moving.")
    for delivered in dashboard.delivered_without_impact:
        words = delivered.finding.text.split()
        text = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
        writer.bullet(clean(f"{delivered.finding.number}. {text}: {delivered.reason}."))


def _exceptions(writer: WordWriter, dashboard: Dashboard) -> None:
    writer.heading("Red and overdue", level=3)
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
        if note := getattr(action, "return_note", ""):
            small(status, note).bold = True
        _suggestion(status, action)
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


def _asks(writer: WordWriter, pack: MeetingPack) -> None:
    writer.heading("Asks of the executive", level=3)
    if not pack.asks:
        writer.paragraph("No owner has an ask of the executive awaiting its decision.")
        return
    columns = [
        Column("Ref.", 6),
        Column("Action", 30),
        Column("Asked by", 16),
        Column("The ask", 34),
        Column("Status", 14),
    ]
    table = writer.table(columns, caption="What owners ask of the executive")
    for ask in pack.asks:
        reference, description, asker, text, status = (cell.paragraphs[0] for cell in table.row())
        _action_named(reference, description, ask.action)
        asker.add_run(clean(ask.asked_by.get_full_name() or ask.asked_by.username))
        small(asker, _on(ask.asked_at))
        text.add_run(clean(ask.get_kind_display())).bold = True
        text.add_run().add_break()
        text.add_run(clean(ask.text))
        tag(status, rag_tag(ask.action.rag_status))
        if ask.action.is_overdue:
            status.add_run().add_break()
            tag(status, OVERDUE)
    writer.end_table()


def _since(pack: MeetingPack) -> str:
    return " since the last meeting" if pack.last_meeting else ""


def _target_dates_decided(writer: WordWriter, pack: MeetingPack) -> None:
    """As templates/meetings/_pack_owners_changes.html words it."""
    writer.heading(f"Target dates moved or refused{_since(pack)}", level=3)
    decided = (
        f"Decided since {pack.last_meeting}"
        if pack.last_meeting
        else "No meeting has been recorded yet, so every decision is listed"
    )
    writer.paragraph(f"{decided}: the date asked for, the owner's reason, and who decided.")
    if not pack.target_dates_decided:
        writer.paragraph(f"No new target date was approved or refused{_since(pack)}.")
        return
    columns = [
        Column("Ref.", 6),
        Column("Action", 22),
        Column("Target date", 13),
        Column("Reason", 22),
        Column("Asked by", 15),
        Column("Decision", 22),
    ]
    table = writer.table(columns, caption="Target dates moved or refused")
    for decided_date in pack.target_dates_decided:
        request = decided_date.request
        reference, description, dates, reason, asker, decision = (
            cell.paragraphs[0] for cell in table.row()
        )
        _action_named(reference, description, request.action)
        _date_asked(dates, request)
        if not decided_date.moved:
            small(dates, f"Stays {short_date(request.current_date)}").bold = True
        reason.add_run(clean(request.reason))
        asker.add_run(clean(_person(request.requested_by)))
        small(asker, _on(request.requested_at))
        if decided_date.moved_in_the_plan:
            # Its comment (actions.date_moves) says only that the manager moved it.
            decision.add_run("Moved in the plan by the manager").bold = True
            small(decision, _on(request.decided_at))
            continue
        decision.add_run("Approved" if decided_date.moved else "Refused").bold = True
        decision.add_run(clean(f" by {_person(request.decided_by)}"))
        small(decision, _on(request.decided_at))
        if request.decision_comment:
            decision.add_run().add_break()
            decision.add_run(clean(request.decision_comment))
    writer.end_table()


def _target_dates_awaiting(writer: WordWriter, pack: MeetingPack) -> None:
    writer.heading("New target dates awaiting the executive's decision", level=3)
    if not pack.target_dates_awaiting:
        writer.paragraph("No new target date awaits the executive's decision.")
        return
    writer.paragraph(
        "The executive decides these: approve each new date, which moves the action's target "
        "date, or refuse it, saying why. Nobody decides a date they asked for themselves."
    )
    columns = [
        Column("Ref.", 6),
        Column("Action", 30),
        Column("Target date", 14),
        Column("Reason", 32),
        Column("Asked by", 18),
    ]
    table = writer.table(columns, caption="New target dates awaiting the executive's decision")
    for request in pack.target_dates_awaiting:
        reference, description, dates, reason, asker = (cell.paragraphs[0] for cell in table.row())
        _action_named(reference, description, request.action)
        _date_asked(dates, request)
        reason.add_run(clean(request.reason))
        asker.add_run(clean(_person(request.requested_by)))
        small(asker, _on(request.requested_at))
    writer.end_table()


def _contributions(writer: WordWriter, pack: MeetingPack) -> None:
    """Each account in full: the PDF shortens a long one to its page."""
    writer.heading(f"Supporting agencies' contributions{_since(pack)}", level=3)
    if not pack.contributions:
        writer.paragraph(f"No supporting agency has added a contribution{_since(pack)}.")
        return
    writer.paragraph(
        "What the agencies supporting an action say they have done towards it, in their own "
        "words. A contribution changes no status: the RAG is the lead's."
    )
    columns = [
        Column("Agency", 16),
        Column("Ref.", 6),
        Column("Action", 22),
        Column("Date", 10),
        Column("What the agency has done", 36),
        Column("Evidence", 10),
    ]
    table = writer.table(columns, caption="Supporting agencies' contributions")
    for contribution in pack.contributions:
        agency, reference, description, date, narrative, evidence = (
            cell.paragraphs[0] for cell in table.row()
        )
        agency.add_run(clean(contribution.agency.name))
        small(agency, contribution.author.get_full_name() or contribution.author.username)
        reference.add_run(clean(contribution.action.reference)).bold = True
        description.add_run(clean(truncate_words(contribution.action.description, 20)))
        date.add_run(short_date(contribution.date))
        narrative.add_run(clean(contribution.narrative))
        count = contribution.evidence_count  # type: ignore[attr-defined]
        evidence.add_run(f"{count} item{'s' if count != 1 else ''}" if count else "None")
    writer.end_table()


def _closures(writer: WordWriter, pack: MeetingPack, site_url: str) -> None:
    writer.heading("Closures to agree", level=2)
    if not pack.closures:
        writer.paragraph("No action awaits the executive's agreement to close.")
        return
    for proposal in pack.closures:
        closure, action = proposal.closure, proposal.closure.action
        writer.heading(
            clean(f"{action.reference} {truncate_words(action.description, 24)}"), level=3
        )
        lead = action.lead_agency.name
        if action.lead_officer:
            lead += f", {action.lead_officer.get_full_name()}"
        proposer = closure.proposed_by.get_full_name() or closure.proposed_by.username
        proposed_on = long_date(timezone.localtime(closure.proposed_at).date())
        writer.facts(
            [
                ("Lead", lead),
                ("Proposed", f"By {proposer} on {proposed_on}"),
                ("Success measure", action.success_measure or "None set"),
                ("Evidence of impact", closure.evidence_of_impact),
                ("Sustainability plan", closure.sustainability_plan),
            ]
        )
        writer.paragraph("Evidence", bold=True)
        if not proposal.evidence:
            writer.paragraph("No files or links.")
        for item in proposal.evidence:
            line = writer.bullet("")
            if item.file:
                url = site_url + reverse("actions:evidence_download", args=[item.uuid])
                hyperlink(line, url, item.original_name)
            if item.file and item.link:
                line.add_run("; ")
            if item.link:
                hyperlink(line, item.link, item.link)
            line.add_run(f", added {_on(item.added_at)}")
        writer.paragraph("Latest updates", bold=True)
        if not proposal.latest_updates:
            writer.paragraph("None.")
        for update in proposal.latest_updates:
            line = writer.bullet("")
            small(line, f"{short_date(update.date)}, {update.author.get_full_name()}:")
            line.add_run(" " + clean(update.narrative))


def _challenges(writer: WordWriter, pack: MeetingPack) -> None:
    writer.heading("Open challenges", level=2)
    writer.paragraph(
        "The independent scrutineer's challenges the partnership manager has not yet answered."
    )
    if not pack.challenges:
        writer.paragraph("No challenge awaits an answer.")
        return
    columns = [Column("About", 20), Column("Challenge", 60), Column("Raised", 20)]
    table = writer.table(columns, caption="Challenges awaiting an answer")
    for challenge in pack.challenges:
        about, text, raised = (cell.paragraphs[0] for cell in table.row())
        subject = challenge.subject_name
        about.add_run(clean(subject[:1].upper() + subject[1:]))
        text.add_run(clean(challenge.text))
        raised.add_run(clean(challenge.raised_by.get_full_name() or challenge.raised_by.username))
        small(raised, _on(challenge.raised_at))
    writer.end_table()


def _suggestion(paragraph, action) -> None:
    """What the product suggests where the owner's status is better, and the "not updated"
    flag, as the PDF's documents/_suggested_rag.html words them."""
    suggestion = action_suggestion(action)
    if suggestion.owner_better and suggestion.rag is not None:
        small(
            paragraph,
            f"Owner: {suggestion.owner_rag_status.label} · Suggested: {suggestion.rag.label} "
            f"— {suggestion.words}",
        )
    if suggestion.not_updated:
        small(paragraph, f"Not updated: {suggestion.not_updated_words}")


def _reviews_due(writer: WordWriter, pack: MeetingPack) -> None:
    writer.heading("Sustainability reviews due", level=2)
    writer.paragraph(
        "Closed actions whose owners check, by today, that the change held: a review that "
        "held makes the action Embedded; one that slipped reopens it to the executive."
    )
    if not pack.reviews_due:
        writer.paragraph("No sustainability review is due.")
        return
    columns = [
        Column("Ref.", 6),
        Column("Action", 50),
        Column("Lead", 26),
        Column("Review due", 18),
    ]
    table = writer.table(columns, caption="Sustainability reviews due")
    for closure in pack.reviews_due:
        reference, description, lead, due = (cell.paragraphs[0] for cell in table.row())
        action = closure.action
        reference.add_run(clean(action.reference)).bold = True
        description.add_run(clean(truncate_words(action.description, 24)))
        lead.add_run(clean(action.lead_agency.name))
        if action.lead_officer:
            small(lead, action.lead_officer.get_full_name())
        due.add_run(short_date(closure.sustainability_review_due))
        if getattr(closure, "review_overdue", False):
            small(due, "Overdue").bold = True
    writer.end_table()


def _appendix(writer: WordWriter, pack: MeetingPack) -> None:
    writer.new_page()
    writer.heading("Appendix: the whole plan", level=2)
    whose = f" {pack.agency.name} leads" if pack.agency else ""
    writer.paragraph(
        f"Every current action{whose}, by area for improvement: {pack.action_count} in all."
    )
    columns = [
        Column("Ref.", 6),
        Column("Action", 32),
        Column("Lead", 16),
        Column("Target date", 11),
        Column("Status", 12),
        Column("Latest update", 23),
    ]
    for area in pack.appendix:
        writer.heading(
            clean(f"{area.finding.number}. {truncate_words(area.finding.text, 30)}"), level=3
        )
        if not area.actions:
            writer.paragraph("No current action answers this area.")
            continue
        table = writer.table(columns, caption=f"Actions of area {area.finding.number}")
        for action in area.actions:
            reference, description, lead, target, status, update = (
                cell.paragraphs[0] for cell in table.row()
            )
            reference.add_run(clean(action.reference)).bold = True
            description.add_run(clean(action.description))
            lead.add_run(clean(action.lead_agency.name))
            if action.lead_officer:
                small(lead, action.lead_officer.get_full_name())
            target.add_run(short_date(action.target_date))
            tag(status, rag_tag(action.rag_status))
            if action.is_overdue:
                status.add_run().add_break()
                tag(status, OVERDUE)
            if action.awaiting_agreement:  # type: ignore[attr-defined]
                small(status, "Awaiting agreement to close")
            _suggestion(status, action)
            if action.last_update_on:  # type: ignore[attr-defined]
                small(update, short_date(action.last_update_on))  # type: ignore[attr-defined]
                update.add_run().add_break()
            latest = action.latest_update or "No update yet"  # type: ignore[attr-defined]
            update.add_run(clean(truncate_words(latest, 40)))
        writer.end_table()
