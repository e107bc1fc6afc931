import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions import services as action_services
from actions.rag import RAG
from notifications.models import SentEmail
from people.models import Role
from rounds import selectors, services
from rounds.models import EmailKind, ReviewDecision
from tests.actions.conftest import propose
from tests.factories import ActionFactory, UserFactory
from tests.rounds.conftest import at


def run(day: datetime.date, *args) -> str:
    out = io.StringIO()
    with time_machine.travel(at(day), tick=False):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def subjects() -> list[str]:
    return sorted(message.subject for message in mail.outbox)


def record_update(action, author):
    action.refresh_from_db()
    action_services.progress_update_record(
        action=action, author=author, rag=RAG.GREEN, narrative="On track.",
        # Some of these actions are past their target date by then, so the product suggests
        # Red and a Green says why (issue 17's suggested RAG).
        rag_change_reason="Finishing this week.", expected_version=action.version,
    )  # fmt: skip


@pytest.fixture
def opened(plan):
    update_round = plan.open_round()
    mail.outbox.clear()
    return update_round


def test_the_round_open_email_goes_to_an_owner_who_has_not_had_it(plan):
    # A round opened without e-mails (as the demo does): send_reminders catches up.
    update_round = plan.open_round()
    SentEmail.objects.filter(recipient=plan.council_owner).delete()
    mail.outbox.clear()

    out = run(datetime.date(2026, 2, 24))

    assert [m.to for m in mail.outbox] == [[plan.council_owner.email]]
    assert mail.outbox[0].subject.startswith("Update your action for the SCP executive")
    assert out.splitlines()[-1] == "sent 1 e-mails to 1 people"
    assert SentEmail.objects.about(update_round).count() == 2


def test_nothing_is_sent_between_the_round_opening_and_the_reminder_day(opened):
    assert run(datetime.date(2026, 3, 3)).splitlines()[-1] == "sent 0 e-mails to 0 people"
    assert mail.outbox == []


def test_the_reminder_goes_2_working_days_before_the_deadline_to_owners_not_yet_returned(
    plan, opened
):
    for action in plan.police_actions:
        record_update(action, plan.police_owner)

    out = run(datetime.date(2026, 3, 4))

    assert subjects() == ["Reminder: update your action for the SCP executive by Friday 6 March"]
    assert mail.outbox[0].to == [plan.council_owner.email]
    assert out.splitlines()[-1] == "sent 1 e-mails to 1 people"


def test_running_twice_in_a_day_sends_nothing_the_second_time(opened):
    assert run(datetime.date(2026, 3, 4)).splitlines()[-1] == "sent 2 e-mails to 2 people"
    assert run(datetime.date(2026, 3, 4)).splitlines()[-1] == "sent 0 e-mails to 0 people"
    # nor the day after: one reminder per round
    assert run(datetime.date(2026, 3, 5)).splitlines()[-1] == "sent 0 e-mails to 0 people"
    assert len(mail.outbox) == 2


def test_the_last_reminder_goes_on_the_deadline_day_copied_to_the_manager(plan, opened):
    record_update(plan.council_action, plan.council_owner)

    out = run(datetime.date(2026, 3, 6))

    to_owner = [m for m in mail.outbox if m.to == [plan.police_owner.email]]
    to_manager = [m for m in mail.outbox if m.to == [plan.manager.email]]
    assert [m.subject for m in to_owner] == [
        "Last reminder: update your 2 actions for the SCP executive by Friday 6 March (today)"
    ]
    assert len(to_manager) == 1
    assert to_manager[0].subject == (
        "Copy: 1 owner has not updated 2 actions for the SCP executive, due today"
    )
    assert "have been reminded today and have not yet updated" in to_manager[0].body
    assert out.splitlines()[-1] == "sent 2 e-mails to 2 people"
    assert run(datetime.date(2026, 3, 9)).splitlines()[-1] == "sent 0 e-mails to 0 people"


def test_dry_run_lists_what_it_would_send_and_sends_nothing(opened):
    out = run(datetime.date(2026, 3, 4), "--dry-run")

    assert mail.outbox == []
    assert not SentEmail.objects.filter(kind=EmailKind.REMINDER).exists()
    assert "would send Reminder" in out
    assert out.splitlines()[-1] == "would send 2 e-mails to 2 people"


def test_deactivated_people_and_other_partnerships_get_nothing(plan, opened):
    plan.council_owner.is_active = False
    plan.council_owner.save()

    run(datetime.date(2026, 3, 4))

    recipients = {m.to[0] for m in mail.outbox}
    assert plan.council_owner.email not in recipients
    assert plan.stranger.email not in recipients
    # the deactivated owner's action goes to the manager, who can reassign it
    assert recipients == {plan.police_owner.email, plan.manager.email}


