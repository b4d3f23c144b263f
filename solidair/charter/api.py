"""Open data of the charter: its activities and the members' commitments."""

import csv

from django.http import HttpResponse
from ninja import Query, Router, Schema

from solidair.charter import selectors
from solidair.core.apidocs import example_response
from solidair.core.csvsafe import csv_cell
from solidair.core.paging import PAGING_DESCRIPTION, Paging, paginate

router = Router(tags=["charter"])


class ActivityOut(Schema):
    number: int
    code: str
    title: dict[str, str]
    description: dict[str, str]
    described_by_municipality: bool


class CharterOut(Schema):
    name: str
    minimum_activities: int
    activities: list[ActivityOut]


@router.get("/activities/", response=CharterOut, summary="The charter's activities",
            description="The charter members sign: its ten activities (number, code, title "
            "and description in nl, fr and en) and how many a member commits to at least. "
            "Commitments in the members' CSV and a municipality's detail name the activity "
            "by its code.",
            openapi_extra=example_response({
                "name": "Charter 2025", "minimum_activities": 3, "activities": [{
                    "number": 1, "code": "reception",
                    "title": {"nl": "Opvangplaatsen voorzien",
                              "fr": "Prévoir des places d'accueil",
                              "en": "Provide reception places"},
                    "description": {"nl": "De gemeente voorziet in zoveel mogelijk "
                                          "opvangplaatsen ...",
                                    "fr": "La commune prévoit autant de places d'accueil "
                                          "que possible ...",
                                    "en": "The municipality provides as many reception places "
                                          "as possible ..."},
                    "described_by_municipality": False}]}))
def activities(request):
    charter = selectors.current_charter()
    return {
        "name": charter.name, "minimum_activities": charter.minimum_activities,
        "activities": [{
            "number": activity.number, "code": activity.code,
            "title": {"nl": activity.title_nl, "fr": activity.title_fr, "en": activity.title_en,
                      "de": activity.title_de},
            "description": {"nl": activity.description_nl, "fr": activity.description_fr,
                            "en": activity.description_en, "de": activity.description_de},
            "described_by_municipality": activity.is_other,
        } for activity in selectors.charter_activities(charter=charter)],
    }


MEMBERS_CSV_COLUMNS = ["nis", "name_nl", "name_fr", "province", "member_since", "joined_as",
                       "activity", "activity_description", "status", "target", "last_updated"]


@router.get("/members.csv", summary="One row per member and commitment (CSV)",
            description="Every member municipality with each activity it committed to (a "
            "member without commitments has one row with empty activity columns): status "
            "(planned, decided, in_progress, done, stopped), target, last update. Pages count "
            f"members, not rows. {PAGING_DESCRIPTION} Answers carry `ETag` and "
            "`Last-Modified` for conditional requests (304).",
            openapi_extra=example_response(
                ",".join(MEMBERS_CSV_COLUMNS) + "\r\n44021,Gent,Gand,40000,2024-03-18,Gent,"
                "reception,,in_progress,50 places by 2026,2025-01-15T10:00:00+01:00\r\n",
                media_type="text/csv", description="CSV, UTF-8, comma-separated"))
def members_csv(request, paging: Query[Paging]):
    rows, headers = paginate(request, selectors.member_rows(), paging)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="members.csv"'
    for name, value in headers.items():
        response[name] = value
    writer = csv.writer(response)
    writer.writerow(MEMBERS_CSV_COLUMNS)
    for row in rows:
        municipality = row.municipality
        member = [municipality.nis, municipality.name_nl, municipality.name_fr,
                  municipality.province.code if municipality.province else "",
                  municipality.member_since.isoformat() if municipality.member_since else "",
                  municipality.joined_as]
        commitments = sorted(row.by_activity.values(), key=lambda c: c.activity.number)
        if not commitments:
            writer.writerow([*member, "", "", "", "", ""])
        for commitment in commitments:
            writer.writerow([*member, commitment.activity.code,
                             csv_cell(commitment.other_description), commitment.status,
                             csv_cell(commitment.target), commitment.last_updated.isoformat()])
    return response
