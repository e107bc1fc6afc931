import datetime
import io

import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from notifications.models import SentEmail
from people.models import Role
from rounds import services
from rounds.models import EmailKind, UpdateRound
from tests.factories import UserFactory
from tests.rounds.conftest import MEETING, OPENED


def test_the_deadline_suggested_is_5_working_days_before_the_meeting():
    assert services.suggest_deadline(MEETING) == datetime.date(2026, 3, 6)
    # Good Friday and Easter Monday 2026 are skipped.
    assert services.suggest_deadline(datetime.date(2026, 4, 10)) == datetime.date(2026, 4, 1)


def test_opening_a_round_sends_each_owner_one_email_listing_all_their_actions(plan):
    plan.open_round()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {plan.police_owner.email, plan.council_owner.email}
    police = by_recipient[plan.police_owner.email]
    assert police.subject == "Update your 2 actions for the SCP executive by Friday 6 March"
    for action in plan.police_actions:
        assert f"https://plans.example.org/actions/{action.pk}/update/" in police.body
    html = police.alternatives[0].content
    assert f'href="https://plans.example.org/actions/{plan.police_actions[0].pk}/update/"' in html
    assert "because you are the lead officer" in police.body
    assert by_recipient[plan.council_owner.email].subject == (
        "Update your action for the SCP executive by Friday 6 March"
    )
    assert SentEmail.objects.filter(kind=EmailKind.ROUND_OPEN).count() == 2


def test_the_manager_opens_a_round_from_the_page_with_the_deadline_suggested(client, plan):
    client.force_login(plan.manager)
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        response = client.post(
            reverse("rounds:round_list", args=[plan.inspection.pk]),
            {"meeting_date_0": "13", "meeting_date_1": "3", "meeting_date_2": "2026"},
            follow=True,
        )
    assert "The round is open: 2 owners e-mailed" in response.content.decode()
    update_round = UpdateRound.objects.get()
    assert update_round.deadline == datetime.date(2026, 3, 6)
    assert len(mail.outbox) == 2


def test_a_meeting_in_the_past_is_refused_with_what_was_typed_kept(client, plan):
    client.force_login(plan.manager)
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        response = client.post(
            reverse("rounds:round_list", args=[plan.inspection.pk]),
            {"meeting_date_0": "13", "meeting_date_1": "1", "meeting_date_2": "2026"},
        )
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "The meeting date must be today or in the future" in page
    assert 'value="13"' in page
    assert not UpdateRound.objects.exists()


def test_only_managers_open_rounds_and_strangers_get_404(client, plan):
    url = reverse("rounds:round_list", args=[plan.inspection.pk])
    client.force_login(plan.police_owner)
    assert client.get(url).status_code == 403
    client.force_login(plan.stranger)
    assert client.get(url).status_code == 404


def test_the_scrutineer_reads_the_rounds_and_cannot_open_one(client, plan):
    scrutineer = UserFactory(partnership=plan.partnership, role=Role.SCRUTINEER)
    plan.open_round()
    client.force_login(scrutineer)
    page = client.get(reverse("inspections:inspection_detail", args=[plan.inspection.pk]))
    rounds = reverse("rounds:round_list", args=[plan.inspection.pk])
    assert f'href="{rounds}">Update rounds</a>' in page.content.decode()
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        listed = client.get(rounds).content.decode()
    assert "See its returns" in listed
    assert "Open the round and e-mail the owners" not in listed
    refused = client.post(rounds, {"meeting_date_0": "1", "meeting_date_1": "1"})
    assert refused.status_code == 403


def test_the_open_round_is_shown_instead_of_the_form_to_open_one(client, plan):
    update_round = plan.open_round()
    client.force_login(plan.manager)
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        page = client.get(reverse("rounds:round_list", args=[plan.inspection.pk]))
    page = page.content.decode()
    assert f"The round for the meeting on {update_round.meeting_date:%-d %B %Y} is open" in page
    assert "Open the round and e-mail the owners" not in page


def test_a_mail_server_failing_keeps_the_round_and_send_reminders_sends_what_failed(
    client, plan, mail_server_refusing
):
    mail_server_refusing(plan.council_owner.email)
    client.force_login(plan.manager)
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        response = client.post(
            reverse("rounds:round_list", args=[plan.inspection.pk]),
            {"meeting_date_0": "13", "meeting_date_1": "3", "meeting_date_2": "2026"},
            follow=True,
        )

    page = response.content.decode()
    assert "The round is open: 1 owner e-mailed" in page
    assert "1 e-mail could not be sent" in page
    assert "send them on their next run" in page
    update_round = UpdateRound.objects.get()
    assert [m.to for m in mail.outbox] == [[plan.police_owner.email]]
    assert [e.recipient for e in SentEmail.objects.all()] == [plan.police_owner]

    mail_server_refusing()
    with time_machine.travel(timezone.make_aware(OPENED + datetime.timedelta(days=1))):
        call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox[-1].to == [plan.council_owner.email]
    assert SentEmail.objects.about(update_round).filter(recipient=plan.council_owner).count() == 1
    assert SentEmail.objects.about(update_round).filter(recipient=plan.police_owner).count() == 1


def test_opening_a_round_without_a_deadline_takes_the_suggested_one(plan):
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        update_round, delivery = services.round_open(
            plan=plan.inspection.plan, user=plan.manager, meeting_date=MEETING
        )
    assert update_round.deadline == datetime.date(2026, 3, 6)
    assert len(delivery.sent) == 2


def test_a_second_round_is_refused_while_one_is_open_for_the_plan(client, plan):
    plan.open_round()
    client.force_login(plan.manager)
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):
        response = client.post(
            reverse("rounds:round_list", args=[plan.inspection.pk]),
            {"meeting_date_0": "20", "meeting_date_1": "3", "meeting_date_2": "2026"},
        )
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "A round is already open for the meeting on 13 March 2026" in page
    assert UpdateRound.objects.count() == 1


def test_a_new_round_opens_once_the_last_meeting_has_passed(plan):
    plan.open_round()
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 3, 14, 9)), tick=False):
        update_round, _ = services.round_open(
            plan=plan.inspection.plan, user=plan.manager, meeting_date=datetime.date(2026, 5, 8)
        )
    assert UpdateRound.objects.count() == 2
    assert update_round.deadline == datetime.date(2026, 4, 30)


def test_a_deadline_too_close_for_a_reminder_is_allowed_with_a_warning(client, plan):
    client.force_login(plan.manager)
    with time_machine.travel(timezone.make_aware(OPENED), tick=False):  # Monday 23 February
        response = client.post(
            reverse("rounds:round_list", args=[plan.inspection.pk]),
            {
                "meeting_date_0": "13", "meeting_date_1": "3", "meeting_date_2": "2026",
                "deadline_0": "24", "deadline_1": "2", "deadline_2": "2026",
            },
            follow=True,
        )  # fmt: skip
    page = response.content.decode()
    assert "The round is open" in page
    assert "The deadline is less than 2 working days away" in page
    assert UpdateRound.objects.get().deadline == datetime.date(2026, 2, 24)


def test_the_meeting_date_example_is_a_date_to_come(client, plan):
    with time_machine.travel(timezone.make_aware(datetime.datetime(2027, 6, 1, 9)), tick=False):
        client.force_login(plan.manager)
        page = client.get(reverse("rounds:round_list", args=[plan.inspection.pk])).content.decode()
    assert "For example, 27 7 2027" in page
