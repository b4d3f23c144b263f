"""The campaign's tunable numbers: each can be set in Django settings, with these defaults."""

from django.conf import settings

DEFAULTS = {
    # Confirmed co-signatures a municipality aims for (a coordinator may override it per place).
    "CAMPAIGNS_SIGNATURE_THRESHOLD": 50,
    # Days between two digests to the same council (overridable per municipality).
    "CAMPAIGNS_DIGEST_PERIOD_DAYS": 1,
    # A confirmation link works this many days.
    "CAMPAIGNS_CONFIRMATION_DAYS": 7,
    # The link confirming a council's new address (mailed to that address) works this many days.
    "CAMPAIGNS_ADDRESS_CONFIRMATION_DAYS": 7,
    # Days after the first delivery before co-signatories are asked whether the council replied
    # (3 weeks), and before those who did not answer are asked once more (8 weeks).
    "CAMPAIGNS_ANSWER_QUESTION_DAYS": 21,
    "CAMPAIGNS_ANSWER_SECOND_QUESTION_DAYS": 56,
    # Days the keyed hash of a signer's client address and its network are kept after the
    # signature's confirmation (then cleared by `purge_unconfirmed`).
    "SIGNATURE_SOURCE_RETENTION_DAYS": 90,
    # Rate limits: (attempts, seconds) per client address and per e-mail address.
    "CAMPAIGNS_SUBMIT_LIMIT_PER_IP": (20, 3600),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_EMAIL": (5, 3600),
    # More confirmations than this from one address within the window are held for review.
    "CAMPAIGNS_BURST_LIMIT": (10, 600),
    # Largest PDF accepted as a council's answer.
    "CAMPAIGNS_ANSWER_MAX_BYTES": 5 * 1024 * 1024,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


def signature_threshold() -> int:
    return get("CAMPAIGNS_SIGNATURE_THRESHOLD")


def digest_period_days() -> int:
    return get("CAMPAIGNS_DIGEST_PERIOD_DAYS")
