"""Settings for the test suite: the production settings with the slow or network parts swapped."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-never-used-outside-the-test-suite")

from jtai.settings import *  # noqa: E402,F403
from jtai.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

SECURE_SSL_REDIRECT = False
# Hashed static storage needs collectstatic first; tests serve files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

# django-zeal raises on any N+1 query a test's request makes.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
