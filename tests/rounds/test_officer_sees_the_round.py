import datetime

import pytest
import time_machine
from django.urls import reverse

from rounds import selectors, services
from rounds.models import ReviewDecision
from tests.factories import ActionFactory
from tests.rounds.conftest import at
from tests.rounds.test_see_an_update_returned_for_more_detail import (
    COMMENT,
    record_update,
    send_back,
)

OPEN = "The update round for the executive meeting on 13 March 2026 is open"
DEADLINE = "update your actions by 6 March 2026"
RETURNED = '<strong class="govuk-tag govuk-tag--orange">Returned for more detail</strong>'


def page(client, person, url_name):
    client.force_login(person)
    return client.get(reverse(url_name)).content.decode()


def banner(html):
    start = html.index('<div class="govuk-notification-banner"')
    return html[start : html.index("</ul>", start)] if "</ul>" in html[start:] else html[start:]


@pytest.mark.parametrize("url_name", ["actions:my_actions", "meetings:home"])
def test_it_says_the_round_is_open_and_links_each_action_due(client, plan, during, url_name):
    plan.open_round()

    html = page(client, plan.police_owner, url_name)

    assert OPEN in html
    assert f"{DEADLINE}. 2 of your actions still need an update:" in html
    for action in plan.police_actions:
        assert f'href="{action.get_absolute_url()}">{action.reference}: ' in banner(html)
    assert plan.council_action.get_absolute_url() not in banner(html)


@pytest.mark.parametrize("url_name", ["actions:my_actions", "meetings:home"])
def test_it_says_nothing_of_a_round_when_none_is_open(client, plan, during, url_name):
    html = page(client, plan.police_owner, url_name)

    assert "govuk-notification-banner" not in html
    assert "update round" not in html


def test_it_says_nothing_once_the_meeting_has_passed(client, plan):
    plan.open_round()

    with time_machine.travel(at(datetime.date(2026, 3, 14), 10), tick=True):
        assert OPEN not in page(client, plan.police_owner, "actions:my_actions")


def test_an_officer_with_no_action_in_the_round_is_not_asked(client, plan, during):
    plan.open_round()

    assert OPEN not in page(client, plan.stranger, "meetings:home")
    assert OPEN not in page(client, plan.executive, "meetings:home")


def test_the_count_drops_once_an_action_is_updated(client, plan, during):
    plan.open_round()
    first, second = plan.police_actions
    record_update(first, plan.police_owner)

    html = page(client, plan.police_owner, "actions:my_actions")

    assert "1 of your actions still needs an update:" in html
    assert first.get_absolute_url() not in banner(html)
    assert second.get_absolute_url() in banner(html)

    record_update(second, plan.police_owner)
    html = page(client, plan.police_owner, "meetings:home")
    assert f"{OPEN}. All your actions in the round are updated." in html


def test_an_update_sent_back_counts_again_and_is_flagged_in_the_list(client, plan, during):
    update_round = plan.open_round()
    sent_back, other = plan.police_actions
    record_update(sent_back, plan.police_owner)
    record_update(other, plan.police_owner)
    send_back(update_round, sent_back, plan.manager)

    html = page(client, plan.police_owner, "actions:my_actions")

    assert "1 of your actions still needs an update:" in html
    assert f"{sent_back.reference}: " in banner(html)
    assert "(returned for more detail)" in banner(html)
    rows = html[html.index('<tbody class="govuk-table__body">') :].split("<tr ")
    (flagged,) = [row for row in rows if RETURNED in row]
    assert sent_back.get_absolute_url() in flagged
    assert f"The manager asked: “{COMMENT}”" in flagged


def test_the_flag_goes_once_the_owner_revises_the_update(client, plan, during):
    update_round = plan.open_round()
    action = plan.police_actions[0]
    record_update(action, plan.police_owner)
    send_back(update_round, action, plan.manager)
    record_update(action, plan.police_owner, "Custody figures for February: 41.")

    html = page(client, plan.police_owner, "actions:my_actions")

    assert RETURNED not in html
    assert COMMENT not in html


def test_a_long_comment_is_cut_short_in_the_list(client, plan, during):
    update_round = plan.open_round()
    action = plan.police_actions[0]
    record_update(action, plan.police_owner)
    as_read = selectors.action_return(update_round=update_round, action_pk=action.pk)
    comment = " ".join(f"word{n}" for n in range(40))
    services.return_check(
        update_round=update_round, action=as_read, user=plan.manager, update_id=as_read.return_id,
        decision=ReviewDecision.SENT_BACK, comment=comment,
    )  # fmt: skip

    html = page(client, plan.police_owner, "actions:my_actions")

    assert "The manager asked: “word0 word1" in html
    assert "word19 …”" in html
    assert "word20" not in html


@pytest.mark.parametrize("count", [5, 60])
def test_the_pages_run_the_same_queries_however_many_actions(
    client, plan, during, django_assert_num_queries, count
):
    update_round = plan.open_round()
    for n in range(count):
        action = ActionFactory(
            finding=plan.finding,
            reference=f"Q{n}",
            lead_agency=plan.police,
            lead_officer=plan.police_owner,
            target_date=plan.far_target,
        )
        record_update(action, plan.police_owner)
        if n % 2:
            send_back(update_round, action, plan.manager)
    client.force_login(plan.police_owner)

    # My actions' own queries (tests/actions/test_action_lists.py), then the round's three:
    # the open rounds, the officer's actions in this one, the send-backs on the listed page
    with django_assert_num_queries(10 + 3):
        client.get(reverse("actions:my_actions"))
    # The home page's own eight (session, user, the plans and their figures, savepoints),
    # then the banner's two: the open rounds, the officer's actions in this one
    with django_assert_num_queries(8 + 2):
        client.get(reverse("meetings:home"))


def test_a_send_back_to_the_lead_is_not_flagged_to_an_agency_that_only_supports_it(
    client, plan, during
):
    update_round = plan.open_round()
    supported = plan.council_action
    supported.supporting_agencies.add(plan.police)
    record_update(supported, plan.council_owner)
    send_back(update_round, supported, plan.manager)

    police = page(client, plan.police_owner, "actions:my_actions")
    council = page(client, plan.council_owner, "actions:my_actions")

    assert supported.get_absolute_url() in police  # listed, in the part their agency supports
    assert RETURNED not in police and COMMENT not in police
    assert RETURNED in council  # the lead's own officer is asked for the detail
