"""Settings for Tarjeta Azul, read from the environment (one module for every deployment)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The fallback key only exists so the demo and the tests start with no set-up; production must set SECRET_KEY.
INSECURE_SECRET_KEY = "insecure-demo-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

# --- Security ---------------------------------------------------------------------------------------------------
# HTTPS=true is what makes a deployment production: the demo and the tests run on plain http://127.0.0.1, where secure
# cookies and a redirect to https would lock everyone out.
HTTPS = env_bool("HTTPS", False)
if HTTPS and SECRET_KEY == INSECURE_SECRET_KEY:
    raise ImproperlyConfigured("HTTPS is on but SECRET_KEY is the demo key: set SECRET_KEY to a long random value.")
SECURE_SSL_REDIRECT = HTTPS
# Load balancers check health over plain http inside the network; a redirect would read as an outage.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# A year, this host and its subdomains. "preload" only consents to browsers' preload lists: nothing is listed until the
# apex domain's owner submits it at hstspreload.org. HSTS_SECONDS=0 turns HSTS off (say, while trying HTTPS out).
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# How many proxies (load balancer, reverse proxy) stand in front of the application and set X-Forwarded-Proto and
# append to X-Forwarded-For. Those headers come from the client when nothing strips them: trusted only when set.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Not CSRF_COOKIE_HTTPONLY: the match sheet's script reads the token from the cookie (static/js/sheet.js).
# Full origins ("https://tarjeta.example.pe"): only needed when a form is posted from another host name.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Login throttling (config/login.py): failed logins allowed per username and per client address within the window;
# at the limit, logins stop for a whole window, even with the right password.
LOGIN_FAILURES_PER_USERNAME = 5
LOGIN_FAILURES_PER_ADDRESS = 20
LOGIN_FAILURE_WINDOW = 15 * 60

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tables2",
    "django_filters",
    "leagues",
    "fairplay",
    "referees",
    "certificates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out compressed (a first visit on a phone: ~25 KB instead of ~90); static files are served above,
    # already compressed by WhiteNoise. The CSRF token is masked differently in every response (no BREACH oracle).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.SpanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'tarjeta_azul.sqlite3'}",
        # Connections kept a minute: opening one costs more than most requests (measured in `bench sheets`).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets public readers keep reading while the office or a referee writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Starting parallel workers costs milliseconds: a page's small queries (a category's fair-play table) ran twice as
    # slow with them (`bench fairplay`); a whole country's tables still get them.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c parallel_setup_cost=10000")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Lima")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# collectstatic writes a gzip copy of each file beside it and WhiteNoise serves it to browsers that accept it.
# (Not the Manifest variant: the tests and the demo's runserver do not run collectstatic first.)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads (the organizers' logos printed on certificates).
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only permission-checked views hand out (certificate batches hold minors' names): never under MEDIA_ROOT.
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", BASE_DIR / "var"))
# Where `manage.py backup` writes (see docs/backups.md); never under MEDIA_ROOT, which the web server publishes.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
# Certificate batches: "thread" runs them beside the web process (the demo needs nothing more), "worker" leaves them to
# `python manage.py run_batches` (a deployment's worker process).
CERTIFICATE_BATCHES = os.environ.get("CERTIFICATE_BATCHES", "thread")

# Messages live in the session, not a cookie: a new password shown once to the office must not travel in one.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Public pages are cached (see leagues/cache.py). Redis when REDIS_URL is set, so that several application servers
# share one cache and one invalidation; each process's own memory otherwise (the demo, the tests, one server).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tarjeta-azul"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tarjeta-azul",
            # Pages × languages × query strings: the default 300 entries would evict a busy Saturday's tables.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "referees:home"
LOGOUT_REDIRECT_URL = "leagues:home"

DJANGO_TABLES2_TEMPLATE = "django_tables2/semantic.html"
