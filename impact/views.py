"""The pages of an area's impact: the area page with its delivery and its impact side by
side, each measure with its chart; adding and changing a measure (the manager); recording a
reading (the manager and the owners of the area's actions)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Finding
from actions.rag import RAG
from audit.trail import client_address
from impact import services
from impact.chart import measure_chart
from impact.forms import MeasureForm, ReadingForm
from impact.models import Measure, Reading
from impact.selectors import AreaImpact, delivery_of, measure_impact, with_latest_reading
from impact.status import RULE_IN_WORDS, status_key
from partnerships.scoping import get_for_user_or_404
from people import permissions


def _area_for_user(request: HttpRequest, finding_pk: int) -> Finding:
    return get_for_user_or_404(
        Finding.objects.select_related("plan__partnership", "plan__inspection"),
        request.user,
        pk=finding_pk,
    )


def _measure_for_user(request: HttpRequest, pk: int, *, readings: bool = False) -> Measure:
    measures = with_latest_reading(
        Measure.objects.select_related(
            "finding__plan__partnership", "finding__plan__inspection", "action"
        )
    )
    if readings:
        measures = measures.prefetch_related(
            Prefetch("readings", queryset=Reading.objects.select_related("entered_by"))
        )
    return get_for_user_or_404(measures, request.user, pk=pk)


def _area_url(finding: Finding, part: str = "") -> str:
    url = reverse("impact:area_detail", args=[finding.pk])
    return f"{url}#{part}" if part else url


def _charted(measure: Measure) -> dict:
    """A measure with its status, its chart and its readings oldest first."""
    impact = measure_impact(measure)
    readings = list(measure.readings.all())
    return {
        "impact": impact,
        "measure": measure,
        "readings": readings,
        "chart": measure_chart(impact, readings),
    }


def area_detail(request: HttpRequest, finding_pk: int) -> HttpResponse:
    """An area for improvement judged two ways: delivery (its actions' RAG) and impact (its
    measures' statuses, worked out from their readings)."""
    finding = _area_for_user(request, finding_pk)
    actions = list(
        Action.objects.current()
        .filter(finding=finding)
        .select_related("lead_agency", "lead_officer")
        .order_by("position", "pk")
    )
    measures = list(
        with_latest_reading(Measure.objects.filter(finding=finding).select_related("action"))
        .prefetch_related(
            Prefetch("readings", queryset=Reading.objects.select_related("entered_by"))
        )
        .order_by("position", "pk")
    )
    for measure in measures:
        measure.finding = finding  # the permission reads its partnership without a query
    charted = [_charted(measure) for measure in measures]
    agency_ids = {action.lead_agency_id for action in actions}
    for item in charted:
        item["can_record"] = permissions.can_record_reading(
            request.user, item["measure"], area_agency_ids=agency_ids
        )
    return render(
        request,
        "impact/area_detail.html",
        {
            "finding": finding,
            "inspection": finding.plan.inspection,
            "actions": actions,
            "delivery": delivery_of(actions, today=timezone.localdate()),
            "impact": AreaImpact([item["impact"] for item in charted]),
            "measures": charted,
            "rule_in_words": RULE_IN_WORDS,
            "status_key": status_key(),
            "rag_statuses": list(RAG),
            "can_manage": permissions.can_manage_measures(request.user, finding.plan),
        },
    )


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One measure: what it counts, its chart and every reading."""
    measure = _measure_for_user(request, pk, readings=True)
    finding = measure.finding
    charted = _charted(measure)
    return render(
        request,
        "impact/measure_detail.html",
        {
            **charted,
            "item": charted,
            "finding": finding,
            "inspection": finding.plan.inspection,
            "rule_in_words": RULE_IN_WORDS,
            "can_record": permissions.can_record_reading(request.user, measure),
            "can_manage": permissions.can_manage_measures(request.user, finding.plan),
        },
    )


def _area_actions(finding: Finding):
    return Action.objects.current().filter(finding=finding).order_by("position", "pk")


def measure_new(request: HttpRequest, finding_pk: int) -> HttpResponse:
    """The manager adds a measure to an area."""
    finding = _area_for_user(request, finding_pk)
    permissions.require(permissions.can_manage_measures(request.user, finding.plan))
    form = MeasureForm(
        request.POST if request.method == "POST" else None, actions=_area_actions(finding)
    )
    if form.is_valid():
        try:
            measure = services.measure_add(
                finding=finding,
                user=request.user,
                address=client_address(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Measure ‘{measure.name}’ added")
            return redirect(_area_url(finding, f"measure-{measure.pk}"))
    return render(
        request,
        "impact/measure_form.html",
        {"form": form, "finding": finding, "inspection": finding.plan.inspection, "new": True},
    )


def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager changes what a measure counts, its baseline or its target."""
    measure = _measure_for_user(request, pk)
    finding = measure.finding
    permissions.require(permissions.can_manage_measures(request.user, finding.plan))
    initial = {name: getattr(measure, name) for name in services.MEASURE_FIELDS}
    form = MeasureForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        actions=_area_actions(finding),
    )
    if form.is_valid():
        try:
            measure = services.measure_change(
                measure=measure,
                user=request.user,
                changes=form.cleaned_data,
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Measure ‘{measure.name}’ saved")
            return redirect(_area_url(finding, f"measure-{measure.pk}"))
    return render(
        request,
        "impact/measure_form.html",
        {
            "form": form,
            "finding": finding,
            "inspection": finding.plan.inspection,
            "measure": measure,
            "new": False,
        },
    )


def reading_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Records a reading: the value, the date (today unless changed) and a note."""
    measure = _measure_for_user(request, pk)
    permissions.require(permissions.can_record_reading(request.user, measure))
    form = ReadingForm(
        request.POST if request.method == "POST" else None,
        initial={"date": timezone.localdate()},
    )
    if form.is_valid():
        try:
            services.reading_record(
                measure=measure,
                user=request.user,
                address=client_address(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Reading recorded for ‘{measure.name}’")
            return redirect(_area_url(measure.finding, f"measure-{measure.pk}"))
    return render(
        request,
        "impact/reading_form.html",
        {
            "form": form,
            "measure": measure,
            "impact": measure_impact(measure),
            "finding": measure.finding,
            "inspection": measure.finding.plan.inspection,
        },
    )
