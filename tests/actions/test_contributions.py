"""A supporting agency adds its contribution to an action: shown as its own, the lead's RAG
untouched, the lead told and shown it as they write their update, and no return in a round."""

import datetime
import smtplib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.contributions import contribution_record
from actions.models import Action, Contribution, Evidence
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from people.models import Role
from rounds import selectors as round_selectors
from rounds import services as round_services
from tests.actions.test_action_page import ACTION_PAGE_QUERIES
from tests.actions.test_record_update import PNG, post_update
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import AgencyFactory, ProgressUpdateFactory, UserFactory

LINK = "https://sharepoint.example.org/health/triage-audit.docx"


@pytest.fixture
def health(plan):
    """The action (led by the police) names Health as supporting it; Health has an owner."""
    plan.health = AgencyFactory(partnership=plan.partnership, name="Health")
    plan.action.supporting_agencies.add(plan.health)
    plan.health_owner = UserFactory(
        partnership=plan.partnership,
        agency=plan.health,
        role=Role.OWNER,
        first_name="Hana",
        last_name="Nurse",
    )
    return plan


def contribute_url(action):
    return reverse("actions:contribution_new", args=[action.pk])


def post_contribution(client, action, **fields):
    data = {"narrative": "Health visitors now attend every strategy discussion.", **fields}
    return client.post(contribute_url(action), data)


@pytest.mark.django_db
def test_a_supporting_agencys_owner_adds_a_contribution_shown_as_that_agencys(
    client, health, mailoutbox
):
    action = health.action
    action.rag = RAG.AMBER
    action.save()
    version = Action.objects.get(pk=action.pk).version
    client.force_login(health.health_owner)
    assert (
        "Add your agency's contribution" in client.get(action.get_absolute_url()).content.decode()
    )

    response = post_contribution(client, action, evidence_link=LINK)

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.action, contribution.agency, contribution.author) == (
        action,
        health.health,
        health.health_owner,
    )
    assert contribution.date == timezone.localdate()
    evidence = Evidence.objects.get()
    assert (evidence.contribution, evidence.update, evidence.closure) == (contribution, None, None)
    assert evidence.link == LINK
    action.refresh_from_db()
    assert (action.rag, action.version) == (RAG.AMBER, version)
    assert not action.updates.exists()
    event = AuditEvent.objects.get(kind=EventKind.CONTRIBUTION_RECORDED)
    assert event.user == health.health_owner
    assert "Health added its contribution to action 1.1 of the inspection of" in event.detail
    assert [message.to for message in mailoutbox] == [[health.police_owner.email]]
    assert "Health has added its contribution" in mailoutbox[0].subject
    assert "Health visitors now attend every strategy discussion." in mailoutbox[0].body
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Contribution from Health" in page
    assert "Health visitors now attend every strategy discussion." in page
    assert "Hana Nurse" in page
    assert f'href="{LINK}"' in page


@pytest.mark.django_db
def test_a_contribution_can_bring_a_file_downloaded_from_the_action_page(client, health):
    client.force_login(health.health_owner)
    post_contribution(
        client,
        health.action,
        evidence_file=SimpleUploadedFile("triage_audit.png", PNG, "image/png"),
    )

    evidence = Evidence.objects.get()
    assert evidence.contribution == Contribution.objects.get()
    assert evidence.original_name == "triage_audit.png"
    page = client.get(health.action.get_absolute_url()).content.decode()
    assert reverse("actions:evidence_download", args=[evidence.uuid]) in page


@pytest.mark.django_db
def test_a_refused_file_is_named_and_nothing_is_saved(client, health):
    client.force_login(health.health_owner)
    response = post_contribution(
        client,
        health.action,
        evidence_file=SimpleUploadedFile("audit.pdf", b"\x7fELF\x02" + b"\x00" * 200),
    )

    assert response.status_code == 200
    assert error_summary_messages(response.content.decode())
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_the_contribution_stands_when_the_mail_server_fails(client, health, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPException("Mail server down")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    client.force_login(health.health_owner)

    assert post_contribution(client, health.action).status_code == 302
    assert Contribution.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["police_owner", "another_police_owner", "council_owner", "manager", "executive"]
)
def test_the_leads_people_and_others_who_do_not_support_it_are_refused(client, health, who):
    health.another_police_owner = UserFactory(
        partnership=health.partnership, agency=health.police, role=Role.OWNER
    )
    client.force_login(getattr(health, who))

    assert client.get(contribute_url(health.action)).status_code == 403
    assert post_contribution(client, health.action).status_code == 403
    assert not Contribution.objects.exists()
    page = client.get(health.action.get_absolute_url()).content.decode()
    assert "Add your agency's contribution" not in page
    assert "No supporting agency has added a contribution." in page


