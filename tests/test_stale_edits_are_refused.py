"""Two people open the same edit page and both save: the first save stands, the second is
refused with what they typed still on the page, and nothing of the first is lost.

Every edit form carries the version its page showed and the service claims that version
in the database (partnerships.versioning), so the check happens under the row's lock."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from inspections.models import Inspection
from partnerships.models import Agency, Partnership
from partnerships.versioning import StaleEdit
from people.models import Role, User
from people.services import person_change
from tests.factories import AgencyFactory, InspectionFactory, UserFactory

REFUSED = "while you were working on it. Nothing was saved"


@pytest.fixture
def two_managers(db):
    first = UserFactory(role=Role.MANAGER)
    second = UserFactory(partnership=first.partnership, role=Role.MANAGER)
    browsers = []
    for manager in (first, second):
        browser = Client()
        browser.force_login(manager)
        browsers.append(browser)
    return browsers


def version_on(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page)[1]


def both_save(browsers, url, first_data, second_data):
    """Both open the page, then each saves from what they opened."""
    versions = [version_on(browser.get(url).text) for browser in browsers]
    first = browsers[0].post(url, {**first_data, "version": versions[0]})
    second = browsers[1].post(url, {**second_data, "version": versions[1]})
    return first, second


def test_the_second_save_of_an_agency_is_refused(two_managers):
    manager = User.objects.get(pk=two_managers[0].session["_auth_user_id"])
    police = AgencyFactory(partnership=manager.partnership, name="Police", kind="police")
    first, second = both_save(
        two_managers,
        f"/partnership/agencies/{police.pk}/edit/",
        {"name": "Metropolitan Police Service", "kind": "police"},
        {"name": "Met Police", "short_name": "MPS", "kind": "police"},
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert REFUSED in second.text
    assert 'value="Met Police"' in second.text  # what they typed is still there
    assert Agency.objects.get(pk=police.pk).name == "Metropolitan Police Service"


def test_the_second_save_of_a_person_is_refused(two_managers):
    manager = User.objects.get(pk=two_managers[0].session["_auth_user_id"])
    owner = UserFactory(partnership=manager.partnership, role=Role.OWNER)
    details = {
        "first_name": owner.first_name,
        "last_name": owner.last_name,
        "email": owner.email,
        "agency": owner.agency_id,
    }
    first, second = both_save(
        two_managers,
        f"/partnership/people/{owner.pk}/edit/",
        {**details, "role": Role.EXECUTIVE, "job_title": "Director"},
        {**details, "role": Role.SCRUTINEER, "job_title": "Scrutineer"},
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert REFUSED in second.text
    owner.refresh_from_db()
    assert (owner.role, owner.job_title) == (Role.EXECUTIVE, "Director")


def test_the_second_save_of_the_statements_text_is_refused(two_managers):
    manager = User.objects.get(pk=two_managers[0].session["_auth_user_id"])
    inspection = InspectionFactory(partnership=manager.partnership)
    text = {"statement_version": "1.0", "protective_marking": "OFFICIAL"}
    first, second = both_save(
        two_managers,
        f"/inspections/{inspection.pk}/statement/edit/",
        {**text, "statement_introduction": "First manager's introduction."},
        {**text, "statement_introduction": "Second manager's introduction."},
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert REFUSED in second.text
    assert "Second manager&#x27;s introduction." in second.text
    inspection.refresh_from_db()
    assert inspection.plan.statement_introduction == "First manager's introduction."


def test_saving_again_after_the_refusal_is_a_choice_that_works(two_managers):
    manager = User.objects.get(pk=two_managers[0].session["_auth_user_id"])
    inspection = InspectionFactory(partnership=manager.partnership)
    url = f"/inspections/{inspection.pk}/statement/edit/"
    text = {"statement_version": "1.0", "protective_marking": "OFFICIAL"}
    _, refused = both_save(
        two_managers,
        url,
        {**text, "statement_introduction": "First."},
        {**text, "statement_introduction": "Second."},
    )
    again = two_managers[1].post(
        url, {**text, "statement_introduction": "Second.", "version": version_on(refused.text)}
    )
    assert again.status_code == 302
    assert Inspection.objects.get(pk=inspection.pk).plan.statement_introduction == "Second."


def test_the_second_change_of_sign_in_security_is_refused(two_managers, sign_in_with_two_factor):
    managers = [User.objects.get(pk=browser.session["_auth_user_id"]) for browser in two_managers]
    for browser, manager in zip(two_managers, managers, strict=True):
        sign_in_with_two_factor(browser, manager)
    partnership = managers[0].partnership
    first, second = both_save(
        two_managers, "/partnership/security/", {"two_factor_required": "on"}, {}
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert REFUSED in second.text
    assert Partnership.objects.get(pk=partnership.pk).two_factor_required


def test_a_post_without_the_version_its_page_showed_saves_nothing(client, db):
    manager = UserFactory(role=Role.MANAGER)
    police = AgencyFactory(partnership=manager.partnership, name="Police", kind="police")
    client.force_login(manager)
    response = client.post(
        f"/partnership/agencies/{police.pk}/edit/", {"name": "Renamed", "kind": "police"}
    )
    assert response.status_code == 200
    assert Agency.objects.get(pk=police.pk).name == "Police"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer at a time in anyway"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_managers_saving_a_person_at_the_same_instant_cannot_both_succeed(attempt):
    first_manager = UserFactory(role=Role.MANAGER)
    second_manager = UserFactory(partnership=first_manager.partnership, role=Role.MANAGER)
    owner = UserFactory(partnership=first_manager.partnership, role=Role.OWNER)
    opened = owner.version
    start = threading.Barrier(2)
    outcomes = []

    def save(manager, job_title):
        try:
            person = User.objects.get(pk=owner.pk)
            start.wait()
            person_change(
                person=person,
                by=manager,
                address=None,
                expected_version=opened,
                job_title=job_title,
            )
            outcomes.append(job_title)
        except StaleEdit:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(first_manager, "Director")),
        threading.Thread(target=save, args=(second_manager, "Head of service")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("refused") == 1
    saved = [outcome for outcome in outcomes if outcome != "refused"]
    assert User.objects.get(pk=owner.pk).job_title == saved[0]
