"""Reads shared by the pages, the map and the API."""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Max

from solidair.places.models import (
    LegacyMunicipality,
    Municipality,
    MunicipalityStatus,
    PostalCode,
    Province,
)
from solidair.places.text import MAX_QUERY_LENGTH, normalize

NIS_PATTERN = re.compile(r"[0-9]{5}\Z")
POSTAL_CODE_PATTERN = re.compile(r"[0-9]{4}\Z")
BRUSSELS_REGION = "04000"


@dataclass
class Search:
    """The outcome of a directory search: the municipalities and what to tell the person."""

    query: str = ""
    results: list = field(default_factory=list)
    truncated: bool = False
    exact: Municipality | None = None  # one municipality matched the code or name exactly


def municipalities_for_list():
    return Municipality.objects.select_related("province", "region")


def municipality_search(query: str, *, status: str = "", province: str = "",
                        queryset=None) -> Search:
    """Search by postal code, REFNIS code or name (any language, old names too), ignoring case
    and accents; filter by status and province (a province code, or 04000 for Brussels)."""
    query = "".join(char for char in (query or "") if char.isprintable()).strip()
    search = Search(query=query[:MAX_QUERY_LENGTH], truncated=len(query) > MAX_QUERY_LENGTH)
    municipalities = queryset if queryset is not None else municipalities_for_list()
    if status in MunicipalityStatus.values:
        municipalities = municipalities.filter(status=status)
    if province == BRUSSELS_REGION:
        municipalities = municipalities.filter(region_id=BRUSSELS_REGION)
    elif province:
        municipalities = municipalities.filter(province_id=province)
    text = search.query
    if POSTAL_CODE_PATTERN.match(text):
        municipalities = municipalities.filter(postal_codes__code=text).distinct()
    elif NIS_PATTERN.match(text):
        successor = LegacyMunicipality.objects.filter(nis=text).values("successor_id")
        municipalities = municipalities.filter(nis__in=[text, *successor.values_list(
            "successor_id", flat=True)])
    elif normalize(text):
        municipalities = municipalities.filter(search_text__contains=normalize(text))
    search.results = list(municipalities)
    if text and len(search.results) == 1:
        only = search.results[0]
        exact_name = f"|{normalize(text)}|" in only.search_text
        if exact_name or POSTAL_CODE_PATTERN.match(text) or NIS_PATTERN.match(text):
            search.exact = only
    return search


def municipality_by_code(nis: str) -> tuple[Municipality | None, str | None]:
    """(municipality, None) for a current code; (None, current_code) for a code before 2025
    that changed; (None, None) when unknown or malformed."""
    if not NIS_PATTERN.match(nis or ""):
        return None, None
    municipality = (Municipality.objects.select_related("province", "region")
                    .filter(nis=nis).first())
    if municipality is not None:
        return municipality, None
    legacy = LegacyMunicipality.objects.filter(nis=nis).values_list("successor_id", flat=True)
    return None, legacy.first()


def merged_from(municipality: Municipality) -> list[LegacyMunicipality]:
    """The municipalities before 2025 that make up this one, when it was formed by a merger."""
    predecessors = list(municipality.predecessors.all())
    if len(predecessors) == 1 and predecessors[0].nis == municipality.nis:
        return []
    return predecessors


def status_counts() -> dict[str, int]:
    counts = dict(Municipality.objects.values_list("status").annotate(n=Count("nis"))
                  .values_list("status", "n"))
    return {status: counts.get(status, 0) for status in MunicipalityStatus.values}


def province_choices() -> list[tuple[str, str]]:
    """The ten provinces and the Brussels-Capital Region (which has none), by name."""
    from django.utils.translation import gettext

    choices = [(province.code, province.name) for province in Province.objects.all()]
    choices.append((BRUSSELS_REGION, gettext("Brussels-Capital Region")))
    return sorted(choices, key=lambda choice: normalize(choice[1]))


def data_version() -> str:
    """Changes whenever a municipality's status or the set of municipalities changes."""
    summary = Municipality.objects.aggregate(last=Max("status_since"), count=Count("nis"))
    last = summary["last"].isoformat() if summary["last"] else "-"
    return f"{summary['count']}:{last}"


def postal_code_municipalities(code: str) -> list[Municipality]:
    return [row.municipality for row in
            PostalCode.objects.filter(code=code).select_related("municipality")
            .order_by("municipality__name_nl")]
