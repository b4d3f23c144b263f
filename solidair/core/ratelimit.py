"""Rate limits counted in the cache, so they hold across app servers when the cache is Redis."""

import hashlib

from django.conf import settings
from django.core.cache import cache


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
