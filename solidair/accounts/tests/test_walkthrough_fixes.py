"""Regressions found by walking the account journeys in a browser."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from solidair.accounts.testing import login, make_officer
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request under /fr/ leaves French active in this thread: later tests reverse URLs in
    the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def input_tag(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*\bname="{name}"[^>]*>', html).group(0)


@pytest.mark.parametrize(("language", "home"), [("fr", "/fr/"), ("nl", "/"), ("de", "/de/")])
def test_signing_out_returns_to_the_home_page_in_the_same_language(client, language, home):
    login(client, make_officer(make_municipality("44021", "Gent", "Gand")))
    with translation.override(language):
        logout_url = reverse("account_logout")
    response = client.post(logout_url)
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(reverse("accounts:home")).status_code == 302  # signed out indeed


def test_invitation_form_says_what_each_personal_field_is_for():
    """WCAG 1.3.5: browsers and assistive tools can fill in the person's own details."""
    from solidair.accounts.forms import AcceptInvitationForm

    html = str(AcceptInvitationForm(email="new@gent.be"))
    for field, purpose in (("first_name", "given-name"), ("last_name", "family-name"),
                           ("password1", "new-password"), ("password2", "new-password")):
        assert f'autocomplete="{purpose}"' in input_tag(html, field), field



def test_sessions_table_scrolls_in_its_own_box_on_a_phone(client):
    login(client, make_officer(make_municipality("44021", "Gent", "Gand")))
    with translation.override("nl"):  # another test's request may leave a language active
        url = reverse("usersessions_list")
    html = client.get(url).content.decode()
    scroller = re.search(r'<div class="table-scroll"[^>]*>\s*<table', html).group(0)
    assert 'tabindex="0"' in scroller and 'aria-label="Tabel (schuift opzij)"' in scroller
