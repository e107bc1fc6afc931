"""Starting an inspection from its letter: upload or paste, check what was found, save."""

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from audit.downloads import file_download
from audit.trail import client_address
from inspections.forms import InspectionFromLetterForm, LetterUploadForm
from inspections.letter_import import inspection_create_from_letter, same_letter_imported
from inspections.letters import LetterError, LetterExtract, read_letter, text_from_pdf
from inspections.models import Inspection
from partnerships.models import Partnership
from partnerships.scoping import get_for_user_or_404
from people import permissions

SESSION_KEY = "letters"


def _require_manager(request) -> Partnership:
    permissions.require(permissions.is_partnership_manager(request.user))
    return request.user.partnership


def letter_upload(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = LetterUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["letter"]
        try:
            if upload:
                content, filename = upload.read(), upload.name
                text = text_from_pdf(content)
            else:
                text = form.cleaned_data["text"]
                content, filename = text.encode(), "letter.txt"
            read_letter(text)
        except LetterError as error:
            form.add_error("letter" if upload else "text", str(error))
        else:
            token = uuid.uuid4().hex
            path = default_storage.save(f"letters/pending-{token}", ContentFile(content))
            request.session.setdefault(SESSION_KEY, {})[token] = {
                "path": path,
                "filename": filename,
                "text": text,
            }
            request.session.modified = True
            return redirect("inspections:letter_review", token=token)
    return render(request, "inspections/letter_upload.html", {"form": form})


def letter_review(request: HttpRequest, token: str) -> HttpResponse:
    partnership = _require_manager(request)
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if not pending:
        raise Http404("No such letter")
    letter = read_letter(pending["text"])
    form = InspectionFromLetterForm(
        request.POST if request.method == "POST" else None,
        initial={
            "subject": letter.subject,
            "theme": letter.theme,
            "inspectorates": letter.inspectorates,
            "onsite_start": letter.onsite_start,
            "onsite_end": letter.onsite_end,
            "letter_date": letter.letter_date,
            "statement_due": letter.statement_due,
            "principal_authority": letter.principal_authority,
            "addressees": "\n".join(letter.addressees),
            "headline_findings": letter.headline_findings,
            "strengths": "\n\n".join(letter.strengths),
            "findings": "\n\n".join(letter.findings),
        },
    )
    if request.method == "POST" and form.is_valid():
        with default_storage.open(pending["path"]) as stored:
            content = stored.read()
        inspection = inspection_create_from_letter(
            partnership=partnership,
            letter_content=content,
            letter_filename=pending["filename"],
            by=request.user,
            address=client_address(request),
            priority_findings=letter.priority_findings,
            **form.cleaned_data,
        )
        default_storage.delete(pending["path"])
        request.session[SESSION_KEY].pop(token, None)
        request.session.modified = True
        messages.success(
            request,
            f"The inspection is set up with its {inspection.plan.findings.count()} areas for "
            "improvement. Add the actions that answer them.",
        )
        return redirect(inspection)
    return render(
        request,
        "inspections/letter_review.html",
        {
            "form": form,
            "letter": letter,
            "partnership": partnership,
            "already_imported": same_letter_imported(partnership=partnership, letter=letter),
            "found_on": _found_on(letter, from_pdf=pending["filename"].lower().endswith(".pdf")),
        },
    )


def _found_on(letter: LetterExtract, *, from_pdf: bool) -> list[dict]:
    """Each area for improvement as the service read it, with the page of the PDF it
    starts on, so the manager can check it against the letter."""
    return [
        {
            "number": number,
            "text": text,
            "page": page if from_pdf else None,
            "is_priority": text in letter.priority_findings,
        }
        for number, (text, page) in enumerate(
            zip(letter.findings, letter.finding_pages, strict=True), start=1
        )
    ]


def letter_download(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_for_user_or_404(Inspection.objects.exclude(letter=""), request.user, pk=pk)
    return file_download(
        request,
        content=inspection.letter.open("rb"),
        filename=inspection.letter_filename or "letter",
        content_type="application/pdf"
        if inspection.letter_filename.lower().endswith(".pdf")
        else "text/plain; charset=utf-8",
        kind="letter",
        subject=inspection,
    )
