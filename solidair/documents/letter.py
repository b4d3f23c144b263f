"""The residents' letter to their council, filled in and rendered as text, PDF or DOCX.

Public interface (used by the letter page, the API and the campaigns digest):

    letter_text(*, municipality, language, name="", email="", phone="", message="",
                cosigners=()) -> str
    letter_pdf(...same...) -> bytes
    letter_docx(...same...) -> bytes

`cosigners` is a sequence of `(display_name, personal_paragraph_or_empty)` listed after the
signature. `message` is the sender's own paragraph, placed after the introduction.

The wording comes from `LetterTemplate` (one per language, edited by coordinators). Every
format is drawn from one neutral structure built by `letter_content`, so the three agree.
User text is only ever inserted as values, never scanned for placeholders or markup.
"""

import re
from collections.abc import Iterable, Sequence
from functools import partial

from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from solidair.core.extensions import hooks
from solidair.core.french import join_name
from solidair.documents.letter_formats import content_to_docx, content_to_text
from solidair.documents.letter_seed import ORIGINAL_TEXTS
from solidair.documents.models import PLACEHOLDER_RE, LetterLanguage, LetterTemplate
from solidair.documents.pdf import TEMPLATES_DIR, render_pdf
from solidair.places.models import (
    BRUSSELS_REGION,
    GERMAN_SPEAKING,
    WALLOON_REGION,
    Municipality,
    MunicipalityStatus,
)

# The municipalities of the German-speaking Community (places.models.GERMAN_SPEAKING): the
# network's letter exists in Dutch and French; their councils handle French, so they get the
# French letter.
LANGUAGES = tuple(LetterLanguage.values)
LETTER_TEMPLATE = TEMPLATES_DIR / "letter.typ"
READING_LANGUAGE = LetterLanguage.ENGLISH
_AND = {"nl": "en", "fr": "et", "en": "and"}
_URL_RE = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)’'»]")
# Characters XML (DOCX) cannot hold and that have no place in a letter.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Which languages a municipality's letter may be written in --------------------------------

def letter_languages(municipality: Municipality) -> list[str]:
    """The council languages first, then English as a reading version.

    Flanders: Dutch. Wallonia (German-speaking municipalities included): French. Brussels:
    the resident chooses Dutch or French.
    """
    if municipality.region_id == BRUSSELS_REGION:
        return ["nl", "fr", READING_LANGUAGE]
    if municipality.region_id == WALLOON_REGION or municipality.nis in GERMAN_SPEAKING:
        return ["fr", READING_LANGUAGE]
    return ["nl", READING_LANGUAGE]


def default_letter_language(municipality: Municipality, preferred: str | None = None) -> str:
    """`preferred` (e.g. the page's language) when the council accepts it, else its first."""
    council_languages = letter_languages(municipality)[:-1]
    preferred = (preferred or "")[:2]
    return preferred if preferred in council_languages else council_languages[0]


def letter_name(municipality: Municipality, language: str) -> str:
    """The municipality's name as a letter in `language` writes it.

    Dutch and French letters use the name in their language; the English reading version uses
    the name of the region's language (both names in Brussels).
    """
    if language == "nl":
        return municipality.name_nl
    if language == "fr":
        return municipality.name_fr or municipality.name_nl
    if municipality.region_id == BRUSSELS_REGION and municipality.name_fr != municipality.name_nl:
        return f"{municipality.name_fr} / {municipality.name_nl}"
    if municipality.region_id == WALLOON_REGION:
        return municipality.name_fr or municipality.name_nl
    return municipality.name_nl


# Filling the texts ---------------------------------------------------------------------------

