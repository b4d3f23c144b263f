"""The two links a signer receives.

- The confirmation token is random; only its SHA-256 is stored, it works once and expires.
- The management link is long-lived and can be written into any later e-mail: it signs
  (pk, management_key) with SECRET_KEY, so the database alone cannot forge one, and rotating
  `management_key` revokes it.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing

from solidair.core.tokens import new_token

MANAGEMENT_SALT = "solidair.campaigns.manage"


def new_confirmation_token() -> tuple[str, str]:
    """A fresh (token, hash) pair: the token goes into the e-mail, the hash into the database."""
    return new_token()


def new_management_key() -> str:
    return secrets.token_urlsafe(16)


def management_token(signature) -> str:
    return signing.dumps([signature.pk, signature.management_key], salt=MANAGEMENT_SALT)


def parse_management_token(token: str) -> tuple[int, str] | None:
    try:
        pk, key = signing.loads(token, salt=MANAGEMENT_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (pk, key) if isinstance(pk, int) and isinstance(key, str) else None


def source_hash(ip: str) -> str:
    """A short keyed hash of a client address: enough to group a burst, not to recover the IP."""
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:16]
