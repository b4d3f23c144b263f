"""Paper signatures (issue 13, item 7) and bulk invalidation (item 4)."""

import hashlib
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.campaigns import invalidation, receipts, services
from solidair.campaigns.models import (
    InvalidationStatus,
    PaperBatch,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
)
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.core.models import OutgoingMail
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def recompute(nis, digest, previous):
    """The fingerprint as docs/digests.md defines it, written independently of the code."""
    lines = ["solidair-digest-v1", f"municipality:{nis}", f"number:{digest['number']}",
             f"sent:{digest['sent_at']}", f"count:{len(digest['receipt_values'])}",
             f"previous:{previous}", *sorted(digest["receipt_values"]),
             *[f"paper:{b['batch']}:{b['count']}"
               for b in sorted(digest["paper_batches"], key=lambda b: b["batch"])]]
    return hashlib.sha256("".join(line + "\n" for line in lines).encode("ascii")).hexdigest()


def test_paper_and_online_add_up_on_the_page_in_the_api_and_in_the_digest(client, settings,
                                                                         tmp_path):
    settings.MEDIA_ROOT = tmp_path
    gent = make_gent()
    make_council_address(gent)
    officer = make_officer(gent)
    make_signature(gent, email="anna@example.org")
    make_signature(gent, email="bert@example.org", name="Bert Peeters")
    login(client, officer)
    response = client.post(reverse("campaigns:paper_batches", args=[gent.nis]), {
        "count": "12", "collected_on": "2026-11-14", "collected_by": "Buurtcomité Ledeberg",
        "scan": SimpleUploadedFile("blad.pdf", SCAN, content_type="application/pdf")})
    assert response.status_code == 302
    client.logout()

    page = client.get(reverse("places:municipality", args=[gent.nis])).content.decode()
    assert "14 inwoners vragen het, van wie 12 op papier" in page
    fields = client.get(f"/api/v1/municipalities/{gent.nis}/").json()
    assert (fields["confirmed_signatures"], fields["online_signatures"],
            fields["paper_signatures"]) == (14, 2, 12)

    [digest] = services.digest_send_due()
    body = OutgoingMail.objects.get(pk=digest.mail_id).body
    assert "Daarnaast ondertekenden 12 inwoners de brief op papier:" in body
    assert "Buurtcomité Ledeberg" in body
    assert "In totaal vroegen tot nu toe 14 inwoners het." in body
    batch = PaperBatch.objects.get()
    assert batch.delivery_id == digest.pk and digest.paper_batches == [
        {"batch": batch.pk, "count": 12}]

    # The fingerprint recomputes from the published values, paper lines included.
    [published] = client.get(f"/api/v1/municipalities/{gent.nis}/digests/").json()
    assert published["paper_batches"] == [{"batch": batch.pk, "count": 12}]
    assert recompute(gent.nis, published, "0" * 64) == digest.fingerprint
    # A changed paper count is detected; deleting the batch afterwards leaves the chain valid.
    digest.paper_batches = [{"batch": batch.pk, "count": 13}]
    assert receipts.chain_problems(gent.nis, [digest])
    digest.refresh_from_db()
    services.paper_batch_delete(batch=batch, by=officer)
    digest.refresh_from_db()
    assert receipts.chain_problems(gent.nis, [digest]) == []
    assert client.get(f"/api/v1/municipalities/{gent.nis}/").json()["paper_signatures"] == 0


def test_a_batch_deleted_before_its_digest_is_gone(client):
    gent = make_gent()
    make_council_address(gent)
    coordinator = make_coordinator()
    batch = services.paper_batch_record(municipality=gent, count=5, collected_on=date(2026, 11, 1),
                                        collected_by="Parochie", by=coordinator)
    services.paper_batch_delete(batch=batch, by=coordinator)
    assert services.digest_send_due() == []


