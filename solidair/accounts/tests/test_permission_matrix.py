"""The permission matrix: every private page and action of the project, for every role.

Each app with URLs has `solidair/<app>/tests/permission_cases.py` with:

- `PUBLIC`: URL names anyone may open, including the token links residents get by e-mail (the
  "resident link" role: whoever holds the link). They are only checked to exist.
- `CASES`: dicts `{"name", "kwargs", "method", "data", "expect"}`; `expect` maps every role
  below to a status or a tuple of accepted statuses. `{a}` and `{b}` in kwargs and data are the
  NIS codes of municipality A (44021 Gent) and B (24062 Leuven); other `{names}` come from
  `setup`.
- `setup(a, b)` (optional): makes the objects the cases need and returns `{name: value}` for
  the placeholders. It may take a third argument `users` (the role -> user dict) if it needs
  to know who is who.

Every case runs for every role on a fresh database. The coverage test fails when a named URL
of the project is neither PUBLIC nor in CASES, except for what IGNORED_ROUTE_PREFIXES,
IGNORED_VIEW_MODULES and IGNORED_NAMES below list, each with its reason.
"""

import inspect
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.places.testing import make_municipality

ROLES = ("anonymous", "officer_a", "officer_b", "coordinator", "staff")

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


def _case_id(case) -> str:
    return f"{case.get('method', 'GET')} {case['name']} {case.get('kwargs', {})}"


def walk_url_patterns(patterns=None, namespace="", route=""):
    """Yield (full name, route, view module) for every named URL, namespaced includes too."""
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
            yield f"{namespace}{pattern.name}", route + str(pattern.pattern), module


def _ignored(name: str, route: str, module: str) -> bool:
    route = route.lstrip("^")
    return (name in IGNORED_NAMES
            or any(route.startswith(prefix) for prefix in IGNORED_ROUTE_PREFIXES)
            or any(module.startswith(prefix) for prefix in IGNORED_VIEW_MODULES))


def test_every_named_url_is_public_or_has_cases():
    covered = set(PUBLIC) | {case["name"] for _module, case in CASES}
    missing = sorted({name for name, route, module in walk_url_patterns()
                      if not _ignored(name, route, module) and name not in covered})
    assert not missing, (
        "These URL names are in neither PUBLIC nor CASES of any app's "
        f"tests/permission_cases.py: {missing}")


def test_every_listed_name_exists():
    known = {name for name, _route, _module in walk_url_patterns()}
    unknown = sorted(({*PUBLIC} | {case["name"] for _module, case in CASES}) - known)
    assert not unknown, f"permission_cases name URLs that do not exist: {unknown}"


def test_every_case_states_every_role():
    incomplete = [_case_id(case) for _module, case in CASES
                  if set(case.get("expect", {})) != set(ROLES)]
    assert not incomplete, f"cases without an expectation for each of {ROLES}: {incomplete}"


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


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("module", "case"), CASES,
                         ids=[_case_id(case) for _module, case in CASES])
def test_permission_matrix(module, case, role):
    a = make_municipality("44021", "Gent", "Gand", postal_codes=("9000",))
    b = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    users = _users(a, b)
    values = {"a": a.nis, "b": b.nis, **_setup_values(module, a, b, users)}
    kwargs = {key: _fill(value, values) for key, value in case.get("kwargs", {}).items()}
    data = {key: _fill(value, values) for key, value in case.get("data", {}).items()}
    try:
        url = reverse(case["name"], kwargs=kwargs)
    except NoReverseMatch as error:
        pytest.fail(f"{_case_id(case)}: {error}")
    client = Client()
    if users[role] is not None:
        login(client, users[role])
    method = case.get("method", "GET").upper()
    if method == "GET":
        response = client.get(url, data)
    elif method == "POST":
        response = client.post(url, data)
    else:
        response = client.generic(method, url)
    expected = case["expect"][role]
    accepted = expected if isinstance(expected, tuple | list) else (expected,)
    assert response.status_code in accepted, (
        f"{role} {method} {url}: got {response.status_code}, expected {expected}")
