"""A signed-in request reads its user and whether they have TOTP in one query; sessions
signed in through the former backends keep working."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidair.accounts.testing import login, make_officer
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    login(client, make_officer(make_municipality("44021", "Gent")))
    return client


def _home_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("accounts:home")).status_code == 200
    return [query["sql"] for query in captured]


def test_the_user_and_their_totp_come_in_one_query(officer_client):
    reads = [sql for sql in _home_queries(officer_client) if "mfa_authenticator" in sql]
    assert len(reads) == 1 and "accounts_user" in reads[0]


@pytest.mark.parametrize("former", ["django.contrib.auth.backends.ModelBackend",
                                    "allauth.account.auth_backends.AuthenticationBackend"])
def test_sessions_of_the_former_backends_stay_signed_in(officer_client, former):
    session = officer_client.session
    session[BACKEND_SESSION_KEY] = former
    session.save()
    assert "Mijn overzicht" in officer_client.get(reverse("accounts:home")).content.decode()
