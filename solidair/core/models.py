from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """An e-mail waiting to be sent, or sent: the outbox survives SMTP failures and restarts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    # Attachments as [{"builder": "dotted.path", "args": {...}}]: each builder is called when
    # sending and returns (filename, bytes, content_type), so a PDF is rendered by the worker,
    # not in the web request (see core.delivery).
    attachments = models.JSONField(default=list, blank=True)
    topic = models.CharField(_("topic"), max_length=60, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When `send_pending_mail` may try it: after a failure's back-off, or for a new mail once
    # its task has had time to send it.
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Set while a deliverer sends it (one conditional UPDATE, so only one can): the others
    # leave it alone; a claim older than core.delivery.CLAIM_TIMEOUT is a deliverer that died.
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return self.subject
