"""Coordinators see the e-mails that could not be sent (never to whom) and send them again."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_staff
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db


def failed(**fields) -> OutgoingMail:
    return OutgoingMail.objects.create(**{
        "to": ["resident@example.org"], "subject": "Bevestig je handtekening", "body": "...",
        "topic": "campaigns.confirm", "status": OutgoingMail.Status.FAILED, "attempts": 8,
        "last_error": "SMTPRecipientsRefused: {'resident@example.org': (550, 'no')}", **fields})


def test_the_page_lists_failed_mails_without_their_recipients(client):
    failed()
    failed(subject="Herinnering", status=OutgoingMail.Status.PENDING, attempts=2)
    OutgoingMail.objects.create(to=["sent@example.org"], subject="Verstuurd", body=".",
                                status=OutgoingMail.Status.SENT, attempts=1)
    login(client, make_coordinator())
    with translation.override("en"):
        html = client.get(reverse("accounts:failed_mails")).content.decode()
    assert "Bevestig je handtekening" in html and "Herinnering" in html
    assert "Verstuurd" not in html
    assert "given up after 8 attempts" in html and "2 failed attempts" in html
    assert "SMTPRecipientsRefused" in html
    assert "resident@example.org" not in html  # not in the list, not in the quoted error
    assert reverse("admin:core_outgoingmail_changelist") not in html  # not an administrator


def test_staff_find_the_details_in_the_admin(client):
    failed()
    login(client, make_staff())
    html = client.get(reverse("accounts:failed_mails")).content.decode()
    assert reverse("admin:core_outgoingmail_changelist") in html


def test_sending_again_starts_a_new_round_and_is_audited(client,
                                                         django_capture_on_commit_callbacks):
    message = failed()
    coordinator = make_coordinator()
    login(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:failed_mail_retry", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutgoingMail.Status.SENT  # the test mail backend accepts it
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
    entry = AuditEntry.objects.get(action="mail.retry")
    assert entry.actor == coordinator and "resident" not in entry.object_label
    # A mail that went out cannot be sent "again" from here.
    assert client.post(reverse("accounts:failed_mail_retry",
                               args=[message.pk])).status_code == 404
