"""Knutepunkt settings: the one settings module.

Every value that differs between machines is read from the environment here and
nowhere else (README.md, "Settings", lists each one). ``KNUTEPUNKT_ENVIRONMENT``
picks safe defaults for the whole group: ``production`` (the default, so a
forgotten variable never opens a hole), ``demo`` (the local demo site served by
``make demo``) or ``test``.
"""

from __future__ import annotations

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
ENVIRONMENT: str = env.str("KNUTEPUNKT_ENVIRONMENT", default="production")
if ENVIRONMENT not in {"production", "demo", "test"}:
    raise environ.ImproperlyConfigured(
        f"KNUTEPUNKT_ENVIRONMENT must be production, demo or test, not {ENVIRONMENT!r}"
    )
IS_PRODUCTION = ENVIRONMENT == "production"

# Local runs keep their database, uploads and e-mail outbox under var/, outside the web root.
VAR_DIR = Path(env.str("KNUTEPUNKT_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG: bool = env.bool("KNUTEPUNKT_DEBUG", default=ENVIRONMENT == "demo")
if IS_PRODUCTION:
    SECRET_KEY: str = env.str("KNUTEPUNKT_SECRET_KEY")
else:
    # Demo and test keys sign nothing of value; production has no default at all.
    SECRET_KEY = env.str("KNUTEPUNKT_SECRET_KEY", default="insecure-local-key-" + "x" * 40)
ALLOWED_HOSTS: list[str] = env.list(
    "KNUTEPUNKT_ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS: list[str] = env.list("KNUTEPUNKT_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "knutepunkt.core",
    "knutepunkt.tenancy",
    "knutepunkt.people",
    "knutepunkt.access",
    "knutepunkt.audit",
    "knutepunkt.coordination",
    "knutepunkt.intake",
    "knutepunkt.complaints",
    "knutepunkt.directory",
    "knutepunkt.consent",
    "knutepunkt.notifications",
    "knutepunkt.plans",
    "knutepunkt.meetings",
    "knutepunkt.portal",
    "knutepunkt.guidance",
    "knutepunkt.reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "knutepunkt.core.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the final user and response: axes must wrap authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "knutepunkt.urls"
WSGI_APPLICATION = "knutepunkt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "knutepunkt" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knutepunkt.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite under var/ is the embedded default; DATABASE_URL points at PostgreSQL in production
# and CI. Every query must run on both.
# An empty DATABASE_URL counts as unset, so `DATABASE_URL= make test` means "SQLite".
DATABASES = {
    "default": environ.Env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'knutepunkt.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web server and task worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("KNUTEPUNKT_DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: every query here is a page's or an export's, done in milliseconds,
    # and compiling took longer than running (356 ms of a 596 ms statistics query at national
    # scale, 175 ms per worklist query at municipality scale; see bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENVIRONMENT == "test":
    # Argon2 is deliberately slow; the test suite creates hundreds of users.
    PASSWORD_HASHERS.insert(0, "django.contrib.auth.hashers.MD5PasswordHasher")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Staff must prove a second factor (TOTP) when this is on; the demo leaves it off.
REQUIRE_2FA: bool = env.bool("KNUTEPUNKT_REQUIRE_2FA", default=IS_PRODUCTION)
OTP_TOTP_ISSUER = "Knutepunkt"

AXES_FAILURE_LIMIT = env.int("KNUTEPUNKT_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED: bool = env.bool("KNUTEPUNKT_AXES_ENABLED", default=True)
# Usernames in axes' log lines would be personal data in a log file; keep them out.
AXES_VERBOSE = False

# --- Performance measurements (make bench) ---------------------------------------------------
# BENCH adds the bare baseline view; only with it on may the access log be switched off, so the
# bench can measure what the log costs. No deployment can turn the log off.
BENCH: bool = env.bool("KNUTEPUNKT_BENCH", default=False)
ACCESS_LOG_ENABLED: bool = env.bool("KNUTEPUNKT_BENCH_ACCESS_LOG", default=True) if BENCH else True
# Off: a read's log entry commits without waiting for the disk (ADR 0011); on: every entry does.
ACCESS_LOG_DURABLE_READS: bool = env.bool("KNUTEPUNKT_ACCESS_LOG_DURABLE_READS", default=False)

# OpenID Connect (ID-porten for families, Entra ID for staff): off unless configured.
OIDC_RP_CLIENT_ID: str = env.str("KNUTEPUNKT_OIDC_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET: str = env.str("KNUTEPUNKT_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT: str = env.str("KNUTEPUNKT_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT: str = env.str("KNUTEPUNKT_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT: str = env.str("KNUTEPUNKT_OIDC_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT: str = env.str("KNUTEPUNKT_OIDC_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env.str("KNUTEPUNKT_OIDC_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("KNUTEPUNKT_OIDC_SCOPES", default="openid email profile")
    # ID-porten gives the national ID in the "pid" claim: family members are found by it.
    OIDC_NATIONAL_ID_CLAIM: str = env.str("KNUTEPUNKT_OIDC_NATIONAL_ID_CLAIM", default="")
    # Only users who already exist (invited or provisioned) may sign in: OIDC never creates staff.
    OIDC_CREATE_USER = False
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "knutepunkt.core.oidc.KnutepunktOIDCBackend")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
    ("is", _("Icelandic")),
]
# jurisdictions/ is plain Python, not an installed app, so Django would not find its catalogue.
LOCALE_PATHS = [BASE_DIR / "knutepunkt" / "locale", BASE_DIR / "knutepunkt" / "jurisdictions" / "locale"]
USE_I18N = True
# English dates as "4 Dec 2026", not Django's 12/04/2026 (knutepunkt/formats/en).
FORMAT_MODULE_PATH = ["knutepunkt.formats"]
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "knutepunkt" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded documents live outside any served directory and are never given a MEDIA_URL:
# they are only ever streamed by access-checked views.
PRIVATE_FILES_DIR = Path(env.str("KNUTEPUNKT_PRIVATE_FILES_DIR", default=str(VAR_DIR / "private")))
MAX_UPLOAD_BYTES: int = env.int("KNUTEPUNKT_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND: str = env.str(
    "KNUTEPUNKT_EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.smtp.EmailBackend"
        if IS_PRODUCTION
        else "django.core.mail.backends.filebased.EmailBackend"
    ),
)
EMAIL_FILE_PATH = VAR_DIR / "outbox"
EMAIL_HOST: str = env.str("KNUTEPUNKT_EMAIL_HOST", default="localhost")
EMAIL_PORT: int = env.int("KNUTEPUNKT_EMAIL_PORT", default=25)
EMAIL_HOST_USER: str = env.str("KNUTEPUNKT_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD: str = env.str("KNUTEPUNKT_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS: bool = env.bool("KNUTEPUNKT_EMAIL_USE_TLS", default=IS_PRODUCTION)
DEFAULT_FROM_EMAIL: str = env.str("KNUTEPUNKT_FROM_EMAIL", default="Knutepunkt <noreply@knutepunkt.invalid>")

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env.str(
            "KNUTEPUNKT_TASK_BACKEND",
            default=(
                "django_tasks.backends.immediate.ImmediateBackend"
                if ENVIRONMENT == "test"
                else "django_tasks_db.DatabaseBackend"
            ),
        ),
    }
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = IS_PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("KNUTEPUNKT_SESSION_SECONDS", default=8 * 60 * 60)
CSRF_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT: bool = env.bool("KNUTEPUNKT_SSL_REDIRECT", default=IS_PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if IS_PRODUCTION else None
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if IS_PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_HSTS_PRELOAD = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- Logging --------------------------------------------------------------------------------
# Log lines never carry national IDs or names; see knutepunkt/core/logging.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "knutepunkt.core.logging.RedactNationalIdsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env.str("KNUTEPUNKT_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# --- Knutepunkt -----------------------------------------------------------------------------
# The site says which municipality's data a person works with; a national ID never leaves
# the database except masked (see people.models.mask_national_id).
DEMO_LOGIN_HINT: bool = ENVIRONMENT == "demo"
