"""Where each page spends its time, rendered without the page cache or the API's answer cache.

    DATABASE_URL=postgres://... DJANGO_SETTINGS_MODULE=config.settings.production ... \\
        python -m bench.profile_pages [--profile] [substring | =exact name ...]

Against an already seeded database (`bench.seed.seed(scale=...)`): for each page of PAGES (the
public pages, the API answers and the pages officers and coordinators use every day) it prints
the median render time (wall and CPU) in-process (Django's test client, warm: the page's own
fragment caches are filled, as they are under load) and its number of SQL queries; with
`--profile`, also a pyinstrument profile of 20 renders (pyinstrument is not a dependency:
`pip install pyinstrument`). Not run by `make bench` and not a test: a tool for docs/performance.md.
"""

import os
import statistics
import sys
import time

PUBLIC = ["/", "/municipalities/44021/", "/municipalities/11001/", "/map.svg",
          "/municipalities/", "/network/practices/", "/network/practices/?q=opvang",
          "/api/v1/municipalities/", "/api/v1/municipalities/44021/"]
OFFICER_NIS = "11001"  # the municipality with the most co-signatures in the bench data
OFFICER = ["/account/", f"/municipalities/{OFFICER_NIS}/co-signatories/"]
COORDINATOR = ["/account/", "/charter/review/", "/campaign/held/"]


def signed_in_clients():
    """(officer client, coordinator client), signed in past two-factor; the users are made
    once, marked as bench data by their example.invalid addresses."""
    from django.test import Client

    from solidair.accounts.models import OfficerAssignment, User
    from solidair.accounts.testing import login
    from solidair.places.models import Municipality

    officer, _ = User.objects.get_or_create(email="bench-officer@bench.invalid")
    OfficerAssignment.objects.get_or_create(
        user=officer, municipality=Municipality.objects.get(nis=OFFICER_NIS))
    coordinator, _ = User.objects.get_or_create(email="bench-coordinator@bench.invalid",
                                                defaults={"is_coordinator": True})
    clients = []
    for user in (officer, coordinator):
        client = Client()
        login(client, user)
        clients.append(client)
    return clients


def measure(client, url: str, *, repeat: int = 15) -> tuple[float, float, int, int]:
    """(median ms, median ms of this process's CPU, SQL queries, status) of `repeat` warm
    renders of `url`. On a shared machine the CPU time varies less than the wall time; the
    difference is mostly waiting for PostgreSQL."""
    from django.db import connection

    client.get(url)  # warm: per-process and fragment caches
    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        status = client.get(url).status_code
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times) * 1000, statistics.median(cpu) * 1000, len(queries), status


def main(arguments: list[str]) -> None:
    import django
    from django.conf import settings

    django.setup()
    settings.PAGE_CACHE_PAGES = {}
    settings.API_CACHE = {}
    from django.test import Client

    profile = "--profile" in arguments
    selected = [a for a in arguments if not a.startswith("--")]
    officer, coordinator = signed_in_clients()
    pages = ([("anonymous", Client(), url) for url in PUBLIC]
             + [("officer", officer, url) for url in OFFICER]
             + [("coordinator", coordinator, url) for url in COORDINATOR])
    for who, client, url in pages:
        name = f"{who} {url}"
        if selected and not any(name == s[1:] if s.startswith("=") else s in name
                                for s in selected):
            continue
        ms, cpu, queries, status = measure(client, url)
        print(f"{who:<12} {url:<42} {ms:7.1f} ms {cpu:7.1f} ms CPU {queries:3d} queries  "
              f"{status}", flush=True)
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(20):
                    client.get(url)
            print(profiler.output_text(unicode=False, color=False, show_all=False,
                                       short_mode=os.environ.get("PROFILE_SHORT", "1") == "1"))


if __name__ == "__main__":
    main(sys.argv[1:])
