"""The audit trail: sign-ins, failures, sign-outs and every file handed out, read by managers
and the scrutineer (tests/audit/test_governance_events.py: the plan's governance)."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Evidence
from audit.models import AuditEvent, EventKind
from inspections.models import Inspection
from people.models import Role
from tests.actions.test_record_update import PDF
from tests.assertions import assert_error_summary_links_reach_inputs
from tests.factories import UserFactory


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


@pytest.mark.django_db
def test_sign_in_failure_and_sign_out_are_recorded_with_the_address(client, demo):
    client.post(
        "/account/sign-in/",
        {"username": "executive", "password": "wrong"},
        REMOTE_ADDR="192.0.2.10",
    )
    client.post(
        "/account/sign-in/",
        {"username": "executive", "password": "demo-password"},
        REMOTE_ADDR="192.0.2.10",
    )
    client.post("/account/sign-out/", REMOTE_ADDR="192.0.2.10")

    events = list(AuditEvent.objects.order_by("pk").values_list("kind", "username", "ip_address"))
    assert events == [
        (EventKind.SIGN_IN_FAILED, "executive", "192.0.2.10"),
        (EventKind.SIGN_IN, "executive", "192.0.2.10"),
        (EventKind.SIGN_OUT, "executive", "192.0.2.10"),
    ]
    failed = AuditEvent.objects.get(kind=EventKind.SIGN_IN_FAILED)
    assert failed.partnership.slug == "lewisham"  # so Lewisham's managers see it


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "params", "kind"),
    [
        ("statements:statement_download", {}, "statement"),
        ("statements:statement_download", {"progress": "1"}, "progress report"),
        ("meetings:meeting_pack_download", {}, "meeting pack"),
        ("spreadsheets:plan_xlsx", {}, "spreadsheet"),
        ("spreadsheets:plan_csv", {}, "spreadsheet"),
    ],
)
def test_every_download_is_recorded(client, demo, lewisham, url_name, params, kind):
    client.force_login(demo["scrutineer"])
    assert client.get(reverse(url_name, args=[lewisham.pk]), params).status_code == 200
    event = AuditEvent.objects.get(kind=EventKind.DOWNLOAD)
    assert event.user == demo["scrutineer"]
    assert event.partnership.slug == "lewisham"
    assert event.detail.startswith(f"{kind}: ")


@pytest.mark.django_db
def test_evidence_downloads_are_recorded(client, demo, lewisham):
    action = lewisham.plan.findings.get(number=1).actions.get(reference="1.1")
    client.force_login(demo["police.officer"])
    client.post(
        reverse("actions:progress_update_new", args=[action.pk]),
        {
            "version": action.version,
            "rag": "red",
            "narrative": "Evidence attached.",
            "evidence_file": SimpleUploadedFile("custody-audit.pdf", PDF),
        },
    )
    evidence = Evidence.objects.get(original_name="custody-audit.pdf")
    client.get(reverse("actions:evidence_download", args=[evidence.uuid]))
    assert AuditEvent.objects.get(kind=EventKind.DOWNLOAD).detail.startswith(
        "evidence: custody-audit.pdf"
    )


@pytest.mark.django_db
def test_managers_read_only_their_partnerships_trail_filtered_and_as_csv(client, demo):
    client.post("/account/sign-in/", {"username": "police.officer", "password": "wrong"})
    client.post("/account/sign-in/", {"username": "other.manager", "password": "wrong"})
    client.force_login(demo["manager"])

    page = client.get(reverse("audit:audit_trail"), {"group": "sign_in"}).content.decode()
    assert "police.officer" in page
    assert "other.manager" not in page  # Northbrook's

    filtered = client.get(
        reverse("audit:audit_trail"), {"kind": "sign_in_failed", "person": "police"}
    ).content.decode()
    assert "1 entry" in filtered

    response = client.get(reverse("audit:audit_trail_csv"), {"kind": "sign_in_failed"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["When", "Person", "Username", "What", "Detail", "Address"]
    assert [row[2] for row in rows[1:]] == ["police.officer"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["council.officer", "executive"])
def test_only_managers_and_the_scrutineer_read_the_trail(client, demo, username):
    client.force_login(demo[username])
    assert client.get(reverse("audit:audit_trail")).status_code == 403
    assert client.get(reverse("audit:audit_trail_csv")).status_code == 403


@pytest.mark.django_db
def test_an_entry_can_be_neither_changed_nor_deleted(demo):
    from audit.trail import record

    event = record(EventKind.SIGN_IN, user=demo["manager"])
    event.detail = "tampered"
    with pytest.raises(ValueError, match="never changed"):
        event.save()
    with pytest.raises(ValueError, match="never deleted"):
        event.delete()


@pytest.mark.django_db
def test_the_trail_is_filtered_by_dates_typed_as_day_month_and_year(client):
    manager = UserFactory(role=Role.MANAGER)
    for day in (1, 10, 20):
        with time_machine.travel(datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC)):
            AuditEvent.objects.create(
                partnership=manager.partnership, user=manager, username=f"day{day}",
                kind=EventKind.DOWNLOAD,
            )  # fmt: skip
    client.force_login(manager)
    html = client.get(
        "/audit/",
        {"since_0": "5", "since_1": "3", "since_2": "2026", "until_0": "15", "until_1": "3",
         "until_2": "2026"},
    ).content.decode()  # fmt: skip
    assert "day10" in html and "day1<" not in html and "day20" not in html

    html = client.get(
        "/audit/",
        {"since_0": "15", "since_1": "3", "since_2": "2026", "until_0": "5", "until_1": "3",
         "until_2": "2026"},
    ).content.decode()  # fmt: skip
    assert "The end date must be the same as or after the start date" in html
    assert "<title>Error: Audit trail" in html
    assert_error_summary_links_reach_inputs(html)
