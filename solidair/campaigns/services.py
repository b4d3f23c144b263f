"""Every write of the campaign: signing, confirming, delivering, answering, forgetting."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from solidair.accounts.permissions import can_edit, is_officer_of, municipality_officers
from solidair.campaigns import (
    addresses,
    conf,
    files,
    invalidation,
    limits,
    receipts,
    selectors,
    tokens,
)
from solidair.campaigns.models import (
    MESSAGE_MAX,
    NAME_MAX,
    PHONE_MAX,
    AddressSource,
    AnswerOutcome,
    AnswerReport,
    BlockedEmailDomain,
    CampaignSettings,
    CouncilAnswer,
    Delivery,
    IntegrityCounts,
    InvalidationStatus,
    PaperBatch,
    Signature,
    SignatureInvalidation,
    SignatureStatus,
    TrendAlert,
    TrendKind,
)
from solidair.campaigns.selectors import confirmed_count, integrity_figures, signature_counts  # noqa: F401
from solidair.core.audit import audit_record
from solidair.core.links import absolute_url
from solidair.core.mail import outbox_forget, queue_templated_mail
from solidair.core.pagecache import invalidate
from solidair.core.ratelimit import hit
from solidair.core.tokens import hash_token, new_token
from solidair.places.models import (
    BRUSSELS_REGION,
    FLEMISH_REGION,
    Municipality,
    MunicipalityStatus,
    PostalCode,
)
from solidair.places.services import municipality_set_status

# Raise the version whenever the consent text below changes: each signature keeps both.
CONSENT_VERSION = "2026-11"
SIGNER_LANGUAGES = {"nl", "fr", "en", "de"}


def consent_text() -> str:
    """What the resident agrees to, in the active language (stored with the signature)."""
    return _(
        "I co-sign the letter asking my municipal council to join the Network of Solidarity "
        "Cities and Municipalities. My name, my postal code and my personal paragraph are sent "
        "to the council with the letter; my e-mail address only if I allow it. My signature is "
        "kept until I delete it; an unconfirmed signature is deleted after 7 days. I can see, "
        "download and delete my signature at any time through the link in my e-mails."
    )


class SignatureInvalid(Exception):
    """Bad input for a signature: `errors` maps a field name to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class SubmitResult:
    signature: Signature
    outcome: str  # "created", "resent" (was pending) or "already_signed"


def normalize_email(email: str) -> str:
    """The key of the one-signature-per-address rule (see `addresses.normalize_email`)."""
    return addresses.normalize_email(email)


def email_domain_refused(domain: str) -> bool:
    """A disposable mail service (the maintained list) or a domain coordinators blocked."""
    return addresses.is_disposable(domain) or BlockedEmailDomain.objects.filter(
        domain__in=addresses.domain_and_parents(domain)).exists()


def management_url(signature: Signature) -> str:
    return absolute_url("campaigns:manage", args=[tokens.management_token(signature)],
                        language=signature.language)


def signer_language(language: str | None) -> str:
    language = (language or translation.get_language() or "nl")[:2]
    return language if language in SIGNER_LANGUAGES else "nl"


def submission_allowed(*, ip: str, email: str) -> bool:
    """Counts one attempt against the layered limits (`limits.submission_refused`, which also
    says how long to wait)."""
    return limits.submission_refused(ip=ip, email=email) is None


def _validate(*, municipality, name, email, postal_code, phone, message, consent) -> dict:
    errors: dict[str, list[str]] = {}

    def fail(field, text):
        errors.setdefault(field, []).append(text)

    if not name.strip():
        fail("name", _("Please fill in your name."))
    elif len(name) > NAME_MAX:
        fail("name", _("Your name can be at most %(max)d characters.") % {"max": NAME_MAX})
    try:
        validate_email(email.strip())
    except ValidationError:
        fail("email", _("Please fill in a valid e-mail address."))
    else:
        domain = addresses.email_domain(email)
        if email_domain_refused(domain):
            fail("email", _("Addresses at %(domain)s are not accepted: they are disposable or "
                            "blocked. Please use an address you keep, so that your signature "
                            "counts and the council can trust the count.") % {"domain": domain})
    if len(phone) > PHONE_MAX:
        fail("phone", _("The phone number can be at most %(max)d characters.") % {"max": PHONE_MAX})
    if len(message) > MESSAGE_MAX:
        fail("message",
             _("Your paragraph can be at most %(max)d characters.") % {"max": MESSAGE_MAX})
    if not PostalCode.objects.filter(code=postal_code.strip(), municipality=municipality).exists():
        fail("postal_code", _("This postal code is not one of %(municipality)s.")
             % {"municipality": municipality.name})
    if consent is not True:
        fail("consent", _("Please tick that you agree, so that we may send your signature."))
    return errors


def signature_submit(*, municipality: Municipality, name: str, email: str, postal_code: str,
                     phone: str = "", message: str = "", wants_to_volunteer: bool = False,
                     show_name_publicly: bool = False, share_email_with_council: bool = False,
                     consent: bool = False, language: str | None = None) -> SubmitResult:
    """Store an unconfirmed signature and mail its confirmation link.

    A second submission for the same address never creates a second row: a pending one is
    updated and gets a fresh link; a confirmed one gets a "you already signed" mail. Callers
    answer the same in every case, so nobody learns whether an address signed.
    """
    errors = _validate(municipality=municipality, name=name, email=email,
                       postal_code=postal_code, phone=phone, message=message, consent=consent)
    if errors:
        raise SignatureInvalid(errors)
    language = signer_language(language)
    with translation.override(language):
        agreed_text = consent_text()
    token, token_hash = tokens.new_confirmation_token()
    fields = {
        "name": name.strip(), "email": email.strip(), "postal_code": postal_code.strip(),
        "phone": phone.strip(), "message": message.strip(),
        "wants_to_volunteer": wants_to_volunteer, "show_name_publicly": show_name_publicly,
        "share_email_with_council": share_email_with_council,
        "consent_text": agreed_text, "consent_version": CONSENT_VERSION, "language": language,
        "confirmation_token_hash": token_hash,
        "confirmation_expires_at": timezone.now() + timedelta(days=conf.get(
            "CAMPAIGNS_CONFIRMATION_DAYS")),
    }
    key = {"municipality": municipality, "email_normalized": normalize_email(email)}
    try:
        # The common case in one short transaction, without a savepoint.
        with transaction.atomic():
            signature = Signature.objects.create(
                **key, management_key=tokens.new_management_key(), **fields)
            _mail_after_submit(signature, outcome="created", token=token, language=language)
        return SubmitResult(signature=signature, outcome="created")
    except IntegrityError:
        pass
    with transaction.atomic():
        # Someone (perhaps a simultaneous request) holds this address already: lock that row.
        signature = Signature.objects.select_for_update().get(**key, is_duplicate=False)
        if signature.status == SignatureStatus.PENDING:
            for field, value in fields.items():
                setattr(signature, field, value)
            signature.save()
            outcome = "resent"
        else:
            outcome = "already_signed"
            integrity_count(municipality=municipality, refused_duplicates=1)
        _mail_after_submit(signature, outcome=outcome, token=token, language=language)
    return SubmitResult(signature=signature, outcome=outcome)


