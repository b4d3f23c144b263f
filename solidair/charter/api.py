"""Open data of the charter: its activities and the members' commitments."""

import csv
from datetime import date, datetime

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from solidair.charter import selectors
from solidair.charter.extensions import EvidenceOut, evidence_api_dict
from solidair.core.api import errors_for
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


# `state` came later: appended, so that readers of the first columns keep working.
MEMBERS_CSV_COLUMNS = ["nis", "name_nl", "name_fr", "province", "member_since", "joined_as",
                       "activity", "activity_description", "status", "target", "last_updated",
                       "state"]


@router.get("/members.csv", summary="One row per member and commitment (CSV)",
            description="Every member municipality with each activity it committed to (a "
            "member without commitments has one row with empty activity columns): status "
            "(planned, decided, in_progress, done, stopped), target, last update and public "
            "state (declared, documented, contested; see `/api/v1/commitments/`). Pages count "
            f"members, not rows. {PAGING_DESCRIPTION} Answers carry `ETag` and "
            "`Last-Modified` for conditional requests (304).",
            openapi_extra=example_response(
                ",".join(MEMBERS_CSV_COLUMNS) + "\r\n44021,Gent,Gand,40000,2024-03-18,Gent,"
                "reception,,in_progress,50 places by 2026,2025-01-15T10:00:00+01:00,documented\r\n",
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
            writer.writerow([*member, "", "", "", "", "", ""])
        for commitment in commitments:
            writer.writerow([*member, commitment.activity.code,
                             csv_cell(commitment.other_description), commitment.status,
                             csv_cell(commitment.target), commitment.last_updated.isoformat(),
                             commitment.state])
    return response


# ---------------------------------------------------------------------------------------------
# /api/v1/commitments/: every current commitment, comparable across members


class EntryFiguresOut(Schema):
    year: int = Field(description="The year of the report entry")
    figures: dict[str, int] = Field(description="reception_places, people_housed, volunteers: "
                                    "those the activity asks for")


class CommitmentExportOut(Schema):
    nis: str
    name: dict[str, str | None] = Field(description="The municipality's name in nl, fr, de")
    activity: str = Field(description="The activity's code (see `/api/v1/activities/`)")
    activity_number: int
    status: str = Field(description="planned, decided, in_progress, done or stopped")
    state: str = Field(description="declared, documented or contested")
    target: str | None
    planned_date: date | None
    decided_on: date | None = Field(description="The date of the latest council decision "
                                    "about it")
    term: str | None = Field(description="The council term it was decided or reconfirmed in")
    evidence: list[EvidenceOut]
    figures: EntryFiguresOut | None = Field(description="The figures of its latest yearly "
                                            "report entry that has any")
    confirmations: int = Field(description="Published confirmations by local people")
    contests: int = Field(description="Published contests by local people")
    last_updated: datetime


def _commitment_export(row) -> dict:
    commitment, nis = row.commitment, row.municipality.nis
    return {
        "nis": nis, "name": row.municipality.names, "activity": commitment.activity.code,
        "activity_number": commitment.activity.number, "status": commitment.status,
        "state": commitment.state, "target": commitment.target or None,
        "planned_date": commitment.planned_date, "decided_on": row.decided_on,
        "term": commitment.term.name if commitment.term else None,
        "evidence": [evidence_api_dict(link, nis) for link in row.evidence],
        "figures": row.figures, "confirmations": row.confirmations, "contests": row.contests,
        "last_updated": commitment.last_updated}


@router.get("/commitments/", response={200: list[CommitmentExportOut], **errors_for(400, 404)},
            summary="Every current commitment of the members, with its state and evidence",
            description="One object per commitment of each current member, by municipality "
            "name and activity number: its status, public state (`declared`: no evidence; "
            "`documented`: a council decision or a report with evidence; `contested`: two "
            "published contests without an answer for 30 days), target, the date of the "
            "latest council decision, the council term, its evidence (links, or uploaded "
            "PDFs by their address on this site), the figures of its latest yearly report "
            "entry, and how many confirmations and contests by local people are published. "
            f"{PAGING_DESCRIPTION} Answers carry `ETag` and `Last-Modified` for conditional "
            "requests (304).",
            openapi_extra=example_response([{
                "nis": "44021", "name": {"nl": "Gent", "fr": "Gand", "de": None},
                "activity": "reception", "activity_number": 1, "status": "in_progress",
                "state": "documented", "target": "50 reception places",
                "planned_date": "2026-06-30", "decided_on": "2025-02-24",
                "term": "2025-2030",
                "evidence": [{"kind": "decision", "label": "Gemeenteraadsbesluit LOI",
                              "url": "https://example.org/charter/44021/evidence/7.pdf",
                              "decided_on": "2025-02-24",
                              "added_at": "2025-03-01T10:00:00+01:00"}],
                "figures": {"year": 2025, "figures": {"reception_places": 42}},
                "confirmations": 2, "contests": 0,
                "last_updated": "2025-09-15T10:00:00+02:00"}]))
def commitments(request, paging: Query[Paging], response: HttpResponse):
    rows, headers = paginate(request, selectors.commitment_rows(), paging)
    for name, value in headers.items():
        response[name] = value
    return [_commitment_export(row) for row in rows]
