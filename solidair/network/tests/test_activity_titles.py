"""The network names the charter's activities as the charter keeps them: a coordinator's
revision of a title shows on the practice pages, in the forms and in the next brochure."""

import pytest
from django.urls import reverse
from django.utils import translation

from solidair.accounts.testing import login, make_officer
from solidair.charter.tests.factories import revise_activity
from solidair.network import brochure as builder
from solidair.network.models import Brochure
from solidair.network.tests.factories import make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

REVISED = "Erkende vluchtelingen helpen wonen"


@pytest.fixture
def practice():
    return make_practice(make_municipality(), title="Huurbuddy's", activities=[2, 3])


def test_a_revised_title_shows_on_the_practice_pages(client, practice):
    detail = client.get(practice.get_absolute_url()).content.decode()
    # The charter's own titles, not a copy kept by the network.
    assert "2. Erkende vluchtelingen helpen bij het zoeken naar een woning" in detail
    assert "3. Vrijwilligers stimuleren en ondersteunen" in detail

    revise_activity(client, 2, title_nl=REVISED, title_fr="Aider les réfugiés à se loger")

    assert f"2. {REVISED}" in client.get(practice.get_absolute_url()).content.decode()
    listing = client.get(reverse("network:practices")).content.decode()
    assert f'<span class="badge">{REVISED}</span>' in listing
    assert f'<option value="2">2. {REVISED}</option>' in listing  # the search filter
    with translation.override("fr"):
        french = client.get(practice.get_absolute_url()).content.decode()
    assert "2. Aider les réfugiés à se loger" in french
    with translation.override("de"):  # German titles from the charter's data as well
        german = client.get(practice.get_absolute_url()).content.decode()
    assert "3. Ehrenamtliche ermutigen und unterstützen" in german

    # The form an officer writes a practice with offers the revised title too.
    login(client, make_officer(practice.municipality))
    form = client.get(reverse("network:practice_create",
                              args=[practice.municipality_id])).content.decode()
    assert f"2. {REVISED}" in form


def test_the_next_brochure_groups_practices_under_the_revised_title(client, practice):
    revise_activity(client, 3, title_nl="Vrijwilligers en voogden ondersteunen")
    brochure = Brochure(title="Goede praktijken", version=1)
    data = builder.brochure_data(brochure, builder.brochure_practices(
        Brochure(practice_ids=[practice.pk])), language="nl", svg=None)
    labels = [group["label"] for group in data["groups"]]
    assert labels == ["2. Erkende vluchtelingen helpen bij het zoeken naar een woning",
                      "3. Vrijwilligers en voogden ondersteunen"]


def test_an_activity_closed_for_new_commitments_stays_on_practices_that_serve_it(
        client):
    practice = make_practice(make_municipality(), activities=[3], status="draft")
    revise_activity(client, 3, is_active=False)
    login(client, make_officer(practice.municipality))
    new = client.get(reverse("network:practice_create",
                             args=[practice.municipality_id])).content.decode()
    edit = client.get(reverse("network:practice_edit", args=[practice.pk])).content.decode()
    assert "Vrijwilligers stimuleren en ondersteunen" not in new
    assert "Vrijwilligers stimuleren en ondersteunen" in edit
    assert "Vrijwilligers stimuleren en ondersteunen" in client.get(
        practice.get_absolute_url()).content.decode()
