"""A partnership manager requires two-factor authentication of managers and executive members:
those who have not set it up are kept on the set-up page until they have."""

import datetime

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent, EventKind
from people import two_factor
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import PartnershipFactory, UserFactory

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
SETTING = "/partnership/security/"


def setting(partnership, **fields) -> dict:
    """What the page posts: the setting and the version of the partnership it showed."""
    partnership.refresh_from_db()
    return {"version": partnership.version, **fields}


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def strict_partnership(db):
    return PartnershipFactory(two_factor_required=True)


def code_now(device) -> str:
    return f"{totp(device.bin_key):06d}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MANAGER, Role.EXECUTIVE])
def test_a_manager_or_executive_member_must_set_it_up_before_anything_else(
    client, strict_partnership, role
):
    person = UserFactory(partnership=strict_partnership, role=role)
    client.force_login(person)

    for page in ("/", "/my-actions/", "/account/two-factor/", SETTING):
        assert client.get(page)["Location"] == "/account/two-factor/set-up/", page
    setup = client.get("/account/two-factor/set-up/")
    assert setup.status_code == 200
    assert "Your partnership requires two-factor authentication" in setup.content.decode()
    # Still open: the accessibility statement, and signing out.
    assert client.get("/accessibility/").status_code == 200
    assert client.post("/account/sign-out/")["Location"] == "/account/sign-in/"


@pytest.mark.django_db
def test_once_set_up_the_person_carries_on(client, strict_partnership):
    executive = UserFactory(partnership=strict_partnership, role=Role.EXECUTIVE)
    client.force_login(executive)
    client.get("/account/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=executive)

    client.post("/account/two-factor/set-up/", {"code": code_now(device)})

    assert client.get("/account/two-factor/backup-codes/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_set_up_page_offers_only_sign_out_until_it_is_done(client, strict_partnership):
    manager = UserFactory(partnership=strict_partnership, role=Role.MANAGER)
    client.force_login(manager)

    html = client.get("/account/two-factor/set-up/").content.decode()
    nav = html[html.index('<nav aria-label="Menu"') : html.index("</nav>")]
    assert "Inspections" not in nav and "Partnership" not in nav and "Your account" not in nav
    assert "Sign out" in nav
    assert "Signed in as" not in html
    device = TOTPDevice.objects.get(user=manager)
    client.post("/account/two-factor/set-up/", {"code": code_now(device)})

    html = client.get("/account/two-factor/backup-codes/").content.decode()
    nav = html[html.index('<nav aria-label="Menu"') : html.index("</nav>")]
    assert "Inspections" in nav and "Partnership" in nav and "Sign out" in nav
    assert "Signed in as" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OWNER, Role.SCRUTINEER])
def test_other_roles_are_not_required_to(client, strict_partnership, role):
    client.force_login(UserFactory(partnership=strict_partnership, role=role))
    assert client.get("/").status_code == 200
    assert "Off" in client.get("/account/two-factor/").content.decode()


@pytest.mark.django_db
def test_a_person_already_set_up_gives_a_code_instead(client, strict_partnership):
    manager = UserFactory(partnership=strict_partnership, role=Role.MANAGER)
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    client.force_login(manager)
    assert client.get("/")["Location"] == "/account/two-factor/verify/?next=%2F"


@pytest.mark.django_db
def test_turning_it_off_is_refused_when_the_partnership_requires_it(
    client, strict_partnership, sign_in_with_two_factor
):
    manager = UserFactory(partnership=strict_partnership, role=Role.MANAGER)
    device = sign_in_with_two_factor(client, manager)

    status = client.get("/account/two-factor/").content.decode()
    assert "so you cannot turn it off" in status
    response = client.post("/account/two-factor/turn-off/", {"code": code_now(device)})

    assert response.status_code == 403
    assert "Your partnership requires two-factor authentication" in response.content.decode()
    assert two_factor.has_two_factor(manager)


@pytest.mark.django_db
def test_the_manager_turns_the_setting_on_and_sees_who_has_not_set_it_up(
    client, sign_in_with_two_factor, django_assert_num_queries
):
    manager = UserFactory(role=Role.MANAGER, first_name="Morgan", last_name="Manager")
    partnership = manager.partnership
    UserFactory(partnership=partnership, role=Role.EXECUTIVE, first_name="Eve", last_name="Exec")
    UserFactory(partnership=partnership, role=Role.OWNER, first_name="Owen", last_name="Owner")
    sign_in_with_two_factor(client, manager)

    page = client.get(SETTING).content.decode()
    assert "Require two-factor authentication for managers and executive members" in page
    assert "Not set up yet" not in page

    response = client.post(SETTING, setting(partnership, two_factor_required="on"), follow=True)

    partnership.refresh_from_db()
    assert partnership.two_factor_required
    page = response.content.decode()
    assert "Managers and executive members now need two-factor authentication" in page
    assert "Eve Exec (executive member)" in page
    assert "Morgan Manager (partnership manager)" not in page  # set up already
    assert "Owen Owner (action owner)" not in page
    event = AuditEvent.objects.get(kind=EventKind.SETTINGS_CHANGED)
    assert (event.user, event.partnership) == (manager, partnership)
    assert event.detail.endswith(": on")
    with django_assert_num_queries(6):
        assert client.get(SETTING).status_code == 200

    client.post(SETTING, setting(partnership))
    partnership.refresh_from_db()
    assert not partnership.two_factor_required
    assert AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).count() == 2


@pytest.mark.django_db
def test_saving_without_a_change_records_nothing(client):
    manager = UserFactory(role=Role.MANAGER)
    client.force_login(manager)
    client.post(SETTING, setting(manager.partnership))
    assert not AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE, Role.SCRUTINEER])
def test_only_managers_change_the_setting(client, role):
    person = UserFactory(role=role)
    client.force_login(person)
    assert client.get(SETTING).status_code == 403
    assert client.post(SETTING, {"two_factor_required": "on"}).status_code == 403
    person.partnership.refresh_from_db()
    assert not person.partnership.two_factor_required


@pytest.mark.django_db
def test_the_demo_partnerships_do_not_require_it(demo):
    assert not demo["manager"].partnership.two_factor_required
    assert not demo["other.manager"].partnership.two_factor_required


@pytest.mark.django_db
def test_a_code_refused_at_set_up_links_to_the_field(client, strict_partnership):
    client.force_login(UserFactory(partnership=strict_partnership, role=Role.MANAGER))
    html = client.post("/account/two-factor/set-up/", {"code": ""}).content.decode()
    assert error_summary_messages(html) == ["Enter the 6-digit code from your authenticator app"]
    assert_error_summary_links_reach_inputs(html)


@pytest.mark.django_db
def test_a_manager_sets_it_up_for_themselves_before_requiring_it(client):
    manager = UserFactory(role=Role.MANAGER)
    client.force_login(manager)

    response = client.post(SETTING, setting(manager.partnership, two_factor_required="on"))

    html = response.content.decode()
    assert error_summary_messages(html) == [
        "Turn on two-factor authentication for yourself before you require it of others"
    ]
    assert "<title>Error: Sign-in security" in html
    assert_error_summary_links_reach_inputs(html)
    manager.partnership.refresh_from_db()
    assert not manager.partnership.two_factor_required
