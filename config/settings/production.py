"""Production: PostgreSQL, SMTP, HTTPS. Refuses to start without its required variables."""

from config.env import env, env_bool, env_list

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env("ALLOWED_HOSTS", required=True)]
env("DATABASE_URL", required=True)
SITE_URL = env("SITE_URL", required=True)
CSRF_TRUSTED_ORIGINS = [SITE_URL]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Anonymous visitors get these pages from the shared cache (see solidair.core.pagecache); the
# API's answers have their own cache, with ETags (API_CACHE, solidair.core.apicache).
PAGE_CACHE_PAGES = PAGE_CACHE_PUBLIC_PAGES  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
