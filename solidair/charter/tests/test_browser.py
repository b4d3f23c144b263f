"""The charter's long pages on a 390 px phone in real Chromium (skipped without Chromium):
nothing wider than the screen, no axe-core violation, and an application form that folds its
ten activities instead of running to 8,900 px."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.charter import services
from solidair.charter.tests.factories import submitted_application
from solidair.places.testing import make_municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_ACTION = ("Wij openen een lokaal opvanginitiatief met twaalf plaatsen voor gezinnen en "
               "zoeken samen met het OCMW-welzijnsbureau naar betaalbare woningen; "
               "https://www.voorbeeldgemeente.be/nieuws/lokaal-opvanginitiatief-2025 ")


@pytest.fixture(autouse=True)
def _charter(db):
    # A transactional test starts from an empty database: seed the ten activities again.
    importlib.import_module("solidair.charter.migrations.0002_seed_charter").seed_charter(
        apps, None)


def signed_in(page, live_server, user):
    client = Client()
    login(client, user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_application_form_is_short_and_fits_a_phone(live_server, phone_page, axe_check):
    gent = make_municipality("44021", "Gent", "Gand")
    officer = make_officer(gent)
    services.application_start(municipality=gent, by=officer)
    page = signed_in(phone_page, live_server, officer)
    page.goto(live_server.url + reverse("charter:application", args=[gent.nis]))
    assert page.locator("details.charter-activity").count() == 10
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4000, f"the application form is {height}px tall on a phone"
    assert overflow(page) <= 0
    axe_check(page)
    # Choosing an activity: open it, tick the box, and its fields appear (no script).
    first = page.locator("details.charter-activity").first
    first.locator("summary").click()
    assert not first.locator("textarea").is_visible()
    first.locator("input[type=checkbox]").check()
    assert first.locator("textarea").is_visible()


def test_review_page_fits_a_phone(live_server, phone_page, axe_check):
    gent = make_municipality("44021", "Gent", "Gand")
    application = submitted_application(gent)
    application.commitments.update(action=LONG_ACTION, target_number=12,
                                   target_unit="opvangplaatsen voor gezinnen")
    page = signed_in(phone_page, live_server, make_coordinator())
    page.goto(live_server.url + reverse("charter:review", args=[application.pk]))
    assert page.locator(".charter-review-commitments li").count() == 3
    assert overflow(page) <= 0, f"the review page is {overflow(page)}px too wide"
    axe_check(page)
