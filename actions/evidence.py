"""What evidence files the service accepts: documents and images, judged by their content.

A file's name says nothing reliable about it (an executable renamed report.pdf is still an
executable), so the type is read from the file's first bytes and must also match its name.
A file whose text looks like a case record is refused too (actions.case_records): every
evidence upload passes through validate_evidence_file, whichever page it comes from.
"""

import io
import re
import zipfile
from pathlib import PurePath
from urllib.parse import unquote, urlsplit

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat

from actions.case_records import check_not_case_record

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


def detect_content_type(upload: "File[bytes]") -> str | None:
    # Office files are zip archives told apart by the names inside: read the whole file
    # (at most EVIDENCE_MAX_BYTES, checked first).
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        candidates = puremagic.magic_string(content)
    except puremagic.PureError:
        return None
    types: list[str] = [candidate.mime_type for candidate in candidates]
    if set(types) & set(OFFICE_OPEN_XML.values()):
        if office_type := _office_open_xml_type(content):
            return office_type
        # A zip archive, not Word, Excel or PowerPoint (perhaps OpenDocument).
        types = [kind for kind in types if kind not in OFFICE_OPEN_XML.values()]
    for content_type in types:
        if content_type in ACCEPTED:
            return content_type
    return types[0] if types else None


# Word, Excel and PowerPoint files are zip archives alike: puremagic guesses among them by
# the order of their parts, which Excel and openpyxl write differently (an openpyxl
# workbook reads as a Word document). The folder of each kind's parts tells them apart.
_OPEN_XML = "application/vnd.openxmlformats-officedocument"
OFFICE_OPEN_XML = {
    "word/": f"{_OPEN_XML}.wordprocessingml.document",
    "xl/": f"{_OPEN_XML}.spreadsheetml.sheet",
    "ppt/": f"{_OPEN_XML}.presentationml.presentation",
}


def _office_open_xml_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    folders = {name.split("/", 1)[0] + "/" for name in names}
    return next((kind for folder, kind in OFFICE_OPEN_XML.items() if folder in folders), None)


def validate_evidence_file(upload: "File[bytes]") -> str:
    """The file's real content type, or a ValidationError a person can act on."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(settings.EVIDENCE_MAX_BYTES)}"
        )
    if upload.size == 0:
        raise ValidationError("The selected file is empty")
    ending = PurePath(upload.name or "").suffix.lower()
    content_type = detect_content_type(upload)
    if content_type not in ACCEPTED:
        raise ValidationError(f"The selected file must be {WHAT_IS_ACCEPTED}")
    if ending not in ACCEPTED[content_type]:
        raise ValidationError(
            f"The selected file's name ends {ending or 'with no type'}, but it is not that "
            f"kind of file. Upload {WHAT_IS_ACCEPTED}"
        )
    check_not_case_record(upload, content_type)
    return content_type


TITLE_MAX_LENGTH = 200


def evidence_title(*, file_name: str = "", link: str = "") -> str:
    """The title evidence takes when nobody gave one: its file's name without the ending,
    underscores and dashes as spaces ("MASH_audit-2024.pdf": "MASH audit 2024"), or the
    last part of its link's address ("https://example.org/docs/Training%20record": "Training
    record"), or the link's site."""
    if file_name:
        words = PurePath(file_name).stem
    else:
        address = urlsplit(link)
        words = PurePath(unquote(address.path)).stem or address.netloc or link
    words = " ".join(re.sub(r"[_\-]+", " ", words).split())
    return words[:TITLE_MAX_LENGTH] or (file_name or link)[:TITLE_MAX_LENGTH]
