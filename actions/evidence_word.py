"""The evidence index in Word, as templates/includes/evidence_index.html has it in the PDF
documents: every item of evidence by area for improvement and action, its file or link
openable from the document."""

from django.urls import reverse

from actions.selectors import EvidenceIndex
from govuk.word import (
    Column,
    WordWriter,
    clean,
    hyperlink,
    short_date,
    small,
    truncate_words,
)

COLUMNS = [
    Column("Ref.", 7),
    Column("Evidence", 49),
    Column("Kind", 16),
    Column("Date", 11),
    Column("Added by", 17),
]


def evidence_index_docx(writer: WordWriter, items: EvidenceIndex, *, site_url: str) -> None:
    """Writes the index after the including document's own heading for it (areas are
    level 3 headings, as the PDF's h3)."""
    if not items.count:
        writer.paragraph("No evidence has been added to the plan's actions yet.")
        return
    s = "" if items.count == 1 else "s"
    writer.paragraph(
        f"{items.count} item{s} of evidence, by area for improvement and action; files and "
        "links open from this document."
    )
    for area in items.areas:
        writer.heading(
            clean(f"{area.finding.number}. {truncate_words(area.finding.text, 30)}"), level=3
        )
        if not area.actions:
            writer.paragraph("No evidence for this area's actions yet.")
            continue
        table = writer.table(COLUMNS, caption=f"Evidence of area {area.finding.number}")
        for listed in area.actions:
            for item in listed.items:
                reference, evidence, kind, date, added_by = (
                    cell.paragraphs[0] for cell in table.row()
                )
                reference.add_run(clean(listed.action.reference)).bold = True
                title = item.title or item.original_name or item.link
                evidence.add_run(clean(title)).bold = True
                if item.description:
                    small(evidence, truncate_words(item.description, 40))
                if item.file or item.link:
                    evidence.add_run().add_break()
                if item.file:
                    url = site_url + reverse("actions:evidence_download", args=[item.uuid])
                    hyperlink(evidence, url, item.original_name)
                if item.file and item.link:
                    evidence.add_run("; ")
                if item.link:
                    hyperlink(evidence, item.link, item.link)
                kind.add_run(clean(item.get_kind_display()))
                date.add_run(short_date(item.date) or "Not given")
                added_by.add_run(clean(item.added_by.get_full_name() or item.added_by.username))
                if item.contribution is not None:
                    # As the PDF's index names a supporting agency's item.
                    added_by.add_run(f", for {clean(item.contribution.agency.name)}")
        writer.end_table()
