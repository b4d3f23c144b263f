"""A coordinator's integrity pages on a 390 px phone, in French: the bulk invalidation's preview
and the paper signatures, with their errors (Chromium; skipped without it)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns.tests.factories import make_gent, make_signature

pytestmark = pytest.mark.browser

WIDTH = 390


def test_invalidation_preview_and_paper_batches_fit_a_phone_and_pass_axe(live_server,
                                                                          phone_page, axe_check):
    gent = make_gent()
    for number in range(3):
        make_signature(gent, name=f"Anna {number}", email=f"anna{number}@burst.example")
    client = Client()
    login(client, make_coordinator())
    page = phone_page
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])

    page.goto(live_server.url + "/fr" + reverse("campaigns:invalidations"))
    page.get_by_label("Domaine d'e-mail").fill("burst.example")
    page.get_by_role("button", name="Aperçu").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="3 signatures correspondent").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    axe_check(page)

    page.goto(live_server.url + "/fr" + reverse("campaigns:paper_batches", args=[gent.nis]))
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    axe_check(page)
