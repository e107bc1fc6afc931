"""Every page needs a signed-in user: walk the URLconf so that a new page cannot escape."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages anyone may open: signing in (with an invitation, or after resetting a forgotten
# password), and the accessibility statement the law says must be public.
PUBLIC = {
    "login",
    "inspections:accessibility",
    "invitation_accept",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Public pages that answer a made-up link with a page saying it does not work.
PUBLIC_NOT_FOUND = {"invitation_accept"}


def named_routes(resolver=None, prefix="", namespace=""):
    """(the name reverse takes, the route) of every named URL."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin has its own sign-in, tested below
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_routes(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, prefix + str(entry.pattern)


def example_url(route: str) -> str:
    url = "/" + route
    url = re.sub(r"<int:\w+>", "1", url)
    url = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", url)
    url = re.sub(r"<(slug|str|path):\w+>", "x", url)
    url = re.sub(r"<\w+>", "x", url)
    assert "<" not in url, f"add an example value for {route}"
    return url


ROUTES = sorted(set(named_routes()))


def test_the_walk_finds_the_pages():
    names = {name for name, _ in ROUTES}
    assert {
        "meetings:home",
        "inspections:inspection_detail",
        "actions:action_detail",
        "login",
    } <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), [r for r in ROUTES if r[0] not in PUBLIC])
def test_the_page_sends_a_stranger_to_sign_in(client, name, route):
    url = example_url(route)
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith("/account/sign-in/?next="), url


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_the_public_pages_open_without_signing_in(client, name):
    route = dict(ROUTES)[name]
    response = client.get(example_url(route), follow=True)
    assert response.status_code == (404 if name in PUBLIC_NOT_FOUND else 200)


@pytest.mark.django_db
def test_the_admin_sends_a_stranger_to_its_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
