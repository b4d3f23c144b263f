"""The learning network: a 50-practice brochure with the map, and search over 5,000 practices.

Search runs on PostgreSQL (DATABASE_URL, or the local solidair_network database) in a throw-away
test database; the baseline is a primary-key lookup of a practice in the same run.
"""

import os
import random
import time

from bench.common import Result, median_seconds, percentile, setup_django

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/solidair_network"
PRACTICES = 5000
QUERIES = ["opvang", "école", "vrijwilligers huisvesting", "Réfugiés", "voogd", "LOI Gent",
           "bénévoles", "schools", "huurwaarborg", "integratie", "dossier1234", "Dossier77 opvang"]

WORDS = [
    "opvang", "vluchtelingen", "vrijwilligers", "huisvesting", "school", "voogd", "pleegouder",
    "buurt", "gemeente", "ocmw", "loi", "huurwaarborg", "sport", "vereniging", "taal", "werk",
    "integratie", "onthaal", "gezin", "jongeren", "école", "réfugiés", "bénévoles", "logement",
    "accueil", "tuteur", "quartier", "commune", "emploi", "volunteers", "housing", "schools",
    "guardians", "welcome",
]

SVG = ("<svg xmlns='http://www.w3.org/2000/svg' width='800' height='500' viewBox='0 0 800 500'>"
       + "".join(f"<path d='M{x} {y} l30 0 l0 30 l-30 0 z' fill='#0b6e4f' stroke='#fff'/>"
                 for x in range(0, 800, 32) for y in range(0, 500, 32)) + "</svg>")


def _text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _make_practices(count, rng):
    from django.utils import timezone

    from solidair.network.models import GoodPractice, PracticeActivity
    from solidair.network.search import normalise
    from solidair.places.testing import make_municipality

    municipalities = [make_municipality(f"{10000 + i}", f"Gemeente {i}", f"Commune {i}",
                                        province_code=f"{20000 + i % 5}") for i in range(20)]
    practices = []
    for i in range(count):
        # A rare word per practice, so some queries match one row (the index's best case).
        texts = {"title": f"{_text(rng, 5).capitalize()} dossier{i}", "context": _text(rng, 40),
                 "actions": _text(rng, 60), "results": _text(rng, 30), "cost": _text(rng, 10),
                 "partners": _text(rng, 5), "lessons": _text(rng, 20)}
        municipality = municipalities[i % len(municipalities)]
        practices.append(GoodPractice(
            municipality=municipality, language=rng.choice(["nl", "nl", "fr", "en"]),
            contact="x@example.org", status="published", published_at=timezone.now(),
            year=rng.choice([2023, 2024, 2025]),
            search_text=normalise(" ".join([municipality.name_nl, *texts.values()])), **texts))
    created = GoodPractice.objects.bulk_create(practices, batch_size=500)
    PracticeActivity.objects.bulk_create(
        [PracticeActivity(practice=p, activity=a) for p in created
         for a in rng.sample(range(1, 11), 2)], batch_size=1000)
    return created


def _bench_brochure(rng) -> list[Result]:
    from solidair.network import brochure as builder
    from solidair.network.models import Brochure

    practices = _make_practices(50, rng)
    meeting_less = Brochure(title="Benchmark", introduction=_text(rng, 200), version=1)
    loaded = list(type(practices[0]).objects.filter(pk__in=[p.pk for p in practices])
                  .select_related("municipality").prefetch_related("activities",
                                                                   "translations"))
    pdf = builder.render(meeting_less, loaded, language="nl", svg=SVG)
    seconds = median_seconds(
        lambda: builder.render(meeting_less, loaded, language="nl", svg=SVG), repeat=5, warmup=1)
    pages = builder.page_count(pdf)
    return [
        Result("network: brochure of 50 practices with map", seconds * 1000, "ms",
               target="< 1000 ms", ok=seconds < 1.0, note=f"{pages} pages"),
        Result("network: brochure pages", pages, "pages"),
    ]


def _bench_search(rng) -> list[Result]:
    from django.db import connection

    from solidair.network.models import GoodPractice
    from solidair.network.selectors import search_practices

    _make_practices(PRACTICES - 50, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE network_goodpractice")
    ids = list(GoodPractice.objects.values_list("pk", flat=True))

    def search_once(query):
        return list(search_practices(q=query)[:20])

    def lookup_once():
        return GoodPractice.objects.filter(pk=rng.choice(ids)).first()

    for query in QUERIES:
        search_once(query)
    search_times, lookup_times = [], []
    for _ in range(20):
        for query in QUERIES:
            start = time.perf_counter()
            search_once(query)
            search_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            lookup_once()
            lookup_times.append(time.perf_counter() - start)
    p95 = percentile(search_times, 0.95) * 1000
    baseline = percentile(lookup_times, 0.95) * 1000
    uses_index = "network_goodpractice_search_gin" in search_practices(q="dossier1234").explain()
    return [Result(f"network: search p95 over {len(ids)} practices", p95, "ms",
                   baseline=baseline, target="< 50 ms", ok=p95 < 50,
                   note=f"{connection.vendor}; baseline pk lookup p95; "
                        f"GIN index {'used' if uses_index else 'NOT used'} for a rare word")]


def run() -> list[Result]:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    setup_django()
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    rng = random.Random(6)
    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        return _bench_brochure(rng) + _bench_search(rng)
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()
