"""/api/v1/docs: interactive documentation from the project's own files, under the strict CSP."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.loaded, self.inline_scripts = [], []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.loaded.append(attrs["src"])
            self._in_script = attrs.get("type", "text/javascript")
        elif tag == "link" and attrs.get("href"):
            self.loaded.append(attrs["href"])
        elif tag == "style" or "style" in attrs:
            self.inline_scripts.append(("style", tag))

    def handle_data(self, data):
        if self._in_script and data.strip() and self._in_script != "application/json":
            self.inline_scripts.append(("script", data.strip()[:40]))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def test_the_docs_load_only_the_projects_own_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    page = Resources()
    page.feed(response.content.decode())
    assert any(path.endswith("swagger-ui-bundle.js") for path in page.loaded)
    for path in page.loaded:
        assert not urlsplit(path).netloc and path.startswith("/static/"), path
        assert finders.find(path.removeprefix("/static/")), path
    assert page.inline_scripts == []  # nothing the CSP would block


def test_the_footer_links_to_the_docs(client):
    assert 'href="/api/v1/docs"' in client.get("/").content.decode()


def test_every_operation_has_a_summary_a_description_and_an_example(client):
    schema = client.get("/api/v1/openapi.json").json()
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            examples = [media for response in operation["responses"].values()
                        for media in response.get("content", {}).values() if "example" in media]
            if not (operation.get("summary") and operation.get("description") and examples):
                missing.append(f"{method.upper()} {path}")
    assert not missing, missing


def test_the_docs_run_in_a_browser_without_a_csp_violation(live_server, page):
    foreign = []
    origin = urlsplit(live_server.url).netloc
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).netloc not in {origin, ""} else None)
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)  # the operations are listed
    assert page.locator("text=/api/v1/municipalities/").first.is_visible()
    assert page.csp_violations == []
    assert not [url for url in foreign if not url.startswith("data:")], foreign
