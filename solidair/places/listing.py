"""The directory's list of municipalities as HTML, built in Python rather than by a template
loop (565 rows: the template engine's variable lookups and a `reverse()` per row were most of
the page's time), and kept in the cache for the unfiltered list until the data changes."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from solidair.core.pagecache import data_version as public_version
from solidair.places.selectors import data_version, municipalities_for_list
from solidair.places.text import normalize

LIST_SECONDS = 60 * 60


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


def all_municipality_items() -> SafeString:
    """`municipality_items` of every municipality sorted by name, cached per language and
    version of the data (a status change, a municipality added, any write to places)."""
    language = get_language() or "nl"
    key = f"places:directory:{language}:{data_version()}:{public_version('public')}"
    html = cache.get(key)
    if html is None:
        html = municipality_items(sorted_by_name(municipalities_for_list()))
        cache.set(key, html, LIST_SECONDS)
    return mark_safe(html)  # noqa: S308 - built above from escaped values
