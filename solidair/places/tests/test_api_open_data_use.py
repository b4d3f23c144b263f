"""The municipality exports as open-data clients use them: conditional requests (ETag,
Last-Modified, 304), answers built once per data change, and pages."""

import csv
import io
import threading

import pytest
from django.core.cache import cache

from solidair.core import apicache
from solidair.opendata.tests.test_errors import assert_invalid_shape
from solidair.places.models import MunicipalityStatus
from solidair.places.services import municipality_set_status
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

EXPORTS = ["/api/v1/municipalities/", "/api/v1/municipalities.csv",
           "/api/v1/municipalities.geojson", "/api/v1/municipalities/44021/"]


@pytest.fixture
def gent():
    make_municipality("11002", "Antwerpen")
    make_municipality("21004", "Brussel")
    return make_municipality("44021", "Gent")


@pytest.mark.parametrize("path", EXPORTS)
def test_an_unchanged_answer_is_304_by_etag_and_by_date(client, gent, path):
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    by_etag = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and not by_etag.content
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


@pytest.mark.parametrize("path", EXPORTS)
def test_a_status_change_changes_the_etag_and_the_answer(client, gent, path):
    before = client.get(path)
    municipality_set_status(municipality=gent, status=MunicipalityStatus.CANDIDATE,
                            reason="council vote")
    after = client.get(path, HTTP_IF_NONE_MATCH=before["ETag"],
                       HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "candidate" in after.content.decode()


def test_the_list_is_built_once_per_data_change(client, gent, django_assert_num_queries):
    assert client.get("/api/v1/municipalities/")["X-Api-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/api/v1/municipalities/", HTTP_COOKIE="sessionid=x")
    assert again["X-Api-Cache"] == "hit" and len(again.json()) == 3
    gent.name_nl = "Gent (nieuw)"
    gent.save()
    changed = client.get("/api/v1/municipalities/")
    assert changed["X-Api-Cache"] == "miss" and "Gent (nieuw)" in changed.content.decode()


def test_the_whole_list_by_default_and_pages_on_request(client, gent):
    whole = client.get("/api/v1/municipalities/")
    assert len(whole.json()) == 3 and whole["X-Total-Count"] == "3" and "Link" not in whole
    first = client.get("/api/v1/municipalities/", {"page": "1", "page_size": "2"})
    assert [m["nis"] for m in first.json()] == [m["nis"] for m in whole.json()][:2]
    assert first["X-Total-Count"] == "3"
    assert 'page=2&page_size=2>; rel="next"' in first["Link"]
    assert 'rel="last"' in first["Link"] and 'rel="prev"' not in first["Link"]
    second = client.get("/api/v1/municipalities/", {"page": "2", "page_size": "2"})
    assert len(second.json()) == 1 and 'rel="prev"' in second["Link"]
    assert 'rel="next"' not in second["Link"]
    past = client.get("/api/v1/municipalities/", {"page": "3", "page_size": "2"})
    assert past.status_code == 404 and "2" in past.json()["message"]


def test_pages_of_the_csv_and_the_geojson(client, gent):
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/v1/municipalities.csv", {"page": "1", "page_size": "2"}).content.decode())))
    assert len(rows) == 2
    features = client.get("/api/v1/municipalities.geojson", {"page": "2", "page_size": "2"})
    assert len(features.json()["features"]) == 1 and features["X-Total-Count"] == "3"
    municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER)
    members = client.get("/api/v1/members.csv", {"page": "1", "page_size": "1"})
    assert members["X-Total-Count"] == "1" and "44021,Gent" in members.content.decode()


@pytest.mark.parametrize(("field", "value"), [
    ("page", "0"), ("page", "-1"), ("page", "²"), ("page", "١"), ("page", "9" * 40),
    ("page", "1.5"), ("page", "abc"), ("page", ""), ("page", " 1"), ("page_size", "0"),
    ("page_size", "1001"), ("page_size", "1e3"), ("page_size", "10000000000000000000000"),
])
@pytest.mark.parametrize("path", ["/api/v1/municipalities/", "/api/v1/municipalities.csv",
                                  "/api/v1/municipalities.geojson", "/api/v1/members.csv"])
def test_a_bad_page_is_a_400_in_the_api_shape(client, path, field, value):
    response = client.get(path, {field: value})
    assert response.status_code == 400
    assert_invalid_shape(response.json())
    assert list(response.json()["errors"]) == [field]


def test_searches_are_not_kept_so_no_one_can_fill_the_cache(client, gent):
    for query in ("gent", "gent ", "x"):
        response = client.get("/api/v1/municipalities/", {"q": query})
        assert response.status_code == 200 and "X-Api-Cache" not in response
    assert client.get("/api/v1/municipalities/", {"status": "member"})["X-Api-Cache"] == "miss"


def test_while_one_request_builds_an_answer_the_others_wait_for_it(
        client, gent, rf, django_assert_num_queries):
    keys, _stored = apicache._keys(rf.get("/api/v1/municipalities/"),
                                   "api:municipality_list", ["public", "municipalities"])
    assert cache.add(keys.lock, 1)  # another request is building the list
    built = {"version": keys.version, "content": b"[]",
             "headers": {"Content-Type": "application/json"},
             "etag": '"built-once"', "modified": 1_700_000_000}
    builder = threading.Timer(0.1, cache.set, args=(keys.key, built))
    builder.start()
    with django_assert_num_queries(0):
        response = client.get("/api/v1/municipalities/")
    builder.join()
    assert response["X-Api-Cache"] == "hit" and response["ETag"] == '"built-once"'


def test_clients_that_accept_gzip_get_the_kept_answer_compressed(client, gent):
    """Compressed once when kept; the same answer, a weak tag of its own, and 304 by either."""
    import gzip

    plain = client.get("/api/v1/municipalities/")
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    for state in ("miss", "hit"):
        if state == "miss":
            cache.clear()
        packed = client.get("/api/v1/municipalities/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert packed["X-Api-Cache"] == state and packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 2
        assert packed["ETag"] == "W/" + plain["ETag"]
    for tag in (packed["ETag"], plain["ETag"]):
        again = client.get("/api/v1/municipalities/", HTTP_ACCEPT_ENCODING="gzip",
                           HTTP_IF_NONE_MATCH=tag)
        assert again.status_code == 304 and not again.content