def test_the_weekly_digest_lists_each_owners_overdue_actions_once_a_week(plan):
    late = plan.police_actions[0]
    late.target_date = datetime.date(2026, 2, 1)
    late.save()

    run(datetime.date(2026, 3, 2))  # a Monday
    run(datetime.date(2026, 3, 4))  # same week
    assert subjects() == ["1 of your actions is overdue in the SCP plan"]
    assert mail.outbox[0].to == [plan.police_owner.email]
    assert "Target date: 1 February 2026" in mail.outbox[0].body

    run(datetime.date(2026, 3, 9))  # the next week
    assert len(mail.outbox) == 2


def test_executive_members_hear_of_closures_awaiting_them_before_the_meeting(plan, opened):
    propose(plan.council_action, plan.council_owner)
    assert run(datetime.date(2026, 3, 5), "--dry-run").count("Closures awaiting") == 0

    run(datetime.date(2026, 3, 6))
    to_executive = [m for m in mail.outbox if m.to == [plan.executive.email]]
    assert [m.subject for m in to_executive] == [
        "1 action proposed complete for the SCP executive on Friday 13 March"
    ]
    assert f"/actions/{plan.council_action.pk}/" in to_executive[0].body


def send_back(update_round, action, manager):
    services.return_check(
        update_round=update_round,
        action=selectors.action_return(update_round=update_round, action_pk=action.pk),
        user=manager,
        update_id=action.updates.latest().pk,
        decision=ReviewDecision.SENT_BACK,
        comment="Give the figures.",
    )


def test_a_return_sent_back_and_not_revised_is_still_due_for_the_reminders(plan, opened):
    record_update(plan.council_action, plan.council_owner)
    send_back(opened, plan.council_action, plan.manager)
    for action in plan.police_actions:
        record_update(action, plan.police_owner)
    mail.outbox.clear()

    run(datetime.date(2026, 3, 4))
    assert subjects() == ["Reminder: update your action for the SCP executive by Friday 6 March"]
    assert mail.outbox[0].to == [plan.council_owner.email]

    record_update(plan.council_action, plan.council_owner)
    assert run(datetime.date(2026, 3, 6)).splitlines()[-1] == "sent 0 e-mails to 0 people"


def test_the_manager_can_chase_an_owner_whose_only_return_was_sent_back(client, plan, opened):
    record_update(plan.council_action, plan.council_owner)
    send_back(opened, plan.council_action, plan.manager)
    mail.outbox.clear()
    client.force_login(plan.manager)
    chase_url = reverse("rounds:round_chase", args=[opened.pk, plan.council_owner.pk])

    with time_machine.travel(at(datetime.date(2026, 3, 2), 10)):
        page = client.get(reverse("rounds:round_returns", args=[opened.pk])).content.decode()
        assert f'action="{chase_url}"' in page
        client.post(chase_url)
    assert [m.to for m in mail.outbox] == [[plan.council_owner.email]]


def test_a_round_opened_on_the_reminder_day_sends_no_reminder_that_day(plan):
    reminder_day = datetime.date(2026, 3, 4)
    with time_machine.travel(at(reminder_day, 9), tick=False):
        services.round_open(
            plan=plan.inspection.plan, user=plan.manager, meeting_date=datetime.date(2026, 3, 13)
        )
    mail.outbox.clear()

    assert run(reminder_day).splitlines()[-1] == "sent 0 e-mails to 0 people"
    assert run(datetime.date(2026, 3, 5)).splitlines()[-1] == "sent 2 e-mails to 2 people"


def test_an_owner_chased_on_the_reminder_day_gets_no_reminder_that_day(client, plan, opened):
    client.force_login(plan.manager)
    chase_url = reverse("rounds:round_chase", args=[opened.pk, plan.police_owner.pk])
    with time_machine.travel(at(datetime.date(2026, 3, 4), 6)):
        client.post(chase_url)
    assert len(mail.outbox) == 1

    run(datetime.date(2026, 3, 4))
    assert [m.to for m in mail.outbox[1:]] == [[plan.council_owner.email]]


def test_the_manager_cannot_chase_an_owner_reminded_earlier_that_day(client, plan, opened):
    run(datetime.date(2026, 3, 4))
    mail.outbox.clear()
    client.force_login(plan.manager)
    chase_url = reverse("rounds:round_chase", args=[opened.pk, plan.police_owner.pk])
    with time_machine.travel(at(datetime.date(2026, 3, 4), 10)):
        response = client.post(chase_url, follow=True)
    assert "was already e-mailed about this round today" in response.content.decode()
    assert mail.outbox == []


def test_each_manager_gets_one_copy_listing_every_owner_not_yet_updated(plan, opened):
    other_manager = UserFactory(
        partnership=plan.partnership, role=Role.MANAGER, first_name="Second"
    )

    run(datetime.date(2026, 3, 6))

    copies = [m for m in mail.outbox if m.subject.startswith("Copy:")]
    assert sorted(m.to[0] for m in copies) == sorted([plan.manager.email, other_manager.email])
    copy = next(m for m in copies if m.to == [plan.manager.email])
    assert copy.subject == (
        "Copy: 2 owners have not updated 3 actions for the SCP executive, due today"
    )
    for action in [*plan.police_actions, plan.council_action]:
        assert f"/actions/{action.pk}/" in copy.body
    assert "Police" in copy.body and "Council" in copy.body


