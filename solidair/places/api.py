"""Open data API v1 for municipalities and postal codes (read-only, JSON, CSV, GeoJSON).

Province and region are objects `{"code", "name": {"nl", "fr", "de"}}` (province is null for
the 19 municipalities of the Brussels-Capital Region, which has no province). Names of
municipalities everywhere are `{"nl", "fr", "de"}` (de null where Statbel gives none).
Other apps add fields to the detail through their `MunicipalityApiFields` hook; the detail
schema below is built from all of them, so the OpenAPI schema documents every field.
"""

import csv
import io
import json
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel, ConfigDict

from solidair.core.api import InvalidInput, errors_for
from solidair.core.apidocs import example_response
from solidair.core.extensions import hooks
from solidair.core.fragments import cached_fragment, municipality_topics
from solidair.core.links import site_url
from solidair.core.paging import PAGING_DESCRIPTION, Paging, paginate
from solidair.places import selectors
from solidair.places.models import Municipality, MunicipalityStatus

router = Router(tags=["places"])

GEOJSON_FILE = Path(__file__).resolve().parent / "data" / "be_municipalities_2025_565.geojson"


class Names(Schema):
    nl: str
    fr: str
    de: str | None = None


class Area(Schema):
    code: str
    name: Names


class MunicipalityRef(Schema):
    nis: str
    name: Names


class MunicipalityOut(Schema):
    nis: str
    name: Names
    province: Area | None
    region: Area
    status: MunicipalityStatus
    status_since: datetime | None
    is_city: bool
    url: str


Day = date  # the field below is called `date`


class TimelineEventOut(BaseModel):
    """One event of the municipality's history, newest first. Besides these fields each kind
    of event carries its own: `status_changed` `from_status`, `to_status`, `reason`;
    `threshold_reached` `threshold`; `digest_sent` `number`, `signature_count`, `fingerprint`;
    `council_answered` `outcome`; `reconfirmed` `term`, `decided_on`; `membership_lapsed`
    `term`."""

    model_config = ConfigDict(extra="allow")

    date: Day | None = Field(description="The day of the event (null: not recorded)")
    event: str = Field(description="status_changed, threshold_reached, digest_sent, "
                                   "council_answered ...")
    title: str = Field(description="What happened, in the language of the request")
    url: str | None = None


class MunicipalityDetailBase(MunicipalityOut):
    postal_codes: list[str]
    merged_from: list[MunicipalityRef]
    member_since: date | None
    joined_as: str | None
    founding_member: bool
    timeline: list[TimelineEventOut]


def _detail_schema():
    """The detail schema: places' own fields plus every app's `MunicipalityApiFields`."""
    extensions = tuple(hooks("MunicipalityApiFields"))
    if not extensions:
        return MunicipalityDetailBase
    return type("MunicipalityDetail", (MunicipalityDetailBase, *extensions), {})


MunicipalityDetail = _detail_schema()


class PostalCodeOut(Schema):
    postal_code: str
    municipalities: list[MunicipalityRef]


class ListFilters(Paging):
    q: str = Field("", description="Postal code, REFNIS code or name in any language (case, "
                   "accents and old names ignored).", examples=["Gent"])
    status: str = Field("", description="Only municipalities with this status: "
                        + ", ".join(MunicipalityStatus.values) + ".", examples=["member"])


def _names(place) -> dict:
    return place.names


def _area(place) -> dict | None:
    return {"code": place.code, "name": _names(place)} if place else None


@cache
def _page_prefix() -> str:
    # The Dutch page (no language prefix); the URL of the others differs by /fr/, /en/, /de/.
    return reverse("places:municipality", args=["00000"])[: -len("00000/")]


def municipality_summary(request, municipality: Municipality) -> dict:
    return {
        "nis": municipality.nis,
        "name": _names(municipality),
        "province": _area(municipality.province),
        "region": _area(municipality.region),
        "status": municipality.status,
        "status_since": municipality.status_since,
        "is_city": municipality.is_city,
        "url": site_url(f"{_page_prefix()}{municipality.nis}/"),
    }


def row_summaries(rows: list[dict]) -> list[dict]:
    """`municipality_summary` of each `selectors.municipality_rows` row: the same keys, order
    and values, without model instances."""
    prefix = site_url(_page_prefix())

    def names(row: dict, prefix: str) -> dict:
        return {"nl": row[f"{prefix}name_nl"], "fr": row[f"{prefix}name_fr"],
                "de": row[f"{prefix}name_de"] or None}

    return [{
        "nis": row["nis"],
        "name": names(row, ""),
        "province": ({"code": row["province_id"], "name": names(row, "province__")}
                     if row["province_id"] else None),
        "region": {"code": row["region_id"], "name": names(row, "region__")},
        "status": row["status"],
        "status_since": row["status_since"],
        "is_city": row["is_city"],
        "url": f"{prefix}{row['nis']}/",
    } for row in rows]


