import pytest
from django.urls import reverse

from solidair.accounts.testing import login, make_officer, make_user
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

KNOWN = "known@example.org"
UNKNOWN = "nobody@example.org"
PASSWORD = "Correct-horse-42"


def attempt(client, email, password="wrong-password-1"):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def errors(response):
    return [str(error) for error in response.context["form"].non_field_errors()]


def test_five_failures_lock_an_address_known_or_not_with_the_same_answer(client):
    make_user(email=KNOWN, password=PASSWORD)
    first_known, first_unknown = attempt(client, KNOWN), attempt(client, UNKNOWN)
    assert first_known.status_code == first_unknown.status_code == 200
    assert errors(first_known) == errors(first_unknown)
    for _ in range(4):
        attempt(client, KNOWN)
        attempt(client, UNKNOWN)
    locked_known, locked_unknown = attempt(client, KNOWN), attempt(client, UNKNOWN)
    assert locked_known.status_code == locked_unknown.status_code == 200
    assert errors(locked_known) == errors(locked_unknown)
    assert errors(locked_known) != errors(first_known)  # it says: too many attempts


def test_a_locked_address_is_refused_even_with_the_right_password(client):
    make_user(email=KNOWN, password=PASSWORD)
    for _ in range(5):
        attempt(client, KNOWN)
    response = attempt(client, KNOWN, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    make_user(email=KNOWN, password=PASSWORD)
    known = client.post(reverse("account_reset_password"), {"email": KNOWN})
    unknown = client.post(reverse("account_reset_password"), {"email": UNKNOWN})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_password_reset_is_rate_limited(client):
    make_user(email=KNOWN, password=PASSWORD)
    statuses = [client.post(reverse("account_reset_password"), {"email": KNOWN}).status_code
                for _ in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_nobody_signs_up_alone(client):
    response = client.post(reverse("account_signup"),
                           {"email": "me@example.org", "password1": PASSWORD,
                            "password2": PASSWORD})
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    from solidair.accounts.models import User

    assert not User.objects.filter(email="me@example.org").exists()


def test_sessions_end_with_the_browser_and_after_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_sign_out_everywhere_ends_the_other_sessions(client, django_user_model):
    from django.test import Client

    user = make_user()
    other_browser = Client()
    login(other_browser, user)
    login(client, user)
    assert other_browser.get(reverse("accounts:home")).status_code == 200
    page = client.get(reverse("usersessions_list"))
    # Both browsers are listed, and the page offers to end the others.
    assert page.status_code == 200 and len(page.context["sessions"]) == 2
    assert 'method="post"' in page.content.decode()
    client.post(reverse("usersessions_list"))
    assert other_browser.get(reverse("accounts:home")).status_code == 302


def test_account_page_lists_roles_and_municipalities(client):
    gent = make_municipality("44021", "Gent", "Gand")
    leuven = make_municipality("24062", "Leuven", "Louvain")
    officer = make_officer(gent)
    from solidair.accounts.models import OfficerAssignment

    OfficerAssignment.objects.create(user=officer, municipality=leuven)
    login(client, officer)
    page = client.get(reverse("accounts:home")).content.decode()
    assert "Gent" in page and "Leuven" in page
    assert reverse("places:municipality", args=["44021"]) in page
    assert reverse("accounts:municipalities") not in page  # no back office for officers
