"""The practice search form's selects are rendered in Python (OptionsSelect): the HTML must be
exactly what Django's select and option templates give."""

import pytest
from django import forms as django_forms
from django.utils import translation

from solidair.core.forms import OptionsSelect
from solidair.network.forms import PracticeSearchForm

CHOICES = {
    "activity": [("", "All"), (1, 'Opvang & "wonen"'), (2, "<b>Werk</b>"), (12, "Één")],
    "province": [("", "All"), ("10000", "Antwerpen"), ("40000", "Oost-Vlaanderen")],
    "region": [("", "All"), ("02000", "Vlaams Gewest"), ("04000", "Brussel")],
    "year": [("", "All"), (2026, 2026), (2025, 2025), (1999, 1999)],
}


def _with_django_selects(form):
    for field in form.fields.values():
        if isinstance(field.widget, OptionsSelect):
            field.widget = django_forms.Select(choices=field.widget.choices)
            field.widget.is_required = field.required
    return form


@pytest.mark.parametrize("data", [None, {}, {"activity": "12", "province": "40000",
                                              "region": "04000", "year": "2025", "q": "x"},
                                  {"activity": "99", "year": "nope", "province": "<x>"}])
@pytest.mark.parametrize("language", ["nl", "fr"])
def test_options_select_renders_as_django_does(data, language):
    with translation.override(language):
        ours = PracticeSearchForm(data, choices=CHOICES)
        django_form = _with_django_selects(PracticeSearchForm(data, choices=CHOICES))
        if data is not None:
            assert ours.is_valid() == django_form.is_valid()
        for name in CHOICES:
            assert str(ours[name]) == str(django_form[name])
        assert str(ours) == str(django_form)


def test_optgroups_and_attributes():
    choices = [("", "All"), ("Group <1>", [("a", "A"), ("b", 'B "b"')]), ("c", "C")]
    attrs = {"class": "x", "disabled": True, "data-off": False, "aria-describedby": "h e"}
    ours = OptionsSelect(attrs=attrs, choices=choices)
    theirs = django_forms.Select(attrs=attrs, choices=choices)
    for value in ("", "b", "c", None):
        assert ours.render("f", value, {"id": "id_f"}) == theirs.render("f", value, {"id": "id_f"})
