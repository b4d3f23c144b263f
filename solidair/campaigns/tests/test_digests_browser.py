"""The digests and the timeline on a municipality's page, and the receipt check, on a 390 px
phone with axe-core (skipped without Chromium)."""

import re

import pytest
from django.urls import reverse

from solidair.campaigns import services
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.browser

WIDTH = 390


def test_digests_timeline_and_receipt_check_on_a_phone(live_server, phone_page, axe_check):
    gent = make_gent()
    make_council_address(gent, signature_threshold=1)
    make_signature(gent, email="anna@example.org")
    services.municipality_residents_asking(municipality=gent)
    services.campaign_thresholds_record()
    services.digest_send_due()
    body = OutgoingMail.objects.get(topic="campaigns.receipt").body
    code = re.search(r"^([0-9a-f]{64})$", body, re.M).group(1)
    page = phone_page
    page.set_viewport_size({"width": WIDTH, "height": 844})

    page.goto(live_server.url + reverse("places:municipality", args=[gent.nis]))
    assert page.get_by_role("heading", name="Bundels verstuurd naar de gemeenteraad").count()
    page.locator("details.fingerprint summary").first.click()  # the full fingerprint
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    axe_check(page)

    page.goto(live_server.url + reverse("campaigns:digests_verify", args=[gent.nis]))
    page.get_by_role("textbox", name="Je ontvangstcode").fill(code)
    page.get_by_role("button", name="Controleren").click()
    assert page.get_by_text("Je handtekening zit in bundel 1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    axe_check(page)
