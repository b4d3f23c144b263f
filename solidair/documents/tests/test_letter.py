import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from solidair.documents.letter import (
    default_letter_language,
    letter_docx,
    letter_languages,
    letter_pdf,
    letter_text,
)
from solidair.documents.models import LEGACY_BLANKS, LetterTemplate
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

SENDER = {"name": "Anneleen Vermeulen", "email": "anneleen@example.org",
          "phone": "0470 12 34 56"}
# What a title looks like, per language and title.
TITLES = {("nl", True): "Stad {}", ("nl", False): "Gemeente {}",
          ("fr", True): "Ville de {}", ("fr", False): "Commune de {}",
          ("en", True): "City of {}", ("en", False): "Municipality of {}"}
RESIDENTS = {"nl": "inwoners van {}", "fr": "habitants de {}", "en": "residents of {}"}


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return _flat(text)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footnotes = re.sub(r"<[^>]+>", " ", archive.read("word/footnotes.xml").decode())
    return _flat("\n".join(p.text for p in document.paragraphs) + "\n" + footnotes)


def _flat(text: str) -> str:
    """Undo line breaks and hyphenation so phrases can be searched."""
    text = re.sub(r"\u00ad\n", "-", text.replace("-\n", "-")).replace("\u00ad", "-")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


FORMATS = {"text": lambda **kw: _flat(letter_text(**kw)),
           "pdf": lambda **kw: pdf_text(letter_pdf(**kw)),
           "docx": lambda **kw: docx_text(letter_docx(**kw))}


@pytest.fixture
def members():
    make_municipality("11002", "Antwerpen", "Anvers", is_city=True, status="member",
                      joined_as="Antwerpen")
    make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle", status="member",
                      joined_as="Merelbeke")


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("is_city", [True, False])
def test_letter_is_filled_in_with_no_placeholder_left(members, output, language, is_city):
    town = make_municipality("44021", "Gent", "Gand", is_city=is_city)
    text = FORMATS[output](municipality=town, language=language, **SENDER)

    name = {"nl": "Gent", "fr": "Gand", "en": "Gent"}[language]
    assert TITLES[language, is_city].format(name) in text
    assert RESIDENTS[language].format(name) in text
    for value in SENDER.values():
        assert value in text
    for blank in LEGACY_BLANKS:
        assert blank not in text
    assert not re.search(r"\{\w*\}", text), re.search(r".{40}\{\w*\}.{40}", text)
    # Both footnotes: the sponsorship URL and today's members.
    assert "caritasinternational.be" in text
    assert {"nl": "Antwerpen", "fr": "Anvers", "en": "Antwerpen"}[language] in text
    assert "Merelbeke-Melle" in text
    assert {"nl": "toegetreden als Merelbeke", "fr": "adhésion sous le nom de Merelbeke",
            "en": "joined as Merelbeke"}[language] in text


def test_member_footnote_follows_the_database():
    town = make_municipality("44021", "Gent", "Gand", is_city=True)
    assert "lid van het Netwerk" not in letter_text(municipality=town, language="nl")
    make_municipality("24062", "Leuven", "Louvain", is_city=True, status="member")
    assert "lid van het Netwerk van Solidaire Steden en Gemeenten: Leuven." in letter_text(
        municipality=town, language="nl")


def test_french_title_elides_before_a_vowel():
    town = make_municipality("56001", "Anderlues", "Anderlues", region_code="03000",
                             province_code="50000")
    text = letter_text(municipality=town, language="fr", **SENDER)
    assert "Commune d’Anderlues" in text
    assert "habitants d’Anderlues" in text


def test_personal_message_and_cosigners_are_placed_as_written():
    town = make_municipality()
    text = letter_text(municipality=town, language="nl", message="Ik woon hier al 30 jaar.",
                       cosigners=[("Bert J.", "Ik help graag."), ("Chris", "")], **SENDER)
    assert text.index("Met deze brief willen wij") < text.index("In mijn eigen woorden") \
        < text.index("Ik woon hier al 30 jaar.") < text.index("ONZE GEMEENTE, EEN")
    assert text.index("Anneleen Vermeulen", 100) < text.index("Medeondertekend door:") \
        < text.index("Bert J.") < text.index("Ik help graag.") < text.index("Chris")


@pytest.mark.parametrize("output", FORMATS)
def test_user_text_is_data_not_markup_or_placeholders(output):
    town = make_municipality()
    hostile = "#set page(width: 1cm) $x$ ] *bold* <script>alert(1)</script> {municipality}"
    text = FORMATS[output](municipality=town, language="nl", name="#strong[Eve] ]",
                           email="eve@example.org", message=hostile)
    assert "#strong[Eve] ]" in text
    assert "#set page(width: 1cm) $x$ ] *bold* <script>alert(1)</script> {municipality}" in text


