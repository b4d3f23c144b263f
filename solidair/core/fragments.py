"""Parts of pages that do not depend on the request, built once per version of their data.

    html = cached_fragment("charter:section", municipality.nis, get_language(),
                           build=lambda: render_to_string(...))

The value is kept in the shared cache under the page cache's version of `topics` (see
`solidair.core.pagecache`: a write bumps the topics `PAGE_CACHE_INVALIDATED_BY` gives it, on
every server; a part of one municipality's page depends on `municipality_topics(nis)`), so a
change shows on the next request; `seconds` bounds
how long it is kept, which is also how late a change shows that bypasses the signals
(`QuerySet.update()`), or one that depends on the time. Use it only for what is the same for
every visitor who gets it. `cached_for_visitors(request, ...)` keeps it for anonymous visitors
only: signed-in people get pages built fresh, as the page cache does for them. The value must
pickle (HTML, lists, dataclasses, model instances).
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from solidair.core.pagecache import data_version_with

T = TypeVar("T")
FRAGMENT_SECONDS = 60 * 60


def municipality_topics(nis: str) -> tuple[str, ...]:
    """The topics of what one municipality's page shows (as `PAGE_CACHE_PAGES` has them)."""
    return ("public", f"municipality:{nis}")


def cached_fragment(name: str, *parts: str, build: Callable[[], T],
                    topics: tuple[str, ...] = ("public",),
                    seconds: int = FRAGMENT_SECONDS) -> T:
    # Kept with its version (not under it): the version and the value come in one roundtrip.
    key = ":".join(("fragment", name, *map(str, parts)))
    version, found = data_version_with(topics, key)
    stored = found.get(key)
    if stored is not None and stored[0] == version:
        return stored[1]
    value = build()
    cache.set(key, (version, value), seconds)
    return value


def cached_for_visitors(request, name: str, *parts: str, build: Callable[[], T],
                        topics: tuple[str, ...] = ("public",),
                        seconds: int = FRAGMENT_SECONDS) -> T:
    """`cached_fragment` for anonymous visitors; signed-in people get `build()` fresh, as they
    get fresh pages from the page cache (an officer sees their change at once, even one made
    without signals)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return build()
    return cached_fragment(name, *parts, build=build, topics=topics, seconds=seconds)
