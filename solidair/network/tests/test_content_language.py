"""A practice shown in another language than the page says so: `lang` on its element and a
visible label such as "(in het Frans)" (issue 12)."""

import re

import pytest

from solidair.network.tests.factories import make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def guichet():
    """A practice written in French only."""
    return make_practice(make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle"),
                         title="Un guichet unique", language="fr")


def test_a_french_only_practice_is_marked_on_the_dutch_list(client, guichet):
    html = client.get("/network/practices/").content.decode()
    assert re.search(r'<a href="/network/practices/\d+/" lang="fr">Un guichet unique</a>'
                     r' <span class="content-language">\(in het Frans\)</span>', html)


def test_no_label_in_its_own_language(client, guichet):
    html = client.get("/fr/network/practices/").content.decode()
    assert 'lang="fr">Un guichet unique</a>' in html
    assert "content-language" not in html


def test_the_detail_page_marks_the_text_and_says_its_language(client, guichet):
    html = client.get(guichet.get_absolute_url()).content.decode()
    assert '<h1><span lang="fr">Un guichet unique</span> <span class="content-language">' \
           '(in het Frans)</span></h1>' in html
    assert '<div lang="fr">' in html


def test_a_translated_practice_is_shown_in_the_page_language(client):
    practice = make_practice(make_municipality(), title="Huurbuddy's", language="nl",
                             translations={"fr": {"title": "Parrains logement",
                                                  "context": "c", "actions": "a",
                                                  "results": "r"}})
    french = client.get("/fr/network/practices/").content.decode()
    assert 'lang="fr">Parrains logement</a>' in french and "content-language" not in french
    detail = client.get(f"/fr/network/practices/{practice.pk}/").content.decode()
    assert '<h1><span lang="fr">Parrains logement</span></h1>' in detail
    german = client.get("/de/network/practices/").content.decode()
    assert 'lang="nl">Huurbuddy&#x27;s</a> <span class="content-language">' \
           '(auf Niederländisch)</span>' in german


def test_the_municipality_page_marks_its_practices(client, guichet):
    html = client.get("/municipalities/44088/").content.decode()
    assert 'lang="fr">Un guichet unique</a> <span class="content-language">(in het Frans)' \
           '</span>' in html
