import pytest
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator
from solidair.charter import selectors
from solidair.charter.tests.factories import activity

pytestmark = pytest.mark.django_db


def test_coordinator_revises_an_activity_and_its_history_shows(client):
    coordinator = make_coordinator()
    login(client, coordinator)
    schools = activity("schools")
    url = reverse("charter:activity_edit", args=[schools.pk])
    data = {"title_nl": "Scholen en volwassenenonderwijs ondersteunen",
            "title_fr": schools.title_fr, "title_en": schools.title_en,
            "description_nl": schools.description_nl, "description_fr": schools.description_fr,
            "description_en": schools.description_en, "title_de": schools.title_de,
            "description_de": schools.description_de, "is_active": "on"}
    assert client.post(url, data).status_code == 302
    schools.refresh_from_db()
    assert schools.title_nl == "Scholen en volwassenenonderwijs ondersteunen"
    assert AuditEntry.objects.get(action="charter.activity.update").before == {
        "title_nl": "Scholen ondersteunen"}
    assert "Scholen en volwassenenonderwijs ondersteunen" in client.get(url).content.decode()
    assert schools.history.count() == 1


def test_activity_needs_its_three_titles(client):
    login(client, make_coordinator())
    schools = activity("schools")
    response = client.post(reverse("charter:activity_edit", args=[schools.pk]),
                           {"title_nl": "", "is_active": "on"})
    assert response.status_code == 200
    schools.refresh_from_db()
    assert schools.title_nl == "Scholen ondersteunen"


def test_minimum_cannot_exceed_the_open_activities(client):
    login(client, make_coordinator())
    response = client.post(reverse("charter:manage"), {"minimum_activities": "11"})
    assert response.status_code == 200
    assert selectors.current_charter().minimum_activities == 3
    assert client.post(reverse("charter:manage"),
                       {"minimum_activities": "4"}).status_code == 302
    assert selectors.current_charter().minimum_activities == 4
