import pytest
from django.utils import timezone

from inspections.demo.loader import load_demo
from people.models import User


@pytest.fixture
def demo(db):
    """The demo partnerships as `manage.py load_demo` creates them, keyed by username."""
    load_demo(today=timezone.localdate())
    return {user.username: user for user in User.objects.select_related("partnership")}
