import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.rag import RAG
from tests.factories import ActionFactory, AgencyFactory, UserFactory

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.mark.django_db
def test_an_action_past_its_target_date_is_overdue_even_if_its_owner_says_green():
    action = ActionFactory(rag=RAG.GREEN, target_date=TODAY() - DAY)
    assert action.is_overdue


@pytest.mark.django_db
def test_an_action_due_today_is_not_yet_overdue():
    assert not ActionFactory(rag=RAG.AMBER, target_date=TODAY()).is_overdue


@pytest.mark.django_db
def test_a_complete_action_is_never_overdue():
    assert not ActionFactory(rag=RAG.COMPLETE, target_date=TODAY() - 30 * DAY).is_overdue


@pytest.mark.django_db
def test_a_new_action_keeps_its_first_target_date_as_the_original():
    action = ActionFactory(target_date=datetime.date(2026, 3, 31))
    assert action.original_target_date == datetime.date(2026, 3, 31)
    assert not action.is_rebaselined

    action.target_date = datetime.date(2026, 9, 30)
    action.save()
    action.refresh_from_db()
    assert action.original_target_date == datetime.date(2026, 3, 31)
    assert action.is_rebaselined


@pytest.mark.django_db
def test_an_action_cannot_be_led_by_another_partnerships_agency():
    action = ActionFactory()
    action.lead_agency = AgencyFactory()  # a new partnership's agency
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "lead_agency" in error.value.message_dict


@pytest.mark.django_db
def test_an_action_cannot_be_led_by_another_partnerships_officer():
    action = ActionFactory()
    action.lead_officer = UserFactory()
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "lead_officer" in error.value.message_dict


def test_every_rag_status_has_a_definition_and_a_tag_colour():
    for status in RAG:
        assert status.definition
        assert status.tag_class.startswith("govuk-tag--")
    assert RAG.RED.severity > RAG.AMBER.severity > RAG.GREEN.severity > RAG.COMPLETE.severity
