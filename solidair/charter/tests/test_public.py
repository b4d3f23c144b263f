import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.testing import make_officer
from solidair.charter import services
from solidair.charter.api import MEMBERS_CSV_COLUMNS
from solidair.charter.extensions import (
    MunicipalityApiFields,
    account_links,
    municipality_api_fields,
    municipality_profile_sections,
    nav_items,
)
from solidair.charter.models import Commitment
from solidair.charter.tests.factories import activity, member, set_target
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    gent = make_municipality("44021", "Gent", "Gand", province_code="40000")
    leuven = make_municipality("24062", "Leuven", "Louvain", province_code="20001",
                               postal_codes=("3000",))
    make_municipality("11002", "Antwerpen", "Anvers", province_code="10000",
                      postal_codes=("2000",))
    member(gent, since=date(2023, 3, 1), codes=("reception", "housing", "network", "schools"))
    member(leuven, since=date(2024, 6, 1), codes=("reception", "volunteering", "network"))
    set_target(gent, "reception", 24)
    set_target(leuven, "reception", 10)
    Commitment.objects.filter(application__municipality=gent,
                              activity__code="reception").update(status="done")
    services.report_submit(municipality=gent, by=None, data=services.ReportInput(
        year=timezone.localdate().year, places_adults=12, places_minors=8, places_in_loi=6,
        volunteers_active=30))
    gent.refresh_from_db()
    leuven.refresh_from_db()
    return {"gent": gent, "leuven": leuven}


def test_members_table_lists_members_with_status(client, network):
    response = client.get(reverse("charter:members"))
    page = response.content.decode()
    assert "Gent" in page and "Leuven" in page and "Antwerpen" not in page
    assert page.index("Gent") < page.index("Leuven")


def test_members_table_filters_by_province_and_activity(client, network):
    page = client.get(reverse("charter:members"), {"province": "20001"}).content.decode()
    assert "Leuven" in page and ">Gent<" not in page
    schools = activity("schools").pk
    page = client.get(reverse("charter:members"), {"activity": schools}).content.decode()
    assert ">Gent<" in page and ">Leuven<" not in page


def test_members_table_sorts_and_ignores_bad_input(client, network):
    page = client.get(reverse("charter:members"), {"sort": "since"}).content.decode()
    assert page.index(">Gent<") < page.index(">Leuven<")
    response = client.get(reverse("charter:members"), {"sort": "evil", "province": "x"})
    assert response.status_code == 200


def test_members_csv_download(client, network):
    response = client.get(reverse("charter:members_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["nis", "name", "province", "member_since"]
    # The ten statuses, then the ten public states.
    assert rows[0][4] == "reception" and len(rows[0]) == 24
    assert rows[0][14] == "reception_state"
    assert [row[0] for row in rows[1:]] == ["44021", "24062"]
    assert rows[1][4] == "done"


def test_figures_page_with_svg_charts(client, network):
    response = client.get(reverse("charter:figures"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.split("<main", 1)[1].count("<svg") == 2  # the charts (the header has the logo)
    assert "<title id=\"chart-activities-title\">" in page
    assert "<strong>2</strong>" in page  # members
    assert "<strong>34</strong>" in page  # places committed: 24 + 10
    assert "<strong>20</strong>" in page  # places realised: 12 + 8


def test_api_activities(client):
    data = client.get("/api/v1/activities/").json()
    assert data["minimum_activities"] == 3
    assert len(data["activities"]) == 10
    first = data["activities"][0]
    assert set(first) == {"number", "code", "title", "description",
                          "described_by_municipality"}
    assert first["title"]["nl"] == "Opvangplaatsen voorzien"
    assert data["activities"][9]["described_by_municipality"] is True


def test_api_members_csv_one_row_per_commitment(client, network):
    response = client.get("/api/v1/members.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == MEMBERS_CSV_COLUMNS
    assert len(rows) == 7
    gent_reception = next(r for r in rows if r["nis"] == "44021" and r["activity"] == "reception")
    assert gent_reception["status"] == "done"
    assert gent_reception["target"] == "24 reception places"


def test_api_fields_for_the_municipality(network):
    fields = municipality_api_fields(network["gent"])
    parsed = MunicipalityApiFields(**fields)
    assert [c.activity for c in parsed.commitments] == ["reception", "housing", "network",
                                                        "schools"]
    assert set(fields["commitments"][0]) == {"activity", "status", "target", "last_updated",
                                             "state", "evidence"}
    assert fields["commitments"][0]["target"] == "24 reception places"
    assert fields["commitments"][1]["target"] is None
    assert parsed.last_report.places_minors == 8
    empty = municipality_api_fields(make_municipality("11001", "Aartselaar", "Aartselaar"))
    assert empty == {"commitments": [], "last_report": None, "renewal": None}


def test_openapi_documents_the_charter(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/activities/" in schema["paths"]
    assert "/api/v1/members.csv" in schema["paths"]


def test_profile_section_shows_commitments_and_escapes(rf, network):
    Commitment.objects.filter(activity__code="housing").update(action="Woonbegeleiding <b>")
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = municipality_profile_sections(request, network["gent"])[0]
    assert "Woonbegeleiding &lt;b&gt;" in html
    assert "/badge/44021.svg" in html
    assert "iframe" not in html  # the snippet is for the municipality's own people
    assert municipality_profile_sections(request, make_municipality(
        "11001", "Aartselaar", "Aartselaar")) == []


def test_nav_items(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    urls = [url for _label, url in nav_items(request)]
    assert urls == [reverse("charter:members")]


def test_an_officers_charter_is_on_their_home_not_in_the_header(rf, network):
    officer = make_officer(network["gent"])
    request = rf.get("/")
    request.user = officer
    assert [url for _label, url in nav_items(request)] == [reverse("charter:members")]
    home_urls = [url for _label, url in account_links(request, network["gent"])]
    assert reverse("charter:progress", args=["44021"]) in home_urls


def test_csv_never_starts_a_formula(client, network):
    Commitment.objects.filter(activity__code="reception").update(target_unit="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/members.csv").content.decode())))
    assert all(not row["target"].startswith("=") for row in rows)
