import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from solidair.accounts.models import InvitationRole
from solidair.accounts.services import invitation_create


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def invite(email="new.officer@example.org", municipality=None, role=InvitationRole.OFFICER,
           by=None, **kwargs):
    return invitation_create(email=email, role=role, municipality=municipality, by=by,
                             send_mail=False, **kwargs)