@pytest.mark.django_db
def test_another_partnership_is_not_found(client, health):
    for stranger in (health.stranger, UserFactory(role=Role.OWNER)):
        client.force_login(stranger)
        assert client.get(contribute_url(health.action)).status_code == 404
        assert post_contribution(client, health.action).status_code == 404
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_the_lead_sees_the_contributions_since_their_last_update_on_the_update_form(client, health):
    contribution_record(
        action=health.action, author=health.health_owner, narrative="Read before the update."
    )
    client.force_login(health.police_owner)
    assert post_update(client, health.action).status_code == 302
    contribution_record(
        action=health.action,
        author=health.health_owner,
        narrative="GP practices now flag missing episodes.",
        evidence_link=LINK,
    )

    page = client.get(reverse("actions:progress_update_new", args=[health.action.pk]))

    page = page.content.decode()
    assert "Contributions since the update of" in page
    assert "Contribution from Health" in page
    assert "GP practices now flag missing episodes." in page
    assert "with 1 item of evidence" in page
    assert "Read before the update." not in page


@pytest.mark.django_db
def test_with_no_update_yet_the_lead_sees_every_contribution(client, health):
    contribution_record(action=health.action, author=health.health_owner, narrative="First.")
    contribution_record(action=health.action, author=health.health_owner, narrative="Second.")
    client.force_login(health.police_owner)

    page = client.get(reverse("actions:progress_update_new", args=[health.action.pk]))

    page = page.content.decode()
    assert "Contributions from supporting agencies" in page
    assert "First." in page and "Second." in page


@pytest.mark.django_db
def test_an_empty_narrative_is_named_and_the_link_typed_is_kept(client, health):
    client.force_login(health.health_owner)

    response = post_contribution(client, health.action, narrative="  ", evidence_link=LINK)

    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == ["Enter what your agency has done"]
    assert_error_summary_links_reach_inputs(page)
    assert f'value="{LINK}"' in page
    assert not Contribution.objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_a_contribution_is_not_the_actions_return_in_an_open_round(health):
    update_round, _ = round_services.round_open(
        plan=health.finding.plan,
        user=health.manager,
        meeting_date=timezone.localdate() + datetime.timedelta(days=30),
    )

    def returned() -> int:
        return round_selectors.round_counts(update_round=update_round)["returned"]

    contribution_record(action=health.action, author=health.health_owner, narrative="Ours.")

    assert returned() == 0
    (row,) = round_selectors.round_actions(update_round=update_round)
    assert row.return_id is None
    # The lead's update is the return: the count above could have moved.
    services.progress_update_record(
        action=health.action,
        author=health.police_owner,
        rag=health.action.rag,
        narrative="The lead's update.",
        expected_version=health.action.version,
    )
    assert returned() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 10])
def test_the_action_page_runs_the_same_queries_however_many_contributions(
    client, health, django_assert_num_queries, count
):
    # An update too, as the action page's own count has (its evidence is one query); the
    # contributions' evidence is one more, asked only once there are contributions.
    ProgressUpdateFactory(action=health.action, author=health.police_owner)
    for number in range(count):
        contribution_record(
            action=health.action,
            author=health.health_owner,
            narrative=f"Contribution number {number}.",
            evidence_link=LINK,
        )
    client.force_login(health.health_owner)

    with django_assert_num_queries(ACTION_PAGE_QUERIES + 1):
        response = client.get(health.action.get_absolute_url())

    page = response.content.decode()
    assert page.count("Contribution from Health") == count
    assert "Add your agency's contribution" in page


@pytest.mark.django_db
def test_a_contributions_evidence_is_named_with_its_agency_in_the_lists_and_the_index(client, plan):
    from actions import selectors
    from actions.models import Contribution, Evidence

    health = AgencyFactory(partnership=plan.partnership, name="Health")
    plan.action.supporting_agencies.add(health)
    owner = UserFactory(partnership=plan.partnership, agency=health, role=Role.OWNER)
    contribution = Contribution.objects.create(
        action=plan.action, agency=health, author=owner, narrative="Named nurse in place."
    )
    Evidence.objects.create(
        action=plan.action,
        contribution=contribution,
        added_by=owner,
        link="https://sp.example.org/nurse-rota",
        title="Named nurse rota",
    )
    client.force_login(plan.manager)

    page = client.get(plan.action.get_absolute_url()).content.decode()
    index = selectors.evidence_index(plan=plan.action.finding.plan)

    assert f"Health's contribution of {contribution.date:%-d %B %Y}" in page
    (item,) = index.areas[0].actions[0].items
    assert item.contribution.agency.name == "Health"  # fetched with the index's query
