"""One form style for the whole site (the pattern of the GOV.UK Design System).

Every form renders through `FormRenderer` (settings.FORM_RENDERER): `{{ form }}` and
`{{ form.field.as_field_group }}` use core/forms/form.html and core/forms/field.html: the label
(no colon), the hint, the error message beside the field, tied to it with aria-describedby.
An error summary at the top (core/forms/error_summary.html, `{% error_summary %}` from the
`solidair_forms` tag library) links to each field with an error.
"""

from collections.abc import Iterable

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class DescribedBoundField(BoundField):
    """A widget given its own aria-describedby (say, the consent text beside a checkbox) loses
    Django's link to the field's hint and error: keep all of them, the widget's own first."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        own = (widget or self.field.widget).attrs.get("aria-describedby", "")
        if own and self.auto_id and not self.use_fieldset:
            extra = ([f"{self.auto_id}_helptext"] if self.help_text else []) + (
                [f"{self.auto_id}_error"] if self.errors else [])
            attrs["aria-describedby"] = " ".join([own, *extra])
        return attrs


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = DescribedBoundField


def field_anchor(bound_field) -> str:
    """Where the error summary's link for this field goes: the input itself, or for a group of
    radio buttons or checkboxes the element that holds them."""
    if bound_field.use_fieldset:
        return bound_field.auto_id or ""
    return bound_field.id_for_label or bound_field.auto_id or ""


def _flatten(sources) -> list:
    flat = []
    for source in sources:
        if source is None:
            continue
        if isinstance(source, list | tuple):
            flat.extend(_flatten(source))
        else:
            flat.append(source)
    return flat


def error_summary_items(*forms, problems: Iterable = ()) -> list[dict]:
    """The summary's lines: problems not tied to a field (a service's checks), then each form's
    own errors, then one line per error of a field, in the order of the fields, linked to it."""
    items = [{"label": "", "message": str(problem), "href": ""} for problem in problems or ()]
    for form in _flatten(forms):
        if not getattr(form, "is_bound", False):
            continue
        items += [{"label": "", "message": str(error), "href": ""}
                  for error in form.non_field_errors()]
        # A form of many alike (one per activity, say) names which one a field belongs to.
        summary_label = getattr(form, "summary_label", lambda field: field.label)
        for bound_field in form:
            hidden = bound_field.is_hidden
            anchor = "" if hidden else field_anchor(bound_field)
            # "Your question?: message" reads wrong: a label's own end mark gives way.
            label = "" if hidden else str(summary_label(bound_field) or "").rstrip(" ?:")
            items += [{"label": label,
                       "message": str(error),
                       "href": f"#{anchor}" if anchor else ""}
                      for error in bound_field.errors]
    return items


class OptionsSelect(forms.Select):
    """A select rendered in Python: the same HTML as Django's select and option templates
    (test_practice_search_form compares them), without a template render per option."""

    @staticmethod
    def _attrs(attrs: dict) -> str:
        escape = conditional_escape
        return "".join("" if value is False else f" {escape(name)}" if value is True
                       else f' {escape(name)}="{escape(value)}"' for name, value in attrs.items())

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"'
                 f'{self._attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f'\n  <option value="{conditional_escape(option["value"])}"'
                         f'{self._attrs(option["attrs"])}>{conditional_escape(option["label"])}'
                         "</option>\n" for option in group_choices)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
