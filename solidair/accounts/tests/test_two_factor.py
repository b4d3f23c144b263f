import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from solidair.accounts.testing import give_totp, login, make_coordinator, make_user
from solidair.accounts.tests.helpers import totp_code

pytestmark = pytest.mark.django_db


def test_signed_in_without_totp_is_sent_to_its_setup_before_anything_else(client):
    user = make_coordinator()
    client.force_login(user)  # a session without two-factor, as right after choosing a password
    for url in [reverse("accounts:home"), reverse("accounts:municipalities"),
                reverse("places:home")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_setup_page_itself_and_sign_out_stay_reachable(client):
    user = make_user()
    client.force_login(user)
    # Setting up TOTP first asks for the password again (this session never typed it): that
    # page, not a loop back to the setup.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(response["Location"]).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_session_that_skipped_the_totp_question_is_signed_out(client):
    user = make_user()
    give_totp(user)
    client.force_login(user)  # TOTP exists, but this session never answered it
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def overview(client, user) -> bool:
    """Whether the account overview opens and says who is signed in."""
    response = client.get(reverse("accounts:home"))
    return response.status_code == 200 and f"Aangemeld als {user.email}." in (
        response.content.decode())


def test_login_helper_satisfies_two_factor(client):
    user = make_user()
    login(client, user)
    assert overview(client, user)


def test_sign_in_asks_the_totp_code_then_lets_in(client):
    user = make_user(email="officer@example.org", password="Correct-horse-42")
    _authenticator, secret = give_totp(user)
    response = client.post(reverse("account_login"),
                           {"login": "officer@example.org", "password": "Correct-horse-42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not signed in before the code
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert overview(client, user)


def test_activating_totp_in_the_browser_then_opens_the_site(client):
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    user = make_user()
    client.force_login(user)
    session = client.session  # as after accepting an invitation: the password was just typed
    import time

    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code is inline, not loaded from elsewhere
    secret = client.session[SECRET_SESSION_KEY]
    assert secret.encode() in page.content  # and the secret is shown as text
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
    assert overview(client, user)


def test_totp_cannot_be_switched_off_where_it_is_required(client):
    user = make_user()
    login(client, user)
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=user, type="totp")
    assert not get_adapter().can_delete_authenticator(totp)


def test_demo_accounts_skip_two_factor_only_in_demo_mode(client, settings):
    user = make_user(email="demo@example.org")
    user.demo_without_two_factor = True
    user.save()
    settings.DEMO_MODE = True
    client.force_login(user)
    assert overview(client, user)
    settings.DEMO_MODE = False
    assert client.get(reverse("accounts:home")).status_code == 302


def test_two_factor_not_enforced_when_not_required(client, settings):
    settings.MFA_REQUIRED = False
    user = make_user()
    client.force_login(user)
    assert overview(client, user)
