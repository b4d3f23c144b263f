"""Every write about volunteers: offers, their confirmation and self-service, needs, retention.

Audit entries name offers by id only ("volunteer offer #12"): never a name, address or phone.
Actions of a volunteer (who has no account) are recorded with no actor ("system").
"""

import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext

from solidair.core.audit import audit_record
from solidair.core.links import absolute_url
from solidair.core.mail import outbox_for, outbox_forget, queue_templated_mail
from solidair.core.numbers import parse_int
from solidair.core.tokens import hash_token
from solidair.volunteers.models import (
    NeedNotification,
    NeedResponse,
    NeedStatus,
    OfferStatus,
    VolunteerNeed,
    VolunteerOffer,
    pack_codes,
)

CONFIRMATION_VALIDITY = timedelta(days=7)
RECONFIRM_AFTER = timedelta(days=730)  # 24 months without a sign of life
RECONFIRM_GRACE = timedelta(days=30)  # then deleted if they do not answer
CONSENT_VERSION = "2026-11"
MANAGE_SALT = "volunteer-manage"
ANSWER_SALT = "volunteer-need-answer"


def consent_text() -> str:
    """The consent the person agrees to, in the active language (stored with the offer)."""
    return gettext(
        "I agree that my municipality's volunteer officers see my offer (name, roles, "
        "availability, languages and message) and contact me about volunteering through this "
        "platform. My e-mail address and phone number are shown to them only if I allow it. "
        "I can change, download or delete my offer at any time through the link in every "
        "e-mail. My offer is deleted if I do not confirm it within 7 days, or if I do not "
        "answer after 24 months without any sign of life."
    )


def _url_in(language: str, name: str, *args) -> str:
    return absolute_url(name, args=args, language=language)


# Tokens and links ---------------------------------------------------------------------------


def prefill_initial(data: dict) -> dict:
    """The form's initial values from what the letter or the signature handed over."""
    return {key: str(data[key])[:200] for key in ("name", "email", "phone", "postal_code")
            if data.get(key)}


def offer_manage_token(offer: VolunteerOffer) -> str:
    return signing.Signer(salt=MANAGE_SALT).sign(f"{offer.pk}.{offer.access_key}")


def offer_from_manage_token(token: str) -> VolunteerOffer | None:
    try:
        value = signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    pk, _, key = value.partition(".")
    pk = parse_int(pk, minimum=1)
    offer = VolunteerOffer.objects.select_related("municipality").filter(pk=pk).first() \
        if pk is not None else None
    if offer is None or not constant_time_compare(offer.access_key, key):
        return None
    return offer


def offer_manage_url(offer: VolunteerOffer) -> str:
    return _url_in(offer.language, "volunteers:manage", offer_manage_token(offer))


def need_answer_token(*, need: VolunteerNeed, offer: VolunteerOffer) -> str:
    return signing.dumps({"n": need.pk, "o": offer.pk}, salt=ANSWER_SALT, compress=True)


def need_answer_read(token: str) -> tuple[VolunteerNeed, VolunteerOffer] | None:
    """The need and offer a signed answer link is for, while both exist and belong together."""
    try:
        data = signing.loads(token, salt=ANSWER_SALT)
        need = VolunteerNeed.objects.select_related("municipality").get(pk=data["n"])
        offer = VolunteerOffer.objects.get(pk=data["o"], municipality_id=need.municipality_id)
    except (signing.BadSignature, KeyError, TypeError, VolunteerNeed.DoesNotExist,
            VolunteerOffer.DoesNotExist):
        return None
    return need, offer


# Offers -------------------------------------------------------------------------------------

OFFER_FIELDS = ("name", "phone", "postal_code", "roles", "interpreting_languages",
                "availability", "languages", "message", "share_contact")
EDITABLE_FIELDS = ("name", "phone", "roles", "interpreting_languages", "availability",
                   "languages", "message", "share_contact")
PACKED_FIELDS = ("roles", "interpreting_languages", "availability", "languages")


def _offer_values(data: dict) -> dict:
    values = {}
    for field in OFFER_FIELDS:
        if field in data:
            value = data[field]
            values[field] = pack_codes(value) if field in PACKED_FIELDS else value
    return values


def _send_confirmation(offer: VolunteerOffer, token: str) -> None:
    queue_templated_mail(
        to=offer.email, template="volunteers/email/confirm", language=offer.language,
        topic="volunteers.confirm",
        context={"offer": offer, "municipality_name": _name_in(offer.municipality, offer.language),
                 "confirm_url": _url_in(offer.language, "volunteers:confirm", token),
                 "manage_url": offer_manage_url(offer), "valid_days": CONFIRMATION_VALIDITY.days},
    )


