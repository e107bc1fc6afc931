"""Anyone turns on two-factor authentication with an authenticator app, signs in with a code
or a backup code, makes new backup codes and turns it off again."""

import datetime
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent, EventKind
from people import two_factor
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import UserFactory

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
# A new code each time: a code already used is refused (django-otp's replay protection).
NEXT_CODE = datetime.timedelta(seconds=30)
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def clock(time_machine):
    """Time stands still in each test unless it moves the clock on."""
    time_machine.move_to(START, tick=False)
    return time_machine


def code_now(device) -> str:
    return f"{totp(device.bin_key):06d}"


def kinds_recorded():
    return list(AuditEvent.objects.order_by("pk").values_list("kind", flat=True))


def turn_on(client, user) -> tuple[TOTPDevice, list[str]]:
    """Turns two-factor on through the pages; returns the app's device and the backup codes."""
    client.force_login(user)
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=user)
    client.post("/account/two-factor/set-up/", {"code": code_now(device)})
    html = client.get("/account/two-factor/backup-codes/").content.decode()
    return device, re.findall(r'<code class="app-backup-code">(\w+)</code>', html)


def sign_in_with_password(client, user, next_url=""):
    client.post("/account/sign-out/")
    return client.post(
        "/account/sign-in/" + (f"?next={next_url}" if next_url else ""),
        {"username": user.username, "password": PASSWORD, "next": next_url},
        follow=True,
    )


@pytest.mark.django_db
def test_turning_it_on_shows_a_qr_code_and_key_and_takes_a_code_from_the_app(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get("/account/two-factor/set-up/").content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in page and 'aria-label="QR code to scan with your authenticator app"' in page
    assert two_factor.secret_key_for_typing(device) in page
    assert re.search(r"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$", two_factor.secret_key_for_typing(device))
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert client.get("/account/two-factor/").content.decode().count("Off") >= 1

    response = client.post("/account/two-factor/set-up/", {"code": code_now(device)})

    assert response["Location"] == "/account/two-factor/backup-codes/"
    device.refresh_from_db()
    assert device.confirmed and two_factor.has_two_factor(user)
    codes_page = client.get("/account/two-factor/backup-codes/").content.decode()
    codes = re.findall(r'<code class="app-backup-code">(\w+)</code>', codes_page)
    assert len(codes) == 10
    assert "This is the only time these codes are shown" in codes_page
    assert sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert "app-backup-code" not in client.get("/account/two-factor/backup-codes/").content.decode()
    assert EventKind.TWO_FACTOR_ON in kinds_recorded()
    assert "On" in client.get("/account/two-factor/").content.decode()


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_the_app_is_not_turned_on(client):
    user = UserFactory()
    client.force_login(user)
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"

    response = client.post("/account/two-factor/set-up/", {"code": wrong})

    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(html) == [
        "The code is not correct. Check the time on your phone is set automatically, "
        "then enter the code your app shows now"
    ]
    assert "<title>Error: Set up two-factor authentication" in html
    assert f'value="{wrong}"' in html
    assert_error_summary_links_reach_inputs(html)
    assert not two_factor.has_two_factor(user)
    # The same key again, so the app the person already set up still fits.
    assert TOTPDevice.objects.get(user=user).key == device.key


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the 6-digit code from your authenticator app"),
        ("12ab", "The code must be 6 numbers, like 123456"),
    ],
)
def test_set_up_names_a_missing_or_malformed_code(client, typed, message):
    client.force_login(UserFactory())
    html = client.post("/account/two-factor/set-up/", {"code": typed}).content.decode()
    assert error_summary_messages(html) == [message]
    assert_error_summary_links_reach_inputs(html)


