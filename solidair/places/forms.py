import functools

from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.core.forms import OptionsSelect
from solidair.places.models import Municipality, MunicipalityStatus
from solidair.places.selectors import (
    NIS_PATTERN,
    POSTAL_CODE_PATTERN,
    municipality_search,
    province_choices,
)
from solidair.places.text import MAX_QUERY_LENGTH, normalize


class MapFilterForm(forms.Form):
    """Province and status filters (GET) for the map and the directory."""

    # Rendered in Python (OptionsSelect): the directory's and the map's filters are on every
    # visit of those pages.
    province = forms.ChoiceField(label=_("Province"), required=False, widget=OptionsSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=OptionsSelect,
                               choices=[("", _("All statuses")), *MunicipalityStatus.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read when the field is shown or checked, once: a page that shows only the search box
        # (the home page) or no form at all (the map's SVG) does not query the provinces.
        self.fields["province"].choices = functools.cache(
            lambda: [("", _("All provinces")), *province_choices()])


class DirectoryForm(MapFilterForm):
    # No max_length: a very long query is shortened with a message, not refused.
    q = forms.CharField(label=_("Postal code or name"), required=False, strip=True,
                        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100,
                                                      "autocomplete": "off"}))

    field_order = ["q", "province", "status"]


class MunicipalityInput(forms.TextInput):
    """A text box with the municipalities' names as suggestions (a <datalist>: the browser
    suggests while you type, without any script)."""

    template_name = "places/widgets/municipality_input.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}_options"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["options"] = sorted(
            {municipality.name for municipality in Municipality.objects.only(
                "nis", "name_nl", "name_fr", "name_de", "region_id")}, key=normalize)
        return context


class MunicipalityChoiceField(forms.Field):
    """One of the 565 municipalities, typed by name (in any language, old names too), postal
    code or NIS code. The value is a `Municipality`; a text that matches none, or several,
    is refused with a message that says what to type."""

    widget = MunicipalityInput
    default_error_messages = {
        "unknown": _("We know no municipality “%(value)s”. Type its name, a postal code or its "
                     "NIS code."),
        "ambiguous": _("“%(value)s” matches several municipalities (%(names)s). Type the full "
                       "name."),
    }

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault("help_text", _("Type a name, a postal code or a NIS code."))
        super().__init__(**kwargs)
        self.queryset = queryset

    def prepare_value(self, value):
        """A municipality (or its NIS code, as a model form gives it) shows as its name."""
        if isinstance(value, Municipality):
            return value.name
        if isinstance(value, str) and NIS_PATTERN.match(value):
            found = Municipality.objects.filter(nis=value).first()
            return found.name if found else value
        return value

    def to_python(self, value):
        if isinstance(value, Municipality):
            return value
        text = str(value or "").strip()[:MAX_QUERY_LENGTH]
        if not text:
            return None
        search = municipality_search(text, queryset=self.queryset)
        if search.exact is not None:
            return search.exact
        results = search.results
        exact = [m for m in results if f"|{normalize(text)}|" in m.search_text]
        if len(exact) == 1:
            return exact[0]
        if len(results) == 1 and not POSTAL_CODE_PATTERN.match(text):
            return results[0]
        if not results:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown",
                                        params={"value": text})
        names = [m.name for m in (exact or results)[:5]]
        if len(exact or results) > 5:
            names.append("…")
        raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous",
                                    params={"value": text, "names": ", ".join(names)})

    def has_changed(self, initial, data):
        initial_value = getattr(self.prepare_value(initial), "strip", lambda: "")()
        return initial_value != str(data or "").strip()
