"""A newcomer's first run: bin/start on another port, and a mistyped address."""

import os
import stat
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import ActionFactory, UserFactory

START = Path(__file__).resolve().parent.parent / "bin" / "start"


def run_start(tmp_path, **env):
    """Runs bin/start with stand-ins for the set-up script and the virtualenv's python,
    which record the SITE_URL and arguments each command was given."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "scripts").mkdir()
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / "bin" / "start").write_text(START.read_text())
    (tmp_path / "scripts" / "setup-venv").write_text("#!/usr/bin/env bash\n")
    log = tmp_path / "log"
    (tmp_path / ".venv" / "bin" / "python").write_text(
        f'#!/usr/bin/env bash\necho "$SITE_URL $*" >> {log}\n'
    )
    for script in ("bin/start", "scripts/setup-venv", ".venv/bin/python"):
        path = tmp_path / script
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    subprocess.run([tmp_path / "bin" / "start"], env={**environment, **env}, check=True,
                   capture_output=True)  # fmt: skip
    return log.read_text().splitlines()


def test_bin_start_on_another_port_links_the_emails_to_that_port(tmp_path):
    commands = run_start(tmp_path, PORT="8123")

    assert commands[-1] == "http://127.0.0.1:8123 manage.py runserver 127.0.0.1:8123"
    # The demo is loaded, and its e-mails built, with the same SITE_URL.
    assert all(command.startswith("http://127.0.0.1:8123 ") for command in commands)


def test_bin_start_keeps_a_site_url_given(tmp_path):
    commands = run_start(tmp_path, SITE_URL="https://jtai.example.org")

    assert commands[-1] == "https://jtai.example.org manage.py runserver 127.0.0.1:8000"


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_a_signed_in_person_mistyping_an_address_gets_the_services_404(client):
    client.force_login(UserFactory())

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "<title>Page not found" in page
    assert "If you typed the web address, check it is correct." in page
    assert "Using the URLconf" not in page


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_another_partnerships_action_is_the_services_404(client):
    client.force_login(UserFactory())
    action = ActionFactory()  # another partnership's

    response = client.get(action.get_absolute_url())

    assert response.status_code == 404
    page = response.content.decode()
    assert "If you typed the web address, check it is correct." in page
    assert "Raised by" not in page
