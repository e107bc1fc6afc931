import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from audit.models import AuditEvent, EventKind
from partnerships.models import Partnership
from people.models import Role, User

ARGUMENTS = [
    "--name=Northbrook Safeguarding Children Partnership",
    "--local-area=Northbrook",
    "--manager-email=sam@northbrook.example.org",
    "--manager-username=sam.manager",
    "--manager-first-name=Sam",
    "--manager-last-name=Patel",
]


@pytest.mark.django_db
def test_the_site_operator_adds_a_partnership_whose_first_manager_is_invited(
    client, capsys, settings
):
    settings.SITE_URL = "http://testserver"
    call_command("add_partnership", *ARGUMENTS)

    partnership = Partnership.objects.get(slug="northbrook")
    sam = User.objects.get(username="sam.manager")
    assert (sam.partnership, sam.role) == (partnership, Role.MANAGER)
    assert "sent an invitation to sam@northbrook.example.org" in capsys.readouterr().out
    [message] = mail.outbox
    assert "The service's administrator has invited you" in message.body
    invited = AuditEvent.objects.get(kind=EventKind.INVITED)
    assert (invited.partnership, invited.username) == (
        partnership,
        "site operator (add_partnership)",
    )

    link = re.search(r"http://testserver(/account/invitation/\S+/)", message.body)[1]
    client.post(
        link, {"new_password1": "four long random words", "new_password2": "four long random words"}
    )
    assert client.get("/partnership/people/").status_code == 200


@pytest.mark.django_db
def test_a_taken_slug_or_username_is_refused_and_nothing_is_added(db):
    call_command("add_partnership", *ARGUMENTS)
    with pytest.raises(CommandError, match="slug"):
        call_command("add_partnership", *ARGUMENTS)
    with pytest.raises(CommandError, match="username"):
        call_command("add_partnership", *ARGUMENTS, "--slug=northbrook-2")
    assert Partnership.objects.count() == 1
