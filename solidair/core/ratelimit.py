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


def _window_key(scope: str, key: str, period: int, now: float) -> tuple[str, int]:
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    start = int(now // period) * period
    return f"rlw:{scope}:{digest}:{start}", max(1, math.ceil(start + period - now))


def window(scope: str, key: str, *, limit: int, period: int) -> Window:
    """How much of the limit (`scope`, `key`) has used in the current window, without counting.

    Windows are aligned on multiples of `period` (so every server agrees when one ends)."""
    cache_key, reset = _window_key(scope, key, period, time.time())
    return Window(limit, period, cache.get(cache_key, 0), reset)


def charge(scope: str, key: str, *, limit: int, period: int) -> Window:
    """Count one request for (`scope`, `key`) in the current window; the window after it."""
    cache_key, reset = _window_key(scope, key, period, time.time())
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        used = 1
    return Window(limit, period, used, reset)


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
