"""Settings shared by every environment. Environment-specific files import from here."""

import hashlib
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "solidair"
VAR_DIR = Path(env("SOLIDAIR_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY", "insecure-local-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

# The network's own apps, in dependency order: later apps may use earlier ones.
SOLIDAIR_APPS = [
    "solidair.core",
    "solidair.places",
    "solidair.accounts",
    "solidair.documents",
    "solidair.campaigns",
    "solidair.charter",
    "solidair.network",
    "solidair.volunteers",
    "solidair.opendata",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "ninja",  # its Swagger UI files, served from here (the API docs at /api/v1/docs)
    *SOLIDAIR_APPS,
]

MIDDLEWARE = [
    "solidair.core.middleware.SecurityHeadersMiddleware",  # first: sees every final response
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Counts what the API had to build (not what the caches answered, nor 304s).
    "solidair.core.middleware.ApiRateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "solidair.core.middleware.ApiErrorsMiddleware",  # after Locale: API language, JSON errors
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # allauth's UserSessionsMiddleware, writing "last seen" at most once a minute.
    "solidair.accounts.middleware.UserSessionsMiddleware",
    # After authentication: a signed-in person without two-factor goes to its setup first.
    "solidair.accounts.middleware.RequireTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "solidair.core.pagecache.PublicPageCacheMiddleware",  # needs the resolved URL name
    # After the page cache: it keeps French pages already elided ("Ville d’Anvers").
    "solidair.core.french.FrenchElisionMiddleware",
    "solidair.core.apicache.ApiCacheMiddleware",  # after the page cache
    # Last: a client over the API's limit gets 429 only for what the caches could not answer.
    "solidair.core.middleware.ApiRateLimitRefusalMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our templates live in each app; this folder only overrides third-party ones.
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "solidair.core.context_processors.site",
            ],
        },
    },
]
# One form style across the site: label, hint, error beside the field (solidair/core/forms.py).
FORM_RENDERER = "solidair.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'solidair.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# WAL lets readers and one writer work at once; the timeout waits for a lock instead of failing.
# (The tests open a file copy of their in-memory database with these too, to share it between
# threads: solidair.core.testing.database_shared_by_threads.)
SQLITE_OPTIONS = {
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, reading the user with whether they have TOTP in one query.
    "solidair.accounts.backends.ModelBackend",
    "solidair.accounts.backends.AuthenticationBackend",
    # Sessions signed in before name these: they keep working.
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Nederlands")),
    ("fr", _("Français")),
    ("en", _("English")),
    ("de", _("Deutsch")),
]
# Each app keeps its own catalogue in solidair/<app>/locale (found by Django automatically).
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
# Uploaded files are private: stored outside the web root, served only through permission checks.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "") == "true"
EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL",
                         "Solidaire Gemeenten <noreply@solidaire-gemeenten.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Without Redis, one cache in files under var/ shared by every process of this machine: the web
# workers, the task worker and the daily commands see each other's changes (a cache in each
# process's memory kept a page part up to an hour after another process changed its data).
# Keyed by the database, so two sites on one machine (the screenshots' own) never mix.
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(VAR_DIR / "cache"),
    "KEY_PREFIX": hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()[:12],
    "OPTIONS": {"MAX_ENTRIES": 20000},
}}
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Several app servers share one Redis: cache, cached pages, rate limits and sessions.
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": env("CACHE_KEY_PREFIX", "solidair")}}
    # Sessions read from Redis, written through to the database: a Redis restart signs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Anonymous pages served from the cache (see solidair.core.pagecache): URL name -> topics,