def _name_in(municipality, language: str) -> str:
    with translation.override(language):
        return municipality.name


@transaction.atomic
def offer_submit(*, municipality, email: str, language: str = "nl", now: datetime | None = None,
                 **data) -> None:
    """Store an unconfirmed offer and e-mail the confirmation link.

    Returns nothing on purpose: whether this address already offered is never revealed to the
    caller. A confirmed volunteer who submits again receives their self-service link instead.
    """
    now = now or timezone.now()
    email = email.strip().lower()
    language = language if language in dict(settings.LANGUAGES) else "nl"
    existing = (VolunteerOffer.objects.select_for_update()
                .filter(email__iexact=email, municipality=municipality).first())
    if existing is not None and existing.confirmed_at is not None:
        queue_templated_mail(
            to=existing.email, template="volunteers/email/already_offered",
            language=existing.language, topic="volunteers.already_offered",
            context={"municipality_name": _name_in(municipality, existing.language),
                     "manage_url": offer_manage_url(existing)})
        return
    token = secrets.token_urlsafe(32)
    with translation.override(language):
        consent = consent_text()
    values = {**_offer_values(data), "consent_version": CONSENT_VERSION, "consent_text": consent,
              "consented_at": now, "language": language, "confirm_token_hash": hash_token(token),
              "last_activity_at": now}
    if existing is not None:
        for field, value in values.items():
            setattr(existing, field, value)
        existing.save()
        offer = existing
    else:
        try:
            with transaction.atomic():
                offer = VolunteerOffer.objects.create(
                    municipality=municipality, email=email, created_at=now,
                    access_key=secrets.token_urlsafe(32), **values)
        except IntegrityError:
            return  # a parallel request for the same address won; it sent the mail
    _send_confirmation(offer, token)


def offer_confirmation_pending(*, token: str, now: datetime | None = None) -> bool:
    """Whether this confirmation link can still be used (to show the button, or say why not)."""
    now = now or timezone.now()
    return bool(token) and VolunteerOffer.objects.filter(
        confirm_token_hash=hash_token(token), confirmed_at__isnull=True,
        last_activity_at__gte=now - CONFIRMATION_VALIDITY).exists()


@transaction.atomic
def offer_confirm(*, token: str, now: datetime | None = None) -> VolunteerOffer | None:
    """Confirm the offer of this link (once, within 7 days). None when the link is not valid."""
    now = now or timezone.now()
    offer = (VolunteerOffer.objects.select_for_update()
             .filter(confirm_token_hash=hash_token(token), confirmed_at__isnull=True).first()
             if token else None)
    if offer is None or offer.last_activity_at < now - CONFIRMATION_VALIDITY:
        return None
    offer.confirmed_at = now
    offer.last_activity_at = now
    offer.confirm_token_hash = ""
    offer.save(update_fields=["confirmed_at", "last_activity_at", "confirm_token_hash"])
    audit_record(actor=None, action="volunteers.offer_confirmed", obj=offer,
                 municipality=offer.municipality)
    for need in VolunteerNeed.objects.open_on(timezone.localdate(now)).filter(
            municipality=offer.municipality):
        need_notify_matches(need=need, now=now, offers=[offer])
    return offer


@transaction.atomic
def offer_update(*, offer: VolunteerOffer, data: dict, now: datetime | None = None) -> None:
    """The volunteer changes their offer (not the address or municipality: those need a new
    offer, so that a new address is confirmed too)."""
    values = {key: value for key, value in _offer_values(data).items() if key in EDITABLE_FIELDS}
    for field, value in values.items():
        setattr(offer, field, value)
    offer.last_activity_at = now or timezone.now()
    offer.reconfirm_requested_at = None
    offer.save(update_fields=[*values, "last_activity_at", "reconfirm_requested_at"])
    audit_record(actor=None, action="volunteers.offer_changed_by_volunteer", obj=offer,
                 municipality=offer.municipality, after={"fields": sorted(values)})


@transaction.atomic
def offer_set_paused(*, offer: VolunteerOffer, paused: bool, now: datetime | None = None) -> None:
    offer.paused_by_volunteer = paused
    offer.last_activity_at = now or timezone.now()
    offer.reconfirm_requested_at = None
    offer.save(update_fields=["paused_by_volunteer", "last_activity_at",
                              "reconfirm_requested_at"])
    audit_record(actor=None, action="volunteers.offer_paused" if paused
                 else "volunteers.offer_resumed", obj=offer, municipality=offer.municipality)