def _mail_after_submit(signature: Signature, *, outcome: str, token: str, language: str):
    context = {"name": signature.name, "manage_url": management_url(signature)}
    if outcome == "already_signed":
        template = "campaigns/email/already_signed"
    else:
        template = "campaigns/email/confirm"
        context["confirm_url"] = absolute_url("campaigns:confirm", args=[token], language=language)
        context["days"] = conf.get("CAMPAIGNS_CONFIRMATION_DAYS")
    with translation.override(language):
        context["municipality"] = signature.municipality.name
    queue_templated_mail(to=signature.email, template=template, context=context,
                         language=language, topic="campaigns.signature")


def pending_signature_for_token(token: str) -> Signature | None:
    """The signature this confirmation link confirms, if it is still valid."""
    # A duplicate found when addresses were normalised: its mailbox already has a signature.
    signature = (Signature.objects.select_related("municipality").order_by()
                 .filter(confirmation_token_hash=hash_token(token),
                         status=SignatureStatus.PENDING, is_duplicate=False).first())
    if signature is None or signature.confirmation_expires_at <= timezone.now():
        return None
    return signature


def signature_confirm(*, token: str, source_ip: str = "") -> Signature | None:
    """Count the signature behind this link (once). Returns None for a used or expired link.

    Too many confirmations from one address in a short window, or in the municipality's hour
    beyond its usual rate (a surge, `limits.surging`), are held for review instead.
    No explicit transaction: the one conditional UPDATE is atomic by itself and makes the link
    work once, even when it is clicked twice at the same moment.
    """
    signature = pending_signature_for_token(token)
    if signature is None:
        return None
    limit, period = conf.get("CAMPAIGNS_BURST_LIMIT")
    burst = bool(source_ip) and not hit("campaigns.confirm", source_ip, limit=limit,
                                        period=period)
    held = limits.surging(signature.municipality_id) or burst
    now = timezone.now()
    status = SignatureStatus.HELD if held else SignatureStatus.CONFIRMED
    updated = Signature.objects.filter(
        pk=signature.pk, status=SignatureStatus.PENDING,
        confirmation_token_hash=signature.confirmation_token_hash,
    ).update(status=status, confirmed_at=now, confirmation_token_hash=None,
             source_hash=tokens.source_hash(source_ip),
             source_network=source_network(source_ip))
    if not updated:
        return None
    signature.status, signature.confirmed_at = status, now
    signature.confirmation_token_hash = None
    if status == SignatureStatus.CONFIRMED:
        municipality_residents_asking(municipality=signature.municipality)
    return signature


def source_network(ip: str) -> str:
    """The /24 (IPv4) or /64 (IPv6) network of a client address, never the address itself:
    what a coordinator needs to see that a burst came from one place (`limits.source_network`)."""
    return limits.source_network(ip)


def municipality_residents_asking(*, municipality: Municipality) -> None:
    """The first counted signature moves a municipality that was not engaged to residents_asking."""
    if municipality.status != MunicipalityStatus.NOT_ENGAGED:
        return  # the common case: no lock, no transaction
    with transaction.atomic():
        locked = Municipality.objects.select_for_update().get(pk=municipality.pk)
        if locked.status == MunicipalityStatus.NOT_ENGAGED:
            municipality_set_status(
                municipality=locked, status=MunicipalityStatus.RESIDENTS_ASKING,
                reason=gettext_noop("First confirmed co-signature of the residents' letter."))
            locked.status = MunicipalityStatus.RESIDENTS_ASKING
    municipality.status = locked.status


@transaction.atomic
def signature_review(*, signature: Signature, release: bool, by) -> Signature:
    """A coordinator releases (counts) or rejects a held signature."""
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.status != SignatureStatus.HELD:
        raise ValueError("Only held signatures are reviewed.")
    signature.status = SignatureStatus.CONFIRMED if release else SignatureStatus.REJECTED
    signature.source_network = ""  # judged: the network is no longer needed
    signature.save(update_fields=["status", "source_network"])
    audit_record(actor=by, action="campaigns.signature_released" if release
                 else "campaigns.signature_rejected", obj=signature,
                 before={"status": SignatureStatus.HELD}, after={"status": signature.status},
                 municipality=signature.municipality, object_label=f"signature {signature.pk}")
    if release:
        municipality_residents_asking(municipality=signature.municipality)
    return signature


