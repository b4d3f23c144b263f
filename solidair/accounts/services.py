"""Writes to accounts: invitations, roles and the back office's status changes, each audited."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidair.accounts.models import (
    Invitation,
    InvitationRole,
    InvitationState,
    OfficerAssignment,
    User,
    hash_invitation_token,
)
from solidair.accounts.permissions import municipality_officers
from solidair.core.audit import audit_record
from solidair.core.links import absolute_url
from solidair.core.mail import queue_again, queue_templated_mail
from solidair.places.services import municipality_set_status


def invitation_url(token: str, language: str = "nl") -> str:
    """The absolute link an invitee opens, in their language."""
    return absolute_url("accounts:invitation_accept", args=[token], language=language)


def _invitation_label(invitation: Invitation) -> str:
    # The audit log names the invitation by id and role, not by the invitee's address.
    return f"#{invitation.pk} {invitation.role}"


# Coordinators see counts, never names: an officer sees the residents' names, so the two roles
# never meet in one account (a coordinator could otherwise make themselves an officer).
COORDINATOR_NOT_OFFICER = gettext_lazy(
    "This address belongs to a coordinator of the network. A coordinator cannot also act as a "
    "municipality's officer: invite another address.")


@transaction.atomic
def invitation_create(*, email: str, role: str, municipality=None, language: str = "nl",
                      by=None, send_mail: bool = True) -> tuple[Invitation, str]:
    """Invite `email` as officer of `municipality` or as coordinator. Returns the invitation and
    the one-time token (only its hash is stored). Mails the link unless `send_mail` is False."""
    if role == InvitationRole.OFFICER and municipality is None:
        raise ValidationError(_("An officer is invited for a municipality."))
    if role == InvitationRole.COORDINATOR:
        municipality = None
    email = email.strip().lower()
    if role == InvitationRole.OFFICER and User.objects.filter(
            email__iexact=email, is_coordinator=True).exists():
        raise ValidationError(COORDINATOR_NOT_OFFICER)
    # A new invitation replaces an earlier pending one for the same role: one live link at most.
    Invitation.objects.filter(email=email, role=role, municipality=municipality,
                              state=InvitationState.PENDING).update(
        state=InvitationState.REVOKED, revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email, role=role, municipality=municipality, language=language,
        token_hash=hash_invitation_token(token), invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    if by is not None:
        audit_record(actor=by, action="invitation.create", obj=invitation,
                     after={"role": role, "state": invitation.state},
                     municipality=municipality, object_label=_invitation_label(invitation))
    if send_mail:
        queue_templated_mail(
            to=email, template="accounts/email/invitation", language=language,
            context={"invitation": invitation, "url": invitation_url(token, language),
                     "inviter": by, "valid_days": settings.INVITATION_VALID_DAYS,
                     "municipality_name": _municipality_name(municipality, language)},
            topic="accounts.invitation",
        )
    if role == InvitationRole.OFFICER:
        _tell_officers_of_new_officer(invitation=invitation, by=by)
    return invitation, token


def _tell_officers_of_new_officer(*, invitation: Invitation, by) -> None:
    """An officer sees the names and addresses of the municipality's residents and volunteers:
    whoever a coordinator invites for it, its current officers are told, so that nobody gains
    that access unnoticed."""
    municipality = invitation.municipality
    for officer in municipality_officers(municipality).exclude(email__iexact=invitation.email):
        language = officer.preferred_language
        queue_templated_mail(
            to=officer.email, template="accounts/email/officer_invited", language=language,
            context={"email": invitation.email, "inviter": str(by) if by is not None else "",
                     "municipality_name": _municipality_name(municipality, language)},
            topic="accounts.officer_invited")


def _municipality_name(municipality, language: str) -> str:
    if municipality is None:
        return ""
    with translation.override(language):
        return municipality.name


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link points to, whatever its state (None for an unknown link)."""
    return (Invitation.objects.select_related("municipality")
            .filter(token_hash=hash_invitation_token(token)).first())


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str | None = None,
                      first_name: str = "", last_name: str = "", user=None) -> User:
    """Use the invitation once: create the account (with `password`) or give the role to the
    signed-in `user` whose address it was sent to. Raises ValidationError when it cannot be used.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(_("This invitation link has expired or was already used."))
    if user is None:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is not None and user.has_usable_password():
            raise ValidationError(_("Sign in to your account first to accept this invitation."))
        if user is None:
            user = User(email=invitation.email)
        user.first_name, user.last_name = first_name, last_name
        user.preferred_language = invitation.language
        user.set_password(password)
        user.save()
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    if invitation.role == InvitationRole.COORDINATOR:
        if not user.is_coordinator:
            user.is_coordinator = True
            user.save(update_fields=["is_coordinator"])
    elif user.is_coordinator:
        raise ValidationError(COORDINATOR_NOT_OFFICER)
    else:
        OfficerAssignment.objects.get_or_create(user=user, municipality=invitation.municipality)
    # Opening the mailed link proves the address: allauth may treat it as verified.
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True})
    invitation.state = InvitationState.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["state", "accepted_at", "accepted_by"])
    audit_record(actor=user, action="invitation.accept", obj=invitation,
                 before={"state": InvitationState.PENDING},
                 after={"state": InvitationState.ACCEPTED, "role": invitation.role},
                 municipality=invitation.municipality,
                 object_label=_invitation_label(invitation))
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != InvitationState.PENDING:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    invitation.state = InvitationState.REVOKED
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["state", "revoked_at"])
    audit_record(actor=by, action="invitation.revoke", obj=invitation,
                 before={"state": InvitationState.PENDING},
                 after={"state": InvitationState.REVOKED},
                 municipality=invitation.municipality,
                 object_label=_invitation_label(invitation))
    return invitation


@transaction.atomic
def officer_revoke(*, assignment: OfficerAssignment, by) -> None:
    """The person no longer acts for this municipality (their account stays)."""
    audit_record(actor=by, action="officer.revoke", obj=assignment,
                 before={"user": assignment.user_id, "municipality": assignment.municipality_id},
                 municipality=assignment.municipality,
                 object_label=f"#{assignment.pk} user {assignment.user_id}")
    assignment.delete()


@transaction.atomic
def municipality_change_status(*, municipality, status: str, reason: str, by):
    """A coordinator moves a municipality to `status`; the reason is required and recorded."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for this change."))
    # places.municipality_set_status writes the audit entry ("municipality.set_status"):
    # one change, one entry.
    return municipality_set_status(municipality=municipality, status=status, reason=reason,
                                   by=by)


@transaction.atomic
def mail_retry(*, mail, by) -> None:
    """A coordinator sends a mail that could not be sent again: a new round of attempts."""
    before = {"status": mail.status, "count": mail.attempts}
    queue_again(mail)
    audit_record(actor=by, action="mail.retry", obj=mail, before=before,
                 after={"status": mail.status}, object_label=f"#{mail.pk} {mail.topic}")
