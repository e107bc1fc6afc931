import datetime
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone

from actions.models import Action, Closure, Finding, ProgressUpdate
from actions.rag import RAG
from inspections.letters import suggest_statement_due
from inspections.models import Inspection
from meetings.models import Meeting
from partnerships.models import Agency, Partnership
from people.models import User
from tests.demo import DEMO_USERS

LETTER = Path(__file__).parent.parent / "fixtures" / "lewisham-jtai-letter-2023-01-31.txt"


def what_needs_to_improve_in_the_letter() -> list[str]:
    text = LETTER.read_text()
    section = text.split("What needs to improve?")[1].split("Strengths")[0]
    return re.findall(r"^- (.+)$", section, flags=re.MULTILINE)


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        model.__name__: sorted(map(str, model.objects.values_list()))
        for model in (Partnership, Agency, User, Inspection, Finding, Action, ProgressUpdate)
    }


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_holds_the_lewisham_letters_eight_findings_verbatim():
    load()

    inspection = Inspection.objects.get(partnership__slug="lewisham")
    findings = list(inspection.plan.findings.values_list("text", flat=True))
    assert len(findings) == 8
    assert findings == what_needs_to_improve_in_the_letter()


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_inspection_has_the_letters_facts_with_its_dates_moved_together():
    load()

    inspection = Inspection.objects.get(partnership__slug="lewisham")
    # The letter (31 January 2023, a Tuesday, after the week of 21 to 25 November 2022)
    # moves with the day the demo is loaded, by whole weeks, to about 13 months before it.
    assert 390 <= (timezone.localdate() - inspection.letter_date).days <= 410
    assert inspection.onsite_start.strftime("%A") == "Monday"
    assert inspection.onsite_end - inspection.onsite_start == datetime.timedelta(days=4)
    assert inspection.letter_date.strftime("%A") == "Tuesday"
    assert inspection.letter_date - inspection.onsite_start == datetime.timedelta(days=71)
    assert inspection.statement_due == suggest_statement_due(inspection.letter_date)
    assert sorted(inspection.inspectorates.values_list("short_name", flat=True)) == [
        "CQC",
        "HMICFRS",
        "Ofsted",
    ]
    assert inspection.principal_authority == "London Borough of Lewisham"
    assert len(inspection.addressee_list) == 5
    assert "Sir Mark Rowley, Commissioner of the Metropolitan Police Service" in (
        inspection.addressee_list
    )
    assert inspection.headline_findings.startswith("Lewisham's Safeguarding Children Partnership")


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_plan_is_realistic_enough_to_show_every_status():
    load()

    actions = Action.objects.filter(finding__plan__partnership__slug="lewisham")
    for finding in Finding.objects.filter(plan__partnership__slug="lewisham"):
        assert 2 <= finding.actions.count() <= 4
    assert {a.rag for a in actions} == set(RAG.values)
    assert any(a.is_overdue for a in actions)
    assert any(not a.is_overdue and not a.is_complete for a in actions)
    assert any(a.is_rebaselined for a in actions)
    assert ProgressUpdate.objects.filter(action__in=actions).dates("date", "month").count() >= 2


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_every_demo_user_can_sign_in_with_the_demo_password():
    load()

    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.check_password("demo-password"), username
        assert user.partnership.slug == (
            "northbrook" if username == "other.manager" else "lewisham"
        )


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    load()
    before = snapshot()

    load()

    assert snapshot() == before


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_the_demo_refuses_to_load_on_a_live_site_without_force():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")
    assert not Partnership.objects.exists()

    load("--force")
    assert Partnership.objects.count() == 2


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_plans_follow_their_letters_and_their_updates_go_forwards():
    load()
    today = timezone.localdate()

    for inspection in Inspection.objects.select_related("plan"):
        assert inspection.onsite_end < inspection.letter_date < inspection.statement_due < today
        meetings = Meeting.objects.filter(plan=inspection.plan_id)
        assert all(inspection.statement_due < m.date <= today for m in meetings)
        for action in Action.objects.filter(finding__plan=inspection.plan_id):
            name = f"{inspection.partnership.slug} {action.reference}"
            assert action.start_date >= inspection.letter_date, name
            assert action.original_target_date > inspection.statement_due, name
            assert action.target_date >= action.original_target_date, name
            updates = list(action.updates.order_by("created_at", "pk"))
            assert all(action.start_date <= u.date <= today for u in updates), name
            assert [u.date for u in updates] == sorted(u.date for u in updates), name
            done = [u.percent_complete for u in updates if u.percent_complete is not None]
            assert done == sorted(done), f"{name} goes backwards: {done}"
            previous = RAG.NOT_STARTED
            for update in updates:
                assert update.previous_rag == previous, name
                if RAG(update.rag).is_worse_than(previous):
                    assert update.rag_change_reason, f"{name} worse on {update.date}, no reason"
                previous = update.rag
            assert action.rag == previous, name


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demos_closures_were_proposed_by_their_owners_and_agreed_at_a_meeting():
    load()

    closures = Closure.objects.select_related("action", "meeting")
    assert closures.count() == Action.objects.filter(rag=RAG.COMPLETE).count() > 0
    for closure in closures:
        latest = closure.action.updates.order_by("-created_at").first()
        assert closure.meeting is not None
        assert closure.agreed_on == closure.meeting.date == latest.date
        assert latest.rag == RAG.COMPLETE and latest.author == closure.agreed_by
        assert closure.proposed_at < _at_ten(closure.meeting.date)
        agreed = closure.action.history.filter(rag=RAG.COMPLETE).earliest("history_date")
        assert agreed.history_date.date() == closure.meeting.date
        assert agreed.history_user == closure.agreed_by


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demos_history_is_stamped_when_each_change_happened_in_the_story():
    load()

    for inspection in Inspection.objects.all():
        for action in Action.objects.filter(finding__plan=inspection.plan_id):
            name = f"{inspection.partnership.slug} {action.reference}"
            records = list(action.history.order_by("history_date", "history_id"))
            updates = list(action.updates.order_by("created_at"))
            # Created when the plan was written, between the letter and the statement.
            assert records[0].history_type == "+", name
            written = records[0].history_date.date()
            assert inspection.letter_date < written < inspection.statement_due, name
            assert timezone.localtime(action.created_at).date() == written, name
            # Each later record is a progress update or closure step, on its moment, with
            # the RAG it gave, or the manager's approved move of the target date.
            last = updates[-1].created_at if updates else records[0].history_date
            assert all(record.history_date <= last for record in records), name
            moments = {u.created_at: u.rag for u in updates}
            for before, record in zip(records, records[1:], strict=False):
                if record.target_date != before.target_date:
                    assert record.history_user.role == "manager", name
                    assert action.target_date_change_reason, name
                else:
                    assert moments[record.history_date] == record.rag, name
            assert len(records) == 1 + len(updates) + action.is_rebaselined, name
            assert action.version == len(records), name


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_nothing_in_the_demo_is_stamped_at_the_moment_it_was_loaded():
    """Nothing in the story happens today: every record the demo makes, whatever its
    model, carries the moment of the story it belongs to, never the moment of loading."""
    loading = timezone.now()
    load()

    stamped_now = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                late = model._base_manager.filter(**{f"{field.name}__gte": loading})
                if late.exists():
                    stamped_now.append(f"{model._meta.label}.{field.name}")
    assert stamped_now == []


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_each_action_page_says_it_was_last_changed_at_its_last_moment_in_the_story(client):
    load()
    client.force_login(User.objects.get(username="manager"))
    today = f"{timezone.localdate():%-d %B %Y}"

    for action in Action.objects.filter(finding__plan__partnership__slug="lewisham"):
        moments = [record.history_date for record in action.history.all()]
        moments += [update.created_at for update in action.updates.all()]
        last = timezone.localtime(max(moments))

        page = client.get(action.get_absolute_url()).content.decode()

        found = re.search(r"Last changed</dt>\s*<dd[^>]*>([^<]*)</dd>", page).group(1).strip()
        assert found == f"{last:%-d %B %Y, %H:%M}", action.reference
        assert today not in found, action.reference
        assert action.updated_at == max(moments), action.reference
    untouched = Action.objects.get(finding__plan__partnership__slug="lewisham", reference="4.3")
    assert not untouched.updates.exists()
    assert untouched.updated_at == untouched.history.get().history_date  # the plan's writing


def _at_ten(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))


@pytest.mark.django_db
def test_a_meeting_after_a_closure_was_agreed_started_from_the_action_complete(demo):
    from actions.models import Closure, ClosureStatus
    from meetings.models import ActionSnapshot

    agreed = Closure.objects.filter(status=ClosureStatus.AGREED).select_related("meeting")
    assert agreed  # the demo agrees closures at its meetings
    for closure in agreed:
        later = ActionSnapshot.objects.filter(
            action=closure.action, meeting__date__gt=closure.meeting.date
        )
        assert all(snapshot.rag == RAG.COMPLETE for snapshot in later), closure.action
        # And so the dashboard does not count it as completed since the last meeting.
        before = ActionSnapshot.objects.get(action=closure.action, meeting=closure.meeting)
        assert before.rag != RAG.COMPLETE
