"""Rate limits open-data users can live with: a whole sweep of the 565 municipalities fits,
cached answers and 304s are free, and every answer says what is left."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

import config.settings.base as base_settings
from solidair.core import apicache
from solidair.core.middleware import (
    ApiRateLimitMiddleware,
    ApiRateLimitRefusalMiddleware,
    parse_rate,
)
from solidair.network import api as network_api
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_the_default_read_limit_lets_a_script_fetch_every_municipality(settings):
    """565 detail requests in a row from one client (the answers the server must build, none
    from the cache) never meet a 429 under the shipped limit."""
    settings.API_RATE_LIMIT = base_settings.API_RATE_LIMIT
    limit, _period = parse_rate(settings.API_RATE_LIMIT)
    assert limit > 565
    factory = RequestFactory()
    counted = ApiRateLimitMiddleware(lambda request: HttpResponse())
    refusal = ApiRateLimitRefusalMiddleware(lambda request: HttpResponse())
    for number in range(565):
        request = factory.get(f"/api/v1/municipalities/{10000 + number}/")
        assert refusal.process_view(request, None, (), {}) is None, number
        assert counted(request).status_code == 200
    assert int(counted(factory.get("/api/v1/"))["RateLimit-Remaining"]) == limit - 566


def test_cached_answers_and_304s_do_not_count(client, settings, rf):
    settings.API_RATE_LIMIT = "3/60"
    for nis, name in [("11002", "Antwerpen"), ("21004", "Brussel"), ("44021", "Gent"),
                      ("62063", "Luik")]:
        make_municipality(nis, name)
    first = client.get("/api/v1/municipalities/44021/")
    assert (first["RateLimit-Limit"], first["RateLimit-Remaining"]) == ("3", "2")
    assert 0 < int(first["RateLimit-Reset"]) <= 60
    for _ in range(5):  # from the cache, then conditional: free
        again = client.get("/api/v1/municipalities/44021/")
        assert again.status_code == 200 and again["X-Api-Cache"] == "hit"
        assert again["RateLimit-Remaining"] == "2"
        assert client.get("/api/v1/municipalities/44021/",
                          HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    body_key = apicache._keys(rf.get("/api/v1/municipalities/44021/"),
                              "api:municipality_detail", ["public", "municipality:44021"])[0].key
    cache.delete(body_key)  # expired: built again, but the client's copy is still current
    rebuilt = client.get("/api/v1/municipalities/44021/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert rebuilt.status_code == 304 and rebuilt["RateLimit-Remaining"] == "2"
    assert client.get("/api/v1/municipalities/11002/").status_code == 200
    assert client.get("/api/v1/municipalities/21004/")["RateLimit-Remaining"] == "0"
    refused = client.get("/api/v1/municipalities/62063/")  # would have to be built
    assert refused.status_code == 429 and refused.json()["message"]
    assert 0 < int(refused["Retry-After"]) <= 60 and refused["RateLimit-Remaining"] == "0"
    # Over the limit, what is in the cache is still served, and 304s still answered.
    assert client.get("/api/v1/municipalities/44021/").status_code == 200
    assert client.get("/api/v1/municipalities/44021/",
                      HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_routes_own_limit_answers_429_with_retry_after(client, monkeypatch):
    monkeypatch.setattr(network_api, "RATE", {"limit": 1, "period": 60})
    assert client.get("/api/v1/meetings/").status_code == 200
    refused = client.get("/api/v1/meetings/")
    assert refused.status_code == 429 and refused.json() == {"message": refused.json()["message"]}
    assert 0 < int(refused["Retry-After"]) <= 60
    assert (refused["RateLimit-Limit"], refused["RateLimit-Remaining"]) == ("1", "0")


def test_the_limits_are_documented(client):
    description = client.get("/api/v1/openapi.json").json()["info"]["description"]
    for words in ("Rate limits", "RateLimit-Remaining", "Retry-After", "304", "ETag"):
        assert words in description
