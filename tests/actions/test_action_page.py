import pytest

from actions.rag import RAG
from tests.factories import ActionFactory, AgencyFactory, ProgressUpdateFactory, UserFactory

# What an action's page costs, whatever it holds (counted below).
ACTION_PAGE_QUERIES = 20


@pytest.mark.django_db
def test_the_page_shows_the_action_its_definition_and_every_update(client):
    action = ActionFactory(
        reference="2.1", rag=RAG.AMBER, description="Recruit to the emergency duty team."
    )
    ProgressUpdateFactory(action=action, rag=RAG.RED, narrative="Campaign closed unfilled.")
    ProgressUpdateFactory(action=action, rag=RAG.AMBER, narrative="Second campaign launched.")
    client.force_login(UserFactory(partnership=action.finding.plan.partnership))

    page = client.get(action.get_absolute_url()).content.decode()

    assert "Action 2.1" in page
    assert "Recruit to the emergency duty team." in page
    assert "Some slippage or risk; the owner has a recovery plan." in page
    assert "Campaign closed unfilled." in page
    assert "Second campaign launched." in page


@pytest.mark.django_db
def test_a_rebaselined_action_shows_its_original_date_and_the_reason(client):
    action = ActionFactory()
    action.target_date = action.original_target_date.replace(year=action.target_date.year + 1)
    action.target_date_change_reason = "Reprogrammed with approval: recruitment delayed."
    action.save()
    client.force_login(UserFactory(partnership=action.finding.plan.partnership))

    page = client.get(action.get_absolute_url()).content.decode()

    assert f"Re-baselined from {action.original_target_date:%-d %B %Y}" in page
    assert "Reprogrammed with approval: recruitment delayed." in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_the_page_runs_the_same_queries_however_many_updates(
    client, django_assert_num_queries, count
):
    action = ActionFactory()
    partnership = action.finding.plan.partnership
    action.supporting_agencies.add(AgencyFactory(partnership=partnership))
    action.lead_officer = UserFactory(partnership=partnership)
    action.save()
    for _ in range(count):
        ProgressUpdateFactory(action=action)
    client.force_login(UserFactory(partnership=partnership))

    # session, user, action, supporting agencies, updates with authors, their evidence,
    # closures, history, and the agencies and officers it names, an update returned for
    # more detail; the asks of the executive, decisions and challenges about it; the
    # request's savepoints; and (issue 17) the action's evidence items, with who added each
    # and the update or closure citing it (actions.selectors.evidence_for_action); (issue
    # 18) the updates' corrections, the supporting agencies' contributions and the target
    # date requests
    with django_assert_num_queries(ACTION_PAGE_QUERIES):
        response = client.get(action.get_absolute_url())
    assert response.content.decode().count("Work is on track.") == count
