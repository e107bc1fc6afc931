"""The written statement of action: preview, PDF, its own text, and the record of sending it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.downloads import file_download
from audit.trail import client_address
from govuk.word import DOCX_CONTENT_TYPE
from inspections.selectors import inspection_for_user
from partnerships.scoping import get_for_user_or_404
from partnerships.versioning import StaleEdit, form_after_stale_edit
from people import permissions
from statements.forms import AsOfForm, StatementTextForm, SubmissionForm
from statements.models import StatementSubmission
from statements.statement import (
    statement_document,
    statement_filename,
    statement_pdf,
    statement_submit,
    statement_text_edit,
)
from statements.word import statement_docx, statement_docx_filename


def _document(request, inspection):
    """The statement, or with ?progress the progress report as at the date asked for."""
    progress = "progress" in request.GET
    as_of_form = AsOfForm(request.GET if progress else None)
    as_of = as_of_form.cleaned_data["as_of"] if progress and as_of_form.is_valid() else None
    document = statement_document(inspection=inspection, progress=progress, as_of=as_of)
    return document, as_of_form


def statement_preview(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    document, as_of_form = _document(request, inspection)
    return render(
        request,
        "statement/preview.html",
        {
            "inspection": inspection,
            "document": document,
            "as_of_form": as_of_form,
            "query": request.GET.urlencode(),
            "submissions": inspection.plan.submissions.select_related("submitted_by"),
            "can_plan": permissions.can_plan(request.user, inspection),
        },
    )


def _back_to_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview says what is wrong with the date asked for."""
    return redirect(
        f"{reverse('statements:statement_preview', args=[pk])}?{request.GET.urlencode()}"
    )


def statement_download(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    document, as_of_form = _document(request, inspection)
    if as_of_form.errors:
        return _back_to_preview(request, pk)
    return file_download(
        request,
        content=statement_pdf(document),
        filename=statement_filename(document),
        content_type="application/pdf",
        kind="progress report" if document.progress else "statement",
        subject=inspection,
    )


def statement_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The same document as the PDF, as Word, for people to reuse its text."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    document, as_of_form = _document(request, inspection)
    if as_of_form.errors:
        return _back_to_preview(request, pk)
    return file_download(
        request,
        content=statement_docx(document),
        filename=statement_docx_filename(document),
        content_type=DOCX_CONTENT_TYPE,
        kind="progress report" if document.progress else "statement",
        subject=inspection,
    )


def statement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    form = StatementTextForm(
        request.POST if request.method == "POST" else None,
        instance=inspection.plan,
        initial={"version": inspection.plan.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            statement_text_edit(
                user=request.user,
                address=client_address(request),
                plan=inspection.plan,
                expected_version=form.cleaned_data["version"],
                introduction=form.cleaned_data["statement_introduction"],
                governance=form.cleaned_data["statement_governance"],
                statement_version=form.cleaned_data["statement_version"],
                protective_marking=form.cleaned_data["protective_marking"],
            )
        except StaleEdit as stale:
            form = form_after_stale_edit(
                StatementTextForm,
                request.POST,
                stale,
                what="the statement",
                instance=stale.record,
            )
        else:
            messages.success(request, "The statement's text has been saved")
            return redirect("statements:statement_preview", pk=inspection.pk)
    return render(
        request, "statement/statement_edit.html", {"inspection": inspection, "form": form}
    )


def statement_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    form = SubmissionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = statement_submit(
                address=client_address(request),
                inspection=inspection,
                user=request.user,
                submitted_on=form.cleaned_data["submitted_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Version {submission.version} is recorded as sent on "
                f"{submission.submitted_on:%-d %B %Y}. The PDF that was sent is kept below.",
            )
            return redirect(
                reverse("statements:statement_preview", args=[inspection.pk]) + "#submissions"
            )
    return render(
        request, "statement/statement_submit.html", {"inspection": inspection, "form": form}
    )


def submission_download(request: HttpRequest, uuid) -> HttpResponse:
    submission = get_for_user_or_404(
        StatementSubmission.objects.select_related("plan__partnership"),
        request.user,
        uuid=uuid,
    )
    return file_download(
        request,
        content=submission.pdf.open("rb"),
        filename=submission.filename,
        content_type="application/pdf",
        kind="submitted statement",
        subject=submission,
    )
