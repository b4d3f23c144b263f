import pytest

from solidair.core.middleware import parse_rate
from solidair.core.pagecache import invalidate, topics_for_model
from solidair.core.ratelimit import client_ip
from solidair.places.models import MunicipalityStatus
from solidair.places.services import municipality_set_status
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_limit(settings):
    settings.API_RATE_LIMIT = "3/60"


@pytest.mark.usefixtures("api_limit")
def test_the_api_answers_429_in_json_past_the_limit(client):
    statuses = [client.get("/api/v1/openapi.json").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/openapi.json")
    assert refused.json()["message"] and 0 < int(refused["Retry-After"]) <= 60
    assert (refused["RateLimit-Limit"], refused["RateLimit-Remaining"]) == ("3", "0")
    assert client.get("/api/v1/openapi.json", REMOTE_ADDR="10.0.0.9").status_code == 200


@pytest.mark.usefixtures("api_limit")
def test_pages_are_not_counted_by_the_api_limit(client):
    assert {client.get("/livez").status_code for _ in range(5)} == {200}


def test_parse_rate():
    assert parse_rate("300/60") == (300, 60)
    assert parse_rate("") is None and parse_rate("0") is None


def test_client_ip_behind_one_proxy_takes_the_address_the_proxy_saw(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "10.0.0.1"
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "203.0.113.7"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_PAGES = {**settings.PAGE_CACHE_PUBLIC_PAGES}
    del settings.PAGE_CACHE_PAGES["places:credits"]


@pytest.mark.usefixtures("page_cache")
def test_a_listed_page_is_cached_and_invalidated_when_its_data_changes(client):
    gent = make_municipality("44021", "Gent")
    assert client.get("/municipalities/44021/")["X-Page-Cache"] == "miss"
    assert client.get("/municipalities/44021/")["X-Page-Cache"] == "hit"
    gent.name_nl = "Gent (nieuw)"
    gent.save()  # places.Municipality is in PAGE_CACHE_INVALIDATED_BY
    response = client.get("/municipalities/44021/")
    assert response["X-Page-Cache"] == "miss" and "Gent (nieuw)" in response.content.decode()
    municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER)
    assert client.get("/municipalities/44021/")["X-Page-Cache"] == "miss"
    invalidate("public")
    assert client.get("/municipalities/44021/")["X-Page-Cache"] == "miss"


@pytest.mark.usefixtures("page_cache")
def test_the_cache_is_kept_per_language_and_skipped_for_visitors_with_state(client):
    make_municipality("44021", "Gent", "Gand")
    client.get("/municipalities/44021/")
    french = client.get("/fr/municipalities/44021/")
    assert french["X-Page-Cache"] == "miss" and "Gand" in french.content.decode()
    assert "X-Page-Cache" not in client.get("/municipalities/44021/?x=1")
    assert "X-Page-Cache" not in client.get("/municipalities/?q=gent&x=1")  # not a listed one
    client.cookies["sessionid"] = "abc"
    assert "X-Page-Cache" not in client.get("/municipalities/44021/")


@pytest.mark.usefixtures("page_cache")
def test_a_page_not_listed_is_never_cached(client):
    assert "X-Page-Cache" not in client.get("/credits/")
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_only_changes_to_public_data_invalidate(settings):
    from solidair.accounts.models import AuditEntry, User
    from solidair.core.models import OutgoingMail
    from solidair.places.models import StatusChange

    assert topics_for_model(StatusChange) == [
        "municipality:{municipality_id}", "municipalities", "members"]
    assert topics_for_model(OutgoingMail) == [] and topics_for_model(User) == []
    from solidair.charter.models import Commitment

    assert topics_for_model(Commitment.history.model) == []  # the saved row invalidates
    settings.PAGE_CACHE_INVALIDATED_BY = {"accounts.AuditEntry": ["audit"], "accounts": ["x"]}
    assert topics_for_model(AuditEntry) == ["audit"] and topics_for_model(User) == ["x"]
