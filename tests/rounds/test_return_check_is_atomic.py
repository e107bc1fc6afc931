"""Checking a return is all or nothing, called from a page or directly (a command, a shell):
only a request wraps its work in a transaction of its own."""

import datetime

import pytest
import time_machine
from django.db import OperationalError, connection

from actions import services as action_services
from actions.rag import RAG
from rounds import selectors, services
from rounds.models import ReturnReview, ReviewDecision
from tests.rounds.conftest import at


class DatabaseFailsAfterTheReviewIsWritten:
    """An execute wrapper: once the review is inserted, the next lookup fails, as when the
    database goes away part-way through."""

    def __init__(self):
        self.review_written = False

    def __call__(self, execute, sql, params, many, context):
        if self.review_written and sql.lstrip().upper().startswith("SELECT"):
            raise OperationalError("the database went away")
        result = execute(sql, params, many, context)
        if sql.startswith('INSERT INTO "rounds_returnreview"'):
            self.review_written = True
        return result


@pytest.fixture
def returned(plan):
    """An action with no lead officer returned in an open round: sending its update back
    looks up the partnership's managers to e-mail, after the review is written."""
    with time_machine.travel(at(datetime.date(2026, 3, 2), 10), tick=True):
        update_round = plan.open_round()
        action = plan.council_action
        action.lead_officer = None
        action.save()
        action_services.progress_update_record(
            action=action, author=plan.manager, rag=RAG.GREEN, narrative="On track.",
            expected_version=action.version,
        )  # fmt: skip
        yield update_round, selectors.action_return(update_round=update_round, action_pk=action.pk)


def test_a_check_that_fails_part_way_leaves_nothing_written(plan, returned):
    update_round, action = returned

    with (
        connection.execute_wrapper(DatabaseFailsAfterTheReviewIsWritten()),
        pytest.raises(OperationalError),
    ):
        services.return_check(
            update_round=update_round, action=action, user=plan.manager,
            update_id=action.return_id, decision=ReviewDecision.SENT_BACK,
            comment="Say what happens next.",
        )  # fmt: skip

    assert not ReturnReview.objects.exists()
