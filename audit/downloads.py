"""Every file the service hands out leaves through `file_download`.

Statements, meeting packs, spreadsheets and evidence files all pass here, so the
audit trail of downloads has one place to hook in.
"""

import io

from django.http import FileResponse, HttpRequest

from audit.models import EventKind
from audit.trail import client_address, record


def file_download(
    request: HttpRequest,
    *,
    content,
    filename: str,
    content_type: str,
    kind: str,
    subject=None,
) -> FileResponse:
    """A response that makes the browser save `content` (bytes or an open file) as `filename`.

    `kind` names what is handed out ("evidence", "statement", ...) and `subject` the
    record it belongs to: the audit trail records both, with the person and address.
    """
    record(
        EventKind.DOWNLOAD,
        detail=f"{kind}: {filename}" + (f" ({subject})" if subject else ""),
        user=request.user,
        address=client_address(request),
    )
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    response = FileResponse(
        content, as_attachment=True, filename=filename, content_type=content_type
    )
    # Evidence is uploaded by people: never let a browser guess it is a page to run.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
