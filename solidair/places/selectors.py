"""Reads shared by the pages, the map and the API."""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.db.models import Count, Max
from django.utils.timezone import localdate, make_aware
from django.utils.translation import gettext

from solidair.core.extensions import TimelineEvent, hooks
from solidair.places.models import (
    BRUSSELS_REGION,
    LegacyMunicipality,
    Municipality,
    MunicipalityStatus,
    PostalCode,
    Province,
    StatusChange,
)
from solidair.places.text import MAX_QUERY_LENGTH, normalize

NIS_PATTERN = re.compile(r"[0-9]{5}\Z")
POSTAL_CODE_PATTERN = re.compile(r"[0-9]{4}\Z")


@dataclass
class Search:
    """The outcome of a directory search: the municipalities and what to tell the person."""

    query: str = ""
    results: list = field(default_factory=list)
    truncated: bool = False
    exact: Municipality | None = None  # one municipality matched the code or name exactly


def municipalities_for_list():
    return Municipality.objects.select_related("province", "region")


def _clean_query(query: str) -> str:
    return "".join(char for char in (query or "") if char.isprintable()).strip()


def _narrowed(municipalities, text: str, *, status: str = "", province: str = ""):
    """`municipalities` (a queryset, of instances or `.values()` rows) filtered as a search for
    `text` (already cleaned and cut to MAX_QUERY_LENGTH), status and province."""
    if status in MunicipalityStatus.values:
        municipalities = municipalities.filter(status=status)
    if province == BRUSSELS_REGION:
        municipalities = municipalities.filter(region_id=BRUSSELS_REGION)
    elif province:
        municipalities = municipalities.filter(province_id=province)
    if POSTAL_CODE_PATTERN.match(text):
        municipalities = municipalities.filter(postal_codes__code=text).distinct()
    elif NIS_PATTERN.match(text):
        successor = LegacyMunicipality.objects.filter(nis=text).values("successor_id")
        municipalities = municipalities.filter(nis__in=[text, *successor.values_list(
            "successor_id", flat=True)])
    elif normalize(text):
        municipalities = municipalities.filter(search_text__contains=normalize(text))
    return municipalities


def municipality_search(query: str, *, status: str = "", province: str = "",
                        queryset=None) -> Search:
    """Search by postal code, REFNIS code or name (any language, old names too), ignoring case
    and accents; filter by status and province (a province code, or 04000 for Brussels)."""
    query = _clean_query(query)
    search = Search(query=query[:MAX_QUERY_LENGTH], truncated=len(query) > MAX_QUERY_LENGTH)
    municipalities = queryset if queryset is not None else municipalities_for_list()
    text = search.query
    search.results = list(_narrowed(municipalities, text, status=status, province=province))
    if text and len(search.results) == 1:
        only = search.results[0]
        exact_name = f"|{normalize(text)}|" in only.search_text
        if exact_name or POSTAL_CODE_PATTERN.match(text) or NIS_PATTERN.match(text):
            search.exact = only
    return search


# The columns of the API's lists (JSON, CSV, GeoJSON), read as plain rows: building 565 model
# instances with their province and region was a third of the list's time.
LIST_ROW_FIELDS = ("nis", "name_nl", "name_fr", "name_de",
                   "province_id", "province__name_nl", "province__name_fr", "province__name_de",
                   "region_id", "region__name_nl", "region__name_fr", "region__name_de",
                   "status", "status_since", "is_city")


def municipality_rows(query: str = "", *, status: str = "") -> list[dict]:
    """The municipalities `municipality_search(query, status=status)` finds, in the same
    order, as `.values()` dicts of LIST_ROW_FIELDS (province fields None in Brussels)."""
    text = _clean_query(query)[:MAX_QUERY_LENGTH]
    return list(_narrowed(Municipality.objects.values(*LIST_ROW_FIELDS), text, status=status))


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
    return status_summary()[0]


# How long the status summary may be kept when no write signals a change (a status changes
# through `municipality_set_status`, whose save() bumps the page cache's "public" version and
# so the summary's key at once; this bounds only writes that bypass signals).
SUMMARY_SECONDS = 60


def status_summary() -> tuple[dict[str, int], str]:
    """(`status_counts()`, `data_version()`), one query per change of the public data: kept in
    the cache under the page cache's version of "public" and "municipalities" (a status change
    bumps the latter; at most SUMMARY_SECONDS)."""
    from django.core.cache import cache

    from solidair.core.pagecache import data_version as public_version

    key = f"places:summary:{public_version('public', 'municipalities')}"
    summary = cache.get(key)
    if summary is None:
        summary = _status_summary()
        cache.set(key, summary, SUMMARY_SECONDS)
    return summary


def _status_summary() -> tuple[dict[str, int], str]:
    rows = list(Municipality.objects.order_by().values_list("status")
                .annotate(n=Count("nis"), last=Max("status_since")).values_list("status", "n",
                                                                                "last"))
    counts = {status: n for status, n, _last in rows}
    moments = [last for _status, _n, last in rows if last]
    return ({status: counts.get(status, 0) for status in MunicipalityStatus.values},
            _version(sum(counts.values()), max(moments) if moments else None))


