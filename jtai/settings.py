"""Settings for the JTAI action-plan service, read from the environment.

Every value a deployment changes comes from an environment variable (see README,
"Production"); the defaults suit a developer's machine with SQLite.
"""

import datetime
import importlib.util
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (a long random string), or DJANGO_DEBUG=true for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "partnerships.admin_site.SiteOperatorAdminConfig",  # django.contrib.admin, operators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "govuk",
    "partnerships",
    "notifications",
    "inspections",
    "people",
    "actions",
    "impact",
    "audit",
    "meetings",
    "statements",
    "spreadsheets",
    "rounds",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks whether this session has passed two-factor authentication (request.user.is_verified).
    "django_otp.middleware.OTPMiddleware",
    # Keeps a person who owes a two-factor code, or must set it up, on those pages.
    "people.two_factor.TwoFactorGateMiddleware",
    "people.sessions.IdleTimeoutMiddleware",
    # A form posted after the session ended is kept for after signing in again.
    "people.sessions.KeepFormAfterTimeoutMiddleware",
    # Every page needs a signed-in user unless its view says @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # With DEBUG on, a signed-in person's 404 is the service's page, not Django's URL list.
    "govuk.errors.ServiceNotFoundInDebugMiddleware",
    # Records who made each change the admin makes, in the actions' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: refuses sign-in to a locked username.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jtai.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "actions.context_processors.rag",
                "people.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "jtai.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inspections:landing"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        # NCSC guidance favours length over complexity rules.
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Evidence files. Never served from a public URL: only through the evidence view,
# which checks the person's partnership.
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# E-mail goes out through GOV.UK Notify when its API key is set, else through SMTP when
# EMAIL_HOST is set; otherwise it is printed on the console.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="JTAI action plans <noreply@localhost>")
GOVUK_NOTIFY_API_KEY = env.str("GOVUK_NOTIFY_API_KEY", default="")
if GOVUK_NOTIFY_API_KEY:
    # Notify sends through one template whose subject is ((subject)) and body ((body)).
    GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env.str("GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID")
    MAILERS = {"default": {"BACKEND": "django_gov_notify.backends.NotifyEmailBackend"}}
elif env.str("EMAIL_HOST", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST"),
                "port": env.int("EMAIL_PORT", default=587),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=True),
                # A mail server that stops answering must not hold a page or a run for ever.
                "timeout": env.int("EMAIL_TIMEOUT", default=30),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Security headers. No inline script anywhere, so the policy needs no nonce for scripts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Sessions end after this long without a request (people.sessions restarts the clock).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60

# Where people reach the service: e-mails carry absolute links from it. bin/start sets it
# to the port it serves on.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked username before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "people.backends.PersonBackend",
]

# Sign-in protection: after SIGN_IN_FAILURE_LIMIT failures for a username from one address,
# that username is locked there for SIGN_IN_LOCKOUT_MINUTES. Never by address alone: a
# whole council office shares one address, and one person's typos must not lock out the rest.
AXES_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Across every address: after SIGN_IN_ACCOUNT_FAILURE_LIMIT failures for one username within
# SIGN_IN_ACCOUNT_LOCKOUT_MINUTES, wherever they came from, it is locked at every address for
# that long, or until its password is reset by e-mail (people.sign_in_limits, which says
# why this is not a second axes parameter group).
SIGN_IN_ACCOUNT_FAILURE_LIMIT = env.int("SIGN_IN_ACCOUNT_FAILURE_LIMIT", default=20)
SIGN_IN_ACCOUNT_LOCKOUT = datetime.timedelta(
    minutes=env.int("SIGN_IN_ACCOUNT_LOCKOUT_MINUTES", default=60)
)
# Password reset links: at most this many e-mailed to one address in an hour, and at most
# this many requests from one client address in an hour, whatever addresses they name.
PASSWORD_RESET_EMAIL_LIMIT = env.int("PASSWORD_RESET_EMAIL_LIMIT", default=3)
PASSWORD_RESET_CLIENT_LIMIT = env.int("PASSWORD_RESET_CLIENT_LIMIT", default=20)
AXES_LOCKOUT_CALLABLE = "people.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "people.backends.username_for_lockout"
# The client's address comes from REMOTE_ADDR, which a client cannot forge. Behind
# DJANGO_PROXY_COUNT trusted proxies, from X-Forwarded-For as those proxies set it.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
if PROXY_COUNT:
    # Without django-ipware, axes reads REMOTE_ADDR whatever these say: every client would
    # have the proxy's address, and share its lock-outs and password reset limits.
    if importlib.util.find_spec("ipware") is None:
        raise ImproperlyConfigured(
            "DJANGO_PROXY_COUNT needs django-ipware: pip install 'django-axes[ipware]'"
        )
    # ipware counts the proxies named in X-Forwarded-For; the nearest is REMOTE_ADDR, not
    # named there. So the client is the entry PROXY_COUNT from the right, which the nearest
    # proxy wrote: entries further left are whatever the client sent.
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    # Not strict: a client that sends its own X-Forwarded-For lengthens the list, and must
    # still be known by the address its nearest proxy wrote, not fall back to REMOTE_ADDR.
    IPWARE_STRICT = False
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Two-factor authentication (people.two_factor): the name authenticator apps show.
OTP_TOTP_ISSUER = "JTAI action plans"
