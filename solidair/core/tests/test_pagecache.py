"""The page cache empties only what a change affects, and renders a page once per change."""

import threading
import time

import pytest
from django.db import connections
from django.test import Client

from solidair.accounts.testing import make_coordinator
from solidair.core.testing import database_shared_by_threads
from solidair.network import services as network_services
from solidair.network.tests.factories import make_practice
from solidair.places import selectors as places_selectors
from solidair.places.models import MunicipalityStatus
from solidair.places.services import municipality_set_status
from solidair.places.testing import make_municipality

GENT, AALST = "/municipalities/44021/", "/municipalities/41002/"
LISTS = {"directory": "/municipalities/", "home": "/", "map": "/map.svg",
         "members": "/charter/members/"}
PRACTICES = "/network/practices/"
SIMULTANEOUS = 50


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_PAGES = settings.PAGE_CACHE_PUBLIC_PAGES


def cache_states(client, paths) -> dict:
    return {path: client.get(path)["X-Page-Cache"] for path in paths}


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_a_change_to_one_municipality_empties_its_page_and_the_lists_not_the_others(client):
    gent = make_municipality("44021", "Gent")
    make_municipality("41002", "Aalst", "Alost", postal_codes=("9300",))
    paths = [GENT, AALST, *LISTS.values(), PRACTICES, f"{PRACTICES}?q=opvang"]
    assert set(cache_states(client, paths).values()) == {"miss"}
    assert set(cache_states(client, paths).values()) == {"hit"}

    municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER,
                            reason="council vote")
    after = cache_states(client, paths)
    assert after[GENT] == "miss" and after[AALST] == "hit"
    assert {after[path] for path in LISTS.values()} == {"miss"}, after
    assert after[PRACTICES] == after[f"{PRACTICES}?q=opvang"] == "hit"
    assert "status-member" in client.get(LISTS["directory"]).content.decode()

    # A good practice published: the practice list and its search, and Gent's page.
    practice = make_practice(gent, title="Huurbuddy's voor vluchtelingen", status="submitted")
    cache_states(client, paths)
    network_services.practice_publish(practice=practice, by=make_coordinator())
    after = cache_states(client, paths)
    assert after[PRACTICES] == after[f"{PRACTICES}?q=opvang"] == after[GENT] == "miss"
    assert after[AALST] == "hit" and {after[path] for path in LISTS.values()} == {"hit"}
    assert "Huurbuddy" in client.get(PRACTICES).content.decode()
    assert "Huurbuddy" in client.get(GENT).content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_searches_are_kept_per_query_whatever_the_order_of_its_parameters(client):
    make_municipality("44021", "Gent")
    assert client.get("/municipalities/?q=gen&status=")["X-Page-Cache"] == "miss"
    assert client.get("/municipalities/?status=&q=gen")["X-Page-Cache"] == "hit"
    assert client.get("/fr/municipalities/?status=&q=gen")["X-Page-Cache"] == "miss"
    assert client.get(f"{PRACTICES}?q=opvang&page=1")["X-Page-Cache"] == "miss"
    assert client.get(f"{PRACTICES}?page=1&q=opvang")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(f"{PRACTICES}?q=opvang&utm_source=x")


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_browsers_get_kept_pages_compressed_and_the_same_page(client):
    """Every browser accepts gzip: a kept page goes out compressed (kept so once, when
    stored), miss and hit alike; other clients get it as it is; both vary on the header."""
    import gzip

    make_municipality("44021", "Gent")
    packed = [client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(2)]
    plain = client.get("/")
    assert [page["X-Page-Cache"] for page in [*packed, plain]] == ["miss", "hit", "hit"]
    assert "Content-Encoding" not in plain and "Gent" in plain.content.decode()
    for page in packed:
        assert page["Content-Encoding"] == "gzip" and "Accept-Encoding" in page["Vary"]
        assert gzip.decompress(page.content) == plain.content
        assert len(page.content) < len(plain.content) / 2
    assert "Accept-Encoding" in plain["Vary"]


def rendering_counted(monkeypatch, seconds: float) -> list:
    """Counts the renders of a municipality page, each made to last `seconds`, so that
    simultaneous requests all arrive while it renders."""
    renders = []
    original = places_selectors.municipality_by_code

    def slow_and_counted(code):
        renders.append(code)
        time.sleep(seconds)
        return original(code)

    monkeypatch.setattr(places_selectors, "municipality_by_code", slow_and_counted)
    return renders


def simultaneous_gets(path: str, count: int) -> list:
    barrier = threading.Barrier(count)
    answers, errors = [], []

    def visit():
        try:
            barrier.wait()
            response = Client().get(path)
            answers.append((response.status_code, response["X-Page-Cache"],
                            response.content.decode()))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_one_change_then_fifty_simultaneous_visitors_render_the_page_once(
        tmp_path, monkeypatch):
    gent = make_municipality("44021", "Gent")
    assert Client().get(GENT)["X-Page-Cache"] == "miss"
    renders = rendering_counted(monkeypatch, seconds=0.3)
    with database_shared_by_threads(tmp_path):
        municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER)
        answers = simultaneous_gets(GENT, SIMULTANEOUS)
        assert len(renders) == 1, f"{len(renders)} renders for one change"
        assert [status for status, _state, _body in answers] == [200] * SIMULTANEOUS
        states = [state for _status, state, _body in answers]
        # One renders the new version; meanwhile the others get the previous one at once.
        assert states.count("miss") == 1 and set(states) <= {"miss", "stale", "hit"}
        assert "tag--member" in Client().get(GENT).content.decode()  # the new version now

        # With no previous version (an empty cache), they wait for that one render.
        from django.core.cache import cache

        cache.clear()
        answers = simultaneous_gets(GENT, SIMULTANEOUS)
        assert len(renders) == 2
        assert {(status, state) for status, state, _body in answers} <= {
            (200, "miss"), (200, "hit")}
        assert len({body for _status, _state, body in answers}) == 1
