"""Sessions that end after a period of inactivity, without losing what someone typed.

Django refreshes a session's expiry only when it saves the session. Saving on every
request costs every page three queries, so the clock restarts at most once a minute:
a session ends between SESSION_IDLE_MINUTES - 1 and SESSION_IDLE_MINUTES after the
last request.

An officer who types a long progress update and presses Save after the session has
ended must not lose it. The post is kept in the new (signed-out) session; after signing
in again the person returns to the same page, where `kept_form_data` gives the form
back to them to check and save. A signed cookie says whom the browser last belonged to,
so what one person typed is never offered to the next person to sign in on that browser.

Anyone can post to any address, signed in or not, so a form is kept only when keeping
it cannot be turned into a way of filling the database: the signed cookie names a person
who used this browser within the last day, the page is one that keeps forms (marked with
`keeps_typed_form`) and that person could post to it, the form is at most 64 KB, and a
session keeps one form at a time.
"""

import datetime
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict

LAST_SEEN = "last_seen"
KEPT_FORMS = "kept_forms"
PERSON_COOKIE = "jtai_person"
PERSON_COOKIE_SALT = "people.sessions.kept-forms"
REFRESH_SECONDS = 60
KEPT_FORM_NOTICE = (
    "You were signed out because you had not used the service for a while, so nothing was "
    "saved. What you typed is below: check it and save it again."
)
FILES_NOT_KEPT = " Attach your file again: files cannot be kept."
# Long enough for a page left open overnight; the cookie is signed again at most once a
# minute while the person uses the service, so its age is the time since their last visit.
KEEP_FOR_PERSON_SEEN_WITHIN = datetime.timedelta(days=1)
KEPT_FORM_MAX_BYTES = 64 * 1024


def clock_restart(session) -> None:
    session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        clock_restarted = False
        if signed_in:
            last_seen = request.session.get(LAST_SEEN, 0)
            if time.time() - last_seen >= REFRESH_SECONDS:
                clock_restart(request.session)
                clock_restarted = True
        response = self.get_response(request)
        if signed_in and (clock_restarted or _browser_person(request) != str(request.user.pk)):
            response.set_signed_cookie(
                PERSON_COOKIE,
                str(request.user.pk),
                salt=PERSON_COOKIE_SALT,
                max_age=30 * 24 * 60 * 60,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _browser_person(request) -> str | None:
    return request.get_signed_cookie(PERSON_COOKIE, default=None, salt=PERSON_COOKIE_SALT)


def _person_seen_lately(request):
    """The active person this browser belonged to within the last day, or None."""
    pk = request.get_signed_cookie(
        PERSON_COOKIE,
        default=None,
        salt=PERSON_COOKIE_SALT,
        max_age=KEEP_FOR_PERSON_SEEN_WITHIN,
    )
    if pk is None or not pk.isdigit():
        return None
    users = get_user_model().objects.select_related("partnership", "agency")
    return users.filter(pk=int(pk), is_active=True).first()


def keeps_typed_form(load_for_posting: Callable[..., object]):
    """Marks a view whose form is kept when its session has ended.

    `load_for_posting(user, **url_kwargs)` is the view's own access check: it returns the
    record the form changes, or raises Http404 / PermissionDenied. The view calls it for
    the person signed in; the middleware calls it for the person the browser belonged to,
    so a form is kept only for a page they could have saved it on."""

    def mark(view):
        view.load_for_posting = load_for_posting
        return view

    return mark


def person_last_signed_in(request) -> bool:
    """Whether someone has signed in on this browser before."""
    return _browser_person(request) is not None


def has_kept_form(request) -> bool:
    return bool(request.session.get(KEPT_FORMS))


class KeepFormAfterTimeoutMiddleware:
    """Placed before LoginRequiredMiddleware, which would send the post to sign-in and
    drop it. Files cannot be kept: the page says to attach them again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        load_for_posting = getattr(view_func, "load_for_posting", None)
        if request.method != "POST" or request.user.is_authenticated or load_for_posting is None:
            return None
        person = _person_seen_lately(request)
        if person is None:
            return None
        try:
            load_for_posting(person, **view_kwargs)
        except (Http404, PermissionDenied):
            return None
        fields = {
            name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
        }
        if _size(fields) > KEPT_FORM_MAX_BYTES:
            return None
        # One form at a time: a second post replaces the first rather than adding to it.
        request.session[KEPT_FORMS] = {
            request.path: {
                "fields": fields,
                "had_files": bool(request.FILES),
                "person": str(person.pk),
            }
        }
        return None


def _size(fields: dict[str, list[str]]) -> int:
    return sum(
        len(name.encode()) + sum(len(value.encode()) for value in values)
        for name, values in fields.items()
    )


def kept_form_data(request):
    """What the person posted to this page when their session had ended, once; or None.

    Returns (data, had_files): data is a QueryDict to bind the form with."""
    kept = request.session.get(KEPT_FORMS)
    if not kept or request.path not in kept:
        return None
    entry = kept.pop(request.path)
    request.session[KEPT_FORMS] = kept
    if entry["person"] is None or entry["person"] != str(request.user.pk):
        return None  # typed by someone else on this browser: never shown to this person
    data = QueryDict(mutable=True)
    for name, values in entry["fields"].items():
        data.setlist(name, values)
    return data, entry["had_files"]
