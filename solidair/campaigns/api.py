"""Partner sites collect co-signatures (POST /api/v1/municipalities/{nis}/signatures/); anyone
checks the digests sent to a council (GET /api/v1/municipalities/{nis}/digests/)."""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from solidair.campaigns import limits, receipts, services
from solidair.campaigns.models import MESSAGE_MAX, NAME_MAX, PHONE_MAX, Delivery
from solidair.core.api import Message, errors_for, invalid
from solidair.core.apidocs import example_response
from solidair.core.ratelimit import RateLimited, client_ip
from solidair.places.models import Municipality

router = Router(tags=["campaigns"])


class SignatureIn(Schema):
    name: str = Field(max_length=NAME_MAX)
    email: str = Field(max_length=254)
    postal_code: str = Field(max_length=6)
    phone: str = Field("", max_length=PHONE_MAX)
    message: str = Field("", max_length=MESSAGE_MAX)
    consent: bool = False
    language: str = Field("nl", description="nl, fr, en or de: the language of the e-mails")
    wants_to_volunteer: bool = False
    show_name_publicly: bool = False
    share_email_with_council: bool = False


@router.post("/municipalities/{nis}/signatures/",
             response={202: Message, **errors_for(400, 404, 429)},
             summary="Co-sign the residents' letter (confirmed by e-mail)",
             description="For partner sites: a resident co-signs the letter asking the "
             "municipality's council to join the network. The signature counts once the "
             "resident confirms it through the link mailed to them. Answers 202 whether or not "
             "this address signed before (the mail tells the resident). Layered limits, shared "
             "by every app server: per client address a burst (5 a minute) and a sustained "
             "limit (20 an hour), per /24 or /64 network 60 an hour, per e-mail address 5 an "
             "hour; over one of them 429 with Retry-After and RateLimit-* headers.",
             openapi_extra=example_response(
                 {"message": "Check your mailbox: confirm your signature with the link we "
                             "sent."}, status=202))
def signature_create(request, nis: str, payload: SignatureIn):
    municipality = Municipality.objects.filter(nis=nis).first()
    if municipality is None:
        return Status(404, {"message": _("Unknown municipality.")})
    refused = limits.submission_refused(ip=client_ip(request), email=payload.email)
    if refused is not None:  # 429 with Retry-After and RateLimit-* (opendata.api)
        raise RateLimited(refused)
    try:
        services.signature_submit(municipality=municipality, **payload.dict())
    except services.SignatureInvalid as error:
        return Status(400, invalid(error.errors))
    return Status(202, {"message": _("Check your mailbox: confirm your signature with the link "
                                     "we sent.")})


class PaperBatchOut(Schema):
    batch: int = Field(description="The paper batch's id")
    count: int = Field(description="The signatures collected on paper in that batch")


class DigestOut(Schema):
    number: int
    sent_at: str = Field(description="UTC, whole seconds, exactly as in the fingerprint: "
                                     "2026-03-12T08:00:05Z")
    signature_count: int
    fingerprint: str | None = Field(description="SHA-256, hex; null for a digest sent "
                                                "before digests had fingerprints")
    previous_fingerprint: str | None
    receipt_values: list[str] = Field(description="The anonymous value of each co-signature "
                                                  "in the digest, sorted")
    paper_batches: list[PaperBatchOut] = Field(
        description="The batches of signatures collected on paper that the digest carried, by "
                    "id; each enters the fingerprint as a line paper:<batch>:<count>")


@router.get("/municipalities/{nis}/digests/",
            response={200: list[DigestOut], **errors_for(404)},
            summary="The digests sent to the council, with what anyone needs to recompute "
                    "their fingerprints (docs/digests.md)",
            openapi_extra=example_response([{
                "number": 1, "sent_at": "2026-03-12T08:00:05Z", "signature_count": 2,
                "fingerprint": "9f2c" + "0" * 60, "previous_fingerprint": "0" * 64,
                "receipt_values": ["1a2b" + "0" * 60, "3c4d" + "0" * 60],
                "paper_batches": [{"batch": 7, "count": 12}]}]))
def municipality_digests(request, nis: str):
    """Oldest first. Each fingerprint is SHA-256 over the digest's header, the previous
    fingerprint, its sorted receipt values and its paper batches; see docs/digests.md for the
    exact bytes."""
    municipality = Municipality.objects.filter(nis=nis).first()
    if municipality is None:
        return Status(404, {"message": _("Unknown municipality.")})
    rows = (Delivery.objects.filter(municipality=municipality).order_by("number")
            .values("number", "created_at", "signature_count", "fingerprint",
                    "receipt_values", "paper_batches"))
    digests, previous = [], None
    for row in rows:
        fingerprint = row["fingerprint"] or None
        digests.append({
            "number": row["number"], "sent_at": receipts.sent_text(row["created_at"]),
            "signature_count": row["signature_count"], "fingerprint": fingerprint,
            "previous_fingerprint": (previous or receipts.GENESIS) if fingerprint else None,
            "receipt_values": row["receipt_values"] or [],
            "paper_batches": row["paper_batches"] or []})
        previous = fingerprint
    return digests
