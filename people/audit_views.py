"""The partnership's audit trail, for its managers and its scrutineer: read, filter,
export. Never edited.

The pages live with people (they need its permissions); the record they read is audit/,
on the floor below, which every app writes to."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.csv_export import csv_file
from audit.downloads import file_download
from audit.models import EVENT_GROUPS, AuditEvent
from people import permissions
from people.audit_filters import AuditEventFilter

EVENTS_PER_PAGE = 100


def _events(request):
    permissions.require(permissions.can_read_audit_trail(request.user))
    events = AuditEvent.objects.for_user(request.user).select_related("user")
    return AuditEventFilter(request.GET or None, queryset=events)


@require_GET  # read only, by everyone who may read it
def audit_trail(request: HttpRequest) -> HttpResponse:
    found = _events(request)
    page = Paginator(found.qs, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    # What each group holds, in the kinds' own words (audit.models), so a new kind is listed.
    groups = [
        (group.label, [kind.label for kind in kinds]) for group, kinds in EVENT_GROUPS.items()
    ]
    return render(
        request, "audit/audit_trail.html", {"filter": found, "page": page, "groups": groups}
    )


@require_GET
def audit_trail_csv(request: HttpRequest) -> HttpResponse:
    found = _events(request)
    rows = (
        [
            event.at,
            event.user.get_full_name() if event.user else "",
            event.username,
            event.get_kind_display(),
            event.detail,
            event.ip_address or "",
        ]
        for event in found.qs.iterator()
    )
    return file_download(
        request,
        content=csv_file(["When", "Person", "Username", "What", "Detail", "Address"], rows),
        filename=f"audit-trail-{timezone.localdate():%Y-%m-%d}.csv",
        content_type="text/csv",
        kind="audit trail",
    )
