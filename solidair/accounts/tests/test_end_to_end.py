"""The issue's "done when": a coordinator invites an officer who signs in with two-factor and
sees only their municipality."""

import re

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator
from solidair.accounts.tests.helpers import totp_code
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_invited_officer_signs_in_with_two_factor_and_sees_only_their_municipality(
        client, django_capture_on_commit_callbacks):
    gent = make_municipality("44021", "Gent", "Gand")
    make_municipality("24062", "Leuven", "Louvain")
    login(client, make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invitation_create"), {
            "email": "sara@gent.be", "role": "officer", "municipality": gent.nis,
            "language": "nl"})
    link = re.search(r"https?://\S+/account/invitation/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]

    officer = Client()
    password = "Vluchteling-welkom-42"
    response = officer.post(path, {"first_name": "Sara", "last_name": "Janssens",
                                   "password1": password, "password2": password})
    assert response["Location"] == reverse("mfa_activate_totp")
    officer.get(reverse("mfa_activate_totp"))
    secret = officer.session[SECRET_SESSION_KEY]
    response = officer.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert officer.get(reverse("accounts:home")).status_code == 200
    officer.post(reverse("account_logout"))
    cache.clear()  # the code just used may not be used twice; a new 30 s window is not waited for

    response = officer.post(reverse("account_login"), {"login": "sara@gent.be",
                                                       "password": password})
    assert response["Location"] == reverse("mfa_authenticate")
    officer.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    home = officer.get(reverse("accounts:home"))
    assert home.status_code == 200
    assert [item.municipality.nis for item in home.context["municipalities"]] == ["44021"]
    assert officer.get(reverse("accounts:municipality", args=["24062"])).status_code == 404
    assert officer.get(reverse("accounts:municipality", args=["44021"])).status_code == 404
