from django.core.management.base import BaseCommand

from spreadsheets.importers import plan_uploads_delete_unconfirmed


class Command(BaseCommand):
    help = (
        "Deletes plans uploaded for import and not confirmed within a day. Safe to run at "
        "any time; run it daily."
    )

    def handle(self, *args, **options):
        deleted = plan_uploads_delete_unconfirmed()
        self.stdout.write(f"deleted {deleted} unconfirmed import{'s' if deleted != 1 else ''}")
