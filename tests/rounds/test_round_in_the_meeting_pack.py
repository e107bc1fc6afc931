import datetime

import pytest
import time_machine
from django.urls import reverse

from actions import services as action_services
from actions.rag import RAG
from rounds.models import ReturnReview, ReviewDecision
from tests.factories import ActionFactory
from tests.rounds.conftest import at


@pytest.mark.parametrize("page", ["meetings:dashboard", "meetings:meeting_pack"])
def test_the_pack_and_dashboard_count_returns_and_say_why_an_action_has_no_accepted_update(
    client, plan, page, django_assert_num_queries
):
    with time_machine.travel(at(datetime.date(2026, 3, 2), 10), tick=True):
        update_round = plan.open_round()
        red_accepted, red_unchecked = plan.police_actions
        for action in (red_accepted, red_unchecked):
            action.refresh_from_db()
            action_services.progress_update_record(
                action=action, author=plan.police_owner, rag=RAG.RED, narrative="Stuck.",
                rag_change_reason="Lead post vacant.", expected_version=action.version,
            )  # fmt: skip
        ReturnReview.objects.create(
            update_round=update_round,
            update=red_accepted.updates.get(),
            decision=ReviewDecision.ACCEPTED,
            reviewed_by=plan.manager,
        )
        for n in range(5):
            ActionFactory(finding=plan.finding, lead_agency=plan.council, rag=RAG.RED,
                          reference=f"9.{n}")  # fmt: skip
        client.force_login(plan.executive)

        # no meeting recorded yet, so no changes to read; the round and its counts; the pack
        # adds its cover's members, the matters arising, asks, challenges, the whole plan
        # and the agencies to choose one's own pack from; both read the areas' measures with
        # their latest readings (their impact)
        # (and the reviews due and the evidence index, its items and areas); the dashboard
        # counts the new target dates awaiting the manager's decision; the pack reads the
        # target dates decided and awaiting (one query) and the contributions (one)
        with django_assert_num_queries(19 if page == "meetings:dashboard" else 29):
            response = client.get(reverse(page, args=[plan.inspection.pk]))

    text = response.content.decode()
    # The key, on the dashboard and the pack's cover, names each word once.
    assert text.count("Update not yet checked") == 1 + 1  # the police action not checked
    assert text.count("No update this round") == 5 + 1  # the council's five
    assert text.count("Sent back for more detail") == 0 + 1
    assert "No accepted update" not in text
    if page == "meetings:dashboard":
        assert "2 of 8</span> open actions updated since the round opened" in text
    else:
        assert "Owners were asked to update 8 open actions" in text
        assert "2 were updated and the partnership manager accepted 1" in text
