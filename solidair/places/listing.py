"""The directory's list of municipalities as HTML, built in Python rather than by a template
loop (565 rows: the template engine's variable lookups and a `reverse()` per row were most of
the page's time), and kept in the cache with the empty search form for the unfiltered list
until the data changes."""

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from solidair.core.fragments import cached_fragment
from solidair.places.selectors import municipalities_for_list
from solidair.places.text import normalize


def sorted_by_name(municipalities) -> list:
    """Sorted by the name shown: Anvers among the A in French."""
    return sorted(municipalities, key=lambda municipality: normalize(municipality.name))


def municipality_items(municipalities) -> SafeString:
    """One `<li>` per municipality (link, province or region, status), in the given order, in
    the active language."""
    prefix = reverse("places:municipality", args=["00000"])[:-len("00000/")]
    items = []
    for municipality in municipalities:
        area = municipality.province or municipality.region
        status = municipality.status
        items.append(
            f'<li><a href="{prefix}{escape(municipality.nis)}/">{escape(municipality.name)}</a>\n'
            f'    <span class="meta">{escape(area.name)} · <span class="status '
            f'status-{escape(status)}">{escape(municipality.get_status_display())}</span>'
            f"</span></li>")
    return mark_safe("\n".join(items))  # noqa: S308 - every value above is escaped


def directory_parts(build_form: Callable[[], str]) -> dict:
    """What the directory without a search shows, the same for every visitor: the list of every
    municipality sorted by name and the empty search form's HTML (`build_form()`), in the active
    language, built once per version of the municipalities' data and read in one roundtrip.

    Kept at most PAGE_CACHE_SECONDS: a write that bypasses the signals shows within that."""
    def build():
        return {"items": str(municipality_items(sorted_by_name(municipalities_for_list()))),
                "form": build_form()}

    return cached_fragment("places:directory", get_language() or "nl",
                           topics=("public", "municipalities"), build=build,
                           seconds=settings.PAGE_CACHE_SECONDS)
