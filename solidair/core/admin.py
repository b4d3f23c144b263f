from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from solidair.core.mail import deliver
from solidair.core.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Failed and waiting mails are visible here, and can be sent again by hand."""

    list_display = ["subject", "status", "attempts", "next_attempt_at", "topic", "created_at"]
    list_filter = ["status", "topic"]
    search_fields = ["subject"]
    readonly_fields = ["to", "subject", "body", "html", "reply_to", "attachments", "topic",
                       "attempts", "last_error", "created_at", "sent_at"]
    actions = ["retry_now"]

    @admin.action(description=_("Try to send the selected e-mails again now"))
    def retry_now(self, request, queryset):
        sent = sum(deliver(mail) for mail in queryset.exclude(status=OutgoingMail.Status.SENT))
        self.message_user(request, _("%(count)d e-mails sent.") % {"count": sent},
                          messages.SUCCESS)
