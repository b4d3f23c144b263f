"""`make run`: a newcomer's machine. SQLite, mails written as files under var/mail/, demo data."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
DEMO_MODE = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
