import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.campaigns import selectors
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.campaigns.tokens import management_token

pytestmark = pytest.mark.django_db


def test_signer_sees_downloads_and_deletes_their_signature(client):
    gent = make_gent()
    anna = make_signature(gent, phone="0470 11 22 33", message="Mijn woorden")
    token = management_token(anna)
    page = client.get(reverse("campaigns:manage", args=[token]))
    assert page.status_code == 200 and b"0470 11 22 33" in page.content

    export = client.get(reverse("campaigns:export", args=[token]))
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["email"] == "anna@example.org" and data["message"] == "Mijn woorden"
    assert data["consent"]["version"] == "test"

    assert client.get(reverse("campaigns:delete", args=[token])).status_code == 200
    assert Signature.objects.exists()
    assert client.post(reverse("campaigns:delete", args=[token])).status_code == 200
    assert not Signature.objects.exists()
    assert client.get(reverse("campaigns:manage", args=[token])).status_code == 404


def test_management_links_cannot_be_forged_or_reused_after_rotation(client):
    anna = make_signature(make_gent())
    assert client.get(reverse("campaigns:manage", args=["1:forged"])).status_code == 404
    token = management_token(anna)
    anna.management_key = "rotated"
    anna.save()
    assert client.get(reverse("campaigns:manage", args=[token])).status_code == 404


def test_management_token_is_not_the_confirmation_token():
    anna = make_signature(make_gent(), status=SignatureStatus.PENDING)
    assert management_token(anna) != anna.raw_token


def test_public_sees_only_opted_in_first_names_with_initial():
    gent = make_gent()
    make_signature(gent, name="Anna De Smet", show_name_publicly=True)
    make_signature(gent, email="bert@example.org", name="Bert Peeters")
    make_signature(gent, email="cleo@example.org", name="Cleo", show_name_publicly=True,
                   status=SignatureStatus.PENDING)
    assert selectors.public_names(gent) == ["Anna S."]


def test_purge_unconfirmed_deletes_after_seven_days(capsys):
    gent = make_gent()
    old = make_signature(gent, email="old@example.org", status=SignatureStatus.PENDING)
    make_signature(gent, email="young@example.org", status=SignatureStatus.PENDING)
    make_signature(gent, email="kept@example.org")
    Signature.objects.filter(pk=old.pk).update(
        confirmation_expires_at=timezone.now() - timedelta(minutes=1))
    call_command("purge_unconfirmed")
    assert "1 unconfirmed" in capsys.readouterr().out
    assert set(Signature.objects.values_list("email", flat=True)) == {
        "young@example.org", "kept@example.org"}


def test_thanks_page_is_only_for_counted_signatures(client):
    pending = make_signature(make_gent(), status=SignatureStatus.PENDING)
    token = management_token(pending)
    response = client.get(reverse("campaigns:thanks", args=[token]))
    assert response.status_code == 302
    assert response.url == reverse("campaigns:manage", args=[token])
