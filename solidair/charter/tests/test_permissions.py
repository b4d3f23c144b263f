"""Runs this app's permission cases for every role (until the shared matrix test runs them)."""

import pytest
from django.urls import get_resolver, reverse

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.charter.tests import permission_cases
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer_a", "officer_b", "coordinator", "staff"]


def _users(a, b):
    return {"anonymous": None, "officer_a": make_officer(a), "officer_b": make_officer(b),
            "coordinator": make_coordinator(), "staff": make_staff()}


@pytest.mark.parametrize("role", ROLES)
def test_every_case_for_role(client, role):
    a = make_municipality("44021", "Gent", "Gand")
    b = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    values = {"a": a.nis, "b": b.nis, **permission_cases.setup(a, b)}
    user = _users(a, b)[role]
    if user is not None:
        login(client, user)
    failures = []
    for case in permission_cases.CASES:
        kwargs = {key: value.format(**values) for key, value in case["kwargs"].items()}
        url = reverse(case["name"], kwargs=kwargs)
        if case["method"] == "POST":
            response = client.post(url, case.get("data", {}))
        else:
            response = client.get(url)
        expected = case["expect"][role]
        expected = expected if isinstance(expected, tuple) else (expected,)
        if response.status_code not in expected:
            failures.append(f"{case['method']} {url}: {response.status_code} not in {expected}")
    assert failures == []


def test_every_charter_url_has_a_case():
    names = {f"charter:{name}" for name in get_resolver().namespace_dict["charter"][1]
             .reverse_dict if isinstance(name, str)}
    covered = set(permission_cases.PUBLIC) | {case["name"] for case in permission_cases.CASES}
    assert names - covered == set()
