import contextlib
import datetime
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from actions import selectors, services
from actions.models import UpdateCorrection
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from rounds.models import ReturnReview, ReviewDecision, UpdateRound
from tests.actions.conftest import propose
from tests.actions.test_action_page import ACTION_PAGE_QUERIES
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages

# Tuesday 1 December 2026, 14:05 in London (GMT): the update is recorded then.
RECORDED = timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 5))


@pytest.fixture(autouse=True)
def dated_plan(plan):
    """The action runs from June 2026 to June 2027, so a per cent complete of 50 or so on
    1 December asks for no reason; and it is Green."""
    plan.action.start_date = datetime.date(2026, 6, 1)
    plan.action.target_date = plan.action.original_target_date = datetime.date(2027, 6, 30)
    plan.action.rag = RAG.GREEN
    plan.action.save()


@contextlib.contextmanager
def signed_in(client, user, *, at):
    """`user` signed in at the moment `at` (a session lasts an hour idle)."""
    with time_machine.travel(at, tick=False):
        client.force_login(user)
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


def record_update(plan, *, at=RECORDED, **fields):
    """The police owner's update through the service, as the update page records it."""
    plan.action.refresh_from_db()
    with time_machine.travel(at, tick=False):
        return services.progress_update_record(
            action=plan.action,
            author=fields.pop("author", plan.police_owner),
            rag=fields.pop("rag", RAG.GREEN),
            narrative=fields.pop("narrative", "Panel met on 30 Novmber."),
            expected_version=plan.action.version,
            **fields,
        )


def correct(client, update, *, at, **fields):
    update.action.refresh_from_db()
    data = {
        "version": update.action.version,
        "update": update.pk,
        "rag": update.rag,
        "narrative": "Panel met on 30 November.",
        "percent_complete": "",
        "rag_change_reason": "",
        **fields,
    }
    with time_machine.travel(at, tick=False):
        return client.post(reverse("actions:update_correct", args=[update.action_id]), data)


def correct_as(client, user, update, *, at, **fields):
    with signed_in(client, user, at=at):
        return correct(client, update, at=at, **fields)


@pytest.mark.django_db
def test_the_author_corrects_their_update_and_the_history_keeps_what_it_said(client, plan):
    update = record_update(plan, percent_complete=50)
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    with signed_in(client, plan.police_owner, at=an_hour_on):
        form = text(client.get(reverse("actions:update_correct", args=[update.action_id])))
        response = correct(client, update, at=an_hour_on, percent_complete="55")
        page = text(client.get(plan.action.get_absolute_url()))

    assert "Panel met on 30 Novmber." in form  # pre-filled with what it said
    assert "until 14:05 on 2 December" in form
    assert response.status_code == 302
    assert response["Location"] == plan.action.get_absolute_url()
    update.refresh_from_db()
    assert (update.narrative, update.percent_complete) == ("Panel met on 30 November.", 55)
    assert update.corrected_at == an_hour_on
    correction = UpdateCorrection.objects.get(update=update)
    assert (correction.previous_narrative, correction.previous_percent_complete) == (
        "Panel met on 30 Novmber.",
        50,
    )
    assert correction.corrected_by == plan.police_owner
    event = AuditEvent.objects.get(kind=EventKind.UPDATE_CORRECTED)
    assert event.user == plan.police_owner
    assert "Corrected the update of 1 December 2026 on action 1.1" in event.detail
    assert "Your update of 1 December 2026 has been corrected" in page
    assert "Corrected by police" in page
    assert "What it said before" in page
    assert "Panel met on 30 Novmber." in page  # the earlier wording, kept
    assert "Update of 1 December corrected, progress" in page  # in the change history
    entry = next(e for e in selectors.action_history(action=plan.action) if "corrected" in e.kind)
    assert [(c.field, c.old, c.new) for c in entry.changes] == [
        (
            "Update of 1 December corrected, progress",
            "Panel met on 30 Novmber.",
            "Panel met on 30 November.",
        ),
        ("Update of 1 December corrected, per cent complete", "50%", "55%"),
    ]


@pytest.mark.django_db
def test_a_second_correction_keeps_both_earlier_wordings(client, plan):
    update = record_update(plan, narrative="First wording.")
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    correct_as(client, plan.police_owner, update, at=an_hour_on, narrative="Second wording.")
    correct_as(client, plan.police_owner, update, at=an_hour_on, narrative="Third wording.")
    with signed_in(client, plan.police_owner, at=an_hour_on):
        page = text(client.get(plan.action.get_absolute_url()))

    history = selectors.action_history(action=plan.action)
    assert [c.new for e in history if "corrected" in e.kind for c in e.changes] == [
        "Third wording.",
        "Second wording.",
    ]
    assert "First wording." in page
    assert "Second wording." in page


