"""A manager keeps an inspection's areas for improvement in the letter's words and order."""

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Finding
from audit.models import AuditEvent, EventKind
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, FindingFactory, InspectionFactory, UserFactory


@pytest.fixture
def inspection(db):
    inspection = InspectionFactory()
    for number, text in enumerate(["Staffing.", "Supervision.", "Out-of-hours cover."], start=1):
        FindingFactory(inspection=inspection, number=number, text=text)
    return inspection


@pytest.fixture
def manager(inspection):
    return UserFactory(partnership=inspection.partnership, role=Role.MANAGER)


def texts(inspection) -> list[tuple[int, str]]:
    return list(inspection.plan.findings.order_by("number").values_list("number", "text"))


def finding(inspection, text: str) -> Finding:
    return inspection.plan.findings.get(text=text)


def the_inspection(inspection) -> str:
    """How the audit trail names the inspection."""
    return f"the inspection of {inspection.partnership.local_area} ({inspection.subject})"


def audit_details() -> list[str]:
    return list(
        AuditEvent.objects.filter(kind=EventKind.INSPECTION_SET_UP)
        .order_by("pk")
        .values_list("detail", flat=True)
    )


def test_the_list_shows_the_findings_in_order_with_their_actions(
    client, inspection, manager, django_assert_num_queries
):
    ActionFactory.create_batch(2, finding=finding(inspection, "Supervision."))
    client.force_login(manager)
    # session, user, inspection, findings with their action counts, in a savepoint pair
    with django_assert_num_queries(6):
        response = client.get(reverse("inspections:finding_list", args=[inspection.pk]))
    html = response.content.decode()
    assert html.index("Staffing.") < html.index("Supervision.") < html.index("Out-of-hours")
    assert "2 actions" in html
    FindingFactory.create_batch(5, inspection=inspection)
    with django_assert_num_queries(6):
        client.get(reverse("inspections:finding_list", args=[inspection.pk]))


def test_a_manager_adds_a_finding_at_the_end(client, inspection, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:finding_new", args=[inspection.pk]),
        {"text": "Return home\r\ninterviews.", "is_priority": "on"},
    )
    assert response.status_code == 302
    added = finding(inspection, "Return home interviews.")
    assert (added.number, added.is_priority) == (4, True)
    assert audit_details() == [f"Added area for improvement 4 to {the_inspection(inspection)}"]
    assert not AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).exists()


def test_an_empty_finding_is_refused_in_govuk_words(client, inspection, manager):
    client.force_login(manager)
    html = client.post(
        reverse("inspections:finding_new", args=[inspection.pk]), {"text": " "}
    ).content.decode()
    assert "<title>Error: " in html
    assert error_summary_messages(html) == ["Enter the area for improvement"]
    assert_error_summary_links_reach_inputs(html)
    assert inspection.plan.findings.count() == 3


def test_a_manager_edits_the_text_and_flags_it_priority(client, inspection, manager):
    supervision = finding(inspection, "Supervision.")
    client.force_login(manager)
    html = client.get(reverse("inspections:finding_edit", args=[supervision.pk])).content.decode()
    assert "Supervision.</textarea>" in html
    version = html.split('name="version" value="')[1].split('"')[0]

    response = client.post(
        reverse("inspections:finding_edit", args=[supervision.pk]),
        {"text": "Supervision of social workers.", "is_priority": "on", "version": version},
    )

    assert response.status_code == 302
    supervision.refresh_from_db()
    assert (supervision.text, supervision.is_priority) == ("Supervision of social workers.", True)
    assert audit_details() == [
        "Changed the text and priority flag of area for improvement 2, "
        f"in {the_inspection(inspection)}"
    ]
    assert "Priority action" in client.get(response["Location"]).content.decode()


def test_a_stale_edit_is_refused_and_keeps_the_text(client, inspection, manager):
    supervision = finding(inspection, "Supervision.")
    client.force_login(manager)
    url = reverse("inspections:finding_edit", args=[supervision.pk])
    version = client.get(url).content.decode().split('name="version" value="')[1].split('"')[0]
    assert client.post(url, {"text": "Their wording.", "version": version}).status_code == 302

    response = client.post(url, {"text": "My wording.", "version": version})

    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(html)[0].startswith(
        "Someone else changed this area for improvement while you were working on it"
    )
    assert_error_summary_links_reach_inputs(html)
    assert "My wording.</textarea>" in html
    assert "Their wording." in html  # what it says now
    supervision.refresh_from_db()
    assert supervision.text == "Their wording."
    fresh = html.split('name="version" value="')[1].split('"')[0]
    assert client.post(url, {"text": "My wording.", "version": fresh}).status_code == 302
    supervision.refresh_from_db()
    assert supervision.text == "My wording."


