"""Pages make the same number of SQL queries however much data there is (no query per row)."""

import pytest

from bench.bench_platform import queries_at_two_sizes
from bench.seed import seed_municipalities

pytestmark = pytest.mark.django_db


def test_public_pages_make_a_constant_number_of_queries(client):
    seed_municipalities(5)
    nis = "90000"
    urls = ["/", "/credits/", f"/municipalities/{nis}/", "/api/v1/openapi.json"]
    counts = queries_at_two_sizes(client, urls, lambda: seed_municipalities(60))
    assert all(small is not None for small, _ in counts.values()), counts
    assert {url: large for url, (_, large) in counts.items()} == {
        url: small for url, (small, _) in counts.items()}