@transaction.atomic
def offer_keep(*, offer: VolunteerOffer, now: datetime | None = None) -> None:
    """The volunteer says they still want to help: a sign of life that resets retention."""
    offer.last_activity_at = now or timezone.now()
    offer.reconfirm_requested_at = None
    offer.save(update_fields=["last_activity_at", "reconfirm_requested_at"])


def offer_export(offer: VolunteerOffer) -> dict:
    """Everything we hold about this volunteer, for their own download."""
    return {
        "municipality": {"nis": offer.municipality_id, "name": offer.municipality.name_nl},
        "name": offer.name, "email": offer.email, "phone": offer.phone,
        "postal_code": offer.postal_code, "roles": offer.role_list,
        "interpreting_languages": offer.interpreting_language_list,
        "availability": offer.availability_list, "languages": offer.language_list,
        "message": offer.message, "share_contact": offer.share_contact,
        "language": offer.language, "status": offer.status,
        "paused_by_volunteer": offer.paused_by_volunteer,
        "consent": {"version": offer.consent_version, "text": offer.consent_text,
                    "given_at": offer.consented_at.isoformat()},
        "created_at": offer.created_at.isoformat(),
        "confirmed_at": offer.confirmed_at.isoformat() if offer.confirmed_at else None,
        "last_activity_at": offer.last_activity_at.isoformat(),
        "needs_notified": [{"need": n.need.title, "sent_at": n.sent_at.isoformat()}
                           for n in offer.need_notifications.select_related("need")],
        "needs_answered": [{"need": r.need.title, "answered_at": r.answered_at.isoformat()}
                           for r in offer.need_responses.select_related("need")],
        "emails_kept": outbox_for(offer.email),
    }


@transaction.atomic
def offer_delete(*, offer: VolunteerOffer, action: str = "volunteers.offer_deleted_by_volunteer",
                 by=None) -> None:
    """Delete the offer for real (with its notifications and answers); only an audit entry
    without personal data remains."""
    audit_record(actor=by, action=action, obj=offer, municipality=offer.municipality,
                 object_label=str(offer))
    outbox_forget(address=offer.email,
                  texts=[offer.name, offer.phone, *offer.message.splitlines()])
    offer.delete()


# What the officer does ----------------------------------------------------------------------


@transaction.atomic
def offer_set_status(*, offer: VolunteerOffer, status: str, by) -> None:
    if status not in OfferStatus.values or status == offer.status:
        return
    before = offer.status
    offer.status = status
    offer.save(update_fields=["status"])
    audit_record(actor=by, action="volunteers.offer_status_changed", obj=offer,
                 municipality=offer.municipality, before={"status": before},
                 after={"status": status})


@transaction.atomic
def offers_write(*, municipality, offers, subject: str, body: str, by) -> int:
    """Send the officer's message to each selected volunteer separately (nobody sees the other
    addresses); replies go to the officer. Returns how many were written to."""
    offers = list(offers)
    for offer in offers:
        queue_templated_mail(
            to=offer.email, template="volunteers/email/officer_message",
            language=offer.language, reply_to=[by.email], topic="volunteers.officer_message",
            context={"subject": subject, "body": body, "manage_url": offer_manage_url(offer),
                     "municipality_name": _name_in(municipality, offer.language)})
    audit_record(actor=by, action="volunteers.volunteers_written", municipality=municipality,
                 after={"count": len(offers)})
    return len(offers)


def offers_exported(*, municipality, count: int, by) -> None:
    audit_record(actor=by, action="volunteers.volunteers_exported", municipality=municipality,
                 after={"count": count})


# Needs --------------------------------------------------------------------------------------


@transaction.atomic
def need_create(*, municipality, by, title: str, description: str, roles, wanted: int,
                availability=(), until: date, now: datetime | None = None) -> VolunteerNeed:
    need = VolunteerNeed.objects.create(
        municipality=municipality, created_by=by, title=title, description=description,
        roles=pack_codes(roles), wanted=wanted, availability=pack_codes(availability),
        until=until)
    audit_record(actor=by, action="volunteers.need_created", obj=need, municipality=municipality)
    need_notify_matches(need=need, now=now)
    return need


