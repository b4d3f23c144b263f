"""The volunteer offer form: errors tied to their fields and announced at the top, and personal
fields that say what they are for."""

import re

from django.urls import reverse
from django.utils import translation

from solidair.volunteers.tests.test_offer_flow import offer_data


def attribute(html: str, element_id: str, name: str) -> str:
    tag = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', html).group(0)
    return re.search(rf'\b{name}="([^"]*)"', tag).group(1)


def test_consent_error_is_tied_to_the_checkbox_next_to_its_text(client, gent):
    html = client.post(reverse("volunteers:offer"), offer_data(consent="")).content.decode()
    described_by = attribute(html, "id_consent", "aria-describedby").split()
    assert described_by == ["consent-text", "id_consent_error"]
    assert 'id="id_consent_error"' in html
    assert attribute(html, "id_consent", "aria-invalid") == "true"


def test_consent_checkbox_keeps_only_its_text_without_errors(client, gent):
    html = client.get(reverse("volunteers:offer")).content.decode()
    assert attribute(html, "id_consent", "aria-describedby") == "consent-text"


def test_missing_role_and_consent_say_what_to_do(client, gent):
    with translation.override("en"):
        response = client.post(reverse("volunteers:offer"), offer_data(roles=[], consent=""))
    html = response.content.decode()
    assert "Choose at least one way to help." in html
    assert "Tick this box to agree, or we cannot pass on your offer." in html
    assert "Els Peeters" in html  # nothing typed is lost


def test_errors_far_down_a_long_form_are_announced_at_the_top_with_links(client, gent):
    html = client.post(reverse("volunteers:offer"),
                       offer_data(roles=[], consent="")).content.decode()
    summary = re.search(r'<div class="[^"]*error-summary[^"]*" role="alert">(.*?)</div>', html,
                        flags=re.S).group(1)
    assert html.index("error-summary") < html.index('id="id_name"')
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_roles", "id_consent"]
    assert 'id="id_roles"' in html and 'id="id_consent"' in html


def test_a_correct_form_has_no_error_summary(client, gent):
    assert "error-summary" not in client.get(reverse("volunteers:offer")).content.decode()


def test_volunteer_forms_say_what_each_personal_field_is_for():
    from solidair.volunteers.forms import OfferForm

    html = str(OfferForm())
    for field, purpose in (("name", "name"), ("email", "email"), ("phone", "tel"),
                           ("postal_code", "postal-code")):
        assert attribute(html, f"id_{field}", "autocomplete") == purpose, field
