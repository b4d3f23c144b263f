"""The outbox keeps no one-time link longer than its retention period, and nothing of a person
who deleted their data."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidair.campaigns.tests.factories import make_gent, make_signature
from solidair.campaigns.tokens import management_token
from solidair.core.mail import MAX_ATTEMPTS, deliver, queue_mail
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db

Status = OutgoingMail.Status


def _mail(to, body, *, status=Status.SENT, days_ago=0):
    at = timezone.now() - timedelta(days=days_ago)
    mail = OutgoingMail.objects.create(to=[to], subject="S", body=body, status=status,
                                       sent_at=at if status == Status.SENT else None)
    OutgoingMail.objects.filter(pk=mail.pk).update(created_at=at)
    return mail


def test_sent_and_abandoned_mail_is_deleted_after_the_retention_period(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old = _mail("a@example.org", "https://x/signatures/confirm/TOKEN/", days_ago=31)
    old_failed = _mail("b@example.org", "", status=Status.FAILED, days_ago=31)
    recent = _mail("c@example.org", "https://x/signatures/confirm/TOKEN2/", days_ago=29)
    waiting = _mail("d@example.org", "link", status=Status.PENDING, days_ago=40)

    call_command("purge_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115

    kept = set(OutgoingMail.objects.values_list("pk", flat=True))
    assert kept == {recent.pk, waiting.pk}
    assert old.pk not in kept and old_failed.pk not in kept


def test_a_failed_mail_can_be_sent_again_until_the_retention_period_ends(
        settings, django_capture_on_commit_callbacks):
    settings.OUTBOX_RETENTION_DAYS = 30
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_mail(to="anna@example.org", subject="Bevestig",
                          body="https://x/signatures/confirm/SECRET/")
    OutgoingMail.objects.filter(pk=mail.pk).update(attempts=MAX_ATTEMPTS - 1)
    assert not deliver(mail)
    mail.refresh_from_db()
    # Whole, so that "send again" sends the real mail, not an empty one.
    assert mail.status == Status.FAILED and mail.last_error and "SECRET" in mail.body
    # Left unused for the retention period, it goes with its link.
    OutgoingMail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - timedelta(days=31))
    call_command("purge_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not OutgoingMail.objects.filter(pk=mail.pk).exists()


def test_a_signer_who_deletes_leaves_nothing_in_the_outbox(client):
    gent = make_gent()
    signature = make_signature(gent, email="anna@example.org", name="Anna De Smet",
                               message="Gent kan dit echt.")
    other = make_signature(gent, email="bert@example.org", name="Bert Peeters")
    to_her = _mail("Anna@Example.org", "Bevestig: https://x/signatures/confirm/SECRET/")
    digest = _mail("council@gent.be", "- Anna De Smet, 9000\n  Gent kan dit echt.\n"
                                      "- Bert Peeters, 9000\n")
    to_him = _mail("bert@example.org", "Bevestig, Bert")
    token = management_token(signature)

    export = json.loads(client.get(f"/signatures/{token}/export.json").content)
    assert [m["subject"] for m in export["emails_kept"]] == ["S"]

    assert client.post(f"/signatures/{token}/delete/").status_code == 200
    assert not OutgoingMail.objects.filter(pk=to_her.pk).exists()
    digest.refresh_from_db()
    assert "Anna" not in digest.body and "Gent kan dit echt" not in digest.body
    assert "Bert Peeters" in digest.body  # the others stay as they were
    assert OutgoingMail.objects.filter(pk=to_him.pk).exists() and other.pk


def test_a_volunteer_who_deletes_leaves_nothing_in_the_outbox():
    from solidair.volunteers.services import offer_delete
    from solidair.volunteers.tests.factories import make_offer

    offer = make_offer(make_gent(), name="Chris Janssens", email="chris@example.org")
    to_them = _mail("chris@example.org", "Uw aanbod: https://x/volunteer/manage/SECRET/")
    officer_copy = _mail("officer@gent.be", "Nieuw aanbod van Chris Janssens")
    offer_delete(offer=offer)
    assert not OutgoingMail.objects.filter(pk=to_them.pk).exists()
    officer_copy.refresh_from_db()
    assert "Chris Janssens" not in officer_copy.body


def test_staff_see_what_failed_but_not_to_whom_or_what_it_said(client):
    from django.urls import reverse

    from solidair.accounts.testing import login, make_staff

    mail = _mail("anna.peeters@example.org", "Anna Peeters, https://x/confirm/SECRET/",
                 status=Status.PENDING)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        last_error="SMTPRecipientsRefused: anna.peeters@example.org")
    login(client, make_staff())
    page = client.get(reverse("admin:core_outgoingmail_change", args=[mail.pk])).content.decode()
    assert "a…@example.org" in page
    assert "anna.peeters" not in page and "SECRET" not in page and "Anna Peeters" not in page
