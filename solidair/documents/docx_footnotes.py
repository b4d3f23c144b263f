"""Real Word footnotes for python-docx, which has no footnote API.

`Footnotes(document)` adds the `word/footnotes.xml` part (with the separator footnotes Word
expects) and two styles; `footnotes.add(paragraph, text)` puts a numbered reference at the end
of `paragraph` and the note at the foot of the page, as Word itself would.
"""

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
_SEPARATORS = f"""<w:footnotes {nsdecls("w")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"
w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


def _element(tag: str, **attributes) -> OxmlElement:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), str(value))
    return element


class Footnotes:
    def __init__(self, document):
        self._root = parse_xml(_SEPARATORS)
        part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, self._root,
                       document.part.package)
        document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
        self._text_style, self._reference_style = self._styles(document)
        self._next_id = 1

    @staticmethod
    def _styles(document) -> tuple[str, str]:
        """Ids of the footnote styles, added when the document lacks them.

        Looked up by id: iterating python-docx's styles by name costs tens of milliseconds."""
        styles = document.styles
        if styles.element.get_by_id("FootnoteText") is None:
            text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = styles["Normal"]
            text.font.size = Pt(9)
            text.paragraph_format.space_after = Pt(0)
        if styles.element.get_by_id("FootnoteReference") is None:
            reference = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
            reference.font.superscript = True
        return "FootnoteText", "FootnoteReference"

    def _reference_run(self, child: OxmlElement) -> OxmlElement:
        run = _element("w:r")
        properties = _element("w:rPr")
        properties.append(_element("w:rStyle", w_val=self._reference_style))
        run.append(properties)
        run.append(child)
        return run

    def add(self, paragraph, text: str) -> int:
        """Append a footnote reference to `paragraph`; the note holds `text`. Returns its id."""
        note_id = self._next_id
        self._next_id += 1
        paragraph._p.append(self._reference_run(_element("w:footnoteReference", w_id=note_id)))

        note = _element("w:footnote", w_id=note_id)
        note_paragraph = _element("w:p")
        properties = _element("w:pPr")
        properties.append(_element("w:pStyle", w_val=self._text_style))
        note_paragraph.append(properties)
        note_paragraph.append(self._reference_run(_element("w:footnoteRef")))
        text_run = _element("w:r")
        text_element = _element("w:t", xml_space="preserve")
        text_element.text = f" {text}"
        text_run.append(text_element)
        note_paragraph.append(text_run)
        note.append(note_paragraph)
        self._root.append(note)
        return note_id
