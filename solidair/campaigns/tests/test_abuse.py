import pytest
from django.urls import reverse

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns import selectors, services
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.places.models import MunicipalityStatus

pytestmark = pytest.mark.django_db


def test_a_burst_of_confirmations_from_one_source_is_held(settings):
    settings.CAMPAIGNS_BURST_LIMIT = (3, 600)
    gent = make_gent()
    pending = [make_signature(gent, email=f"p{i}@example.org", status=SignatureStatus.PENDING)
               for i in range(5)]
    statuses = [services.signature_confirm(token=s.raw_token, source_ip="203.0.113.9").status
                for s in pending]
    assert statuses == ["confirmed"] * 3 + ["held"] * 2
    assert selectors.confirmed_count(gent) == 3
    other = make_signature(gent, email="other@example.org", status=SignatureStatus.PENDING)
    assert services.signature_confirm(token=other.raw_token,
                                      source_ip="198.51.100.1").status == "confirmed"


def test_coordinator_releases_and_rejects_held_signatures(client):
    gent = make_gent()
    first = make_signature(gent, email="a@example.org", status=SignatureStatus.HELD)
    second = make_signature(gent, email="b@example.org", status=SignatureStatus.HELD)
    login(client, make_coordinator())
    page = client.get(reverse("campaigns:held"))
    assert page.status_code == 200 and b"Anna S." in page.content
    assert b"a@example.org" not in page.content

    client.post(reverse("campaigns:review", args=[first.pk]), {"decision": "release"})
    client.post(reverse("campaigns:review", args=[second.pk]), {"decision": "reject"})
    assert Signature.objects.get(pk=first.pk).status == SignatureStatus.CONFIRMED
    assert Signature.objects.get(pk=second.pk).status == SignatureStatus.REJECTED
    assert AuditEntry.objects.filter(action__startswith="campaigns.signature_").count() == 2
    gent.refresh_from_db()
    assert gent.status == MunicipalityStatus.RESIDENTS_ASKING
    assert client.post(reverse("campaigns:review", args=[first.pk]),
                       {"decision": "release"}).status_code == 404


def test_review_needs_a_decision(client):
    held = make_signature(make_gent(), status=SignatureStatus.HELD)
    login(client, make_coordinator())
    assert client.post(reverse("campaigns:review", args=[held.pk])).status_code == 400
    assert Signature.objects.get().status == SignatureStatus.HELD
