"""Rate limits shared by the offer page and the API: both count against the same budget."""

from solidair.core.ratelimit import hit

OFFER_RATE = {"limit": 20, "period": 3600}  # per client address
OFFER_EMAIL_RATE = {"limit": 5, "period": 3600}  # per e-mail address


def offer_rate_ok(*, ip: str, email: str) -> bool:
    ip_ok = hit("volunteer-offer-ip", ip, **OFFER_RATE)
    email_ok = hit("volunteer-offer-email", email.lower(), **OFFER_EMAIL_RATE)
    return ip_ok and email_ok
