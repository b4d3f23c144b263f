import re

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from solidair.core.delivery import deliver
from solidair.core.models import OutgoingMail

_ADDRESS = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")


def mask_addresses(text: str) -> str:
    """anna.peeters@example.org -> a…@example.org: enough to see a domain problem, not a person."""
    return _ADDRESS.sub(r"\1…@\2", text)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Failed and waiting mails are visible here, and can be sent again by hand.

    Staff are coordinators, who see counts, never residents: no text and no full address here.
    """

    list_display = ["subject", "status", "attempts", "next_attempt_at", "topic", "created_at"]
    list_filter = ["status", "topic"]
    search_fields = ["subject"]
    fields = readonly_fields = ["recipients", "subject", "topic", "status", "attempts",
                                "error", "created_at", "sent_at"]
    actions = ["retry_now"]

    @admin.display(description=_("recipients"))
    def recipients(self, mail):
        return mask_addresses(", ".join(mail.to))

    @admin.display(description=_("last error"))
    def error(self, mail):
        return mask_addresses(mail.last_error)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Try to send the selected e-mails again now"))
    def retry_now(self, request, queryset):
        waiting = queryset.filter(status=OutgoingMail.Status.PENDING)
        sent = sum(deliver(mail) for mail in waiting)
        self.message_user(request, _("%(count)d e-mails sent.") % {"count": sent},
                          messages.SUCCESS)
