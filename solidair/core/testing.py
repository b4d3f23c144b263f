"""Helpers for tests and benchmarks that run the site the way production does: real gunicorn
processes with the production settings, against PostgreSQL and Redis."""

import contextlib
import email.message
import http.client
import http.cookies
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]  # importable before Django is set up (bench)
REDIS_URL = os.environ.get("SOLIDAIR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides: str) -> dict:
    """The environment for `config.settings.production` on this machine, with safe local values
    for every required variable. `overrides` win (e.g. DATABASE_URL, REDIS_URL)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",  # no TLS proxy in front of a test server
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "9",
        "LOG_LEVEL": "ERROR",
        # Its own var/ (the cache in files, without Redis): nothing kept from an earlier run.
        "SOLIDAIR_VAR_DIR": tempfile.mkdtemp(prefix="solidair-server-"),
    })
    env.update(overrides)
    return env


def database_url_of_current_test_database() -> str:
    """A DATABASE_URL for the database the running tests use (PostgreSQL only)."""
    from django.db import connection

    params = connection.settings_dict
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return (f"postgres://{auth}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/"
            f"{params['NAME']}")


def redis_available(url: str = REDIS_URL) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means not reachable
        return False


def uses_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@contextlib.contextmanager
def database_shared_by_threads(directory: Path):
    """Run the block against a database that threads share the way the site's processes do.

    On PostgreSQL that is the test database itself. An in-memory SQLite test database can be
    shared between threads only with table locks that fail at once ("database table is
    locked") instead of waiting as the site's file database does; so on SQLite the block runs
    on a copy of the test database in `directory`, opened with the site's own options
    (`SQLITE_OPTIONS` in config/settings/base.py: WAL, a busy timeout, IMMEDIATE transactions).
    Every thread's connection, this one's too, goes to the copy until the block ends; what the
    block writes stays in the copy. Threads should close their connections when done
    (`connections.close_all()`).
    """
    import sqlite3

    from django.conf import settings
    from django.db import connections

    original = connections["default"]
    if original.vendor != "sqlite":
        yield
        return
    path = Path(directory) / "shared.sqlite3"
    original.ensure_connection()
    target = sqlite3.connect(path)
    try:
        original.connection.backup(target)
    finally:
        target.close()
    original_settings = connections.settings["default"]
    shared_settings = {**original_settings, "NAME": str(path),
                       "OPTIONS": dict(settings.SQLITE_OPTIONS)}
    connections.settings["default"] = shared_settings  # what new threads connect to
    shared = connections.create_connection("default")
    connections["default"] = shared  # this thread
    try:
        yield
    finally:
        shared.close()
        connections.settings["default"] = original_settings
        connections["default"] = original


class AppServer:
    """One gunicorn process serving config.wsgi on 127.0.0.1 with the given environment."""

    def __init__(self, env: dict, *, workers: int = 2, threads: int = 1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.workers, self.threads = workers, threads
        self.process = None

    def start(self, timeout: float = 30) -> "AppServer":
        command = [sys.executable, "-m", "gunicorn", "config.wsgi:application",
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                   "--threads", str(self.threads), "--timeout", "60",
                   "--graceful-timeout", "5", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=self.env)  # noqa: S603
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            with contextlib.suppress(OSError):
                if self.get("/livez").status == 200:
                    return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def request(self, path: str, *, method: str = "GET", body: bytes | None = None,
                headers: dict | None = None, timeout: float = 10) -> "Reply":
        """One HTTP request, redirects not followed. Connection errors raise OSError."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> "Reply":
        return self.request(path, **kwargs)


@dataclass
class Reply:
    status: int
    headers: email.message.Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Visitor:
    """A browser-like visitor keeping its cookies while it talks to one server or another,
    as happens behind a load balancer."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, server: AppServer, path: str, *, method: str = "GET",
                data: dict | None = None) -> Reply:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        reply = server.request(path, method=method, body=body, headers=headers)
        for header in reply.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return reply

    def get(self, server: AppServer, path: str) -> Reply:
        return self.request(server, path)

    def post(self, server: AppServer, path: str, data: dict) -> Reply:
        return self.request(server, path, method="POST",
                            data={"csrfmiddlewaretoken": self.csrf_token(server, path), **data})

    def csrf_token(self, server: AppServer, path: str) -> str:
        """The form's CSRF token, read from the page as a browser would."""
        page = self.get(server, path).text
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else ""


def collect_static(static_root: Path) -> None:
    """What a deployment does before starting gunicorn (the production storage needs its
    manifest)."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=BASE_DIR,
        check=True, env=production_env(STATIC_ROOT=str(static_root),
                                        DATABASE_URL="postgres://unused@127.0.0.1/unused"))
