"""Runs this app's permission cases for every role, as the shared matrix test will."""

import pytest
from django.urls import get_resolver, reverse

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.places.testing import make_municipality
from solidair.volunteers.tests import permission_cases

ROLES = ["anonymous", "officer_a", "officer_b", "coordinator", "staff"]


def _fill(value, values):
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, values) for item in value]
    return value.format(**values) if isinstance(value, str) else value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", permission_cases.CASES,
                         ids=lambda case: f"{case['method']} {case['name']}")
def test_permission_case(client, db, role, case):
    a = make_municipality("44021", "Gent", "Gand", postal_codes=("9000",))
    b = make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                          postal_codes=("9820",))
    values = {"a": a.nis, "b": b.nis, **permission_cases.setup(a, b)}
    users = {"officer_a": lambda: make_officer(a), "officer_b": lambda: make_officer(b),
             "coordinator": make_coordinator, "staff": make_staff}
    if role != "anonymous":
        login(client, users[role]())
    url = reverse(case["name"], kwargs=_fill(case["kwargs"], values))
    data = _fill(case.get("data", {}), values)
    response = client.post(url, data) if case["method"] == "POST" else client.get(url)
    expected = case["expect"][role]
    assert response.status_code in (expected if isinstance(expected, tuple) else (expected,))


def test_every_url_is_public_or_has_a_case():
    names = {f"volunteers:{name}" for name in get_resolver().namespace_dict["volunteers"][1]
             .reverse_dict if isinstance(name, str)}
    covered = set(permission_cases.PUBLIC) | {case["name"] for case in permission_cases.CASES}
    assert len(names) >= 19
    assert names <= covered, names - covered
