import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.network.models import GoodPractice
from solidair.network.tests.factories import make_meeting, make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")

FORM = {"language": "nl", "title": "Huurbuddy's", "activities": ["2", "3"],
        "context": "Weinig woningen", "actions": "Vrijwilligers zoeken mee",
        "results": "48 gezinnen", "cost": "€ 18.000", "partners": "OCMW",
        "lessons": "Sneller starten", "contact": "welzijn@gent.example"}


def test_review_flow_changes_then_publish(client, django_capture_on_commit_callbacks):
    gent = make_municipality()
    officer = make_officer(gent)
    login(client, officer)
    response = client.post(reverse("network:practice_create", args=[gent.nis]), FORM)
    practice = GoodPractice.objects.get()
    assert response.status_code == 302 and practice.status == "draft"
    assert practice.activity_codes == [2, 3]
    coordinator = make_coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:practice_submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == "submitted"
    assert mail.outbox[-1].to == [coordinator.email] and "Huurbuddy" in mail.outbox[-1].subject
    # Nobody but the municipality and coordinators sees it yet.
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404

    login(client, coordinator)
    review = reverse("network:practice_review", args=[practice.pk])
    assert client.post(review, {"decision": "changes", "remarks": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"decision": "changes", "remarks": "Geef meer cijfers."})
    practice.refresh_from_db()
    assert practice.status == "changes_requested"
    assert "Geef meer cijfers." in mail.outbox[-1].body

    login(client, officer)
    client.post(reverse("network:practice_edit", args=[practice.pk]),
                {**FORM, "results": "48 gezinnen, 2 maanden"})
    client.post(reverse("network:practice_submit", args=[practice.pk]))
    meeting = make_meeting(days=-10)
    login(client, make_coordinator("c2@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"decision": "publish", "meeting": meeting.pk})
    practice.refresh_from_db()
    assert practice.status == "published" and practice.meeting == meeting
    assert practice.published_at is not None
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 200


def test_published_practice_cannot_be_edited(client):
    gent = make_municipality()
    practice = make_practice(gent)
    login(client, make_officer(gent))
    client.post(reverse("network:practice_edit", args=[practice.pk]), {**FORM, "title": "X"})
    practice.refresh_from_db()
    assert practice.title == "Huurbuddy's"


def test_form_without_activity_keeps_what_was_typed(client):
    gent = make_municipality()
    login(client, make_officer(gent))
    response = client.post(reverse("network:practice_create", args=[gent.nis]),
                           {**FORM, "activities": []})
    assert response.status_code == 200
    assert "Vrijwilligers zoeken mee" in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_translation_is_shown_with_its_language(client):
    gent = make_municipality()
    practice = make_practice(gent, status=GoodPractice.Status.DRAFT)
    login(client, make_officer(gent))
    client.post(reverse("network:practice_translation", args=[practice.pk, "fr"]),
                {"title": "Parrains logement", "context": "Peu de logements",
                 "actions": "Des bénévoles", "results": "48 familles"})
    response = client.get(practice.get_absolute_url() + "?language=fr")
    content = response.content.decode()
    assert "Parrains logement" in content and 'lang="fr"' in content
    assert "parrains" in GoodPractice.objects.get().search_text


def test_photo_validated_by_content_and_served(client):
    gent = make_municipality()
    practice = make_practice(gent, status=GoodPractice.Status.DRAFT)
    login(client, make_officer(gent))
    url = reverse("network:practice_photo_add", args=[practice.pk])
    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(url, {"image": fake, "alt_text": "Vrijwilligers"})
    assert response.status_code == 200 and not practice.photos.exists()
    no_alt = SimpleUploadedFile("x.png", PNG, content_type="image/png")
    assert client.post(url, {"image": no_alt, "alt_text": ""}).status_code == 200
    good = SimpleUploadedFile("x.png", PNG, content_type="application/octet-stream")
    assert client.post(url, {"image": good, "alt_text": "Vrijwilligers"}).status_code == 302
    photo = practice.photos.get()
    served = client.get(reverse("network:practice_photo", args=[practice.pk, photo.pk]))
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    client.logout()
    # A draft's photo is not public.
    assert client.get(reverse("network:practice_photo",
                              args=[practice.pk, photo.pk])).status_code == 404


def test_too_large_photo_is_refused(client, monkeypatch):
    from solidair.network import forms

    monkeypatch.setattr(forms, "MAX_PHOTO_BYTES", 10)
    gent = make_municipality()
    practice = make_practice(gent, status=GoodPractice.Status.DRAFT)
    login(client, make_officer(gent))
    upload = SimpleUploadedFile("x.png", PNG)
    client.post(reverse("network:practice_photo_add", args=[practice.pk]),
                {"image": upload, "alt_text": "Foto"})
    assert not practice.photos.exists()


def test_officer_of_another_municipality_gets_404(client):
    gent, leuven = make_municipality(), make_municipality("24062", "Leuven", "Louvain")
    practice = make_practice(gent, status=GoodPractice.Status.DRAFT)
    login(client, make_officer(leuven))
    assert client.get(practice.get_absolute_url()).status_code == 404
    assert client.get(reverse("network:practice_create", args=[gent.nis])).status_code == 404


def test_contact_only_for_signed_in_people(client):
    practice = make_practice(make_municipality())
    assert "welzijn@example.org" not in client.get(practice.get_absolute_url()).content.decode()


def test_coordinator_links_a_published_practice_to_a_meeting(client):
    practice = make_practice(make_municipality())
    meeting = make_meeting(days=-3)
    login(client, make_coordinator())
    client.post(reverse("network:practice_link", args=[practice.pk]), {"meeting": meeting.pk})
    practice.refresh_from_db()
    assert practice.meeting == meeting
    client.post(reverse("network:practice_link", args=[practice.pk]), {"meeting": ""})
    practice.refresh_from_db()
    assert practice.meeting is None
