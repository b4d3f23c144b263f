import pytest
from django.core import mail

from solidair.core.mail import queue_mail, send_due_mail
from solidair.core.models import OutgoingMail


@pytest.mark.django_db
def test_queued_mail_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(to="resident@example.org", subject="Bevestig", body="Klik hier")
    assert [m.subject for m in mail.outbox] == ["Bevestig"]
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


@pytest.mark.django_db
def test_failed_mail_stays_pending_and_is_retried(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_mail(to="resident@example.org", subject="Bevestig", body="Klik hier")
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.PENDING
    assert queued.attempts == 1 and queued.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_mail(now=queued.next_attempt_at) == (1, 0)
    queued.refresh_from_db()
    assert queued.status == OutgoingMail.Status.SENT


@pytest.mark.django_db
def test_mail_reaches_a_real_smtp_server(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail(to="officer@example.org", subject="Nieuwe handtekeningen", body="3 nieuwe")
    assert smtp_server.messages[0]["to"] == ["officer@example.org"]
    assert smtp_server.messages[0]["message"]["Subject"] == "Nieuwe handtekeningen"
