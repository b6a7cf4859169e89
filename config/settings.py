"""Settings for «Наставник». Everything that differs between machines comes from the
environment (see README, «Configuration»); defaults are safe for local development."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is false.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Before django.contrib.admin, whose registration/ templates would otherwise
    # replace our Russian password change and reset pages.
    "accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "core",
    "organizations",
    "people",
    "notifications",
    "reserve",
    "mentorships",
    "plans",
    "events",
    "internships",
    "consultations",
    "legal_acts",
    "competencies",
    "studies",
    "plan_reports",
    "attestation",
    "timeline",
    "reminders",
    "overview",
    "municipal_report",
    "agenda",
    "compliance",
    "imports",
    "api",
    "home",
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A query string with NUL, control or invisible characters: 400 (API: 422).
    "core.middleware.QueryStringMiddleware",
    # Every view needs a signed-in user unless marked `login_not_required`: sign-in,
    # password reset, the admin and the API (they check their callers themselves).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # 422 for a class-based view's form shown again with errors (core.forms.render_form
    # does it for the function views).
    "core.middleware.RefusedFormStatusMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# The benchmark (`make bench`): serves the bare reference view and counts SQL
# queries per request in an X-Bench-Queries header. Never on in production.
BENCH = env_bool("BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "bench.middleware.QueryCountMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# No "loaders": django-template-partials' app config then chains its loader around
# Django's cached loader, so templates are parsed once per process (in development
# too; runserver's autoreloader clears it when a template changes).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.navigation.navigation",
            ],
        },
    },
]

# SQLite by default (one file under var/); DATABASE_URL selects PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif not env_bool("DB_JIT", False):
    # PostgreSQL's JIT compiles a query it estimates costly (a count over
    # thousands of rows with correlated subqueries, such as the compliance
    # table's status filters) for seconds before running it in milliseconds:
    # short page queries gain nothing from it (docs/benchmarks.md, «Compliance»).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Tomsk")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# No URL pattern serves MEDIA_URL: uploads are served only through views that check
# scope (FileResponse).
MEDIA_URL = "/media/"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
IMPORT_MAX_FILE_SIZE = env_int("IMPORT_MAX_FILE_SIZE", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 10000)
# A running import whose worker has not reported for this long (seconds) was
# stopped (killed, or its server went down): its page says so and it is failed.
IMPORT_STALLED_AFTER = env_int("IMPORT_STALLED_AFTER", 600)
# The same for a municipality's report (a sheet takes seconds), and how many of a
# user's reports (with their workbooks) are kept when they ask for a new one.
MUNICIPAL_REPORT_STALLED_AFTER = env_int("MUNICIPAL_REPORT_STALLED_AFTER", 600)
MUNICIPAL_REPORT_KEEP_JOBS = env_int("MUNICIPAL_REPORT_KEEP_JOBS", 10)
# What an import's .xlsx (a zip archive) may unpack to: the sheets, strings and
# styles together. 10,000 rows of the templates' columns unpack to a few MB.
IMPORT_MAX_UNPACKED_SIZE = env_int("IMPORT_MAX_UNPACKED_SIZE", 50 * 1024 * 1024)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnik@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# "default" holds the callers' roles and scope (accounts.permissions.principal),
# the login limits (accounts.throttling) and the API's rate-limit counts. Without
# CACHE_URL it is per process (LocMem): right for one process, but every gunicorn
# worker then counts the limits apart. CACHE_URL (redis://host:6379/0) shares it
# between the workers and servers. A cached role never goes stale either way: its
# key holds the account's access version, read with the account.
# "imports": the rows done of a running import, written by the task worker and read
# by the web processes (imports/progress.py); both must share it, as they share the
# uploaded files under VAR_DIR.
CACHE_URL = env_str("CACHE_URL")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    DEFAULT_CACHE: dict = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "nastavnik",
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss:// or unix://, not {CACHE_URL!r}."
    )
else:
    DEFAULT_CACHE = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
CACHES = {
    "default": DEFAULT_CACHE,
    "imports": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("IMPORT_PROGRESS_DIR", str(VAR_DIR / "import-progress")),
    },
}

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images, fonts and requests
# from this site only; no inline script or style (htmx's own indicator style is
# off in base.html's htmx-config; app.css has it). `data:` images for the icons
# that the API docs' stylesheet embeds.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

API_TOKEN_TTL_HOURS = env_int("API_TOKEN_TTL_HOURS", 24 * 30)
# Password guessing: token requests allowed per client address, as n/period
# (s, min, hour, day). The counts live in the cache.
API_TOKEN_RATE = env_str("API_TOKEN_RATE", "10/min")
# The client address of the login limits and of API_TOKEN_RATE (core.http.
# client_address): behind a proxy, the entry the proxy appended to X-Forwarded-For;
# REMOTE_ADDR otherwise (a client could write any X-Forwarded-For).
NUM_PROXIES = 1 if env_bool("BEHIND_PROXY", False) else 0
NINJA_NUM_PROXIES = NUM_PROXIES
# Failed logins (HTML and API token) from one client address, whatever the
# usernames, before the address is refused for 15 minutes (accounts.throttling).
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)

NINJA_PAGINATION_PER_PAGE = 50
# /api/v1/docs and /api/v1/openapi.json for anyone (development), or only for a
# signed-in user (production: they map every endpoint).
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}
