"""Every campaigns URL, by role. Residents' token links are public (the token is the key)."""

from solidair.campaigns.models import (
    BlockedEmailDomain,
    CouncilAnswer,
    PaperBatch,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
)
from solidair.campaigns.tokens import management_token, new_confirmation_token

PUBLIC = [
    "campaigns:sign", "campaigns:sent", "campaigns:confirm", "campaigns:manage",
    "campaigns:thanks", "campaigns:export", "campaigns:delete", "campaigns:report_answer",
    "campaigns:signer_answer_document", "campaigns:ranking", "campaigns:privacy",
    # The digests sent to a council and the check of a receipt code: public, anonymous.
    "campaigns:digests_verify",
    # Mailed to a council's new address: whoever reads that mailbox confirms it.
    "campaigns:council_address_confirm",
]

EDITORS = {"anonymous": 302, "officer_a": 200, "officer_b": 404, "coordinator": 200,
           "staff": 200}
OFFICERS = {"anonymous": 302, "officer_a": 200, "officer_b": 404, "coordinator": 404,
            "staff": 404}
COORDINATORS = {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 200,
                "staff": 200}


def setup(a, b):
    from django.core.files.base import ContentFile

    answer = CouncilAnswer(municipality=a, answered_on="2026-11-20", outcome="refused")
    answer.document.save("answer.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    answer.save()
    held = Signature.objects.create(
        municipality=a, name="Held Person", email="held@example.org",
        email_normalized="held@example.org", postal_code="0000", consent_text="-",
        consent_version="test", status=SignatureStatus.HELD, management_key="k",
        confirmation_token_hash=new_confirmation_token()[1])
    blocked = BlockedEmailDomain.objects.create(domain="fake-mail.example")
    paper = PaperBatch(municipality=a, count=3, collected_on="2026-11-01",
                       collected_by="Buurtcomité")
    paper.scan.save("scan.pdf", ContentFile(b"%PDF-1.4\n1 0 obj\n%%EOF\n"), save=False)
    paper.save()
    paper_gone = PaperBatch.objects.create(municipality=a, count=2, collected_on="2026-11-02",
                                           collected_by="Parochie")
    running = SignatureInvalidation.objects.create(network="192.0.2.0/24", reason="test",
                                                   status="running")
    done = SignatureInvalidation.objects.create(network="192.0.2.0/24", reason="test",
                                                status="done")
    return {"answer": answer.pk, "held": held.pk, "token": management_token(held),
            "blocked": blocked.pk, "paper": paper.pk, "paper_gone": paper_gone.pk,
            "running": running.pk, "done": done.pk}


CASES = [
    {"name": "campaigns:answer_record", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": EDITORS},
    {"name": "campaigns:answer_record", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"answered_on": "2026-11-21", "outcome": "meeting_planned", "text": "Ja"},
     "expect": {**EDITORS, "officer_a": 302, "coordinator": 302, "staff": 302}},
    {"name": "campaigns:answer_document", "kwargs": {"nis": "{a}", "pk": "{answer}"},
     "method": "GET", "expect": EDITORS},
    # Coordinators see the numbers only; the list, its export and writing are the officer's.
    {"name": "campaigns:officer_signatories", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": EDITORS},
    {"name": "campaigns:officer_signatories_export", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICERS},
    {"name": "campaigns:officer_write", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": OFFICERS},
    {"name": "campaigns:officer_write", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"subject": "Dank", "body": "Dank u"},
     "expect": OFFICERS},
    # The council's address: its officer changes it at once, a coordinator through a link
    # mailed to the new address; the period and threshold are the coordinators'.
    {"name": "campaigns:settings", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": EDITORS},
    {"name": "campaigns:settings", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"council_email": "college@stad.gent"},
     "expect": {"anonymous": 302, "officer_a": 302, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "campaigns:settings", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"withdraw_pending": "1"},
     "expect": {"anonymous": 302, "officer_a": 302, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "campaigns:waiting", "kwargs": {}, "method": "GET", "expect": COORDINATORS},
    {"name": "campaigns:held", "kwargs": {}, "method": "GET", "expect": COORDINATORS},
    # Trends per network, e-mail domain and municipality: the coordinators'.
    {"name": "campaigns:trends", "kwargs": {}, "method": "GET", "expect": COORDINATORS},
    # Mail domains refused for signatures: the coordinators'.
    {"name": "campaigns:blocked_domains", "kwargs": {}, "method": "GET", "expect": COORDINATORS},
    {"name": "campaigns:blocked_domains", "kwargs": {}, "method": "POST",
     "data": {"domain": "spam.example", "reason": "test"},
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "campaigns:blocked_domain_remove", "kwargs": {"pk": "{blocked}"}, "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404,
                "coordinator": 302, "staff": 302}},
    {"name": "campaigns:review", "kwargs": {"pk": "{held}"}, "method": "POST",
     "data": {"decision": "reject"},
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    # Paper signatures: the municipality's officers and the coordinators. The scan answers 404
    # to everyone else, anonymous visitors too (its address tells nothing).
    {"name": "campaigns:paper_batches", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": EDITORS},
    {"name": "campaigns:paper_batches", "kwargs": {"nis": "{a}"}, "method": "POST",
     "data": {"count": "4", "collected_on": "2026-11-03", "collected_by": "Markt"},
     "expect": {**EDITORS, "officer_a": 302, "coordinator": 302, "staff": 302}},
    {"name": "campaigns:paper_batch_scan", "kwargs": {"nis": "{a}", "pk": "{paper}"},
     "method": "GET", "expect": {**OFFICERS, "anonymous": 404}},
    {"name": "campaigns:paper_batch_delete", "kwargs": {"nis": "{a}", "pk": "{paper_gone}"},
     "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 302, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    # Bulk invalidation: the coordinators'.
    {"name": "campaigns:invalidations", "kwargs": {}, "method": "GET", "expect": COORDINATORS},
    {"name": "campaigns:invalidations", "kwargs": {}, "method": "POST",
     "data": {"email_domain": "fake-mail.example", "reason": "test"},
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "campaigns:invalidation", "kwargs": {"pk": "{done}"}, "method": "GET",
     "expect": COORDINATORS},
    {"name": "campaigns:invalidation_cancel", "kwargs": {"pk": "{running}"}, "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
    {"name": "campaigns:invalidation_undo", "kwargs": {"pk": "{done}"}, "method": "POST",
     "expect": {"anonymous": 302, "officer_a": 404, "officer_b": 404, "coordinator": 302,
                "staff": 302}},
]
