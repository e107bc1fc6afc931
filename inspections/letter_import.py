"""Creates an inspection from a letter the manager has checked: the inspection, its
findings and the original letter together, or nothing."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from inspections.models import Finding, Inspection, InspectionStatus, Inspectorate, Partnership


@transaction.atomic
def inspection_create_from_letter(
    *,
    partnership: Partnership,
    subject: str,
    theme=None,
    inspectorates: list[str],
    onsite_start: datetime.date | None,
    onsite_end: datetime.date | None,
    letter_date: datetime.date | None,
    statement_due: datetime.date | None,
    principal_authority: str,
    addressees: list[str],
    headline_findings: str,
    strengths: list[str],
    findings: list[str],
    letter_content: bytes,
    letter_filename: str,
) -> Inspection:
    inspection = Inspection(
        partnership=partnership,
        subject=subject,
        theme=theme,
        onsite_start=onsite_start,
        onsite_end=onsite_end,
        letter_date=letter_date,
        statement_due=statement_due,
        principal_authority=principal_authority,
        addressees="\n".join(addressees),
        headline_findings=headline_findings,
        strengths="\n".join(strengths),
        status=InspectionStatus.DRAFTING,
        letter_filename=letter_filename,
    )
    inspection.full_clean(exclude=["letter"])  # before the letter's file is written
    inspection.letter.save(letter_filename, ContentFile(letter_content), save=False)
    inspection.save()
    inspection.inspectorates.set(Inspectorate.objects.filter(short_name__in=inspectorates))
    Finding.objects.bulk_create(
        Finding(inspection=inspection, number=number, text=text)
        for number, text in enumerate(findings, start=1)
    )
    return inspection