def test_moving_a_finding_up_renumbers_both(client, inspection, manager):
    inspection.subject = (
        "the multi-agency response to children and families who need help, including "
        "children at risk of exploitation"
    )
    inspection.save()
    client.force_login(manager)
    cover = finding(inspection, "Out-of-hours cover.")
    response = client.post(
        reverse("inspections:finding_move", args=[cover.pk]), {"direction": "up"}
    )
    assert response.status_code == 302
    assert texts(inspection) == [(1, "Staffing."), (2, "Out-of-hours cover."), (3, "Supervision.")]
    client.post(reverse("inspections:finding_move", args=[cover.pk]), {"direction": "up"})
    client.post(
        reverse("inspections:finding_move", args=[cover.pk]), {"direction": "up"}
    )  # already first
    assert texts(inspection) == [(1, "Out-of-hours cover."), (2, "Staffing."), (3, "Supervision.")]
    staffing = finding(inspection, "Staffing.")
    client.post(reverse("inspections:finding_move", args=[staffing.pk]), {"direction": "down"})
    assert texts(inspection) == [(1, "Out-of-hours cover."), (2, "Supervision."), (3, "Staffing.")]
    # A long subject is cut at a word, so the entry stays readable.
    where = (
        f"in the inspection of {inspection.partnership.local_area} (the multi-agency "
        "response to children and families who need help, including…)"
    )
    assert audit_details() == [
        f"Moved area for improvement 3 up to 2, {where}",
        f"Moved area for improvement 2 up to 1, {where}",
        f"Moved area for improvement 2 down to 3, {where}",
    ]


def test_moving_needs_a_post(client, inspection, manager):
    client.force_login(manager)
    cover = finding(inspection, "Out-of-hours cover.")
    assert client.get(reverse("inspections:finding_move", args=[cover.pk])).status_code == 405


def test_a_finding_without_actions_is_removed_and_the_rest_renumbered(client, inspection, manager):
    client.force_login(manager)
    staffing = finding(inspection, "Staffing.")
    page = client.get(reverse("inspections:finding_delete", args=[staffing.pk])).content.decode()
    assert "Remove area for improvement 1?" in page
    assert inspection.plan.findings.count() == 3

    assert "The areas for improvement after it each move up a number." in page
    response = client.post(reverse("inspections:finding_delete", args=[staffing.pk]))

    assert response.status_code == 302
    assert texts(inspection) == [(1, "Supervision."), (2, "Out-of-hours cover.")]
    assert "Area for improvement 1 has been removed; the ones after it moved up" in (
        client.get(response["Location"]).content.decode()
    )
    assert audit_details() == [f"Removed area for improvement 1 from {the_inspection(inspection)}"]


def test_removing_the_last_finding_says_nothing_of_others_moving_up(client, inspection, manager):
    client.force_login(manager)
    cover = finding(inspection, "Out-of-hours cover.")
    page = client.get(reverse("inspections:finding_delete", args=[cover.pk])).content.decode()
    assert "Remove area for improvement 3?" in page
    assert "move up" not in page

    response = client.post(reverse("inspections:finding_delete", args=[cover.pk]), follow=True)

    html = response.content.decode()
    assert "Area for improvement 3 has been removed" in html
    assert "moved up" not in html
    assert texts(inspection) == [(1, "Staffing."), (2, "Supervision.")]


@pytest.mark.parametrize("archived", [False, True])
def test_a_finding_with_actions_cannot_be_removed_and_the_page_says_why(
    client, inspection, manager, archived
):
    supervision = finding(inspection, "Supervision.")
    action = ActionFactory(finding=supervision)
    if archived:
        Action.objects.filter(pk=action.pk).update(archived_at=timezone.now())
    client.force_login(manager)
    for response in (
        client.get(reverse("inspections:finding_delete", args=[supervision.pk])),
        client.post(reverse("inspections:finding_delete", args=[supervision.pk])),
    ):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Area for improvement 2 cannot be removed" in html
        assert "because actions answer it" in html
        assert "Remove area for improvement</button>" not in html
    assert inspection.plan.findings.count() == 3
    assert audit_details() == []


@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE, Role.SCRUTINEER])
def test_other_roles_are_refused(client, inspection, role):
    client.force_login(UserFactory(partnership=inspection.partnership, role=role))
    staffing = finding(inspection, "Staffing.")
    for url in (
        reverse("inspections:finding_list", args=[inspection.pk]),
        reverse("inspections:finding_new", args=[inspection.pk]),
        reverse("inspections:finding_edit", args=[staffing.pk]),
        reverse("inspections:finding_delete", args=[staffing.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("inspections:finding_move", args=[staffing.pk]), {"direction": "down"}
    )
    assert response.status_code == 403
    assert client.post(reverse("inspections:finding_delete", args=[staffing.pk])).status_code == 403
    assert texts(inspection)[0] == (1, "Staffing.")


def test_another_partnerships_findings_are_not_found(client, inspection):
    client.force_login(UserFactory(role=Role.MANAGER))
    staffing = finding(inspection, "Staffing.")
    for url in (
        reverse("inspections:finding_list", args=[inspection.pk]),
        reverse("inspections:finding_new", args=[inspection.pk]),
        reverse("inspections:finding_edit", args=[staffing.pk]),
        reverse("inspections:finding_delete", args=[staffing.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("inspections:finding_move", args=[staffing.pk]), {"direction": "down"}
    )
    assert response.status_code == 404
    assert client.post(reverse("inspections:finding_delete", args=[staffing.pk])).status_code == 404
    assert texts(inspection)[0] == (1, "Staffing.")
