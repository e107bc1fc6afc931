"""Every URL with an id in it, given another partnership's id, answers 404 to GET and POST,
even for a manager (who may do everything in their own partnership): the scoping holds on
every page, and a new page is covered without anyone remembering to add it here."""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from actions.models import Action, Evidence, Finding, ProgressUpdate
from impact.models import Measure
from inspections.models import Inspection
from meetings.models import Meeting
from partnerships.models import Agency
from people.models import User
from rounds.models import UpdateRound
from statements.models import StatementSubmission

# Ids that are not records of ours (a letter's review token, an invitation, a reset link):
# their own tests cover them.
NOT_RECORDS = {
    "inspections:letter_review",
    "invitation_accept",
    "password_reset_confirm",
    "spreadsheets:plan_import_check",
}


def routes(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue  # the site operator's, not a partnership's
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and "<" in str(pattern.pattern):
            yield prefix + str(pattern.pattern), namespace + pattern.name


ROUTES = sorted(route for route in routes() if route[1] not in NOT_RECORDS)


def northbrooks_records(demo) -> dict[str, object]:
    """One record of each kind a URL names, all Northbrook's."""
    manager = demo["other.manager"]
    inspection = Inspection.objects.get(partnership__slug="northbrook")
    action = Action.objects.filter(finding__plan=inspection.plan_id).first()
    update = ProgressUpdate.objects.create(
        action=action, author=manager, rag=action.rag, narrative="Northbrook's own update."
    )
    submission = StatementSubmission(
        plan=inspection.plan,
        submitted_on=timezone.localdate(),
        submitted_by=manager,
        version="9.9",
        sha256="0" * 64,
    )
    submission.pdf.save("statement.pdf", ContentFile(b"%PDF-1.7"), save=True)
    today = timezone.localdate()
    finding = Finding.objects.filter(plan=inspection.plan_id).first()
    return {
        "inspections": inspection,
        "findings": finding,
        "actions": action,
        "agencies": Agency.objects.filter(partnership=inspection.partnership).first(),
        "people": manager,
        "meetings": Meeting.objects.create(plan=inspection.plan, date=today, recorded_by=manager),
        "rounds": UpdateRound.objects.create(
            plan=inspection.plan,
            meeting_date=today + datetime.timedelta(days=30),
            deadline=today + datetime.timedelta(days=20),
            opened_by=manager,
            opened_at=timezone.now(),
        ),
        "evidence": Evidence.objects.create(
            action=action, update=update, link="https://example.org/x", added_by=manager
        ),
        "statements": submission,
        "measures": Measure.objects.create(
            finding=finding,
            name="Northbrook's measure",
            definition="Counted.",
            unit="count",
            direction="higher",
            baseline_value=1,
            baseline_date=today,
            target_value=2,
            target_date=today + datetime.timedelta(days=90),
            created_by=manager,
        ),
    }


def url_for(route: str, records) -> str:
    """The route with Northbrook's ids in it: each id is of the record its segment names."""
    segments, parts = [], route.split("/")
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part.strip("<>").split(":")[-1]
            owner = {
                "finding_pk": "findings",
                "owner_pk": "people",
                "action_pk": "actions",
            }.get(name, parts[index - 1])
            record = records[owner]
            part = str(record.uuid if name == "uuid" else record.pk)
        segments.append(part)
    return "/" + "/".join(segments)


def test_the_walk_finds_the_pages_with_ids():
    names = {name for _, name in ROUTES}
    assert {
        "actions:action_detail",
        "meetings:dashboard",
        "people:person_edit",
        "rounds:round_returns",
    } <= names
    assert len(ROUTES) >= 40


@pytest.mark.django_db
def test_another_partnerships_ids_answer_404_on_every_page(client, demo):
    records = northbrooks_records(demo)
    client.force_login(demo["manager"])
    wrong = []
    for route, name in ROUTES:
        url = url_for(route, records)
        for method, fine in ((client.get, {404, 405}), (client.post, {404})):
            # 405: a page that only takes posts refuses a GET before it looks anything up.
            status = method(url).status_code
            if status not in fine:
                wrong.append((name, method.__name__, url, status))
    assert wrong == []
    assert User.objects.get(pk=records["people"].pk).is_active  # and nothing was changed


def test_uuid_routes_name_their_record():
    assert url_for("evidence/<uuid:uuid>/", {"evidence": _Stub()}) == f"/evidence/{_Stub.uuid}/"


class _Stub:
    uuid = uuid.UUID(int=1)
    pk = 1
