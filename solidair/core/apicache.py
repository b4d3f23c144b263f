"""Answers of the read-only API built once per data change, with ETag, Last-Modified and 304.

Which answers: `API_CACHE = {"api:municipality_list": (["public", "municipalities"], None),
"api:municipality_detail": (["public", "municipality:{nis}"], 60), ...}` maps URL names to the
page-cache topics their data depends on (placeholders filled from the URL, as for pages) and
how many seconds an answer may be kept at most (None: until its data changes, at most
API_CACHE_SECONDS). The data version is the page cache's (`solidair.core.pagecache`): every
write that changes a topic bumps its generation, on every server, and answers built from the
old generation are never served again.

An answer is kept per URL name, data version, path and query string (`?page=2` is an answer
of its own; the order of the parameters does not matter); only answers whose query has no
other parameters than KEPT_PARAMETERS are kept (a search is built for each request). It must
not depend on who asks nor on their language: list only views whose successful answers do
not (errors are never kept). Every kept answer carries a strong `ETag` (a hash of its body)
and a `Last-Modified` (when this version was built), and a conditional request
(`If-None-Match`, `If-Modified-Since`) whose copy is still current gets `304 Not Modified`.
Answers from the cache say `X-Api-Cache: hit` and, like 304s, do not count against the API's
rate limit.

When many clients ask for an answer being built, one request builds it and the others wait
up to API_CACHE_WAIT seconds for its result instead of all building it at once
(`solidair.core.buildonce`, shared with the page cache).

Place the middleware after PublicPageCacheMiddleware and ApiRateLimitMiddleware (which must see
its hits and 304s to leave them uncounted), before ApiRateLimitRefusalMiddleware.
"""

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from solidair.core import buildonce
from solidair.core.compression import compress, send_compressed
from solidair.core.pagecache import data_version_with, topics_for_url

# Query parameters an answer may be kept for. Others (a search `q`, anything unknown) are
# built for each request and counted by the rate limit: no one fills the cache with variants.
KEPT_PARAMETERS = {"page", "page_size", "status"}
# The headers of a view's answer that are part of it (the rest is added on the way out).
KEPT_HEADERS = {"content-type", "content-disposition", "link", "x-total-count"}
CACHE_CONTROL = "public, no-cache"  # may be stored, but ask (cheaply: 304) before reuse


def _entry(request):
    match = request.resolver_match
    entries = getattr(settings, "API_CACHE", {})
    if (match is None or request.method not in {"GET", "HEAD"} or match.view_name not in entries
            or not set(request.GET) <= KEPT_PARAMETERS):
        return None
    templates, seconds = entries[match.view_name]
    topics = topics_for_url(templates, match.kwargs)
    return None if topics is None else (match.view_name, topics, seconds)


def _query(request) -> str:
    return urlencode(sorted(request.GET.lists()), doseq=True)


@dataclass(frozen=True)
class _Keys:
    """Where one answer is kept: `key` holds it with its data `version`, `lock` is taken by the
    request that builds that version, `modified` holds its Last-Modified."""

    key: str
    lock: str
    modified: str
    version: str

    def current(self, stored) -> bool:
        return stored is not None and stored.get("version") == self.version


def _keys(request, name: str, topics) -> tuple[_Keys, dict | None]:
    """The answer's keys and what the cache holds for this version, read in one roundtrip."""
    where = hashlib.sha256(f"{request.path}?{_query(request)}".encode()).hexdigest()[:32]
    key = f"api:{name}:{where}"
    version, found = data_version_with(topics, key)
    keys = _Keys(key=key, lock=f"api-lock:{name}:{version}:{where}",
                 modified=f"api-modified:{name}:{where}", version=version)
    stored = found.get(key)
    return keys, stored if keys.current(stored) else None


def _answer(request, stored: dict, *, hit: bool) -> HttpResponse:
    response = HttpResponse(stored["content"], headers=stored["headers"])
    response["ETag"] = stored["etag"]
    response["Last-Modified"] = http_date(stored["modified"])
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Api-Cache"] = "hit" if hit else "miss"
    response = send_compressed(request, response, stored.get("gzip"))
    if response.has_header("Content-Encoding"):
        # Another representation of the same answer: a weak tag (as Django's GZipMiddleware
        # makes it). If-None-Match compares weakly, so either tag still gets its 304.
        response["ETag"] = "W/" + stored["etag"]
    return get_conditional_response(request, etag=stored["etag"],
                                    last_modified=stored["modified"], response=response)


class ApiCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        entry = _entry(request)
        if entry is None:
            return None
        name, topics, _seconds = entry
        keys, stored = _keys(request, name, topics)
        if stored is None and buildonce.claim(keys.lock):
            again = cache.get(keys.key)  # a request that just finished may have stored it
            stored = again if keys.current(again) else None
            if stored is not None:
                buildonce.release(keys.lock)
        elif stored is None:  # another request is building it
            stored = buildonce.wait_for(keys.key, keys.lock, accept=keys.current)
        if stored is not None:
            return _answer(request, stored, hit=True)
        request._api_cache = (entry, keys)
        if request.method == "HEAD":  # built as a GET; the server leaves the body out
            request.method = "GET"
        return None

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_api_cache", None)
        if pending is None:
            return response
        (_name, _topics, seconds), keys = pending
        try:
            if response.status_code != 200 or response.streaming:
                return response
            stored = _store(response, keys=keys, seconds=seconds)
        finally:
            buildonce.release(keys.lock)
        return _answer(request, stored, hit=False)


def _store(response, *, keys: _Keys, seconds) -> dict:
    content = response.content
    # Last-Modified grows with every version, even two built within one second.
    previous = cache.get(keys.modified, 0)
    modified = max(int(time.time()), previous + 1 if previous else 0)
    stored = {
        "version": keys.version,
        "content": content,
        "headers": {header: value for header, value in response.items()
                    if header.lower() in KEPT_HEADERS},
        "gzip": compress(content),
        "etag": '"' + hashlib.sha256(content).hexdigest()[:32] + '"',
        "modified": modified,
    }
    timeout = min(seconds or _max_seconds(), _max_seconds())
    cache.set(keys.key, stored, timeout=timeout)
    cache.set(keys.modified, modified, timeout=None)
    return stored


def _max_seconds() -> int:
    return getattr(settings, "API_CACHE_SECONDS", 60 * 60 * 24)
