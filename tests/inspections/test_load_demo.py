import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from actions.models import Action, Finding, ProgressUpdate
from actions.rag import RAG
from inspections.models import Inspection
from partnerships.models import Agency, Partnership
from people.models import User
from tests.demo import DEMO_USERS

LETTER = Path(__file__).parent.parent / "fixtures" / "lewisham-jtai-letter-2023-01-31.txt"


def what_needs_to_improve_in_the_letter() -> list[str]:
    text = LETTER.read_text()
    section = text.split("What needs to improve?")[1].split("Strengths")[0]
    return re.findall(r"^- (.+)$", section, flags=re.MULTILINE)


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        model.__name__: sorted(map(str, model.objects.values_list()))
        for model in (Partnership, Agency, User, Inspection, Finding, Action, ProgressUpdate)
    }


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_holds_the_lewisham_letters_eight_findings_verbatim():
    load()

    inspection = Inspection.objects.get(partnership__slug="lewisham")
    findings = list(inspection.plan.findings.values_list("text", flat=True))
    assert len(findings) == 8
    assert findings == what_needs_to_improve_in_the_letter()


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_inspection_has_the_letters_dates_inspectorates_and_addressees():
    load()

    inspection = Inspection.objects.get(partnership__slug="lewisham")
    assert str(inspection.onsite_start) == "2022-11-21"
    assert str(inspection.onsite_end) == "2022-11-25"
    assert str(inspection.letter_date) == "2023-01-31"
    assert str(inspection.statement_due) == "2023-05-11"
    assert sorted(inspection.inspectorates.values_list("short_name", flat=True)) == [
        "CQC",
        "HMICFRS",
        "Ofsted",
    ]
    assert inspection.principal_authority == "London Borough of Lewisham"
    assert len(inspection.addressee_list) == 5
    assert "Sir Mark Rowley, Commissioner of the Metropolitan Police Service" in (
        inspection.addressee_list
    )
    assert inspection.headline_findings.startswith("Lewisham's Safeguarding Children Partnership")


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_the_demo_plan_is_realistic_enough_to_show_every_status():
    load()

    actions = Action.objects.filter(finding__plan__partnership__slug="lewisham")
    for finding in Finding.objects.filter(plan__partnership__slug="lewisham"):
        assert 2 <= finding.actions.count() <= 4
    assert {a.rag for a in actions} == set(RAG.values)
    assert any(a.is_overdue for a in actions)
    assert any(not a.is_overdue and not a.is_complete for a in actions)
    assert any(a.is_rebaselined for a in actions)
    assert ProgressUpdate.objects.filter(action__in=actions).dates("date", "month").count() >= 2


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_every_demo_user_can_sign_in_with_the_demo_password():
    load()

    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.check_password("demo-password"), username
        assert user.partnership.slug == (
            "northbrook" if username == "other.manager" else "lewisham"
        )


@override_settings(DEBUG=True)
@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    load()
    before = snapshot()

    load()

    assert snapshot() == before


@override_settings(DEBUG=False)
@pytest.mark.django_db
def test_the_demo_refuses_to_load_on_a_live_site_without_force():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")
    assert not Partnership.objects.exists()

    load("--force")
    assert Partnership.objects.count() == 2
