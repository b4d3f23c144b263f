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


@pytest.fixture
def database_task_backend(settings):
    """The production task backend (tasks stored as rows of the same database)."""
    from asgiref.local import Local
    from django_tasks import task_backends

    def reset():
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reset()
    yield
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    reset()


@pytest.mark.django_db(transaction=True)
def test_database_queue_commits_and_rolls_back_with_the_caller(database_task_backend):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        queued = queue_mail(to="resident@example.org", subject="Bevestig", body="Klik hier")
        # Queued in the caller's transaction: no callback left waiting for the commit.
        assert not transaction.get_connection().run_on_commit
        assert DBTaskResult.objects.get().args_kwargs["args"] == [queued.pk]
    assert DBTaskResult.objects.count() == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(to="resident@example.org", subject="Teruggedraaid", body="Weg")
        raise RuntimeError("the caller fails")
    assert DBTaskResult.objects.count() == 1
    assert not OutgoingMail.objects.filter(subject="Teruggedraaid").exists()
    assert mail.outbox == []  # the worker sends it, not the request


@pytest.mark.django_db
def test_immediate_backend_sends_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_mail(to="resident@example.org", subject="Bevestig", body="Klik hier")
    assert mail.outbox == [] and len(callbacks) == 1
