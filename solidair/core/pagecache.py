"""Whole-page cache for anonymous visitors, shared by every app server through the cache.

**Topics.** Each cached page depends on topics, named strings such as "municipalities" (every
list of municipalities) or "municipality:{nis}" (one municipality's page; `{nis}` is filled
from the URL). `PAGE_CACHE_PAGES = {"places:municipality": ["public", "municipality:{nis}"],
...}` maps URL names to their topics. When data behind a topic changes, `invalidate(topic)`
bumps the topic's generation (a counter in the cache: with Redis every server sees it at once)
and every page built under an older generation is out of date. So a change empties only the
pages that show what changed: a status change of Gent empties Gent's page and the lists, not
the page of Aalst. The topic "public" is on every page with data: reference data and anything
without a rule of its own bump it, and `invalidate("public")` empties them all.

**What invalidates.** Saving or deleting a model invalidates the topics
`PAGE_CACHE_INVALIDATED_BY` lists for it: its own entry ("network.GoodPractice") or else its
app's ("network"), whose `{field}` or `{relation.field}` are filled from the saved row
("municipality:{municipality_id}"); a field that cannot be read falls back to "public". It
happens at once and again after the transaction commits (so a page rendered meanwhile from
the old data is not kept). The history copies of django-simple-history are left out (the row
they copy has invalidated already). Code that writes with `QuerySet.update()`,
`bulk_create()` or raw SQL calls `invalidate()` itself.

**Which requests.** Only safe ones: GET from a visitor with no session or messages cookie (so
anonymous), without a query string or with only the parameters `PAGE_CACHE_PARAMETERS` lists
for the page (a search: `?q=`, filters, `?page=`; their order does not matter), answered with
status 200, no cookie, not private nor no-store. Kept per URL name, language, path and query.

**No stampede.** A page is fresh for PAGE_CACHE_SECONDS while its topics do not change; it is
kept PAGE_CACHE_STALE_SECONDS longer as the previous version. When a page is out of date (or
missing), one request renders it (`solidair.core.buildonce`), and the others meanwhile get the
previous version (`X-Page-Cache: stale`) or, when there is none, wait for that one render
(up to API_CACHE_WAIT seconds) instead of all rendering it at once.
"""

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

from solidair.core import buildonce
from solidair.core.compression import compress, send_compressed

GENERATION_KEY = "pagegen:{}"
PUBLIC = "public"
# A topic's placeholder: "{nis}" from the URL, "{application.municipality_id}" from a row.
_PLACEHOLDER = re.compile(r"{([A-Za-z_][A-Za-z0-9_.]*)}")
# What a placeholder may become: a code or a key, never text from a visitor to the key space.
_SAFE_VALUE = re.compile(r"[A-Za-z0-9_-]{1,40}")
# The headers of a page that are part of it (the rest is added on the way out); a page marked
# private or no-store is never kept, so its Cache-Control may be given again.
KEPT_HEADERS = {"content-type", "content-language", "vary", "cache-control"}


def invalidate(*topics: str) -> None:
    """Forget every cached page that depends on one of `topics`, on every server."""
    for topic in dict.fromkeys(topics):
        key = GENERATION_KEY.format(topic)
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)


def _fill(template: str, lookup) -> str:
    """`template` with each placeholder replaced by `lookup(name)`; LookupError when a value
    is missing or not a plain code."""
    def replace(match):
        value = lookup(match.group(1))
        if value is None or not _SAFE_VALUE.fullmatch(str(value)):
            raise LookupError(match.group(1))
        return str(value)

    return _PLACEHOLDER.sub(replace, template)


def topics_for_model(model) -> list[str]:
    """The topic templates a change to `model` invalidates: its own entry in
    PAGE_CACHE_INVALIDATED_BY, else its app's (empty for a model whose changes show nowhere)."""
    if getattr(model, "instance_type", None) is not None:  # a django-simple-history copy
        return []
    rules = getattr(settings, "PAGE_CACHE_INVALIDATED_BY", {})
    meta = model._meta
    return list(rules.get(meta.label, rules.get(meta.app_label, [])))


def _attribute(instance, path: str):
    value = instance
    for name in path.split("."):
        value = getattr(value, name)
    return value


def topics_for_instance(instance) -> list[str]:
    """The topics a change to this row invalidates: its model's templates, filled from it."""
    topics = []
    for template in topics_for_model(type(instance)):
        try:
            topics.append(_fill(template, lambda path: _attribute(instance, path)))
        except (LookupError, AttributeError, ObjectDoesNotExist):
            topics.append(PUBLIC)  # cannot tell which pages: all of them
    return list(dict.fromkeys(topics))