def clean_user_text(value: str) -> str:
    """Normalise what a person typed: no control characters, Unix line ends, no outer space."""
    value = _CONTROL_RE.sub("", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    return value.strip()


def _join_words(names: list[str], language: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_AND[language]} {names[-1]}"




def _runs(template: str, values: dict, language: str, notes: dict | None = None) -> list[dict]:
    """Split `template` into runs: {"text"}, {"url"} and {"note": runs} (a footnote).

    Known placeholders take their value; footnote marks become notes (or vanish when the note
    is empty); any other brace group is dropped, so no placeholder reaches a letter.
    """
    notes = notes or {}
    runs: list[dict] = []
    text = ""
    position = 0
    for match in PLACEHOLDER_RE.finditer(template):
        name = match.group(1)
        text += template[position:match.start()]
        position = match.end()
        if name in values:
            value = str(values[name])
            # French: 'Commune d’Anderlues', 'Ville du Roeulx' (the pages' own rule).
            text = join_name(text, value, language)
        elif notes.get(name):
            runs.extend(_link_runs(text))
            runs.append({"note": notes[name]})
            text = ""
    runs.extend(_link_runs(text + template[position:]))
    return runs


def _link_runs(text: str) -> list[dict]:
    runs, position = [], 0
    for match in _URL_RE.finditer(text):
        if match.start() > position:
            runs.append({"text": text[position:match.start()]})
        runs.append({"url": match.group(0)})
        position = match.end()
    if position < len(text):
        runs.append({"text": text[position:]})
    return runs


def _fill(template: str, values: dict, language: str) -> str:
    return "".join(run.get("text") or run.get("url", "") for run in
                   _runs(template, values, language))


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one become spaces."""
    return [" ".join(line.strip() for line in block.splitlines() if line.strip())
            for block in re.split(r"\n\s*\n", text) if block.strip()]


def _blocks(template: str, runs) -> list[dict]:
    """Parse the letter-body syntax: '# ' headings, '- ' list items, paragraphs."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", template.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("# "):
            blocks.append({"kind": "heading", "runs": runs(" ".join(lines)[2:].strip())})
        elif all(line.startswith("- ") for line in lines):
            blocks.append({"kind": "list", "items": [runs(line[2:].strip()) for line in lines]})
        else:
            blocks.append({"kind": "paragraph", "runs": runs(" ".join(lines))})
    return blocks


def letter_template(language: str) -> LetterTemplate:
    """The editable text in `language`, restored from the original if its row is missing."""
    return LetterTemplate.objects.get_or_create(language=language,
                                                defaults=ORIGINAL_TEXTS[language])[0]


def _member_names(template: LetterTemplate, language: str,
                  addressee: Municipality | None = None) -> list[str]:
    """Today's members, in the order they joined, named as the letter's language does. The
    municipality the letter asks is never among them."""
    members = Municipality.objects.members().order_by(
        F("member_since").asc(nulls_last=True), "name_nl")
    if addressee is not None:
        members = members.exclude(pk=addressee.pk)
    names = []
    for member in members:
        name = letter_name(member, language)
        former = member.joined_as.strip()
        if former and former not in {member.name_nl, member.name_fr, member.name_de}:
            name = _fill(template.member_joined_as, {"name": name, "joined_as": former},
                         language)
        names.append(name)
    return names


def membership_lapsed(municipality: Municipality) -> bool:
    """A member whose new council did not reconfirm it (the `membership_is_lapsed` hook)."""
    return (municipality.status == MunicipalityStatus.MEMBER
            and any(hook(municipality) for hook in hooks("membership_is_lapsed")))


def letter_content(*, municipality: Municipality, language: str, name: str = "",
                   email: str = "", phone: str = "", message: str = "",
                   cosigners: Iterable[Sequence[str]] = ()) -> dict:
    """The filled-in letter as neutral data, the single source of the three formats."""
    if language not in LANGUAGES:
        raise ValueError(f"No letter in {language!r}; choose one of {LANGUAGES}.")
    template = letter_template(language)
    name, email, phone = (clean_user_text(value) for value in (name, email, phone))
    town = letter_name(municipality, language)
    values = {
        "municipality": town,
        "name": town,
        "title_word": template.city_word if municipality.is_city
        else template.municipality_word,
    }
    values["title"] = _fill(template.city_title if municipality.is_city
                            else template.municipality_title, {"name": town}, language)
    runs = partial(_runs, values=values, language=language)

    members = _member_names(template, language, addressee=municipality)
    notes = {"sponsorship_note": runs(template.sponsorship_note),
             "members_note": runs(template.members_note,
                                  values={"members": _join_words(members, language)})
             if members else []}

    blocks = _blocks(template.introduction, runs)
    if membership_lapsed(municipality):
        # Its new council did not reconfirm it: the residents ask for a reconfirmation.
        with override(language):
            lapsed = _("{municipality} is a solidarity municipality, but the new council did "
                       "not reconfirm its membership in time. We ask the council to reconfirm "
                       "it, with its commitments: what follows says why it matters.")
        blocks.insert(0, {"kind": "paragraph", "runs": runs(lapsed)})
    personal = _paragraphs(clean_user_text(message))
    if personal:
        blocks.append({"kind": "personal", "heading": template.personal_heading,
                       "paragraphs": personal})
    blocks += _blocks(template.body, partial(runs, notes=notes))

    contact = ""
    if email:
        contact_template = template.contact_email_phone if phone else template.contact_email
        contact = _fill(contact_template, {"email": email, "phone": phone}, language)
    with override(language):
        today = date_format(timezone.localdate(), "j F Y")
    return {
        "lang": language,
        "title": values["title"],
        "date": today,
        "sender": {"name": name, "email": email, "phone": phone},
        "addressee": _fill(template.addressee, values, language).splitlines(),
        "subject": _fill(template.subject, values, language),
        "salutation": template.salutation,
        "blocks": blocks,
        "contact": contact,
        "closing": template.closing,
        "cosigners_heading": template.cosigners_heading,
        "cosigners": [{"name": clean_user_text(cosigner_name),
                       "paragraphs": _paragraphs(clean_user_text(paragraph))}
                      for cosigner_name, paragraph in cosigners],
        "more_info": runs(template.more_info),
    }


# The three formats -------------------------------------------------------------------------

def letter_text(*, municipality: Municipality, language: str, name: str = "", email: str = "",
                phone: str = "", message: str = "",
                cosigners: Iterable[Sequence[str]] = ()) -> str:
    """The letter as plain text (for e-mail), footnotes numbered and listed at the end."""
    return content_to_text(letter_content(
        municipality=municipality, language=language, name=name, email=email, phone=phone,
        message=message, cosigners=cosigners))


def letter_pdf(*, municipality: Municipality, language: str, name: str = "", email: str = "",
               phone: str = "", message: str = "",
               cosigners: Iterable[Sequence[str]] = ()) -> bytes:
    """The letter as PDF (Typst: fonts embedded, real footnotes, hyphenated)."""
    return render_pdf(LETTER_TEMPLATE, letter_content(
        municipality=municipality, language=language, name=name, email=email, phone=phone,
        message=message, cosigners=cosigners))


def letter_docx(*, municipality: Municipality, language: str, name: str = "", email: str = "",
                phone: str = "", message: str = "",
                cosigners: Iterable[Sequence[str]] = ()) -> bytes:
    """The letter as an editable Word document with real footnotes."""
    return content_to_docx(letter_content(
        municipality=municipality, language=language, name=name, email=email, phone=phone,
        message=message, cosigners=cosigners))


def letter_pdf_attachment(*, nis: str, language: str, name: str = "", email: str = "",
                          phone: str = "", message: str = "",
                          cosigners: Iterable[Sequence[str]] = ()) -> tuple[str, bytes, str]:
    """An e-mail attachment builder (see `core.mail`): JSON-friendly arguments, the municipality
    by its code, `cosigners` as a list of [name, paragraph] pairs. Returns
    `(filename, pdf, "application/pdf")`."""
    municipality = Municipality.objects.get(nis=nis)
    data = letter_pdf(municipality=municipality, language=language, name=name, email=email,
                      phone=phone, message=message, cosigners=[tuple(c) for c in cosigners])
    return letter_filename(municipality, "pdf", language=language), data, "application/pdf"


def letter_filename(municipality: Municipality, extension: str,
                    language: str | None = None) -> str:
    """'letter-gent.pdf': the municipality named in `language` (the page's, or the letter's),
    so a French page downloads letter-liege.pdf and a Dutch one letter-luik.pdf."""
    name = municipality.name_in((language or "nl")[:2])
    return f"letter-{slugify(name) or municipality.nis}.{extension}"