def _filtered(filters: ListFilters) -> list[dict]:
    if filters.status and filters.status not in MunicipalityStatus.values:
        raise InvalidInput({"status": ["Unknown status. Use one of: "
                                       + ", ".join(MunicipalityStatus.values) + "."]})
    return selectors.municipality_rows(filters.q, status=filters.status)


GENT = {
    "nis": "44021", "name": {"nl": "Gent", "fr": "Gand", "de": None},
    "province": {"code": "40000", "name": {"nl": "Oost-Vlaanderen", "fr": "Flandre orientale",
                                           "de": "Ostflandern"}},
    "region": {"code": "02000", "name": {"nl": "Vlaams Gewest", "fr": "Région flamande",
                                         "de": "Flämische Region"}},
    "status": "member", "status_since": "2024-03-18T19:30:00+01:00", "is_city": True,
    "url": "https://solidairegemeenten.be/municipalities/44021/",
}
CACHING = ("Answers carry `ETag` and `Last-Modified`; send them back in `If-None-Match` or "
           "`If-Modified-Since` to get `304 Not Modified` while the data has not changed. "
           "Answers from the cache and 304s do not count against the rate limit.")


def _with_headers(response: HttpResponse, headers: dict[str, str]) -> None:
    for name, value in headers.items():
        response[name] = value


@router.get("/municipalities/", response={200: list[MunicipalityOut], **errors_for(400, 404)},
            summary="Every municipality (filter with q and status)",
            description="All 565 municipalities, sorted by name. `q` searches by postal code, "
            "code or name in any language (case and accents ignored, old names too); `status` "
            f"filters by status. {PAGING_DESCRIPTION} {CACHING}",
            openapi_extra=example_response([GENT]))
def municipality_list(request, filters: Query[ListFilters], response: HttpResponse):
    rows, headers = paginate(request, _filtered(filters), filters)
    _with_headers(response, headers)
    # The answer ninja would give, without validating 565 nested objects through the schema
    # (built from the same database columns, it cannot fail it; `response=` stays for the
    # OpenAPI document, and test_api_fast_path compares the two): ninja's own encoder, into the
    # response ninja made for this request (its content type and the headers above).
    response.content = json.dumps(row_summaries(rows), cls=NinjaJSONEncoder)
    return response


@router.get("/municipalities/{nis}/",
            response={200: MunicipalityDetail, 301: None, **errors_for(400, 404)},
            summary="One municipality; a code before 2025 redirects to today's",
            description="Everything public about one municipality: its names, status, "
            "postal codes, the municipalities it merged from, membership, commitments, last "
            "yearly report, co-signatures and volunteer offers. A code from before the 2025 "
            "mergers answers 301 with today's code in `Location`. Counts (co-signatures, "
            "volunteer offers) may lag by a minute. " + CACHING,
            openapi_extra=example_response({
                **GENT, "postal_codes": ["9000", "9030", "9031", "9032", "9040", "9041",
                                         "9042", "9050", "9051", "9052"],
                "merged_from": [], "member_since": "2024-03-18", "joined_as": "Gent",
                "founding_member": False, "confirmed_signatures": 1280,
                "signature_threshold": 1000, "answer": None,
                "commitments": [{"activity": "reception", "status": "in_progress",
                                 "target": "50 places by 2026",
                                 "last_updated": "2025-01-15T10:00:00+01:00",
                                 "state": "documented", "evidence": [{
                                     "kind": "decision", "label": "Gemeenteraadsbesluit LOI",
                                     "url": "https://example.org/besluit-2024-123",
                                     "decided_on": "2024-02-26",
                                     "added_at": "2024-03-01T10:00:00+01:00"}]}],
                "last_report": None, "volunteer_offers": 42}))
def municipality_detail(request, nis: str):
    if not selectors.NIS_PATTERN.match(nis):
        raise InvalidInput({"nis": ["A municipality code (REFNIS) has five digits, e.g. 44021."]})
    # As the page does: the municipality and its facts are read once per public data version.
    municipality, current_code = cached_fragment(
        "places:municipality", nis, build=lambda: selectors.municipality_by_code(nis),
        topics=municipality_topics(nis))
    if municipality is None and current_code:
        return HttpResponsePermanentRedirect(
            reverse("api:municipality_detail", kwargs={"nis": current_code}))
    if municipality is None:
        raise HttpError(404, "No municipality has this code.")
    postal_codes, merged_from = cached_fragment("places:api-facts", nis, build=lambda: (
        sorted({p.code for p in municipality.postal_codes.all()}),
        [{"nis": old.nis, "name": _names(old)} for old in selectors.merged_from(municipality)]),
        topics=municipality_topics(nis))
    data = {
        **municipality_summary(request, municipality),
        "postal_codes": postal_codes,
        "merged_from": merged_from,
        "member_since": municipality.member_since,
        "joined_as": municipality.joined_as or None,
        "founding_member": municipality.is_founding_member,
        "timeline": [{**event.data, "date": event.day, "event": event.event,
                      "title": event.label, "url": site_url(event.url) if event.url else None}
                     for event in cached_fragment(
                         "places:timeline", nis, get_language(),
                         build=lambda: selectors.municipality_timeline(municipality),
                         topics=municipality_topics(nis), seconds=settings.PAGE_CACHE_SECONDS)],
    }
    for fields in hooks("municipality_api_fields"):
        data.update(fields(municipality))
    return data


