"""Rate limits counted in the cache, so they hold across app servers when the cache is Redis."""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from ninja.errors import HttpError


def client_ip(request) -> str:
    """The client's address.

    Behind reverse proxies, set NUM_PROXIES to how many of them append to X-Forwarded-For: the
    address is then read that many entries from the right, where no client can forge it.
    """
    proxies = getattr(settings, "NUM_PROXIES", 0)
    if proxies:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one attempt for (`scope`, `key`) in a fixed window of `period` seconds.

    Returns True while the count stays within `limit`, False once it is exceeded. Keys are
    hashed, so no e-mail address or IP is stored in the cache in clear.
    """
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"rl:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count <= limit


@dataclass(frozen=True)
class Window:
    """One client's use of a limit in the current window of `period` seconds."""

    limit: int
    period: int
    used: int
    reset: int  # seconds until the window starts again

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def exceeded(self) -> bool:
        return self.used >= self.limit

    def headers(self) -> dict[str, str]:
        """`RateLimit-*` headers (IETF draft); a 429 adds `Retry-After` (= `reset`)."""
        return {"RateLimit-Limit": str(self.limit),
                "RateLimit-Remaining": str(self.remaining),
                "RateLimit-Reset": str(self.reset),
                "RateLimit-Policy": f"{self.limit};w={self.period}"}


def _window_keys(scope: str, key: str) -> tuple[str, str]:
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"rlw:{scope}:{digest}", f"rlw-start:{scope}:{digest}"


def _reset(start, period: int, now: float) -> int:
    return max(1, math.ceil((start or now) + period - now))


def window(scope: str, key: str, *, limit: int, period: int) -> Window:
    """How much of the limit (`scope`, `key`) has used in its current window, without counting.

    A window starts with the client's first counted request and lasts `period` seconds."""
    count_key, start_key = _window_keys(scope, key)
    values = cache.get_many([count_key, start_key])
    return Window(limit, period, values.get(count_key, 0),
                  _reset(values.get(start_key), period, time.time()))


def charge(scope: str, key: str, *, limit: int, period: int) -> Window:
    """Count one request for (`scope`, `key`); the window after it."""
    count_key, start_key = _window_keys(scope, key)
    now = time.time()
    if cache.add(count_key, 0, timeout=period):
        cache.set(start_key, now, timeout=period)
    try:
        used = cache.incr(count_key)
    except ValueError:  # expired between add and incr
        cache.set(count_key, 1, timeout=period)
        cache.set(start_key, now, timeout=period)
        used = 1
    return Window(limit, period, used, _reset(cache.get(start_key), period, now))


def check(scope: str, key: str, *, limit: int, period: int) -> Window:
    """Count one attempt and raise `RateLimited` (a 429 in the API) if it is one too many."""
    used = charge(scope, key, limit=limit, period=period)
    if used.used > limit:
        raise RateLimited(Window(limit, period, used.used, used.reset))
    return used


class RateLimited(HttpError):
    """A 429 from the API, answered with `Retry-After` and `RateLimit-*` headers."""

    def __init__(self, window: Window, message: str | None = None):
        self.window = window
        super().__init__(429, message or _("Too many requests. Please try again later."))
