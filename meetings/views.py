"""The executive's dashboard, its meetings, and the meeting pack."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions.date_requests import awaiting_decision
from actions.models import Action, Finding
from actions.rag import RAG
from actions.selectors import closures_proposed
from audit.downloads import file_download
from audit.trail import client_address
from govuk.pdf import html_to_pdf
from govuk.word import DOCX_CONTENT_TYPE
from impact.reviews import reviews_due
from inspections.selectors import inspection_for_user
from meetings.dashboard import LISTED, plan_dashboard
from meetings.decision_views import decision_context
from meetings.forms import AreaJudgementForm, MeetingForm
from meetings.judgements import AreaAtMeeting, area_judge, meeting_areas
from meetings.models import Meeting
from meetings.overview import partnership_overview
from meetings.pack import pack_contents, pack_filename
from meetings.pack_word import pack_docx
from meetings.services import (
    meeting_record,
    plan_changes,
    previous_meeting,
    snapshot_states,
)
from partnerships.models import Agency
from partnerships.scoping import get_for_user_or_404
from people import permissions
from people.models import User


def _pack_agency(request: HttpRequest, inspection) -> Agency | None:
    """The agency whose own pack is asked for (?agency=), one of the partnership's."""
    chosen = request.GET.get("agency")
    if not chosen:
        return None
    if not chosen.isdigit():
        raise Http404
    return get_object_or_404(inspection.partnership.agencies, pk=chosen)


def _pack_context(request: HttpRequest, inspection, *, whole_plan: bool = True) -> dict:
    pack = pack_contents(
        inspection=inspection,
        today=timezone.localdate(),
        agency=_pack_agency(request, inspection),
        whole_plan=whole_plan,
    )
    return {
        "inspection": inspection,
        "pack": pack,
        "dashboard": pack.dashboard,
        "change_groups": pack.dashboard.changes,
        "rag_statuses": list(RAG),
        "author": inspection.partnership.name,
        # Links in the PDF and Word documents open the service's pages from the file.
        "site_url": request.build_absolute_uri("/").rstrip("/"),
    }


def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    context = {
        "inspection": inspection,
        "dashboard": plan_dashboard(inspection=inspection, today=timezone.localdate()),
        "closures": closures_proposed(plan=inspection.plan),
        "reviews_due": reviews_due(plan=inspection.plan, on=timezone.localdate()),
        "rag_statuses": list(RAG),
        "can_plan": permissions.can_plan(request.user, inspection),
        # New target dates awaiting this person's decision (the executive lands here).
        "dates_to_decide": awaiting_decision(plan=inspection.plan_id).count()
        if permissions.can_decide_target_dates(request.user, inspection.plan)
        else 0,
    }
    context["change_groups"] = context["dashboard"].changes
    return render(request, "meetings/dashboard.html", context)


