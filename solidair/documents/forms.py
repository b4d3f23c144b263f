from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from solidair.documents.letter import clean_user_text, letter_languages
from solidair.documents.models import LetterLanguage

MESSAGE_MAX_LENGTH = 2000
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ./()-]{5,28}$",
    _("Enter a phone number with digits, e.g. 0470 12 34 56 or +32 470 12 34 56."))


class LetterForm(forms.Form):
    """What a resident fills in to get their letter. Shared by the page and the API."""

    name = forms.CharField(label=_("Your name"), max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                             help_text=_("Printed in the letter so the council can answer you."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Your phone number (optional)"), max_length=30,
                            required=False, validators=[phone_validator],
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    language = forms.ChoiceField(
        label=_("Language of the letter"), widget=forms.RadioSelect,
        help_text=_("The English version is for reading: send your council the letter in its "
                    "own language."))
    message = forms.CharField(
        label=_("In your own words (optional, but it counts)"), required=False,
        max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Councils receive many identical letters. A few sentences of your own "
                    "(why this matters to you, what you see in your street or school) show that "
                    "a real neighbour is writing, and they weigh more. At most 2000 characters."))
    postal_code = forms.CharField(
        label=_("Your postal code (optional)"), max_length=4, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        help_text=_("Only passed on to the volunteers' form if you offer to help."))
    volunteer = forms.BooleanField(label=_("I want to help as a volunteer"), required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        labels = dict(LetterLanguage.choices)
        self.fields["language"].choices = [(code, labels[code])
                                           for code in letter_languages(municipality)]

    def _clean_text(self, field):
        return clean_user_text(self.cleaned_data.get(field, ""))

    def clean_name(self):
        return self._clean_text("name")

    def clean_phone(self):
        return self._clean_text("phone")

    def clean_message(self):
        return self._clean_text("message")

    def clean_postal_code(self):
        code = self._clean_text("postal_code")
        if code and not self.municipality.postal_codes.filter(code=code).exists():
            raise forms.ValidationError(
                _("%(code)s is not a postal code of %(municipality)s.")
                % {"code": code, "municipality": self.municipality.name})
        return code

    def letter_arguments(self) -> dict:
        """The keyword arguments of `letter_text`/`letter_pdf`/`letter_docx`."""
        data = self.cleaned_data
        return {"municipality": self.municipality, "language": data["language"],
                "name": data["name"], "email": data["email"], "phone": data["phone"],
                "message": data["message"]}
