"""Signing out, and the list of one's own sessions."""

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


@pytest.mark.parametrize(("language", "home"), [("fr", "/fr/"), ("nl", "/"), ("de", "/de/")])
def test_signing_out_returns_to_the_home_page_in_the_same_language(client, language, home):
    login(client, make_officer(make_municipality("44021", "Gent", "Gand")))
    with translation.override(language):
        logout_url = reverse("account_logout")
    response = client.post(logout_url)
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(reverse("accounts:home")).status_code == 302  # signed out indeed


def test_sessions_table_scrolls_in_its_own_box_on_a_phone(client):
    login(client, make_officer(make_municipality("44021", "Gent", "Gand")))
    with translation.override("nl"):  # another test's request may leave a language active
        url = reverse("usersessions_list")
    html = client.get(url).content.decode()
    scroller = re.search(r'<div class="table-scroll"[^>]*>\s*<table', html).group(0)
    assert 'tabindex="0"' in scroller and 'aria-label="Tabel (schuift opzij)"' in scroller


def test_a_session_is_seen_once_a_minute_and_at_once_from_another_browser(client):
    from allauth.usersessions.models import UserSession
    from django.core.cache import cache

    cache.clear()
    login(client, make_officer(make_municipality("44021", "Gent", "Gand")))
    home = reverse("accounts:home")
    client.get(home)
    session = UserSession.objects.get()
    UserSession.objects.filter(pk=session.pk).update(last_seen_at=session.created_at)
    client.get(home)  # the same minute, browser and address: not written again
    assert UserSession.objects.get().last_seen_at == session.created_at
    client.get(home, headers={"user-agent": "Another browser"})  # a change is written at once
    seen = UserSession.objects.get()
    assert seen.user_agent == "Another browser" and seen.last_seen_at > session.created_at
