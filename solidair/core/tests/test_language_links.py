import re

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from solidair.core.context_processors import (
    MAX_QUERY_LENGTH,
    language_switch_query,
    language_url,
    site,
)


def test_short_filters_are_kept_in_order():
    query = QueryDict("q=gent&status=member&province=40000&page=2")
    assert language_switch_query(query) == "q=gent&status=member&province=40000&page=2"


def test_repeated_values_are_kept():
    assert language_switch_query(QueryDict("status=member&status=candidate")) == (
        "status=member&status=candidate")


def test_overlong_values_are_dropped_but_the_other_filters_stay():
    query = QueryDict(f"q={'x' * 10_000}&status=member")
    assert language_switch_query(query) == "status=member"


@pytest.mark.parametrize("name", ["utm_source", "fbclid", "gclid", "Q", "<script>", "a b",
                                  "x" * 31, "1st", "naïve"])
def test_unknown_looking_parameters_are_dropped(name):
    query = QueryDict(mutable=True)
    query[name] = "1"
    query["page"] = "3"
    assert language_switch_query(query) == "page=3"


def test_the_whole_query_is_capped():
    query = QueryDict(mutable=True)
    for index in range(50):
        query[f"p{index}"] = "v" * 200
    kept = language_switch_query(query)
    assert kept and len(kept) <= MAX_QUERY_LENGTH


def test_values_are_encoded():
    assert language_switch_query(QueryDict("q=Li%C3%A8ge+%26+co")) == "q=Li%C3%A8ge+%26+co"


@pytest.mark.django_db
def test_the_language_links_of_a_page_with_a_huge_search(client):
    response = client.get("/credits/", {"q": "gent" + "x" * 10_000, "status": "member"})
    assert response.status_code == 200
    switch = response.content.decode().split('class="languages"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'href="([^"]*)"', switch)
    assert links == ["/credits/?status=member", "/fr/credits/?status=member",
                     "/en/credits/?status=member", "/de/credits/?status=member"]


def test_language_url_translates_the_path():
    request = RequestFactory().get("/fr/", {"page": "2", "utm_source": "mail"})
    with translation.override("fr"):  # as LocaleMiddleware leaves it for a French page
        assert language_url(request, "nl") == "/?page=2"
        assert language_url(request, "de") == "/de/?page=2"


@pytest.mark.django_db
def test_site_context_marks_the_current_language(rf):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/fr/", {"q": "x" * 5000})
    request.user = AnonymousUser()
    with translation.override("fr"):
        links = site(request)["language_links"]
    assert [link["code"] for link in links if link["current"]] == ["fr"]
    assert all("?" not in link["url"] for link in links)
