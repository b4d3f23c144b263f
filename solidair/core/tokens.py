"""Secret links sent by e-mail: the token goes into the mail, only its hash into the database,
so a leaked database gives no working link."""

import hashlib
import secrets


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(nbytes: int = 32) -> tuple[str, str]:
    """A fresh (token, hash) pair."""
    token = secrets.token_urlsafe(nbytes)
    return token, hash_token(token)
