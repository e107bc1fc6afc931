"""The checks a fresh clone must pass: migrations match the models, and production settings
pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_the_deployment_checklist():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jtai.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-production-like-secret-key-long-and-random-0123456789-abcdefghij",
        "DJANGO_ALLOWED_HOSTS": "plans.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "SITE_URL": "https://plans.example.org",
    }
    result = deploy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def deploy_check(env):
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_checklist_warns_when_e_mails_would_link_to_localhost():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jtai.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "a-production-like-secret-key-long-and-random-0123456789-abcdefghij",
        "DJANGO_ALLOWED_HOSTS": "plans.example.org",
    }
    env.pop("SITE_URL", None)
    result = deploy_check(env)
    assert result.returncode != 0
    assert "people.W001" in result.stderr + result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jtai.settings", "DJANGO_DEBUG": "false"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
