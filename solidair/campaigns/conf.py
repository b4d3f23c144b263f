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
    # Layered limits on signing (the form and the API), each (attempts, seconds), counted in
    # the cache (Redis in production, so they hold across app servers); one over any of them
    # answers 429 with Retry-After. Per client address a burst and a sustained limit, per /24
    # (IPv4) or /64 (IPv6) network a wider one, and per e-mail address.
    "CAMPAIGNS_SUBMIT_LIMIT_PER_IP_BURST": (5, 60),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_IP": (20, 3600),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_NETWORK": (60, 3600),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_EMAIL": (5, 3600),
    # More confirmations than this from one address within the window are held for review.
    "CAMPAIGNS_BURST_LIMIT": (10, 600),
    # A municipality's surge: more confirmations in an hour than max(FLOOR, FACTOR x its usual
    # hourly rate over the USUAL_RATE_DAYS before) are held for review, not refused.
    "CAMPAIGNS_SURGE_FLOOR": 30,
    "CAMPAIGNS_SURGE_FACTOR": 10,
    "CAMPAIGNS_USUAL_RATE_DAYS": 30,
    # The coordinators' trends (/campaign/trends/): a network, e-mail domain or municipality
    # crosses when its confirmations in the window exceed max(floor, FACTOR x its usual rate
    # for that many hours). `check_signature_trends` looks at the last TREND_MAIL_HOURS and
    # mails coordinators at most once per crossing per TREND_ALERT_PERIOD_HOURS.
    "CAMPAIGNS_TREND_FLOORS": {"network": 10, "domain": 30, "municipality": 30},
    "CAMPAIGNS_TREND_FACTOR": 5,
    "CAMPAIGNS_TREND_MAIL_HOURS": 1,
    "CAMPAIGNS_TREND_ALERT_PERIOD_HOURS": 24,
    # Largest PDF accepted as a council's answer.
    "CAMPAIGNS_ANSWER_MAX_BYTES": 5 * 1024 * 1024,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


def signature_threshold() -> int:
    return get("CAMPAIGNS_SIGNATURE_THRESHOLD")


def digest_period_days() -> int:
    return get("CAMPAIGNS_DIGEST_PERIOD_DAYS")
