"""Back office. Volunteer offers are deliberately not here: their names and addresses are for
the municipality's own officers only (see views.officer_*), not for site staff."""

from django.contrib import admin

from solidair.core.admin_history import HistoryAdmin
from solidair.volunteers.models import VolunteerNeed


@admin.register(VolunteerNeed)
class VolunteerNeedAdmin(HistoryAdmin):
    list_display = ["title", "municipality", "wanted", "until", "status", "is_demo"]
    list_filter = ["status", "is_demo"]
    search_fields = ["title", "municipality__name_nl", "municipality__name_fr"]
    raw_id_fields = ["municipality"]
    readonly_fields = ["created_by", "created_at", "closed_at"]
