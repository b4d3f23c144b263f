"""Pages make the same number of SQL queries however much data there is (no query per row)."""

import io

import pytest
from django.test import Client

from bench import seed as seed_module
from bench.bench_platform import count_queries
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter.tests.factories import member
from solidair.places.models import Municipality
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
    # The first one is a member, with its commitments' own pages.
    member(Municipality.objects.get(nis=NIS[0]))
    urls = ["/", f"/municipalities/{NIS[0]}/", "/map/", "/map.svg", "/municipalities/",
            "/campaign/ranking/", "/network/practices/", "/network/practices/?q=huurbuddy",
            "/charter/members/", "/charter/figures/", "/api/v1/commitments/",
            f"/municipalities/{NIS[0]}/commitments/reception/",
            "/api/v1/municipalities/",
            f"/api/v1/municipalities/{NIS[0]}/", "/api/v1/good-practices/"]
    # The pages officers and coordinators use every day, for the municipality with the most
    # co-signatures (the seeds give the first one the largest share).
    clients = {"anonymous": client, "officer": Client(), "coordinator": Client()}
    login(clients["officer"], make_officer(Municipality.objects.get(nis=NIS[0])))
    login(clients["coordinator"], make_coordinator())
    pages = ([("anonymous", url) for url in urls]
             + [("officer", url)
                for url in ("/account/", f"/municipalities/{NIS[0]}/co-signatories/")]
             + [("coordinator", url)
                for url in ("/account/", "/charter/review/", "/campaign/held/")])
    # A page that stops answering fails here rather than leaving the comparison unnoticed.
    statuses = {(who, url): clients[who].get(url).status_code for who, url in pages}
    assert statuses == dict.fromkeys(statuses, 200), statuses

    small = {(who, url): count_queries(clients[who], url) for who, url in pages}
    seed_module.seed(scale=0.001, stdout=io.StringIO())
    large = {(who, url): count_queries(clients[who], url) for who, url in pages}
    # count_queries gives None for a page that did not answer 200: that is a failure too.
    assert None not in large.values(), large
    assert large == small
