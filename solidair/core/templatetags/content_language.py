"""Content in another language than the page: marked with its language for assistive
technology (`lang`) and for every reader (a visible label such as "(in het Frans)").

    {% load content_language %}
    <a href="..." lang="{{ code }}">{{ title }}</a>{% content_language_label code %}
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

IN_LANGUAGE = {
    "nl": _("(in Dutch)"),
    "fr": _("(in French)"),
    "en": _("(in English)"),
    "de": _("(in German)"),
}


def is_other_language(code: str) -> bool:
    return bool(code) and code[:2] != (get_language() or "nl")[:2]


@register.simple_tag
def content_language_label(code: str) -> str:
    """' (in het Frans)' when `code` is not the page's language; nothing when it is."""
    if not is_other_language(code) or code[:2] not in IN_LANGUAGE:
        return ""
    return format_html(' <span class="content-language">{}</span>', IN_LANGUAGE[code[:2]])


@register.filter
def other_language(code: str) -> bool:
    """`{% if practice.language|other_language %}`: not the page's language."""
    return is_other_language(code)
