"""The test suite: fast hashing, tasks run at once, SQLite in memory unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEMO_MODE = False
API_RATE_LIMIT = ""  # tests of the limit set it themselves; fuzzing must not meet it
PAGE_CACHE_PAGES = {}
# Each test process its own cache in memory (the servers some tests start set REDIS_URL).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:",
                            "TEST": {"NAME": ":memory:"}}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
