from datetime import date

import pytest
from django.urls import reverse

from solidair.charter.extensions import share_image_url
from solidair.charter.tests.factories import member
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent():
    municipality = make_municipality("44021", "Gent", "Gand", is_city=True)
    member(municipality, since=date(2023, 3, 1))
    municipality.refresh_from_db()
    return municipality


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Solidaire Stad sinds 2023"),
    ("fr", "Ville hospitalière depuis 2023"),
    ("en", "Solidarity city since 2023"),
    ("xx", "Solidaire Stad sinds 2023"),
])
def test_badge_in_three_languages(client, gent, lang, text):
    response = client.get(reverse("charter:badge", args=[gent.nis]), {"lang": lang})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert text in svg
    assert ("Gand" if lang == "fr" else "Gent") in svg


def test_badge_says_municipality_for_a_municipality(client):
    hove = make_municipality("11021", "Hove", "Hove", postal_codes=("2540",))
    member(hove, since=date(2022, 1, 1))
    svg = client.get(reverse("charter:badge", args=["11021"])).content.decode()
    assert "Solidaire Gemeente sinds 2022" in svg


def test_badge_only_for_members(client):
    make_municipality("11002", "Antwerpen", "Anvers")
    assert client.get(reverse("charter:badge", args=["11002"])).status_code == 404
    assert client.get(reverse("charter:badge", args=["99999"])).status_code == 404


def test_badge_escapes_names(client):
    odd = make_municipality("11099", 'Dorp <script>&"', "Village")
    member(odd)
    svg = client.get(reverse("charter:badge", args=["11099"])).content.decode()
    assert "<script>" not in svg
    assert "Dorp &lt;script&gt;&amp;&quot;" in svg


def test_widget_may_be_framed_and_loads_nothing_from_elsewhere(client, gent):
    response = client.get(reverse("charter:widget", args=[gent.nis]))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert "Opvangplaatsen voorzien" in page
    assert "http://127.0.0.1:8000/municipalities/44021/" in page
    assert "<script" not in page
    assert 'src="http' not in page and 'href="http://testserver/static' not in page


def test_other_pages_are_not_framed(client, gent):
    response = client.get(reverse("charter:members"))
    assert response["X-Frame-Options"] == "DENY"


def test_widget_only_for_members(client):
    make_municipality("11002", "Antwerpen", "Anvers")
    assert client.get(reverse("charter:widget", args=["11002"])).status_code == 404


def test_share_image_is_a_png(client, gent):
    response = client.get(reverse("charter:share_image", args=[gent.nis]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert share_image_url(gent).endswith("/charter/44021/share.png")


def test_share_image_only_for_members(client):
    antwerpen = make_municipality("11002", "Antwerpen", "Anvers")
    assert client.get(reverse("charter:share_image", args=["11002"])).status_code == 404
    assert share_image_url(antwerpen) is None


def test_head_tags_point_to_the_share_image(gent):
    from solidair.charter.extensions import municipality_head_tags

    html = municipality_head_tags(None, gent)[0]
    assert 'property="og:image" content="http://127.0.0.1:8000/charter/44021/share.png"' in html
    assert "Solidaire Stad sinds 2023" in html
    assert municipality_head_tags(None, make_municipality("11002", "Antwerpen", "Anvers")) == []


def test_a_members_public_page_carries_its_share_image(client, gent):
    page = client.get(gent.get_absolute_url()).content.decode()
    head = page.split("</head>")[0]
    assert 'property="og:image" content="http://127.0.0.1:8000/charter/44021/share.png"' in head
    assert 'property="og:title"' in head
