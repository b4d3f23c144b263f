import csv
import io

import pytest
from ninja import Schema

from solidair.places import api as places_api
from solidair.places.models import Municipality

pytestmark = pytest.mark.django_db

SUMMARY_FIELDS = {"nis", "name", "province", "region", "status", "status_since", "is_city", "url"}
DETAIL_FIELDS = SUMMARY_FIELDS | {"postal_codes", "merged_from", "member_since", "joined_as",
                                  "founding_member"}


def test_list_shape(client, reference_data, django_assert_max_num_queries, settings):
    settings.SITE_URL = "https://solidair.example"  # links point where the site runs
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/municipalities/")
    assert response.status_code == 200
    items = response.json()
    assert len(items) == 565
    gent = next(item for item in items if item["nis"] == "44021")
    assert set(gent) == SUMMARY_FIELDS
    assert gent["name"] == {"nl": "Gent", "fr": "Gand", "de": None}
    assert gent["province"]["code"] == "40000"
    assert set(gent["province"]["name"]) == {"nl", "fr", "de"}
    assert gent["region"]["code"] == "02000"
    assert gent["status"] == "member" and gent["is_city"] is True
    assert gent["url"] == "https://solidair.example/municipalities/44021/"
    brussels = next(item for item in items if item["nis"] == "21004")
    assert brussels["province"] is None and brussels["region"]["code"] == "04000"


@pytest.mark.parametrize(("query", "nis"), [("9820", "44088"), ("Anvers", "11002"),
                                             ("LIEGE", "62063"), ("bastenaken", "82039")])
def test_list_search(client, reference_data, query, nis):
    items = client.get("/api/v1/municipalities/", {"q": query}).json()
    assert [item["nis"] for item in items] == [nis]


def test_list_status_filter(client, reference_data):
    items = client.get("/api/v1/municipalities/", {"status": "member"}).json()
    assert len(items) == 15
    response = client.get("/api/v1/municipalities/", {"status": "<script>"})
    assert response.status_code == 400 and "message" in response.json()


def test_detail_shape(client, reference_data, django_assert_max_num_queries):
    # Places' own fields take 3 queries; the other apps' fields add theirs (extension hooks):
    # charter's renewal and its reconfirmations and lapses in the timeline one each.
    with django_assert_max_num_queries(18):
        response = client.get("/api/v1/municipalities/44088/")
    data = response.json()
    assert set(data) >= DETAIL_FIELDS
    assert data["postal_codes"] == ["9090", "9820"]
    assert {old["nis"] for old in data["merged_from"]} == {"44040", "44043"}
    assert data["merged_from"][0]["name"]["nl"] in {"Melle", "Merelbeke"}
    assert data["joined_as"] == "Merelbeke"
    assert data["member_since"] is None and data["founding_member"] is True


def test_detail_of_an_unmerged_municipality(client, reference_data):
    data = client.get("/api/v1/municipalities/11021/").json()
    assert data["merged_from"] == [] and data["joined_as"] == "Hove"
    data = client.get("/api/v1/municipalities/11001/").json()
    assert data["joined_as"] is None and data["status"] == "not_engaged"


def test_old_code_answers_301(client, reference_data):
    response = client.get("/api/v1/municipalities/44043/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/municipalities/44088/"


@pytest.mark.parametrize(("path", "status"), [
    ("/api/v1/municipalities/4402/", 400), ("/api/v1/municipalities/abcde/", 400),
    ("/api/v1/municipalities/440211/", 400), ("/api/v1/municipalities/%3Cscript%3E/", 400),
    ("/api/v1/municipalities/99999/", 404), ("/api/v1/postal-codes/0000/", 404),
    ("/api/v1/postal-codes/98200/", 400), ("/api/v1/postal-codes/'%20OR%201=1/", 400),
    ("/api/v1/postal-codes/%00%00%00%00/", 400),
])
def test_errors_are_json(client, reference_data, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert isinstance(response.json()["message"], str)


@pytest.mark.parametrize("query", ["x" * 10_000, "'; DROP TABLE x; --", "<b>", "%"])
def test_hostile_list_queries(client, reference_data, query):
    response = client.get("/api/v1/municipalities/", {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


def test_a_nul_character_in_the_query_is_bad_input(client, reference_data):
    response = client.get("/api/v1/municipalities/", {"q": "\x00"})
    assert response.status_code == 400 and response.json()["errors"]


def test_postal_code(client, reference_data):
    response = client.get("/api/v1/postal-codes/9820/")
    assert response.json() == {"postal_code": "9820", "municipalities": [
        {"nis": "44088", "name": {"nl": "Merelbeke-Melle", "fr": "Merelbeke-Melle", "de": None}}]}


def test_csv(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/municipalities.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 565
    gent = next(row for row in rows if row["nis"] == "44021")
    assert (gent["name_fr"], gent["status"], gent["is_city"]) == ("Gand", "member", "true")


def test_geojson(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/municipalities.geojson")
    data = response.json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 565
    feature = next(f for f in data["features"] if f["id"] == "44021")
    assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert set(feature["properties"]) == SUMMARY_FIELDS


def test_openapi_documents_the_paths(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/municipalities/", "/api/v1/municipalities/{nis}/",
                 "/api/v1/postal-codes/{code}/", "/api/v1/municipalities.csv",
                 "/api/v1/municipalities.geojson"):
        assert path in schema["paths"]
    detail = schema["components"]["schemas"]
    detail_name = places_api.MunicipalityDetail.__name__
    assert set(detail[detail_name]["properties"]) >= DETAIL_FIELDS


def test_detail_schema_combines_other_apps_fields(monkeypatch):
    class ExtraFields(Schema):
        signatures: int

    monkeypatch.setattr(places_api, "hooks", lambda name: [ExtraFields])
    combined = places_api._detail_schema()
    assert {"signatures", "postal_codes", "nis"} <= set(combined.model_fields)


def test_detail_merges_other_apps_values(client, reference_data, monkeypatch):
    def fields(municipality):
        return {"nis_reversed": municipality.nis[::-1]}

    class Extra(places_api.MunicipalityDetailBase):
        nis_reversed: str

    monkeypatch.setattr(places_api, "hooks", lambda name: [fields] if name ==
                        "municipality_api_fields" else [])
    data = places_api.municipality_detail(_request(), "44021")
    assert Extra(**data).nis_reversed == "12044"


def _request():
    from django.test import RequestFactory

    return RequestFactory().get("/api/v1/municipalities/44021/")


def test_demo_seed_is_idempotent(reference_data, stdout):
    from solidair.places.demo import seed_demo
    from solidair.places.models import StatusChange

    seed_demo(stdout=stdout)
    count = StatusChange.objects.count()
    seed_demo(stdout=stdout)
    assert StatusChange.objects.count() == count
    brussels = Municipality.objects.get(nis="21004")
    assert brussels.status == "in_dialogue"
    assert brussels.status_changes.count() == 2
    # Notes in the reader's language, never a stored English sentence on a Dutch page.
    assert [change.reason_display for change in brussels.status_changes.all()] == [
        "De schepen van sociale zaken ontmoette de lokale groep.",
        "Inwoners stuurden de brief naar de gemeenteraad."]