# placeholders filled from the URL. Off here (PAGE_CACHE_PAGES); production.py turns on
# PAGE_CACHE_PUBLIC_PAGES. Topics: "public" (every page with data: reference data, the
# charter's activities, any change without a rule of its own), "municipality:{nis}" (one
# municipality's page and API detail), "municipalities" (every list of municipalities: home
# counts, directory, map, API list), "members" (the members' table), "practices" (the good
# practices' list and search), "meetings" (the meetings attended, on every municipality page),
# "commitments" (the members' commitments with their evidence and figures: the API's export).
PAGE_CACHE_PUBLIC_PAGES = {
    "places:home": ["public", "municipalities"],
    "places:directory": ["public", "municipalities"],
    "places:municipality": ["public", "municipality:{nis}", "meetings"],
    "places:credits": [],
    "places:map": ["public", "municipalities"],
    "places:map_svg": ["public", "municipalities"],
    "charter:members": ["public", "municipalities", "members"],
    "charter:commitment": ["public", "municipality:{nis}"],
    "network:practices": ["public", "practices"],
}
PAGE_CACHE_PAGES: dict[str, list[str]] = {}
# The query parameters a cached page may be kept for (each combination is a page of its
# own); a request with any other parameter is rendered and not kept.
PAGE_CACHE_PARAMETERS = {
    "places:directory": ["q", "province", "status"],
    "places:map": ["province", "status"],
    "places:map_svg": ["province", "status", "links"],
    "charter:members": ["province", "activity", "sort"],
    "network:practices": ["q", "activity", "province", "region", "year", "page"],
}
# A page is fresh this long, then rendered again by one request. What officers and
# coordinators change (status, commitments, practices, meetings) shows at once; what residents
# do all day (signatures, volunteer offers) only changes counters, which may lag by
# PAGE_CACHE_SECONDS rather than emptying pages at every signature.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))
# After that (or after a change) the previous version is kept this long, to answer the other
# visitors while one request renders the new one.
PAGE_CACHE_STALE_SECONDS = int(env("PAGE_CACHE_STALE_SECONDS", "600"))
# What a save or delete invalidates: "app.Model" or else "app" -> topics, with {field} or
# {relation.field} filled from the row. A model without an entry of its own invalidates its
# app's; an app without an entry (campaigns' signatures, volunteers' offers) nothing.
_MUNICIPALITY_OF_PRACTICE = ["municipality:{practice.municipality_id}", "practices"]
PAGE_CACHE_INVALIDATED_BY = {
    "places": ["public"],  # regions, provinces: reference data
    "places.Municipality": ["municipality:{nis}", "municipalities", "members"],
    "places.StatusChange": ["municipality:{municipality_id}", "municipalities", "members"],
    "places.PostalCode": ["municipality:{municipality_id}", "municipalities"],
    "places.LegacyMunicipality": ["municipality:{successor_id}", "municipalities"],
    "charter": ["public"],  # the charter and its activities, council terms, figures
    "charter.Application": ["municipality:{municipality_id}", "members"],
    "charter.ReviewEvent": ["municipality:{application.municipality_id}"],
    "charter.Commitment": ["municipality:{application.municipality_id}", "members",
                           "commitments"],
    "charter.EvidenceLink": ["municipality:{commitment.application.municipality_id}",
                             "commitments"],
    "charter.Membership": ["municipality:{municipality_id}", "members"],
    "charter.TermConfirmation": ["municipality:{municipality_id}"],
    "charter.YearlyReport": ["municipality:{municipality_id}"],
    "charter.CommitmentReport": ["municipality:{report.municipality_id}", "commitments"],
    # Renewals by a new council: on the commitment's page, the municipality's, the export.
    "charter.CommitmentRenewal": ["municipality:{commitment.application.municipality_id}",
                                  "commitments"],
    "charter.Reminder": [],
    # Confirmations and contests: most writes are unconfirmed or unpublished texts, shown
    # nowhere; charter.services invalidates the municipality (and the commitments export) when
    # a published one changes.
    "charter.CommitmentFeedback": [],
    "network": ["public"],
    "network.GoodPractice": ["municipality:{municipality_id}", "practices"],
    "network.PracticeActivity": _MUNICIPALITY_OF_PRACTICE,
    "network.PracticeTranslation": _MUNICIPALITY_OF_PRACTICE,
    "network.PracticePhoto": _MUNICIPALITY_OF_PRACTICE,
    "network.Meeting": ["meetings"],
    "network.Registration": ["meetings"],
    # Shown on pages that are not cached.
    "network.Brochure": [],
    "network.Recommendation": [],
    "network.RecommendationEvent": [],
    "network.Addressee": [],
    "network.Partner": [],
    "campaigns.CouncilAnswer": ["municipality:{municipality_id}"],
    "campaigns.CampaignSettings": ["municipality:{municipality_id}"],
    # A digest sent: its number and fingerprint on the page, an event in the timeline.
    "campaigns.Delivery": ["municipality:{municipality_id}"],
    # Paper signatures count at once on the page, the lists' counters and the API.
    "campaigns.PaperBatch": ["municipality:{municipality_id}", "municipalities"],
    "volunteers.VolunteerNeed": ["municipality:{municipality_id}"],
}

