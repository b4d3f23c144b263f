"""The platform under load, set up as in production: gunicorn workers with the production
settings on PostgreSQL (and Redis when it answers), static files collected.

Reports, beside the trivial view `/livez` measured on the same server in the same run:
- requests/s, p95 and p99 latency under concurrent load for every public page and API answer
  of PUBLIC, twice: served as in production (page cache and API answer cache on; target ratio
  >= 0.8) and rendered for every request (`bench.nocache_settings`; target >= 0.3); and the
  pages officers and coordinators use every day (SIGNED_IN, no cache; target >= 0.2);
- SQL queries per page with little data and with the seeded data set (target: the same);
- the compressed weight of each public page with what it loads (target <= 100 KB).

Runs in a child process with its own environment, so it never shares Django settings with the
other benchmarks. Environment: BENCH_DATABASE_URL (a PostgreSQL database this benchmark may
empty; default postgres://postgres@127.0.0.1:5432/solidair_bench), BENCH_SCALE (fraction of the
full data set, default 1.0), BENCH_SECONDS (load per URL, default 5), BENCH_CONCURRENCY (16),
BENCH_WORKERS (2 x cores + 1), BENCH_REDIS_URL (a Redis database this benchmark may empty;
default redis://127.0.0.1:6379/14, used when it answers).
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
# Ratio of a page's rate to the trivial view's, on the same server in the same run.
TARGET_CACHED = 0.8  # public pages and API answers with the page cache, as in production
TARGET_RENDERED = 0.3  # the same rendered for every request
TARGET_SIGNED_IN = 0.2  # pages of signed-in officers and coordinators (never cached)
# (label, path): every public page and API answer of issue 14's table.
PUBLIC = [
    ("home", "/"),
    ("municipality page 44021", "/municipalities/44021/"),
    ("municipality page 11001 (most)", "/municipalities/11001/"),
    ("map.svg", "/map.svg"),
    ("directory", "/municipalities/"),
    ("API list", "/api/v1/municipalities/"),
    ("API detail 44021", "/api/v1/municipalities/44021/"),
    ("practices", "/network/practices/"),
    ("practices ?q=opvang", "/network/practices/?q=opvang"),
]
WEIGHT_TARGET_KB = 100
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}
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
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    if redis_available(redis_url):
        overrides.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX="bench")
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


def load(server, path: str, *, seconds: float, concurrency: int,
         headers: dict | None = None) -> tuple[float, float, float, int]:
    """(requests per second, p95 and p99 latency in ms, errors) for `path` under `concurrency`
    clients, each sending `headers` (a session cookie) and accepting gzip, as every browser
    does (the body is counted as it comes, not decompressed)."""
    headers = {**BROWSER_HEADERS, **(headers or {})}
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                ok = server.get(path, timeout=30, headers=headers).status == 200
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
    p95, p99 = (percentile(latencies, share) * 1000 if latencies else float("nan")
                for share in (0.95, 0.99))
    return len(latencies) / duration, p95, p99, errors[0]


def signed_in_pages() -> list[tuple[str, str, dict]]:
    """(label, path, headers with a session cookie) of the pages officers and coordinators use
    every day: their homes, the co-signatories of the municipality with the most, the review
    queue."""
    from django.conf import settings

    from bench.profile_pages import COORDINATOR, OFFICER, OFFICER_NIS, signed_in_clients

    officer, coordinator = signed_in_clients()
    labels = {"/account/": "home", f"/municipalities/{OFFICER_NIS}/co-signatories/":
              f"co-signatories {OFFICER_NIS}", "/charter/review/": "review queue",
              "/campaign/held/": "held co-signatures"}
    pages = []
    for who, client, paths in (("officer", officer, OFFICER),
                               ("coordinator", coordinator, COORDINATOR)):
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"}
        pages += [(f"{who}: {labels[path]}", path, headers) for path in paths]
    return pages


def _load_rows(server, pages, *, kind: str, target: float, seconds: float,
               concurrency: int, workers: int) -> list[dict]:
    """The trivial view's rate on `server`, then each of `pages` against the trivial view's
    rate measured just before and just after it (their mean): on a shared machine the speed
    drifts within a run (`/livez` from 1494 to 947 req/s between two servers of one run), and
    a ratio to a rate measured minutes earlier would measure that drift, not the page."""
    load(server, "/livez", seconds=1, concurrency=concurrency)  # warm up the workers
    trivial_rps, trivial_p95, trivial_p99, _ = load(server, "/livez", seconds=seconds,
                                                    concurrency=concurrency)
    rows = [dict(name=f"load ({kind}): trivial view /livez", value=trivial_rps, unit="req/s",
                 note=f"p95 {trivial_p95:.1f} ms, p99 {trivial_p99:.1f} ms, {workers} workers, "
                      f"{concurrency} clients")]
    before = trivial_rps
    for label, url, headers in pages:
        if server.get(url, headers=headers).status != 200:
            rows.append(dict(name=f"load ({kind}): {label}", value=float("nan"), unit="req/s",
                             note=f"{url} does not answer 200"))
            continue
        load(server, url, seconds=min(1.0, seconds), concurrency=concurrency, headers=headers)
        rps, p95, p99, errors = load(server, url, seconds=seconds, concurrency=concurrency,
                                     headers=headers)
        after = load(server, "/livez", seconds=max(1.0, seconds / 2),
                     concurrency=concurrency)[0]
        baseline, before = (before + after) / 2, after
        rows.append(dict(name=f"load ({kind}): {label}"[:48], value=rps, unit="req/s",
                         baseline=baseline, target=f"ratio >= {target}",
                         ok=rps / baseline >= target and not errors,
                         note=f"p95 {p95:.0f} ms, p99 {p99:.0f} ms, {errors} errors"))
    return rows


def _every_section_shows(urls: list[str]) -> None:
    """Each municipality page of the benchmark gets a published practice of its own with
    little data too: its practices' translations are read once when it has practices, so
    without one the count with little data would be one query short of the count with the
    data set, where every page has some."""
    from solidair.network.models import GoodPractice, PracticeActivity

    template = GoodPractice.objects.filter(contact="bench").first()
    for url in urls:
        nis = url.rstrip("/").rsplit("/", 1)[-1]
        if not url.startswith("/municipalities/") or not nis.isdigit() or \
                GoodPractice.objects.filter(municipality_id=nis).exists():
            continue
        practice = GoodPractice.objects.get(pk=template.pk)
        practice.pk, practice.municipality_id = None, nis
        practice.save()
        PracticeActivity.objects.create(practice=practice, activity=1)


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
    concurrency = int(os.environ.get("BENCH_CONCURRENCY", "16"))
    _log("migrating the new benchmark database")
    call_command("migrate", verbosity=0)
    collect_static(static_root)

    client = Client()
    # Little data first (a few signatures, offers and one practice, so that every section of
    # the pages shows), then the data set: a page whose query count grows queries per row.
    seed_municipalities(20)
    seed(scale=min(scale, 0.0002))
    _every_section_shows([url for _label, url in PUBLIC])
    pages = dict(PUBLIC)
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
                         note=f"{small} with little data"))
    _log("measuring page weights")
    for page in crawl(client, limit=60):
        if page.path.startswith(("/fr/", "/en/", "/de/")):
            continue
        kilobytes = page_weight(client, page.path) / 1024
        rows.append(dict(name=f"weight: {page.path}"[:48], value=kilobytes, unit="KB gz",
                         target=f"<= {WEIGHT_TARGET_KB} KB", ok=kilobytes <= WEIGHT_TARGET_KB))
    signed_in = signed_in_pages()
    public = [(label, url, None) for label, url in PUBLIC]
    workers = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
    options = dict(seconds=seconds, concurrency=concurrency, workers=workers)
    _log("load testing gunicorn with the page cache (production settings)")
    with AppServer(dict(os.environ), workers=workers) as server:
        rows += _load_rows(server, public, kind="cache", target=TARGET_CACHED, **options)
    _log("load testing gunicorn without the page cache")
    rendered = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.nocache_settings"}
    with AppServer(rendered, workers=workers) as server:
        rows += _load_rows(server, public + signed_in, kind="no cache",
                           target=TARGET_RENDERED, **options)
    for row in rows:  # the signed-in pages' own target
        if row["name"].startswith(("load (no cache): officer", "load (no cache): coordinator")) \
                and "baseline" in row:
            row["target"] = f"ratio >= {TARGET_SIGNED_IN}"
            row["ok"] = row["value"] / row["baseline"] >= TARGET_SIGNED_IN \
                and row["note"].endswith(" 0 errors")
    return rows


if __name__ == "__main__":
    results = _child()
    print(MARKER + json.dumps(results), flush=True)
