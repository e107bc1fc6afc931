"""Creates an inspection from a letter the manager has checked: the inspection, its
findings and the original letter together, or nothing."""

from inspections.models import Inspection
from inspections.services import inspection_create


def inspection_create_from_letter(
    *, letter_content: bytes, letter_filename: str, **facts
) -> Inspection:
    """The inspection as the letter (checked by the manager) describes it, with the letter
    kept beside it for anyone in the partnership to download."""
    return inspection_create(
        letter_content=letter_content, letter_filename=letter_filename, **facts
    )
