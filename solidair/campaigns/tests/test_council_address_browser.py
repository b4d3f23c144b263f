"""The held signatures, the council's address and its confirmation page on a 390 px phone, with
axe-core (skipped without Chromium)."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.campaigns import services
from solidair.campaigns.models import SignatureStatus
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature

pytestmark = pytest.mark.browser

WIDTH = 390


def signed_in(page, live_server, user):
    client = Client()
    login(client, user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_held_signatures_and_the_council_address_on_a_phone(live_server, phone_page, axe_check,
                                                              settings):
    settings.CAMPAIGNS_BURST_LIMIT = (1, 600)
    gent = make_gent()
    for index in range(3):
        pending = make_signature(gent, email=f"bewoner{index}@een-lange-providernaam.be",
                                 status=SignatureStatus.PENDING)
        services.signature_confirm(token=pending.raw_token, source_ip="2001:db8:abcd:12::7")
    make_council_address(gent, "college@stad.gent")
    coordinator = make_coordinator()
    services.council_address_change(municipality=gent, email="secretariaat@stad.gent",
                                    by=coordinator)
    page = phone_page
    page.set_viewport_size({"width": WIDTH, "height": 844})

    signed_in(page, live_server, coordinator)
    page.goto(live_server.url + reverse("campaigns:held"))
    assert page.get_by_role("button", name="Vrijgeven").count() == 2
    assert fits(page)
    axe_check(page)

    page.goto(live_server.url + reverse("campaigns:settings", args=[gent.nis]))
    assert page.get_by_text("Wacht op bevestiging").count() == 1
    assert fits(page)
    axe_check(page)

    signed_in(page, live_server, make_officer(gent))
    page.goto(live_server.url + reverse("campaigns:settings", args=[gent.nis]))
    page.get_by_role("button", name="Dit adres intrekken").click()
    page.wait_for_load_state()
    assert page.get_by_text("Wacht op bevestiging").count() == 0
    assert fits(page)
    axe_check(page)


def test_the_confirmation_page_on_a_phone(live_server, phone_page, axe_check,
                                          django_capture_on_commit_callbacks):
    from django.core import mail

    gent = make_gent()
    with django_capture_on_commit_callbacks(execute=True):
        services.council_address_change(municipality=gent, email="college@stad.gent",
                                        by=make_coordinator())
    token = re.search(r"/campaign/council-address/confirm/([^/\s]+)/",
                      mail.outbox[0].body).group(1)
    page = phone_page
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.goto(live_server.url + reverse("campaigns:council_address_confirm", args=[token]))
    assert fits(page)
    axe_check(page)
    page.get_by_role("button", name="Dit adres bevestigen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Adres bevestigd").count() == 1
    assert fits(page)
    axe_check(page)


def test_blocked_domains_and_the_privacy_page_on_a_phone(live_server, phone_page, axe_check):
    from solidair.campaigns.models import BlockedEmailDomain

    BlockedEmailDomain.objects.create(domain="een-heel-lange-wegwerpdomeinnaam.example",
                                      reason="Een golf van valse handtekeningen op één avond")
    signed_in(phone_page, live_server, make_coordinator())
    phone_page.goto(live_server.url + reverse("campaigns:blocked_domains"))
    axe_check(phone_page)
    assert fits(phone_page)
    phone_page.goto(live_server.url + "/fr" + reverse("campaigns:privacy"))
    assert "90 jours après votre confirmation" in phone_page.content()
    axe_check(phone_page)
    assert fits(phone_page)
