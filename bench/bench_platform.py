"""The platform under load, set up as in production: gunicorn workers with the production
settings on PostgreSQL (and Redis when it answers), static files collected.

Reports, beside a trivial Django view measured in the same run:
- requests/s and p95 latency under concurrent load for the home page, a municipality page, the
  map and the API list (those that exist), as a ratio to the trivial view (target >= 0.5);
- SQL queries per page with little data and with the seeded data set (target: the same);
- the compressed weight of each public page with what it loads (target <= 100 KB).

Runs in a child process with its own environment, so it never shares Django settings with the
other benchmarks. Environment: BENCH_DATABASE_URL (a PostgreSQL database this benchmark may
empty; default postgres://postgres@127.0.0.1:5432/solidair_bench), BENCH_SCALE (fraction of the
full data set, default 1.0), BENCH_SECONDS (load per URL, default 5), BENCH_CONCURRENCY (8).
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import Result, percentile

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/solidair_bench"
RATIO_TARGET = 0.5
WEIGHT_TARGET_KB = 100
MARKER = "BENCH-RESULTS "


def run() -> list[Result]:
    from solidair.core.testing import BASE_DIR, production_env, redis_available

    database = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    try:
        _recreate_database(database)
    except Exception as error:  # noqa: BLE001 - no PostgreSQL here: say so in the table
        return [Result(name="platform", value=float("nan"), unit="",
                       note=f"skipped: PostgreSQL not reachable ({type(error).__name__})")]
    overrides = {"DATABASE_URL": database, "API_RATE_LIMIT": "", "DB_CONN_MAX_AGE": "60",
                 "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    if redis_available("redis://127.0.0.1:6379/14"):
        overrides.update(REDIS_URL="redis://127.0.0.1:6379/14", CACHE_KEY_PREFIX="bench")
    child = subprocess.run([sys.executable, "-m", "bench.bench_platform"], cwd=BASE_DIR,
                           env=production_env(**overrides), text=True, stdout=subprocess.PIPE,
                           timeout=4 * 3600)
    rows = [line[len(MARKER):] for line in child.stdout.splitlines() if line.startswith(MARKER)]
    if child.returncode or not rows:
        raise RuntimeError(f"the platform benchmark failed (exit {child.returncode})")
    return [Result(**row) for row in json.loads(rows[-1])]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _recreate_database(url: str) -> None:
    """An empty database, migrated from scratch in the child: data migrations (the charter's
    text, ...) run again, which `flush` would have erased."""
    import psycopg
    from dj_database_url import parse

    name = parse(url)["NAME"]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def count_queries(client, url: str) -> int | None:
    """SQL queries one anonymous GET of `url` makes (None when the URL does not answer 200)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # measure the page's own queries, not the page cache
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return len(queries) if status == 200 else None


def queries_at_two_sizes(client, urls: list[str], grow) -> dict[str, tuple]:
    """{url: (queries with little data, queries after `grow()`)}: equal when the page does not
    issue a query per row."""
    small = {url: count_queries(client, url) for url in urls}
    grow()
    return {url: (small[url], count_queries(client, url)) for url in urls}


def page_weight(client, path: str) -> int:
    """Bytes, gzip-compressed, of the page and the same-site files it loads."""
    from solidair.core.tests.site_map import foreign_host, parse_page

    response = client.get(path)
    page = parse_page(path, response.content.decode())
    total = len(gzip.compress(response.content))
    for url in {url for _tag, _attribute, url in page.resources if not foreign_host(url)}:
        if url.startswith("data:"):
            continue
        resource = client.get(url)
        if resource.status_code == 200:
            body = b"".join(resource.streaming_content) if resource.streaming else resource.content
            total += len(gzip.compress(body))
    return total


def load(server, path: str, *, seconds: float, concurrency: int) -> tuple[float, float, int]:
    """(requests per second, p95 latency in ms, errors) for `path` under `concurrency` clients."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                ok = server.get(path, timeout=30).status == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - began
    p95 = percentile(latencies, 0.95) * 1000 if latencies else float("nan")
    return len(latencies) / duration, p95, errors[0]


def _path_of(url_name: str) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(url_name)
    except NoReverseMatch:
        return f"(no URL named {url_name})"


def _child() -> list[dict]:
    import django

    # Before setup, so this process (query counts, page weights) and gunicorn read the same
    # collected files and manifest.
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    os.environ["STATIC_ROOT"] = str(static_root)
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.seed import seed, seed_municipalities
    from solidair.core.testing import AppServer, collect_static
    from solidair.core.tests.site_map import crawl

    scale = float(os.environ.get("BENCH_SCALE", "1.0"))
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    concurrency = int(os.environ.get("BENCH_CONCURRENCY", "8"))
    _log("migrating the new benchmark database")
    call_command("migrate", verbosity=0)
    collect_static(static_root)

    from solidair.places.models import Municipality

    client = Client()
    seed_municipalities(20)
    nis = Municipality.objects.order_by("nis").values_list("nis", flat=True).first()
    pages = {"home": "/", "municipality page": f"/municipalities/{nis}/",
             "map": _path_of("places:map"), "API list": "/api/v1/municipalities/"}
    _log(f"seeding the data set (scale {scale}) and counting queries")
    counts = queries_at_two_sizes(client, list(pages.values()), lambda: seed(scale=scale))
    rows = []
    for label, url in pages.items():
        small, large = counts[url]
        if small is None or large is None:
            rows.append(dict(name=f"queries: {label}", value=float("nan"), unit="queries",
                             note=f"{url} does not answer yet"))
            continue
        rows.append(dict(name=f"queries: {label}", value=large, unit="queries", baseline=small,
                         target="same as with little data", ok=large == small,
                         note=f"{small} with 20 municipalities"))
    _log("measuring page weights")
    for page in crawl(client, limit=60):
        if page.path.startswith(("/fr/", "/en/", "/de/")):
            continue
        kilobytes = page_weight(client, page.path) / 1024
        rows.append(dict(name=f"weight: {page.path}"[:48], value=kilobytes, unit="KB gz",
                         target=f"<= {WEIGHT_TARGET_KB} KB", ok=kilobytes <= WEIGHT_TARGET_KB))
    _log("load testing gunicorn")
    workers = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
    with AppServer(dict(os.environ), workers=workers) as server:
        load(server, "/livez", seconds=1, concurrency=concurrency)  # warm up the workers
        trivial_rps, trivial_p95, _ = load(server, "/livez", seconds=seconds,
                                           concurrency=concurrency)
        rows.append(dict(name="load: trivial view (/livez)", value=trivial_rps, unit="req/s",
                         note=f"p95 {trivial_p95:.1f} ms, {workers} workers, "
                              f"{concurrency} clients"))
        for label, url in pages.items():
            if server.get(url).status != 200:
                rows.append(dict(name=f"load: {label}", value=float("nan"), unit="req/s",
                                 note=f"{url} does not answer yet"))
                continue
            rps, p95, errors = load(server, url, seconds=seconds, concurrency=concurrency)
            rows.append(dict(name=f"load: {label}", value=rps, unit="req/s",
                             baseline=trivial_rps, target=f"ratio >= {RATIO_TARGET}",
                             ok=rps / trivial_rps >= RATIO_TARGET and not errors,
                             note=f"p95 {p95:.1f} ms (trivial {trivial_p95:.1f} ms), "
                                  f"{errors} errors"))
            rows.append(dict(name=f"p95: {label}", value=p95, unit="ms", baseline=trivial_p95))
    return rows


if __name__ == "__main__":
    results = _child()
    print(MARKER + json.dumps(results), flush=True)
