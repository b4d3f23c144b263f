"""Whether a person and their session passed two-factor (TOTP through allauth.mfa)."""

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator


def has_totp(user) -> bool:
    """Read with the request's user by `solidair.accounts.backends` when it can be (one query
    fewer per signed-in request); asked of the database otherwise."""
    known = getattr(user, "has_totp_now", None)
    if known is not None:
        return known
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def session_passed_two_factor(request, user) -> bool:
    """allauth records each way the person authenticated in this session; "mfa" is the TOTP or a
    recovery code asked at sign-in."""
    return any(record.get("method") == "mfa"
               for record in get_authentication_records(request, user))


def mark_session_two_factor(request, user, authenticator) -> None:
    """Record in the session, as allauth does at sign-in, that `user` proved `authenticator`."""
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def mark_session_two_factor_after_setup(request, user) -> None:
    """Setting up TOTP proves its code, so the session that just did it counts as two-factor."""
    totp = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    if totp is not None and not session_passed_two_factor(request, user):
        mark_session_two_factor(request, user, totp)
