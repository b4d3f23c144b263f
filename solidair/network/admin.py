from django import forms
from django.contrib import admin

from solidair.core.activities import activity_catalogue
from solidair.core.admin_history import HistoryAdmin
from solidair.network.models import (
    Addressee,
    Brochure,
    GoodPractice,
    Meeting,
    Partner,
    PracticeActivity,
    PracticePhoto,
    PracticeTranslation,
    Recommendation,
    RecommendationEvent,
    Registration,
)


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["theme", "starts_at", "host_municipality", "capacity"]
    date_hierarchy = "starts_at"
    search_fields = ["theme"]
    inlines = [RegistrationInline]


class ActivityInline(admin.TabularInline):
    model = PracticeActivity
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "activity":  # the charter's activities by number, as titled today
            return forms.TypedChoiceField(label=db_field.verbose_name, coerce=int,
                                          choices=[(activity.number, activity.label)
                                                   for activity in activity_catalogue()])
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TranslationInline(admin.StackedInline):
    model = PracticeTranslation
    extra = 0


class PhotoInline(admin.TabularInline):
    model = PracticePhoto
    extra = 0


@admin.register(GoodPractice)
class GoodPracticeAdmin(HistoryAdmin):
    list_display = ["title", "municipality", "status", "year", "published_at"]
    list_filter = ["status", "year", "language"]
    search_fields = ["title", "search_text"]
    raw_id_fields = ["municipality", "submitted_by"]
    inlines = [ActivityInline, TranslationInline, PhotoInline]


@admin.register(Brochure)
class BrochureAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "version", "state", "page_count", "published_at"]
    list_filter = ["state"]
    readonly_fields = ["state", "progress", "error", "page_count", "languages", "has_map",
                       "built_at"]


class EventInline(admin.TabularInline):
    model = RecommendationEvent
    extra = 0


@admin.register(Recommendation)
class RecommendationAdmin(HistoryAdmin):
    list_display = ["title", "level", "addressee", "state", "outcome"]
    list_filter = ["level", "state", "outcome"]
    inlines = [EventInline]


@admin.register(Addressee)
class AddresseeAdmin(HistoryAdmin):
    list_display = ["name", "office", "portfolio", "level", "active"]
    list_filter = ["level", "active"]


@admin.register(Partner)
class PartnerAdmin(HistoryAdmin):
    list_display = ["name", "role", "order"]
