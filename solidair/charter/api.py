"""Open data of the charter: its activities and the members' commitments."""

import csv

from django.http import HttpResponse
from ninja import Router, Schema

from solidair.charter import selectors
from solidair.core.csvsafe import csv_cell

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


@router.get("/activities/", response=CharterOut, summary="The charter's activities")
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
            openapi_extra={"responses": {200: {"description": "CSV, UTF-8, comma-separated",
                                               "content": {"text/csv": {}}}}})
def members_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="members.csv"'
    writer = csv.writer(response)
    writer.writerow(MEMBERS_CSV_COLUMNS)
    for row in selectors.member_rows():
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
