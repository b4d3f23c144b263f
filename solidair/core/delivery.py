"""Sending the outbox: each mail is claimed before it is sent, so it goes out exactly once.

Two deliverers meet on the same rows: the worker's task (`core.tasks.deliver_mail`, queued with
every mail) and the scheduled retry (`manage.py send_pending_mail`, which calls
`send_due_mail`); during a backlog both may reach a mail at the same moment, and an
administrator can also send by hand from the admin. A deliverer sends a mail only after one
conditional UPDATE has moved it from "pending, not claimed" to "pending, claimed at <now>":
the database lets exactly one such UPDATE change the row (PostgreSQL locks the row and checks
the condition again once the other claim commits; SQLite has one writer at a time), so the
others see 0 rows changed and leave the mail alone. The result is written and the claim
released in one more UPDATE.

A claim older than `CLAIM_TIMEOUT` belongs to a deliverer that died while sending (a worker
killed or restarted): the next deliverer takes the mail over and counts the lost try as an
attempt, so a mail that keeps crashing its worker is abandoned like one that keeps failing.

This module depends only on the model; `core.tasks` wraps `deliver` in a task and `core.mail`
(the outbox's front: queueing, retention) queues that task. Nothing here imports either.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import (
    Case,
    F,
    PositiveSmallIntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.utils import timezone
from django.utils.module_loading import import_string

from solidair.core.models import OutgoingMail

MAX_ATTEMPTS = 8
# Longer than any one send can take (SMTP's EMAIL_TIMEOUT is per network operation, a PDF
# attachment is rendered in seconds): a claim this old is a deliverer that died.
CLAIM_TIMEOUT = timedelta(minutes=15)
# A new mail is sent by its task; `send_pending_mail` takes it only if the task has not sent
# it after this long (a lost task, a worker far behind), so the two do not compete for it.
TASK_GRACE = timedelta(minutes=15)
INTERRUPTED = "Interrupted: the sender stopped before it finished"

Status = OutgoingMail.Status


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes, at most six hours between attempts."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _claimable(now: datetime) -> Q:
    """Pending mail that no live deliverer holds."""
    return Q(status=Status.PENDING) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))


def _claim(pk: int) -> datetime | None:
    """Take the mail for this deliverer in one conditional UPDATE; its claim time, or None if
    another deliverer holds it or it is no longer pending."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(_claimable(now), pk=pk).update(
        claimed_at=now,
        # Taken over from a deliverer that died: its try counts.
        attempts=Case(When(claimed_at__isnull=False, then=F("attempts") + 1),
                      default=F("attempts"), output_field=PositiveSmallIntegerField()),
        last_error=Case(When(claimed_at__isnull=False, then=Value(INTERRUPTED)),
                        default=F("last_error"), output_field=TextField()),
    )
    return now if claimed else None


def _build_attachments(mail: OutgoingMail):
    """Attachments are built when sending, so a PDF is rendered by the worker, not the request.

    Each is `{"builder": "dotted.path", "args": {...}}`; the builder returns
    `(filename, bytes, content_type)`.
    """
    for spec in mail.attachments:
        yield import_string(spec["builder"])(**spec.get("args", {}))


def _send(mail: OutgoingMail) -> None:
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body, to=mail.to, reply_to=mail.reply_to or None,
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for filename, content, content_type in _build_attachments(mail):
        message.attach(filename, content, content_type)
    message.send()


def _record_failure(pk: int, claimed_at: datetime, *, attempts: int, error: str) -> None:
    """Back off, or give up after MAX_ATTEMPTS: the mail becomes FAILED and waits, whole, for a
    coordinator to send it again (`/account/backoffice/mail/`); `purge_outbox` deletes it with
    its one-time links when the retention period ends unused. Written only while this
    deliverer still holds the claim."""
    changes = {"attempts": attempts, "last_error": error[:2000], "claimed_at": None}
    if attempts >= MAX_ATTEMPTS:
        changes |= {"status": Status.FAILED, "next_attempt_at": None}
    else:
        changes["next_attempt_at"] = timezone.now() + backoff(attempts)
    OutgoingMail.objects.filter(pk=pk, claimed_at=claimed_at).update(**changes)


def _attempt(pk: int) -> bool | None:
    """Claim and send one mail. True if it went out, False if this try failed, None if it was
    not this deliverer's to send (held by another, sent, abandoned or deleted)."""
    claimed_at = _claim(pk)
    if claimed_at is None:
        return None
    # Read after claiming: the text as it is now (a person's data may have been erased since).
    mail = OutgoingMail.objects.get(pk=pk)
    if mail.attempts >= MAX_ATTEMPTS:  # every try so far was interrupted
        _record_failure(pk, claimed_at, attempts=mail.attempts, error=INTERRUPTED)
        return False
    try:
        _send(mail)
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
        _record_failure(pk, claimed_at, attempts=mail.attempts + 1,
                        error=f"{type(error).__name__}: {error}")
        return False
    # It went out: recorded even if a slow send lost its claim, since that is the truth.
    OutgoingMail.objects.filter(pk=pk, status=Status.PENDING).update(
        status=Status.SENT, sent_at=timezone.now(), attempts=mail.attempts + 1,
        next_attempt_at=None, last_error="", claimed_at=None)
    return True


def deliver(mail: OutgoingMail) -> bool:
    """Try to send one mail now, unless another deliverer is sending it. Returns whether it
    went out (here or before); a failure is recorded with its back-off."""
    outcome = _attempt(mail.pk)
    if outcome is None:
        return OutgoingMail.objects.filter(pk=mail.pk, status=Status.SENT).exists()
    return outcome


def send_due_mail(*, now=None, limit: int = 500) -> tuple[int, int]:
    """Retry the pending mail whose time has come: after a failure, its back-off; a new mail,
    `TASK_GRACE` (its task should have sent it); a claimed one, `CLAIM_TIMEOUT` (its deliverer
    died). Mail another deliverer is sending is left alone. Returns (sent, still failing)."""
    now = now or timezone.now()
    due = (OutgoingMail.objects.filter(_claimable(timezone.now()), next_attempt_at__lte=now)
           .order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    for pk in list(due):
        outcome = _attempt(pk)
        sent += outcome is True
        failed += outcome is False
    return sent, failed
