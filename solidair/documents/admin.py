from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from solidair.core.admin_history import HistoryAdmin
from solidair.documents.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(HistoryAdmin):
    """Coordinators edit the letter's wording per language; every change is kept in history."""

    list_display = ["__str__", "subject", "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["language", "updated_at"]}),
        (_("Opening"), {"fields": ["addressee", "subject", "salutation", "introduction",
                                   "personal_heading"]}),
        (_("Body"), {"fields": ["body", "sponsorship_note", "members_note",
                                "member_joined_as"]}),
        (_("Closing"), {"fields": ["contact_email_phone", "contact_email", "closing",
                                   "cosigners_heading", "more_info"]}),
        (_("Words for the municipality"), {"fields": ["city_title", "municipality_title",
                                                      "city_word", "municipality_word"]}),
    ]

    def has_add_permission(self, request):
        # One text per language, seeded by a migration: edit them, do not add more.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