def test_a_paper_scan_is_private(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    gent = make_gent()
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    batch = services.paper_batch_record(
        municipality=gent, count=3, collected_on=date(2026, 11, 1), collected_by="Markt",
        scan=SimpleUploadedFile("x.pdf", SCAN), by=make_coordinator())
    assert batch.scan.name.startswith("private/campaigns/paper/44021/")
    url = reverse("campaigns:paper_batch_scan", args=[gent.nis, batch.pk])
    assert client.get(url).status_code == 404  # anonymous
    login(client, make_officer(leuven))
    assert client.get(url).status_code == 404
    login(client, make_coordinator("c3@example.org"))  # counts, never the names on the sheets
    assert client.get(url).status_code == 404
    login(client, make_officer(gent))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == SCAN
    # Checked by content: a renamed text file is refused.
    with pytest.raises(Exception, match="PDF-, PNG- of JPEG"):
        services.paper_batch_record(
            municipality=gent, count=3, collected_on=date(2026, 11, 1), collected_by="Markt",
            scan=SimpleUploadedFile("x.pdf", b"not a pdf"), by=make_coordinator("c2@x.org"))


@pytest.fixture
def burst():
    """Gent: 3 confirmed signatures from 192.0.2.0/24 (one held) and one genuine one."""
    gent = make_gent()
    for index in range(3):
        make_signature(gent, email=f"fake{index}@example.org", source_network="192.0.2.0/24",
                       status=SignatureStatus.HELD if index == 2 else SignatureStatus.CONFIRMED)
    make_signature(gent, email="anna@example.org")
    return gent


def test_an_invalidation_previews_runs_is_audited_and_is_undone(client, burst,
                                                               django_capture_on_commit_callbacks):
    coordinator = make_coordinator()
    login(client, coordinator)
    url = reverse("campaigns:invalidations")
    preview = client.get(url, {"network": "192.0.2.7/24"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "3 handtekeningen komen overeen" in page
    assert "Gent" in page and "fake0" not in page and "Anna" not in page
    assert Signature.objects.filter(status=SignatureStatus.INVALIDATED).count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"network": "192.0.2.0/24", "reason": "Botnet"})
    row = SignatureInvalidation.objects.get()
    assert response.status_code == 302 and row.matched == 3
    # The task was enqueued; the test settings run it at once.
    row.refresh_from_db()
    if row.status == InvalidationStatus.QUEUED:
        invalidation.run(invalidation_id=row.pk)
        row.refresh_from_db()
    assert (row.status, row.invalidated) == (InvalidationStatus.DONE, 3)
    done = AuditEntry.objects.get(action="campaigns.invalidation_done")
    assert done.actor == coordinator and done.after["invalidated"] == 3
    assert done.after["reason"] == "Botnet"
    assert client.get(f"/api/v1/municipalities/{burst.nis}/").json()[
        "confirmed_signatures"] == 1

    # Invalidated signers are not written to: neither the council's answer nor the digest.
    make_council_address(burst)
    services.answer_record(municipality=burst, answered_on=date(2026, 11, 20),
                           outcome="refused", text="Nee", by=coordinator)
    assert [m.to for m in OutgoingMail.objects.filter(topic="campaigns.answer")] == [
        ["anna@example.org"]]
    [digest] = services.digest_send_due()
    assert digest.signature_count == 1

    client.post(reverse("campaigns:invalidation_undo", args=[row.pk]))
    statuses = dict(Signature.objects.values_list("email", "status"))
    assert statuses == {"fake0@example.org": "confirmed", "fake1@example.org": "confirmed",
                        "fake2@example.org": "held", "anna@example.org": "confirmed"}
    assert AuditEntry.objects.filter(action="campaigns.invalidation_undone").exists()


def test_an_invalidation_can_be_cancelled_while_it_runs(burst, monkeypatch):
    coordinator = make_coordinator()
    row = services.invalidation_start(by=coordinator, reason="Check", municipality=burst,
                                      confirmed_from=timezone.now() - timedelta(hours=1),
                                      enqueue=False)
    assert row.matched == 4
    real_chunk = invalidation._invalidate_chunk

    def cancel_after_first_chunk(row_, pks):
        changed = real_chunk(row_, pks)
        services.invalidation_cancel(invalidation=row_, by=coordinator)
        return changed

    monkeypatch.setattr(invalidation, "_invalidate_chunk", cancel_after_first_chunk)
    assert invalidation.run(invalidation_id=row.pk, chunk_size=1) == "cancelled"
    row.refresh_from_db()
    assert (row.status, row.invalidated) == (InvalidationStatus.CANCELLED, 1)
    assert Signature.objects.filter(status=SignatureStatus.INVALIDATED).count() == 1
    assert AuditEntry.objects.filter(action="campaigns.invalidation_cancelled").exists()
    # Cancelled before it started: the task changes nothing.
    queued = services.invalidation_start(by=coordinator, reason="Oops", municipality=burst,
                                         enqueue=False)
    services.invalidation_cancel(invalidation=queued, by=coordinator)
    assert invalidation.run(invalidation_id=queued.pk) == "skipped"
    assert Signature.objects.filter(status=SignatureStatus.INVALIDATED).count() == 1


def test_paper_counts_toward_the_threshold():
    gent = make_gent()
    make_council_address(gent, signature_threshold=3)
    make_signature(gent, email="anna@example.org")
    batch = services.paper_batch_record(municipality=gent, count=2,
                                        collected_on=date(2026, 11, 1), collected_by="Markt",
                                        by=make_coordinator())
    assert services.campaign_thresholds_record() == 1
    gent.campaign_settings.refresh_from_db()
    assert gent.campaign_settings.threshold_reached_at == batch.recorded_at
