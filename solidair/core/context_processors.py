import functools
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language

from solidair.core.extensions import nav_links
from solidair.core.links import SITE_NAME

# The language links repeat the page's query so that its filters survive a change of language.
# The site's own parameters are short lowercase names with short values (a search is cut to 100
# characters anyway); anything else is dropped so that a 10,000-character query string does not
# come back four times in every page.
MAX_PARAMETER_NAME_LENGTH = 30
MAX_PARAMETER_VALUE_LENGTH = 256
MAX_QUERY_LENGTH = 512
_PARAMETER_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
# Tracking tags added by mail clients and social networks: never a filter of ours.
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_")


def _is_site_parameter(name: str) -> bool:
    return (len(name) <= MAX_PARAMETER_NAME_LENGTH and bool(_PARAMETER_NAME.match(name))
            and not name.startswith(_TRACKING_PREFIXES))


def language_switch_query(query: QueryDict) -> str:
    """The part of `query` worth carrying into another language's link, URL-encoded.

    Keeps the site's parameters in their order, leaves out unknown-looking names and overlong
    values, and stops adding parameters once the result would exceed MAX_QUERY_LENGTH."""
    kept: list[str] = []
    length = 0
    for name, values in query.lists():
        if not _is_site_parameter(name):
            continue
        for value in values:
            if len(value) > MAX_PARAMETER_VALUE_LENGTH:
                continue
            pair = urlencode({name: value})
            added = len(pair) + (1 if kept else 0)
            if length + added > MAX_QUERY_LENGTH:
                continue
            kept.append(pair)
            length += added
    return "&".join(kept)


def _translated(path: str, code: str, current: str | None) -> str:
    """`translate_url(path, code)` while `current` is active (it resolves `path` in that
    language): the URL patterns do not change while the process runs, so each page's
    translations are worked out once per process rather than four URL resolutions and
    reversals per request (the most used addresses; bounded for the rest)."""
    return _translated_once(path, code, current, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=4096)
def _translated_once(path, code, current, script_prefix, urlconf) -> str:
    return translate_url(path, code)


@receiver(setting_changed)
def _forget_translated(**kwargs):
    """Tests that change the settings (the URL patterns, the languages) start afresh."""
    _translated_once.cache_clear()


def language_url(request, code: str) -> str:
    """The current page in language `code`, with its (trimmed) query string.

    A path that does not resolve (the 404 page) cannot be translated: its other languages link
    to their home pages instead of repeating the unknown address."""
    path = escape_uri_path(request.path)
    url = _translated(path, code, get_language())
    if url == path and code != get_language():
        return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
    query = language_switch_query(request.GET)
    return f"{url}?{query}" if query else url


def site(request):
    """Site name, navigation and the language switch (the same page in each language).

    Worked out once per request and language: a page whose parts are rendered separately (the
    municipality page's sections, each with `render_to_string(..., request=request)`) would
    otherwise translate its URL into every language and build the navigation once per part."""
    current = get_language()
    user = getattr(request, "user", None)
    key = (current, request.path, user.pk if user is not None else None)
    kept = getattr(request, "_site_context", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    context = _site(request, current)
    request._site_context = (key, context)
    return context


def _site(request, current: str) -> dict:
    languages = [
        {"code": code, "name": name, "url": language_url(request, code),
         "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    # A request refused before authentication (a 400 for a forged Host header) has no user:
    # its error page gets no navigation rather than a second error.
    nav = nav_links(request) if hasattr(request, "user") else {}
    return {"SITE_NAME": SITE_NAME, "DEMO_MODE": settings.DEMO_MODE,
            "language_links": languages, "nav": nav}
