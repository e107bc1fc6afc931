from pathlib import PurePath

from django import forms

from partnerships.models import Agency
from spreadsheets.importers import MAX_FILE_BYTES, TOO_LARGE, importable_labels
from spreadsheets.importers.matching import AgencyQuestion

SUFFIXES = (".xlsx", ".csv", ".docx")
NOT_A_PLAN_FILE = (
    "The selected file must be an Excel workbook (.xlsx), a CSV file or a Word document (.docx)"
)


class PlanUploadForm(forms.Form):
    plan = forms.FileField(
        label="Upload the plan",
        help_text="An Excel workbook (.xlsx), a CSV file or a Word document (.docx) with the "
        f"plan in a table, smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB, with a row naming "
        "its columns, such as 'Area for improvement', 'Action', 'Lead agency', 'Target date' "
        "and 'Success measure'",
        widget=forms.ClearableFileInput(
            attrs={"class": "govuk-file-upload", "accept": ",".join(SUFFIXES)}
        ),
        error_messages={
            "required": "Select the spreadsheet to import",
            "empty": "The selected file is empty",
        },
    )

    def clean_plan(self):
        """The file's type and size, before anything reads it."""
        plan = self.cleaned_data["plan"]
        if PurePath(plan.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(NOT_A_PLAN_FILE)
        if plan.size > MAX_FILE_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return plan


class ColumnMappingForm(forms.Form):
    """One question per column the importer could not name: what does it hold?"""

    def __init__(self, *args, headers: list[str], unmapped: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        # Export-only columns (overdue, evidence, closure) are never read, so never offered.
        choices = [("", "Do not import this column"), *importable_labels().items()]
        for index in unmapped:
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"Column “{headers[index]}”", choices=choices, required=False
            )

    def chosen(self) -> dict[int, str]:
        return {
            int(name.removeprefix("column_")): value for name, value in self.cleaned_data.items()
        }


class AgencyMappingForm(forms.Form):
    """One question per agency value the importer could not match: which of the
    partnership's agencies is it? Posted as agency_<n> beside the column_<index> choices, and
    carried on to the check page, which posts them again to import."""

    def __init__(self, data=None, *, questions: list[AgencyQuestion], agencies: list[Agency]):
        names = [f"agency_{number}" for number in range(len(questions))]
        # A page that did not ask (the column questions, a first look) answers nothing.
        answering = data is not None and any(name in data for name in names)
        super().__init__(data if answering else None)
        self.questions = questions
        # Only the partnership's own agencies are offered, so only they are valid choices.
        choices = [
            ("", "Choose an agency"),
            *((str(agency.pk), agency.name) for agency in agencies),
        ]
        for name, question in zip(names, questions, strict=True):
            self.fields[name] = forms.ChoiceField(
                label=question.question,
                help_text=question.why,
                choices=choices,
                error_messages={
                    "required": question.unanswered,
                    "invalid_choice": question.unanswered,
                },
            )

    def chosen(self) -> dict[str, int]:
        """The value as the sheet writes it -> the id of the agency it is."""
        return {
            question.value: int(self.cleaned_data[f"agency_{number}"])
            for number, question in enumerate(self.questions)
        }
