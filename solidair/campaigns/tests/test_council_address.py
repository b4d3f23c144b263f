"""The council's address is official data: it receives residents' names and paragraphs, so a
coordinator cannot point it anywhere; a new address takes effect once confirmed through the link
mailed to it, or when the municipality's own officer sets it. Every change is audited and told
to the municipality's officers; digests go only to a confirmed address."""

import io
import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer, make_staff
from solidair.campaigns import services
from solidair.campaigns.models import AddressSource, CampaignSettings, Delivery, SignatureStatus
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

SETTINGS_URL = reverse("campaigns:settings", args=["44021"])
LINK = re.compile(r"https?://[^\s]+/campaign/council-address/confirm/([^/\s]+)/")


def confirm_path(token: str) -> str:
    return reverse("campaigns:council_address_confirm", args=[token])


def token_in(body: str) -> str:
    return LINK.search(body).group(1)


def digest_recipients() -> list[str]:
    return [delivery.to for delivery in Delivery.objects.order_by("pk")]


def test_a_coordinators_address_reaches_no_digest_until_confirmed_through_its_link(
        client, smtp_server, django_capture_on_commit_callbacks):
    gent = make_gent()
    make_council_address(gent, "college@stad.gent")
    officer = make_officer(gent)
    make_signature(gent, name="Anna De Smet", message="Mijn eigen woorden")
    login(client, make_coordinator())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETTINGS_URL, {"council_email": "me@coordinator.example"})
    assert response.status_code == 302
    campaign = CampaignSettings.objects.get()
    assert campaign.council_email == "college@stad.gent"
    assert campaign.pending_council_email == "me@coordinator.example"

    # Over SMTP: the link goes to the new address itself, the notice to the officer.
    received = {tuple(m["to"]): m["message"].get_content() for m in smtp_server.messages}
    assert set(received) == {("me@coordinator.example",), (officer.email,)}
    link_mail = received[("me@coordinator.example",)]
    assert "Anna" not in link_mail and "Mijn eigen woorden" not in link_mail
    notice = received[(officer.email,)]
    assert "me@coordinator.example" in notice and "college@stad.gent" in notice
    assert AuditEntry.objects.filter(action="campaigns.council_address_requested",
                                     municipality=gent).exists()
    page = client.get(SETTINGS_URL).content.decode()
    assert "me@coordinator.example" in page and "college@stad.gent" in page

    # The digest still goes to the confirmed address: the names do not reach the coordinator.
    services.digest_send_due()
    assert digest_recipients() == ["college@stad.gent"]
    assert not OutgoingMail.objects.filter(topic="campaigns.digest",
                                           to=["me@coordinator.example"]).exists()

    # Whoever reads that mailbox confirms; the link then works no more.
    token = token_in(link_mail)
    client.logout()
    assert client.get(confirm_path(token)).status_code == 200  # a button; a GET changes nothing
    assert CampaignSettings.objects.get().council_email == "college@stad.gent"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_path(token)).status_code == 200
    campaign.refresh_from_db()
    assert (campaign.council_email, campaign.council_email_source,
            campaign.pending_council_email) == ("me@coordinator.example", AddressSource.LINK, "")
    assert campaign.pending_token_hash is None and token not in str(campaign.__dict__)
    assert client.post(confirm_path(token)).status_code == 404
    assert client.get(confirm_path(token)).status_code == 404
    assert AuditEntry.objects.filter(action="campaigns.council_address_confirmed").exists()
    assert any(m["to"] == [officer.email] and "me@coordinator.example" in
               m["message"].get_content() for m in smtp_server.messages[2:])

    make_signature(gent, email="bert@example.org", name="Bert Peeters")
    services.digest_send_due(now=timezone.now() + timedelta(days=1))
    assert digest_recipients() == ["college@stad.gent", "me@coordinator.example"]


def test_without_a_confirmed_address_nothing_is_sent_and_the_page_says_so(client):
    gent = make_gent()
    make_signature(gent)
    login(client, make_coordinator())
    client.post(SETTINGS_URL, {"council_email": "college@stad.gent"})
    assert services.digest_send_due() == []
    page = client.get(SETTINGS_URL).content.decode()
    assert "Er wordt geen bundel verstuurd" in page  # no digest is sent
    assert "Wacht op bevestiging" in page and "college@stad.gent" in page
    waiting = client.get(reverse("campaigns:waiting")).content.decode()
    assert "Gent" in waiting and "wacht op bevestiging" in waiting

    output = io.StringIO()
    call_command("send_digests", stdout=output)
    assert "0 digests queued" in output.getvalue()
    assert "1 municipalities wait for a confirmed council address" in output.getvalue()

    # An address that is somehow set but not confirmed receives nothing either.
    CampaignSettings.objects.filter(pk=gent.pk).update(council_email="college@stad.gent")
    assert services.digest_send_due() == []
    assert "niet bevestigd" in client.get(SETTINGS_URL).content.decode()


