from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidair.core.activities import activity_catalogue
from solidair.core.forms import OptionsSelect
from solidair.core.numbers import SMALL_MAX, ModelIdsField, number_fields, years_between
from solidair.network.models import (
    Addressee,
    GoodPractice,
    Meeting,
    Outcome,
    Partner,
    PracticeTranslation,
    Recommendation,
    RecommendationLevel,
    RecommendationState,
)
from solidair.places.forms import MunicipalityChoiceField
from solidair.places.models import Province, Region

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_CAPACITY = 10_000  # seats at one meeting


def https_urls(field, **kwargs):
    """Model form fields, with web addresses typed without a scheme read as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class MeetingForm(forms.ModelForm):
    # Typed, not picked from 565 options: a name, a postal code or a NIS code.
    host_municipality = MunicipalityChoiceField(label=_("Host municipality"), required=False)

    class Meta:
        model = Meeting
        fields = ["theme", "starts_at", "ends_at", "place", "online_url", "host_municipality",
                  "agenda", "capacity"]
        formfield_callback = number_fields({"capacity": (1, MAX_CAPACITY)}, fallback=https_urls)
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            self.fields[name].validators.append(years_between(2000, 2100))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return data


class AttendanceForm(forms.Form):
    """Who came to a meeting: a box per registration. Registrations that were cancelled while
    the page was open stay valid choices (the service only marks registered people)."""

    attended = forms.TypedMultipleChoiceField(label=_("Who attended?"), required=False,
                                              coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (pk, str(pk)) for pk in meeting.registrations.values_list("pk", flat=True)]


class PracticeForm(forms.ModelForm):
    activities = forms.TypedMultipleChoiceField(
        label=_("Charter activities this practice serves"), coerce=int,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = GoodPractice
        fields = ["language", "title", "activities", "context", "actions", "results", "cost",
                  "partners", "lessons", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The charter's activities as coordinators last wrote them; one closed since stays
        # offered on a practice that already serves it.
        chosen = self.instance.activity_codes if self.instance.pk else ()
        self.fields["activities"].choices = activity_catalogue().choices(keep=chosen)


class TranslationForm(forms.ModelForm):
    class Meta:
        model = PracticeTranslation
        fields = ["title", "context", "actions", "results", "cost", "partners", "lessons"]


def sniff_image(head: bytes) -> str | None:
    """The image type from the file's first bytes, whatever its name or declared type says."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (JPEG, PNG or WebP, at most 5 MB)"))
    alt_text = forms.CharField(
        label=_("Description of the photo"), max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."))

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("The photo is larger than 5 MB."))
        upload.seek(0)
        content_type = sniff_image(upload.read(16))
        upload.seek(0)
        if content_type is None:
            raise forms.ValidationError(_("This file is not a JPEG, PNG or WebP image."))
        self.content_type = content_type
        return upload


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("publish", _("Publish")), ("changes", _("Ask for changes"))])
    remarks = forms.CharField(label=_("Remarks for the municipality"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    meeting = forms.ModelChoiceField(label=_("Presented at meeting"), required=False,
                                     queryset=Meeting.objects.order_by("-starts_at"))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "changes" and not (data.get("remarks") or "").strip():
            self.add_error("remarks", _("Say what should change."))
        return data


class LinkMeetingForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Presented at meeting"), required=False,
                                     queryset=Meeting.objects.order_by("-starts_at"))


class BrochureForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(label=_("Introduction"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 8}),
                                   help_text=_("Separate paragraphs with an empty line."))


class SelectionBrochureForm(BrochureForm):
    practices = ModelIdsField(
        label=_("Practices"), widget=forms.CheckboxSelectMultiple,
        queryset=GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
        .select_related("municipality").order_by("municipality__name_nl", "title"))


def practice_search_choices(catalogue, years) -> dict[str, list[tuple]]:
    """The choices of PracticeSearchForm's select fields in the active language (plain
    strings, so that they can be kept in the cache)."""
    everything = ("", str(_("All")))
    return {
        # Every activity, closed ones too: older practices serve them.
        "activity": [everything] + [(a.number, str(a.label)) for a in catalogue],
        "province": [everything] + [(p.code, p.name) for p in Province.objects.all()],
        "region": [everything] + [(r.code, r.name) for r in Region.objects.all()],
        "year": [everything] + [(y, y) for y in years],
    }


class PracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    activity = forms.TypedChoiceField(label=_("Charter activity"), required=False, coerce=int,
                                      empty_value=None, widget=OptionsSelect)
    province = forms.ChoiceField(label=_("Province"), required=False, widget=OptionsSelect)
    region = forms.ChoiceField(label=_("Region"), required=False, widget=OptionsSelect)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None,
                                  widget=OptionsSelect)

    def __init__(self, *args, years=(), choices=None, **kwargs):
        """`choices`: `practice_search_choices(...)`, kept per language and data version by
        the view; without it they are read here."""
        super().__init__(*args, **kwargs)
        if choices is None:
            choices = practice_search_choices(activity_catalogue(), years)
        for name, field_choices in choices.items():
            self.fields[name].choices = field_choices


class AddresseeForm(forms.ModelForm):
    class Meta:
        model = Addressee
        fields = ["name", "office", "portfolio", "level", "active"]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "role", "website", "description", "order"]
        formfield_callback = number_fields({"order": (0, SMALL_MAX)}, fallback=https_urls)


class RecommendationForm(forms.ModelForm):
    drafted_on = forms.DateField(label=_("Drafted on"),
                                 widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Recommendation
        fields = ["level", "title", "text", "addressee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = Addressee.objects.filter(active=True)
        self.fields["level"].choices = RecommendationLevel.choices


class RecommendationStepForm(forms.Form):
    state = forms.ChoiceField(label=_("Step"), choices=[
        (value, label) for value, label in RecommendationState.choices
        if value != RecommendationState.DRAFTED])
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("How it was presented, or the answer"), required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                choices=[("", "—")] + Outcome.choices)
