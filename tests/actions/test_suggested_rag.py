"""The suggested RAG at the edges of its rule: past the target date, the Camms thresholds
(on track at or above 90% of the progress due, off track below 70%), the update interval,
and no per cent given. Each case is worked by hand on a 100-day action: 1 January to
11 April 2027, so on 20 February half the time has gone."""

import datetime

import pytest

from actions.models import Action
from actions.rag import RAG
from actions.selectors import with_suggestion
from actions.suggested import Thresholds, action_suggestion, suggest, time_gone_share
from tests.factories import ActionFactory, ProgressUpdateFactory

START = datetime.date(2027, 1, 1)
TARGET = datetime.date(2027, 4, 11)  # 100 days after START
HALF_WAY = datetime.date(2027, 2, 20)  # 50 days gone: 50% of the time


def suggested(percent, *, on=HALF_WAY, owner=RAG.GREEN, last_update_on=HALF_WAY, **figures):
    return suggest(
        owner_rag=owner,
        target_date=TARGET,
        start=START,
        percent_complete=percent,
        last_update_on=last_update_on,
        added_on=START,
        on=on,
        thresholds=Thresholds(**figures),
    )


def test_the_time_gone_is_the_share_of_days_from_start_to_target():
    assert time_gone_share(start=START, target=TARGET, on=HALF_WAY) == 0.5
    assert time_gone_share(start=START, target=TARGET, on=START) == 0
    assert time_gone_share(start=START, target=TARGET, on=datetime.date(2026, 12, 1)) == 0
    assert time_gone_share(start=START, target=TARGET, on=TARGET) == 1


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (45, RAG.GREEN),  # 45 of 50 due: exactly 90%, on track
        (44, RAG.AMBER),  # 88%: one below on track
        (35, RAG.AMBER),  # exactly 70%: not below off track
        (34, RAG.RED),  # 68%: one below off track
        (100, RAG.GREEN),
        (0, RAG.RED),
    ],
)
def test_the_camms_rule_at_the_thresholds_edges(percent, expected):
    suggestion = suggested(percent)
    assert suggestion.rag == expected
    assert suggestion.words == f"50% of the time gone, {percent}% done"


def test_the_partnerships_own_figures_move_the_edges():
    assert suggested(40, on_track_percent=80, off_track_percent=60).rag == RAG.GREEN
    assert suggested(39, on_track_percent=80, off_track_percent=60).rag == RAG.AMBER
    assert suggested(30, on_track_percent=80, off_track_percent=60).rag == RAG.AMBER
    assert suggested(29, on_track_percent=80, off_track_percent=60).rag == RAG.RED


def test_past_the_target_date_and_not_complete_is_red_whatever_the_per_cent():
    day_after = TARGET + datetime.timedelta(days=1)
    for percent in (None, 100):
        suggestion = suggested(percent, on=day_after, last_update_on=day_after)
        assert suggestion.rag == RAG.RED
        assert suggestion.words == (
            "the target date, 11 April 2027, has passed and the action is not complete"
        )
    # On the target date itself the action is not yet overdue.
    assert suggested(100, on=TARGET, last_update_on=TARGET).rag == RAG.GREEN
    assert suggested(None, on=TARGET, last_update_on=TARGET).rag is None


def test_no_per_cent_and_not_overdue_suggests_nothing():
    suggestion = suggested(None)
    assert suggestion.rag is None
    assert not suggestion.owner_better


def test_nothing_due_yet_suggests_green():
    assert suggested(0, on=START, last_update_on=START).rag == RAG.GREEN


def test_not_updated_is_flagged_only_after_the_interval():
    last = datetime.date(2027, 1, 1)
    on_the_day = last + datetime.timedelta(days=62)
    assert not suggested(None, on=on_the_day, last_update_on=last).not_updated
    after = suggested(None, on=on_the_day + datetime.timedelta(days=1), last_update_on=last)
    assert after.not_updated
    assert after.rag is None  # a flag beside the suggestion, not a RAG
    assert after.not_updated_words == (
        "no update for 63 days, more than the 62 the partnership allows"
    )
    shorter = suggested(None, on=on_the_day, last_update_on=last, update_interval_days=30)
    assert shorter.not_updated