def test_the_officers_change_takes_effect_at_once_is_audited_and_told_to_the_others(
        client, django_capture_on_commit_callbacks):
    gent = make_gent()
    make_council_address(gent, "college@stad.gent", signature_threshold=80)
    officer = make_officer(gent)
    colleague = make_officer(gent, email="colleague@stad.gent", preferred_language="fr")
    make_signature(gent)
    login(client, officer)
    page = client.get(SETTINGS_URL)
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {"council_email"}  # no threshold or period

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETTINGS_URL, {"council_email": "secretariaat@stad.gent",
                                              "signature_threshold": "1"})
    assert response.status_code == 302
    campaign = CampaignSettings.objects.get()
    assert (campaign.council_email, campaign.council_email_source, campaign.threshold) == (
        "secretariaat@stad.gent", AddressSource.OFFICER, 80)
    entry = AuditEntry.objects.get(action="campaigns.council_address_changed")
    assert entry.actor == officer and entry.municipality == gent
    assert (entry.before, entry.after) == ({"council_email": "college@stad.gent"},
                                           {"council_email": "secretariaat@stad.gent"})
    [notice] = mail.outbox  # the colleague, in French; not the officer who acted
    assert notice.to == [colleague.email]
    assert "secretariaat@stad.gent" in notice.body and "Bonjour" in notice.body
    [delivery] = services.digest_send_due()
    assert delivery.to == "secretariaat@stad.gent"

    # The log reads in words: a translated label, the fields named.
    login(client, make_coordinator())
    log = client.get(reverse("accounts:audit_log")).content.decode()
    assert "Adres van de gemeente gewijzigd" in log


def test_another_municipalitys_officer_cannot_touch_the_address(client):
    from solidair.places.testing import make_municipality

    gent = make_gent()
    make_council_address(gent, "college@stad.gent")
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    login(client, make_officer(leuven))
    assert client.post(SETTINGS_URL, {"council_email": "x@leuven.be"}).status_code == 404
    assert CampaignSettings.objects.get().council_email == "college@stad.gent"


def test_the_confirmation_link_expires_and_a_new_request_replaces_it(
        client, django_capture_on_commit_callbacks):
    gent = make_gent()
    coordinator = make_coordinator()
    with django_capture_on_commit_callbacks(execute=True):
        services.council_address_change(municipality=gent, email="college@stad.gent",
                                        by=coordinator)
    first = token_in(mail.outbox[-1].body)
    assert mail.outbox[-1].to == ["college@stad.gent"]
    assert CampaignSettings.objects.get().pending_token_hash != first  # only its hash is kept

    CampaignSettings.objects.update(pending_expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(confirm_path(first)).status_code == 404
    assert client.post(confirm_path(first)).status_code == 404
    assert CampaignSettings.objects.get().council_email == ""
    login(client, coordinator)
    assert "verlopen" in client.get(SETTINGS_URL).content.decode()  # the page says it expired

    with django_capture_on_commit_callbacks(execute=True):
        client.post(SETTINGS_URL, {"council_email": "college@stad.gent"})
    second = token_in(mail.outbox[-1].body)
    assert second != first
    CampaignSettings.objects.update(pending_expires_at=timezone.now() + timedelta(days=1))
    assert client.post(confirm_path(first)).status_code == 404  # replaced
    assert client.post(confirm_path(second)).status_code == 200
    assert CampaignSettings.objects.get().deliverable_address == "college@stad.gent"


def test_a_pending_address_can_be_withdrawn(client, django_capture_on_commit_callbacks):
    gent = make_gent()
    officer = make_officer(gent)
    login(client, make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SETTINGS_URL, {"council_email": "college@stad.gent"})
    token = token_in(mail.outbox[0].body)
    login(client, officer)
    assert client.post(SETTINGS_URL, {"withdraw_pending": "1"}).status_code == 302
    assert CampaignSettings.objects.get().pending_council_email == ""
    assert client.post(confirm_path(token)).status_code == 404
    assert AuditEntry.objects.filter(action="campaigns.council_address_withdrawn",
                                     actor=officer).exists()


def test_addresses_set_before_count_as_confirmed_after_the_migration():
    gent = make_gent()
    CampaignSettings.objects.create(municipality=gent, council_email="college@stad.gent")
    make_signature(gent)
    assert services.digest_send_due() == []  # not confirmed yet
    migration = import_module("solidair.campaigns.migrations.0003_council_address_confirmation")
    migration.confirm_existing_addresses(apps, None)
    campaign = CampaignSettings.objects.get()
    assert campaign.council_email_source == AddressSource.EARLIER
    assert campaign.council_email_confirmed_at is not None
    assert [d.to for d in services.digest_send_due()] == ["college@stad.gent"]


def test_imported_addresses_are_reference_data_audited_and_told(
        tmp_path, django_capture_on_commit_callbacks):
    gent = make_gent()
    officer = make_officer(gent)
    csv_file = tmp_path / "addresses.csv"
    csv_file.write_text("nis,email\n44021,college@stad.gent\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_council_addresses", str(csv_file))
    campaign = CampaignSettings.objects.get()
    assert (campaign.deliverable_address, campaign.council_email_source) == (
        "college@stad.gent", AddressSource.REFERENCE)
    assert AuditEntry.objects.filter(action="campaigns.council_address_imported").exists()
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_the_admin_shows_no_resident_and_cannot_change_the_address(client):
    gent = make_gent()
    signature = make_signature(gent, name="Anna De Smet", phone="0470 12 34 56",
                               message="Mijn eigen woorden", status=SignatureStatus.HELD)
    make_council_address(gent, "college@stad.gent")
    login(client, make_staff())
    for url in (reverse("admin:campaigns_signature_changelist"),
                reverse("admin:campaigns_signature_change", args=[signature.pk])):
        page = client.get(url).content.decode()
        for private in ("Anna", "anna@example.org", "0470", "Mijn eigen woorden"):
            assert private not in page, (url, private)
    assert client.get(reverse("admin:campaigns_signature_changelist"),
                      {"q": "anna@example.org"}).context["cl"].result_count == 0
    client.post(reverse("admin:campaigns_campaignsettings_change", args=[gent.pk]),
                {"council_email": "me@coordinator.example", "municipality": gent.pk,
                 "digest_period_days": "", "signature_threshold": ""})
    assert CampaignSettings.objects.get().council_email == "college@stad.gent"
