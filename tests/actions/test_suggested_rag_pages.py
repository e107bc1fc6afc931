"""Where the owner's RAG is better than the product's suggestion, the action page and the
lists show both; the owner saving such an update is asked why; the spreadsheet import
refuses such a row alone; the manager sets the figures on the partnership's settings."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions import services
from actions.models import Action, ProgressUpdate
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from inspections.models import Inspection
from people.models import Role
from spreadsheets.exports import plan_xlsx
from tests.actions.test_action_lists import MY_ACTIONS_QUERIES, PLAN_LIST_QUERIES
from tests.assertions import assert_error_summary_links_reach_inputs
from tests.factories import ActionFactory, ProgressUpdateFactory, UserFactory

START = datetime.date(2027, 1, 1)
TARGET = datetime.date(2027, 4, 11)  # 100 days after START
HALF_WAY = datetime.datetime(2027, 2, 20, 12, 0)  # half the time gone
BOTH = "Owner: Green · Suggested: Red — 50% of the time gone, 20% done"


def text(response) -> str:
    """The page as a person reads it: tags' words, no markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def half_way(time_machine):
    time_machine.move_to(HALF_WAY, tick=False)


def behind(plan, *, rag=RAG.GREEN, percent=20, reference="1.2"):
    """An action half way through its time with `percent` done, its owner saying `rag`."""
    action = ActionFactory(
        finding=plan.finding,
        reference=reference,
        lead_agency=plan.police,
        lead_officer=plan.police_owner,
        start_date=START,
        target_date=TARGET,
        rag=rag,
    )
    ProgressUpdateFactory(
        action=action,
        author=plan.police_owner,
        rag=rag,
        percent_complete=percent,
        date=HALF_WAY.date(),
    )
    return action


@pytest.mark.django_db
def test_the_action_page_shows_both_when_the_owners_rag_is_better(client, plan, half_way):
    action = behind(plan)
    client.force_login(plan.executive)
    page = text(client.get(action.get_absolute_url()))
    assert BOTH in page
    assert "How the product suggests a status" in page
    assert "90% or more of what is due by now suggests Green" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("rag", "percent"), [(RAG.RED, 20), (RAG.GREEN, 45), (RAG.GREEN, None)])
def test_the_action_page_shows_one_status_when_the_owner_is_not_better(
    client, plan, half_way, rag, percent
):
    action = behind(plan, rag=rag, percent=percent)
    client.force_login(plan.executive)
    page = text(client.get(action.get_absolute_url()))
    assert "Suggested:" not in page


@pytest.mark.django_db
def test_the_action_page_flags_an_action_not_updated(client, plan, time_machine):
    action = behind(plan, percent=50)
    time_machine.move_to(HALF_WAY + datetime.timedelta(days=63), tick=False)
    client.force_login(plan.executive)
    page = text(client.get(action.get_absolute_url()))
    assert "Not updated No update for 63 days, more than the 62 the partnership allows" in page


@pytest.mark.django_db
def test_the_lists_show_both_only_where_the_owners_rag_is_better(client, plan, half_way):
    Action.objects.filter(pk=plan.action.pk).update(target_date=TARGET)  # not overdue
    behind(plan, reference="1.2")
    behind(plan, reference="1.3", rag=RAG.RED)
    client.force_login(plan.police_owner)
    inspection = plan.finding.plan.inspection
    for url in (
        reverse("actions:my_actions"),
        reverse("inspections:inspection_actions", args=[inspection.pk]),
        inspection.get_absolute_url(),  # the plan's page, every area with its actions
    ):
        page = text(client.get(url))
        assert page.count("Suggested:") == 1, url
        assert BOTH in page, url


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 60])
def test_the_lists_queries_stay_the_same_with_suggestions(
    client, plan, half_way, django_assert_num_queries, count
):
    for n in range(count):
        behind(plan, reference=f"Q{n}")
    client.force_login(plan.police_owner)
    # As in test_action_lists: the suggestion is read off the page's own query.
    # and the open update rounds, for the banner (none is open here)
    with django_assert_num_queries(MY_ACTIONS_QUERIES):
        client.get(reverse("actions:my_actions"))
    with django_assert_num_queries(PLAN_LIST_QUERIES):
        client.get(
            reverse("inspections:inspection_actions", args=[plan.finding.plan.inspection.pk])
        )


@pytest.mark.django_db
def test_the_service_refuses_a_better_rag_without_a_reason_and_keeps_one(plan, half_way):
    action = behind(plan)
    with pytest.raises(ValidationError) as refused:
        services.progress_update_record(
            action=action,
            author=plan.police_owner,
            rag=RAG.GREEN,
            narrative="Going well.",
            percent_complete=20,
            expected_version=action.version,
        )
    assert refused.value.message_dict["rag_change_reason"] == [
        "The product suggests Red: 50% of the time gone, 20% done. Say why the action is Green."
    ]
    update = services.progress_update_record(
        action=action,
        author=plan.police_owner,
        rag=RAG.GREEN,
        narrative="Going well.",
        percent_complete=20,
        rag_change_reason="The big piece of work is done; the rest is quick.",
        expected_version=action.version,
    )
    update.refresh_from_db()
    assert update.percent_complete == 20
    assert update.rag_change_reason == "The big piece of work is done; the rest is quick."
    # A per cent on track asks for nothing.
    services.progress_update_record(
        action=action,
        author=plan.police_owner,
        rag=RAG.GREEN,
        narrative="Going well.",
        percent_complete=45,
        expected_version=action.version,
    )


