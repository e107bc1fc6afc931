"""A partnership manager's pages for the partnership's people: invite, change, deactivate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from audit.trail import client_address
from partnerships.scoping import get_for_user_or_404
from partnerships.versioning import StaleEdit, form_after_stale_edit
from people import permissions, selectors, services
from people.forms import InviteForm, PersonEditForm
from people.two_factor import two_factor_reset


def _manager(request) -> None:
    permissions.require(permissions.is_partnership_manager(request.user))


def _person(request, pk: int):
    _manager(request)
    return get_for_user_or_404(selectors.people_for_manager(user=request.user), request.user, pk=pk)


def _open_actions_led_by(request, person):
    # Who will update these once the person has gone: the pages point them out.
    return (
        # Through the relation, so people need not import the plan's models (a layer above).
        person.led_actions.for_user(request.user)
        .open()
        .select_related("finding__plan__partnership")
    )


def partnership_hub(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(request, "people/partnership_hub.html")


def people_list(request: HttpRequest) -> HttpResponse:
    _manager(request)
    people = [
        (person, *selectors.person_status(person))
        for person in selectors.people_for_manager(user=request.user)
    ]
    return render(request, "people/people_list.html", {"people": people})


def person_invite(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        partnership_id=request.user.partnership_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_invite(
                by=request.user, address=client_address(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"We have sent an invitation to {person.email}")
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form})


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    leads = _open_actions_led_by(request, person)
    status, colour = selectors.person_status(person)
    return render(
        request,
        "people/person_detail.html",
        {"person": person, "status": status, "colour": colour, "leads": leads},
    )


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    form_kwargs = {"partnership_id": request.user.partnership_id}
    form = PersonEditForm(
        request.POST if request.method == "POST" else None,
        instance=person,
        initial={"role": person.role, "version": person.version},
        **form_kwargs,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.person_change(
                person=person,
                by=request.user,
                address=client_address(request),
                expected_version=data.pop("version"),
                **data,
            )
        except StaleEdit as stale:
            form = form_after_stale_edit(
                PersonEditForm,
                request.POST,
                stale,
                what="this person's details",
                instance=stale.record,
                **form_kwargs,
            )
            person = stale.record
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{person}'s details have been saved")
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.person_deactivate(
                person=person, by=request.user, address=client_address(request)
            )
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, f"{person} has been deactivated and can no longer sign in")
            return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/person_deactivate.html",
        {
            "person": person,
            "lead_count": _open_actions_led_by(request, person).count(),
            "error": error,
        },
    )


@require_POST
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    services.person_reactivate(person=person, by=request.user, address=client_address(request))
    messages.success(request, f"{person} has been reactivated and can sign in again")
    return redirect("people:person_detail", pk=person.pk)


@require_POST
def person_invite_again(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    try:
        services.person_invite_again(
            person=person, by=request.user, address=client_address(request)
        )
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, f"We have sent a new invitation to {person.email}")
    return redirect("people:person_detail", pk=person.pk)


def person_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    if request.method == "POST":
        two_factor_reset(person=person, by=request.user, address=client_address(request))
        messages.success(
            request, f"{person}'s authenticator app and backup codes have been removed"
        )
        return redirect("people:person_detail", pk=person.pk)
    return render(
        request,
        "people/person_two_factor_reset.html",
        {"person": person, "must_set_up_again": permissions.must_use_two_factor(person)},
    )
