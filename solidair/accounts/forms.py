from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from solidair.accounts.models import InvitationRole
from solidair.places.forms import MunicipalityChoiceField
from solidair.places.models import MunicipalityStatus


class AcceptInvitationForm(forms.Form):
    """A new account's name and password (checked by Django's validators, incl. common ones)."""

    first_name = forms.CharField(label=_("First name"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Last name"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "family-name"}))
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters; not a common password."))
    password2 = forms.CharField(label=_("Password (again)"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            from solidair.accounts.models import User

            candidate = User(email=self.email, first_name=cleaned.get("first_name", ""),
                             last_name=cleaned.get("last_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=InvitationRole.choices,
                             initial=InvitationRole.OFFICER)
    # Typed (a name, a postal code or a NIS code), not picked from 565 options.
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), required=False,
        help_text=_("Required for a municipal officer. Type a name, a postal code or a NIS "
                    "code."))
    language = forms.ChoiceField(label=_("Language of the invitation"),
                                 choices=settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == InvitationRole.OFFICER and not cleaned.get("municipality"):
            self.add_error("municipality", _("Choose the municipality this officer acts for."))
        return cleaned


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MunicipalityStatus.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000,
                             help_text=_("Why the status changes; kept in the history."))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason for this change."))
        return reason


class AuditFilterForm(forms.Form):
    municipality = MunicipalityChoiceField(label=_("Municipality"), required=False,
                                           help_text="")
    action = forms.CharField(label=_("Action"), required=False, max_length=100)
