from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns import services
from solidair.campaigns.models import Delivery, Signature, SignatureStatus
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db


def gent_with_address(**fields):
    gent = make_gent()
    make_council_address(gent, **fields)
    return gent


def test_digest_bundles_new_signatures_into_one_mail():
    gent = gent_with_address()
    anna = make_signature(gent, email="anna@example.org", message="Doe mee!",
                          share_email_with_council=True)
    make_signature(gent, email="bert@example.org", name="Bert Peeters")
    make_signature(gent, email="pending@example.org", status=SignatureStatus.PENDING)
    make_signature(gent, email="held@example.org", status=SignatureStatus.HELD)

    [delivery] = services.digest_send_due()
    assert delivery.signature_count == 2 and delivery.to == "college@stad.gent"
    assert set(delivery.signatures.values_list("email", flat=True)) == {
        "anna@example.org", "bert@example.org"}
    outgoing = OutgoingMail.objects.get(topic="campaigns.digest")
    assert delivery.mail == outgoing and outgoing.to == ["college@stad.gent"]
    assert "Anna De Smet" in outgoing.body and "Bert Peeters" in outgoing.body
    assert "Doe mee!" in outgoing.body
    assert "anna@example.org" in outgoing.body  # she allowed it
    assert "bert@example.org" not in outgoing.body  # he did not
    assert "pending@" not in outgoing.body and "held@" not in outgoing.body
    assert outgoing.attachments == [{
        "builder": "solidair.campaigns.digest.digest_letter_attachment",
        "args": {"delivery_id": delivery.pk, "language": "nl"}}]
    assert anna.language == "nl"

    # Nothing new: no second mail, even when the period has passed.
    later = timezone.now() + timedelta(days=2)
    assert services.digest_send_due(now=later) == []


def test_digest_waits_for_its_period():
    gent = gent_with_address(digest_period_days=7)
    make_signature(gent, email="a@example.org")
    assert len(services.digest_send_due()) == 1
    make_signature(gent, email="b@example.org")
    assert services.digest_send_due(now=timezone.now() + timedelta(days=3)) == []
    [second] = services.digest_send_due(now=timezone.now() + timedelta(days=7))
    assert second.signature_count == 1


def test_daily_by_default(settings):
    gent = gent_with_address()
    make_signature(gent, email="a@example.org")
    services.digest_send_due()
    make_signature(gent, email="b@example.org")
    assert services.digest_send_due(now=timezone.now() + timedelta(hours=12)) == []
    assert len(services.digest_send_due(now=timezone.now() + timedelta(days=1))) == 1
    settings.CAMPAIGNS_DIGEST_PERIOD_DAYS = 3
    make_signature(gent, email="c@example.org")
    assert services.digest_send_due(now=timezone.now() + timedelta(days=2)) == []


def test_without_an_address_signatures_wait_and_coordinators_see_them(client):
    gent = make_gent()
    make_signature(gent)
    assert services.digest_send_due() == []
    assert Signature.objects.get().delivery is None
    login(client, make_coordinator())
    page = client.get(reverse("campaigns:waiting"))
    assert page.status_code == 200 and b"Gent" in page.content

    make_council_address(gent)
    assert len(services.digest_send_due()) == 1
    assert b"Gent" not in client.get(reverse("campaigns:waiting")).content


def test_send_digests_command(capsys):
    gent = gent_with_address()
    make_signature(gent)
    call_command("send_digests")
    assert "1 digests queued" in capsys.readouterr().out
    assert Delivery.objects.count() == 1


def test_deleted_signer_leaves_the_attachment_but_the_count_stays():
    from solidair.campaigns.digest import digest_cosigners

    gent = gent_with_address()
    anna = make_signature(gent, message="Mijn woorden")
    make_signature(gent, email="bert@example.org", name="Bert Peeters")
    [delivery] = services.digest_send_due()
    assert digest_cosigners(delivery) == [("Anna De Smet", "Mijn woorden"), ("Bert Peeters", "")]
    services.signature_delete(signature=anna)
    delivery.refresh_from_db()
    assert digest_cosigners(delivery) == [("Bert Peeters", "")]
    assert delivery.signature_count == 2


def test_brussels_digest_follows_the_signers_language():
    from solidair.places.testing import make_municipality

    brussels = make_municipality("21004", "Brussel", "Bruxelles", postal_codes=("1000",),
                                 province_code=None, region_code="04000")
    make_council_address(brussels, "college@brussel.be")
    make_signature(brussels, email="a@example.org", language="fr")
    make_signature(brussels, email="b@example.org", language="fr")
    make_signature(brussels, email="c@example.org", language="nl")
    services.digest_send_due()
    digest = OutgoingMail.objects.get(topic="campaigns.digest")
    assert digest.attachments[0]["args"]["language"] == "fr"


def test_digest_arrives_with_the_letter_as_pdf(django_capture_on_commit_callbacks):
    gent = gent_with_address()
    make_signature(gent, message="Mijn eigen woorden")
    with django_capture_on_commit_callbacks(execute=True):
        services.digest_send_due()
    [message] = [m for m in mail.outbox if m.to == ["college@stad.gent"]]  # not the receipt
    [(filename, content, content_type)] = message.attachments
    assert content_type == "application/pdf" and content.startswith(b"%PDF")
    assert filename.startswith("letter-44021-")
