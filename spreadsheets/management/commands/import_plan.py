from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.models import Inspection
from people.models import Role, User
from spreadsheets.importers import (
    ImportResult,
    PlanFileError,
    SourceFile,
    import_plan,
    import_summary,
    parse_plan,
)


class Command(BaseCommand):
    help = (
        "Imports an action plan from an .xlsx, .csv or .docx file into an inspection. It says "
        "which columns it read and which it needs. Every row is checked first: if any is "
        "wrong, nothing is written and each problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--inspection", type=int, required=True, help="The inspection's id")
        parser.add_argument(
            "--as",
            dest="username",
            help="Who the imported updates are recorded as (default: the partnership's manager)",
        )

    def handle(self, *args, file: Path, inspection: int, username: str | None, **options):
        try:
            found = Inspection.objects.select_related("partnership").get(pk=inspection)
        except Inspection.DoesNotExist as error:
            raise CommandError(f"There is no inspection with id {inspection}") from error
        people = User.objects.filter(partnership=found.partnership, is_active=True)
        user = (
            people.filter(username=username).first()
            if username
            else people.filter(role=Role.MANAGER).order_by("pk").first()
        )
        if user is None:
            raise CommandError("Name a person of the partnership to record the import as (--as)")
        try:
            result = parse_plan(plan=found.plan, content=file.read_bytes(), filename=file.name)
        except (OSError, PlanFileError) as error:
            raise CommandError(str(error)) from error
        self._say_what_columns_were_read(result)
        for note in result.notes:
            self.stdout.write(f"note: {note}")
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(result.errors)} problems in {file.name}")
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        for update in result.refused:
            self.stderr.write(
                f"row {update.row_number}, action {update.action.reference}: not applied: "
                + "; ".join(update.refused)
            )
        content = file.read_bytes()
        created = import_plan(result=result, user=user, source=SourceFile(content, file.name))
        self.stdout.write(import_summary(result, added=len(created), filename=file.name) + ".")

    def _say_what_columns_were_read(self, result: ImportResult) -> None:
        for header, label in result.recognised:
            self.stdout.write(f"column {header!r}: {label}")
        for index in result.unmapped:
            self.stdout.write(f"column {result.headers[index]!r}: not read (no column it names)")
        if result.missing:
            self.stdout.write(f"missing: {', '.join(result.missing_labels)}")
