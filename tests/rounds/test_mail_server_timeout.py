import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
READ_TIMEOUT = (
    "import django; django.setup(); from django.core import mail; "
    "print(mail.mailers['default'].timeout)"
)


def smtp_timeout(**variables) -> str:
    env = {
        **{name: value for name, value in os.environ.items() if name != "EMAIL_TIMEOUT"},
        "DJANGO_SETTINGS_MODULE": "jtai.settings",
        "DJANGO_DEBUG": "true",
        "EMAIL_HOST": "smtp.example.org",
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", READ_TIMEOUT], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_service_gives_up_on_a_silent_mail_server_after_30_seconds():
    assert smtp_timeout() == "30"


def test_the_mail_server_timeout_comes_from_the_environment():
    assert smtp_timeout(EMAIL_TIMEOUT="7") == "7"
