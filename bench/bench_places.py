"""Requests per second of the map page and a municipality page, against a trivial Django view
served by the same production-like server (gunicorn, DEBUG off, whitenoise) in the same run.

The database is a SQLite file under var/bench/ with the reference data loaded, or the
PostgreSQL database in DATABASE_URL when it is set. Load comes from a few threads on loopback,
bounded in requests and in time.
"""

import gzip
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import Result

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
THREADS = 4
SECONDS = 2.5
MAX_REQUESTS = 2000
ROUNDS = 3  # pages measured in turn, each round; the best rate of each counts (least noise)
PAGES = {
    "trivial view": "/bench/trivial/",
    "map page": "/map/",
    "municipality page": "/municipalities/44088/",
    # An unknown query parameter bypasses the page cache (the SVG itself stays cached): what
    # a page costs to render.
    "map page, rendered": "/map/?bench=1",
    "municipality page, rendered": "/municipalities/44088/?bench=1",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(port: int) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.places_settings",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "SOLIDAIR_VAR_DIR": str(VAR),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{VAR / 'places.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    })
    return env


def _prepare(env: dict) -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    for command in (["migrate", "--no-input", "-v0"], ["load_reference_data", "--no-progress"],
                    ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            _get(port, "/bench/trivial/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 30 s")


def _requests_per_second(port: int, path: str) -> float:
    for _ in range(5):  # warm caches (the rendered map, templates)
        status, _body = _get(port, path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    done, errors = [0], [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + SECONDS

    def worker():
        while time.monotonic() < stop_at:
            with lock:
                if done[0] >= MAX_REQUESTS:
                    return
                done[0] += 1
            status, _body = _get(port, path)
            if status != 200:
                with lock:
                    errors[0] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    if errors[0]:
        raise RuntimeError(f"{path}: {errors[0]} requests failed")
    return done[0] / elapsed


def run() -> list[Result]:
    port = _free_port()
    env = _environment(port)
    _prepare(env)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env)
    try:
        _wait_until_up(port, server)
        rates = dict.fromkeys(PAGES, 0.0)
        for _round in range(ROUNDS):
            for name, path in PAGES.items():
                rates[name] = max(rates[name], _requests_per_second(port, path))
        _status, map_body = _get(port, PAGES["map page"])
    finally:
        server.terminate()
        server.wait(timeout=30)
    baseline = rates["trivial view"]
    results = [Result(name="places: trivial Django view", value=baseline, unit="req/s")]
    for name in ("map page", "municipality page"):
        ratio = rates[name] / baseline
        results.append(Result(name=f"places: {name}", value=rates[name], unit="req/s",
                              baseline=baseline, target="ratio >= 0.5", ok=ratio >= 0.5))
    for name in ("map page, rendered", "municipality page, rendered"):
        results.append(Result(name=f"places: {name}", value=rates[name], unit="req/s",
                              baseline=baseline, note="page cache bypassed; informative"))
    compressed_kb = len(gzip.compress(map_body)) / 1024
    results.append(Result(name="places: map page weight (gzip)", value=compressed_kb, unit="KB",
                          target="<= 100 KB", ok=compressed_kb <= 100,
                          note=f"{len(map_body) / 1024:.0f} KB uncompressed"))
    return results