def province_choices() -> list[tuple[str, str]]:
    """The ten provinces and the Brussels-Capital Region (which has none), by name; kept in the
    cache per language until places' data changes (reference data: that is rare)."""
    from django.core.cache import cache
    from django.utils.translation import get_language, gettext

    from solidair.core.pagecache import data_version as public_version

    key = f"places:provinces:{get_language()}:{public_version('public')}"
    choices = cache.get(key)
    if choices is None:
        choices = [(province.code, province.name) for province in Province.objects.all()]
        choices.append((BRUSSELS_REGION, gettext("Brussels-Capital Region")))
        choices.sort(key=lambda choice: normalize(choice[1]))
        cache.set(key, choices, 60 * 60)
    return choices


def data_version() -> str:
    """Changes whenever a municipality's status or the set of municipalities changes (see
    `status_summary`)."""
    return status_summary()[1]


def _version(count: int, last) -> str:
    return f"{count}:{last.isoformat() if last else '-'}"


def postal_code_municipalities(code: str) -> list[Municipality]:
    return [row.municipality for row in
            PostalCode.objects.filter(code=code).select_related("municipality")
            .order_by("municipality__name_nl")]


@dataclass
class HistoryLine:
    at: date | None  # None: not known (a founding member loaded without its date)
    from_status: str
    from_label: str
    to_status: str
    to_label: str
    reason: str
    is_founding: bool = False


@dataclass
class MembershipStory:
    """What a municipality's page says about its place in the network, from one source, so
    that the status line, the membership and the history never contradict each other."""

    status: str
    label: str
    since: date | None  # a member: the day it joined; others: the day of the status
    is_founding: bool
    joined_as: str  # the name it joined under, when that is not one of its names today
    was_member_since: date | None  # a former member: the day it had joined
    left_on: date | None
    left_reason: str
    history: list[HistoryLine]

    @property
    def is_member(self) -> bool:
        return self.status == MunicipalityStatus.MEMBER

    @property
    def is_former(self) -> bool:
        return self.status == MunicipalityStatus.FORMER_MEMBER


def membership_story(municipality: Municipality) -> MembershipStory:
    changes = [change for change in StatusChange.objects.filter(municipality=municipality)
               if change.from_status != change.to_status]  # never a change, never shown
    history = []
    for change in changes:
        founding = change.is_founding_record
        history.append(HistoryLine(
            at=municipality.member_since if founding else localdate(change.changed_at),
            from_status=change.from_status,
            from_label=change.get_from_status_display() if change.from_status else "",
            to_status=change.to_status, to_label=change.get_to_status_display(),
            reason=change.reason_display, is_founding=founding))
    status = municipality.status
    names = {municipality.name_nl, municipality.name_fr, municipality.name_de}
    joined_as = municipality.joined_as if municipality.joined_as not in names else ""
    left = next((change for change in changes
                 if change.to_status == MunicipalityStatus.FORMER_MEMBER), None)
    if status == MunicipalityStatus.MEMBER:
        since = municipality.member_since
    else:
        since = localdate(municipality.status_since) if municipality.status_since else None
    is_former = status == MunicipalityStatus.FORMER_MEMBER
    return MembershipStory(
        status=status, label=municipality.get_status_display(), since=since,
        is_founding=municipality.is_founding_member,
        joined_as=joined_as if status in (MunicipalityStatus.MEMBER,
                                          MunicipalityStatus.FORMER_MEMBER) else "",
        was_member_since=municipality.member_since if is_former else None,
        left_on=localdate(left.changed_at) if is_former and left else None,
        left_reason=left.reason_display if is_former and left else "",
        history=history)


def status_change_events(municipality: Municipality) -> list[TimelineEvent]:
    """Each change of the municipality's status, as timeline events (places' own hook)."""
    events = []
    for change in StatusChange.objects.filter(municipality=municipality):
        if change.from_status == change.to_status:
            continue  # never a change, never shown
        founding = change.is_founding_record
        if founding:
            label = gettext("founding member, named in the founding letter of the network.")
        elif change.from_status:
            label = f"{change.get_from_status_display()} → {change.get_to_status_display()}"
        else:
            label = str(change.get_to_status_display())
        events.append(TimelineEvent(
            at=municipality.member_since if founding else change.changed_at,
            event="status_changed", label=label, key=f"status-{change.pk}",
            note="" if founding else change.reason_display,
            data={"from_status": change.from_status or None, "to_status": change.to_status,
                  "reason": change.reason_display or None}))
    return events


def _moment(event: TimelineEvent) -> tuple:
    at = event.at
    if at is None:
        return (False, datetime.min.replace(tzinfo=UTC))
    if not isinstance(at, datetime):  # a date: the start of that day, here
        at = make_aware(datetime.combine(at, time.min))
    return (True, at)


def municipality_timeline(municipality: Municipality) -> list[TimelineEvent]:
    """Every app's events for this municipality (the `municipality_timeline_events` hook),
    newest first; events without a recorded date come last."""
    events = [event for hook in hooks("municipality_timeline_events")
              for event in hook(municipality)]
    return sorted(events, key=_moment, reverse=True)


def place_names() -> set[str]:
    """Every name of every municipality, of today and before the mergers, in every language."""
    names = set()
    for model in (Municipality, LegacyMunicipality):
        for row in model.objects.values_list("name_nl", "name_fr", "name_de"):
            names.update(name for name in row if name)
    return names
