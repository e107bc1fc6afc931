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
        sent, people, failures = 0, set(), 0
        for email in outgoing:
            who = f"{email.recipient} <{email.recipient.email}>"
            line = f"{email.kind.label}: {who}: {email.subject}"
            if dry_run:
                self.stdout.write(f"would send {line}")
                sent += 1
                people.add(email.recipient.pk)
                continue
            try:
                went = emails.send(email)
            except Exception as error:  # noqa: BLE001 - one refused address must not stop the rest
                failures += 1
                self.stderr.write(f"could not send {line}: {error}")
                continue
            if went:
                sent += 1
                people.add(email.recipient.pk)
        verb = "would send" if dry_run else "sent"
        if failures:
            self.stderr.write(f"{failures} e-mails failed; the next run tries them again")
        # Exactly this line, whatever the numbers: monitoring reads it.
        self.stdout.write(f"{verb} {sent} e-mails to {len(people)} people")
        if failures:
            raise SystemExit(1)
