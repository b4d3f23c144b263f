"""Template tags of the design system (docs/design.md)."""

from functools import cache
from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@cache
def _svg_source(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"no static file {path!r}")
    source = Path(found).read_text(encoding="utf-8").strip()
    if not source.startswith("<svg"):
        raise template.TemplateSyntaxError(f"{path!r} is not an SVG image")
    return source


@register.simple_tag
def inline_svg(path: str, css_class: str = "") -> str:
    """The SVG file `path` from the static files, inline and hidden from assistive technology
    (it decorates a link or heading that has its own text): no request, no other host.

    `{% inline_svg "img/logo.svg" "brand__mark" %}`"""
    attributes = ' aria-hidden="true" focusable="false"'
    if css_class:
        attributes += f' class="{escape(css_class)}"'
    # Our own files only, read once.
    return mark_safe(_svg_source(path).replace("<svg", "<svg" + attributes, 1))  # noqa: S308
