import datetime

import pytest
from django.urls import reverse

from actions import selectors, services
from tests.actions.test_edit_conflict import edit_data


@pytest.mark.django_db
def test_the_history_records_who_changed_which_field_from_what_to_what(client, plan):
    services.progress_update_record(
        action=plan.action,
        author=plan.police_owner,
        rag="red",
        narrative="Vacancy.",
        rag_change_reason="Post vacant.",
        expected_version=plan.action.version,
    )
    client.force_login(plan.manager)
    later = plan.action.target_date + datetime.timedelta(days=30)
    client.post(
        reverse("actions:action_edit", args=[plan.action.pk]),
        edit_data(
            plan.action,
            plan.action.version,
            description="Reworded action.",
            target_date_0=later.day,
            target_date_1=later.month,
            target_date_2=later.year,
            target_date_change_reason="Approved by the executive.",
        ),
    )

    plan.action.refresh_from_db()
    history = selectors.action_history(action=plan.action)

    assert [entry.who for entry in history][:2] == [str(plan.manager), str(plan.police_owner)]
    edit, update = history[0], history[1]
    assert ("RAG status", "Green", "Red") in [(c.field, c.old, c.new) for c in update.changes]
    fields = {c.field: (c.old, c.new) for c in edit.changes}
    assert fields["Action"] == ("Review demand in the missing persons unit.", "Reworded action.")
    # The move says why beside it, not as a second change of its reason.
    assert fields["Target date"][1] == f"{later:%-d %B %Y}, because: Approved by the executive."
    assert "Target date change reason" not in fields
    assert history[-1].kind == "Created"

    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Change history" in page
    assert "Reworded action." in page
    assert "Approved by the executive." in page
