"""Plans uploaded and not yet confirmed.

The file is read once, when it is uploaded: its rows are kept as JSON in the default
storage under imports/, and the pages that ask about columns, list problems and confirm read
them from there, never the file again. An upload not confirmed within a day is deleted by
`manage.py delete_unconfirmed_imports`, run daily.
"""

import datetime
import json
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from spreadsheets.importers.reading import Sheet

FOLDER = "imports"
KEPT_FOR = datetime.timedelta(days=1)


class PlanUploadGone(Exception):
    """The upload was deleted (confirmed, or unconfirmed for a day)."""


def plan_upload_save(*, sheet: Sheet, original: bytes | None = None) -> str:
    """Keeps the rows of an uploaded sheet, and the file itself (the evidence of any
    updates it brings); returns the token that finds them again."""
    token = uuid.uuid4().hex
    content = json.dumps({"name": sheet.name, "rows": sheet.rows}, default=_date_to_json)
    default_storage.save(_path(token), ContentFile(content.encode()))
    if original is not None:
        default_storage.save(_original_path(token), ContentFile(original))
    return token


def plan_upload_original(*, token: str) -> bytes | None:
    """The file as it was uploaded, if it was kept."""
    try:
        with default_storage.open(_original_path(token)) as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def plan_upload_sheet(*, token: str) -> Sheet:
    try:
        with default_storage.open(_path(token)) as stored:
            kept = json.load(stored, object_hook=_date_from_json)
    except FileNotFoundError as error:
        raise PlanUploadGone(token) from error
    return Sheet(kept["name"], [(number, values) for number, values in kept["rows"]])


def plan_upload_delete(*, token: str) -> None:
    default_storage.delete(_path(token))
    default_storage.delete(_original_path(token))


def plan_uploads_delete_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Deletes every upload kept for more than a day, and any file older than that under
    imports/ (such as the files earlier versions kept); returns how many it deleted."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    try:
        _, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for name in names:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    return deleted


def _path(token: str) -> str:
    return f"{FOLDER}/{token}.json"


def _original_path(token: str) -> str:
    return f"{FOLDER}/{token}.original"


def _date_to_json(value):
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept")


def _date_from_json(kept: dict):
    if "datetime" in kept:
        return datetime.datetime.fromisoformat(kept["datetime"])
    if "date" in kept:
        return datetime.date.fromisoformat(kept["date"])
    return kept
