import pytest
from django.utils import timezone

from solidair.network.models import Brochure, Recommendation
from solidair.network.tests.factories import make_meeting, make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_meetings_with_brochure_url_once_published(client):
    meeting = make_meeting(days=-3)
    brochure = Brochure.objects.create(meeting=meeting, title="B", version=1, state="ready")
    data = client.get("/api/v1/meetings/").json()
    assert data[0]["id"] == meeting.pk and data[0]["brochure_url"] is None
    assert "registrations" not in data[0]
    brochure.published_at = timezone.now()
    brochure.save()
    data = client.get("/api/v1/meetings/").json()
    assert data[0]["brochure_url"].endswith(f"/network/brochures/{brochure.pk}/brochure.pdf")


def test_good_practices_published_only_with_search_and_filters(client):
    gent = make_municipality()
    make_practice(gent, title="Écoles d'été", language="fr", activities=[8])
    make_practice(gent, title="Huurbuddy's", activities=[2])
    make_practice(gent, title="Draft écoles", status="draft")
    data = client.get("/api/v1/good-practices/").json()
    assert data["count"] == 2
    data = client.get("/api/v1/good-practices/", {"q": "ECOLES"}).json()
    assert [p["title"] for p in data["results"]] == ["Écoles d'été"]
    assert data["results"][0]["activities"] == [8]
    assert "contact" not in data["results"][0]
    assert client.get("/api/v1/good-practices/", {"activity": 2}).json()["count"] == 1
    response = client.get("/api/v1/good-practices/", {"activity": 11})
    assert response.status_code == 400 and "message" in response.json()


def test_recommendations_with_level_addressee_and_state(client):
    meeting = make_meeting(days=-3)
    Recommendation.objects.create(meeting=meeting, level="local", title="Lokaal", text="x")
    Recommendation.objects.create(meeting=meeting, level="federal", title="Federaal", text="y",
                                  state="answered")
    data = client.get("/api/v1/recommendations/", {"level": "federal"}).json()
    assert [(r["title"], r["state"], r["outcome"]) for r in data] == [
        ("Federaal", "answered", "pending")]
    assert client.get("/api/v1/recommendations/", {"level": "x"}).status_code == 400


def test_openapi_documents_the_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/meetings/", "/api/v1/good-practices/",
            "/api/v1/recommendations/"} <= set(paths)


def test_rate_limited(client, settings):
    for _ in range(120):
        client.get("/api/v1/meetings/")
    response = client.get("/api/v1/meetings/")
    assert response.status_code == 429 and "message" in response.json()


@pytest.mark.parametrize("query", [
    {"offset": 3874065897914207043584},  # beyond any database integer: was a 500
    {"offset": 10**9 + 1}, {"meeting": 2**63}, {"meeting": 0},
])
def test_good_practices_out_of_range_numbers_are_a_400(client, query):
    response = client.get("/api/v1/good-practices/", query)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(query)


def test_good_practices_largest_accepted_numbers_find_nothing(client):
    data = client.get("/api/v1/good-practices/", {"offset": 10**9, "meeting": 2**63 - 1}).json()
    assert data == {"count": 0, "results": []}


@pytest.mark.parametrize("addressee", [393272055553220018176, 2**63, 0])
def test_recommendations_out_of_range_addressee_is_a_400(client, addressee):
    response = client.get("/api/v1/recommendations/", {"addressee": addressee})
    assert response.status_code == 400 and list(response.json()["errors"]) == ["addressee"]


def test_recommendations_largest_addressee_finds_nothing(client):
    assert client.get("/api/v1/recommendations/", {"addressee": 2**63 - 1}).json() == []
