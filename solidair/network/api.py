"""Open data of the learning network: meetings, published good practices, recommendations."""

from datetime import date, datetime

from ninja import Query, Router, Schema
from pydantic import Field

from solidair.core.apidocs import example_response
from solidair.core.links import absolute_url, site_url
from solidair.core.ratelimit import check, client_ip
from solidair.network import selectors
from solidair.network.models import (
    Meeting,
    RecommendationLevel,
    RecommendationState,
)

router = Router(tags=["network"])

MAX_LIMIT = 200
# Filters and pages stay within what the database's integers hold: a larger number is a 400,
# not an overflow (500) in the query.
MAX_ID = 2**63 - 1  # BigAutoField
MAX_OFFSET = 10**9


RATE = {"limit": 120, "period": 60}  # per client, for the three routes together


def _rate_limit(request) -> None:
    check("api.network", client_ip(request), **RATE)  # beyond it: 429 with Retry-After


class MeetingOut(Schema):
    id: int
    theme: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online: bool
    host_municipality_nis: str | None
    capacity: int
    url: str
    ics_url: str
    brochure_url: str | None = Field(None, description="The published brochure (PDF), if any.")


class PracticeOut(Schema):
    id: int
    title: str
    language: str
    municipality_nis: str
    municipality: str
    activities: list[int] = Field(
        description="Numbers of the charter activities the practice serves; their titles are "
                    "at /api/v1/activities/.")
    year: int
    published_at: datetime
    meeting_id: int | None
    translations: list[str]
    url: str


class PracticePage(Schema):
    count: int
    results: list[PracticeOut]


class AddresseeOut(Schema):
    id: int
    name: str
    office: str
    portfolio: str
    level: str


class StepOut(Schema):
    state: str
    date: date
    note: str
    outcome: str


class RecommendationOut(Schema):
    id: int
    meeting_id: int
    level: str
    title: str
    text: str
    addressee: AddresseeOut | None
    state: str
    outcome: str
    timeline: list[StepOut]
    url: str


class PracticeFilters(Schema):
    q: str = Field("", max_length=200)
    activity: int | None = Field(None, ge=1, le=10,
                                 description="A charter activity's number (1-10).")
    province: str = Field("", max_length=5)
    region: str = Field("", max_length=5)
    year: int | None = Field(None, ge=1990, le=2100)
    meeting: int | None = Field(None, ge=1, le=MAX_ID)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


def _meeting_out(meeting: Meeting) -> dict:
    brochure = selectors.latest_published_brochure(meeting)
    return {
        "id": meeting.pk, "theme": meeting.theme, "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at, "place": meeting.place, "online": bool(meeting.online_url),
        "host_municipality_nis": meeting.host_municipality_id, "capacity": meeting.capacity,
        "url": site_url(meeting.get_absolute_url()),
        "ics_url": absolute_url("network:meeting_ics", args=[meeting.pk]),
        "brochure_url": absolute_url("network:brochure_pdf", args=[brochure.pk])
        if brochure else None,
    }


MEETING_EXAMPLE = {
    "id": 12, "theme": "Housing for recognised refugees",
    "starts_at": "2025-10-09T13:30:00+02:00", "ends_at": "2025-10-09T16:30:00+02:00",
    "place": "Stadhuis Mechelen, Grote Markt 21", "online": True,
    "host_municipality_nis": "12025", "capacity": 60,
    "url": "https://solidairegemeenten.be/network/meetings/12/",
    "ics_url": "https://solidairegemeenten.be/network/meetings/12/meeting.ics",
    "brochure_url": None,
}


@router.get("/meetings/", response=list[MeetingOut], summary="Learning-network meetings",
            description="The learning network's meetings, latest first (at most 200): theme, "
            "time, place, host municipality, capacity, and links to the page, the calendar "
            "file (ICS) and the brochure once published.",
            openapi_extra=example_response([MEETING_EXAMPLE]))
def meetings(request):
    _rate_limit(request)
    return [_meeting_out(m) for m in Meeting.objects.order_by("-starts_at")[:MAX_LIMIT]]


@router.get("/good-practices/", response=PracticePage,
            summary="Published good practices, searchable (accents and case ignored)",
            description="Good practices that municipalities shared, newest first: `q` searches "
            "title and text; filter by activity (1-10), province, region, year or meeting. "
            f"Pages with `limit` (1-{MAX_LIMIT}) and `offset`; `count` is the number of "
            "matches.",
            openapi_extra=example_response({"count": 1, "results": [{
                "id": 7, "title": "Buddy project for newcomers", "language": "nl",
                "municipality_nis": "44021", "municipality": "Gent", "activities": [3, 4],
                "year": 2024, "published_at": "2024-11-05T09:12:00+01:00", "meeting_id": 12,
                "translations": ["fr"],
                "url": "https://solidairegemeenten.be/network/practices/7/"}]}))
def good_practices(request, filters: Query[PracticeFilters]):
    _rate_limit(request)
    practices = selectors.search_practices(
        q=filters.q, activity=filters.activity, province=filters.province,
        region=filters.region, year=filters.year, meeting=filters.meeting,
    ).prefetch_related("translations")
    count = practices.count()
    page = practices[filters.offset:filters.offset + filters.limit]
    return {"count": count, "results": [{
        "id": p.pk, "title": p.title, "language": p.language,
        "municipality_nis": p.municipality_id, "municipality": p.municipality.name_nl,
        "activities": p.activity_codes, "year": p.year, "published_at": p.published_at,
        "meeting_id": p.meeting_id,
        "translations": sorted(t.language for t in p.translations.all()),
        "url": site_url(p.get_absolute_url()),
    } for p in page]}


class RecommendationFilters(Schema):
    level: RecommendationLevel | None = None
    addressee: int | None = Field(None, ge=1, le=MAX_ID)
    state: RecommendationState | None = None


@router.get("/recommendations/", response=list[RecommendationOut],
            summary="Policy recommendations with their follow-up",
            description="The network's policy recommendations, each with its addressee (a "
            "minister or administration), its state and the timeline of its follow-up. Filter "
            "by level, addressee or state.",
            openapi_extra=example_response([{
                "id": 3, "meeting_id": 12, "level": "federal",
                "title": "Structural funding for local reception initiatives",
                "text": "Give municipalities multi-year funding for LOI places.",
                "addressee": {"id": 2, "name": "N. N.", "office": "Minister",
                              "portfolio": "Asylum and Migration", "level": "federal"},
                "state": "presented", "outcome": "pending",
                "timeline": [{"state": "presented", "date": "2025-11-03", "note": "",
                              "outcome": ""}],
                "url": "https://solidairegemeenten.be/network/recommendations/3/"}]))
def recommendations(request, filters: Query[RecommendationFilters]):
    _rate_limit(request)
    items = selectors.recommendations(level=filters.level or "", addressee=filters.addressee)
    if filters.state:
        items = items.filter(state=filters.state)
    return [{
        "id": r.pk, "meeting_id": r.meeting_id, "level": r.level, "title": r.title,
        "text": r.text, "state": r.state, "outcome": r.outcome,
        "addressee": {"id": r.addressee.pk, "name": r.addressee.name,
                      "office": r.addressee.office, "portfolio": r.addressee.portfolio,
                      "level": r.addressee.level} if r.addressee else None,
        "timeline": [{"state": e.state, "date": e.date, "note": e.note, "outcome": e.outcome}
                     for e in r.events.all()],
        "url": site_url(r.get_absolute_url()),
    } for r in items[:1000]]