def trend_alerts_send(*, now=None) -> list[TrendAlert]:
    """Mail coordinators the networks, e-mail domains and municipalities whose confirmations
    of the last CAMPAIGNS_TREND_MAIL_HOURS crossed their threshold (`selectors.signature_trends`),
    each at most once per CAMPAIGNS_TREND_ALERT_PERIOD_HOURS: one mail per coordinator listing
    the new crossings. Returns the crossings recorded (and mailed)."""
    now = now or timezone.now()
    hours = conf.get("CAMPAIGNS_TREND_MAIL_HOURS")
    trends = selectors.signature_trends(hours=hours, now=now)
    crossed = [row for rows in trends.values() for row in rows if row.crossed]
    if not crossed:
        return []
    since = now - timedelta(hours=conf.get("CAMPAIGNS_TREND_ALERT_PERIOD_HOURS"))
    with transaction.atomic():
        already = set(TrendAlert.objects.select_for_update()
                      .filter(created_at__gt=since, kind__in={row.kind for row in crossed})
                      .values_list("kind", "key"))
        new = [row for row in crossed if (row.kind, row.key) not in already]
        if not new:
            return []
        alerts = TrendAlert.objects.bulk_create([TrendAlert(
            kind=row.kind, key=row.key, count=row.count, threshold=row.threshold, hours=hours,
            created_at=now) for row in new])
        coordinators = get_user_model().objects.filter(is_active=True, is_coordinator=True)
        for coordinator in coordinators.only("email", "preferred_language"):
            language = signer_language(coordinator.preferred_language)
            with translation.override(language):
                rows = [{"kind": TrendKind(row.kind).label, "label": row.label,
                         "count": row.count, "usual": row.usual, "threshold": row.threshold}
                        for row in new]
            queue_templated_mail(
                to=coordinator.email, template="campaigns/email/trends", language=language,
                context={"rows": rows, "hours": hours, "period": conf.get(
                    "CAMPAIGNS_TREND_ALERT_PERIOD_HOURS"),
                         "trends_url": absolute_url("campaigns:trends", language=language)},
                topic="campaigns.trends")
    return alerts


@transaction.atomic
def signature_delete(*, signature: Signature) -> None:
    """The signer withdraws: the row goes, and their mails leave the outbox; a delivery keeps
    only its count."""
    _forget_signers([signature])
    Signature.objects.filter(pk=signature.pk).delete()


def _forget_signers(signatures) -> None:
    for signature in signatures:
        outbox_forget(address=signature.email,
                      texts=[signature.name, signature.phone, *signature.message.splitlines()])


def signature_purge_unconfirmed(*, now=None) -> int:
    """Delete unconfirmed signatures whose 7 days have passed. Returns how many.

    Each municipality keeps the number (`IntegrityCounts.expired_unconfirmed`, in its digests).
    """
    now = now or timezone.now()
    expired = Signature.objects.filter(status=SignatureStatus.PENDING,
                                       confirmation_expires_at__lte=now)
    with transaction.atomic():
        per_municipality = (expired.order_by().values("municipality_id")
                            .annotate(n=Count("pk")).values_list("municipality_id", "n"))
        for nis, count in per_municipality:
            integrity_count(municipality_id=nis, expired_unconfirmed=count)
        _forget_signers(expired.only("email", "name", "phone", "message"))
        deleted, _ = expired.delete()
    return deleted


def integrity_count(*, municipality=None, municipality_id=None, **increments: int) -> None:
    """Add to a municipality's integrity counters (one UPDATE; the row on first use)."""
    nis = municipality_id or municipality.pk
    changes = {name: F(name) + value for name, value in increments.items()}
    if IntegrityCounts.objects.filter(pk=nis).update(**changes):
        return
    try:
        with transaction.atomic():
            IntegrityCounts.objects.create(municipality_id=nis, **increments)
    except IntegrityError:  # created by a simultaneous request in the meantime
        IntegrityCounts.objects.filter(pk=nis).update(**changes)


def signature_purge_source(*, now=None) -> int:
    """Forget where signatures were confirmed from (the keyed hash of the client address and
    its network) SIGNATURE_SOURCE_RETENTION_DAYS (90) after confirmation. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=conf.get("SIGNATURE_SOURCE_RETENTION_DAYS"))
    # A network is only ever kept with a hash (see signature_confirm): one indexed UPDATE.
    return (Signature.objects.filter(confirmed_at__lt=cutoff).exclude(source_hash="")
            .update(source_hash="", source_network=""))


def trend_alerts_purge(*, now=None) -> int:
    """Forget mailed crossings (networks among them) after SIGNATURE_SOURCE_RETENTION_DAYS,
    like the signatures' own networks. Returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=conf.get("SIGNATURE_SOURCE_RETENTION_DAYS"))
    return TrendAlert.objects.filter(created_at__lt=cutoff).delete()[0]


def council_language(municipality: Municipality, signatures=()) -> str:
    """Dutch in Flanders, French in Wallonia; in bilingual Brussels the signers' majority."""
    region = municipality.region_id
    if region == FLEMISH_REGION:
        return "nl"
    if region == BRUSSELS_REGION:
        dutch = sum(1 for s in signatures if s.language == "nl")
        return "nl" if dutch * 2 > len(signatures) else "fr"
    return "fr"


def _digest_due(campaign: CampaignSettings, now) -> bool:
    last = Delivery.objects.filter(municipality_id=campaign.pk).order_by("-created_at").first()
    # An hour of slack, so a daily cron that runs a little early still sends the next day.
    period = timedelta(days=campaign.period_days) - timedelta(hours=1)
    return last is None or now - last.created_at >= period


def digest_send_due(*, now=None) -> list[Delivery]:
    """Send each council whose period has passed one digest of its new co-signatures."""
    now = now or timezone.now()
    waiting = set(Signature.objects.filter(status=SignatureStatus.CONFIRMED, delivery=None)
                  .values_list("municipality_id", flat=True).distinct())
    waiting |= set(PaperBatch.objects.filter(delivery=None)
                   .values_list("municipality_id", flat=True).distinct())
    deliveries = []
    for nis in sorted(set(waiting)):
        delivery = _digest_send(nis=nis, now=now)
        if delivery is not None:
            deliveries.append(delivery)
    return deliveries


def _digest_line(signature: Signature) -> dict:
    """What the council sees of one co-signatory: never the e-mail address unless allowed."""
    return {"name": signature.name, "postal_code": signature.postal_code,
            "email": signature.email if signature.share_email_with_council else "",
            # Continuation lines indented, so each paragraph stays under its signer.
            "message": "\n  ".join(signature.message.splitlines())}


