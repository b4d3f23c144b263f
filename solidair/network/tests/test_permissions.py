"""Runs this app's permission cases for every role, until the shared matrix test lands."""

import pytest
from django.urls import get_resolver, reverse

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.network.tests import permission_cases
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "officer_a", "officer_b", "coordinator", "staff"]


def _users(a, b):
    return {"anonymous": None, "officer_a": make_officer(a), "officer_b": make_officer(b),
            "coordinator": make_coordinator(), "staff": make_staff()}


def _status(client, case, values):
    kwargs = {k: v.format(**values) for k, v in case["kwargs"].items()}
    url = reverse(case["name"], kwargs=kwargs)
    if case["method"] == "POST":
        data = {k: v.format(**values) for k, v in case.get("data", {}).items()}
        return client.post(url, data).status_code
    return client.get(url).status_code


@pytest.mark.parametrize("role", ROLES)
def test_every_case_for_every_role(client, role):
    a = make_municipality("44021", "Gent", "Gand")
    b = make_municipality("24062", "Leuven", "Louvain")
    users = _users(a, b)
    values = {"a": a.nis, "b": b.nis, **{k: str(v) for k, v in
                                          permission_cases.setup(a, b).items()}}
    if users[role]:
        login(client, users[role])
    failures = []
    for case in permission_cases.CASES:
        expected = case["expect"][role] if isinstance(case["expect"], dict) else case["expect"]
        accepted = expected if isinstance(expected, tuple) else (expected,)
        status = _status(client, case, values)
        if status not in accepted:
            failures.append(f"{case['name']} {case['method']}: {status}, expected {expected}")
    assert not failures


def test_every_url_is_public_or_has_a_case():
    names = {f"network:{name}" for name in get_resolver().namespace_dict["network"][1]
             .reverse_dict if isinstance(name, str)}
    covered = set(permission_cases.PUBLIC) | {c["name"] for c in permission_cases.CASES}
    assert len(names) > 30 and names <= covered, names - covered