def _data_changed(sender, instance=None, **kwargs):
    if instance is None or not topics_for_model(sender):
        return
    topics = topics_for_instance(instance)
    invalidate(*topics)
    transaction.on_commit(lambda: invalidate(*topics), using=kwargs.get("using"))


def connect_invalidation_signals() -> None:
    """Called once from CoreConfig.ready."""
    post_save.connect(_data_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_data_changed, dispatch_uid="pagecache-delete")


def topics_for_url(templates, url_kwargs: dict) -> list[str] | None:
    """The topics of a page (or API answer) at a URL with these keyword arguments; None when
    one cannot be filled (an odd value in the URL: such a page is not kept)."""
    try:
        return [_fill(template, lambda name: url_kwargs.get(name)) for template in templates]
    except LookupError:
        return None


def data_version(*topics: str) -> str:
    """The version of the data behind `topics`: it changes whenever one of them is invalidated,
    so anything built from that data may be kept under it (see `solidair.core.apicache`)."""
    return data_version_with(topics)[0]


def data_version_with(topics, *keys: str) -> tuple[str, dict]:
    """`data_version(*topics)` and the cached values of `keys`, read in one roundtrip to the
    cache (a page cache hit then costs one, not two)."""
    generation_keys = [GENERATION_KEY.format(topic) for topic in topics]
    values = cache.get_many([*generation_keys, *keys])
    version = ".".join(str(values.get(key, 0)) for key in generation_keys)
    return version, {key: values[key] for key in keys if key in values}


def _anonymous_without_state(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and "private" not in control and "no-store" not in control)


def _fresh_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 60)


def _stale_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 600)


def _answer(request, stored: dict, state: str) -> HttpResponse:
    response = HttpResponse(stored["content"], headers=stored["headers"])
    response["X-Page-Cache"] = state
    return send_compressed(request, response, stored.get("gzip"))


class PublicPageCacheMiddleware:
    """Serves listed pages from the cache; place it late in MIDDLEWARE (its `process_view` needs
    the URL name), before the API's answer cache and ApiRateLimitRefusalMiddleware.

    Answers say `X-Page-Cache: hit` (fresh from the cache), `stale` (the previous version while
    another request renders the new one) or `miss` (rendered by this request and kept)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _page(self, request) -> tuple[str, str, dict | None] | None:
        """(key, data version, what the cache holds under the key) of a request whose answer
        may be kept, else None."""
        match = request.resolver_match
        pages = getattr(settings, "PAGE_CACHE_PAGES", {})
        if (match is None or match.view_name not in pages or request.method != "GET"
                or not _anonymous_without_state(request)):
            return None
        allowed = getattr(settings, "PAGE_CACHE_PARAMETERS", {}).get(match.view_name, ())
        if request.META.get("QUERY_STRING") and not (request.GET
                                                     and set(request.GET) <= set(allowed)):
            return None
        topics = topics_for_url(pages[match.view_name], match.kwargs)
        if topics is None:
            return None
        query = urlencode(sorted(request.GET.lists()), doseq=True)
        where = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
        language = getattr(request, "LANGUAGE_CODE", "")
        key = f"pages:{match.view_name}:{language}:{where}"
        version, found = data_version_with(topics, key)
        return key, version, found.get(key)

    def process_view(self, request, view_func, view_args, view_kwargs):
        page = self._page(request)
        if page is None:
            return None
        key, version, stored = page

        def current(stored) -> bool:
            return stored is not None and stored["version"] == version

        if current(stored) and stored["fresh_until"] > time.time():
            return _answer(request, stored, "hit")
        lock = f"pages-building:{version}:{key}"
        if buildonce.claim(lock):
            again = cache.get(key)  # a request that just finished may have stored it
            if current(again) and again["fresh_until"] > time.time():
                buildonce.release(lock)
                return _answer(request, again, "hit")
            request._page_cache = (key, version, lock)
            return None
        if stored is not None:  # another request renders the new version: the previous one
            return _answer(request, stored, "stale")
        built = buildonce.wait_for(key, lock, accept=current)
        return None if built is None else _answer(request, built, "hit")

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_page_cache", None)
        if pending is None:
            return response
        key, version, lock = pending
        try:
            if _cacheable_response(response):
                headers = {name: value for name, value in response.items()
                           if name.lower() in KEPT_HEADERS}
                stored = {"version": version, "fresh_until": time.time() + _fresh_seconds(),
                          "content": response.content, "gzip": compress(response.content),
                          "headers": headers}
                cache.set(key, stored, timeout=_fresh_seconds() + _stale_seconds())
                response["X-Page-Cache"] = "miss"
                response = send_compressed(request, response, stored["gzip"])
        finally:
            buildonce.release(lock)
        return response