# Answers of the read-only API kept until their data changes (see solidair.core.apicache):
# URL name -> (page-cache topics, seconds at most; None: until the data changes). The detail
# shows signature counts, which change without invalidating its topic: kept for as long as a
# fresh page. Every answer is kept at most API_CACHE_SECONDS.
API_CACHE = {
    "api:municipality_list": (["public", "municipalities"], None),
    "api:municipality_csv": (["public", "municipalities"], None),
    "api:municipality_geojson": (["public", "municipalities"], None),
    "api:members_csv": (["public", "municipalities", "members"], None),
    "api:commitments": (["public", "municipalities", "members", "commitments"], None),
    "api:municipality_detail": (["public", "municipality:{nis}"], PAGE_CACHE_SECONDS),
}
API_CACHE_SECONDS = 60 * 60 * 24
API_CACHE_WAIT = 2.0  # seconds a request waits for an answer another request is building

# Requests per client to /api/ that the server must build ("count/seconds"; empty or 0 for
# none), counted in the cache; answers from the cache and 304s are free. Above 565 a minute:
# a script may fetch every municipality's detail in one go.
API_RATE_LIMIT = env("API_RATE_LIMIT", "1000/60")
# How many reverse proxies append to X-Forwarded-For in front of the app (0: use REMOTE_ADDR).
NUM_PROXIES = int(env("NUM_PROXIES", "0"))

SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; officers sign in again the next day
# Shared computers in town halls: closing the browser signs out too.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "solidair.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The strict Content-Security-Policy is in solidair.core.middleware; override single directives:
CONTENT_SECURITY_POLICY: dict[str, str] = {}

# django-allauth: e-mail addresses are the sign-in names; nobody signs up on their own.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset for an unknown address sends nothing
ACCOUNT_SESSION_REMEMBER = False  # no "remember me": sessions end with the browser
ACCOUNT_ADAPTER = "solidair.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins lock an address for 15 minutes after 5 failures, whether or not an account
    # exists for it (so the answer reveals nothing), and slow down one IP trying many addresses.
    "login_failed": "10/m/ip,5/15m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,3/15m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}
MFA_ADAPTER = "solidair.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Solidaire Gemeenten"
# Everyone who signs in must set up TOTP first (see accounts.middleware). Demo accounts made by
# seed_demo may skip it, and only while DEMO_MODE is on.
MFA_REQUIRED = True
USERSESSIONS_TRACK_ACTIVITY = True
INVITATION_VALID_DAYS = 7

# Sent and abandoned e-mails (their text holds one-time links) are deleted after this many days.
OUTBOX_RETENTION_DAYS = int(env("OUTBOX_RETENTION_DAYS", "30"))
# Where a signature was confirmed from (keyed hash of the client address, its network) is
# cleared this many days after confirmation by `purge_unconfirmed`.
SIGNATURE_SOURCE_RETENTION_DAYS = int(env("SIGNATURE_SOURCE_RETENTION_DAYS", "90"))

# The key of the anonymous receipt values in the councils' digests (docs/digests.md). Empty:
# derived from SECRET_KEY. Set it apart, so that a new SECRET_KEY keeps receipts checkable.
CAMPAIGNS_RECEIPT_SECRET = env("CAMPAIGNS_RECEIPT_SECRET", "")

# Public site facts shown in templates and e-mails.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
DEMO_MODE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
