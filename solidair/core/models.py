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
    # Attachments as [{"filename", "content_type", "path"}] in private storage, or generated
    # later by `attachment_builder` (dotted path called with `attachment_args`), so a PDF
    # is rendered by the worker, not in the web request.
    # [{"builder": "dotted.path", "args": {...}}], built when sending (see core.mail).
    attachments = models.JSONField(default=list, blank=True)
    topic = models.CharField(_("topic"), max_length=60, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return self.subject
