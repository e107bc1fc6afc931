import datetime
import zlib
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from rounds import emails
from rounds.reminders import due_emails

# Identifies send_reminders' lock among the database's advisory locks.
RUN_LOCK = zlib.crc32(b"jtai send_reminders")


@contextmanager
def one_run_at_a_time():
    """A second run started while one is sending waits for it, then finds those e-mails
    recorded and sends only what is left. SQLite writes one at a time anyway."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [RUN_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [RUN_LOCK])


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
            help="With --dry-run: list what would be sent on this date (YYYY-MM-DD).",
        )

    def handle(self, *args, dry_run: bool, today: datetime.date | None, **options):
        if today and not dry_run:
            # E-mails sent for another day would be recorded as that day's and never sent
            # when it comes.
            raise CommandError("--today only works with --dry-run")
        if dry_run:
            outgoing = due_emails(today=today or timezone.localdate())
            for email in outgoing:
                self.stdout.write(f"would send {describe(email)}")
            people = len({email.recipient.pk for email in outgoing})
            # Exactly this line, whatever the numbers: monitoring reads it.
            self.stdout.write(f"would send {len(outgoing)} e-mails to {people} people")
            return
        with one_run_at_a_time():
            delivery = emails.send_each(due_emails(today=timezone.localdate()))
        for email, error in delivery.failed:
            self.stderr.write(f"could not send {describe(email)}: {error}")
        failed = [email for email, _ in delivery.failed]
        # One the web app sent meanwhile (a chase, a round opened) is not left for later.
        sent_meanwhile = emails.already_sent(failed)
        if unsent := [email for email in failed if email.key not in sent_meanwhile]:
            self.stderr.write(f"{len(unsent)} e-mails failed; the next run tries them again")
        self.stdout.write(f"sent {len(delivery.sent)} e-mails to {delivery.people} people")
        if delivery.failed:
            raise SystemExit(1)


def describe(email: emails.Outgoing) -> str:
    return f"{email.kind.label}: {email.recipient} <{email.recipient.email}>: {email.subject}"
