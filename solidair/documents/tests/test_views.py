import io
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils.html import escape
from docx import Document
from pypdf import PdfReader

from solidair.accounts.testing import login, make_coordinator
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

FORM = {"name": "Anneleen Vermeulen", "email": "anneleen@example.org", "phone": "0470 12 34 56",
        "language": "nl", "message": "Ik woon hier graag.", "postal_code": "9000"}


@pytest.fixture
def gent():
    return make_municipality(is_city=True)


def url(municipality, language_prefix=""):
    # Built literally: reverse() would follow whichever language an earlier request activated.
    return f"{language_prefix}/letter/{municipality.nis}/"


def test_page_shows_form_and_preview_without_placeholders(client, gent):
    response = client.get(url(gent))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stad Gent" in html and "inwoners van Gent" in html
    assert 'name="message"' in html and 'name="volunteer"' in html
    assert "{" not in html.split('class="letter"')[1].split("</article>")[0]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_preview_in_every_language_has_no_placeholder(client, language):
    ixelles = make_municipality("21009", "Elsene", "Ixelles", region_code="04000",
                                province_code=None, is_city=False)
    response = client.post(url(ixelles), {**FORM, "postal_code": "", "language": language,
                                          "action": "preview"})
    article = response.content.decode().split('class="letter"')[1].split("</article>")[0]
    assert "Anneleen Vermeulen" in article and f'lang="{language}"' in response.content.decode()
    assert "{" not in article and "[" not in article and "XXX" not in article


def test_unknown_municipality_is_404(client):
    assert client.get("/letter/99999/").status_code == 404


def test_preview_shows_the_filled_letter_escaped(client, gent):
    response = client.post(url(gent), {**FORM, "message": "<script>x</script>",
                                       "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anneleen Vermeulen" in html and "0470 12 34 56" in html
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_pdf_and_docx_downloads(client, gent):
    pdf = client.post(url(gent), {**FORM, "action": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert "Anneleen Vermeulen" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    docx = client.post(url(gent), {**FORM, "action": "docx"})
    assert docx.status_code == 200
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "Anneleen Vermeulen" in paragraphs


def test_errors_are_clear_and_keep_what_was_typed(client, gent):
    response = client.post(url(gent), {**FORM, "name": "", "email": "not-an-address",
                                       "message": "x" * 2001, "language": "fr",
                                       "postal_code": "1000", "action": "pdf"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('class="field__error"') >= 4  # name, e-mail, message, postal code
    assert html.count('<li><a href="#id_') >= 4  # each listed at the top, linked to its field
    assert "not-an-address" in html and "x" * 2001 in html


def test_french_page_for_a_brussels_municipality_offers_both_languages(client):
    ixelles = make_municipality("21009", "Elsene", "Ixelles", region_code="04000",
                                province_code=None)
    html = client.get(url(ixelles, "/fr")).content.decode()
    assert 'value="nl"' in html and 'value="fr"' in html and 'value="en"' in html
    assert "Commune d’Ixelles" in html  # the French page starts with the French letter
    response = client.post(url(ixelles, "/fr"), {**FORM, "postal_code": "", "language": "nl",
                                                 "action": "preview"})
    assert "Gemeente Elsene" in response.content.decode()


def test_volunteer_gets_a_prefilled_link_then_the_download(client, gent):
    response = client.post(url(gent), {**FORM, "volunteer": "on", "action": "pdf"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    link = response.context["volunteer_url"]
    assert link.startswith("/volunteer/?nis=44021&prefill=")
    assert "Anneleen" not in unquote(link) and "anneleen" not in unquote(link)
    form = client.get(link).content.decode()
    for value in ("Anneleen Vermeulen", "anneleen@example.org", "0470 12 34 56"):
        assert f'value="{value}"' in form
    download = client.post(url(gent), {**FORM, "volunteer": "on", "ready": "1",
                                       "action": "pdf"})
    assert download["Content-Type"] == "application/pdf"


def test_downloads_are_rate_limited(client, gent, monkeypatch):
    monkeypatch.setattr("solidair.documents.views.DOWNLOAD_LIMIT", {"limit": 1, "period": 60})
    assert client.post(url(gent), {**FORM, "action": "docx"}).status_code == 200
    assert client.post(url(gent), {**FORM, "action": "docx"}).status_code == 429


def test_coordinator_edits_the_letter_in_the_admin_with_history(client):
    from solidair.documents.models import LetterTemplate

    coordinator = make_coordinator(is_staff=True, is_superuser=True)
    login(client, coordinator)
    template = LetterTemplate.objects.get(language="fr")
    change_url = reverse("admin:documents_lettertemplate_change", args=[template.pk])
    page = client.get(change_url)
    assert escape(template.subject) in page.content.decode()
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    client.post(change_url, {**data, "subject": "Demande de rejoindre le réseau"})
    template.refresh_from_db()
    assert template.subject == "Demande de rejoindre le réseau"
    history = client.get(reverse("admin:documents_lettertemplate_history", args=[template.pk]))
    assert coordinator.email in history.content.decode()


def test_page_is_translated(client, gent):
    assert "Je naam" in client.get(url(gent)).content.decode()
    assert "Votre nom" in client.get(url(gent, "/fr")).content.decode()
    assert "Your name" in client.get(url(gent, "/en")).content.decode()
