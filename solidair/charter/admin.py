from django.contrib import admin

from solidair.charter.models import (
    Activity,
    Application,
    Charter,
    Commitment,
    CouncilTerm,
    FigureDefinition,
    Membership,
    ReviewEvent,
    TermConfirmation,
    YearlyReport,
)
from solidair.core.admin_history import HistoryAdmin


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0


@admin.register(Charter)
class CharterAdmin(HistoryAdmin):
    list_display = ["name", "minimum_activities"]
    inlines = [ActivityInline]


@admin.register(Activity)
class ActivityAdmin(HistoryAdmin):
    list_display = ["number", "title_nl", "code", "is_other", "is_active"]
    list_filter = ["charter", "is_active"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["activity", "other_description", "action", "target_number", "target_unit",
              "planned_date", "status"]


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    readonly_fields = ["kind", "text", "author", "at"]
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    # Decisions go through the review page (it sets the status, e-mails and audits).
    list_display = ["municipality", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["municipality__name_nl", "municipality__nis"]
    readonly_fields = ["status", "submitted_at", "decided_at", "council_decision_file"]
    inlines = [CommitmentInline, ReviewEventInline]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["municipality", "joined_as", "since", "ended_on", "is_founding"]
    list_filter = ["is_founding"]
    search_fields = ["municipality__name_nl", "joined_as"]


@admin.register(YearlyReport)
class YearlyReportAdmin(HistoryAdmin):
    list_display = ["municipality", "year", "places_adults", "places_minors",
                    "volunteers_active", "submitted_at"]
    list_filter = ["year"]


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(HistoryAdmin):
    list_display = ["code", "label_nl", "is_active"]


@admin.register(CouncilTerm)
class CouncilTermAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "started_at"]


@admin.register(TermConfirmation)
class TermConfirmationAdmin(admin.ModelAdmin):
    list_display = ["municipality", "term", "due_on", "confirmed_at"]
    list_filter = ["term", ("confirmed_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["token_expires_at"]

