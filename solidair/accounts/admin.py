"""The Django admin is for site administrators (staff); coordinators use the back office pages.
Signing in to the admin goes through allauth, so two-factor applies there too."""

from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import AuditEntry, Invitation, OfficerAssignment, User


def _admin_login(request, extra_context=None):
    """Django's own admin sign-in would skip two-factor: send people to ours instead. Someone
    signed in without staff rights gets 403 (not a redirect loop through the sign-in page)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.login = _admin_login


class OfficerAssignmentInline(admin.TabularInline):
    model = OfficerAssignment
    extra = 0
    raw_id_fields = ["municipality"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_coordinator", "is_staff", "is_active"]
    list_filter = ["is_coordinator", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [OfficerAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Roles"), {"fields": ["is_active", "is_coordinator", "is_staff", "is_superuser",
                                 "groups", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"],
                             "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "municipality", "state", "created_at", "expires_at"]
    list_filter = ["state", "role"]
    search_fields = ["email"]
    readonly_fields = ["email", "role", "municipality", "language", "state", "invited_by",
                       "created_at", "expires_at", "accepted_at", "accepted_by", "revoked_at"]

    def has_add_permission(self, request):
        return False  # invitations are made in the back office, which mails the link


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: nobody edits the audit log."""

    list_display = ["at", "actor_label", "action", "object_type", "object_label", "municipality"]
    list_filter = ["action"]
    search_fields = ["object_id", "object_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# allauth's admin for user sessions searches `user__username`, which our users do not have
# (they sign in with their e-mail address): a search there was a server error.
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(BaseUserSessionAdmin):
    search_fields = ["user__email", "ip"]
