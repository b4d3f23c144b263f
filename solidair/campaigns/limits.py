"""The layered limits on signing, and the surge detector per municipality.

Counted with `solidair.core.ratelimit` in the cache (Redis in production), so every app server
sees the same counts. Keys are hashed there: no client address or e-mail address is stored in
clear, and the /24 or /64 network is a key of its own, never the address.

- `submission_refused(ip=..., email=...)`: counts one attempt to sign (the form or the API)
  against each layer (per client address a burst and a sustained limit, per network a wider
  one, per e-mail address) and returns the window of the layer that refuses it (None when
  every layer allows it). The caller answers 429 with `Retry-After` = `window.reset`.
- `surging(municipality_id)`: counts one confirmation for the municipality in the current hour
  and says whether the hour holds more than its usual rate allows (`surge_limit`): such
  confirmations are held for review, never refused.
"""

import ipaddress
import math
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from solidair.campaigns import addresses, conf
from solidair.campaigns.models import Signature
from solidair.core.ratelimit import Window, charge

SURGE_PERIOD = 3600  # the surge detector counts per hour


def source_network(ip: str) -> str:
    """The /24 (IPv4) or /64 (IPv6) network of a client address, never the address itself."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def submission_layers(*, ip: str, email: str) -> list[tuple[str, str, str]]:
    """(scope, key, setting) of each layer an attempt to sign counts against."""
    layers = [("campaigns.submit.ip.burst", ip, "CAMPAIGNS_SUBMIT_LIMIT_PER_IP_BURST"),
              ("campaigns.submit.ip", ip, "CAMPAIGNS_SUBMIT_LIMIT_PER_IP")]
    network = source_network(ip)
    if network:
        layers.append(("campaigns.submit.network", network,
                       "CAMPAIGNS_SUBMIT_LIMIT_PER_NETWORK"))
    layers.append(("campaigns.submit.email", addresses.normalize_email(email),
                   "CAMPAIGNS_SUBMIT_LIMIT_PER_EMAIL"))
    return layers


def submission_refused(*, ip: str, email: str) -> Window | None:
    """Count one attempt against every layer; the refusing window with the longest wait, or
    None. Every layer counts even a refused attempt, so that retrying does not help."""
    refused = None
    for scope, key, setting in submission_layers(ip=ip, email=email):
        limit, period = conf.get(setting)
        used = charge(scope, key, limit=limit, period=period)
        if used.used > limit and (refused is None or used.reset > refused.reset):
            refused = used
    return refused


def usual_hourly_rate(municipality_id: str, *, now=None) -> float:
    """Confirmations per hour in the municipality over the CAMPAIGNS_USUAL_RATE_DAYS (30)
    before the current hour: one count on the confirmed-order index, kept an hour in the
    cache."""
    cache_key = f"campaigns:usual-rate:{municipality_id}"
    rate = cache.get(cache_key)
    if rate is None:
        now = now or timezone.now()
        days = conf.get("CAMPAIGNS_USUAL_RATE_DAYS")
        end = now - timedelta(hours=1)
        count = Signature.objects.filter(
            municipality_id=municipality_id, status="confirmed",
            confirmed_at__gte=end - timedelta(days=days), confirmed_at__lt=end).count()
        rate = count / (days * 24)
        cache.set(cache_key, rate, timeout=SURGE_PERIOD)
    return rate


def surge_limit(municipality_id: str) -> int:
    """Confirmations an hour beyond which the municipality surges."""
    return max(conf.get("CAMPAIGNS_SURGE_FLOOR"),
               math.ceil(conf.get("CAMPAIGNS_SURGE_FACTOR") * usual_hourly_rate(municipality_id)))


def surging(municipality_id: str) -> bool:
    """Count one confirmation in the municipality's hour; True once it is over its limit."""
    limit = surge_limit(municipality_id)
    return charge("campaigns.surge", municipality_id, limit=limit,
                  period=SURGE_PERIOD).used > limit
