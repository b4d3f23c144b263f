"""One request builds, the others wait: for cached things that cost a render to build.

Shared by the page cache (`solidair.core.pagecache`) and the API's answer cache
(`solidair.core.apicache`). Every server sees the same lock when the cache is Redis:

    if claim(lock):            # this request builds it
        try: ... cache.set(key, built) ...
        finally: release(lock)
    else:                      # another request is building it
        built = wait_for(key, lock, accept=...)  # None: give up, build it yourself

The lock expires by itself (`lock_seconds()`) if its holder dies without releasing it.
"""

import time

from django.conf import settings
from django.core.cache import cache

POLL_SECONDS = 0.02


def wait_seconds() -> float:
    """How long a request waits for another request's build (API_CACHE_WAIT, 2 s)."""
    return getattr(settings, "API_CACHE_WAIT", 2.0)


def lock_seconds() -> int:
    """How long a lock is held at most, should its holder never release it."""
    return max(1, int(wait_seconds()) * 5)


def claim(lock: str) -> bool:
    """True for exactly one of the requests asking at the same time: that one builds."""
    return cache.add(lock, 1, timeout=lock_seconds())


def release(lock: str) -> None:
    cache.delete(lock)


def wait_for(key: str, lock: str, *, accept=lambda stored: True):
    """What the builder stored under `key` (once `accept(stored)`), or None when the builder
    gave up without storing anything it could use (its lock released) or after wait_seconds()."""
    deadline = time.monotonic() + wait_seconds()
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        found = cache.get_many([key, lock])
        stored = found.get(key)
        if stored is not None and accept(stored):
            return stored
        if lock not in found:  # released: built (read once more) or not worth keeping
            stored = cache.get(key)
            return stored if stored is not None and accept(stored) else None
    return None
