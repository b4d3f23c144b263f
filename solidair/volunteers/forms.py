"""Shapes of the volunteer forms. The same offer form validates the page and the API."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidair.core.numbers import WholeNumberField
from solidair.places.models import Municipality
from solidair.volunteers.models import Availability, OfferStatus, Role, SpokenLanguage
from solidair.volunteers.selectors import municipalities_for_postal_code


class _CheckboxList(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class OfferDetailsForm(forms.Form):
    """What a volunteer may change later, too."""

    name = forms.CharField(label=_("Your name"), max_length=120,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    roles = _CheckboxList(label=_("How would you like to help?"), choices=Role.choices,
                          error_messages={"required": _("Choose at least one way to help.")})
    interpreting_languages = _CheckboxList(
        label=_("Languages you can interpret"), choices=SpokenLanguage.choices, required=False,
        help_text=_("Only if you chose interpreting."))
    availability = _CheckboxList(label=_("When are you available?"),
                                 choices=Availability.choices, required=False)
    languages = _CheckboxList(label=_("Languages you speak"), choices=SpokenLanguage.choices,
                              required=False)
    message = forms.CharField(
        label=_("Anything else the municipality should know? (optional)"), required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    share_contact = forms.BooleanField(
        label=_("The municipality's volunteer officer may see my e-mail address and phone "
                "number"), required=False,
        help_text=_("If you do not tick this, the officer writes to you through this platform "
                    "without seeing your address."))

    def clean(self):
        cleaned = super().clean()
        if Role.INTERPRETING in cleaned.get("roles", []) and not cleaned.get(
                "interpreting_languages"):
            self.add_error("interpreting_languages",
                           _("Choose the languages you can interpret."))
        return cleaned


class OfferForm(OfferDetailsForm):
    """A new offer. The postal code sets the municipality; when a code serves several
    municipalities, the person chooses one."""

    email = forms.EmailField(label=_("E-mail address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    postal_code = forms.RegexField(
        label=_("Postal code"), regex=r"^[0-9]{4}$",
        error_messages={"invalid": _("Enter a Belgian postal code of four digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}))
    municipality = forms.ChoiceField(label=_("Municipality"), required=False, choices=())
    consent = forms.BooleanField(
        label=_("I agree"), required=True,
        error_messages={"required": _("Tick this box to agree, or we cannot pass on your "
                                      "offer.")},
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}))
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))

    field_order = ["name", "email", "phone", "postal_code", "municipality", "roles",
                   "interpreting_languages", "availability", "languages", "message",
                   "share_contact", "consent"]

    def __init__(self, *args, nis: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.nis = nis
        code = (self.data.get("postal_code") if self.is_bound
                else self.initial.get("postal_code")) or ""
        code = code.strip()
        # Look up only well-formed codes: anything else (a NUL byte, say) never reaches the DB.
        candidates = (list(municipalities_for_postal_code(code))
                      if re.fullmatch(r"[0-9]{4}", code) else [])
        # Opened from a municipality's page: the form names it and sends the offer there.
        self.from_municipality = (Municipality.objects.filter(nis=nis).first()
                                  if re.fullmatch(r"[0-9]{5}", nis) else None)
        if self.from_municipality is not None and not candidates:
            candidates = [self.from_municipality]
        if self.from_municipality is not None:
            codes = sorted(self.from_municipality.postal_codes.values_list("code", flat=True))
            if len(codes) > 1:
                self.fields["postal_code"].help_text = _(
                    "%(municipality)s has these postal codes: %(codes)s.") % {
                    "municipality": self.from_municipality.name, "codes": ", ".join(codes)}
        self.candidates = {m.nis: m for m in candidates}
        self.fields["municipality"].choices = [("", _("Choose your municipality"))] + [
            (m.nis, m.name) for m in candidates]
        if nis in self.candidates:
            self.initial.setdefault("municipality", nis)

    @property
    def needs_municipality_choice(self) -> bool:
        return len(self.candidates) > 1

    def submission(self) -> dict:
        """The valid data as `services.offer_submit` takes it."""
        fields = ("email", "name", "phone", "postal_code", "roles", "interpreting_languages",
                  "availability", "languages", "message", "share_contact")
        return {"municipality": self.cleaned_data["municipality_obj"],
                **{field: self.cleaned_data[field] for field in fields}}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("postal_code")
        if not code:
            return cleaned
        found = {m.nis: m for m in municipalities_for_postal_code(code)}
        chosen = cleaned.get("municipality") or (self.nis if self.nis in found else "")
        if not found:
            self.add_error("postal_code", _("We do not know this postal code."))
        elif len(found) == 1 and (not chosen or chosen in found):
            cleaned["municipality_obj"] = next(iter(found.values()))
        elif chosen in found:
            cleaned["municipality_obj"] = found[chosen]
        elif chosen:
            self.add_error("municipality", _("This municipality does not use this postal code."))
        else:
            self.add_error("municipality", _("This postal code serves several municipalities: "
                                             "choose yours."))
        return cleaned


class OfficerFilterForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", _("All roles"))] + Role.choices)
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("All languages"))] + SpokenLanguage.choices)
    availability = forms.ChoiceField(label=_("Availability"), required=False,
                                     choices=[("", _("Any time"))] + Availability.choices)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses"))] + OfferStatus.choices)


class OfferStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=OfferStatus.choices)


class WriteForm(forms.Form):
    offers = forms.TypedMultipleChoiceField(label=_("Volunteers"), coerce=int,
                                            widget=forms.CheckboxSelectMultiple)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].choices = [(offer.pk, offer.name) for offer in offers]


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150,
                            help_text=_("For example: five language buddies for the new LOI."))
    description = forms.CharField(label=_("Description"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    roles = _CheckboxList(label=_("Roles"), choices=Role.choices,
                          help_text=_("Volunteers with one of these roles are told by e-mail."))
    wanted = WholeNumberField(label=_("Number of volunteers wanted"), min_value=1,
                              max_value=500)
    availability = _CheckboxList(label=_("When"), choices=Availability.choices, required=False)
    until = forms.DateField(label=_("Open until"),
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise forms.ValidationError(_("Choose a date today or later."))
        return until