def test_pdf_embeds_every_font_has_footnotes_and_one_to_three_pages():
    town = make_municipality(is_city=True, status="member")
    data = letter_pdf(municipality=town, language="nl", message="Woorden. " * 220,
                      cosigners=[("Bert", "Ik help graag.")], **SENDER)
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 3
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            fonts.append(descriptor.get_object())
    assert fonts
    assert all(any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3"))
               for d in fonts)
    assert reader.metadata.title.startswith("Betreft")


def test_docx_has_real_footnotes_and_opens():
    town = make_municipality()
    make_municipality("24062", "Leuven", "Louvain", status="member")  # the members' footnote
    data = letter_docx(municipality=town, language="nl", **SENDER)
    document = Document(io.BytesIO(data))
    assert any("Anneleen Vermeulen" in p.text for p in document.paragraphs)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert body.count("<w:footnoteReference") == 2
    assert 'w:id="1"' in notes and 'w:id="2"' in notes and "caritasinternational" in notes
    assert "footnotes+xml" in types and "relationships/footnotes" in rels


def test_control_characters_do_not_break_the_docx():
    town = make_municipality()
    data = letter_docx(municipality=town, language="nl", name="Eve\x00\x1b", message="a\x0bb")
    assert any(p.text == "Eve" for p in Document(io.BytesIO(data)).paragraphs)


def test_languages_per_region():
    flemish = make_municipality()
    walloon = make_municipality("92094", "Namen", "Namur", region_code="03000",
                                province_code="90000")
    brussels = make_municipality("21009", "Elsene", "Ixelles", region_code="04000",
                                 province_code=None)
    german = make_municipality("63023", "Eupen", "Eupen", region_code="03000",
                               province_code="60000")
    assert letter_languages(flemish) == ["nl", "en"]
    assert letter_languages(walloon) == ["fr", "en"]
    assert letter_languages(german) == ["fr", "en"]
    assert letter_languages(brussels) == ["nl", "fr", "en"]
    assert default_letter_language(brussels, "fr") == "fr"
    assert default_letter_language(walloon, "nl") == "fr"
    assert "Ixelles / Elsene" in letter_text(municipality=brussels, language="en")


def test_unknown_placeholder_is_refused_when_editing():
    template = LetterTemplate.objects.get(language="nl")
    template.body += "\n\nGroeten uit {gemeente}."
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "{gemeente}" in str(error.value)
    template.body = template.body.replace("{gemeente}", "[Naam]")
    with pytest.raises(ValidationError):
        template.full_clean()


def test_edits_are_kept_in_history_and_used():
    template = LetterTemplate.objects.get(language="nl")
    assert template.history.get().history_change_reason == "Seeded from the network's letter"
    template.closing = "Met solidaire groeten,"
    template.save()
    assert template.history.count() == 2
    assert template.history.earliest().closing == "Met vriendelijke groeten,"
    assert "Met solidaire groeten," in letter_text(municipality=make_municipality(),
                                                   language="nl")


@pytest.mark.parametrize("output", FORMATS)
def test_letter_without_a_sender_lists_only_the_cosigners(output):
    """The campaigns digest sends the letter on behalf of its co-signatories."""
    town = make_municipality()
    text = FORMATS[output](municipality=town, language="nl",
                           cosigners=[("Bert J.", "Ik help graag."), ("Chris", "")])
    assert "Medeondertekend door:" in text and "Bert J." in text and "Chris" in text
    assert "contacteer me" not in text


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        letter_text(municipality=make_municipality(), language="de")


def test_a_missing_text_is_restored_from_the_original():
    """A flushed database (e.g. after a transactional test) must not break the letter."""
    LetterTemplate.objects.all().delete()
    assert "Stad Gent" in letter_text(municipality=make_municipality(is_city=True),
                                      language="nl")
    assert LetterTemplate.objects.filter(language="nl").exists()


def test_attachment_builder_for_queued_mail():
    from django.utils.module_loading import import_string

    make_municipality(is_city=True)
    builder = import_string("solidair.documents.letter.letter_pdf_attachment")
    filename, data, content_type = builder(nis="44021", language="nl",
                                           cosigners=[["Bert J.", "Ik help graag."]])
    assert filename == "letter-gent.pdf" and content_type == "application/pdf"
    assert "Bert J." in pdf_text(data)
