"""From the officer's home to the co-signatories on a 390 px phone, in Chromium (skipped
without Chromium)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from solidair.accounts.testing import login, make_officer
from solidair.campaigns.tests.factories import make_gent, make_signature

pytestmark = pytest.mark.browser

WIDTH = 390


def test_the_co_signatories_fit_a_phone_with_the_e_mail_in_view(live_server, phone_page,
                                                                 axe_check):
    gent = make_gent()
    for number in range(30):
        make_signature(gent, name=f"Anna Van Den Broeck-Verstraeten {number}",
                       email=f"anna.vandenbroeck.verstraeten.{number}@voorbeeld-provider.be",
                       message="Gent kan meer mensen een thuis geven.",
                       share_email_with_council=True)
    client = Client()
    login(client, make_officer(gent))
    page = phone_page
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])

    page.goto(live_server.url + reverse("accounts:home"))
    axe_check(page)  # the officer's home, where the journey starts
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    page.get_by_role("link", name="30 nieuwe medeondertekenaars in de laatste 7 dagen").click()
    page.wait_for_url(f"**{reverse('campaigns:officer_signatories', args=[gent.nis])}?since=*")
    assert page.locator("input[name=signatures]").count() == 25
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    email = page.get_by_role("link", name="anna.vandenbroeck.verstraeten.29@voorbeeld-provider.be")
    box = email.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    axe_check(page)

    page.get_by_role("link", name="Volgende pagina").click()
    page.wait_for_load_state()
    assert page.locator("input[name=signatures]").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