@transaction.atomic
def _digest_send(*, nis: str, now) -> Delivery | None:
    campaign = CampaignSettings.objects.select_for_update().filter(pk=nis).first()
    # Only a confirmed address receives names: an unconfirmed one waits (the settings page
    # says so), and the co-signatures wait with it.
    if campaign is None or not campaign.deliverable_address or not _digest_due(campaign, now):
        return None
    signatures = list(Signature.objects.select_for_update()
                      .filter(municipality_id=nis, status=SignatureStatus.CONFIRMED, delivery=None)
                      .order_by("confirmed_at", "pk"))
    batches = list(PaperBatch.objects.select_for_update()
                   .filter(municipality_id=nis, delivery=None).order_by("pk"))
    if not signatures and not batches:
        return None
    municipality = campaign.municipality
    delivery = Delivery.objects.create(municipality=municipality,
                                       to=campaign.deliverable_address,
                                       signature_count=len(signatures))
    Signature.objects.filter(pk__in=[s.pk for s in signatures]).update(delivery=delivery)
    PaperBatch.objects.filter(pk__in=[b.pk for b in batches]).update(delivery=delivery)
    digest_seal(delivery=delivery, signatures=signatures, batches=batches)
    language = council_language(municipality, signatures)
    with translation.override(language):
        context = {"municipality": municipality.name, "title_word": municipality.title_word,
                   "cosigners": [_digest_line(signature) for signature in signatures],
                   "paper_batches": batches,
                   "paper": sum(batch.count for batch in batches),
                   "new_count": len(signatures) + sum(batch.count for batch in batches),
                   "total": signature_counts(municipality)["total"],
                   "profile_url": absolute_url("places:municipality", args=[nis],
                                               language=language),
                   "number": delivery.number, "fingerprint": delivery.fingerprint,
                   "verify_url": absolute_url("campaigns:digests_verify", args=[nis],
                                              language=language)}
    # How the count was checked (digest_integrity.txt): figures only, no person.
    context["integrity"] = integrity_figures(municipality)
    delivery.mail = queue_templated_mail(
        to=campaign.deliverable_address, template="campaigns/email/digest", context=context,
        language=language, topic="campaigns.digest",
        attachments=[{"builder": "solidair.campaigns.digest.digest_letter_attachment",
                      "args": {"delivery_id": delivery.pk, "language": language}}])
    delivery.save(update_fields=["mail"])
    digest_receipts_queue(delivery=delivery, signatures=signatures)
    return delivery


# Verifiable digests (docs/digests.md) ----------------------------------------------------------


def digest_seal(*, delivery: Delivery, signatures, batches=()) -> Delivery:
    """Record the anonymous receipt value of each signature in `delivery`, its paper batches
    (id and count) and its fingerprint, chained to the municipality's previous digest. The
    caller holds the municipality's campaign row locked (as `_digest_send` does), so numbers
    and chains never interleave."""
    nis = delivery.municipality_id
    values = sorted(receipts.receipt_value(nis=nis, signature_id=s.pk) for s in signatures)
    previous = (Delivery.objects.filter(municipality_id=nis, number__lt=delivery.number)
                .order_by("-number").values_list("fingerprint", flat=True).first())
    paper = [{"batch": b.pk, "count": b.count} for b in sorted(batches, key=lambda b: b.pk)]
    delivery.receipt_values = values
    delivery.paper_batches = paper
    delivery.fingerprint = receipts.fingerprint(
        nis=nis, number=delivery.number, sent=receipts.sent_text(delivery.created_at),
        previous=previous or receipts.GENESIS, values=values, paper=paper)
    delivery.save(update_fields=["receipt_values", "paper_batches", "fingerprint"])
    return delivery


def digest_receipts_queue(*, delivery: Delivery, signatures) -> int:
    """Tell each signer, in their language, that their signature is in this digest, with their
    receipt code and where to check it. Returns how many were told."""
    municipality = delivery.municipality
    for signature in signatures:
        language = signer_language(signature.language)
        with translation.override(language):
            municipality_name = municipality.name
        code = receipts.receipt_value(nis=municipality.nis, signature_id=signature.pk)
        queue_templated_mail(
            to=signature.email, template="campaigns/email/receipt", language=language,
            topic="campaigns.receipt",
            context={"name": signature.name, "municipality": municipality_name,
                     "number": delivery.number, "sent_on": delivery.created_at,
                     "count": delivery.signature_count, "code": code,
                     "fingerprint": delivery.fingerprint,
                     "verify_url": absolute_url("campaigns:digests_verify",
                                                args=[municipality.nis], language=language)
                     + "?" + urlencode({"code": code}),
                     "manage_url": management_url(signature)})
    return len(signatures)


def campaign_thresholds_record(*, now=None) -> int:
    """Record when each municipality's confirmed co-signatures first reached its threshold
    (the moment the threshold-th of them was confirmed), once: a signer who deletes their
    signature later does not move the date. Run with the digests. Returns how many were
    recorded."""
    counts = dict(Signature.objects.filter(status=SignatureStatus.CONFIRMED)
                  .values("municipality_id").annotate(count=Count("*"))
                  .values_list("municipality_id", "count"))
    for nis, paper in (PaperBatch.objects.values("municipality_id").annotate(n=Sum("count"))
                       .values_list("municipality_id", "n")):
        counts[nis] = counts.get(nis, 0) + paper
    recorded = dict(CampaignSettings.objects.filter(pk__in=list(counts))
                    .values_list("pk", "threshold_reached_at"))
    done = 0
    for nis, count in sorted(counts.items()):
        if recorded.get(nis) is not None:
            continue
        with transaction.atomic():
            campaign, _created = CampaignSettings.objects.select_for_update().get_or_create(
                municipality_id=nis)
            if campaign.threshold_reached_at is not None or count < campaign.threshold:
                continue
            reached_at = selectors.threshold_reached_at(nis, campaign.threshold)
            if reached_at is None:
                continue
            campaign.threshold_reached_at = reached_at
            campaign.threshold_reached = campaign.threshold
            campaign.save(update_fields=["threshold_reached_at", "threshold_reached",
                                         "updated_at"])
            done += 1
    return done


