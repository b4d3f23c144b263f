"""Plain text and DOCX from the neutral letter structure of `letter.letter_content`.

(The PDF is drawn from the same structure by `typst/letter.typ`.)
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from solidair.documents.docx_footnotes import Footnotes

_DOCX_LANGUAGE = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}


def runs_text(runs: list[dict]) -> str:
    """The runs as plain text, footnotes left out."""
    return "".join(run.get("text") or run.get("url", "") for run in runs)


# Plain text ------------------------------------------------------------------------------------

def content_to_text(content: dict) -> str:
    notes: list[str] = []

    def inline(runs):
        parts = []
        for run in runs:
            if "note" in run:
                notes.append(runs_text(run["note"]))
                parts.append(f"[{len(notes)}]")
            else:
                parts.append(run.get("text") or run.get("url", ""))
        return "".join(parts)

    sender = content["sender"]
    chunks = ["\n".join(value for value in (sender["name"], sender["email"], sender["phone"])
                        if value),
              "\n".join(content["addressee"]), content["date"], content["subject"],
              content["salutation"]]
    for block in content["blocks"]:
        if block["kind"] == "list":
            chunks.append("\n".join(f"- {inline(item)}" for item in block["items"]))
        elif block["kind"] == "personal":
            chunks.append(f"{block['heading']}:\n\n" + "\n\n".join(
                f"“{paragraph}”" for paragraph in block["paragraphs"]))
        elif block["kind"] == "heading":
            chunks.append(inline(block["runs"]).upper())
        else:
            chunks.append(inline(block["runs"]))
    chunks += [content["contact"], "\n".join(filter(None, [content["closing"], sender["name"]]))]
    if content["cosigners"]:
        chunks.append(content["cosigners_heading"] + "\n" + "\n".join(
            "- " + cosigner["name"] + "".join(f"\n  “{paragraph}”"
                                              for paragraph in cosigner["paragraphs"])
            for cosigner in content["cosigners"]))
    chunks.append(inline(content["more_info"]))
    if notes:
        chunks.append("----\n" + "\n".join(f"[{number}] {note}"
                                           for number, note in enumerate(notes, 1)))
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"


# DOCX ------------------------------------------------------------------------------------------

def _add_text(paragraph, text: str) -> None:
    """A plain run, built directly: python-docx's `add_run(text)` scans every character."""
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    paragraph._p.append(run)


def _set_language(document, language: str) -> None:
    """Spelling and hyphenation in Word follow the letter's language."""
    properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _DOCX_LANGUAGE[language])
    properties.append(lang)


def content_to_docx(content: dict) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin = section.bottom_margin = Cm(2)
    document.styles["Normal"].font.size = Pt(11)
    _set_language(document, content["lang"])
    properties = document.core_properties
    properties.title = content["subject"]
    properties.author = content["sender"]["name"]
    properties.language = _DOCX_LANGUAGE[content["lang"]]
    footnotes = Footnotes(document)
    # python-docx looks styles up by name on every use (slow); resolve each id once.
    style_ids = {name: document.styles[name].style_id
                 for name in ("Heading 2", "List Bullet", "Quote")}

    def paragraph(text="", style=None):
        new = document.add_paragraph()
        if text:
            _add_text(new, text)
        if style:
            new._p.get_or_add_pPr().style = style_ids[style]
        return new

    def inline(target, runs):
        for run in runs:
            if "note" in run:
                footnotes.add(target, runs_text(run["note"]))
            else:
                _add_text(target, run.get("text") or run.get("url", ""))
        return target

    def lines(values):
        new = document.add_paragraph()
        for index, value in enumerate(values):
            _add_text(new, value)
            if index < len(values) - 1:
                new.add_run().add_break()
        return new

    sender = content["sender"]
    lines([value for value in (sender["name"], sender["email"], sender["phone"]) if value])
    lines(content["addressee"])
    lines([content["date"]]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph().add_run(content["subject"]).bold = True
    paragraph(content["salutation"])
    for block in content["blocks"]:
        if block["kind"] == "heading":
            inline(paragraph(style="Heading 2"), block["runs"])
        elif block["kind"] == "list":
            for item in block["items"]:
                inline(paragraph(style="List Bullet"), item)
        elif block["kind"] == "personal":
            paragraph().add_run(block["heading"]).bold = True
            for text in block["paragraphs"]:
                paragraph(text, style="Quote")
        else:
            inline(paragraph(), block["runs"])
    if content["contact"]:
        paragraph(content["contact"])
    closing = paragraph(content["closing"])
    closing.paragraph_format.keep_with_next = True
    if sender["name"]:
        closing.paragraph_format.space_after = Pt(36)  # room for a handwritten signature
        paragraph(sender["name"])
    if content["cosigners"]:
        paragraph().add_run(content["cosigners_heading"]).bold = True
        for cosigner in content["cosigners"]:
            paragraph(style="List Bullet").add_run(cosigner["name"]).bold = True
            for text in cosigner["paragraphs"]:
                paragraph(text, style="Quote")
    inline(paragraph(), content["more_info"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# HTML preview ----------------------------------------------------------------------------------

def content_for_html(content: dict) -> dict:
    """The structure with footnotes numbered, for a template: each note run becomes
    {"note_number": n} and `content["notes"]` lists the notes' runs in order."""
    notes: list[list[dict]] = []

    def number(runs):
        numbered = []
        for run in runs:
            if "note" in run:
                notes.append(run["note"])
                numbered.append({"note_number": len(notes)})
            else:
                numbered.append(run)
        return numbered

    blocks = []
    for block in content["blocks"]:
        block = dict(block)
        if "runs" in block:
            block["runs"] = number(block["runs"])
        if "items" in block:
            block["items"] = [number(item) for item in block["items"]]
        blocks.append(block)
    return {**content, "blocks": blocks, "notes": notes}
