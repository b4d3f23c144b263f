"""The letter in the page's language (file names, titles) and never to a member (issue 12)."""

import pytest

from solidair.documents.letter import letter_filename, letter_text
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

FORM = {"name": "Camille Dubois", "email": "camille@example.org", "phone": "",
        "language": "fr", "message": "", "postal_code": "4000", "action": "docx"}


@pytest.fixture
def liege():
    return make_municipality("62063", "Luik", "Liège", is_city=True, region_code="03000",
                             province_code="60000", postal_codes=("4000",))


@pytest.mark.parametrize(("prefix", "filename"), [
    ("/fr", "letter-liege.docx"), ("", "letter-luik.docx"), ("/en", "letter-liege.docx")])
def test_the_download_is_named_in_the_page_language(client, liege, prefix, filename):
    response = client.post(f"{prefix}/letter/62063/", FORM)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_attachment_is_named_in_the_letters_language(liege):
    assert letter_filename(liege, "pdf", language="fr") == "letter-liege.pdf"
    assert letter_filename(liege, "pdf", language="nl") == "letter-luik.pdf"


def test_a_members_letter_page_says_it_is_already_a_member(client):
    make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle", status="member",
                      postal_codes=("9820",))
    page = client.get("/letter/44088/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Gemeente Merelbeke-Melle is al lid" in html
    assert 'name="action"' not in html  # no letter to fill in
    download = client.post("/letter/44088/", {**FORM, "language": "nl", "postal_code": "9820"})
    assert download.status_code == 409
    assert "Content-Disposition" not in download


def test_the_members_footnote_never_lists_the_municipality_it_asks():
    gent = make_municipality("44021", "Gent", "Gand", is_city=True, status="member")
    make_municipality("24062", "Leuven", "Louvain", is_city=True, status="member")
    text = letter_text(municipality=gent, language="nl")
    note = text.split("lid van het Netwerk van Solidaire Steden en Gemeenten:")[1]
    assert "Leuven" in note and "Gent" not in note


def test_french_names_with_an_article_contract():
    roeulx = make_municipality("55035", "Le Roeulx", "Le Roeulx", is_city=True,
                               region_code="03000", province_code="50000",
                               postal_codes=("7070",))
    text = letter_text(municipality=roeulx, language="fr")
    assert "Ville du Roeulx" in text and "habitants du Roeulx" in text
    assert "de Le Roeulx" not in text
    assert roeulx.title_in("fr") == "Ville du Roeulx"
