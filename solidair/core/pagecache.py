"""Whole-page cache for anonymous visitors, shared by every app server through the cache.

Which pages: `PAGE_CACHE_PAGES = {"places:home": ["public"], ...}` maps URL names to topics.
When data behind a topic changes, `invalidate(topic)` bumps the topic's generation (a counter in
the cache, so in Redis every server sees it at once) and every page cached under the old
generation is ignored from then on. Saving or deleting a model of an app (or a model) listed in
`PAGE_CACHE_INVALIDATED_BY = {"places": ["public"], "campaigns.Signature": ["public"], ...}`
invalidates automatically, at once and again after the transaction commits (so a page rendered
meanwhile from the old data is not kept); code that writes with `QuerySet.update()`,
`bulk_create()` or raw SQL calls `invalidate()` itself.

Only safe responses are cached: GET without a query string, from a visitor with no session or
messages cookie (so anonymous), status 200, setting no cookie, not marked private or no-store.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

GENERATION_KEY = "pagegen:{}"


def invalidate(*topics: str) -> None:
    """Forget every cached page that depends on one of `topics`, on every server."""
    for topic in topics:
        key = GENERATION_KEY.format(topic)
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)


def topics_for_model(model) -> list[str]:
    """The topics a change to `model` invalidates: its app's and its own entries."""
    rules = getattr(settings, "PAGE_CACHE_INVALIDATED_BY", {})
    meta = model._meta
    return [*rules.get(meta.app_label, []), *rules.get(meta.label, [])]


def _data_changed(sender, **kwargs):
    topics = topics_for_model(sender)
    if topics:
        invalidate(*topics)
        transaction.on_commit(lambda: invalidate(*topics))


def connect_invalidation_signals() -> None:
    """Called once from CoreConfig.ready."""
    post_save.connect(_data_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_data_changed, dispatch_uid="pagecache-delete")


def _generation(topics) -> str:
    keys = [GENERATION_KEY.format(topic) for topic in topics]
    values = cache.get_many(keys)
    return ".".join(str(values.get(key, 0)) for key in keys)


def data_version(*topics: str) -> str:
    """The version of the data behind `topics`: it changes whenever one of them is invalidated,
    so anything built from that data may be kept under it (see `solidair.core.apicache`)."""
    return _generation(topics)


def _anonymous_without_state(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "private" not in control and "no-store" not in control)


class PublicPageCacheMiddleware:
    """Serves listed pages from the cache; place it late in MIDDLEWARE (its `process_view` needs
    the URL name), before the API's answer cache and ApiRateLimitRefusalMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _key(self, request):
        match = request.resolver_match
        pages = getattr(settings, "PAGE_CACHE_PAGES", {})
        if (match is None or match.view_name not in pages or request.method != "GET"
                or request.META.get("QUERY_STRING") or not _anonymous_without_state(request)):
            return None
        path = hashlib.sha256(request.path.encode()).hexdigest()[:32]
        language = getattr(request, "LANGUAGE_CODE", "")
        return f"page:{match.view_name}:{_generation(pages[match.view_name])}:{language}:{path}"

    def process_view(self, request, view_func, view_args, view_kwargs):
        key = self._key(request)
        request._page_cache_key = key
        if key is None:
            return None
        stored = cache.get(key)
        if stored is None:
            return None
        content, headers = stored
        response = HttpResponse(content, headers=headers)
        response["X-Page-Cache"] = "hit"
        return response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and "X-Page-Cache" not in response and _cacheable_response(response):
            timeout = getattr(settings, "PAGE_CACHE_SECONDS", 300)
            headers = {name: value for name, value in response.items()
                       if name.lower() in {"content-type", "content-language", "vary"}}
            cache.set(key, (response.content, headers), timeout=timeout)
            response["X-Page-Cache"] = "miss"
        return response
