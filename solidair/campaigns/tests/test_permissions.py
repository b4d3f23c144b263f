"""Runs this app's permission cases for every role (until the accounts app runs them all)."""

import pytest
from django.urls import get_resolver, reverse

from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.campaigns.tests import permission_cases
from solidair.places.testing import make_municipality


def users(a, b):
    return {"anonymous": None, "officer_a": make_officer(a), "officer_b": make_officer(b),
            "coordinator": make_coordinator(), "staff": make_staff()}


def fill(value, values):
    return value.format(**values) if isinstance(value, str) else value


@pytest.mark.django_db
@pytest.mark.parametrize("case", permission_cases.CASES, ids=lambda case: case["name"])
def test_permission_case(client, case):
    a = make_municipality("44021", "Gent", "Gand", postal_codes=("9000",))
    b = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    values = {"a": a.nis, "b": b.nis, **permission_cases.setup(a, b)}
    for role, user in users(a, b).items():
        url = reverse(case["name"], kwargs={k: fill(v, values)
                                            for k, v in case["kwargs"].items()})
        client.logout()
        if user is not None:
            login(client, user)
        method = getattr(client, case["method"].lower())
        response = method(url, case.get("data", {})) if case["method"] == "POST" else method(url)
        expected = case["expect"][role]
        expected = expected if isinstance(expected, tuple) else (expected,)
        assert response.status_code in expected, (role, url, response.status_code)


def test_every_campaigns_url_is_classified():
    names = {f"campaigns:{name}" for name in get_resolver().namespace_dict["campaigns"][1]
             .reverse_dict if isinstance(name, str)}
    classified = set(permission_cases.PUBLIC) | {case["name"] for case in
                                                 permission_cases.CASES}
    assert names == classified
