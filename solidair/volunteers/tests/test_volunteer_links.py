"""Links on the volunteers' pages stay on the site the person is on, and an old or tampered
link explains itself."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from solidair.volunteers import services
from solidair.volunteers.tests.factories import make_need, make_offer
from solidair.volunteers.tests.test_offer_flow import offer_data


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request under /fr/ leaves French active in this thread: later tests reverse URLs in
    the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@override_settings(SITE_URL="https://mail-link.example")
def test_confirmed_page_links_to_this_site_in_the_page_language(
        client, gent, django_capture_on_commit_callbacks):
    with translation.override("fr"):
        offer_url = reverse("volunteers:offer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(offer_url, offer_data())
    confirm_url = re.search(r"https://mail-link\.example(/fr/volunteer/confirm/\S+/)",
                            mail.outbox[0].body).group(1)
    page = client.post(confirm_url).content.decode()
    # The e-mails use SITE_URL; a link on a page stays on the site the person is on.
    link = re.search(r'href="([^"]*/volunteer/manage/[^"]*)"', page).group(1)
    assert link.startswith("/fr/volunteer/manage/")
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("name", ["manage_download", "manage_delete"])
def test_an_old_link_after_deletion_explains_itself(client, gent, name):
    offer = make_offer(gent)
    url = reverse(f"volunteers:{name}", args=[services.offer_manage_token(offer)])
    services.offer_delete(offer=offer)
    response = client.get(url)
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "volunteers/link_invalid.html"


@pytest.mark.parametrize("name", ["manage_pause", "manage_keep"])
def test_a_tampered_link_posting_explains_itself(client, gent, name):
    response = client.post(reverse(f"volunteers:{name}", args=["not-a-token"]), {"paused": "1"})
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "volunteers/link_invalid.html"


@override_settings(SITE_URL="https://mail-link.example")
def test_need_answer_page_links_to_this_site(client, gent):
    offer = make_offer(gent)
    need = make_need(gent)
    with translation.override("fr"):
        url = reverse("volunteers:need_answer",
                      args=[services.need_answer_token(need=need, offer=offer)])
    html = client.get(url).content.decode()
    assert "mail-link.example" not in html
    assert 'href="/fr/volunteer/manage/' in html
