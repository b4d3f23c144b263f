"""PDF rendering with Typst, shared by the letter and the brochures.

User text never becomes Typst markup: the data goes in as JSON through `sys.inputs.data` and the
template reads it with `json(bytes(sys.inputs.data))`, so nothing a resident types can run.
Only the fonts embedded in Typst (and any in `documents/fonts/`) are used: the output is the
same on every machine, and every font is embedded in the PDF.
"""

import json
import threading
from pathlib import Path

import typst

TEMPLATES_DIR = Path(__file__).resolve().parent / "typst"
FONTS_DIR = Path(__file__).resolve().parent / "fonts"

_local = threading.local()


def _compiler(template: Path) -> typst.Compiler:
    """One compiler per template and thread, reused: Typst keeps its fonts and caches warm."""
    compilers = getattr(_local, "compilers", None)
    if compilers is None:
        compilers = _local.compilers = {}
    if template not in compilers:
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                            font_paths=[str(FONTS_DIR)] if FONTS_DIR.is_dir() else [])
        compilers[template] = typst.Compiler(str(template), root=str(template.parent.parent),
                                             font_paths=fonts, ignore_system_fonts=True)
    return compilers[template]


def render_pdf(template: Path | str, data: dict) -> bytes:
    """Compile `template` (a .typ file) with `data` available as `json(bytes(sys.inputs.data))`."""
    template = Path(template)
    if not template.is_absolute():
        template = TEMPLATES_DIR / template
    payload = json.dumps(data, ensure_ascii=False, default=str)
    return _compiler(template).compile(format="pdf", sys_inputs={"data": payload})
