from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from actions import selectors


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_for_page(user=request.user, pk=pk)
    return render(request, "actions/action_detail.html", {"action": action})