def _matching_offers(need: VolunteerNeed):
    return (VolunteerOffer.objects.counted()
            .filter(municipality_id=need.municipality_id)
            .exclude(status=OfferStatus.PAUSED)
            .with_any_role(need.role_list)
            .exclude(need_notifications__need=need))


@transaction.atomic
def need_notify_matches(*, need: VolunteerNeed, now: datetime | None = None,
                        offers=None) -> int:
    """E-mail every matching volunteer not told yet about this open need. Returns how many."""
    now = now or timezone.now()
    if not need.is_open_on(timezone.localdate(now)):
        return 0
    candidates = _matching_offers(need)
    if offers is not None:
        candidates = candidates.filter(pk__in=[offer.pk for offer in offers])
    sent = 0
    for offer in candidates:
        try:
            with transaction.atomic():
                NeedNotification.objects.create(need=need, offer=offer, sent_at=now)
        except IntegrityError:
            continue  # another process notified this volunteer already
        queue_templated_mail(
            to=offer.email, template="volunteers/email/need", language=offer.language,
            topic="volunteers.need",
            context={"need": need, "municipality_name": _name_in(need.municipality,
                                                                  offer.language),
                     "answer_url": _url_in(offer.language, "volunteers:need_answer",
                                           need_answer_token(need=need, offer=offer)),
                     "manage_url": offer_manage_url(offer)})
        sent += 1
    return sent


@transaction.atomic
def need_answer(*, need: VolunteerNeed, offer: VolunteerOffer,
                now: datetime | None = None) -> bool:
    """Record "I can help". False when the need is closed; answering twice changes nothing."""
    now = now or timezone.now()
    if not need.is_open_on(timezone.localdate(now)):
        return False
    _, created = NeedResponse.objects.get_or_create(need=need, offer=offer,
                                                    defaults={"answered_at": now})
    offer.last_activity_at = now
    offer.reconfirm_requested_at = None
    offer.save(update_fields=["last_activity_at", "reconfirm_requested_at"])
    if created:
        audit_record(actor=None, action="volunteers.need_answered", obj=need,
                     municipality=need.municipality, after={"offer": offer.pk})
    return True


@transaction.atomic
def need_close(*, need: VolunteerNeed, by=None, now: datetime | None = None) -> bool:
    if need.status == NeedStatus.CLOSED:
        return False
    need.status = NeedStatus.CLOSED
    need.closed_at = now or timezone.now()
    need.save(update_fields=["status", "closed_at"])
    audit_record(actor=by, action="volunteers.need_closed", obj=need,
                 municipality=need.municipality)
    return True


def needs_close_expired(*, today: date | None = None) -> int:
    """Close every open need whose date has passed. Returns how many."""
    today = today or timezone.localdate()
    closed = 0
    for need in VolunteerNeed.objects.filter(status=NeedStatus.OPEN, until__lt=today):
        closed += need_close(need=need)
    return closed


# Retention ----------------------------------------------------------------------------------


def offers_purge(*, now: datetime | None = None) -> dict:
    """Apply the retention rules. Returns counts per rule.

    - unconfirmed offers are deleted 7 days after they were made;
    - a confirmed offer without a sign of life for 24 months is asked to confirm once;
    - if it does not answer within 30 days of that question, it is deleted.
    """
    now = now or timezone.now()
    result = {"expired": 0, "asked": 0, "deleted": 0}
    for offer in VolunteerOffer.objects.filter(confirmed_at__isnull=True,
                                               last_activity_at__lt=now - CONFIRMATION_VALIDITY):
        offer_delete(offer=offer, action="volunteers.offer_expired_unconfirmed")
        result["expired"] += 1
    for offer in VolunteerOffer.objects.filter(reconfirm_requested_at__lt=now - RECONFIRM_GRACE):
        offer_delete(offer=offer, action="volunteers.offer_deleted_inactive")
        result["deleted"] += 1
    for offer in VolunteerOffer.objects.confirmed().filter(
            reconfirm_requested_at__isnull=True, last_activity_at__lt=now - RECONFIRM_AFTER):
        with transaction.atomic():
            offer.reconfirm_requested_at = now
            offer.save(update_fields=["reconfirm_requested_at"])
            queue_templated_mail(
                to=offer.email, template="volunteers/email/reconfirm", language=offer.language,
                topic="volunteers.reconfirm",
                context={"municipality_name": _name_in(offer.municipality, offer.language),
                         "manage_url": offer_manage_url(offer),
                         "grace_days": RECONFIRM_GRACE.days})
        result["asked"] += 1
    return result
