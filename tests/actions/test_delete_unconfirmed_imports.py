"""Plans uploaded and never confirmed are deleted after a day by a daily command; a manager
who comes back to one later is asked to upload it again."""

import datetime
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from spreadsheets.importers import plan_uploads_delete_unconfirmed
from tests.actions.plan_files import upload

PLAN = (
    b"Area for improvement,Action,Lead agency,Target date,Success measure\n"
    b"1,Agree a protocol.,Metropolitan Police,31/03/2027,Signed.\n"
)


def token_of(response) -> str:
    return response["Location"].rstrip("/").rsplit("/", 1)[1]


@pytest.mark.django_db
def test_the_command_deletes_uploads_older_than_a_day_and_keeps_the_others(client, plan):
    with time_machine.travel(timezone.now() - datetime.timedelta(hours=25), tick=False):
        old = token_of(upload(client, plan, "old.csv", PLAN))
        default_storage.save("imports/legacy-upload", ContentFile(b"a file kept before JSON"))
    recent = token_of(upload(client, plan, "recent.csv", PLAN))

    out = io.StringIO()
    call_command("delete_unconfirmed_imports", stdout=out)

    assert not default_storage.exists(f"imports/{old}.json")
    assert not default_storage.exists("imports/legacy-upload")
    assert default_storage.exists(f"imports/{recent}.json")
    assert out.getvalue().startswith("deleted ")
    assert out.getvalue().rstrip().endswith("unconfirmed imports")


@pytest.mark.django_db
def test_a_manager_coming_back_to_a_deleted_upload_is_asked_to_upload_it_again(client, plan):
    check_page = upload(client, plan, "plan.csv", PLAN)["Location"]
    plan_uploads_delete_unconfirmed(now=timezone.now() + datetime.timedelta(days=2))

    response = client.post(check_page, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "spreadsheets:plan_import", args=[plan.finding.plan.inspection.pk]
    )
    assert (
        "plan.csv was deleted because it was not imported within a day: upload it again"
        in response.content.decode()
    )
    assert plan.finding.actions.count() == 1
    assert client.get(check_page).status_code == 404  # and the session forgets it


@pytest.mark.django_db
def test_with_nothing_uploaded_the_command_deletes_nothing(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    out = io.StringIO()
    call_command("delete_unconfirmed_imports", stdout=out)
    assert out.getvalue() == "deleted 0 unconfirmed imports\n"
