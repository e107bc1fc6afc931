"""The plan in and out of Excel: downloads, and the import with its questions about
columns and agencies."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from audit.downloads import file_download
from audit.trail import client_address
from inspections.selectors import inspection_for_user
from people import permissions
from spreadsheets.exports import plan_csv, plan_xlsx
from spreadsheets.forms import AgencyMappingForm, ColumnMappingForm, PlanUploadForm
from spreadsheets.importers import (
    EMPTY_ROWS_ENDING_THE_SHEET,
    MAX_ACTIONS,
    MAX_COLUMNS,
    PlanFileError,
    PlanUploadGone,
    SourceFile,
    find_header,
    import_button_words,
    import_plan,
    import_summary,
    parse_sheet,
    plan_sheet,
    plan_upload_delete,
    plan_upload_original,
    plan_upload_save,
    plan_upload_sheet,
)
from spreadsheets.importers.uploads import KEPT_FOR

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "plan_imports"


def plan_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    content, content_type = (
        (plan_xlsx(inspection), XLSX)
        if file_format == "xlsx"
        else (plan_csv(inspection), "text/csv")
    )
    return file_download(
        request,
        content=content,
        filename=f"action-plan-{inspection.partnership.slug}-{inspection.pk}.{file_format}",
        content_type=content_type,
        kind="spreadsheet",
        subject=inspection,
    )


def plan_import(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    form = PlanUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["plan"]
        try:
            sheet = plan_sheet(upload.read(), upload.name)
            find_header(sheet)
        except PlanFileError as error:
            form.add_error("plan", str(error))
        else:
            upload.seek(0)
            token = plan_upload_save(sheet=sheet, original=upload.read())
            _remember(request, token, inspection=inspection.pk, filename=upload.name)
            return redirect("spreadsheets:plan_import_check", pk=inspection.pk, token=token)
    return render(
        request,
        "spreadsheets/plan_import.html",
        {
            "inspection": inspection,
            "form": form,
            "max_actions": f"{MAX_ACTIONS:,}",
            "max_columns": MAX_COLUMNS,
            "empty_rows": EMPTY_ROWS_ENDING_THE_SHEET,
        },
    )


def plan_import_check(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Asks about columns it could not name, then about agencies it could not match, then
    checks every row and imports once the manager confirms, or lists every problem and
    writes nothing. The answers are posted with each step, the check page's included."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if not pending or pending["inspection"] != inspection.pk:
        raise Http404("No such import")
    try:
        sheet = plan_upload_sheet(token=token)  # read once, when it was uploaded
    except PlanUploadGone:
        _forget(request, token)
        messages.error(
            request,
            f"{pending['filename']} was deleted because it was not imported within a day: "
            "upload it again",
        )
        return redirect("spreadsheets:plan_import", pk=inspection.pk)

    def parse(chosen=None, agencies=None):
        return parse_sheet(
            plan=inspection.plan,
            sheet=sheet,
            chosen_columns=chosen,
            chosen_agencies=agencies,
            by=request.user,
        )

    result = parse()  # the upload step has already found the header

    mapping_form = ColumnMappingForm(
        request.POST if request.method == "POST" else None,
        headers=result.headers,
        unmapped=result.unmapped,
    )
    asked = request.method == "POST" and mapping_form.is_valid()
    if result.unmapped and not asked:
        return render(
            request,
            "spreadsheets/plan_import_columns.html",
            {
                "inspection": inspection,
                "form": mapping_form,
                "result": result,
                "filename": pending["filename"],
            },
        )
    columns = mapping_form.chosen() if asked else None
    if asked:
        result = parse(columns)

    agency_form = AgencyMappingForm(
        request.POST if request.method == "POST" else None,
        questions=result.agency_questions,
        agencies=result.agencies,
    )
    answered = agency_form.is_valid() and bool(result.agency_questions)
    if answered:
        result = parse(columns, agency_form.chosen())
    elif result.asks_about_agencies:
        return render(
            request,
            "spreadsheets/plan_import_agencies.html",
            {
                "inspection": inspection,
                "form": agency_form,
                "mapping_form": mapping_form,
                "result": result,
                "filename": pending["filename"],
            },
        )
    if result.errors:
        return render(
            request,
            "spreadsheets/plan_import_errors.html",
            {"inspection": inspection, "result": result, "filename": pending["filename"]},
        )
    # Nothing is written until the manager confirms (the column page's answers import at once).
    if request.method != "POST" or (answered and "confirm" not in request.POST):
        return render(
            request,
            "spreadsheets/plan_import_confirm.html",
            {
                "inspection": inspection,
                "result": result,
                "filename": pending["filename"],
                "button_words": import_button_words(result),
                "mapping_form": mapping_form,
                "agency_form": agency_form,
            },
        )
    original = plan_upload_original(token=token)
    source = SourceFile(original, pending["filename"]) if original is not None else None
    created = import_plan(
        result=result, user=request.user, source=source, address=client_address(request)
    )
    _forget(request, token)
    messages.success(
        request, import_summary(result, added=len(created), filename=pending["filename"])
    )
    for warning in result.warnings:
        messages.warning(request, warning)
    return redirect(reverse("inspections:inspection_actions", args=[inspection.pk]))


def _remember(request, token: str, *, inspection: int, filename: str) -> None:
    """Keeps the upload in the person's session, forgetting any kept for over a day (their
    files are deleted by delete_unconfirmed_imports)."""
    pending = request.session.setdefault(SESSION_KEY, {})
    now = timezone.now().timestamp()
    cutoff = now - KEPT_FOR.total_seconds()
    for stale in [key for key, kept in pending.items() if kept.get("uploaded", 0) < cutoff]:
        del pending[stale]
    pending[token] = {"inspection": inspection, "filename": filename, "uploaded": now}
    request.session.modified = True


def _forget(request, token: str) -> None:
    request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    plan_upload_delete(token=token)
