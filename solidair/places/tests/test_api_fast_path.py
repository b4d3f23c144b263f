"""The API's lists are built from plain rows and serialised once, without ninja validating each
item through the schema: their bytes must stay exactly those of the validated path (the
contract: field names and order, nulls, dates, CSV and GeoJSON)."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.test import RequestFactory

from solidair.places import api as places_api
from solidair.places import selectors
from solidair.places.models import Municipality, MunicipalityStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(reference_data):
    """Members and other statuses with and without a date (microseconds, another offset), a
    city, a Brussels municipality (no province), a merged one, a German name."""
    brussels_time = timezone(timedelta(hours=2))
    changes = {
        "44021": (MunicipalityStatus.MEMBER, datetime(2024, 3, 18, 18, 30, tzinfo=UTC)),
        "44088": (MunicipalityStatus.MEMBER,  # merged from Merelbeke and Melle
                  datetime(2025, 1, 2, 9, 15, 7, 123456, tzinfo=UTC)),
        "21004": (MunicipalityStatus.MEMBER, datetime(2023, 6, 1, 12, 0, 0, 500, brussels_time)),
        "63023": (list(MunicipalityStatus.values)[-1], None),
        "11002": (MunicipalityStatus.MEMBER, datetime(2022, 12, 31, 23, 59, 59, 999999,
                                                      tzinfo=UTC)),
    }
    for nis, (status, since) in changes.items():
        Municipality.objects.filter(nis=nis).update(status=status, status_since=since)
    Municipality.objects.filter(nis="63023").update(name_de="Eupen \u00e4\"")
    return changes


def _validated_json(data) -> bytes:
    """What ninja answers for `data` through the list's `response=` schema."""
    from django.urls import resolve

    view = resolve("/api/v1/municipalities/").func  # ninja's PathView's wrapper
    operation = next(cell.cell_contents for cell in view.__closure__
                     if hasattr(cell.cell_contents, "operations")).operations[0]
    api = operation.api
    request = RequestFactory().get("/api/v1/municipalities/")
    return operation._result_to_response(
        request, data, api.create_temporal_response(request)).content


def _instances(q="", status=""):
    return selectors.municipality_search(q, status=status).results


def _csv_from_instances(municipalities) -> bytes:
    """The CSV as it was built from model instances."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(places_api.CSV_COLUMNS)
    for m in municipalities:
        item = places_api.municipality_summary(None, m)
        writer.writerow([
            m.nis, m.name_nl, m.name_fr, m.name_de, m.province_id or "",
            m.province.name_nl if m.province else "", m.region_id, m.region.name_nl, m.status,
            m.status_since.isoformat() if m.status_since else "", str(m.is_city).lower(),
            item["url"]])
    return buffer.getvalue().encode()


def _geojson_from_instances(municipalities) -> bytes:
    geometries = places_api._geometries()
    features = [{"type": "Feature", "id": m.nis, "geometry": geometries.get(m.nis),
                 "properties": places_api.municipality_summary(None, m)}
                for m in municipalities]
    return json.dumps({"type": "FeatureCollection", "features": features},
                      default=str, ensure_ascii=False, separators=(",", ":")).encode()


FILTERS = [{}, {"status": "member"}, {"q": "9820"}, {"q": "gent"}, {"q": "44043"},
           {"q": "bruxelles"}, {"q": "nothing at all"}]


@pytest.mark.parametrize("params", FILTERS)
def test_list_bytes_equal_the_validated_answer(client, varied, settings, params):
    settings.SITE_URL = "https://solidair.example"
    response = client.get("/api/v1/municipalities/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    expected = _validated_json([places_api.municipality_summary(None, m)
                                for m in _instances(**params)])
    assert response.content == expected
    if not params:
        items = {item["nis"]: item for item in response.json()}
        assert items["44088"]["status_since"] == "2025-01-02T09:15:07.123Z"
        assert items["21004"]["province"] is None
        assert items["63023"]["name"]["de"] == 'Eupen \u00e4"'
        assert items["44021"]["name"]["de"] is None


def test_list_page_bytes_and_headers(client, varied):
    response = client.get("/api/v1/municipalities/", {"page": 2, "page_size": 100})
    everything = _instances()
    assert response.content == _validated_json(
        [places_api.municipality_summary(None, m) for m in everything[100:200]])
    assert response["X-Total-Count"] == "565" and 'rel="next"' in response["Link"]


@pytest.mark.parametrize("params", [{}, {"status": "member"}, {"q": "9820"}])
def test_csv_and_geojson_bytes_unchanged(client, varied, params):
    municipalities = _instances(**params)
    assert client.get("/api/v1/municipalities.csv", params).content == _csv_from_instances(
        municipalities)
    assert client.get("/api/v1/municipalities.geojson",
                      params).content == _geojson_from_instances(municipalities)
