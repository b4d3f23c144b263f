import io

import pytest
from django.test import RequestFactory
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.network import demo, extensions
from solidair.network.models import Brochure, GoodPractice, Meeting, Partner, Recommendation
from solidair.network.tests.factories import make_meeting, make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_profile_section_lists_meetings_attended_and_practices():
    gent = make_municipality()
    request = RequestFactory().get("/")
    assert extensions.municipality_profile_sections(request, gent) == []
    meeting = make_meeting(days=-10, theme="Scholen en onthaal")
    meeting.registrations.create(user=make_officer(gent), status="registered", attended=True)
    make_practice(gent, title="Huurbuddy's")
    make_practice(gent, title="Nog een concept", status="draft")
    [html] = extensions.municipality_profile_sections(request, gent)
    assert "Scholen en onthaal" in html and "Huurbuddy&#x27;s" in html
    assert "Nog een concept" not in html


def test_nav_items_link_to_the_network():
    urls = [url for _label, url in extensions.nav_items(RequestFactory().get("/"))]
    assert reverse("network:index") in urls


def test_seed_demo_is_idempotent_and_publishes_a_brochure():
    for nis, nl, fr in [("44021", "Gent", "Gand"), ("24062", "Leuven", "Louvain"),
                        ("44088", "Merelbeke-Melle", "Merelbeke-Melle")]:
        make_municipality(nis, nl, fr)
    out = io.StringIO()
    demo.seed_demo(stdout=out)
    demo.seed_demo(stdout=out)
    assert Meeting.objects.filter(is_demo=True).count() == 2
    assert GoodPractice.objects.filter(is_demo=True, status="published").count() == 3
    brochure = Brochure.objects.get(is_demo=True)
    assert brochure.state == "ready" and brochure.is_published and brochure.languages == [
        "nl", "fr"]
    assert set(Recommendation.objects.values_list("state", flat=True)) == {
        "drafted", "presented", "closed"}


def test_partners_are_seeded_and_editable_by_coordinators(client):
    names = set(Partner.objects.values_list("name", flat=True))
    assert {"11.11.11", "Vluchtelingenwerk Vlaanderen", "Caritas België",
            "Amnesty International Vlaanderen", "Beweging.net", "VVSG"} <= names
    assert "Beweging.net" in client.get(reverse("network:about")).content.decode()
    partner = Partner.objects.get(name="VVSG")
    login(client, make_coordinator())
    response = client.post(reverse("network:partner_edit", args=[partner.pk]), {
        "name": "VVSG", "role": "participant", "website": "https://www.vvsg.be",
        "description": "Vereniging van Vlaamse Steden en Gemeenten", "order": 9})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.order == 9 and partner.history.first().history_type == "~"