@router.get("/postal-codes/{code}/", response={200: PostalCodeOut, **errors_for(400, 404)},
            summary="The municipalities a postal code serves",
            description="A four-digit Belgian postal code and the municipalities (usually one) "
            "whose area it serves.",
            openapi_extra=example_response({"postal_code": "9820", "municipalities": [
                {"nis": "44088", "name": {"nl": "Merelbeke-Melle", "fr": "Merelbeke-Melle",
                                          "de": None}}]}))
def postal_code_detail(request, code: str):
    if not selectors.POSTAL_CODE_PATTERN.match(code):
        raise InvalidInput({"code": ["A Belgian postal code has four digits, e.g. 9820."]})
    municipalities = selectors.postal_code_municipalities(code)
    if not municipalities:
        raise HttpError(404, "No municipality has this postal code.")
    return {"postal_code": code,
            "municipalities": [{"nis": m.nis, "name": _names(m)} for m in municipalities]}


CSV_COLUMNS = ["nis", "name_nl", "name_fr", "name_de", "province_code", "province_name_nl",
               "region_code", "region_name_nl", "status", "status_since", "is_city", "url"]


@router.get("/municipalities.csv", summary="Every municipality as CSV (UTF-8)",
            response={200: None, **errors_for(400, 404)},
            description="The same municipalities and fields as the list, flattened: one column "
            f"per name and per code; the same filters. {PAGING_DESCRIPTION} {CACHING}",
            openapi_extra=example_response(
                ",".join(CSV_COLUMNS) + "\r\n44021,Gent,Gand,,40000,Oost-Vlaanderen,02000,"
                "Vlaams Gewest,member,2024-03-18T19:30:00+01:00,true,"
                "https://solidairegemeenten.be/municipalities/44021/\r\n",
                media_type="text/csv", description="CSV, UTF-8, comma-separated"))
def municipality_csv(request, filters: Query[ListFilters]):
    municipalities, headers = paginate(request, _filtered(filters), filters)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    prefix = site_url(_page_prefix())
    for m in municipalities:
        writer.writerow([
            m["nis"], m["name_nl"], m["name_fr"], m["name_de"], m["province_id"] or "",
            m["province__name_nl"] if m["province_id"] else "", m["region_id"],
            m["region__name_nl"], m["status"],
            m["status_since"].isoformat() if m["status_since"] else "",
            str(m["is_city"]).lower(), f"{prefix}{m['nis']}/"])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="municipalities.csv"'
    _with_headers(response, headers)
    return response


@cache
def _geometries() -> dict:
    collection = json.loads(GEOJSON_FILE.read_text(encoding="utf-8"))
    return {feature["properties"]["nis"]: feature["geometry"]
            for feature in collection["features"]}


@router.get("/municipalities.geojson", summary="Every municipality with its boundary (GeoJSON)",
            response={200: None, **errors_for(400, 404)},
            description="A FeatureCollection (WGS84); each feature's properties are the list's "
            "fields; the same filters. Boundaries: © FOD Financiën – AAPD (2020) via "
            "mathiasleroy/Belgium-Geographic-Data (MIT). "
            f"{PAGING_DESCRIPTION} {CACHING}",
            openapi_extra=example_response(
                {"type": "FeatureCollection", "features": [{
                    "type": "Feature", "id": "44021", "properties": GENT,
                    "geometry": {"type": "Polygon", "coordinates": [
                        [[3.65, 51.05], [3.75, 51.05], [3.75, 51.1], [3.65, 51.05]]]}}]},
                media_type="application/geo+json"))
def municipality_geojson(request, filters: Query[ListFilters]):
    municipalities, headers = paginate(request, _filtered(filters), filters)
    geometries = _geometries()
    features = [{"type": "Feature", "id": item["nis"], "geometry": geometries.get(item["nis"]),
                 "properties": item} for item in row_summaries(municipalities)]
    body = json.dumps({"type": "FeatureCollection", "features": features},
                      default=str, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    _with_headers(response, headers)
    return response
