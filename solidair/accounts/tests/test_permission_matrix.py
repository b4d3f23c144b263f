"""The permission matrix: every private page and action of the project, by URL name and HTTP
method, for every role.

Each app with URLs has `solidair/<app>/tests/permission_cases.py` with:

- `PUBLIC`: URL names anyone may open, including the token links residents get by e-mail (the
  "resident link" role: whoever holds the link). They are only checked to exist.
- `CASES`: rows `{"name", "kwargs", "method", "data", "expect"}`; `expect` maps every role
  below to exactly one status: a row states what each role gets, never "this or that". `{a}`
  and `{b}` in kwargs and data are the NIS codes of municipality A (44021 Gent) and B (24062
  Leuven); other `{names}` come from the module's `setup`.
- `setup(a, b)` (optional): makes the objects the rows need and returns `{name: value}` for
  the placeholders. It may take a third argument `users` (the role -> user dict) if it needs
  to know who is who.

The data is made once; each row runs for each role (one signed-in client per role) inside a
savepoint that is rolled back, so every row starts from the same data.

The coverage test fails when a private URL answers a method that no row states: for each named
URL that is neither PUBLIC nor ignored below (IGNORED_ROUTE_PREFIXES, IGNORED_VIEW_MODULES,
IGNORED_NAMES, each with its reason), every method of METHODS that the view does not refuse
with 405 needs a row. A view declares what it accepts with `require_safe` (GET, and HEAD which
answers as GET), `require_POST` or `require_http_methods`; a view that declares nothing accepts
every method and so needs a row for each.
"""

import inspect
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import LocalePrefixPattern

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.places.testing import make_municipality

ROLES = ("anonymous", "officer_a", "officer_b", "coordinator", "staff")
# The methods a private view must either refuse (405) or have a row for. HEAD answers as GET.
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

# URLs the matrix does not cover, and why. Keep this list short and explicit.
IGNORED_ROUTE_PREFIXES = {
    "api/": "the public API v1 has its own tests (opendata and each app's api tests)",
    "admin/": "the Django admin: staff only, enforced by Django's admin site itself",
}
IGNORED_VIEW_MODULES = {
    "allauth.": "allauth's own sign-in, password, two-factor and session pages",
    "django.views.static": "static files in development",
}
IGNORED_NAMES = {
    "core:healthz": "load-balancer health check: returns only whether the database answers",
    "core:livez": "process liveness check: returns only 'ok'",
}


def _app_case_modules():
    modules = []
    for app in settings.SOLIDAIR_APPS:
        name = f"{app}.tests.permission_cases"
        if find_spec(f"{app}.tests") is not None and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


CASE_MODULES = _app_case_modules()
PUBLIC = [name for module in CASE_MODULES for name in getattr(module, "PUBLIC", [])]
CASES = [(module, case) for module in CASE_MODULES for case in getattr(module, "CASES", [])]


def _method(case) -> str:
    return case.get("method", "GET").upper()


def _case_id(case) -> str:
    return f"{_method(case)} {case['name']} {case.get('kwargs', {})}"


