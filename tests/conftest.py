import pytest
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.loader import load_demo
from people.models import User
from people.two_factor import OWES_CODE


@pytest.fixture
def demo(db):
    """The demo partnerships as `manage.py load_demo` creates them, keyed by username."""
    load_demo(today=timezone.localdate())
    return {user.username: user for user in User.objects.select_related("partnership")}


@pytest.fixture
def sign_in_with_two_factor(db):
    """Signs a person in as if they had typed their password and a right two-factor code,
    giving them an authenticator app first if they have none. Returns the app's device."""

    def sign_in(client, user) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.pop(OWES_CODE, None)
        session.save()
        return device

    return sign_in