def test_a_closure_proposed_after_the_first_email_reaches_the_executive_before_the_meeting(
    plan, opened
):
    propose(plan.council_action, plan.council_owner)
    run(datetime.date(2026, 3, 6))
    assert run(datetime.date(2026, 3, 9), "--dry-run").count("Closures awaiting") == 0

    propose(plan.police_actions[0], plan.police_owner)
    run(datetime.date(2026, 3, 10))
    run(datetime.date(2026, 3, 11))

    to_executive = [m for m in mail.outbox if m.to == [plan.executive.email]]
    assert [m.subject for m in to_executive] == [
        "1 action proposed complete for the SCP executive on Friday 13 March",
        "2 actions proposed complete for the SCP executive on Friday 13 March",
    ]
    assert f"/actions/{plan.police_actions[0].pk}/" in to_executive[1].body
    assert f"/actions/{plan.council_action.pk}/" in to_executive[1].body


def test_today_only_works_with_dry_run(opened):
    with pytest.raises(CommandError, match="--today only works with --dry-run"):
        call_command("send_reminders", "--today", "2026-03-04", stdout=io.StringIO())
    assert mail.outbox == []
    assert not SentEmail.objects.filter(kind=EmailKind.REMINDER).exists()

    out = io.StringIO()
    call_command("send_reminders", "--today", "2026-03-04", "--dry-run", stdout=out)
    assert out.getvalue().splitlines()[-1] == "would send 2 e-mails to 2 people"


def test_deactivated_and_other_partnerships_people_get_no_digest_closures_or_copy(plan, opened):
    def person(role, partnership=plan.partnership, active=True):
        return UserFactory(partnership=partnership, role=role, is_active=active)

    gone_manager = person(Role.MANAGER, active=False)
    gone_executive = person(Role.EXECUTIVE, active=False)
    other_manager = person(Role.MANAGER, partnership=plan.stranger.partnership)
    other_executive = person(Role.EXECUTIVE, partnership=plan.stranger.partnership)
    plan.council_owner.is_active = False
    plan.council_owner.save()
    overdue = datetime.date(2026, 2, 1)
    plan.police_actions[0].target_date = overdue
    plan.police_actions[0].save()
    plan.council_action.target_date = overdue
    plan.council_action.save()
    # An officer who moved to another partnership still named on an overdue action.
    moved_away = ActionFactory(finding=plan.finding, reference="1.4", lead_agency=plan.police,
                               lead_officer=plan.stranger, target_date=overdue)  # fmt: skip
    propose(plan.police_actions[1], plan.police_owner)

    run(datetime.date(2026, 3, 6))  # the deadline: last reminder, copy, closures, digest

    by_kind = {}
    for email in SentEmail.objects.select_related("recipient"):
        by_kind.setdefault(email.kind, set()).add(email.recipient)
    assert by_kind[EmailKind.OVERDUE_DIGEST] == {plan.police_owner, plan.manager}
    assert by_kind[EmailKind.CLOSURES_AWAITING] == {plan.executive}
    assert by_kind[EmailKind.LAST_REMINDER_COPY] == {plan.manager}
    nobody = {gone_manager, gone_executive, other_manager, other_executive, plan.council_owner,
              plan.stranger}  # fmt: skip
    recipients = {m.to[0] for m in mail.outbox}
    assert not recipients & {person.email for person in nobody}
    digest = next(m for m in mail.outbox if m.to == [plan.manager.email] and "overdue" in m.subject)
    assert f"/actions/{moved_away.pk}/" in digest.body
    assert f"/actions/{plan.council_action.pk}/" in digest.body


def test_a_mail_server_failure_records_nothing_for_that_email_and_exits_1(
    plan, opened, mail_server_refusing
):
    mail_server_refusing(plan.council_owner.email)
    out, err = io.StringIO(), io.StringIO()

    with (
        time_machine.travel(at(datetime.date(2026, 3, 4)), tick=False),
        pytest.raises(SystemExit) as exit_status,
    ):
        call_command("send_reminders", stdout=out, stderr=err)

    assert exit_status.value.code == 1
    assert out.getvalue().splitlines()[-1] == "sent 1 e-mails to 1 people"
    assert "could not send Reminder, 2 working days before the deadline: " in err.getvalue()
    assert "1 e-mails failed; the next run tries them again" in err.getvalue()
    reminders = SentEmail.objects.filter(kind=EmailKind.REMINDER)
    assert [email.recipient for email in reminders] == [plan.police_owner]

    mail_server_refusing()
    assert run(datetime.date(2026, 3, 4)).splitlines()[-1] == "sent 1 e-mails to 1 people"
    assert mail.outbox[-1].to == [plan.council_owner.email]
