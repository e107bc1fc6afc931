"""The service's own error pages where Django would show its technical ones."""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


class ServiceNotFoundInDebugMiddleware:
    """With DEBUG on, Django answers a 404 with its technical page, listing every URL
    pattern, and ignores handler404. A person signed in to a developer's copy gets the
    service's own "Page not found" instead (templates/404.html), as they would in
    production; a developer signed out still sees Django's, to debug the URLs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _applies(self, request: HttpRequest) -> bool:
        return settings.DEBUG and request.user.is_authenticated

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No URL pattern matched: the resolver's 404 never reaches process_exception.
        unmatched = response.status_code == 404 and request.resolver_match is None
        if unmatched and self._applies(request):
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404) and self._applies(request):
            return page_not_found(request, exception)
        return None
