"""Issue 13: a count a council cannot dismiss (addresses, refusals, integrity figures in the
digest, the second "did they reply?" question, retention of where signatures came from)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator
from solidair.campaigns import selectors, services
from solidair.campaigns.addresses import normalize_email, normalize_existing
from solidair.campaigns.models import (
    AnswerReport,
    Delivery,
    IntegrityCounts,
    Signature,
    SignatureStatus,
)
from solidair.campaigns.tests.factories import make_council_address, make_gent, make_signature
from solidair.campaigns.tokens import management_token
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

FORM = {"name": "Anna De Smet", "postal_code": "9000", "consent": "on", "website": ""}


def sign(gent, email):
    return services.signature_submit(municipality=gent, name="Anna De Smet", email=email,
                                     postal_code="9000", consent=True)


def test_two_spellings_of_one_gmail_address_count_once(django_capture_on_commit_callbacks):
    gent = make_gent()
    with django_capture_on_commit_callbacks(execute=True):
        first = sign(gent, "Anna.De.Smet+gemeente@gmail.com")
    services.signature_confirm(token=mail.outbox[0].body.split("/signatures/confirm/")[1]
                               .split("/")[0])
    with django_capture_on_commit_callbacks(execute=True):
        again = sign(gent, "annadesmet@googlemail.com")
    assert first.outcome == "created" and again.outcome == "already_signed"
    assert selectors.confirmed_count(gent) == 1 and Signature.objects.count() == 1
    # Mail goes to the address as typed; the repeat gets the friendly "you already signed".
    assert mail.outbox[0].to == ["Anna.De.Smet+gemeente@gmail.com"]
    assert "/signatures/confirm/" not in mail.outbox[1].body
    assert IntegrityCounts.objects.get(pk=gent.pk).refused_duplicates == 1
    # Outlook ignores +tags, not dots: another dot is another mailbox.
    assert normalize_email("A.nna+x@Outlook.com") == "a.nna@outlook.com"
    assert sign(gent, "anna@outlook.com").outcome == "created"


def test_disposable_and_coordinator_blocked_domains_are_refused(client):
    gent = make_gent()
    url = reverse("campaigns:sign", args=["44021"])
    response = client.post(url, {**FORM, "email": "anna@mailinator.com"})
    assert response.status_code == 400
    assert "Adressen bij mailinator.com worden niet aanvaard" in response.content.decode()

    login(client, make_coordinator())
    page = client.get(reverse("campaigns:blocked_domains"))
    assert page.status_code == 200
    response = client.post(reverse("campaigns:blocked_domains"),
                           {"domain": "@Fake-Mail.example ", "reason": "burst of fakes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="campaigns.domain_blocked").exists()
    client.logout()

    response = client.post("/fr" + url, {**FORM, "email": "anna@eu.fake-mail.example"})
    assert response.status_code == 400
    assert "Les adresses chez eu.fake-mail.example ne sont pas acceptées" in (
        response.content.decode())
    assert not Signature.objects.exists()
    assert sign(gent, "anna@example.org").outcome == "created"


def test_normalising_existing_signatures_reports_duplicates_and_drops_none(capsys):
    gent = make_gent()
    # Rows written before normalisation: keyed on the lower-cased address only.
    kept = make_signature(gent, email="anna@gmail.com")
    Signature.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=3))
    other = make_signature(gent, email="x@example.org")
    Signature.objects.filter(pk=other.pk).update(email="A.nna+petitie@GMail.com",
                                                  email_normalized="a.nna+petitie@gmail.com")
    lines = []
    [group] = normalize_existing(Signature, write=lines.append)

    assert group == {"municipality": "44021", "kept": kept.pk,
                     "duplicates": [(other.pk, "confirmed")]}
    assert f"#{other.pk} (confirmed)" in lines[1] and "gmail" not in "".join(lines)
    assert Signature.objects.count() == 2  # reported, not dropped
    assert Signature.objects.get(pk=other.pk).is_duplicate

    call_command("report_duplicate_signatures")
    assert f"#{kept.pk} kept; duplicates #{other.pk} (confirmed)" in capsys.readouterr().out
    call_command("report_duplicate_signatures", "--reject")
    assert selectors.confirmed_count(gent) == 1


def test_the_digest_states_how_the_count_was_checked(django_capture_on_commit_callbacks):
    gent = make_gent()
    make_council_address(gent)
    make_signature(gent, email="anna@gmail.com")
    make_signature(gent, email="bert@example.org")
    make_signature(gent, email="carl@example.org", status=SignatureStatus.PENDING)
    make_signature(gent, email="dirk@example.org", status=SignatureStatus.REJECTED)
    expired = make_signature(gent, email="eva@example.org", status=SignatureStatus.PENDING)
    Signature.objects.filter(pk=expired.pk).update(confirmation_expires_at=timezone.now())
    call_command("purge_unconfirmed")
    sign(gent, "a.n.n.a@gmail.com")  # refused: already signed

    services.digest_send_due()
    body = OutgoingMail.objects.get(topic="campaigns.digest").body
    assert ("Hoe we de telling controleerden: 2 handtekeningen zijn bevestigd via een link "
            "naar het eigen e-mailadres van elke ondertekenaar") in body
    assert "1 wacht op die bevestiging en telt niet mee." in body
    assert "1 werd niet op tijd bevestigd en is verwijderd." in body
    assert "1 poging om opnieuw te tekenen met een adres dat al getekend had, werd geweigerd." \
        in body
    assert "1 handtekening werd na controle ongeldig verklaard." in body
    assert "De bevestigde handtekeningen komen van 2 verschillende e-maildomeinen." in body


def delivered(gent, *, days_ago):
    delivery = Delivery.objects.create(municipality=gent, to="college@stad.gent",
                                       signature_count=2)
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return delivery


def test_the_second_question_goes_at_eight_weeks_only_to_those_who_did_not_answer(
        client, django_capture_on_commit_callbacks):
    gent = make_gent()
    delivery = delivered(gent, days_ago=22)
    anna = make_signature(gent, email="anna@example.org", delivery=delivery)
    make_signature(gent, email="bert@example.org", delivery=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.answer_questions_send() == 2  # three weeks
    assert "Drie weken geleden" in mail.outbox[0].body
    client.post(reverse("campaigns:report_answer", args=[management_token(anna)]),
                {"replied": "no_commitment"})
    assert AnswerReport.objects.get().get_replied_display() == (
        "de gemeenteraad antwoordde, maar engageerde zich niet")
    mail.outbox.clear()

    seven_weeks = timezone.now() + timedelta(days=34)
    assert services.answer_questions_send(now=seven_weeks) == 0
    eight_weeks = timezone.now() + timedelta(days=35)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.answer_questions_send(now=eight_weeks) == 1
    [reminder] = mail.outbox
    assert reminder.to == ["bert@example.org"] and "Acht weken geleden" in reminder.body
    assert services.answer_questions_send(now=eight_weeks + timedelta(days=30)) == 0


def test_where_a_signature_came_from_is_forgotten_after_the_retention_period(client, settings):
    settings.CAMPAIGNS_BURST_LIMIT = (1, 600)
    gent = make_gent()
    old, held = (make_signature(gent, email=f"{n}@example.org", status=SignatureStatus.PENDING)
                 for n in ("old", "held"))
    for signature in (old, held):
        services.signature_confirm(token=signature.raw_token, source_ip="203.0.113.9")
    recent = make_signature(gent, email="new@example.org", source_hash="abcd")
    Signature.objects.filter(pk__in=[old.pk, held.pk]).update(
        confirmed_at=timezone.now() - timedelta(days=91))
    assert Signature.objects.get(pk=held.pk).source_network == "203.0.113.0/24"

    call_command("purge_unconfirmed")
    for signature in (old, held):
        signature.refresh_from_db()
        assert signature.source_hash == "" and signature.source_network == ""
    recent.refresh_from_db()
    assert recent.source_hash == "abcd"  # within 90 days

    page = client.get("/de" + reverse("campaigns:privacy"))
    assert "90 Tage nach Ihrer Bestätigung gelöscht" in page.content.decode()

    settings.SIGNATURE_SOURCE_RETENTION_DAYS = 0  # configurable
    call_command("purge_unconfirmed")
    recent.refresh_from_db()
    assert recent.source_hash == ""
