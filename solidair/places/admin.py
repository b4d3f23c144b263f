from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from solidair.places.models import (
    LegacyMunicipality,
    Municipality,
    MunicipalityStatus,
    PostalCode,
    StatusChange,
)
from solidair.places.services import municipality_set_city_title, municipality_set_status


class MunicipalityAdminForm(forms.ModelForm):
    """The status is changed only through municipality_set_status, with a reason."""

    new_status = forms.ChoiceField(label=_("change status to"), required=False,
                                   choices=[("", _("(keep the current status)")),
                                            *MunicipalityStatus.choices])
    reason = forms.CharField(label=_("reason for the change"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Municipality
        fields = ["is_city"]

    def clean(self):
        data = super().clean()
        if data.get("new_status") and data["new_status"] != self.instance.status \
                and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the status changes."))
        return data


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    fields = ["changed_at", "from_status", "to_status", "reason", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PostalCodeInline(admin.TabularInline):
    model = PostalCode
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = MunicipalityAdminForm
    list_display = ["nis", "name_nl", "name_fr", "province", "is_city", "status", "status_since"]
    list_filter = ["status", "region", "province", "is_city", "is_city_overridden",
                   "is_founding_member"]
    search_fields = ["nis", "name_nl", "name_fr", "name_de", "search_text",
                     "postal_codes__code"]
    readonly_fields = ["nis", "name_nl", "name_fr", "name_de", "region", "province", "status",
                       "status_since", "member_since", "joined_as", "is_founding_member",
                       "is_city_overridden"]
    fieldsets = [
        (None, {"fields": ["nis", "name_nl", "name_fr", "name_de", "region", "province"]}),
        (_("City title"), {"fields": ["is_city", "is_city_overridden"]}),
        (_("Status in the network"), {"fields": [
            "status", "status_since", "member_since", "joined_as", "is_founding_member",
            "new_status", "reason"]}),
    ]
    inlines = [StatusChangeInline]
    list_select_related = ["province"]

    def has_add_permission(self, request):
        return False  # municipalities come from the reference data

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if "is_city" in form.changed_data:
            municipality_set_city_title(municipality=obj, is_city=form.cleaned_data["is_city"],
                                        by=request.user)
        new_status = form.cleaned_data.get("new_status")
        if new_status and new_status != obj.status:
            municipality_set_status(municipality=obj, status=new_status,
                                    reason=form.cleaned_data["reason"].strip(), by=request.user)


@admin.register(LegacyMunicipality)
class LegacyMunicipalityAdmin(admin.ModelAdmin):
    list_display = ["nis", "name_nl", "name_fr", "successor"]
    search_fields = ["nis", "name_nl", "name_fr"]
    readonly_fields = ["nis", "name_nl", "name_fr", "name_de", "successor"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["municipality", "from_status", "to_status", "changed_at", "changed_by"]
    list_filter = ["to_status"]
    search_fields = ["municipality__name_nl", "municipality__name_fr", "reason"]
    list_select_related = ["municipality", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
