"""Reads shared by the pages, the API and the extension hooks."""

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from solidair.campaigns import tokens
from solidair.campaigns.conf import signature_threshold
from solidair.campaigns.models import (
    CampaignSettings,
    CouncilAnswer,
    Signature,
    SignatureStatus,
)
from solidair.places.models import Municipality


def confirmed_count(municipality) -> int:
    return Signature.objects.filter(municipality=municipality,
                                    status=SignatureStatus.CONFIRMED).count()


def threshold_for(municipality) -> int:
    campaign = CampaignSettings.objects.filter(pk=municipality.pk).first()
    return campaign.threshold if campaign else signature_threshold()


def momentum(municipality) -> dict:
    """The confirmed count, the threshold and how far along the progress bar it is."""
    count = confirmed_count(municipality)
    threshold = threshold_for(municipality)
    return {"count": count, "threshold": threshold,
            "percent": min(100, round(100 * count / threshold)) if threshold else 100}


def letter_url(municipality) -> str:
    """The page where a resident downloads the letter (the documents app)."""
    return reverse("documents:letter", args=[municipality.nis])


def latest_answer(municipality) -> CouncilAnswer | None:
    return CouncilAnswer.objects.filter(municipality=municipality).first()


def public_names(municipality, *, limit: int = 50) -> list[str]:
    """'Anna D.' for confirmed signers who allowed it, newest first. Nothing else is public."""
    signatures = (Signature.objects.filter(municipality=municipality,
                                           status=SignatureStatus.CONFIRMED,
                                           show_name_publicly=True)
                  .order_by("-confirmed_at").only("name")[:limit])
    return [signature.public_name for signature in signatures]


RANKING_CACHE_SECONDS = 60


def ranking() -> list[dict]:
    """Municipalities by confirmed co-signatures, most first (only those with at least one).

    Counting a million signatures takes a few hundred milliseconds, so the ranking is kept a
    minute in the shared cache: it may lag a new signature by that much.
    """
    return cache.get_or_set("campaigns:ranking", _ranking, RANKING_CACHE_SECONDS)


def _ranking() -> list[dict]:
    rows = (Signature.objects.filter(status=SignatureStatus.CONFIRMED)
            .values("municipality_id").annotate(count=Count("*"))  # index-only on PostgreSQL
            .order_by("-count", "municipality_id"))
    counts = {row["municipality_id"]: row["count"] for row in rows}
    municipalities = Municipality.objects.in_bulk(list(counts))
    thresholds = dict(CampaignSettings.objects.filter(pk__in=list(counts))
                      .values_list("pk", "signature_threshold"))
    default = signature_threshold()
    return [{"municipality": municipalities[nis], "count": count,
             "threshold": thresholds.get(nis) or default}
            for nis, count in counts.items()]


def signature_for_management_token(token: str) -> Signature | None:
    parsed = tokens.parse_management_token(token)
    if parsed is None:
        return None
    pk, key = parsed
    return (Signature.objects.select_related("municipality")
            .filter(pk=pk, management_key=key).first())


def signature_export(signature: Signature) -> dict:
    """Everything kept about a signature, for its owner (GDPR access and portability)."""
    return {
        "municipality": {"nis": signature.municipality_id, "name": signature.municipality.name},
        "name": signature.name, "email": signature.email, "postal_code": signature.postal_code,
        "phone": signature.phone, "message": signature.message,
        "wants_to_volunteer": signature.wants_to_volunteer,
        "show_name_publicly": signature.show_name_publicly,
        "share_email_with_council": signature.share_email_with_council,
        "consent": {"text": signature.consent_text, "version": signature.consent_version,
                    "language": signature.language},
        "status": signature.status,
        "signed_at": signature.created_at.isoformat(),
        "confirmed_at": signature.confirmed_at.isoformat() if signature.confirmed_at else None,
        "delivered_to_council_at": (signature.delivery.created_at.isoformat()
                                    if signature.delivery_id else None),
    }


def municipalities_waiting_for_address():
    """Municipalities with confirmed co-signatures but no council address to deliver them to."""
    with_address = CampaignSettings.objects.filter(pk=OuterRef("pk")).exclude(council_email="")
    return (Municipality.objects
            .annotate(waiting=Count("signatures", filter=_undelivered()))
            .filter(waiting__gt=0)
            .exclude(Exists(with_address))
            .order_by("-waiting", "name_nl"))


def _undelivered() -> Q:
    return Q(signatures__status=SignatureStatus.CONFIRMED, signatures__delivery=None)


def held_signatures():
    return (Signature.objects.filter(status=SignatureStatus.HELD)
            .select_related("municipality").order_by("source_hash", "confirmed_at"))


def officer_signatories(municipality, *, q: str = "", since=None, until=None,
                        with_message: bool = False, contactable: bool = False):
    """The confirmed co-signatories the municipality's officer sees, newest first, filtered.

    `q` searches the name and the personal paragraph; `contactable` keeps those who allowed the
    council to see their address and answer them.
    """
    signatures = Signature.objects.filter(municipality=municipality,
                                          status=SignatureStatus.CONFIRMED)
    if q:
        signatures = signatures.filter(Q(name__icontains=q) | Q(message__icontains=q))
    if since:
        signatures = signatures.filter(confirmed_at__date__gte=since)
    if until:
        signatures = signatures.filter(confirmed_at__date__lte=until)
    if with_message:
        signatures = signatures.exclude(message="")
    if contactable:
        signatures = signatures.filter(share_email_with_council=True)
    return signatures.order_by("-confirmed_at", "-pk").only(
        "pk", "name", "email", "postal_code", "message", "share_email_with_council",
        "confirmed_at", "language")


def writable_signatories(municipality, pks):
    """Those the officer may write to: confirmed here, and who allowed the council to answer."""
    return officer_signatories(municipality, contactable=True).filter(pk__in=pks)


def signatory_counts(municipality) -> dict:
    """What a coordinator sees of a municipality's co-signatories: numbers, never a person."""
    return Signature.objects.filter(
        municipality=municipality, status=SignatureStatus.CONFIRMED).aggregate(
        total=Count("pk"), with_message=Count("pk", filter=~Q(message="")),
        contactable=Count("pk", filter=Q(share_email_with_council=True)),
        delivered=Count("pk", filter=Q(delivery__isnull=False)))
