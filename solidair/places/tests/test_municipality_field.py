"""Choosing one of 565 municipalities by typing: a name in any language, a postal code or a
NIS code, resolved on the server to exactly one municipality (places.forms)."""

import pytest
from django import forms
from django.utils import translation

from solidair.places.forms import MunicipalityChoiceField
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


class HostForm(forms.Form):
    host = MunicipalityChoiceField(label="Host", required=False)


@pytest.fixture
def places():
    return {
        "gent": make_municipality("44021", "Gent", "Gand", postal_codes=("9000", "9030")),
        "aartselaar": make_municipality("11001", "Aartselaar", "Aartselaar",
                                        postal_codes=("2630",), province_code="10000"),
        "antwerpen": make_municipality("11002", "Antwerpen", "Anvers",
                                       postal_codes=("2630", "2000"), province_code="10000"),
    }


def chosen(text):
    form = HostForm(data={"host": text})
    return form.cleaned_data["host"] if form.is_valid() else form.errors["host"][0]


def test_a_name_in_any_language_a_postal_code_or_a_nis_code_finds_one(places):
    for text in ("Gent", "gand", " GENT ", "9030", "44021"):
        assert chosen(text) == places["gent"], text
    assert chosen("Anvers") == places["antwerpen"]
    assert chosen("2000") == places["antwerpen"]
    assert chosen("") is None


def test_unknown_and_ambiguous_texts_are_refused_with_what_to_type(places):
    with translation.override("en"):
        assert "We know no municipality “Atlantis”" in chosen("Atlantis")
        message = chosen("2630")  # a postal code of two municipalities
        assert "several municipalities (Aartselaar, Antwerpen)" in message
        assert "several municipalities" in chosen("a")


def test_the_field_shows_a_name_and_suggests_every_municipality(places):
    html = str(HostForm(initial={"host": "44021"})["host"])
    assert 'value="Gent"' in html and 'list="id_host_options"' in html
    for name in ("Aartselaar", "Antwerpen", "Gent"):
        assert f'<option value="{name}">' in html
