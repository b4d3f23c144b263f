"""Production settings without the page cache and the API's answer cache: what a page costs
when it is rendered (the platform benchmark's "no cache" column; never used in production)."""

from config.settings.production import *  # noqa: F403

PAGE_CACHE_PAGES = {}
API_CACHE = {}
