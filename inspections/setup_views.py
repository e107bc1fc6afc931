"""The manager's set-up pages: the partnership's agencies, an inspection set up by hand,
its details and its areas for improvement. No one needs the Django admin for these."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from actions.models import Finding
from audit.trail import client_address
from inspections import services
from inspections.models import Inspection
from inspections.selectors import inspection_for_user
from inspections.setup_forms import (
    AgencyEditForm,
    AgencyForm,
    FindingEditForm,
    FindingForm,
    InspectionEditForm,
    InspectionForm,
)
from partnerships.models import Agency
from partnerships.scoping import get_for_user_or_404
from partnerships.versioning import StaleEdit, form_after_stale_edit, posted_version
from people import permissions

# --- Agencies -------------------------------------------------------------------------


def _require_manager(request) -> None:
    permissions.require(permissions.is_partnership_manager(request.user))


def _agency_for_change(request, pk: int) -> Agency:
    _require_manager(request)
    return get_for_user_or_404(Agency.objects.all(), request.user, pk=pk)


def agency_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    agencies = Agency.objects.for_user(request.user).annotate(
        people_count=Count("people", distinct=True),
        lead_count=Count("led_actions", distinct=True),
    )
    return render(request, "inspections/setup/agency_list.html", {"agencies": agencies})


def agency_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = AgencyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(
                partnership=request.user.partnership,
                by=request.user,
                address=client_address(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{agency.name} has been added")
            return redirect("inspections:agency_list")
    return render(request, "inspections/setup/agency_form.html", {"form": form})


def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency_for_change(request, pk)
    was = agency.name
    initial = {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "version": agency.version,
    }
    form = AgencyEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.agency_edit(
                agency=agency,
                expected_version=data.pop("version"),
                by=request.user,
                address=client_address(request),
                **data,
            )
        except StaleEdit as stale:
            form = form_after_stale_edit(AgencyEditForm, request.POST, stale, what="this agency")
            agency, was = stale.record, stale.record.name
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{agency.name} has been changed")
            return redirect("inspections:agency_list")
    return render(
        request, "inspections/setup/agency_form.html", {"form": form, "agency": agency, "was": was}
    )


def agency_remove(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency_for_change(request, pk)
    uses = services.agency_uses(agency)
    refusal = None
    if request.method == "POST" and not uses:
        try:
            services.agency_remove(agency=agency, by=request.user, address=client_address(request))
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            messages.success(request, f"{agency.name} has been removed")
            return redirect("inspections:agency_list")
    return render(
        request,
        "inspections/setup/agency_remove.html",
        {"agency": agency, "uses": uses, "refusal": refusal},
    )


# --- Inspections ----------------------------------------------------------------------


def _inspection_for_planning(request, pk: int) -> Inspection:
    inspection = inspection_for_user(user=request.user, pk=pk)
    permissions.require(permissions.can_plan(request.user, inspection))
    return inspection


def inspection_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = InspectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_create(
                partnership=request.user.partnership,
                by=request.user,
                address=client_address(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(form.cleaned_data["findings"])
            messages.success(
                request,
                f"The inspection is set up with its {count} area"
                f"{'s' if count != 1 else ''} for improvement. Add the actions that answer them.",
            )
            return redirect(inspection)
    return render(request, "inspections/setup/inspection_new.html", {"form": form})


def _initial(inspection: Inspection) -> dict:
    initial = {name: getattr(inspection, name) for name in services.DETAIL_FIELDS}
    initial.update(
        status=inspection.plan.status,
        version=inspection.version,
        addressees="\n".join(inspection.addressee_list),
        strengths="\n\n".join(inspection.strength_list),
        inspectorates=[i.short_name for i in inspection.inspectorates.all()],
    )
    return initial


def inspection_edit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_for_planning(request, pk)
    if request.method != "POST":
        form = InspectionEditForm(initial=_initial(inspection))
        return render(
            request,
            "inspections/setup/inspection_edit.html",
            {"inspection": inspection, "form": form},
        )
    form = InspectionEditForm(request.POST)
    try:
        # A page opened before someone else's save is refused before its own checks,
        # which would otherwise judge it against values the person never saw.
        if request.POST.get("version") != str(inspection.version):
            raise services.InspectionChanged(inspection, since_version=posted_version(request.POST))
        if form.is_valid():
            data = dict(form.cleaned_data)
            services.inspection_edit(
                inspection=inspection,
                expected_version=data.pop("version"),
                by=request.user,
                address=client_address(request),
                **data,
            )
            messages.success(request, "The inspection's details have been saved")
            return redirect(inspection)
    except services.InspectionChanged as conflict:
        posted = request.POST.copy()
        posted["version"] = conflict.inspection.version
        form = InspectionEditForm(posted)
        form.is_valid()
        form.add_error(
            None,
            "Someone else changed this inspection's details while you were working on them. "
            "Nothing was saved. Check the inspection page in a new tab, then save again",
        )
    except ValidationError as error:
        form.add_error(None, error)
    return render(
        request, "inspections/setup/inspection_edit.html", {"inspection": inspection, "form": form}
    )


# --- Findings -------------------------------------------------------------------------


def _finding_for_change(request, pk: int) -> Finding:
    finding = get_for_user_or_404(
        Finding.objects.select_related("plan__inspection__partnership", "plan__inspection__theme"),
        request.user,
        pk=pk,
    )
    permissions.require(permissions.can_plan(request.user, finding.plan))
    return finding


def _findings_page(finding: Finding) -> str:
    return (
        reverse("inspections:finding_list", args=[finding.plan.inspection.pk])
        + f"#finding-{finding.pk}"
    )


def finding_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_for_planning(request, pk)
    findings = list(
        inspection.plan.findings.annotate(action_count=Count("actions")).order_by("number")
    )
    return render(
        request,
        "inspections/setup/finding_list.html",
        {"inspection": inspection, "findings": findings},
    )


def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_for_planning(request, pk)
    form = FindingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            finding = services.finding_create(
                inspection=inspection,
                by=request.user,
                address=client_address(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Area for improvement {finding.number} has been added")
            return redirect(_findings_page(finding))
    return render(
        request,
        "inspections/setup/finding_form.html",
        {"inspection": inspection, "form": form},
    )


def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding_for_change(request, pk)
    inspection = finding.plan.inspection
    changed_meanwhile = None
    if request.method == "POST":
        form = FindingEditForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.finding_edit(
                    finding=finding,
                    expected_version=data.pop("version"),
                    by=request.user,
                    address=client_address(request),
                    **data,
                )
            except services.FindingChanged as conflict:
                changed_meanwhile = conflict.finding
                posted = request.POST.copy()
                posted["version"] = conflict.finding.version
                form = FindingEditForm(posted)
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else changed this area for improvement while you were working "
                    "on it. Nothing was saved. Check what it says now, then save again",
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Area for improvement {finding.number} has been saved")
                return redirect(_findings_page(finding))
    else:
        form = FindingEditForm(
            initial={
                "text": finding.text,
                "is_priority": finding.is_priority,
                "version": finding.version,
            }
        )
    return render(
        request,
        "inspections/setup/finding_form.html",
        {
            "inspection": inspection,
            "finding": finding,
            "form": form,
            "changed_meanwhile": changed_meanwhile,
        },
    )


@require_POST
def finding_move(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding_for_change(request, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    was = finding.number
    now = services.finding_move(
        finding=finding, direction=direction, by=request.user, address=client_address(request)
    )
    if now is not None:
        messages.success(request, f"Area for improvement {was} moved {direction}: it is now {now}")
    return redirect(_findings_page(finding))


def finding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding_for_change(request, pk)
    inspection = finding.plan.inspection
    refusal = None
    if services.finding_has_actions(finding):
        refusal = (
            "It cannot be removed because actions answer it. Archived actions count too: "
            "their history stays with it. Edit its words instead if they are wrong."
        )
    elif request.method == "POST":
        number = finding.number
        try:
            moved_up = services.finding_remove(
                finding=finding, by=request.user, address=client_address(request)
            )
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            if moved_up:
                after = "the one after it" if moved_up == 1 else "the ones after it"
                removed = f"Area for improvement {number} has been removed; {after} moved up"
            else:
                removed = f"Area for improvement {number} has been removed"
            messages.success(request, removed)
            return redirect("inspections:finding_list", pk=inspection.pk)
    return render(
        request,
        "inspections/setup/finding_delete.html",
        {
            "inspection": inspection,
            "finding": finding,
            "refusal": refusal,
            "findings_after": services.findings_after(finding),
        },
    )
