import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.letter_import import inspection_create_from_letter
from inspections.letters import (
    LetterError,
    check_letter_length,
    check_letter_size,
    read_letter,
    text_from_pdf,
)
from partnerships.models import Partnership


def letter_text(path: Path) -> tuple[str, bytes]:
    """The letter's text and the file's content, with the limits the upload page has."""
    check_letter_size(path.stat().st_size)
    content = path.read_bytes()
    if path.suffix.lower() == ".pdf" or content.startswith(b"%PDF"):
        return text_from_pdf(content), content
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        check_letter_length(text)
        return text, content
    raise LetterError("The file is neither a PDF nor text")


class Command(BaseCommand):
    help = (
        "Reads a JTAI letter of findings (PDF or text) and creates the inspection with its "
        "findings. With --dry-run, prints what it found as JSON and creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--partnership", help="The partnership's slug, e.g. lewisham")
        parser.add_argument("--dry-run", action="store_true", help="Print, create nothing")

    def handle(self, *args, file: Path, partnership: str | None, dry_run: bool, **options):
        try:
            text, content = letter_text(file)
            letter = read_letter(text)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except LetterError as error:
            raise CommandError(str(error)) from error
        if dry_run:
            self.stdout.write(json.dumps(letter.as_json(), indent=2, ensure_ascii=False))
            return
        owner = self._partnership(partnership)
        if not letter.subject or not letter.findings:
            raise CommandError(
                "The letter's subject or its areas for improvement could not be read: "
                "start this inspection in the browser, where you can fill them in"
            )
        inspection = inspection_create_from_letter(
            partnership=owner,
            by=None,  # the site operator, at the command line
            address=None,
            subject=letter.subject,
            theme=letter.theme,
            inspectorates=letter.inspectorates,
            onsite_start=letter.onsite_start,
            onsite_end=letter.onsite_end,
            letter_date=letter.letter_date,
            statement_due=letter.statement_due,
            principal_authority=letter.principal_authority,
            addressees=letter.addressees,
            headline_findings=letter.headline_findings,
            strengths=letter.strengths,
            findings=letter.findings,
            priority_findings=letter.priority_findings,
            letter_content=content,
            letter_filename=file.name,
        )
        if letter.missing:
            self.stderr.write(f"Not found in the letter: {', '.join(letter.missing)}")
        self.stdout.write(str(inspection.pk))

    def _partnership(self, slug: str | None) -> Partnership:
        if slug:
            try:
                return Partnership.objects.get(slug=slug)
            except Partnership.DoesNotExist as error:
                raise CommandError(f"There is no partnership {slug!r}") from error
        partnerships = list(Partnership.objects.all()[:2])
        if len(partnerships) != 1:
            raise CommandError("Name the partnership the letter is for: --partnership <slug>")
        return partnerships[0]