@pytest.mark.django_db
def test_signing_in_asks_for_the_code_after_the_password_and_keeps_the_page_asked_for(
    client, clock
):
    user = UserFactory()
    device, _ = turn_on(client, user)
    response = sign_in_with_password(client, user, next_url="/my-actions/")

    assert response.redirect_chain[-1][0] == "/account/two-factor/verify/?next=%2Fmy-actions%2F"
    assert "Enter your two-factor code" in response.content.decode()
    assert client.get("/").status_code == 302  # nothing else opens meanwhile
    clock.shift(NEXT_CODE)
    response = client.post(
        "/account/two-factor/verify/", {"code": code_now(device), "next": "/my-actions/"}
    )

    assert response["Location"] == "/my-actions/"
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_at_sign_in_is_refused_and_recorded(client):
    user = UserFactory()
    device, _ = turn_on(client, user)
    sign_in_with_password(client, user)
    wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"
    response = client.post("/account/two-factor/verify/", {"code": wrong})

    html = response.content.decode()
    assert error_summary_messages(html) == [
        "The code is not correct. Enter the code your authenticator app shows now, or a backup code"
    ]
    assert "<title>Error: Enter your two-factor code" in html
    assert_error_summary_links_reach_inputs(html)
    failed = AuditEvent.objects.get(kind=EventKind.TWO_FACTOR_FAILED)
    assert failed.user == user
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_five_wrong_codes_in_a_row_sign_the_person_out(client, clock):
    user = UserFactory()
    turn_on(client, user)
    sign_in_with_password(client, user)
    for _ in range(4):
        clock.shift(datetime.timedelta(seconds=20))
        client.post("/account/two-factor/verify/", {"code": "000000"})
    assert "_auth_user_id" in client.session
    clock.shift(datetime.timedelta(seconds=20))

    response = client.post("/account/two-factor/verify/", {"code": "000000"}, follow=True)

    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0] == "/account/sign-in/"
    assert "You entered a wrong code 5 times, so you have been signed out" in (
        response.content.decode()
    )
    assert AuditEvent.objects.filter(kind=EventKind.TWO_FACTOR_FAILED).count() == 5


@pytest.mark.django_db
def test_a_backup_code_signs_in_once(client):
    user = UserFactory()
    _, codes = turn_on(client, user)
    sign_in_with_password(client, user)
    # As people copy it: in capitals, with a space.
    typed = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"
    response = client.post("/account/two-factor/verify/", {"code": typed}, follow=True)
    assert response.redirect_chain[0][0] == "/welcome/"
    assert "You used a backup code. You have 9 left" in response.content.decode()

    sign_in_with_password(client, user)
    response = client.post("/account/two-factor/verify/", {"code": codes[0]})

    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert StaticToken.objects.filter(token=codes[0]).count() == 0


@pytest.mark.django_db
def test_new_backup_codes_replace_the_old_ones(client):
    user = UserFactory()
    _, old_codes = turn_on(client, user)
    response = client.post("/account/two-factor/backup-codes/", follow=True)

    new_codes = re.findall(r'<code class="app-backup-code">(\w+)</code>', response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new_codes)
    assert StaticDevice.objects.filter(user=user).count() == 1
    assert kinds_recorded()[-1] == EventKind.BACKUP_CODES


@pytest.mark.django_db
def test_turning_it_off_needs_a_code(client, clock):
    user = UserFactory()
    device, _ = turn_on(client, user)
    clock.shift(NEXT_CODE)

    empty = client.post("/account/two-factor/turn-off/", {"code": ""}).content.decode()
    assert error_summary_messages(empty) == ["Enter the code from your authenticator app"]
    assert_error_summary_links_reach_inputs(empty)
    client.post("/account/two-factor/turn-off/", {"code": "000000"})
    assert two_factor.has_two_factor(user)
    clock.shift(NEXT_CODE)

    response = client.post("/account/two-factor/turn-off/", {"code": code_now(device)})

    assert response["Location"] == "/account/two-factor/"
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert kinds_recorded()[-2:] == [EventKind.TWO_FACTOR_FAILED, EventKind.TWO_FACTOR_OFF]
    # Password alone from now on.
    sign_in_with_password(client, user)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_code_page_leaves_sign_out_and_the_accessibility_statement_open(client):
    user = UserFactory()
    turn_on(client, user)
    sign_in_with_password(client, user)

    assert client.get("/accessibility/").status_code == 200
    assert client.get("/account/two-factor/").status_code == 302
    assert client.post("/account/sign-out/")["Location"] == "/account/sign-in/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_person_without_two_factor_is_never_asked_for_a_code(client, django_assert_num_queries):
    client.force_login(UserFactory())
    assert client.get("/").status_code == 200
    # The session, the person and the request's savepoint: none for two-factor.
    with django_assert_num_queries(4):
        assert client.get("/accessibility/").status_code == 200
    assert client.get("/account/two-factor/verify/")["Location"] == "/welcome/"


