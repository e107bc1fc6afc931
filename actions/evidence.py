"""What evidence files the service accepts: documents and images, judged by their content.

A file's name says nothing reliable about it (an executable renamed report.pdf is still an
executable), so the type is read from the file's first bytes and must also match its name.
"""

from pathlib import PurePath

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Detected content type -> the file name endings it may carry.
ACCEPTED = {
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
    "application/vnd.oasis.opendocument.presentation": {".odp"},
    # Word, Excel and PowerPoint before 2007 share one container format.
    "application/msword": {".doc", ".xls", ".ppt"},
    "application/vnd.ms-excel": {".doc", ".xls", ".ppt"},
    "application/vnd.ms-powerpoint": {".doc", ".xls", ".ppt"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}
ACCEPTED_ENDINGS = sorted({ending for endings in ACCEPTED.values() for ending in endings})
WHAT_IS_ACCEPTED = "a PDF, a Word, Excel, PowerPoint or OpenDocument file, or an image"


def detect_content_type(upload) -> str | None:
    # Office files are zip archives told apart by the names inside: read the whole file
    # (at most EVIDENCE_MAX_BYTES, checked first).
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        candidates = puremagic.magic_string(content)
    except puremagic.PureError:
        return None
    for candidate in candidates:
        if candidate.mime_type in ACCEPTED:
            return candidate.mime_type
    return candidates[0].mime_type if candidates else None


def validate_evidence_file(upload) -> str:
    """The file's real content type, or a ValidationError a person can act on."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(settings.EVIDENCE_MAX_BYTES)}"
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty")
    ending = PurePath(upload.name).suffix.lower()
    content_type = detect_content_type(upload)
    if content_type not in ACCEPTED:
        raise ValidationError(f"The selected file must be {WHAT_IS_ACCEPTED}")
    if ending not in ACCEPTED[content_type]:
        raise ValidationError(
            f"The selected file's name ends {ending or 'with no type'}, but it is not that "
            f"kind of file. Upload {WHAT_IS_ACCEPTED}"
        )
    return content_type