@pytest.mark.django_db
def test_the_form_asks_why_and_keeps_what_was_typed(client, plan, half_way):
    action = behind(plan, percent=None)
    client.force_login(plan.police_owner)
    url = reverse("actions:progress_update_new", args=[action.pk])
    form = {"version": action.version, "rag": "green", "narrative": "Going well."}

    shown = client.get(url).content.decode()
    assert "Per cent complete (optional)" in shown

    refused = client.post(url, {**form, "percent_complete": "20"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert (
        "The product suggests Red: 50% of the time gone, 20% done. Say why the action is Green."
        in page
    )
    assert 'value="20"' in page and "Going well." in page
    assert_error_summary_links_reach_inputs(page)
    assert not ProgressUpdate.objects.filter(narrative="Going well.").exists()

    assert "must be 100 or less" in client.post(url, {**form, "percent_complete": "101"}).text

    saved = client.post(
        url, {**form, "percent_complete": "20", "rag_change_reason": "Quick work left."}
    )
    assert saved.status_code == 302
    update = ProgressUpdate.objects.get(narrative="Going well.")
    assert (update.percent_complete, update.rag_change_reason) == (20, "Quick work left.")


@pytest.mark.django_db
def test_the_import_refuses_a_row_keeping_green_past_the_target_date(client, demo, time_machine):
    lewisham = Inspection.objects.get(partnership__slug="lewisham")
    actions = list(
        Action.objects.current()
        .filter(finding__plan=lewisham.plan_id, lead_officer__isnull=False)
        .exclude(rag__in=[RAG.COMPLETE, RAG.RED])
        .order_by("finding__number", "position")
    )
    overdue, on_time = actions[0], actions[1]
    on_time.target_date = datetime.date.today() + datetime.timedelta(days=100)
    overdue.target_date = datetime.date.today() - datetime.timedelta(days=1)
    overdue.rag = on_time.rag = RAG.GREEN
    Action.objects.bulk_update([overdue, on_time], ["target_date", "rag"])
    workbook = load_workbook(io.BytesIO(plan_xlsx(lewisham)))
    sheet = workbook["Action plan"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("No.")].value in (overdue.reference, on_time.reference):
            row[headers.index("Latest update")].value = f"Row {row[0].row}: going well."
    sent_back = io.BytesIO()
    workbook.save(sent_back)

    client.force_login(demo["manager"])
    upload = client.post(
        reverse("spreadsheets:plan_import", args=[lewisham.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", sent_back.getvalue())},
    )
    result = client.get(upload["Location"]).context["result"]
    refused = {update.action.pk: update.refused for update in result.refused}
    assert list(refused) == [overdue.pk]
    assert refused[overdue.pk][0].startswith("The product suggests Red: the target date")
    assert [update.action.pk for update in result.to_update] == [on_time.pk]

    done = client.post(upload["Location"], follow=True)
    assert "1 row not applied" in done.content.decode()
    assert on_time.updates.filter(narrative__endswith="going well.").exists()
    assert not overdue.updates.filter(narrative__endswith="going well.").exists()


SETTINGS = "/partnership/security/"


@pytest.mark.django_db
def test_the_manager_changes_the_figures_and_the_trail_records_it(client):
    manager = UserFactory(role=Role.MANAGER)
    partnership = manager.partnership
    client.force_login(manager)
    page = client.get(SETTINGS).content.decode()
    assert "On track at or above (per cent of the progress due by now)" in page

    figures = {"on_track_percent": "85", "off_track_percent": "60", "update_interval_days": "31"}
    response = client.post(SETTINGS, {"version": partnership.version, **figures}, follow=True)

    assert "The figures for the suggested status have been changed" in response.content.decode()
    partnership.refresh_from_db()
    assert (
        partnership.on_track_percent,
        partnership.off_track_percent,
        partnership.update_interval_days,
    ) == (85, 60, 31)
    event = AuditEvent.objects.get(kind=EventKind.SETTINGS_CHANGED)
    assert (event.user, event.partnership) == (manager, partnership)
    assert event.detail == (
        "Suggested status: Green at or above 85% (was 90%); Red below 60% (was 70%); "
        "not updated after 31 days (was 62 days)"
    )
    # Saving the same figures again records nothing more.
    client.post(SETTINGS, {"version": partnership.version, **figures})
    assert AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("figures", "error"),
    [
        ({"on_track_percent": "70", "off_track_percent": "70"}, "must be lower than the on-track"),
        ({"on_track_percent": "60", "off_track_percent": "80"}, "must be lower than the on-track"),
        ({"on_track_percent": ""}, "Enter the on-track figure, like 90"),
        ({"off_track_percent": "lots"}, "The off-track figure must be a whole number, like 70"),
        ({"update_interval_days": "0"}, "The number of days must be 1 or more"),
    ],
)
def test_the_figures_are_checked_in_govuk_words(client, figures, error):
    manager = UserFactory(role=Role.MANAGER)
    client.force_login(manager)
    posted = {
        "version": manager.partnership.version,
        "on_track_percent": "90",
        "off_track_percent": "70",
        "update_interval_days": "62",
        **figures,
    }
    response = client.post(SETTINGS, posted)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert_error_summary_links_reach_inputs(response.content.decode())
    manager.partnership.refresh_from_db()
    assert manager.partnership.on_track_percent == 90
    assert not AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).exists()


@pytest.mark.django_db
def test_only_a_manager_changes_the_figures(client):
    owner = UserFactory(role=Role.OWNER)
    client.force_login(owner)
    assert client.post(SETTINGS, {"on_track_percent": "50"}).status_code == 403
