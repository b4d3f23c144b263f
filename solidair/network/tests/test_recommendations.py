from datetime import date
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator
from solidair.network import services
from solidair.network.models import Addressee, Recommendation
from solidair.network.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation():
    minister = Addressee.objects.create(name="Minister X", portfolio="Asiel en Migratie",
                                        level="federal")
    coordinator = make_coordinator()
    return services.recommendation_create(
        recommendation=Recommendation(meeting=make_meeting(days=-5), level="federal",
                                      title="Langere termijn", text="Verleng de termijn.",
                                      addressee=minister),
        drafted_on=date(2025, 3, 1), by=coordinator)


def test_timeline_from_draft_to_outcome(recommendation):
    by = recommendation.history.first().history_user
    services.recommendation_add_step(recommendation=recommendation, state="presented",
                                     on=date(2025, 3, 20), note="Gesprek op het kabinet", by=by)
    services.recommendation_add_step(recommendation=recommendation, state="answered",
                                     on=date(2025, 4, 15), note="We bekijken het.", by=by)
    services.recommendation_add_step(recommendation=recommendation, state="closed",
                                     on=date(2025, 6, 1), outcome="partly", by=by)
    recommendation.refresh_from_db()
    assert (recommendation.state, recommendation.outcome) == ("closed", "partly")
    assert [e.state for e in recommendation.events.all()] == [
        "drafted", "presented", "answered", "closed"]
    assert recommendation.history.count() >= 4


def test_timeline_cannot_go_back_or_skip_details(recommendation):
    services.recommendation_add_step(recommendation=recommendation, state="answered",
                                     on=date(2025, 4, 1), note="Nee.", by=None)
    with pytest.raises(ValidationError):
        services.recommendation_add_step(recommendation=recommendation, state="presented",
                                         on=date(2025, 4, 2), note="Later", by=None)
    with pytest.raises(ValidationError):
        services.recommendation_add_step(recommendation=recommendation, state="closed",
                                         on=date(2025, 3, 1), outcome="rejected", by=None)
    with pytest.raises(ValidationError):
        services.recommendation_add_step(recommendation=recommendation, state="closed",
                                         on=date(2025, 5, 1), outcome="", by=None)


def test_public_pages_per_level_and_addressee(client, recommendation):
    assert "Langere termijn" in client.get(
        reverse("network:recommendations_level", args=["federal"])).content.decode()
    assert "Langere termijn" not in client.get(
        reverse("network:recommendations_level", args=["local"])).content.decode()
    assert client.get(reverse("network:recommendations_level", args=["x"])).status_code == 404
    assert "Langere termijn" in client.get(
        recommendation.addressee.get_absolute_url()).content.decode()


def test_coordinator_records_a_step_and_the_feed_shows_it(client, recommendation):
    login(client, make_coordinator("c2@example.org"))
    url = reverse("network:recommendation_step", args=[recommendation.pk])
    assert client.post(url, {"state": "presented", "on": "2025-03-10", "note": ""}
                       ).status_code == 400
    response = client.post(url, {"state": "presented", "on": "2025-03-10",
                                 "note": "Brief aan de minister"})
    assert response.status_code == 302
    feed = client.get(reverse("network:recommendations_feed"))
    root = ElementTree.fromstring(feed.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("atom:title", namespaces=ns) for e in root.findall("atom:entry", ns)]
    assert any("Langere termijn" in t for t in titles) and len(titles) == 2
    detail = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Brief aan de minister" in detail
