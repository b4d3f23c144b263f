from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.campaigns import receipts
from solidair.campaigns.models import (
    MESSAGE_MAX,
    NAME_MAX,
    PHONE_MAX,
    AnswerOutcome,
    AnswerReport,
    CampaignSettings,
)
from solidair.core.numbers import COUNT_MAX, WholeNumberField, number_fields, years_between
from solidair.places.forms import MunicipalityChoiceField


class SignatureForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        help_text=_("We send you a link to confirm. Your signature counts once you click it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    postal_code = forms.RegexField(
        label=_("Your postal code"), regex=r"^\s*[0-9]{4}\s*$", max_length=6,
        error_messages={"invalid": _("A Belgian postal code has four digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}))
    phone = forms.CharField(label=_("Your phone number (optional)"), max_length=PHONE_MAX,
                            required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    message = forms.CharField(
        label=_("In your own words (optional, but it matters)"), max_length=MESSAGE_MAX,
        required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Councils weigh a personal letter more than identical ones. Why does "
                    "solidarity matter to you? This paragraph is sent to the council with your "
                    "name."))
    wants_to_volunteer = forms.BooleanField(
        label=_("I want to help as a volunteer"), required=False,
        help_text=_("We keep this wish with your signature and help you offer your time."))
    show_name_publicly = forms.BooleanField(
        label=_("Show my first name and initial publicly on the municipality's page"),
        required=False)
    share_email_with_council = forms.BooleanField(
        label=_("The council may see my e-mail address, to answer me"), required=False)
    consent = forms.BooleanField(label=_("I agree"), required=True,
                                 error_messages={"required": _(
                                     "Please tick that you agree, so that we may send your "
                                     "signature.")},
                                 # The consent text above the box says what is agreed to.
                                 widget=forms.CheckboxInput(
                                     attrs={"aria-describedby": "consent-text"}))
    # Left empty by people; robots fill it in. Hidden from view and from screen readers.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))


class AnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Date of the answer"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AnswerOutcome.choices)
    text = forms.CharField(label=_("Text of the answer"), required=False, max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 8}))
    document = forms.FileField(label=_("The answer as a PDF document (optional)"),
                               required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))


class AnswerReportForm(forms.Form):
    replied = forms.ChoiceField(label=_("Did your council reply?"),
                                choices=AnswerReport.Replied.choices, widget=forms.RadioSelect)
    details = forms.CharField(label=_("What did it answer? (optional)"), required=False,
                              max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class CampaignSettingsForm(forms.ModelForm):
    class Meta:
        model = CampaignSettings
        fields = ["council_email", "digest_period_days", "signature_threshold"]
        formfield_callback = number_fields({"digest_period_days": (1, 365),
                                            "signature_threshold": (1, COUNT_MAX)})


class CouncilAddressForm(CampaignSettingsForm):
    """What the municipality's officer changes: the council's address only."""

    class Meta(CampaignSettingsForm.Meta):
        fields = ["council_email"]


class SignatoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or words in the paragraph"), required=False,
                        max_length=100)
    since = forms.DateField(label=_("Confirmed from"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("Confirmed until"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    with_message = forms.BooleanField(label=_("Only with a personal paragraph"), required=False)
    contactable = forms.BooleanField(label=_("Only those who may be answered"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("Choose a date after the start date."))
        return data


class SignatoryWriteForm(forms.Form):
    signatures = forms.TypedMultipleChoiceField(label=_("Co-signatories"), coerce=int,
                                                widget=forms.CheckboxSelectMultiple)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, signatures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatures"].choices = [(s.pk, s.name) for s in signatures]


class BlockedDomainForm(forms.Form):
    domain = forms.CharField(label=_("Domain"), max_length=253,
                             help_text=_("For example example.org: addresses at this domain and "
                                         "its subdomains can no longer sign."))
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)


class ReceiptCheckForm(forms.Form):
    """A receipt code as the signer pasted it from their mail (spaces and dashes ignored)."""

    code = forms.CharField(
        label=_("Your receipt code"), max_length=200, strip=True,
        help_text=_("The 64 letters and digits from the mail that told you your signature "
                    "went to the council."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))

    def clean_code(self):
        code = receipts.normalize_code(self.cleaned_data["code"])
        if not receipts.is_code(code):
            raise forms.ValidationError(_("A receipt code has 64 letters (a-f) and digits."))
        return code


class PaperBatchForm(forms.Form):
    count = WholeNumberField(label=_("Number of signatures"), min_value=1, max_value=COUNT_MAX)
    collected_on = forms.DateField(label=_("Collected on"),
                                   validators=[years_between(2000, 2100)],
                                   widget=forms.DateInput(attrs={"type": "date"}))
    collected_by = forms.CharField(
        label=_("Collected by"), max_length=200,
        help_text=_("A group's name, such as a neighbourhood committee or a parish: shown "
                    "publicly. Never a resident's private data."))
    scan = forms.FileField(
        label=_("Scanned sheets (PDF, PNG or JPEG, at most 20 MB)"), required=False,
        help_text=_("Kept privately: only the municipality's officers and the coordinators "
                    "can open it."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))


CRITERIA = ("network", "email_domain", "municipality", "confirmed_from", "confirmed_until")


class InvalidationCriteriaForm(forms.Form):
    """What a bulk invalidation matches: at least one criterion; all given must match."""

    network = forms.CharField(label=_("IP network"), max_length=43, required=False,
                              help_text=_("For example 192.0.2.0/24 or 2001:db8::/64."))
    email_domain = forms.CharField(label=_("E-mail domain"), max_length=253, required=False,
                                   help_text=_("Subdomains match too."))
    municipality = MunicipalityChoiceField(label=_("Municipality"), required=False)
    confirmed_from = forms.DateTimeField(
        label=_("Confirmed from"), required=False, validators=[years_between(2000, 2100)],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    confirmed_until = forms.DateTimeField(
        label=_("Confirmed before"), required=False, validators=[years_between(2000, 2100)],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def clean_network(self):
        from solidair.campaigns.invalidation import clean_network

        return clean_network(self.cleaned_data["network"])

    def clean_email_domain(self):
        from solidair.campaigns.services import clean_domain

        domain = self.cleaned_data["email_domain"]
        return clean_domain(domain) if domain.strip() else ""

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(name) for name in CRITERIA):
            raise forms.ValidationError(_("Choose at least one criterion."))
        return data


class InvalidationConfirmForm(InvalidationCriteriaForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Recorded in the audit log with your name."))
