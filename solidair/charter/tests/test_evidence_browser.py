"""The pages that show evidence and states, on a phone in real Chromium (skipped without it):
nothing wider than the screen, no axe-core violation, in Dutch and French."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from solidair.accounts.testing import make_officer
from solidair.charter import selectors, services
from solidair.charter.models import EvidenceKind
from solidair.charter.tests.factories import member, pdf_upload
from solidair.charter.tests.test_browser import overflow, signed_in
from solidair.places.testing import make_municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _charter(db):
    importlib.import_module("solidair.charter.migrations.0002_seed_charter").seed_charter(
        apps, None)
    importlib.import_module("solidair.charter.migrations.0006_activity_figures").seed_figures(
        apps, None)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_evidence_and_states_fit_a_phone(live_server, phone_page, axe_check, language):
    gent = make_municipality("44021", "Gent", "Gand")
    member(gent, since=date(2023, 3, 1))
    reception = selectors.current_commitments(gent).get(activity__code="reception")
    services.commitment_update(commitment=reception, by=None, status="decided",
                               evidence=services.EvidenceInput(
                                   kind=EvidenceKind.DECISION, file=pdf_upload(),
                                   label="Gemeenteraadsbesluit over het lokaal "
                                         "opvanginitiatief voor minderjarigen",
                                   decided_on=date(2025, 2, 24)))
    page = signed_in(phone_page, live_server, make_officer(gent))
    with translation.override(language):
        urls = [reverse("charter:figures"), reverse("charter:members"),
                reverse("charter:progress", args=[gent.nis]),
                reverse("charter:report", args=[gent.nis, date.today().year]),
                gent.get_absolute_url()]
    for url in urls:
        page.goto(live_server.url + url)
        assert overflow(page) <= 0, f"{url} is {overflow(page)}px too wide"
        axe_check(page)


def test_the_figures_page_folds_earlier_years_on_a_phone(live_server, phone_page, axe_check):
    gent = make_municipality("44021", "Gent", "Gand")
    member(gent, since=date(2023, 3, 1))
    this_year = date.today().year
    phone_page.goto(live_server.url + reverse("charter:figures"))
    today = phone_page.get_by_role("region", name=f"in {this_year}, vandaag", exact=False)
    assert today.is_visible()  # this year's table shows at once
    earlier = phone_page.get_by_role("region", name=f"op het einde van {this_year - 1}",
                                     exact=False)
    assert not earlier.is_visible()  # earlier years are folded
    phone_page.get_by_text(f"Einde {this_year - 1}", exact=True).click()  # no script needed
    assert earlier.is_visible()
    assert earlier.get_by_role("row").count() == 11  # the header and the ten activities
    assert overflow(phone_page) <= 0
    axe_check(phone_page)
