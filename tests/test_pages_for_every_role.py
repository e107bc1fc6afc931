"""Every page opens for every role with no server error."""

import pytest

from actions.models import Action
from inspections.models import Inspection
from tests.demo import DEMO_USERS as USERS


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERS)
def test_every_page_of_the_partnership_opens(client, demo, username):
    user = demo[username]
    client.force_login(user)
    urls = ["/", "/accessibility/"]
    urls += [i.get_absolute_url() for i in Inspection.objects.for_user(user)]
    urls += [a.get_absolute_url() for a in Action.objects.for_user(user)]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert user.get_full_name() in response.content.decode(), url
