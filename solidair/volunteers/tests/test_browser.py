"""A resident's volunteer offer in real Chromium at phone width (skipped without Chromium)."""

import pytest
from django.urls import reverse

from solidair.places.testing import make_municipality
from solidair.volunteers import services
from solidair.volunteers.tests.factories import make_offer

# The `phone_page` fixture (conftest.py) skips these tests where /usr/bin/chromium is missing.
pytestmark = pytest.mark.browser


def page_is_wider_than_the_screen(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


def test_missing_answers_are_announced_and_tied_to_their_fields(live_server, phone_page):
    make_municipality("44021", "Gent", "Gand", postal_codes=("9000",))
    page = phone_page
    page.goto(live_server.url + reverse("volunteers:offer"))
    page.fill("#id_name", "Els Peeters")
    page.fill("#id_email", "els@example.org")
    page.fill("#id_postal_code", "9000")
    page.locator("main form button[type=submit]").click()

    summary = page.locator(".error-summary[role=alert]")
    assert summary.is_visible()
    summary.get_by_role("link").last.click()  # "I agree": the link takes you to the checkbox
    assert page.evaluate("() => location.hash") == "#id_consent"
    consent = page.locator("#id_consent")
    assert consent.get_attribute("aria-describedby") == "consent-text id_consent_error"
    assert page.input_value("#id_name") == "Els Peeters"  # nothing typed is lost
    assert not page_is_wider_than_the_screen(page)
    # The two lists of languages stand in columns: the form stays short enough to fill in.
    languages = page.locator("#id_languages")
    assert languages.evaluate("element => getComputedStyle(element).display") == "grid"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5000, f"the volunteer form is {height}px tall on a phone"


def test_self_service_page_fits_a_phone_with_a_long_address(live_server, phone_page):
    gent = make_municipality("44021", "Gent", "Gand", postal_codes=("9000",))
    offer = make_offer(gent, email="els.peeters.van.de.lange.straat.in.gent@voorbeeld-provider.be")
    page = phone_page
    page.goto(live_server.url + reverse("volunteers:manage",
                                        args=[services.offer_manage_token(offer)]))
    assert page.locator("dd", has_text="voorbeeld-provider.be").is_visible()
    assert not page_is_wider_than_the_screen(page)