def meeting_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """The pack as the manager checks it before sending: every part as the PDF and Word
    have it, but the whole plan counted by area, each count leading to the action list."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    context = _pack_context(request, inspection, whole_plan=False)
    context["agencies"] = inspection.partnership.agencies.filter(
        led_actions__finding__plan=inspection.plan_id, led_actions__archived_at__isnull=True
    ).distinct()
    return render(request, "meetings/pack_preview.html", context)


def meeting_pack_download(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    context = _pack_context(request, inspection)
    html = render_to_string("meetings/pack_pdf.html", context)
    return file_download(
        request,
        content=html_to_pdf(html),
        filename=pack_filename(pack=context["pack"], extension="pdf"),
        content_type="application/pdf",
        kind="meeting pack",
        subject=inspection,
    )


def meeting_pack_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting pack as Word, from the same pack as the PDF."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    context = _pack_context(request, inspection)
    return file_download(
        request,
        content=pack_docx(pack=context["pack"], site_url=context["site_url"]),
        filename=pack_filename(pack=context["pack"], extension="docx"),
        content_type=DOCX_CONTENT_TYPE,
        kind="meeting pack",
        subject=inspection,
    )


def meeting_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    can_plan = permissions.can_plan(request.user, inspection)
    people = User.objects.active_in(inspection.partnership_id).select_related("agency")
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        people=people.order_by("first_name", "last_name", "username"),
    )
    if request.method == "POST":
        permissions.require(can_plan)
        if form.is_valid():
            try:
                meeting = meeting_record(
                    address=client_address(request),
                    plan=inspection.plan,
                    user=request.user,
                    date=form.cleaned_data["date"],
                    title=form.cleaned_data["title"],
                    notes=form.cleaned_data["notes"],
                    attendees=list(form.cleaned_data["attendees"]),
                    guests=form.cleaned_data["guests"],
                    apologies=list(form.cleaned_data["apologies"]),
                    guest_apologies=form.cleaned_data["guest_apologies"],
                    agenda=form.cleaned_data["agenda"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{meeting} is recorded, with a snapshot of every action")
                return redirect(meeting)
    meetings = inspection.plan.meetings.select_related("recorded_by")
    return render(
        request,
        "meetings/meeting_list.html",
        {"inspection": inspection, "meetings": meetings, "form": form, "can_plan": can_plan},
    )


def _meeting_for_user(request: HttpRequest, pk: int) -> Meeting:
    return get_for_user_or_404(
        Meeting.objects.select_related("plan__inspection__partnership", "recorded_by"),
        request.user,
        pk=pk,
    )


def _area_form(area: AreaAtMeeting, data=None) -> AreaJudgementForm:
    judged = area.at_meeting or area.current
    initial = {"judgement": judged.judgement, "evidence": judged.evidence} if judged else {}
    return AreaJudgementForm(
        data, prefix=f"area-{area.finding.pk}", initial=initial, number=area.finding.number
    )


def _meeting_page(
    request: HttpRequest, meeting: Meeting, *, bound: AreaJudgementForm | None = None
) -> HttpResponse:
    earlier = previous_meeting(meeting)
    after = snapshot_states(meeting)
    actions = Action.objects.select_related("lead_agency", "lead_officer")
    counts = dict.fromkeys(RAG, 0)
    for state in after.values():
        counts[state.rag] += 1
    can_judge = permissions.can_judge_areas(request.user, meeting.plan)
    areas = meeting_areas(meeting=meeting)
    forms = {}
    if can_judge:
        for area in areas:
            form = _area_form(area)
            if bound is not None and bound.prefix == form.prefix:
                form = bound
            forms[area.finding.pk] = form
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "inspection": meeting.plan.inspection,
            "previous": earlier,
            "counts": [(status, counts[status]) for status in RAG],
            "change_groups": list(
                plan_changes(snapshot_states(earlier), after, actions, limit=LISTED).values()
            )
            if earlier
            else None,
            "can_judge": can_judge,
            "areas": [(area, forms.get(area.finding.pk)) for area in areas],
            "bound": bound,
            "attendees": list(_with_agency(meeting.attendees)),
            "apologies": list(_with_agency(meeting.apologies)),
            "agenda": list(meeting.agenda_items.all()),
            **decision_context(meeting=meeting, user=request.user),
        },
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting_for_user(request, pk))


def _with_agency(people):
    return people.select_related("agency").order_by("first_name", "last_name", "username")


@require_POST
def area_judgement(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    """The executive's judgement of one area at the meeting, from the meeting page."""
    meeting = _meeting_for_user(request, pk)
    finding = get_object_or_404(Finding, pk=finding_pk, plan=meeting.plan_id)
    permissions.require(permissions.can_judge_areas(request.user, meeting.plan))
    form = AreaJudgementForm(request.POST, prefix=f"area-{finding.pk}", number=finding.number)
    if form.is_valid():
        try:
            judged = area_judge(
                meeting=meeting,
                finding=finding,
                judgement=form.cleaned_data["judgement"],
                evidence=form.cleaned_data["evidence"],
                user=request.user,
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Area {finding.number} is judged {judged.get_judgement_display().lower()} "
                f"at {meeting}",
            )
            return redirect(
                reverse("meetings:meeting_detail", args=[meeting.pk]) + f"#area-{finding.pk}"
            )
    return _meeting_page(request, meeting, bound=form)


def home(request: HttpRequest) -> HttpResponse:
    plans = partnership_overview(user=request.user, today=timezone.localdate())
    # The plans whose new target dates this person decides: the home page points them there.
    deciding = {
        summary.inspection.pk
        for summary in plans
        if permissions.can_decide_target_dates(request.user, summary.inspection.plan)
    }
    return render(request, "inspections/home.html", {"plans": plans, "deciding": deciding})
