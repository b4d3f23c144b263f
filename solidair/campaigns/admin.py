"""The site administrators' back office for the campaign.

Staff are coordinators too, and coordinators see counts, never residents: a co-signature shows
here without its name, e-mail address, phone, postal code or paragraph (only its own officers
see those, on their pages), and the council's address changes only through the campaign
settings page, where it is confirmed and audited.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from solidair.campaigns import services
from solidair.campaigns.models import (
    AnswerReport,
    CampaignSettings,
    CouncilAnswer,
    Delivery,
    Signature,
    SignatureStatus,
)
from solidair.core.admin_history import HistoryAdmin


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "status", "created_at", "confirmed_at",
                    "delivery", "is_demo"]
    list_filter = ["status", "is_demo", "wants_to_volunteer"]
    search_fields = ["municipality__name_nl", "municipality__name_fr", "municipality__nis"]
    list_select_related = ["municipality"]
    # No personal field, and nothing to edit: statuses change through the review actions.
    fields = readonly_fields = [
        "municipality", "status", "language", "wants_to_volunteer", "show_name_publicly",
        "share_email_with_council", "consent_version", "created_at", "confirmed_at",
        "delivery", "is_demo"]
    actions = ["release", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Release the selected held signatures (they count)"))
    def release(self, request, queryset):
        self._review(request, queryset, release=True)

    @admin.action(description=_("Reject the selected held signatures"))
    def reject(self, request, queryset):
        self._review(request, queryset, release=False)

    def _review(self, request, queryset, *, release):
        held = list(queryset.filter(status=SignatureStatus.HELD))
        for signature in held:
            services.signature_review(signature=signature, release=release, by=request.user)
        self.message_user(request, _("%(count)d signatures reviewed.") % {"count": len(held)})


@admin.register(CampaignSettings)
class CampaignSettingsAdmin(HistoryAdmin):
    list_display = ["municipality", "council_email", "council_email_confirmed_at",
                    "pending_council_email", "digest_period_days", "signature_threshold"]
    search_fields = ["municipality__name_nl", "municipality__name_fr", "council_email"]
    raw_id_fields = ["municipality"]
    # The address is official data: it changes on the settings page (confirmed, audited,
    # told to the officers), never here.
    readonly_fields = ["council_email", "council_email_confirmed_at", "council_email_source",
                       "pending_council_email", "pending_expires_at", "pending_requested_at",
                       "pending_requested_by"]

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["municipality", "number", "to", "created_at", "signature_count", "mail_status"]
    readonly_fields = ["number", "fingerprint"]
    raw_id_fields = ["municipality", "mail"]
    date_hierarchy = "created_at"

    @admin.display(description=_("e-mail"))
    def mail_status(self, delivery):
        return delivery.mail.get_status_display() if delivery.mail else "-"


@admin.register(CouncilAnswer)
class CouncilAnswerAdmin(HistoryAdmin):
    list_display = ["municipality", "answered_on", "outcome", "recorded_by"]
    list_filter = ["outcome"]
    raw_id_fields = ["municipality", "recorded_by"]


@admin.register(AnswerReport)
class AnswerReportAdmin(admin.ModelAdmin):
    list_display = ["municipality", "replied", "created_at"]
    list_filter = ["replied"]
    raw_id_fields = ["municipality", "signature"]
