import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.models import Inspection
from statements.statement import statement_document, statement_pdf


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Writes an inspection's written statement of action (or its progress report) as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("inspection", type=int, help="The inspection's id")
        parser.add_argument("--output", required=True, type=Path, help="The PDF file to write")
        parser.add_argument(
            "--progress", action="store_true", help="The progress report, with RAG and updates"
        )
        parser.add_argument(
            "--as-of", type=iso_date, help="With --progress: the report's date (YYYY-MM-DD)"
        )

    def handle(self, *args, inspection: int, output: Path, progress: bool, as_of, **options):
        if as_of and not progress:
            raise CommandError("--as-of goes with --progress")
        try:
            found = Inspection.objects.select_related("partnership").get(pk=inspection)
        except Inspection.DoesNotExist as error:
            raise CommandError(f"There is no inspection with id {inspection}") from error
        document = statement_document(inspection=found, progress=progress, as_of=as_of)
        output.write_bytes(statement_pdf(document))
        self.stdout.write(
            f"Wrote {document.title.lower()} for {found.partnership.local_area} "
            f"({document.action_count} actions) to {output}"
        )
