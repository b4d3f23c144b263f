"""Running a coordinator's bulk invalidation: which signatures match, and the chunked work of
the background task (`tasks.run_signature_invalidation`), which stops when it is cancelled.
Starting, cancelling and undoing are in `services`."""

import ipaddress

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from solidair.campaigns.models import (
    InvalidationStatus,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
)
from solidair.core.audit import audit_record
from solidair.core.pagecache import invalidate


def clean_network(network: str) -> str:
    """'192.0.2.7/24' -> '192.0.2.0/24' (as `source_network` stores it), or ValidationError."""
    network = (network or "").strip()
    if not network:
        return ""
    try:
        return str(ipaddress.ip_network(network, strict=False))
    except ValueError:
        raise ValidationError(_("Enter a network such as 192.0.2.0/24 or 2001:db8::/64.")) \
            from None


INVALIDATION_CHUNK = 500
INVALIDABLE = [SignatureStatus.CONFIRMED, SignatureStatus.HELD]


def criteria_query(*, network="", email_domain="", municipality=None, confirmed_from=None,
                   confirmed_until=None) -> Q:
    """The signatures a bulk invalidation with these criteria changes: confirmed or held, and
    matching every criterion given. At least one criterion (ValueError otherwise)."""
    if not any([network, email_domain, municipality, confirmed_from, confirmed_until]):
        raise ValueError("An invalidation needs at least one criterion.")
    query = Q(status__in=INVALIDABLE)
    if network:
        query &= Q(source_network=network)
    if email_domain:
        query &= (Q(email_normalized__endswith=f"@{email_domain}")
                  | Q(email_normalized__endswith=f".{email_domain}"))
    if municipality is not None:
        query &= Q(municipality=municipality)
    if confirmed_from:
        query &= Q(confirmed_at__gte=confirmed_from)
    if confirmed_until:
        query &= Q(confirmed_at__lt=confirmed_until)
    return query


def query_for(invalidation: SignatureInvalidation) -> Q:
    return criteria_query(
        network=invalidation.network, email_domain=invalidation.email_domain,
        municipality=invalidation.municipality, confirmed_from=invalidation.confirmed_from,
        confirmed_until=invalidation.confirmed_until)


def _invalidate_chunk(invalidation: SignatureInvalidation, pks: list[int]) -> int:
    """Invalidate these signatures (those still confirmed or held), remembering each one's
    status. One transaction; returns how many changed."""
    changed = 0
    with transaction.atomic():
        for status in INVALIDABLE:
            changed += Signature.objects.filter(pk__in=pks, status=status).update(
                status=SignatureStatus.INVALIDATED, status_before_invalidation=status,
                invalidation=invalidation)
        SignatureInvalidation.objects.filter(pk=invalidation.pk).update(
            invalidated=F("invalidated") + changed)
    return changed


def run(*, invalidation_id: int, chunk_size: int | None = None) -> str:
    """The background task's work: invalidate the matching signatures chunk by chunk, stopping
    when a coordinator cancels it. Returns the final status."""
    chunk_size = chunk_size or INVALIDATION_CHUNK
    if not SignatureInvalidation.objects.filter(
            pk=invalidation_id, status=InvalidationStatus.QUEUED).update(
            status=InvalidationStatus.RUNNING):
        return "skipped"  # cancelled before it started, or run already
    invalidation = SignatureInvalidation.objects.get(pk=invalidation_id)
    query = query_for(invalidation)
    while True:
        if SignatureInvalidation.objects.filter(
                pk=invalidation_id, status=InvalidationStatus.CANCELLED).exists():
            invalidate("public")
            return InvalidationStatus.CANCELLED
        pks = list(Signature.objects.filter(query).order_by("pk")
                   .values_list("pk", flat=True)[:chunk_size])
        if not pks:
            break
        _invalidate_chunk(invalidation, pks)
    with transaction.atomic():
        finished = SignatureInvalidation.objects.filter(
            pk=invalidation_id, status=InvalidationStatus.RUNNING).update(
            status=InvalidationStatus.DONE, finished_at=timezone.now())
        invalidation.refresh_from_db()
        transaction.on_commit(lambda: invalidate("public"))  # the counts changed
        if finished:
            audit_record(actor=invalidation.created_by, action="campaigns.invalidation_done",
                         obj=invalidation, after={"invalidated": invalidation.invalidated,
                                                  "reason": invalidation.reason},
                         municipality=invalidation.municipality,
                         object_label=f"invalidation {invalidation.pk}")
    return invalidation.status


