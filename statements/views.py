"""The written statement of action: preview, PDF, its own text, and the record of sending it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list

from audit.downloads import file_download
from audit.trail import client_address
from govuk.word import DOCX_CONTENT_TYPE
from inspections.selectors import inspection_for_user
from partnerships.scoping import get_for_user_or_404
from partnerships.versioning import StaleEdit, form_after_stale_edit
from people import permissions
from people.models import User
from statements.approvals import statement_approve, statement_signatories_nominate
from statements.changes import sent_versions
from statements.forms import AsOfForm, SignatoriesForm, StatementTextForm, SubmissionForm
from statements.models import StatementApproval, StatementSubmission
from statements.sign_off import (
    Condition,
    NotReady,
    Readiness,
    approvals_withdrawn_since,
    statement_late_warning,
    statement_readiness,
    statutory_agencies,
)
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
            "sent_versions": sent_versions(plan=inspection.plan),
            "can_plan": permissions.can_plan(request.user, inspection),
            "readiness": None
            if document.progress
            else statement_readiness(document=document).seen_by(request.user),
        },
    )


def statement_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """Who approves the statement: the manager names each statutory partner's lead; each
    lead approves here for their partner."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    plan = inspection.plan
    document = statement_document(inspection=inspection)
    can_plan = permissions.can_plan(request.user, inspection)
    form = None
    if can_plan:
        form_kwargs = {
            "agencies": [row.agency for row in document.sign_off],
            "people": User.objects.active_in(plan.partnership_id).order_by(
                "first_name", "last_name"
            ),
            "leads": {row.agency.pk: row.lead for row in document.sign_off},
        }
        form = SignatoriesForm(
            request.POST if request.method == "POST" else None,
            initial={"version": plan.version},
            **form_kwargs,
        )
    if request.method == "POST":
        permissions.require(can_plan)
        assert form is not None
        if form.is_valid():
            try:
                statement_signatories_nominate(
                    plan=plan,
                    expected_version=form.cleaned_data["version"],
                    leads=form.leads(),
                    user=request.user,
                )
            except StaleEdit as stale:
                form = form_after_stale_edit(
                    SignatoriesForm, request.POST, stale, what="the plan", **form_kwargs
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The leads who approve the statement have been saved")
                return redirect("statements:statement_sign_off", pk=inspection.pk)
    return render(
        request,
        "statement/sign_off.html",
        {"inspection": inspection, "document": document, "form": form},
    )


def statement_approve_view(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    agency = get_for_user_or_404(statutory_agencies(inspection.plan), request.user, pk=agency_pk)
    if request.method != "POST":
        return redirect("statements:statement_sign_off", pk=inspection.pk)
    try:
        approval = statement_approve(
            inspection=inspection,
            agency=agency,
            user=request.user,
            address=client_address(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You have approved version {approval.statement_version} of the statement "
            f"for {agency.name}",
        )
    return redirect("statements:statement_sign_off", pk=inspection.pk)


def _back_to_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview says what is wrong with the date asked for."""
    return redirect(
        f"{reverse('statements:statement_preview', args=[pk])}?{request.GET.urlencode()}"
    )


def _statement_file(request: HttpRequest, pk: int, *, made_as, named, content_type: str):
    """The statement or progress report asked for, made into a file and handed out."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    document, as_of_form = _document(request, inspection)
    if as_of_form.errors:
        return _back_to_preview(request, pk)
    return file_download(
        request,
        content=made_as(document),
        filename=named(document),
        content_type=content_type,
        kind="progress report" if document.progress else "statement",
        subject=inspection,
    )


def statement_download(request: HttpRequest, pk: int) -> HttpResponse:
    return _statement_file(
        request,
        pk,
        made_as=statement_pdf,
        named=statement_filename,
        content_type="application/pdf",
    )


def statement_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The same document as the PDF, as Word, for people to reuse its text."""
    return _statement_file(
        request,
        pk,
        made_as=statement_docx,
        named=statement_docx_filename,
        content_type=DOCX_CONTENT_TYPE,
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
        started = timezone.now()
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
            withdrawn = approvals_withdrawn_since(plan=inspection.plan, moment=started)
            messages.success(request, "The statement's text has been saved" + _withdrawn(withdrawn))
            return redirect("statements:statement_preview", pk=inspection.pk)
    return render(
        request, "statement/statement_edit.html", {"inspection": inspection, "form": form}
    )


def _withdrawn(approvals: list[StatementApproval]) -> str:
    """What an edit withdrew, in words: whose approval, for which partner, and who must
    approve again."""
    if not approvals:
        return ""
    whose = get_text_list(
        [
            f"{approval.person.get_full_name()}'s approval ({approval.agency.name})"
            for approval in approvals
        ],
        "and",
    )
    if len(approvals) == 1:
        return f". {whose} was withdrawn: the lead must approve the new text."
    return f". {whose} were withdrawn: each lead must approve the new text."


def _refusal(error: ValidationError | None) -> Readiness:
    """A refusal's reasons: what the statement lacks (NotReady) with the condition that says
    where it is fixed; any other reason, like a version already sent, in words alone."""
    if error is None:
        return Readiness()
    return Readiness(
        [
            reason.condition if isinstance(reason, NotReady) else Condition(False, words)
            for reason, words in zip(error.error_list, error.messages, strict=True)
        ]
    )


def statement_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    form = SubmissionForm(request.POST if request.method == "POST" else None)
    late = statement_late_warning(inspection=inspection, on=timezone.localdate())
    refused: ValidationError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            submission = statement_submit(
                address=client_address(request),
                inspection=inspection,
                user=request.user,
                submitted_on=form.cleaned_data["submitted_on"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # the date: the form's own error summary
                form.add_error(None, error)
            else:
                refused = error
        else:
            late = statement_late_warning(inspection=inspection, on=submission.submitted_on)
            messages.success(
                request,
                f"Version {submission.version} is recorded as sent on "
                f"{submission.submitted_on:%-d %B %Y}. The PDF that was sent is kept below."
                + (f" {late}." if late else ""),
            )
            return redirect(
                reverse("statements:statement_preview", args=[inspection.pk]) + "#submissions"
            )
    lacking = (
        [r.condition for r in refused.error_list if isinstance(r, NotReady)] if refused else []
    )
    what_changed = None
    if lacking:
        # The service read the whole statement to refuse it: the page lists what it lacks
        # from the refusal rather than read it again, and leaves out what changed.
        readiness = Readiness(lacking)
    else:
        document = statement_document(inspection=inspection)
        readiness = statement_readiness(document=document)
        what_changed = document.what_changed
    return render(
        request,
        "statement/statement_submit.html",
        {
            "inspection": inspection,
            "form": form,
            "late": late,
            "readiness": readiness.seen_by(request.user),
            "refusal": _refusal(refused).seen_by(request.user).conditions,
            "what_changed": what_changed,
        },
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
