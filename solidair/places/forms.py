from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.places.models import MunicipalityStatus
from solidair.places.selectors import province_choices


class MapFilterForm(forms.Form):
    """Province and status filters (GET) for the map and the directory."""

    province = forms.ChoiceField(label=_("Province"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *MunicipalityStatus.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces")), *province_choices()]


class DirectoryForm(MapFilterForm):
    # No max_length: a very long query is shortened with a message, not refused.
    q = forms.CharField(label=_("Postal code or name"), required=False, strip=True,
                        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100,
                                                      "autocomplete": "off"}))

    field_order = ["q", "province", "status"]
