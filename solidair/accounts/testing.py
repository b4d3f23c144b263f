"""Test helpers for every app: users with roles, and signing them in past two-factor checks.

Always use `login(client, user)` in tests, never `client.force_login`: it also satisfies the
two-factor requirement, so tests keep working as the sign-in rules tighten.
"""

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from solidair.accounts.models import OfficerAssignment, User


def make_user(email="person@example.org", password="a-Strong-passw0rd!", **fields) -> User:
    return User.objects.create_user(email=email, password=password, **fields)


def make_coordinator(email="coordinator@example.org", **fields) -> User:
    return make_user(email=email, is_coordinator=True, **fields)


def make_officer(municipality, email=None, **fields) -> User:
    user = make_user(email=email or f"officer-{municipality.nis}@example.org", **fields)
    OfficerAssignment.objects.create(user=user, municipality=municipality)
    return user


def make_staff(email="admin@example.org", **fields) -> User:
    return make_user(email=email, is_staff=True, is_superuser=True, **fields)


def give_totp(user) -> tuple[Authenticator, str]:
    """An active TOTP authenticator for `user` (made once); returns it and its secret."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing is not None:
        from allauth.mfa.utils import decrypt

        return existing, decrypt(existing.data["secret"])
    secret = generate_totp_secret()
    return TOTP.activate(user, secret).instance, secret


def login(client, user) -> None:
    """Sign `user` in as if they typed their password and TOTP code: the user gets a TOTP
    authenticator and the session records both steps the way allauth does."""
    authenticator, _secret = give_totp(user)
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": _now(), "email": user.email},
        {"method": "mfa", "at": _now(), "id": authenticator.pk, "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()


def _now() -> float:
    import time

    return time.time()