def walk_url_patterns(patterns=None, namespace="", route=""):
    """Yield (full name, route, view module, converters) for every named URL, namespaced
    includes too; converters maps each path parameter to its converter."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            # The language prefix (/fr/, ...) depends on the active language: leave it out.
            prefix = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(
                pattern.pattern)
            yield from walk_url_patterns(pattern.url_patterns, inner, route + prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            converters = getattr(pattern.pattern, "converters", {})
            yield f"{namespace}{pattern.name}", route + str(pattern.pattern), module, converters


def _ignored(name: str, route: str, module: str) -> bool:
    route = route.lstrip("^")
    return (name in IGNORED_NAMES
            or any(route.startswith(prefix) for prefix in IGNORED_ROUTE_PREFIXES)
            or any(module.startswith(prefix) for prefix in IGNORED_VIEW_MODULES))


def private_urls():
    """(name, converters) of every named URL the matrix must cover."""
    public = set(PUBLIC)
    return [(name, converters) for name, route, module, converters in walk_url_patterns()
            if name not in public and not _ignored(name, route, module)]


def test_every_listed_name_exists():
    known = {name for name, _route, _module, _converters in walk_url_patterns()}
    unknown = sorted(({*PUBLIC} | {case["name"] for _module, case in CASES}) - known)
    assert not unknown, f"permission_cases name URLs that do not exist: {unknown}"


def test_every_row_states_exactly_one_answer_for_every_role():
    incomplete = [_case_id(case) for _module, case in CASES
                  if set(case.get("expect", {})) != set(ROLES)]
    assert not incomplete, f"rows without an expectation for each of {ROLES}: {incomplete}"
    vague = [_case_id(case) for _module, case in CASES
             if not all(type(status) is int for status in case["expect"].values())]
    assert not vague, f"rows that accept more than one answer (state one status): {vague}"


@pytest.mark.django_db
def test_every_private_url_and_method_has_a_row():
    """Sends each method without a row to each private URL (as staff, who passes every sign-in
    check, with made-up path parameters): anything but 405 means the view accepts it."""
    rows = {(case["name"], _method(case)) for _module, case in CASES}
    client = Client(raise_request_exception=False)
    login(client, make_staff(email="staff-probe@example.org"))
    missing = []
    for name, converters in private_urls():
        kwargs = {key: "999999" if isinstance(converter, IntConverter) else "00000"
                  for key, converter in converters.items()}
        url = reverse(name, kwargs=kwargs)
        for method in METHODS:
            if (name, method) not in rows and client.generic(method, url).status_code != 405:
                missing.append(f"{method} {name}")
    assert not missing, (
        "These private URLs accept a method that no row of any app's "
        "tests/permission_cases.py states (add a row, or declare the view's methods with "
        f"require_safe / require_POST / require_http_methods): {missing}")


def _users(a, b) -> dict:
    return {
        "anonymous": None,
        "officer_a": make_officer(a, email="officer-a@example.org"),
        "officer_b": make_officer(b, email="officer-b@example.org"),
        "coordinator": make_coordinator(email="coordinator-matrix@example.org"),
        "staff": make_staff(email="staff-matrix@example.org"),
    }


def _setup_values(module, a, b, users) -> dict:
    setup = getattr(module, "setup", None)
    if setup is None:
        return {}
    if "users" in inspect.signature(setup).parameters:
        return setup(a, b, users=users) or {}
    return setup(a, b) or {}


def _fill(value, values: dict):
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, list | tuple):
        return [_fill(item, values) for item in value]
    return value


def _send(client, method: str, url: str, data: dict):
    if method == "GET":
        return client.get(url, data)
    if method == "POST":
        return client.post(url, data)
    return client.generic(method, url)


def _answer(client, method: str, url: str, data: dict):
    """The status the role gets, in a savepoint rolled back afterwards (so the next row starts
    from the same data), or the error the view raised."""
    cache.clear()  # rate limits and cached sessions start afresh for each row
    with transaction.atomic():
        try:
            return _send(client, method, url, data).status_code
        except Exception as error:  # noqa: BLE001 - reported with the row below
            return f"{type(error).__name__}: {error}"
        finally:
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_permission_matrix():
    a = make_municipality("44021", "Gent", "Gand", postal_codes=("9000",))
    b = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    users = _users(a, b)
    values = {module: {"a": a.nis, "b": b.nis, **_setup_values(module, a, b, users)}
              for module in CASE_MODULES}
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        if user is not None:
            login(clients[role], user)
    failures = []
    for module, case in CASES:
        kwargs = {key: _fill(value, values[module])
                  for key, value in case.get("kwargs", {}).items()}
        data = {_fill(key, values[module]): _fill(value, values[module])
                for key, value in case.get("data", {}).items()}
        try:
            url = reverse(case["name"], kwargs=kwargs)
        except NoReverseMatch as error:
            failures.append(f"{_case_id(case)}: {error}")
            continue
        method = _method(case)
        for role in ROLES:
            got = _answer(clients[role], method, url, data)
            if got != case["expect"][role]:
                failures.append(f"{role} {method} {url}: got {got}, "
                                f"expected {case['expect'][role]}")
    assert not failures, f"{len(failures)} answer(s) differ:\n" + "\n".join(failures)
