"""Verifiable digests (issue 13, item 6): numbered, fingerprinted, chained; each signer gets a
receipt code that verifies on a public page; verify_digests finds a tampered digest; a signer
who deletes their signature leaves the chain intact and nothing of themselves behind."""

import hashlib
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from solidair.campaigns import services
from solidair.campaigns.models import Delivery, Signature
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^([0-9a-f]{64})$", re.M)


def recompute(nis, digest, previous):
    """The fingerprint as docs/digests.md defines it, written independently of the code."""
    lines = ["solidair-digest-v1", f"municipality:{nis}", f"number:{digest['number']}",
             f"sent:{digest['sent_at']}", f"count:{len(digest['receipt_values'])}",
             f"previous:{previous}", *sorted(digest["receipt_values"])]
    return hashlib.sha256("".join(line + "\n" for line in lines).encode("ascii")).hexdigest()


@pytest.fixture
def two_digests():
    """Gent sent two digests: Anna (Dutch) and Bert (French) in the first, Chris in the second."""
    gent = make_gent()
    make_council_address(gent)
    make_signature(gent, email="anna@example.org")
    make_signature(gent, email="bert@example.org", name="Bert Lambert", language="fr")
    [first] = services.digest_send_due()
    make_signature(gent, email="chris@example.org", name="Chris Claes")
    [second] = services.digest_send_due(now=timezone.now() + timedelta(days=2))
    return gent, first, second


def receipt_code(email):
    mail = OutgoingMail.objects.get(topic="campaigns.receipt", to=[email])
    return CODE.search(mail.body).group(1), mail


def test_anyone_recomputes_the_chain_from_the_published_values(client, two_digests):
    gent, first, second = two_digests
    digests = client.get(f"/api/v1/municipalities/{gent.nis}/digests/").json()
    assert [(d["number"], d["signature_count"]) for d in digests] == [(1, 2), (2, 1)]
    previous = "0" * 64
    for digest in digests:
        assert digest["previous_fingerprint"] == previous
        assert recompute(gent.nis, digest, previous) == digest["fingerprint"]
        previous = digest["fingerprint"]
    assert digests[1]["fingerprint"] == Delivery.objects.get(pk=second.pk).fingerprint
    # The council reads the number and the fingerprint in its mail; no value names anyone.
    council_mail = OutgoingMail.objects.get(pk=second.mail_id)
    assert second.fingerprint in council_mail.body and "Dit is bundel 2." in council_mail.body
    assert "anna" not in str(digests).lower()


def test_a_signers_receipt_verifies_and_a_made_up_code_does_not(client, two_digests):
    gent, first, second = two_digests
    code, mail = receipt_code("anna@example.org")
    assert mail.subject == "Je handtekening zit in bundel 1 aan Gent"
    _code, french = receipt_code("bert@example.org")  # in his language
    assert french.subject == "Votre signature est dans le récapitulatif 1 envoyé à Gand"
    url = reverse("campaigns:digests_verify", args=[gent.nis])
    assert url + "?code=" + code in mail.body

    # Pasted in capitals, with spaces: still found.
    spaced = " ".join(code[i:i + 8] for i in range(0, 64, 8)).upper()
    page = client.get(url, {"code": spaced}).content.decode()
    assert "Je handtekening zit in bundel 1" in page and "2 medeondertekeningen" in page
    made_up = client.get(url, {"code": "ab" * 32}).content.decode()
    assert "Je handtekening zit in" not in made_up and "in geen enkele bundel" in made_up
    chris, _mail = receipt_code("chris@example.org")
    assert "Je handtekening zit in bundel 2" in client.get(url, {"code": chris}).content.decode()
    # The signer's own export carries the same code.
    from solidair.campaigns.selectors import signature_export

    anna = Signature.objects.get(email="anna@example.org")
    assert signature_export(anna)["digest"] == {"number": 1, "receipt_code": code}


def test_verify_digests_finds_a_value_changed_or_removed(two_digests):
    gent, first, second = two_digests
    call_command("verify_digests", stdout=StringIO())  # intact
    values = list(first.receipt_values)

    Delivery.objects.filter(pk=first.pk).update(receipt_values=["0" * 64, values[1]])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_digests", gent.nis, stdout=out)
    assert "44021 digest 1: fingerprint does not match" in out.getvalue()

    Delivery.objects.filter(pk=first.pk).update(receipt_values=values[1:])
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_digests", stdout=out)
    assert "44021 digest 1: 1 recorded values for 2 co-signatures" in out.getvalue()


def test_a_signer_who_deletes_later_leaves_the_chain_intact_and_nothing_of_them(
        client, two_digests):
    gent, first, second = two_digests
    code, _mail = receipt_code("anna@example.org")
    anna = Signature.objects.get(email="anna@example.org")
    services.signature_delete(signature=anna)

    call_command("verify_digests", stdout=StringIO())  # no CommandError
    first.refresh_from_db()
    assert code in first.receipt_values and first.signature_count == 2
    assert not Signature.objects.filter(email="anna@example.org").exists()
    assert not OutgoingMail.objects.filter(to=["anna@example.org"]).exists()
    assert not any("Anna De Smet" in mail.body for mail in OutgoingMail.objects.all())
    # Her code still proves the digest held her signature, without naming her.
    page = client.get(reverse("campaigns:digests_verify", args=[gent.nis]), {"code": code})
    assert "Je handtekening zit in bundel 1" in page.content.decode()
