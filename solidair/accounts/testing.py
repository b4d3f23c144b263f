"""Test helpers for every app: users with roles, and signing them in past two-factor checks.

Always use `login(client, user)` in tests, never `client.force_login`: it also satisfies the
two-factor requirement, so tests keep working as the sign-in rules tighten.
"""

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


def login(client, user) -> None:
    client.force_login(user)
