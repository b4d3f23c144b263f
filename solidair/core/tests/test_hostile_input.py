"""Hostile input to every public page, form and API operation: no server error, reflected input
escaped, nothing stored that should not be. The surface is discovered (URL resolver, links,
forms, OpenAPI schema), so the apps' pages and endpoints are covered as they land."""

import json
import re
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import models

from solidair.core.tests.site_map import api_operations, crawl, sample_paths
from solidair.places.testing import make_municipality

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

SCRIPT = '<script>alert("solidair")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = [
    SCRIPT,
    ATTRIBUTE,
    "' OR '1'='1'; DROP TABLE places_municipality; --",
    "x" * 10_000,
    "\u202egnp.exe\u202c Gent",  # right-to-left override
    "Gent\x00Leuven",  # NUL byte
    "\ufeff𝔊𝔢𝔫𝔱 ﷽ ä\u0308 \u200b\u2028",  # BOM, astral letters, combining mark, separators
    "{{ 7|add:7 }} {% now 'Y' %} ${7*7}",
    "../../../../etc/passwd",
    "\r\nSet-Cookie: injected=1",
    "-1",
    "99999999999999999999999",
]
# Wrong shapes: several values where one is expected, an empty value.
WRONG_SHAPES = [["a", "b"], [""]]
JSON_BODIES = ['{"x": ', "null", "[]", "123", '"text"', "true",
               json.dumps({"name": [1, 2], "email": {"a": None}, "nis": 4.5})]
# Names a search or list page may read, besides the fields of the forms found on it.
COMMON_PARAMETERS = ["q", "page", "postal_code", "nis", "status", "region", "province", "sort",
                     "order", "lang", "next", "format", "year"]


def _assert_safe(response, what: str):
    assert response.status_code < 500, f"{response.status_code} for {what}"
    if "html" in response.get("Content-Type", ""):
        body = response.content.decode("utf-8", "replace")
        assert SCRIPT not in body and "<img src=x onerror" not in body, f"reflected: {what}"


@pytest.fixture
def pages(client):
    make_municipality("44021", "Gent")
    return crawl(client, start=["/municipalities/44021/"])


def _one_page_per_view(pages):
    """The same view in another language reads its parameters the same way: test it once."""
    by_path = {}
    for page in pages:
        path = page.path.partition("?")[0]
        by_path.setdefault(re.sub(r"^/(fr|en|de)/", "/", path), page)
    return list(by_path.values())


def test_hostile_query_parameters_on_every_public_page(client, pages):
    for page in _one_page_per_view(pages):
        names = set(COMMON_PARAMETERS)
        names.update(name for form in page.forms if form.method == "get" for name in form.fields)
        path = page.path.partition("?")[0]
        for payload in HOSTILE:
            _assert_safe(client.get(path, {name: payload for name in names}), f"GET {path}")
        for shape in WRONG_SHAPES:
            _assert_safe(client.get(path, {name: shape for name in names}), f"GET {path}")


def _send_hostile_forms(client, pages):
    forms = {(form.method, form.action): form for page in pages for form in page.forms}
    assert forms, "no public form found: the crawl is broken"
    for (method, action), form in forms.items():
        fields = [name for name in form.fields if name != "csrfmiddlewaretoken"]
        send = client.post if method == "post" else client.get
        for payload in [*HOSTILE, *WRONG_SHAPES]:
            response = send(action, {name: payload for name in fields})
            _assert_safe(response, f"{method.upper()} {action}")


def test_hostile_values_in_every_public_form(client, pages):
    _send_hostile_forms(client, pages)


def test_hostile_posts_to_every_url_of_the_resolver(client):
    """Also the URLs no public page links to (token links, form targets, actions)."""
    make_municipality("44021", "Gent")
    paths = sample_paths({"nis": "44021"})
    assert "/municipalities/44021/" in paths
    for path in paths:
        for payload in [SCRIPT, "x" * 10_000, "Gent\x00Leuven", ["a", "b"]]:
            data = {name: payload for name in COMMON_PARAMETERS + ["email", "name", "text",
                                                                   "token", "password"]}
            _assert_safe(client.post(path, data), f"POST {path}")
        _assert_safe(client.get(path, {"q": SCRIPT, "token": "x" * 500}), f"GET {path}")


def test_hostile_input_to_every_api_operation(client):
    for method, template, operation in api_operations(client):
        parameters = operation.get("parameters", [])
        for payload in HOSTILE:
            path = re.sub(r"\{[^}]+\}", quote(payload[:200], safe=""), template)
            query = {p["name"]: payload for p in parameters if p.get("in") == "query"}
            if method == "GET":
                response = client.get(path, query)
            else:
                response = client.generic(method, path + "?" + "&".join(
                    f"{quote(k)}={quote(v)}" for k, v in query.items()),
                    json.dumps({"value": payload}), content_type="application/json")
            _assert_safe(response, f"{method} {template}")
        if method != "GET":
            for body in JSON_BODIES:
                path = re.sub(r"\{[^}]+\}", "44021", template)
                response = client.generic(method, path, body, content_type="application/json")
                _assert_safe(response, f"{method} {template} with {body[:40]}")


def test_nothing_hostile_is_stored(client, pages):
    _send_hostile_forms(client, pages)
    for model in apps.get_models():
        text_fields = [f.name for f in model._meta.concrete_fields
                       if isinstance(f, models.CharField | models.TextField)]
        for field_name in text_fields:
            stored = model._default_manager.filter(**{f"{field_name}__contains": "onerror=alert"})
            assert not stored.exists(), f"{model._meta.label}.{field_name} stored hostile markup"
