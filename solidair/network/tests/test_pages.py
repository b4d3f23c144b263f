"""Every page renders for a coordinator and a visitor, in each language, with demo content."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from solidair.accounts.testing import login, make_coordinator
from solidair.network.demo import seed_demo
from solidair.network.models import Addressee, Brochure, GoodPractice, Meeting, Recommendation
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for nis, nl, fr in [("44021", "Gent", "Gand"), ("24062", "Leuven", "Louvain"),
                        ("44088", "Merelbeke-Melle", "Merelbeke-Melle")]:
        make_municipality(nis, nl, fr)
    seed_demo(stdout=io.StringIO())
    past = Meeting.objects.filter(brochures__isnull=False).get()
    return {
        "meeting": past, "practice": GoodPractice.objects.filter(language="fr").get(),
        "brochure": Brochure.objects.get(), "addressee": Addressee.objects.first(),
        "recommendation": Recommendation.objects.filter(state="closed").get(),
    }


def pages(demo):
    with translation.override("nl"):
        return _pages(demo)


def _pages(demo):
    return [
        reverse("network:index"), reverse("network:about"), reverse("network:practices"),
        reverse("network:practices") + "?q=guichet&activity=9",
        demo["meeting"].get_absolute_url(), demo["practice"].get_absolute_url(),
        reverse("network:brochure", args=[demo["brochure"].pk]),
        reverse("network:recommendations"),
        reverse("network:recommendations_level", args=["federal"]),
        demo["addressee"].get_absolute_url(), demo["recommendation"].get_absolute_url(),
    ]


@pytest.mark.parametrize("language", ["nl", "fr", "en", "de"])
def test_public_pages_render_in_every_language(client, demo, language):
    client.cookies["django_language"] = language
    for path in pages(demo):
        prefixed = path if language == "nl" else f"/{language}{path}"
        response = client.get(prefixed)
        assert response.status_code == 200, prefixed
        assert f'lang="{language}"' in response.content.decode()


def test_pages_in_french_are_translated(client, demo):
    content = client.get("/fr/network/").content.decode()
    assert "Réseau d&#x27;apprentissage" in content and "Rencontres passées" in content


def test_coordinator_pages_render(client, demo):
    login(client, make_coordinator())
    meeting = demo["meeting"]
    translation.activate("nl")
    forms = [
        reverse("network:meeting_create"), reverse("network:meeting_edit", args=[meeting.pk]),
        reverse("network:meeting_attendance", args=[meeting.pk]),
        reverse("network:meeting_brochure", args=[meeting.pk]),
        reverse("network:recommendation_create", args=[meeting.pk]),
        reverse("network:brochure_create"),
        reverse("network:addressee_create"), reverse("network:partner_create"),
        reverse("network:recommendation_step", args=[demo["recommendation"].pk]),
    ]
    for path in pages(demo) + forms + [reverse("network:review_queue")]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
        assert heading and re.sub(r"<[^>]+>", "", heading.group(1)).strip(), path
        if path in forms:
            assert '<form method="post"' in html and 'type="submit"' in html, path
