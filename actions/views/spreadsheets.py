"""The plan in and out of Excel: downloads, and the import with its column questions."""

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from actions.exports import plan_csv, plan_xlsx
from actions.importers import PlanFileError, find_header, import_plan, parse_plan, read_sheet
from actions.spreadsheet_forms import ColumnMappingForm, PlanUploadForm
from audit.downloads import file_download
from inspections.selectors import inspection_for_user
from people import permissions

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
        content = upload.read()
        try:
            if PurePath(upload.name).suffix.lower() not in (".xlsx", ".csv"):
                raise PlanFileError(
                    "The selected file must be an Excel workbook (.xlsx) or a CSV file"
                )
            find_header(read_sheet(content, upload.name))
        except PlanFileError as error:
            form.add_error("plan", str(error))
        else:
            token = uuid.uuid4().hex
            path = default_storage.save(f"imports/{token}", ContentFile(content))
            request.session.setdefault(SESSION_KEY, {})[token] = {
                "inspection": inspection.pk,
                "path": path,
                "filename": upload.name,
            }
            request.session.modified = True
            return redirect("plan_import_check", pk=inspection.pk, token=token)
    return render(
        request, "spreadsheets/plan_import.html", {"inspection": inspection, "form": form}
    )


def plan_import_check(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Asks about columns it could not name, then checks every row and imports, or lists
    every problem and writes nothing."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if not pending or pending["inspection"] != inspection.pk:
        raise Http404("No such import")
    with default_storage.open(pending["path"]) as stored:
        content = stored.read()

    def parse(chosen=None):
        return parse_plan(
            inspection=inspection,
            content=content,
            filename=pending["filename"],
            chosen_columns=chosen,
        )

    result = parse()  # the upload step has already read the file and found its header

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
    if asked:
        result = parse(mapping_form.chosen())
    if result.errors:
        return render(
            request,
            "spreadsheets/plan_import_errors.html",
            {"inspection": inspection, "result": result, "filename": pending["filename"]},
        )
    if request.method != "POST":  # nothing is written until the manager confirms
        return render(
            request,
            "spreadsheets/plan_import_confirm.html",
            {"inspection": inspection, "result": result, "filename": pending["filename"]},
        )
    created = import_plan(result=result, user=request.user)
    _forget(request, token)
    skipped = len(result.rows) - len(created)
    if created:
        messages.success(
            request,
            f"{len(created)} action{'s' if len(created) != 1 else ''} imported from "
            f"{pending['filename']}"
            + (f"; {skipped} already in the plan were left as they are" if skipped else ""),
        )
    else:
        messages.info(
            request,
            f"Nothing new in {pending['filename']}: its {skipped} actions are already in the plan",
        )
    for warning in result.warnings:
        messages.warning(request, warning)
    return redirect(reverse("inspection_actions", args=[inspection.pk]))


def _forget(request, token: str) -> None:
    pending = request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    if pending:
        default_storage.delete(pending["path"])
