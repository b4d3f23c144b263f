import pytest
from django.urls import reverse

from solidair.network.search import normalise
from solidair.network.selectors import search_practices
from solidair.network.tests.factories import make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices():
    gent = make_municipality()
    leuven = make_municipality("24062", "Leuven", "Louvain", province_code="20001")
    namur = make_municipality("92094", "Namen", "Namur", province_code="90000",
                              region_code="03000")
    return {
        "housing": make_practice(gent, title="Huurbuddy's voor vluchtelingen", activities=[2],
                                 year=2024),
        "school": make_practice(leuven, title="Écoles d'été pour enfants réfugiés",
                                language="fr", activities=[8], year=2025,
                                context="Les élèves arrivés récemment"),
        "guide": make_practice(namur, title="Een onthaalgids", activities=[9], year=2025,
                               translations={"en": {"title": "A welcome guide",
                                                    "actions": "Leaflets in twelve languages"}}),
        "draft": make_practice(gent, title="Concept enfants", status="draft"),
    }


def titles(queryset):
    return sorted(p.title for p in queryset)


def test_normalise_removes_accents_and_case():
    assert normalise("Écoles  d'ÉTÉ, één") == "ecoles d ete een"


@pytest.mark.parametrize("query", ["écoles", "ECOLES", "ecoles", "Réfugiés", "refugies"])
def test_accents_and_case_are_ignored(practices, query):
    assert titles(search_practices(q=query)) == ["Écoles d'été pour enfants réfugiés"]


def test_each_language_is_searched(practices):
    assert titles(search_practices(q="vluchtelingen")) == ["Huurbuddy's voor vluchtelingen"]
    assert titles(search_practices(q="élèves")) == ["Écoles d'été pour enfants réfugiés"]
    assert titles(search_practices(q="twelve languages")) == ["Een onthaalgids"]


def test_every_word_must_match_and_drafts_stay_hidden(practices):
    assert titles(search_practices(q="enfants")) == ["Écoles d'été pour enfants réfugiés"]
    assert titles(search_practices(q="enfants huurbuddy's")) == []


def test_operators_in_the_query_are_plain_text(practices):
    assert titles(search_practices(q="écoles & | ! ( :*")) == [
        "Écoles d'été pour enfants réfugiés"]


def test_filters(practices):
    assert titles(search_practices(activity=8)) == ["Écoles d'été pour enfants réfugiés"]
    assert titles(search_practices(province="40000")) == ["Huurbuddy's voor vluchtelingen"]
    assert titles(search_practices(region="03000")) == ["Een onthaalgids"]
    assert len(search_practices(year=2025)) == 2
    assert titles(search_practices(q="gent", year=2024)) == ["Huurbuddy's voor vluchtelingen"]


def test_search_page(client, practices):
    response = client.get(reverse("network:practices"), {"q": "REFUGIES", "activity": "8"})
    content = response.content.decode()
    assert "Écoles d&#x27;été" in content and "Huurbuddy" not in content
    assert client.get(reverse("network:practices"), {"year": "abc"}).status_code == 200


def test_the_practice_list_paginates_and_keeps_the_filters_in_its_links(client):
    gent = make_municipality()
    for number in range(23):
        make_practice(gent, title=f"Praktijk {number:02}", activities=[2])
    url = reverse("network:practices")
    first = client.get(url, {"activity": "2"}).content.decode()
    assert first.count('class="card"') == 20 and "23" in first
    assert 'href="?activity=2&amp;page=2" rel="next"' in first
    second = client.get(url, {"activity": "2", "page": "2"}).content.decode()
    assert second.count('class="card"') == 3
    assert 'href="?activity=2&amp;page=1" rel="prev"' in second
    for odd in ("abc", "0", "-1", "99999999999999999999999", "٣", "2.5", ""):
        response = client.get(url, {"page": odd})
        assert response.status_code == 200, odd
