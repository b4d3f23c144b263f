import io
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from solidair.core.delivery import CLAIM_TIMEOUT, TASK_GRACE
from solidair.core.mail import queue_mail, send_due_mail
from solidair.core.models import OutgoingMail
from solidair.core.tasks import deliver_mail


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


@pytest.mark.django_db
def test_the_scheduled_retry_leaves_mail_to_its_sender_until_the_sender_is_gone(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # the worker is behind
        new = queue_mail(to="a@example.org", subject="Nieuw", body=".")
        sending = queue_mail(to="b@example.org", subject="Bezig", body=".")
        stuck = queue_mail(to="c@example.org", subject="Vastgelopen", body=".")
    now = timezone.now()
    OutgoingMail.objects.filter(pk=sending.pk).update(claimed_at=now, next_attempt_at=now)
    # Its worker was killed while sending: the claim outlived the timeout.
    OutgoingMail.objects.filter(pk=stuck.pk).update(
        claimed_at=now - CLAIM_TIMEOUT - timedelta(minutes=1), next_attempt_at=now)

    call_command("send_pending_mail", stdout=io.StringIO())
    assert [m.subject for m in mail.outbox] == ["Vastgelopen"]
    stuck.refresh_from_db()
    assert stuck.status == OutgoingMail.Status.SENT and stuck.attempts == 2  # the lost try counts

    # The tasks run late: the stuck mail's finds it sent, the new mail's sends it.
    assert deliver_mail.call(stuck.pk) and deliver_mail.call(new.pk)
    assert not deliver_mail.call(sending.pk)  # another deliverer holds it
    # A task that never runs: the scheduled retry sends its mail once the grace has passed.
    assert send_due_mail(now=timezone.now() + TASK_GRACE) == (0, 0)
    assert [m.subject for m in mail.outbox] == ["Vastgelopen", "Nieuw"]


@pytest.mark.django_db(transaction=True)
def test_two_deliverers_at_once_send_each_mail_exactly_once(postgresql, smtp_server):
    """A backlog: the worker's tasks and `send_pending_mail` reach the same 200 mails together.

    PostgreSQL only: the suite's SQLite database lives in memory, where a second connection
    fails at once ("database table is locked") instead of waiting as a file database does.
    """
    due = timezone.now()
    ids = [m.pk for m in OutgoingMail.objects.bulk_create(
        OutgoingMail(to=[f"r{i}@example.org"], subject=f"Mail {i}", body=".",
                     next_attempt_at=due) for i in range(200))]
    start, errors = threading.Barrier(2), []

    def deliverer(run):
        try:
            start.wait(timeout=10)
            run()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def worker():
        for pk in ids:
            deliver_mail.call(pk)

    threads = [threading.Thread(target=deliverer, args=(run,))
               for run in (worker, send_due_mail)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []

    received = Counter(m["message"]["Subject"] for m in smtp_server.messages)
    assert received == Counter({f"Mail {i}": 1 for i in range(200)})
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {
        (OutgoingMail.Status.SENT, 1)}