@pytest.mark.django_db
def test_the_action_page_offers_the_author_the_correction_and_says_until_when(client, plan):
    update = record_update(plan)

    with signed_in(client, plan.police_owner, at=RECORDED + datetime.timedelta(hours=2)):
        page = text(client.get(plan.action.get_absolute_url()))

    assert reverse("actions:update_correct", args=[update.action_id]) in page
    assert "Correct this update" in page
    assert "You can correct it until 14:05 on 2 December, or until the manager checks it" in page


@pytest.mark.django_db
def test_a_correction_takes_the_action_to_the_corrected_rag(client, plan):
    update = record_update(plan, rag=RAG.AMBER, rag_change_reason="Recruitment slipped.")

    correct_as(
        client,
        plan.police_owner,
        update,
        at=RECORDED + datetime.timedelta(hours=1),
        rag="green",
        rag_change_reason="",
    )

    plan.action.refresh_from_db()
    update.refresh_from_db()
    assert (plan.action.rag, update.rag) == (RAG.GREEN, RAG.GREEN)
    assert UpdateCorrection.objects.get(update=update).previous_rag == RAG.AMBER


@pytest.mark.django_db
def test_correcting_to_a_worse_rag_than_before_the_update_needs_the_reason(client, plan):
    update = record_update(plan, rag=RAG.GREEN)
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    with signed_in(client, plan.police_owner, at=an_hour_on):
        response = correct(client, update, at=an_hour_on, rag="red", narrative="Slipped.")
        fixed = correct(
            client, update, at=an_hour_on, rag="red", rag_change_reason="The panel chair left."
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(page) == ["Explain why the status has changed from Green to Red"]
    assert "Slipped." in page
    assert_error_summary_links_reach_inputs(page)
    assert fixed.status_code == 302
    update.refresh_from_db()
    assert (update.rag, update.rag_change_reason) == (RAG.RED, "The panel chair left.")
    assert UpdateCorrection.objects.count() == 1


@pytest.mark.django_db
def test_the_rag_is_judged_against_the_status_before_the_update(client, plan):
    # Green before; the update made it Amber, with a reason. The correction keeps Amber: it
    # is still worse than Green, so the reason cannot be dropped.
    update = record_update(plan, rag=RAG.AMBER, rag_change_reason="Recruitment slipped.")

    response = correct_as(
        client,
        plan.police_owner,
        update,
        at=RECORDED + datetime.timedelta(hours=1),
        rag="amber",
        rag_change_reason="",
    )

    assert response.status_code == 200
    assert error_summary_messages(response.content.decode()) == [
        "Explain why the status has changed from Green to Amber"
    ]
    assert not UpdateCorrection.objects.exists()


@pytest.mark.django_db
def test_after_24_hours_the_correction_is_refused_with_the_reason(client, plan):
    update = record_update(plan)
    a_day_on = RECORDED + datetime.timedelta(hours=24)

    with signed_in(client, plan.police_owner, at=a_day_on):
        refused = client.get(
            reverse("actions:update_correct", args=[update.action_id]), follow=True
        )
        page = text(client.get(plan.action.get_absolute_url()))
        posted = correct(client, update, at=a_day_on)

    assert refused.redirect_chain == [(plan.action.get_absolute_url(), 302)]
    assert (
        "An update can be corrected only in the 24 hours after it is recorded, and this one "
        "was recorded at 14:05 on 1 December 2026: record a new update instead"
    ) in text(refused)
    assert "Correct this update" not in page
    assert posted.status_code == 200
    assert "only in the 24 hours after it is recorded" in text(posted)
    assert not UpdateCorrection.objects.exists()


@pytest.mark.django_db
def test_once_the_manager_has_checked_the_update_the_correction_is_refused(client, plan):
    update = record_update(plan)
    update_round = UpdateRound.objects.create(
        plan=plan.finding.plan,
        meeting_date=datetime.date(2026, 12, 11),
        deadline=datetime.date(2026, 12, 4),
        opened_by=plan.manager,
        opened_at=RECORDED - datetime.timedelta(days=7),
    )
    ReturnReview.objects.create(
        update_round=update_round,
        update=update,
        decision=ReviewDecision.ACCEPTED,
        reviewed_by=plan.manager,
    )
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    with signed_in(client, plan.police_owner, at=an_hour_on):
        refused = client.get(
            reverse("actions:update_correct", args=[update.action_id]), follow=True
        )
        page = text(client.get(plan.action.get_absolute_url()))
        posted = correct(client, update, at=an_hour_on)

    assert "The manager has checked this update, so it can no longer be corrected" in text(refused)
    assert "Correct this update" not in page
    assert posted.status_code == 200
    assert "The manager has checked this update" in text(posted)
    assert not UpdateCorrection.objects.exists()


@pytest.mark.django_db
def test_someone_else_cannot_correct_the_owners_update(client, plan):
    update = record_update(plan)
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    with signed_in(
        client, plan.manager, at=an_hour_on
    ):  # may update the action, did not write this
        refused = client.get(
            reverse("actions:update_correct", args=[update.action_id]), follow=True
        )
        page = text(client.get(plan.action.get_absolute_url()))
        posted = correct(client, update, at=an_hour_on)
    forbidden = correct_as(client, plan.executive, update, at=an_hour_on)  # may not update it

    assert "Only police" in text(refused)
    assert "who wrote this update, can correct it" in text(refused)
    assert "Correct this update" not in page
    assert posted.status_code == 200
    assert "who wrote this update, can correct it" in text(posted)
    assert forbidden.status_code == 403
    assert not UpdateCorrection.objects.exists()


@pytest.mark.django_db
def test_only_the_latest_update_can_be_corrected(client, plan):
    earlier = record_update(plan, narrative="First.")
    with signed_in(client, plan.police_owner, at=RECORDED + datetime.timedelta(minutes=5)):
        opened = client.get(reverse("actions:update_correct", args=[plan.action.pk]))
    opened_version = plan.action.version
    latest = record_update(plan, at=RECORDED + datetime.timedelta(minutes=10), narrative="Second.")
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    with signed_in(client, plan.police_owner, at=an_hour_on):
        page = text(client.get(plan.action.get_absolute_url()))
        # The page opened for the first update, sent once a second is recorded: the version
        # it started from is refused, and then (sent again) the update it corrects.
        stale = client.post(
            reverse("actions:update_correct", args=[plan.action.pk]),
            {
                "version": opened_version,
                "update": earlier.pk,
                "rag": "green",
                "narrative": "First, corrected.",
            },
        )
        posted = correct(client, earlier, at=an_hour_on, narrative="First, corrected.")

    assert f'name="update" value="{earlier.pk}"' in opened.content.decode()
    assert f'name="version" value="{opened_version}"' in opened.content.decode()
    assert page.count("Correct this update") == 1  # the latest update's
    assert "Someone else changed this action" in text(stale)
    assert posted.status_code == 200
    assert "Only the action's latest update can be corrected" in text(posted)
    assert not UpdateCorrection.objects.exists()
    latest.refresh_from_db()
    assert latest.narrative == "Second."


@pytest.mark.django_db
def test_the_note_a_closure_proposal_records_cannot_be_corrected(client, plan):
    with time_machine.travel(RECORDED, tick=False):
        propose(plan.action, plan.police_owner)
    note = plan.action.updates.get()
    an_hour_on = RECORDED + datetime.timedelta(hours=1)

    with signed_in(client, plan.police_owner, at=an_hour_on):
        page = text(client.get(plan.action.get_absolute_url()))
        posted = correct(client, note, at=an_hour_on)

    assert "Correct this update" not in page
    assert posted.status_code == 200
    assert "records a step of the action's closure" in text(posted)
    assert not UpdateCorrection.objects.exists()


@pytest.mark.django_db
def test_the_authors_action_page_costs_at_most_one_query_more(
    client, plan, django_assert_max_num_queries
):
    # Whether the manager has checked the author's latest update, asked only for that one.
    record_update(plan)

    with (
        signed_in(client, plan.police_owner, at=RECORDED + datetime.timedelta(hours=1)),
        django_assert_max_num_queries(ACTION_PAGE_QUERIES + 1),
    ):
        page = text(client.get(plan.action.get_absolute_url()))

    assert "Correct this update" in page


@pytest.mark.django_db
def test_save_back_and_save_again_on_the_correction_records_one_correction(client, plan):
    update = record_update(plan, percent_complete=50)
    an_hour_on = RECORDED + datetime.timedelta(hours=1)
    update.action.refresh_from_db()
    sent = {
        "version": update.action.version,  # as the page gave it, before the first save
        "update": update.pk,
        "rag": update.rag,
        "narrative": "Panel met on 30 November.",
        "percent_complete": "55",
        "rag_change_reason": "",
    }
    url = reverse("actions:update_correct", args=[update.action_id])

    with signed_in(client, plan.police_owner, at=an_hour_on):
        first = client.post(url, sent)
        again = client.post(url, sent, follow=True)

    assert first.status_code == 302
    assert UpdateCorrection.objects.filter(update=update).count() == 1
    assert again.redirect_chain == [(plan.action.get_absolute_url(), 302)]
    assert "This correction was already saved" in text(again)
    assert "Someone else changed this action" not in text(again)