def test_a_complete_action_gets_no_suggestion_and_no_flag():
    suggestion = suggested(0, owner=RAG.COMPLETE, on=TARGET + datetime.timedelta(days=200))
    assert (suggestion.rag, suggestion.not_updated) == (None, False)


def test_both_are_shown_only_when_the_owners_rag_is_better():
    assert suggested(34, owner=RAG.GREEN).owner_better
    assert suggested(34, owner=RAG.AMBER).owner_better
    assert not suggested(34, owner=RAG.RED).owner_better
    assert suggested(44, owner=RAG.GREEN).owner_better  # Amber suggested
    assert not suggested(45, owner=RAG.AMBER).owner_better  # the owner is more cautious
    assert suggested(20, owner=RAG.GREEN).reason_asked == (
        "The product suggests Red: 50% of the time gone, 20% done. Say why the action is Green."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "percent", "expected"),
    [
        (HALF_WAY, 45, RAG.GREEN),
        (HALF_WAY, 44, RAG.AMBER),
        (HALF_WAY, 35, RAG.AMBER),
        (HALF_WAY, 34, RAG.RED),
        (TARGET + datetime.timedelta(days=1), 100, RAG.RED),
    ],
)
def test_an_actions_suggestion_as_at_a_date_from_its_latest_update(
    time_machine, day, percent, expected
):
    action = ActionFactory(start_date=START, target_date=TARGET, rag=RAG.GREEN)
    ProgressUpdateFactory(action=action, date=START, percent_complete=0)
    ProgressUpdateFactory(action=action, date=day, percent_complete=percent)
    time_machine.move_to(datetime.datetime(day.year, day.month, day.day, 12), tick=False)

    listed = with_suggestion(Action.objects.with_page_relations().filter(pk=action.pk)).get()
    assert action_suggestion(listed).rag == expected


@pytest.mark.django_db
def test_the_time_gone_runs_from_the_letter_when_the_action_has_no_start_date(time_machine):
    # The factory's inspection letter is dated 31 January 2023; the target 100 days on.
    letter = datetime.date(2023, 1, 31)
    action = ActionFactory(start_date=None, target_date=letter + datetime.timedelta(days=100))
    ProgressUpdateFactory(action=action, date=letter, percent_complete=20)
    time_machine.move_to(datetime.datetime(2023, 4, 21, 12), tick=False)  # 80 days on

    listed = with_suggestion(Action.objects.with_page_relations().filter(pk=action.pk)).get()
    suggestion = action_suggestion(listed)
    assert suggestion.words == "80% of the time gone, 20% done"
    assert suggestion.rag == RAG.RED


@pytest.mark.django_db
def test_the_time_gone_runs_from_the_day_the_action_was_added_without_a_letter(time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 1, 12), tick=False)
    action = ActionFactory(start_date=None, target_date=TARGET)
    action.finding.plan.inspection.letter_date = None
    action.finding.plan.inspection.save()
    ProgressUpdateFactory(action=action, date=START, percent_complete=30)
    time_machine.move_to(datetime.datetime(2027, 2, 20, 12), tick=False)

    listed = with_suggestion(Action.objects.with_page_relations().filter(pk=action.pk)).get()
    assert action_suggestion(listed).words == "50% of the time gone, 30% done"


def test_an_action_yet_to_start_is_not_flagged_not_updated():
    from actions.suggested import Thresholds, suggest

    today = datetime.date(2026, 12, 1)
    suggestion = suggest(
        owner_rag="not_started",
        target_date=datetime.date(2027, 6, 30),
        start=datetime.date(2026, 12, 15),  # its own start, still to come
        percent_complete=None,
        last_update_on=None,
        added_on=datetime.date(2026, 2, 1),  # added ten months ago
        on=today,
        thresholds=Thresholds(on_track_percent=90, off_track_percent=70, update_interval_days=62),
    )
    assert not suggestion.not_updated
