"""Creates an inspection from a letter the manager has checked: the inspection, its
findings and the original letter together, or nothing."""

from django.db import transaction

from inspections.models import Inspection
from inspections.services import inspection_create


@transaction.atomic
def inspection_create_from_letter(
    *,
    letter_content: bytes,
    letter_filename: str,
    priority_findings: list[str] | None = None,
    **facts,
) -> Inspection:
    """The inspection as the letter (checked by the manager) describes it, with the letter
    kept beside it for anyone in the partnership to download. An older letter's areas for
    priority action are flagged as such, as long as the manager kept their words."""
    inspection = inspection_create(
        letter_content=letter_content, letter_filename=letter_filename, **facts
    )
    if priority_findings:
        inspection.plan.findings.filter(text__in=priority_findings).update(is_priority=True)
    return inspection
