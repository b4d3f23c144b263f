import contextlib
import socket

import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: a request to /fr/ must not leak French into the next test."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Rate limits and cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class _Recorder:
    """Collects what a real SMTP server received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos),
                              "message": message})
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) in the test process; Django sends to it over SMTP.

    `smtp_server.messages` lists what arrived: dicts with "from", "to" and "message" (an
    `email.message.EmailMessage`). `smtp_server.stop()` takes it down to test failures and
    `smtp_server.restart()` brings it back on the same port.
    """
    from aiosmtpd.controller import Controller

    recorder = _Recorder()
    port = _free_port()

    def start():
        recorder.controller = Controller(recorder, hostname="127.0.0.1", port=port)
        recorder.controller.start()

    start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    recorder.stop = lambda: recorder.controller.stop()
    recorder.restart = start
    yield recorder
    with contextlib.suppress(AssertionError, RuntimeError):  # already stopped by the test
        recorder.controller.stop()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Static files collected once per run, as a deployment does before starting gunicorn."""
    from solidair.core.testing import collect_static

    root = tmp_path_factory.mktemp("static")
    collect_static(root)
    return root


@pytest.fixture
def postgresql():
    """Skips unless the suite runs on PostgreSQL (DATABASE_URL=postgres://...)."""
    from solidair.core.testing import uses_postgresql

    if not uses_postgresql():
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (as CI does)")


@pytest.fixture
def redis_url():
    """A reachable Redis (SOLIDAIR_TEST_REDIS_URL, default redis://127.0.0.1:6379/15) or a skip."""
    from solidair.core.testing import REDIS_URL, redis_available

    if not redis_available(REDIS_URL):
        pytest.skip(f"needs Redis at {REDIS_URL} (.ci/run starts one)")
    return REDIS_URL


@pytest.fixture
def shared_redis_cache(settings, redis_url):
    """Point this test process's cache at Redis under a fresh key prefix, so the app servers it
    starts (given the same prefix) share the cache with it and with each other."""
    import secrets

    prefix = f"test-{secrets.token_hex(6)}"
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                   "LOCATION": redis_url, "KEY_PREFIX": prefix}}
    yield prefix
    from django.core.cache import cache

    cache.delete_pattern("*")  # only this prefix's keys


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_SOURCE = "solidair/core/tests/vendor/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"needs Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own database calls are
    # still synchronous, so Django may allow them here (never outside the browser tests).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _open_page(browser, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    # Anything the Content-Security-Policy blocks shows as a console error: collect them.
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    return context, page


@pytest.fixture
def page(browser):
    """A desktop-sized page (1280x800)."""
    context, desktop = _open_page(browser, viewport={"width": 1280, "height": 800})
    yield desktop
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page (375x812, touch), for the same journeys at phone width."""
    context, phone = _open_page(browser, viewport={"width": 375, "height": 812},
                                is_mobile=True, has_touch=True, device_scale_factor=2)
    yield phone
    context.close()


def _format_axe_violations(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} "
                     f"({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def _axe_source():
    from pathlib import Path

    return (Path(__file__).parent / AXE_SOURCE).read_text(encoding="utf-8")


@pytest.fixture
def axe_check(_axe_source):
    """`axe_check(page)`: run axe-core (WCAG 2.1 A and AA) on the page as it is now and fail
    with a readable list of violations. Also fails on Content-Security-Policy violations."""

    def check(page):
        # Evaluated through the DevTools protocol, so the page's CSP does not block it.
        page.evaluate(_axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        violations = result["violations"]
        assert not violations, (f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
                                + _format_axe_violations(violations))
        assert not page.csp_violations, f"CSP violations on {page.url}: {page.csp_violations}"

    return check
