import json
import uuid
from unittest import mock

import requests

from notifications.models import SentEmail

# Notify's API key is the key name, the service id and the secret, each a UUID or a word.
API_KEY = f"test-{uuid.uuid4()}-{uuid.uuid4()}"
TEMPLATE_ID = str(uuid.uuid4())


def notify_answer(*args, **kwargs):
    response = requests.Response()
    response.status_code = 201
    response._content = json.dumps({"id": str(uuid.uuid4())}).encode()
    return response


def test_round_emails_go_through_gov_uk_notify_when_its_key_is_set(plan, settings):
    settings.GOVUK_NOTIFY_API_KEY = API_KEY
    settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = TEMPLATE_ID
    settings.MAILERS = {"default": {"BACKEND": "django_gov_notify.backends.NotifyEmailBackend"}}

    with mock.patch.object(requests.Session, "request", side_effect=notify_answer) as http:
        plan.open_round()

    sent = [json.loads(call.kwargs["data"]) for call in http.call_args_list]
    assert {body["email_address"] for body in sent} == {
        plan.police_owner.email,
        plan.council_owner.email,
    }
    assert all(body["template_id"] == TEMPLATE_ID for body in sent)
    police = next(body for body in sent if body["email_address"] == plan.police_owner.email)
    assert police["personalisation"]["subject"].startswith("Update your 2 actions")
    assert f"/actions/{plan.police_actions[0].pk}/update/" in police["personalisation"]["body"]
    assert SentEmail.objects.count() == 2