@pytest.mark.django_db
def test_the_code_page_never_sends_a_person_to_another_site(client, clock):
    user = UserFactory()
    device, _ = turn_on(client, user)
    sign_in_with_password(client, user)
    clock.shift(NEXT_CODE)
    response = client.post(
        "/account/two-factor/verify/", {"code": code_now(device), "next": "https://evil.example"}
    )
    assert response["Location"] == "/welcome/"


@pytest.mark.django_db
def test_a_manager_resets_a_lost_phone(client):
    manager = UserFactory(role="manager")
    person = UserFactory(partnership=manager.partnership, agency=manager.agency)
    turn_on(client, person)
    two_factor.two_factor_reset(person=person, by=manager, address="127.0.0.1")

    assert not two_factor.has_two_factor(person)
    assert not StaticToken.objects.filter(device__user=person).exists()
    reset = AuditEvent.objects.filter(kind=EventKind.TWO_FACTOR_OFF).get()
    assert reset.user == manager
    assert reset.partnership == person.partnership
    assert person.username in reset.detail


@pytest.mark.django_db
def test_after_a_reset_the_person_is_no_longer_asked_for_a_code(client):
    manager = UserFactory(role="manager")
    person = UserFactory(partnership=manager.partnership, agency=manager.agency)
    turn_on(client, person)
    sign_in_with_password(client, person)
    assert client.get("/")["Location"].startswith("/account/two-factor/verify/")
    two_factor.two_factor_reset(person=person, by=manager, address="127.0.0.1")

    assert client.get("/", follow=True).status_code == 200
    assert client.get("/").status_code == 200  # straight there from now on


def sign_ins_recorded(user):
    return list(
        AuditEvent.objects.filter(kind=EventKind.SIGN_IN, user=user)
        .order_by("pk")
        .values_list("detail", flat=True)
    )


@pytest.mark.django_db
def test_the_audit_trail_says_signed_in_only_once_the_code_is_accepted(client, clock):
    user = UserFactory()
    device, _ = turn_on(client, user)
    AuditEvent.objects.all().delete()

    sign_in_with_password(client, user)
    client.post("/account/two-factor/verify/", {"code": "000000"})

    assert sign_ins_recorded(user) == ["Password accepted; two-factor code not yet entered"]
    clock.shift(NEXT_CODE)
    client.post("/account/two-factor/verify/", {"code": code_now(device)})
    assert sign_ins_recorded(user) == [
        "Password accepted; two-factor code not yet entered",
        "Two-factor code accepted",
    ]
    assert kinds_recorded() == [
        EventKind.SIGN_OUT,
        EventKind.SIGN_IN,
        EventKind.TWO_FACTOR_FAILED,
        EventKind.SIGN_IN,
    ]


@pytest.mark.django_db
def test_the_audit_trail_says_a_backup_code_signed_the_person_in(client):
    user = UserFactory()
    _, codes = turn_on(client, user)
    AuditEvent.objects.all().delete()

    sign_in_with_password(client, user)
    client.post("/account/two-factor/verify/", {"code": codes[0]})

    assert sign_ins_recorded(user) == [
        "Password accepted; two-factor code not yet entered",
        "Backup code accepted",
    ]


@pytest.mark.django_db
def test_a_sign_in_with_the_password_alone_is_recorded_plainly(client):
    user = UserFactory()
    client.post("/account/sign-in/", {"username": user.username, "password": PASSWORD})
    assert client.get("/").status_code == 200
    assert sign_ins_recorded(user) == [""]


