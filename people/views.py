"""Signing in and one's own account: lock-outs, invitations, passwords."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from audit.trail import client_address
from people import forms, services, sessions, sign_in_limits
from people.backends import username_for_lockout
from people.two_factor import has_two_factor

SIGN_IN_BACKEND = "people.backends.PersonBackend"


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The answer to a locked username, as a GOV.UK page: locked at this address (django-axes)
    or at every address (people.sign_in_limits), which only a password reset or the wait
    ends. It says the same whether or not the username exists, so it tells an attacker
    nothing."""
    everywhere = getattr(request, "account_locked", False) or sign_in_limits.username_locked(
        username_for_lockout(request, credentials)
    )
    context = {
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "locked_everywhere": everywhere,
        "account_lockout_minutes": sign_in_limits.lockout_minutes(),
    }
    return render(request, "registration/locked_out.html", context, status=429)


class SignInView(auth_views.LoginView):
    authentication_form = forms.SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Someone sent here from a page while this browser still names who used it last
        # most likely saw their session end, rather than never having signed in.
        ended = bool(self.request.GET.get("next") and sessions.person_last_signed_in(self.request))
        return {
            **super().get_context_data(**kwargs),
            "session_ended": ended,
            "form_kept": sessions.has_kept_form(self.request),
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
        }

    def form_invalid(self, form):
        # people.backends flags a username locked at every address; axes' middleware shows
        # its own lock at one address.
        if getattr(self.request, "account_locked", False):
            return locked_out(self.request)
        return super().form_invalid(form)


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out")
        return response


def account(request: HttpRequest) -> HttpResponse:
    return render(request, "people/account.html", {"has_two_factor": has_two_factor(request.user)})


@login_not_required
@never_cache
@sensitive_post_parameters()
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation e-mail: the invitee sets a password and is signed in."""
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationRefused as refused:
        return render(
            request, "people/invitation_refused.html", {"status": refused.status}, status=404
        )
    person = invitation.person
    form = forms.SetPasswordForm(person, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["new_password1"],
                address=client_address(request),
            )
        except services.InvitationRefused as refused:
            return render(
                request, "people/invitation_refused.html", {"status": refused.status}, status=404
            )
        login(request, person, backend=SIGN_IN_BACKEND)
        messages.success(request, "Your password is set and you are signed in")
        return redirect("inspections:landing")
    return render(request, "people/invitation_accept.html", {"form": form, "person": person})


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(person=self.request.user, address=client_address(self.request))
        messages.success(self.request, "Your password has been changed")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_by_email(person=form.user, address=client_address(self.request))
        return response
