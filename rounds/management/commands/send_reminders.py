import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from rounds import emails
from rounds.reminders import due_emails


class Command(BaseCommand):
    help = (
        "Sends the e-mails due today: round-open e-mails, reminders before and on the deadline, "
        "weekly overdue lists, and closures awaiting the executive. Run it daily (cron or a "
        "systemd timer); running it again the same day sends nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Act as if today were this date (YYYY-MM-DD), for checking a schedule.",
        )

    def handle(self, *args, dry_run: bool, today: datetime.date | None, **options):
        outgoing = due_emails(today=today or timezone.localdate())
        if dry_run:
            for email in outgoing:
                self.stdout.write(f"would send {describe(email)}")
            people = len({email.recipient.pk for email in outgoing})
            # Exactly this line, whatever the numbers: monitoring reads it.
            self.stdout.write(f"would send {len(outgoing)} e-mails to {people} people")
            return
        delivery = emails.send_each(outgoing)
        for email, error in delivery.failed:
            self.stderr.write(f"could not send {describe(email)}: {error}")
        if delivery.failed:
            self.stderr.write(
                f"{len(delivery.failed)} e-mails failed; the next run tries them again"
            )
        self.stdout.write(f"sent {len(delivery.sent)} e-mails to {delivery.people} people")
        if delivery.failed:
            raise SystemExit(1)


def describe(email: emails.Outgoing) -> str:
    return f"{email.kind.label}: {email.recipient} <{email.recipient.email}>: {email.subject}"
