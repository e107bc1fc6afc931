"""Every page answers with the security headers (part of issue 8): walk the URLconf."""

import pytest

from tests.test_sign_in_required import ROUTES, example_url


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), ROUTES)
def test_every_page_sends_the_security_headers(client, demo, name, route):
    client.force_login(demo["manager"])
    response = client.get(example_url(route))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
