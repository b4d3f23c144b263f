"""Two app servers, one PostgreSQL, one Redis: what one server does, the other sees.

Each check goes through `assert_written_through_one_seen_through_other`: to add a case, write a
`write(server)` (e.g. `Visitor().post(server, <form URL>, {...})`) and a `read(server)` (e.g. a
count from the municipality's API) and call it. The servers use the production settings, so
mail goes to an SMTP port nobody listens on: it stays in the outbox, shared in the database.
"""

import json
import re

import pytest
from django.urls import reverse

from solidair.accounts.testing import make_user
from solidair.core.models import OutgoingMail
from solidair.core.testing import (
    AppServer,
    Visitor,
    database_url_of_current_test_database,
    production_env,
)
from solidair.places.models import MunicipalityStatus
from solidair.places.services import municipality_set_status
from solidair.places.testing import make_municipality

pytestmark = [pytest.mark.scaleout, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def servers(postgresql, shared_redis_cache, redis_url, static_root):
    env = production_env(DATABASE_URL=database_url_of_current_test_database(),
                         REDIS_URL=redis_url, CACHE_KEY_PREFIX=shared_redis_cache,
                         STATIC_ROOT=str(static_root), API_RATE_LIMIT="5/60")
    first, second = AppServer(env), AppServer(env)
    with first, second:
        yield first, second


def assert_written_through_one_seen_through_other(servers, *, write, read, expected):
    """`write(server)` on the first server, then `read(server)` must give `expected` on both."""
    first, second = servers
    write(first)
    assert read(second) == expected, "the second server does not see the first one's write"
    assert read(first) == expected


def test_a_rate_limit_holds_across_both_servers(servers):
    first, second = servers
    statuses = [server.get("/api/v1/openapi.json").status
                for server in (first, second, first, second, first, second, first)]
    assert statuses == [200, 200, 200, 200, 200, 429, 429]


def test_a_sign_in_through_one_server_is_honoured_by_the_other(servers, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # as served
    make_user(email="officer@example.org", password="a-Strong-passw0rd!")
    visitor = Visitor()

    def sign_in(server):
        reply = visitor.post(server, "/accounts/login/",
                             {"login": "officer@example.org", "password": "a-Strong-passw0rd!",
                              "next": "/"})
        assert reply.status == 302, reply.text[:500]

    def private_page_status(server):
        # Without two-factor yet, a signed-in person may open only its setup, which first asks
        # for the password again (200); a signed-out person is sent to sign in (302).
        return visitor.get(server, reverse("account_reauthenticate")).status

    assert private_page_status(servers[1]) == 302  # signed out: sent to the sign-in page
    assert_written_through_one_seen_through_other(
        servers, write=sign_in, read=private_page_status, expected=200)


def test_a_cached_page_is_invalidated_on_both_servers_after_a_change(servers):
    first, second = servers
    gent = make_municipality("44021", "Gent")
    path = "/municipalities/44021/"
    assert first.get(path).headers["X-Page-Cache"] == "miss"
    cached = second.get(path)
    assert cached.headers["X-Page-Cache"] == "hit", "the servers do not share the page cache"

    gent.name_nl = "Gent aan de Leie"
    gent.save()
    municipality_set_status(municipality=gent, status=MunicipalityStatus.CANDIDATE,
                            reason="council vote")
    for server in (second, first):
        page = server.get(path)
        assert "Gent aan de Leie" in page.text, f"stale page on {server.url}"


def test_a_status_change_is_seen_through_both_servers(servers):
    """Through the public API: /api/v1/municipalities/{nis}/ on each server."""
    gent = make_municipality("44021", "Gent")
    path = "/api/v1/municipalities/44021/"

    def set_member(_server):
        municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER)

    def status_through(server):
        return json.loads(server.get(path).body)["status"]

    assert_written_through_one_seen_through_other(
        servers, write=set_member, read=status_through, expected=MunicipalityStatus.MEMBER)


def confirmation_path_from_outbox(email: str) -> str:
    """The confirmation link of the mail queued for `email`, read from the shared outbox."""
    mail = OutgoingMail.objects.filter(to__contains=[email]).latest("created_at")
    match = re.search(r"https?://[^/\s]+(/\S*signatures/confirm/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_a_signature_made_through_one_server_is_counted_through_the_other(servers):
    make_municipality("44021", "Gent")
    visitor = Visitor()

    def sign_and_confirm(server):
        reply = visitor.post(server, "/municipalities/44021/ask/", {
            "name": "An De Smet", "email": "an@example.org", "postal_code": "9000",
            "consent": "on", "message": "Gent kan dit."})
        assert reply.status == 302, reply.text[:500]
        confirmation = confirmation_path_from_outbox("an@example.org")
        reply = visitor.post(server, confirmation, {})
        assert reply.status == 302, reply.text[:500]

    def confirmed_signatures(server):
        return json.loads(server.get("/api/v1/municipalities/44021/").body)["confirmed_signatures"]

    assert confirmed_signatures(servers[1]) == 0
    assert_written_through_one_seen_through_other(
        servers, write=sign_and_confirm, read=confirmed_signatures, expected=1)
