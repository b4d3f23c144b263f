"""Pages make the same number of SQL queries however much data there is (no query per row)."""

import io

import pytest

from bench import seed as seed_module
from bench.bench_platform import queries_at_two_sizes
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

NIS = [f"9{number:04d}" for number in range(12)]


def _municipalities(count, stdout):
    for index, nis in enumerate(NIS[:count]):
        make_municipality(nis, f"Gemeente {index}", f"Commune {index}",
                          postal_codes=(f"{1000 + index}",))


def test_public_pages_make_a_constant_number_of_queries(client, monkeypatch):
    # Twelve municipalities with a little of everything, then five times as many signatures,
    # offers and practices spread over them by the apps' benchmark seeds.
    monkeypatch.setitem(seed_module.SIZES, "municipalities", len(NIS))
    monkeypatch.setattr(seed_module, "seed_municipalities", _municipalities)
    seed_module.seed(scale=0.0002, stdout=io.StringIO())
    urls = ["/", f"/municipalities/{NIS[0]}/", "/map/", "/campaign/ranking/",
            "/network/practices/", "/charter/members/", "/api/v1/municipalities/",
            f"/api/v1/municipalities/{NIS[0]}/", "/api/v1/good-practices/"]
    # A page that stops answering fails here rather than leaving the comparison unnoticed.
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)

    counts = queries_at_two_sizes(
        client, urls, lambda: seed_module.seed(scale=0.001, stdout=io.StringIO()))
    # count_queries gives None for a page that did not answer 200: that is a failure too.
    assert not [url for url, pair in counts.items() if None in pair], counts
    assert {url: large for url, (_, large) in counts.items()} == {
        url: small for url, (small, _) in counts.items()}