PDF_MAGIC = b"%PDF-"


def validate_answer_document(document) -> None:
    """A PDF by its content (not its name), no larger than the limit."""
    max_bytes = conf.get("CAMPAIGNS_ANSWER_MAX_BYTES")
    if document.size > max_bytes:
        raise ValidationError(_("The document can be at most %(size)d MB.")
                              % {"size": max_bytes // (1024 * 1024)})
    document.seek(0)
    head = document.read(1024)
    document.seek(0)
    if not head.lstrip().startswith(PDF_MAGIC):
        raise ValidationError(_("The document must be a PDF file."))


@transaction.atomic
def answer_record(*, municipality: Municipality, answered_on: date, outcome: str, text: str = "",
                  document=None, by) -> CouncilAnswer:
    """Record the council's answer and tell every confirmed co-signatory."""
    if outcome not in AnswerOutcome.values:
        raise ValidationError(_("Choose an outcome."))
    if not text.strip() and document is None and outcome != AnswerOutcome.NO_ANSWER:
        raise ValidationError(_("Add the text of the answer or its PDF document."))
    if document is not None:
        validate_answer_document(document)
    answer = CouncilAnswer(municipality=municipality, answered_on=answered_on, outcome=outcome,
                           text=text.strip(), recorded_by=by)
    if document is not None:
        answer.document.save(f"answer-{municipality.nis}-{answered_on}.pdf", document, save=False)
    answer.save()
    audit_record(actor=by, action="campaigns.answer_recorded", obj=answer,
                 after={"outcome": outcome, "answered_on": str(answered_on)},
                 municipality=municipality)
    signers = Signature.objects.filter(municipality=municipality,
                                       status=SignatureStatus.CONFIRMED)
    for signature in signers.iterator():
        with translation.override(signature.language):
            context = {"name": signature.name, "municipality": municipality.name,
                       "outcome": AnswerOutcome(outcome).label, "answered_on": answered_on,
                       "text": answer.text, "manage_url": management_url(signature),
                       "profile_url": absolute_url("places:municipality", args=[municipality.nis],
                                                   language=signature.language)}
            context["outcome"] = str(context["outcome"])
        queue_templated_mail(to=signature.email, template="campaigns/email/answer",
                             context=context, language=signature.language,
                             topic="campaigns.answer")
    return answer


def answer_questions_send(*, now=None) -> int:
    """Ask co-signatories whether their council replied: 3 weeks after its first delivery
    without a recorded answer, and once more at 8 weeks those who did not answer (while still
    no answer is recorded). Returns how many were asked (both questions)."""
    now = now or timezone.now()
    first_days = conf.get("CAMPAIGNS_ANSWER_QUESTION_DAYS")
    second_days = conf.get("CAMPAIGNS_ANSWER_SECOND_QUESTION_DAYS")
    answered = (CouncilAnswer.objects.exclude(outcome=AnswerOutcome.NO_ANSWER)
                .values("municipality_id"))
    waiting = (Signature.objects.select_related("municipality")
               .filter(status=SignatureStatus.CONFIRMED, delivery__isnull=False)
               .exclude(municipality_id__in=answered))

    def delivered_before(days):
        return (Delivery.objects.filter(created_at__lte=now - timedelta(days=days))
                .values("municipality_id"))

    first = waiting.filter(answer_question_sent_at=None,
                           municipality_id__in=delivered_before(first_days))
    # The second question: not to those who answered, and never sooner after the first than
    # the two delays apart (a signer asked late is not asked twice in a week).
    second = waiting.filter(
        answer_question_sent_at__lte=now - timedelta(days=second_days - first_days),
        answer_reminder_sent_at=None, answer_report__isnull=True,
        municipality_id__in=delivered_before(second_days))
    asked = 0
    for field, signatures in (("answer_question_sent_at", first),
                              ("answer_reminder_sent_at", second)):
        for signature in signatures.iterator():
            asked += _answer_question_send(signature, field=field, now=now)
    return asked


def _answer_question_send(signature: Signature, *, field: str, now) -> bool:
    with transaction.atomic():
        if not Signature.objects.filter(pk=signature.pk, **{field: None}).update(
                **{field: now}):
            return False  # asked by a simultaneous run
        with translation.override(signature.language):
            municipality_name = signature.municipality.name
        queue_templated_mail(
            to=signature.email, template="campaigns/email/answer_question",
            context={"name": signature.name, "municipality": municipality_name,
                     "reminder": field == "answer_reminder_sent_at",
                     "report_url": absolute_url(
                         "campaigns:report_answer",
                         args=[tokens.management_token(signature)],
                         language=signature.language),
                     "manage_url": management_url(signature)},
            language=signature.language, topic="campaigns.answer_question")
    return True


@transaction.atomic
def answer_report_submit(*, signature: Signature, replied: str, details: str = "") -> AnswerReport:
    """A co-signatory tells whether the council replied; a second report replaces the first."""
    if replied not in AnswerReport.Replied.values:
        raise ValidationError(_("Choose an answer."))
    report, _created = AnswerReport.objects.update_or_create(
        signature=signature,
        defaults={"municipality_id": signature.municipality_id, "replied": replied,
                  "details": details.strip()[:MESSAGE_MAX]})
    return report


NUMBER_SETTINGS = {"digest_period_days", "signature_threshold"}


@transaction.atomic
def campaign_settings_update(*, municipality: Municipality, by, **fields) -> CampaignSettings:
    """A coordinator sets the digest period or the threshold. The council's address is
    official data and changes only through `council_address_change`."""
    if not set(fields) <= NUMBER_SETTINGS:
        raise ValueError(f"Only {sorted(NUMBER_SETTINGS)} change here.")
    campaign, _created = CampaignSettings.objects.select_for_update().get_or_create(
        municipality=municipality)
    before = {name: getattr(campaign, name) for name in fields}
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    changed = {k: v for k, v in fields.items() if before[k] != v}
    if changed:
        audit_record(actor=by, action="campaigns.settings_changed", obj=campaign,
                     before={k: before[k] for k in changed}, after=changed,
                     municipality=municipality)
    return campaign


# The council's address: official data --------------------------------------------------------
#
# It receives residents' names and paragraphs, so nobody can point it at themselves: a
# coordinator's change waits until it is confirmed through a link mailed to the new address
# itself; the municipality's own officer changes it at once. Every change is audited and told
# to the municipality's officers.


class AddressOutcome:
    UNCHANGED = "unchanged"
    CHANGED = "changed"  # in effect now
    PENDING = "pending"  # a link was mailed to the new address


def _address_notify_officers(*, municipality: Municipality, event: str, by=None, old: str = "",
                             new: str = "", expires_at=None) -> None:
    """Tell the municipality's officers (except the one who acted) what happened."""
    officers = municipality_officers(municipality)
    if getattr(by, "pk", None):
        officers = officers.exclude(pk=by.pk)
    for officer in officers:
        language = signer_language(officer.preferred_language)
        with translation.override(language):
            municipality_name = municipality.name
        queue_templated_mail(
            to=officer.email, template="campaigns/email/council_address_notice",
            language=language, topic="campaigns.council_address",
            context={"event": event, "municipality": municipality_name, "old": old, "new": new,
                     "actor": str(by) if getattr(by, "pk", None) else "",
                     "expires_at": expires_at,
                     "settings_url": absolute_url("campaigns:settings", args=[municipality.nis],
                                                  language=language)})


def _clear_pending(campaign: CampaignSettings) -> None:
    campaign.pending_council_email = ""
    campaign.pending_token_hash = None
    campaign.pending_expires_at = None
    campaign.pending_requested_at = None
    campaign.pending_requested_by = None


def _address_set(campaign: CampaignSettings, email: str, source: str, now) -> None:
    campaign.council_email = email
    campaign.council_email_confirmed_at = now if email else None
    campaign.council_email_source = source if email else ""
    _clear_pending(campaign)


def _clean_address(email: str) -> str:
    email = (email or "").strip()
    if email:
        validate_email(email)
    return email


@transaction.atomic
def council_address_change(*, municipality: Municipality, email: str, by) -> str:
    """Change the council's address. Returns an `AddressOutcome`.

    The municipality's officer: in effect at once. A coordinator: the new address is pending
    and receives a one-time link; digests keep going to the confirmed address (if any) until
    it is used. Removing the address (stopping the digests) is in effect at once for both.
    """
    if not can_edit(by, municipality):
        raise PermissionDenied
    email = _clean_address(email)
    campaign, _created = CampaignSettings.objects.select_for_update().get_or_create(
        municipality=municipality)
    old = campaign.council_email
    now = timezone.now()
    if is_officer_of(by, municipality) or not email:
        if email.lower() == old.lower() and (
                not email or campaign.council_email_confirmed_at is not None):
            return AddressOutcome.UNCHANGED
        _address_set(campaign, email, AddressSource.OFFICER, now)
        campaign.save()
        audit_record(actor=by, action="campaigns.council_address_changed", obj=campaign,
                     before={"council_email": old}, after={"council_email": email},
                     municipality=municipality)
        _address_notify_officers(municipality=municipality, by=by, old=old, new=email,
                                 event="changed" if email else "removed")
        return AddressOutcome.CHANGED
    if email.lower() == old.lower() and campaign.council_email_confirmed_at is not None:
        return AddressOutcome.UNCHANGED
    token, token_hash = new_token()
    campaign.pending_council_email = email
    campaign.pending_token_hash = token_hash
    campaign.pending_expires_at = now + timedelta(
        days=conf.get("CAMPAIGNS_ADDRESS_CONFIRMATION_DAYS"))
    campaign.pending_requested_at = now
    campaign.pending_requested_by = by
    campaign.save()
    audit_record(actor=by, action="campaigns.council_address_requested", obj=campaign,
                 before={"council_email": old}, after={"pending_council_email": email},
                 municipality=municipality)
    language = council_language(municipality)
    with translation.override(language):
        municipality_name = municipality.name
    queue_templated_mail(
        to=email, template="campaigns/email/council_address_confirm", language=language,
        topic="campaigns.council_address",
        context={"municipality": municipality_name, "email": email,
                 "days": conf.get("CAMPAIGNS_ADDRESS_CONFIRMATION_DAYS"),
                 "confirm_url": absolute_url("campaigns:council_address_confirm", args=[token],
                                             language=language)})
    _address_notify_officers(municipality=municipality, by=by, old=old, new=email,
                             event="requested", expires_at=campaign.pending_expires_at)
    return AddressOutcome.PENDING


def council_address_for_token(token: str) -> CampaignSettings | None:
    """The campaign whose pending address this link confirms, while the link is valid."""
    campaign = (CampaignSettings.objects.select_related("municipality")
                .filter(pending_token_hash=hash_token(token)).first())
    if (campaign is None or not campaign.pending_council_email
            or campaign.pending_expires_at is None
            or campaign.pending_expires_at <= timezone.now()):
        return None
    return campaign


@transaction.atomic
def council_address_confirm(*, token: str) -> CampaignSettings | None:
    """Whoever reads the mail at the new address confirms it: it takes effect and the link is
    spent. None for an unknown, used or expired link."""
    found = council_address_for_token(token)
    if found is None:
        return None
    campaign = CampaignSettings.objects.select_for_update().get(pk=found.pk)
    if campaign.pending_token_hash != found.pending_token_hash:
        return None  # used (or replaced) in the meantime
    old, new = campaign.council_email, campaign.pending_council_email
    _address_set(campaign, new, AddressSource.LINK, timezone.now())
    campaign.save()
    audit_record(actor=None, action="campaigns.council_address_confirmed", obj=campaign,
                 before={"council_email": old}, after={"council_email": new},
                 municipality=campaign.municipality)
    _address_notify_officers(municipality=campaign.municipality, old=old, new=new,
                             event="confirmed")
    return campaign


@transaction.atomic
def council_address_withdraw(*, municipality: Municipality, by) -> bool:
    """Drop a pending address (its link stops working). Returns whether there was one."""
    if not can_edit(by, municipality):
        raise PermissionDenied
    campaign = CampaignSettings.objects.select_for_update().filter(pk=municipality.pk).first()
    if campaign is None or not campaign.pending_council_email:
        return False
    pending = campaign.pending_council_email
    _clear_pending(campaign)
    campaign.save()
    audit_record(actor=by, action="campaigns.council_address_withdrawn", obj=campaign,
                 before={"pending_council_email": pending}, after={"pending_council_email": ""},
                 municipality=municipality)
    _address_notify_officers(municipality=municipality, by=by, old=campaign.council_email,
                             new=pending, event="withdrawn")
    return True


@transaction.atomic
def council_address_import(*, municipality: Municipality, email: str) -> bool:
    """An address from the network's reference data (`import_council_addresses`, run on the
    server): in effect at once. Returns whether it changed."""
    email = _clean_address(email)
    campaign, _created = CampaignSettings.objects.select_for_update().get_or_create(
        municipality=municipality)
    old = campaign.council_email
    if email.lower() == old.lower() and campaign.council_email_confirmed_at is not None:
        return False
    _address_set(campaign, email, AddressSource.REFERENCE, timezone.now())
    campaign.save()
    audit_record(actor=None, action="campaigns.council_address_imported", obj=campaign,
                 before={"council_email": old}, after={"council_email": email},
                 municipality=municipality)
    _address_notify_officers(municipality=municipality, old=old, new=email, event="imported")
    return True


@transaction.atomic
def signatories_write(*, municipality: Municipality, signatures, subject: str, body: str,
                      by) -> int:
    """Send the officer's message to each co-signatory separately (nobody sees the others'
    addresses); replies go to the officer. Only those who allowed the council to answer them.
    Returns how many were written to."""
    signatures = [s for s in signatures if s.share_email_with_council]
    for signature in signatures:
        with translation.override(signature.language):
            municipality_name = municipality.name
        queue_templated_mail(
            to=signature.email, template="campaigns/email/officer_message",
            language=signature.language, reply_to=[by.email], topic="campaigns.officer_message",
            context={"subject": subject, "body": body, "municipality": municipality_name,
                     "manage_url": management_url(signature)})
    audit_record(actor=by, action="campaigns.signatories_written", municipality=municipality,
                 object_label=f"{len(signatures)} co-signatories",
                 after={"count": len(signatures)})
    return len(signatures)


def signatories_exported(*, municipality: Municipality, count: int, by) -> None:
    audit_record(actor=by, action="campaigns.signatories_exported", municipality=municipality,
                 object_label=f"{count} co-signatories", after={"count": count})


# Blocked e-mail domains (coordinators) --------------------------------------------------------

DOMAIN_PATTERN = re.compile(
    r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


def clean_domain(domain: str) -> str:
    """'@Mail.Example.org ' -> 'mail.example.org', or ValidationError."""
    domain = (domain or "").strip().lower().lstrip("@").rstrip(".")
    if not DOMAIN_PATTERN.match(domain):
        raise ValidationError(_("Enter a domain such as example.org."))
    return domain


@transaction.atomic
def blocked_domain_add(*, domain: str, reason: str = "", by) -> BlockedEmailDomain:
    """Refuse new signatures from this domain (and its subdomains). Existing ones stay."""
    domain = clean_domain(domain)
    blocked, created = BlockedEmailDomain.objects.get_or_create(
        domain=domain, defaults={"reason": reason.strip()[:200], "added_by": by})
    if created:
        audit_record(actor=by, action="campaigns.domain_blocked", obj=blocked,
                     after={"domain": domain, "reason": blocked.reason}, object_label=domain)
    return blocked


@transaction.atomic
def blocked_domain_remove(*, blocked: BlockedEmailDomain, by) -> None:
    audit_record(actor=by, action="campaigns.domain_unblocked", obj=blocked,
                 before={"domain": blocked.domain, "reason": blocked.reason},
                 object_label=blocked.domain)
    blocked.delete()


@transaction.atomic
def signature_duplicates_reject(*, by=None) -> int:
    """Reject the signatures marked as duplicates of another address (migration 0005) that
    still count or wait, so each mailbox counts once. Audited. Returns how many."""
    duplicates = list(Signature.objects.select_for_update().filter(is_duplicate=True).exclude(
        status=SignatureStatus.REJECTED).select_related("municipality"))
    for signature in duplicates:
        before = signature.status
        signature.status = SignatureStatus.REJECTED
        signature.source_network = ""
        signature.save(update_fields=["status", "source_network"])
        audit_record(actor=by, action="campaigns.signature_rejected", obj=signature,
                     before={"status": before}, after={"status": signature.status,
                                                       "reason": "duplicate address"},
                     municipality=signature.municipality,
                     object_label=f"signature {signature.pk}")
    return len(duplicates)


# Paper signatures --------------------------------------------------------------------------


@transaction.atomic
def paper_batch_record(*, municipality: Municipality, count: int, collected_on: date,
                       collected_by: str, scan=None, by) -> PaperBatch:
    """A coordinator or the municipality's officer records signatures collected on paper. The
    scan is checked by its content and stored privately under a random name. Audited."""
    if not can_edit(by, municipality):
        raise PermissionDenied
    if count < 1:
        raise ValidationError(_("Enter a number of signatures of at least 1."))
    batch = PaperBatch(municipality=municipality, count=count, collected_on=collected_on,
                       collected_by=collected_by.strip()[:200], recorded_by=by)
    if scan is not None:
        kind = files.scan_kind(scan)
        batch.scan.save(f"scan.{kind}", scan, save=False)
    batch.save()
    audit_record(actor=by, action="campaigns.paper_batch_recorded", obj=batch,
                 after={"count": count, "collected_on": str(collected_on),
                        "collected_by": batch.collected_by},
                 municipality=municipality, object_label=f"paper batch {batch.pk}")
    municipality_residents_asking(municipality=municipality)
    return batch


@transaction.atomic
def paper_batch_delete(*, batch: PaperBatch, by) -> None:
    """Remove a batch (and its scan). Before its digest it is simply gone; after, the digest
    keeps its id and count in the chain, as it keeps the values of deleted signatures."""
    if not can_edit(by, batch.municipality):
        raise PermissionDenied
    audit_record(actor=by, action="campaigns.paper_batch_deleted", obj=batch,
                 before={"count": batch.count, "collected_on": str(batch.collected_on),
                         "delivery": batch.delivery_id},
                 municipality=batch.municipality, object_label=f"paper batch {batch.pk}")
    if batch.scan:
        scan = batch.scan
        transaction.on_commit(lambda: scan.storage.delete(scan.name))
    batch.delete()


# Bulk invalidation (coordinators) ------------------------------------------------------------

@transaction.atomic
def invalidation_start(*, by, reason: str, network: str = "", email_domain: str = "",
                       municipality=None, confirmed_from=None, confirmed_until=None,
                       enqueue: bool = True) -> SignatureInvalidation:
    """Record a bulk invalidation (queued) and hand it to the background task. Audited with
    who, why and how many matched; the task's end is audited with how many it changed."""
    from solidair.campaigns.tasks import run_signature_invalidation

    require_reason = (reason or "").strip()
    if not require_reason:
        raise ValidationError(_("Give the reason for the invalidation."))
    criteria = {"network": invalidation.clean_network(network),
                "email_domain": clean_domain(email_domain) if email_domain else "",
                "municipality": municipality, "confirmed_from": confirmed_from,
                "confirmed_until": confirmed_until}
    matched = Signature.objects.filter(invalidation.criteria_query(**criteria)).count()
    row = SignatureInvalidation.objects.create(
        **criteria, reason=require_reason[:2000], matched=matched, created_by=by)
    audit_record(actor=by, action="campaigns.invalidation_started", obj=row,
                 after={"reason": row.reason, "matched": matched, **_criteria_for_audit(row)},
                 municipality=municipality, object_label=f"invalidation {row.pk}")
    if enqueue:
        transaction.on_commit(lambda: run_signature_invalidation.enqueue(row.pk))
    return row


def _criteria_for_audit(invalidation: SignatureInvalidation) -> dict:
    return {"network": invalidation.network, "email_domain": invalidation.email_domain,
            "municipality": invalidation.municipality_id or "",
            "confirmed_from": (invalidation.confirmed_from.isoformat()
                               if invalidation.confirmed_from else ""),
            "confirmed_until": (invalidation.confirmed_until.isoformat()
                                if invalidation.confirmed_until else "")}


@transaction.atomic
def invalidation_cancel(*, invalidation: SignatureInvalidation, by) -> bool:
    """Stop a queued or running invalidation before its next chunk. What it already changed
    stays invalidated (and can be undone). Returns whether it was stopped."""
    stopped = SignatureInvalidation.objects.filter(
        pk=invalidation.pk, status__in=[InvalidationStatus.QUEUED,
                                        InvalidationStatus.RUNNING]).update(
        status=InvalidationStatus.CANCELLED, finished_at=timezone.now())
    if stopped:
        invalidation.refresh_from_db()
        audit_record(actor=by, action="campaigns.invalidation_cancelled", obj=invalidation,
                     after={"invalidated": invalidation.invalidated},
                     municipality=invalidation.municipality,
                     object_label=f"invalidation {invalidation.pk}")
    return bool(stopped)


@transaction.atomic
def invalidation_undo(*, invalidation: SignatureInvalidation, by) -> int:
    """Give back exactly the signatures this invalidation changed their previous status
    (confirmed or held). Only once it is done or cancelled. Audited. Returns how many."""
    invalidation = SignatureInvalidation.objects.select_for_update().get(pk=invalidation.pk)
    if invalidation.status not in (InvalidationStatus.DONE, InvalidationStatus.CANCELLED):
        raise ValueError("Only a finished or cancelled invalidation is undone.")
    restored = Signature.objects.filter(
        invalidation=invalidation, status=SignatureStatus.INVALIDATED).update(
        status=F("status_before_invalidation"), status_before_invalidation="",
        invalidation=None)
    invalidation.status = InvalidationStatus.UNDONE
    invalidation.restored = restored
    invalidation.undone_by, invalidation.undone_at = by, timezone.now()
    invalidation.save(update_fields=["status", "restored", "undone_by", "undone_at"])
    transaction.on_commit(lambda: invalidate("public"))  # the counts changed
    audit_record(actor=by, action="campaigns.invalidation_undone", obj=invalidation,
                 after={"restored": restored}, municipality=invalidation.municipality,
                 object_label=f"invalidation {invalidation.pk}")
    return restored


# ---------------------------------------------------------------------------------------------
# A member's membership lapsed (the `membership_lapsed` hook, called once per lapse by charter)


def invite_past_signers(*, municipality: Municipality, term_name: str) -> int:
    """Mail each counted co-signatory of the municipality (confirmed: not deleted, held,
    rejected or invalidated), in their language, that the new council did not reconfirm the
    membership, with where to ask it. Charter calls this once per lapse; returns how many were
    invited (only the count is logged)."""
    signatures = (Signature.objects.filter(municipality=municipality,
                                           status=SignatureStatus.CONFIRMED,
                                           is_duplicate=False)
                  .select_related("municipality").order_by("pk"))
    invited = 0
    for signature in signatures.iterator(chunk_size=500):
        language = signer_language(signature.language)
        with translation.override(language):
            name = signature.municipality.name
        queue_templated_mail(
            to=signature.email, template="campaigns/email/membership_lapsed",
            language=language, topic="campaigns.lapse",
            context={"name": signature.name, "municipality": name, "term": term_name,
                     "sign_url": absolute_url("campaigns:sign", args=[municipality.nis],
                                              language=language),
                     "letter_url": absolute_url("documents:letter", args=[municipality.nis],
                                                language=language),
                     "manage_url": management_url(signature)})
        invited += 1
    return invited
