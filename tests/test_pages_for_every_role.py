"""Every page opens for every role with no server error."""

import pytest
from django.urls import reverse

from actions.models import Action
from inspections.models import Inspection
from tests.demo import DEMO_USERS as USERS


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERS)
def test_every_page_of_the_partnership_opens(client, demo, username):
    user = demo[username]
    client.force_login(user)
    urls = ["/", "/accessibility/", reverse("actions:my_actions")]
    for inspection in Inspection.objects.for_user(user):
        urls += [inspection.get_absolute_url()] + [
            reverse(name, args=[inspection.pk])
            for name in (
                "inspections:inspection_actions",
                "meetings:dashboard",
                "meetings:meeting_pack",
                "meetings:meeting_list",
                "statements:statement_preview",
            )
        ]
        urls.append(reverse("statements:statement_preview", args=[inspection.pk]) + "?progress=1")
        urls += [meeting.get_absolute_url() for meeting in inspection.plan.meetings.all()]
    urls += [a.get_absolute_url() for a in Action.objects.for_user(user)]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert user.get_full_name() in response.content.decode(), url
