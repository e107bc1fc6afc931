from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.blueprint import DEMO_PASSWORD
from demo.loader import demo_usernames, load_demo


class Command(BaseCommand):
    help = (
        "Loads the demo: Lewisham's real JTAI letter with a realistic action plan, "
        "and a small fictional second partnership. Loading twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off. Demo users share a known password: "
            "never on a live site.",
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: the demo users share a known "
                "password. Use --force if this really is a demonstration site."
            )
        partnerships = load_demo(today=timezone.localdate())
        self.stdout.write(f"Demo loaded: {', '.join(p.name for p in partnerships)}.")
        self.stdout.write(
            f"Sign in as any of {', '.join(demo_usernames())} with password {DEMO_PASSWORD}."
        )
