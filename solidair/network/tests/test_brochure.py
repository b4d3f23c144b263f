import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from solidair.accounts.testing import login, make_coordinator
from solidair.charter.tests.factories import revise_activity
from solidair.network import brochure as builder
from solidair.network import services
from solidair.network.models import Brochure, Recommendation
from solidair.network.tests.factories import make_meeting, make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

@pytest.fixture
def meeting_with_practices():
    meeting = make_meeting(days=-1)
    gent = make_municipality()
    leuven = make_municipality("24062", "Leuven", "Louvain")
    make_practice(gent, title="Huurbuddy's", activities=[2, 3], meeting=meeting)
    make_practice(leuven, title="Kleinschalig LOI", activities=[1], meeting=meeting,
                  lessons="#panic() $x$ <b>")
    Recommendation.objects.create(meeting=meeting, level="federal", title="Langere termijn",
                                  text="De federale overheid verlengt de termijn.")
    return meeting


@pytest.fixture
def generate(client, django_capture_on_commit_callbacks):
    def run(meeting, **data):
        with django_capture_on_commit_callbacks(execute=True):
            brochure = _generate(client, meeting, **data)
        brochure.refresh_from_db()
        return brochure
    return run


def _generate(client, meeting, **data):
    login(client, make_coordinator(f"c{Brochure.objects.count()}@example.org"))
    response = client.post(reverse("network:meeting_brochure", args=[meeting.pk]),
                           {"title": "Goede praktijken", "introduction": "Welkom.\n\nTweede.",
                            **data})
    assert response.status_code == 302
    return Brochure.objects.order_by("-id").first()


def read(brochure, field="pdf"):
    with default_storage.open(getattr(brochure, field).name, "rb") as file:
        return file.read()


def test_brochure_of_a_meeting(client, generate, meeting_with_practices):
    brochure = generate(meeting_with_practices)
    assert brochure.state == "ready" and brochure.progress == 100
    pdf = read(brochure)
    reader = PdfReader(io.BytesIO(pdf))
    assert brochure.page_count == len(reader.pages) >= 4
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Goede praktijken" in text and "Welkom." in text
    assert "#panic() $x$ <b>" in text  # user text is data, never markup
    outline = [item["/Title"] for item in reader.outline if isinstance(item, dict)]
    # Grouped under the charter's activities, titled as the charter keeps them.
    assert "1. Opvangplaatsen voorzien" in outline
    assert "Langere termijn" in text
    # Every font is embedded.
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object()
            if "/DescendantFonts" in descendant:
                descendant = descendant["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert brochure.languages == ["nl"] and not brochure.pdf_fr


def test_table_of_contents_lists_the_activities_as_last_revised(client, generate,
                                                                 meeting_with_practices):
    # A coordinator revises an activity's title in the charter: the next brochure uses it.
    revise_activity(client, 2, title_nl="Wonen na de opvang")
    brochure = generate(meeting_with_practices)
    reader = PdfReader(io.BytesIO(read(brochure)))
    toc_page = reader.pages[1].extract_text()
    assert "Huurbuddy's" in toc_page and "Kleinschalig LOI" in toc_page
    assert "2. Wonen na de opvang" in toc_page
    assert "1. Opvangplaatsen voorzien" in toc_page


def test_each_generation_is_a_new_version_and_public_only_when_published(
        client, generate, meeting_with_practices):
    first = generate(meeting_with_practices)
    second = generate(meeting_with_practices, title="Tweede versie")
    assert (first.version, second.version) == (1, 2)
    client.logout()
    assert client.get(reverse("network:brochure", args=[second.pk])).status_code == 404
    assert client.get(reverse("network:brochure_pdf", args=[second.pk])).status_code == 404
    login(client, make_coordinator("publisher@example.org"))
    client.post(reverse("network:brochure_publish", args=[second.pk]))
    client.logout()
    response = client.get(reverse("network:brochure_pdf", args=[second.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "Tweede versie" in client.get(
        meeting_with_practices.get_absolute_url()).content.decode()


def test_french_edition_when_practices_have_french_text(generate, meeting_with_practices):
    make_practice(make_municipality("92094", "Namen", "Namur"), title="Un guichet unique",
                  language="fr", activities=[9], meeting=meeting_with_practices)
    brochure = generate(meeting_with_practices)
    assert brochure.languages == ["nl", "fr"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(read(brochure, "pdf_fr"))
                                                         ).pages)
    assert "Un guichet unique" in text and "Table des matières" in text


def test_brochure_from_a_selection(client, django_capture_on_commit_callbacks):
    gent = make_municipality()
    chosen = make_practice(gent, title="Gekozen", activities=[4])
    make_practice(gent, title="Niet gekozen", activities=[4])
    login(client, make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:brochure_create"), {
            "title": "Selectie", "introduction": "", "practices": [chosen.pk]})
    brochure = Brochure.objects.get()
    assert response.status_code == 302 and brochure.meeting is None and brochure.state == "ready"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(read(brochure))).pages)
    assert "Gekozen" in text and "Niet gekozen" not in text


def test_brochure_is_built_without_the_map_when_places_cannot_draw_it(
        client, generate, meeting_with_practices, monkeypatch):
    monkeypatch.setattr(builder, "map_svg", lambda: None)
    brochure = generate(meeting_with_practices)
    assert brochure.state == "ready" and not brochure.has_map


def test_map_is_drawn_as_vectors_when_given(generate, meeting_with_practices, monkeypatch):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
           '<rect width="40" height="40" fill="#0b6e4f"/></svg>')
    monkeypatch.setattr(builder, "map_svg", lambda: svg)
    brochure = generate(meeting_with_practices)
    pdf = read(brochure)
    reader = PdfReader(io.BytesIO(pdf))
    assert brochure.has_map
    assert not re.search(rb"/Subtype\s*/Image", pdf)  # drawn as vectors, not a picture
    assert any("The members of the network" in p.extract_text()
               or "leden van het netwerk" in p.extract_text() for p in reader.pages)


def test_brochure_holds_the_real_map_of_members(client, generate, meeting_with_practices):
    brochure = generate(meeting_with_practices)
    assert brochure.has_map


def test_failed_build_is_shown(client, generate, meeting_with_practices, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("typst broke")

    monkeypatch.setattr(builder, "render", broken)
    brochure = generate(meeting_with_practices)
    brochure.refresh_from_db()
    assert brochure.state == "failed" and "typst broke" in brochure.error
    assert client.get(reverse("network:brochure", args=[brochure.pk])).status_code == 200


def test_selection_needs_published_practices():
    with pytest.raises(services.ValidationError):
        services.brochure_request(title="Leeg", introduction="", by=None, practices=[])
