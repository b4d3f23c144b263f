"""Whole-page caching of the public places pages for anonymous visitors.

A page is cached per language, full path and a data version token kept in the cache itself
(so checking it costs no query). `municipality_set_status` and the reference data loader bump
the token. With Redis every server sees the bump at once; with the per-process local-memory
cache another process may serve the previous page until PAGE_TTL expires, which is also the
longest that the sections other apps add to a profile (counters) can lag behind.
Signed-in people, and requests carrying a message to show, always get a fresh page.
"""

import hashlib
import time
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language

PAGE_TTL = 60
VERSION_KEY = "places:data-version"
# Only these short query parameters make a page worth caching; any other query string (or a
# long value) is rendered without caching, so nobody can fill the cache with variants.
CACHEABLE_PARAMETERS = {"province", "status", "links"}
MAX_PARAMETER_LENGTH = 20


def data_version_token() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: str(time.time_ns()), None)


def bump_data_version() -> None:
    """Invalidate every cached page, now and again when the transaction commits (so that a
    page rendered meanwhile from the old data does not survive)."""
    cache.set(VERSION_KEY, str(time.time_ns()), None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, str(time.time_ns()), None))


def _cacheable(request) -> bool:
    plain_query = all(key in CACHEABLE_PARAMETERS and len(value) <= MAX_PARAMETER_LENGTH
                      for key, value in request.GET.items())
    return (request.method == "GET" and plain_query and not request.user.is_authenticated
            and not len(get_messages(request)))


def cached_public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        raw = f"{get_language()}|{request.get_full_path()}|{data_version_token()}"
        key = "places:page:" + hashlib.sha256(raw.encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {name: response[name] for name in ("Content-Type", "Cache-Control")
                       if response.has_header(name)}
            cache.set(key, (response.content, headers), PAGE_TTL)
        return response

    return wrapper
