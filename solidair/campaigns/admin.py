"""The coordinators' back office for the campaign, and the outbox (core has no admin of its own)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from solidair.campaigns import services
from solidair.campaigns.models import (
    AnswerReport,
    CampaignSettings,
    CouncilAnswer,
    Delivery,
    Signature,
    SignatureStatus,
)


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["public_name", "municipality", "status", "created_at", "confirmed_at",
                    "delivery", "is_demo"]
    list_filter = ["status", "is_demo", "wants_to_volunteer"]
    search_fields = ["email_normalized", "name", "municipality__name_nl"]
    raw_id_fields = ["municipality", "delivery"]
    readonly_fields = ["consent_text", "consent_version", "language", "created_at",
                       "confirmed_at", "source_hash"]
    actions = ["release", "reject"]

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
class CampaignSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "council_email", "digest_period_days", "signature_threshold"]
    search_fields = ["municipality__name_nl", "municipality__name_fr", "council_email"]
    raw_id_fields = ["municipality"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["municipality", "to", "created_at", "signature_count", "mail_status"]
    raw_id_fields = ["municipality", "mail"]
    date_hierarchy = "created_at"

    @admin.display(description=_("e-mail"))
    def mail_status(self, delivery):
        return delivery.mail.get_status_display() if delivery.mail else "-"


@admin.register(CouncilAnswer)
class CouncilAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "answered_on", "outcome", "recorded_by"]
    list_filter = ["outcome"]
    raw_id_fields = ["municipality", "recorded_by"]


@admin.register(AnswerReport)
class AnswerReportAdmin(admin.ModelAdmin):
    list_display = ["municipality", "replied", "created_at"]
    list_filter = ["replied"]
    raw_id_fields = ["municipality", "signature"]