def three_wrong_codes(client, clock, url):
    # After a third wrong code in a row django-otp checks no code for 4 seconds.
    for _ in range(3):
        clock.shift(datetime.timedelta(seconds=20))
        client.post(url, {"code": "000000"})


@pytest.mark.django_db
def test_a_right_code_typed_too_soon_after_wrong_ones_asks_the_person_to_wait(client, clock):
    user = UserFactory()
    device, _ = turn_on(client, user)
    sign_in_with_password(client, user)
    three_wrong_codes(client, clock, "/account/two-factor/verify/")

    clock.shift(datetime.timedelta(seconds=3))
    response = client.post("/account/two-factor/verify/", {"code": code_now(device)})

    html = response.content.decode()
    assert error_summary_messages(html) == [
        "You entered a wrong code a moment ago. Wait a few seconds, then enter the code again"
    ]
    assert f'value="{code_now(device)}"' in html
    assert_error_summary_links_reach_inputs(html)
    # Not a wrong code: neither counted towards signing out nor in the audit trail.
    assert client.session[two_factor.WRONG_CODES] == 3
    assert AuditEvent.objects.filter(kind=EventKind.TWO_FACTOR_FAILED).count() == 3
    clock.shift(datetime.timedelta(seconds=2))
    response = client.post("/account/two-factor/verify/", {"code": code_now(device)})
    assert response["Location"] == "/welcome/"


@pytest.mark.django_db
def test_turning_it_off_too_soon_after_wrong_codes_asks_the_person_to_wait(client, clock):
    user = UserFactory()
    device, _ = turn_on(client, user)
    three_wrong_codes(client, clock, "/account/two-factor/turn-off/")

    clock.shift(datetime.timedelta(seconds=3))
    response = client.post("/account/two-factor/turn-off/", {"code": code_now(device)})

    assert error_summary_messages(response.content.decode()) == [
        "You entered a wrong code a moment ago. Wait a few seconds, then enter the code again"
    ]
    assert two_factor.has_two_factor(user)
    assert AuditEvent.objects.filter(kind=EventKind.TWO_FACTOR_FAILED).count() == 3
    clock.shift(datetime.timedelta(seconds=2))
    response = client.post("/account/two-factor/turn-off/", {"code": code_now(device)})
    assert response["Location"] == "/account/two-factor/"
    assert not two_factor.has_two_factor(user)


def nav_and_footer(html: str) -> str:
    return (
        html[html.index('<nav aria-label="Menu"') : html.index("</nav>")]
        + html[html.index('<footer class="govuk-footer">') :]
    )


@pytest.mark.django_db
def test_while_a_code_is_owed_the_navigation_offers_only_sign_out(client, clock):
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    device, _ = turn_on(client, user)
    sign_in_with_password(client, user)

    for url in ("/account/two-factor/verify/", "/accessibility/"):
        held = nav_and_footer(client.get(url).content.decode())
        assert "Inspections" not in held and "Your account" not in held, url
        assert "Sign out" in held and "Signed in as" not in held, url
    clock.shift(NEXT_CODE)
    client.post("/account/two-factor/verify/", {"code": code_now(device)})

    signed_in = nav_and_footer(client.get("/accessibility/").content.decode())
    assert "Inspections" in signed_in and "Your account" in signed_in
    assert "Signed in as Ada Lovelace" in signed_in


@pytest.mark.django_db
def test_a_signed_in_person_with_two_factor_costs_no_query_for_the_navigation(
    client, clock, django_assert_num_queries
):
    user = UserFactory()
    device, _ = turn_on(client, user)
    sign_in_with_password(client, user)
    clock.shift(NEXT_CODE)
    client.post("/account/two-factor/verify/", {"code": code_now(device)})
    client.get("/accessibility/")

    # The session, the person, the device django-otp loads for a verified session and the
    # request's savepoint: nothing for the navigation.
    with django_assert_num_queries(5):
        html = client.get("/accessibility/").content.decode()
    assert "Your account" in nav_and_footer(html)
