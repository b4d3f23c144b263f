"""When SMTP is down nothing is lost: the outbox retries and the mail arrives."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidair.campaigns import services
from solidair.campaigns.tests.factories import make_gent
from solidair.core.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_confirmation_mail_arrives_after_an_smtp_failure(
        smtp_server, settings, django_capture_on_commit_callbacks):
    from conftest import _free_port

    gent = make_gent()
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        services.signature_submit(municipality=gent, name="Anna", email="anna@example.org",
                                  postal_code="9000", consent=True)
    queued = OutgoingMail.objects.get()
    assert queued.status == OutgoingMail.Status.PENDING and queued.last_error

    from aiosmtpd.controller import Controller

    recorder = type(smtp_server)()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings.EMAIL_PORT = controller.port
        OutgoingMail.objects.update(next_attempt_at=timezone.now())
        call_command("send_pending_mail")
    finally:
        controller.stop()
    [arrived] = recorder.messages
    assert arrived["to"] == ["anna@example.org"]
    assert "/signatures/confirm/" in arrived["message"].get_content()
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_failed_mails_are_visible_to_coordinators_in_the_admin(client):
    from django.urls import reverse

    from solidair.accounts.testing import login, make_staff

    OutgoingMail.objects.create(to=["x@example.org"], subject="Bevestig", body="...",
                                status=OutgoingMail.Status.FAILED, last_error="SMTP down")
    login(client, make_staff())
    page = client.get(reverse("admin:core_outgoingmail_changelist") + "?status=failed")
    assert page.status_code == 200 and b"Bevestig" in page.content
