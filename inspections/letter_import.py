"""Creates an inspection from a letter the manager has checked: the inspection, its
findings and the original letter together, or nothing."""

from django.db import transaction
from django.db.models import Q

from inspections.letters import LetterExtract
from inspections.models import Inspection
from inspections.services import inspection_create
from partnerships.models import Partnership


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


def same_letter_imported(*, partnership: Partnership, letter: LetterExtract) -> list[Inspection]:
    """The partnership's inspections that this letter seems to be already: the same days
    on site, or the same letter date. Starting from it again would make a second copy, so
    the review page says they exist (a real second inspection has other dates)."""
    same: Q = Q()
    if letter.onsite_start and letter.onsite_end:
        same |= Q(onsite_start=letter.onsite_start, onsite_end=letter.onsite_end)
    if letter.letter_date:
        same |= Q(letter_date=letter.letter_date)
    if not same:
        return []
    return list(
        Inspection.objects.filter(same, partnership=partnership)
        .select_related("partnership", "theme")
        .order_by("pk")
    )
