"""The outbox: every e-mail goes through here, sent by a background task and retried on failure.

A web request only writes an `OutgoingMail` row (in its transaction) and queues the delivery
task, so a resident never waits on SMTP and a failed send is retried, not lost. When the task
backend keeps its queue in the same database (django_tasks_db), the task row is written in the
caller's transaction: it commits or rolls back with the mail and the data, one commit fewer.
Any other backend (the immediate one in tests, a broker) is called once the transaction commits,
so nothing is sent for data that was rolled back.

Sending (each mail claimed first, so it goes out once) is `core.delivery`; the task that runs it
is `core.tasks`. The imports go one way: mail -> tasks -> delivery -> models.
"""

from datetime import timedelta

from django.conf import settings
from django.db import router, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from solidair.core.delivery import MAX_ATTEMPTS, TASK_GRACE, backoff, deliver, send_due_mail
from solidair.core.french import elide, is_french
from solidair.core.links import SITE_NAME, site_url
from solidair.core.models import OutgoingMail
from solidair.core.tasks import deliver_mail

# The outbox's whole interface, for callers that need more than queueing.
__all__ = ["MAX_ATTEMPTS", "backoff", "deliver", "outbox_for", "outbox_forget", "outbox_purge",
           "queue_again", "queue_mail", "queue_templated_mail", "send_due_mail"]


def queue_mail(*, to: list[str] | str, subject: str, body: str, html: str = "",
               reply_to: list[str] | None = None, attachments: list[dict] | None = None,
               topic: str = "") -> OutgoingMail:
    mail = OutgoingMail.objects.create(
        to=[to] if isinstance(to, str) else list(to), subject=subject[:300], body=body,
        html=html, reply_to=reply_to or [], attachments=attachments or [], topic=topic,
        # Its task sends it; `send_pending_mail` takes it only if the task has not by then.
        next_attempt_at=timezone.now() + TASK_GRACE,
    )
    _enqueue(mail)
    return mail


def queue_again(mail: OutgoingMail) -> None:
    """A new round of attempts, starting now, for a mail that failed (a coordinator asked).

    A mail that went out meanwhile stays sent; one being sent keeps its sender's claim (the
    task queued here then finds it taken and leaves it)."""
    OutgoingMail.objects.filter(pk=mail.pk).exclude(status=OutgoingMail.Status.SENT).update(
        status=OutgoingMail.Status.PENDING, attempts=0,
        next_attempt_at=timezone.now() + TASK_GRACE)
    mail.refresh_from_db(fields=["status", "attempts", "next_attempt_at"])
    if mail.status == OutgoingMail.Status.PENDING:
        _enqueue(mail)


def _enqueue(mail: OutgoingMail) -> None:
    if _task_queue_shares_database(deliver_mail, router.db_for_write(OutgoingMail)):
        deliver_mail.enqueue(mail.pk)
    else:
        transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))


def _task_queue_shares_database(task, alias: str) -> bool:
    """Whether the task's backend stores its queue as rows of the database `alias`."""
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is not installed
        return False
    return (isinstance(task.get_backend(), DatabaseBackend)
            and router.db_for_write(DBTaskResult) == alias)


def queue_templated_mail(*, to, template: str, context: dict, language: str = "nl",
                         **kwargs) -> OutgoingMail:
    """Render `<template>_subject.txt` and `<template>.txt` in the recipient's language."""
    context = {"SITE_NAME": SITE_NAME, "SITE_URL": site_url(""), **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    if is_french(language):
        subject, body = elide(subject), elide(body)
    return queue_mail(to=to, subject=" ".join(subject.split()), body=body, **kwargs)


# Retention and the right to erasure ---------------------------------------------------------

ERASED = "[…]"


def outbox_purge(*, now=None) -> int:
    """Delete sent and failed mail older than OUTBOX_RETENTION_DAYS. Returns how many.

    Bodies hold one-time links and names: the outbox keeps them only as long as someone may
    need to check what was sent.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    sent = OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT, sent_at__lt=cutoff)
    failed = OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED, created_at__lt=cutoff)
    return sent.delete()[0] + failed.delete()[0]


def _mail_to(address: str):
    """Mail with `address` among its recipients (JSON text match, checked exactly)."""
    wanted = address.strip().lower()
    candidates = OutgoingMail.objects.filter(to__icontains=wanted).only("pk", "to")
    return [m.pk for m in candidates if wanted in (r.strip().lower() for r in m.to)]


def outbox_for(address: str) -> list[dict]:
    """What the outbox still keeps of mail to `address`, for the person's own data export."""
    return [{"subject": m.subject, "status": m.status, "created_at": m.created_at.isoformat(),
             "sent_at": m.sent_at.isoformat() if m.sent_at else None}
            for m in OutgoingMail.objects.filter(pk__in=_mail_to(address)).order_by("created_at")]


def outbox_forget(*, address: str, texts=()) -> int:
    """A person's data is deleted: delete every mail to `address` (sent or not) and erase
    `texts` (their name, address, message lines) from the text of mail to others (a council's
    digest lists them). Returns how many mails were deleted or changed."""
    deleted = OutgoingMail.objects.filter(pk__in=_mail_to(address)).delete()[0]
    # Short strings would erase unrelated words; a name or an address is longer than this.
    texts = {t.strip() for t in (address, *texts) if len(t.strip()) >= 4}
    changed = 0
    for text in texts:
        for mail in OutgoingMail.objects.filter(body__contains=text).only("pk", "body", "html"):
            mail.body = mail.body.replace(text, ERASED)
            mail.html = mail.html.replace(text, ERASED)
            mail.save(update_fields=["body", "html"])
            changed += 1
    return deleted + changed
