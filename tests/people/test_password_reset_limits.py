"""Password reset e-mails are limited (issue 13, item 6): at most 3 links to one address an
hour, and 20 requests an hour from one client address, with the same page either way."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from tests.factories import UserFactory

OFFICE = "198.51.100.7"


def ask_for_a_link(client, email, address=OFFICE, **headers):
    return client.post(
        "/account/password/reset/", {"email": email}, REMOTE_ADDR=address, follow=True, **headers
    )


@pytest.fixture
def jo(db):
    return UserFactory(username="jo.bloggs", email="jo@met.example.org")


@pytest.mark.django_db
def test_fifteen_requests_for_one_address_send_it_three_e_mails(client, jo):
    for n in range(15):
        ask_for_a_link(client, "jo@met.example.org", address=f"203.0.113.{n}")

    assert len(mail.outbox) == 3
    assert {tuple(message.to) for message in mail.outbox} == {("jo@met.example.org",)}


@pytest.mark.django_db
def test_a_limited_request_gets_the_same_page_as_one_that_sent_a_link(client, jo):
    sent = ask_for_a_link(client, "jo@met.example.org")
    for _ in range(2):
        ask_for_a_link(client, "jo@met.example.org")
    limited = ask_for_a_link(client, "JO@met.example.org")
    unknown = ask_for_a_link(client, "nobody@example.org")

    assert len(mail.outbox) == 3
    assert "Check your e-mail" in sent.content.decode()
    assert limited.redirect_chain == sent.redirect_chain == unknown.redirect_chain
    assert limited.content == sent.content == unknown.content


@pytest.mark.django_db
def test_the_address_gets_links_again_an_hour_later(client, jo):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            ask_for_a_link(client, "jo@met.example.org")
    assert len(mail.outbox) == 3

    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        ask_for_a_link(client, "jo@met.example.org")
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_one_client_address_may_ask_20_times_an_hour_whatever_addresses_it_names(client, jo):
    for n in range(20):
        ask_for_a_link(client, f"someone{n}@example.org")

    ask_for_a_link(client, "jo@met.example.org")
    assert mail.outbox == []

    ask_for_a_link(client, "jo@met.example.org", address="192.0.2.44")
    assert [message.to for message in mail.outbox] == [["jo@met.example.org"]]


@pytest.mark.django_db
def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client, jo, settings):
    pytest.importorskip("ipware", reason="DJANGO_PROXY_COUNT needs django-axes[ipware]")
    # As jtai.settings sets them for DJANGO_PROXY_COUNT=1.
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.IPWARE_STRICT = False
    proxy, client_address = "10.0.0.1", "81.2.69.142"
    for n in range(20):
        # Whatever the client puts in X-Forwarded-For, the proxy adds the address it saw.
        forwarded = f"8.8.{n}.4, {client_address}"
        ask_for_a_link(client, f"someone{n}@example.org", proxy, HTTP_X_FORWARDED_FOR=forwarded)

    ask_for_a_link(client, "jo@met.example.org", proxy, HTTP_X_FORWARDED_FOR=client_address)
    assert mail.outbox == []
    ask_for_a_link(client, "jo@met.example.org", proxy, HTTP_X_FORWARDED_FOR="81.2.69.143")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_each_request_is_in_the_persons_audit_trail_with_what_happened(client, jo):
    for _ in range(4):
        ask_for_a_link(client, "jo@met.example.org")

    entries = AuditEvent.objects.filter(user=jo).order_by("at", "pk")
    assert [(entry.kind, entry.detail) for entry in entries] == [
        *[(EventKind.PASSWORD_RESET_SENT, "To jo@met.example.org")] * 3,
        (
            EventKind.PASSWORD_RESET_NOT_SENT,
            "Not sent: 3 links already e-mailed to this address in the last hour",
        ),
    ]
    assert {(entry.partnership, entry.ip_address) for entry in entries} == {
        (jo.partnership, OFFICE)
    }
