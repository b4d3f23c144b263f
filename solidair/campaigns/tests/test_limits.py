"""Layered limits on signing (429, Retry-After), the surge hold, the coordinators' trends."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns import extensions, limits, selectors, services
from solidair.campaigns.models import Signature, SignatureStatus, TrendAlert
from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

FORM = {"name": "Anna De Smet", "postal_code": "9000", "consent": "on", "website": ""}
BODY = {"name": "Anna De Smet", "postal_code": "9000", "consent": True}
API = "/api/v1/municipalities/44021/signatures/"

# Each layer with a small limit, and the client addresses the attempts come from: the network
# layer sees two clients (two app servers' worth of requests) of one /24 or /64 as one.
LAYERS = {
    "burst": ("CAMPAIGNS_SUBMIT_LIMIT_PER_IP_BURST", (2, 60), ["203.0.113.7"] * 3),
    "sustained": ("CAMPAIGNS_SUBMIT_LIMIT_PER_IP", (2, 3600), ["203.0.113.7"] * 3),
    "network": ("CAMPAIGNS_SUBMIT_LIMIT_PER_NETWORK", (2, 3600),
                ["203.0.113.7", "203.0.113.8", "203.0.113.200"]),
    "network-ipv6": ("CAMPAIGNS_SUBMIT_LIMIT_PER_NETWORK", (2, 3600),
                     ["2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2::3"]),
}


def attempt(surface, client, number, ip):
    email = f"p{number}@example.org"
    if surface == "page":
        return client.post(reverse("campaigns:sign", args=["44021"]), {**FORM, "email": email},
                           REMOTE_ADDR=ip)
    return client.post(API, {**BODY, "email": email}, content_type="application/json",
                       REMOTE_ADDR=ip)


@pytest.mark.parametrize("surface", ["page", "api"])
@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_answers_429_with_retry_after(settings, surface, layer):
    setting, (limit, period), ips = LAYERS[layer]
    setattr(settings, setting, (limit, period))
    make_gent()
    clients = [Client(), Client()]  # alternate: the count is shared, not per connection
    answers = [attempt(surface, clients[n % 2], n, ip) for n, ip in enumerate(ips)]
    accepted = 302 if surface == "page" else 202
    assert [a.status_code for a in answers] == [accepted, accepted, 429]
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= period
    assert refused["RateLimit-Limit"] == str(limit) and refused["RateLimit-Remaining"] == "0"
    if surface == "page":
        assert "Te veel handtekeningen tegelijk" in refused.content.decode()
    else:
        assert set(refused.json()) == {"message"}
    assert Signature.objects.count() == 2  # the refused one stored nothing
    # Another network is not affected.
    assert attempt(surface, Client(), 9, "198.51.100.1").status_code == accepted


def test_the_refusal_page_speaks_french_and_german(settings):
    settings.CAMPAIGNS_SUBMIT_LIMIT_PER_IP_BURST = (1, 60)
    make_gent()
    client = Client()
    for prefix, words in (("/fr", "Trop de signatures à la fois"),
                          ("/de", "Zu viele Unterschriften auf einmal")):
        url = f"{prefix}/municipalities/44021/ask/"
        client.post(url, {**FORM, "email": "a@example.org"}, REMOTE_ADDR="192.0.2.1")
        page = client.post(url, {**FORM, "email": "b@example.org"}, REMOTE_ADDR="192.0.2.1")
        assert page.status_code == 429 and words in page.content.decode()


def test_limits_hold_across_app_servers_sharing_redis(shared_redis_cache, settings):
    """Two app servers share Redis: what one counted, the other refuses."""
    settings.CAMPAIGNS_SUBMIT_LIMIT_PER_NETWORK = (1, 3600)
    make_gent()
    assert attempt("api", Client(), 1, "203.0.113.1").status_code == 202
    from django.core.cache import caches

    caches.close_all()  # the second server: a new connection to the same Redis
    refused = attempt("api", Client(), 2, "203.0.113.2")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0


def confirm(signature, ip):
    return services.signature_confirm(token=signature.raw_token, source_ip=ip)


def test_a_surge_in_a_municipality_is_held_not_refused(settings, client):
    settings.CAMPAIGNS_SURGE_FLOOR = 2
    gent = make_gent()
    pending = [make_signature(gent, email=f"s{i}@example.org", status=SignatureStatus.PENDING)
               for i in range(3)]
    # Three different networks: no burst from one address, only the municipality's hour.
    statuses = [confirm(s, f"198.51.{i}.10").status for i, s in enumerate(pending)]
    assert statuses == ["confirmed", "confirmed", "held"]
    assert selectors.confirmed_count(gent) == 2
    held = Signature.objects.get(status=SignatureStatus.HELD)
    assert held.source_network == "198.51.2.0/24"  # what the coordinator judges it by
    login(client, make_coordinator())
    assert "198.51.2.0/24" in client.get(reverse("campaigns:held")).content.decode()


def test_the_surge_limit_follows_the_usual_rate(settings):
    settings.CAMPAIGNS_SURGE_FLOOR = 1
    settings.CAMPAIGNS_SURGE_FACTOR = 720  # 30 days x 24 hours: the limit = the 30 days' count
    gent = make_gent()
    for number in range(3):
        make_signature(gent, email=f"u{number}@example.org")
    Signature.objects.update(confirmed_at=timezone.now() - timedelta(days=2))
    assert limits.surge_limit(gent.pk) == 3


def seed_trend(gent):
    """Four confirmations from one /24 (two addresses), one from elsewhere."""
    for number, ip in enumerate(["203.0.113.9", "203.0.113.9", "203.0.113.77", "203.0.113.77",
                                 "2001:db8::1"]):
        signature = make_signature(gent, name=f"Zoë Verhaegen{number}",
                                   email=f"zoe.verhaegen{number}@telenet.be",
                                   status=SignatureStatus.PENDING)
        confirm(signature, ip)


def test_the_trends_page_shows_counts_never_a_person(settings, client):
    settings.CAMPAIGNS_TREND_FLOORS = {"network": 2, "domain": 100, "municipality": 100}
    gent = make_gent()
    seed_trend(gent)
    login(client, make_coordinator())
    page = client.get(reverse("campaigns:trends") + "?hours=24")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<code>203.0.113.0/24</code>" in html and "2001:db8::/64" in html
    assert "telenet.be" in html and "Gent" in html
    row = next(r for r in selectors.signature_trends(hours=24)["network"]
               if r.key == "203.0.113.0/24")
    assert (row.count, row.sources, row.crossed) == (4, 2, True)
    assert html.count('class="trend--crossed"') == 1  # only the network crossed
    assert "Zoë" not in html and "zoe.verhaegen" not in html and "203.0.113.9" not in html
    for odd in ("abc", "-1", "0", "99999999999999999999999", "٣", "1.5"):
        assert client.get(reverse("campaigns:trends"), {"hours": odd}).status_code == 200


def test_a_crossing_is_mailed_to_coordinators_once(settings):
    settings.CAMPAIGNS_TREND_FLOORS = {"network": 2, "domain": 100, "municipality": 100}
    coordinator = make_coordinator()
    seed_trend(make_gent())
    for _run in range(2):  # the hourly cron, twice within the alert period
        call_command("check_signature_trends", stdout=StringIO())
    mails = OutgoingMail.objects.filter(topic="campaigns.trends")
    assert [m.to for m in mails] == [[coordinator.email]]
    assert "203.0.113.0/24" in mails[0].body and "Zoë" not in mails[0].body
    assert TrendAlert.objects.count() == 1
    # The coordinator's home says so, with a link to the trends.
    tasks = extensions.coordinator_tasks(coordinator)
    assert reverse("campaigns:trends") in [task.url for task in tasks]
    # Forgotten with the signatures' networks, after the retention period.
    assert services.trend_alerts_purge(now=timezone.now() + timedelta(days=91)) == 1
