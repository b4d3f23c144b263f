"""`{% error_summary form [more forms or lists of forms] problems=... %}`: the box at the top of
a form that lists what went wrong and links to each field (see solidair.core.forms)."""

from django import template

from solidair.core.forms import error_summary_items

register = template.Library()


@register.inclusion_tag("core/forms/error_summary.html")
def error_summary(*forms, problems=()):
    return {"items": error_summary_items(*forms, problems=problems)}
