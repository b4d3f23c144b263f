"""The map of Belgium's 565 municipalities coloured by status, drawn server side as SVG.

The shapes come pre-projected from data/map_paths.json (see scripts/build_map_paths.py).
Colours are presentation attributes (fill="..."), not CSS, so the same SVG renders in a page
under a strict CSP, standalone at /map.svg and in Typst documents (the brochure).
"""

import json
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, gettext_lazy, override

from solidair.places.models import (
    BRUSSELS_REGION,
    Municipality,
    MunicipalityStatus,
    name_in_language,
)
from solidair.places.selectors import NIS_PATTERN, data_version

DATA_FILE = Path(__file__).resolve().parent / "data" / "map_paths.json"

STATUS_COLOURS = {
    MunicipalityStatus.NOT_ENGAGED: "#d4d4d4",
    MunicipalityStatus.RESIDENTS_ASKING: "#f2c14e",
    MunicipalityStatus.IN_DIALOGUE: "#e8772e",
    MunicipalityStatus.CANDIDATE: "#3f88c5",
    MunicipalityStatus.MEMBER: "#1b7a3e",
    MunicipalityStatus.FORMER_MEMBER: "#8c5a8a",
}
DIMMED_COLOUR = "#f3f3f3"
ATTRIBUTION = gettext_lazy("Boundaries © FOD Financiën–AAPD / SPF Finances–AGDP via mathiasleroy "
                           "(MIT); codes and names © Statbel (CC BY 4.0)")


@cache
def map_shapes() -> dict:
    """{"width", "height", "paths": {nis: path}} read once per process."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _matches(row: dict, status: str | None, province: str | None) -> bool:
    if status and row["status"] != status:
        return False
    if province == BRUSSELS_REGION:
        return row["region_id"] == BRUSSELS_REGION
    return not province or row["province_id"] == province


def _legend(height: int, status: str | None) -> str:
    lines = []
    top = height - 20 - 22 * len(STATUS_COLOURS)
    for index, (value, colour) in enumerate(STATUS_COLOURS.items()):
        y = top + 22 * index
        fill = colour if not status or status == value else DIMMED_COLOUR
        label = escape(MunicipalityStatus(value).label)
        lines.append(f'<rect x="10" y="{y}" width="16" height="16" fill="{fill}" '
                     f'stroke="#555"/><text x="32" y="{y + 13}">{label}</text>')
    heading = escape(gettext("Status in the network"))
    return (f'<g class="map-legend" font-size="15" font-family="sans-serif" fill="#222">'
            f'<text x="10" y="{top - 10}" font-weight="bold">{heading}</text>'
            f'{"".join(lines)}</g>')


def _shape(row: dict, path: str, href_prefix: str | None, label: str) -> str:
    inner = f"<title>{label}</title><path d=\"{path}\"/>"
    if href_prefix is None:
        return f'<g data-nis="{row["nis"]}" aria-label="{label}" role="img">{inner}</g>'
    return (f'<a href="{href_prefix}{row["nis"]}/" data-nis="{row["nis"]}" '
            f'aria-label="{label}">{inner}</a>')


def _render(status, province, language, links) -> str:
    shapes = map_shapes()
    rows = Municipality.objects.order_by("nis").values(
        "nis", "name_nl", "name_fr", "name_de", "status", "province_id", "region_id")
    labels = {value: str(label) for value, label in MunicipalityStatus.choices}
    href_prefix = reverse("places:municipality", args=["00000"])[:-len("00000/")] if links \
        else None
    groups: dict[str, list[str]] = {value: [] for value in STATUS_COLOURS}
    dimmed: list[str] = []
    for row in rows:
        path = shapes["paths"].get(row["nis"])
        if path is None:
            continue
        name = name_in_language(language, name_nl=row["name_nl"], name_fr=row["name_fr"],
                                name_de=row["name_de"], region_id=row["region_id"])
        label = escape(f"{name}: {labels[row['status']]}")
        shape = _shape(row, path, href_prefix, label)
        (groups[row["status"]] if _matches(row, status, province) else dimmed).append(shape)
    width, height = shapes["width"], shapes["height"]
    title = escape(gettext("Map of Belgium's municipalities by status in the network"))
    body = [f'<g fill="{DIMMED_COLOUR}" class="map-dimmed">{"".join(dimmed)}</g>']
    body += [f'<g fill="{STATUS_COLOURS[value]}" class="map-status-{value}">'
             f'{"".join(items)}</g>' for value, items in groups.items() if items]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="be-map" preserveAspectRatio="xMidYMid meet" aria-labelledby="be-map-title" '
        f'lang="{language}"><title id="be-map-title">{title}</title>'
        f'<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">{"".join(body)}</g>'
        f"{_legend(height, status)}"
        f'<text x="{width - 6}" y="{height - 6}" text-anchor="end" font-size="10" '
        f'font-family="sans-serif" fill="#444">{escape(str(ATTRIBUTION))}</text></svg>'
    )


def render_map_svg(*, status: str | None = None, province: str | None = None,
                   language: str = "nl", links: bool = True, version: str | None = None) -> str:
    """The SVG of all 565 municipalities coloured by status; shapes outside the filters are
    dimmed. Each shape has data-nis and an accessible name ("Gent: member"); with links=True it
    links to the municipality's page in `language`. Cached per filters and data version
    (`version`: `data_version()`, when the caller already has it)."""
    status = status if status in MunicipalityStatus.values else None
    province = province if NIS_PATTERN.match(province or "") else None
    key = f"places:map:{language}:{status}:{province}:{links}:{version or data_version()}"
    svg = django_cache.get(key)
    if svg is None:
        with override(language):
            svg = _render(status, province or None, language, links)
        django_cache.set(key, svg, 60 * 60)
    return svg
