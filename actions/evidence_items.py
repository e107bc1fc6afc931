"""Evidence as items: what an owner adds to show progress or impact, on its own or cited by
a progress update or a closure proposal. Each has a title, a kind, a date, a description,
and a file or a link."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from actions.evidence import validate_evidence_file
from actions.models import Action, Evidence
from actions.rules import date_not_in_future
from actions.services import action_trail_name
from audit.models import EventKind
from audit.trail import record
from people.models import User

# UploadedFile is generic only to type checkers: the alias is read lazily, never at run time.
type Upload = UploadedFile[bytes]

FILE_OR_LINK = "Upload a file or give a link to the evidence"


@transaction.atomic
def evidence_add(
    *,
    action: Action,
    user: User,
    title: str,
    kind: str,
    date: datetime.date,
    description: str,
    link: str = "",
    file: Upload | None = None,
    address: str | None = None,
) -> Evidence:
    """The owner adds an item of evidence to the action: it is listed on the action's page,
    the area's and in the evidence index of the progress report and the pack, and the
    audit trail records who added it. A file that looks like a case record is refused."""
    if not link and not file:
        raise ValidationError({"file": FILE_OR_LINK})
    date_not_in_future(date, field="date", what="The date of the evidence")
    evidence = Evidence(
        action=action,
        title=title.strip(),
        kind=kind,
        date=date,
        description=description.strip(),
        link=link,
        added_by=user,
    )
    if file:
        # The form has read the file's type already; a caller without a form has not.
        content_type = getattr(file, "detected_content_type", None) or validate_evidence_file(file)
        evidence.file = file
        evidence.original_name = file.name or ""
        evidence.content_type = content_type
        evidence.size = file.size
    evidence.full_clean()
    evidence.save()
    record(
        EventKind.ACTION_CHANGED,
        user=user,
        address=address,
        partnership_id=action.finding.plan.partnership_id,
        detail=f"Added evidence to {action_trail_name(action)}: {evidence.title}",
    )
    return evidence
