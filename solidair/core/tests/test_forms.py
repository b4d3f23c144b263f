"""One form style across the site: label, hint, the error beside its field and a summary at
the top that links to each field (solidair/core/forms.py and core/templates/core/forms/)."""

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.places.testing import make_municipality


class PersonForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your identity card.")
    roles = forms.MultipleChoiceField(label="Roles", widget=forms.CheckboxSelectMultiple,
                                      choices=[("a", "A"), ("b", "B")])
    answer = forms.CharField(label="Will you come?")
    agree = forms.BooleanField(label="I agree",
                               widget=forms.CheckboxInput(attrs={"aria-describedby": "text"}))


def labels(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", text).strip()
            for text in re.findall(r"<(?:label|legend)\b[^>]*>(.*?)</(?:label|legend)>", html,
                                   flags=re.S)]


def test_errors_are_summarised_at_the_top_with_links_and_told_beside_each_field():
    with translation.override("en"):
        html = str(PersonForm(data={}))
    summary = re.search(r'<div class="error-summary" role="alert">(.*?)</div>', html, re.S)
    assert summary and html.index("error-summary") < html.index('id="id_name"')
    assert "There are 4 problems" in summary.group(1)
    assert 'tabindex="-1" autofocus' in summary.group(1)  # focus goes there, no script needed
    assert re.findall(r'href="#([^"]+)"', summary.group(1)) == [
        "id_name", "id_roles", "id_answer", "id_agree"]
    assert "Name: This field is required." in summary.group(1)
    assert "Will you come: This field is required." in summary.group(1)  # not "come?:"
    name = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_name_helptext id_name_error"' in name
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    # A widget's own description (a consent text) is kept, with the error after it.
    agree = re.search(r"<input[^>]*name=\"agree\"[^>]*>", html).group(0)
    assert 'aria-describedby="text id_agree_error"' in agree
    # A group of checkboxes is a fieldset whose legend is the label.
    assert re.search(r'<fieldset class="field__group" aria-describedby="id_roles_error">\s*'
                     r'<legend class="field__label">Roles</legend>', html)


def test_a_form_without_errors_has_no_summary_and_no_colons():
    html = str(PersonForm())
    assert "error-summary" not in html
    assert labels(html) and not [label for label in labels(html) if label.endswith(":")]


@pytest.mark.django_db
def test_no_label_of_the_sites_forms_ends_with_a_colon(client):
    gent = make_municipality("44021", "Gent", "Gand", postal_codes=("9000", "9030"))
    pages = [reverse("campaigns:sign", args=[gent.nis]),
             reverse("volunteers:offer") + "?nis=44021",
             reverse("account_login")]
    html = "".join(client.get(url).content.decode() for url in pages)
    login(client, make_officer(gent))
    client.post(reverse("charter:application", args=[gent.nis]), {"start": "1"})
    html += client.get(reverse("charter:application", args=[gent.nis])).content.decode()
    login(client, make_coordinator())
    for name in ("network:meeting_create", "accounts:invitation_create"):
        html += client.get(reverse(name)).content.decode()
    found = labels(html)
    assert len(found) > 60
    assert not [label for label in found if label.endswith(":")]
