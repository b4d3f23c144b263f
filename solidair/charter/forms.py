from django import forms
from django.utils.translation import gettext_lazy as _

from solidair.charter.files import check_council_decision_pdf
from solidair.charter.models import (
    Activity,
    CommitmentStatus,
    FeedbackKind,
    FigureDefinition,
    RejectReason,
)
from solidair.charter.services import (
    FEEDBACK_TEXT_MAX,
    FEEDBACK_TEXT_MIN,
    REPLY_TEXT_MAX,
    ApplicationInput,
    CommitmentInput,
    ReportInput,
)
from solidair.core.numbers import COUNT_MAX, WholeNumberField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ApplicationForm(forms.Form):
    council_decision_file = forms.FileField(
        label=_("Council decision (PDF, at most 10 MB)"), required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf"}))
    council_decision_url = forms.URLField(label=_("Or a link to the council decision"),
                                          required=False, max_length=500, assume_scheme="https")
    council_decision_date = forms.DateField(label=_("Date of the council decision"),
                                            required=False, widget=DATE_INPUT)
    contact_name = forms.CharField(label=_("Public contact: name"), max_length=200,
                                   required=False)
    contact_role = forms.CharField(label=_("Public contact: role"), max_length=200,
                                   required=False)
    contact_email = forms.EmailField(label=_("Public contact: e-mail"), required=False)
    reply = forms.CharField(label=_("Your answer to the remarks"), required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def clean_council_decision_file(self):
        upload = self.cleaned_data.get("council_decision_file")
        if upload:
            check_council_decision_pdf(upload)
        return upload


class CommitmentForm(forms.Form):
    """One activity of the charter: chosen or not, and how."""

    chosen = forms.BooleanField(label=_("We commit to this activity"), required=False)
    other_description = forms.CharField(label=_("The activity, in your words"), max_length=300,
                                        required=False)
    action = forms.CharField(label=_("Concrete action"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    target_number = WholeNumberField(label=_("Target (number)"), required=False)
    target_unit = forms.CharField(label=_("Target (unit)"), max_length=200, required=False)
    planned_date = forms.DateField(label=_("Planned date"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, activity, **kwargs):
        self.activity = activity
        super().__init__(*args, prefix=f"activity-{activity.pk}", **kwargs)
        if not activity.is_other:
            del self.fields["other_description"]

    def summary_label(self, bound_field) -> str:
        """In the error summary, say which of the ten activities a field belongs to."""
        return f"{self.activity.number}. {self.activity.title} · {bound_field.label}"

    def clean(self):
        data = super().clean()
        if not data.get("chosen"):
            return data
        if not (data.get("action") or "").strip():
            self.add_error("action", _("Describe the concrete action."))
        if self.activity.is_other and not (data.get("other_description") or "").strip():
            self.add_error("other_description", _("Describe the other activity."))
        if data.get("target_number") is not None and not data.get("target_unit"):
            self.add_error("target_unit", _("Say what the number counts, e.g. reception places."))
        return data

    def to_input(self) -> CommitmentInput | None:
        data = self.cleaned_data
        if not data.get("chosen"):
            return None
        return CommitmentInput(activity=self.activity, action=data["action"].strip(),
                               other_description=data.get("other_description", "").strip(),
                               target_number=data.get("target_number"),
                               target_unit=data.get("target_unit", "").strip(),
                               planned_date=data.get("planned_date"))


class ApplicationForms:
    """The application form and one form per activity, validated together."""

    def __init__(self, *, activities, minimum: int, data=None, files=None, application=None):
        self.minimum = minimum
        initial, commitment_initial = {}, {}
        if application is not None:
            initial = {name: getattr(application, name) for name in (
                "council_decision_url", "council_decision_date", "contact_name",
                "contact_role", "contact_email")}
            for commitment in application.commitments.all():
                commitment_initial[commitment.activity_id] = {
                    "chosen": True, "action": commitment.action,
                    "other_description": commitment.other_description,
                    "target_number": commitment.target_number,
                    "target_unit": commitment.target_unit,
                    "planned_date": commitment.planned_date}
        self.main = ApplicationForm(data=data, files=files, initial=initial)
        self.commitments = [CommitmentForm(data=data, activity=activity,
                                           initial=commitment_initial.get(activity.pk, {}))
                            for activity in activities]
        self.errors_for_submit: list[str] = []

    def is_valid(self, *, submitting: bool) -> bool:
        valid = self.main.is_valid()
        valid = all([form.is_valid() for form in self.commitments]) and valid
        if valid and submitting:
            chosen = sum(1 for form in self.commitments if form.cleaned_data.get("chosen"))
            if chosen < self.minimum:
                self.errors_for_submit.append(
                    _("Choose at least %(minimum)d activities (you chose %(count)d).")
                    % {"minimum": self.minimum, "count": chosen})
        return valid and not self.errors_for_submit

    def to_input(self) -> ApplicationInput:
        data = self.main.cleaned_data
        return ApplicationInput(
            commitments=[item for form in self.commitments if (item := form.to_input())],
            council_decision_url=data["council_decision_url"],
            council_decision_date=data["council_decision_date"],
            contact_name=data["contact_name"].strip(), contact_role=data["contact_role"].strip(),
            contact_email=data["contact_email"].strip())


class ReviewForm(forms.Form):
    DECISIONS = [("approve", _("Approve")), ("return", _("Return with remarks"))]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS,
                                 widget=forms.RadioSelect)
    remarks = forms.CharField(label=_("Remarks"), required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    member_since = forms.DateField(label=_("Member since (when approving; today if empty)"),
                                   required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("remarks") or "").strip():
            self.add_error("remarks", _("Write the remarks the municipality should answer."))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the withdrawal"),
                             widget=forms.Textarea(attrs={"rows": 3}))


class CommitmentUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    evidence_url = forms.URLField(label=_("Link to evidence (optional)"), required=False,
                                  max_length=500, assume_scheme="https")
    evidence_label = forms.CharField(label=_("What the link shows"), max_length=200,
                                     required=False)

    def clean(self):
        data = super().clean()
        if data.get("evidence_url") and not data.get("evidence_label"):
            self.add_error("evidence_label", _("Say what the link shows."))
        if data.get("evidence_label") and not data.get("evidence_url"):
            self.add_error("evidence_url", _("Give the link."))
        return data


class ReportForm(forms.Form):
    places_adults = WholeNumberField(label=_("Reception places for adults"),
                                     max_value=COUNT_MAX, initial=0)
    places_minors = WholeNumberField(label=_("Reception places for minors"),
                                     max_value=COUNT_MAX, initial=0)
    places_in_loi = WholeNumberField(
        label=_("Of which in a local reception initiative (LOI)"), max_value=COUNT_MAX,
        initial=0)
    volunteers_active = WholeNumberField(label=_("Volunteers active"), max_value=COUNT_MAX,
                                         initial=0)

    def __init__(self, *args, commitments, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.commitments = list(commitments)
        self.figures = list(FigureDefinition.objects.filter(is_active=True))
        for figure in self.figures:
            self.fields[f"figure_{figure.code}"] = WholeNumberField(
                label=figure.label, required=False)
        for commitment in self.commitments:
            self.fields[f"narrative_{commitment.pk}"] = forms.CharField(
                label=commitment.activity_title, required=False,
                widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        places = (data.get("places_adults") or 0) + (data.get("places_minors") or 0)
        if (data.get("places_in_loi") or 0) > places:
            self.add_error("places_in_loi",
                           _("The places in an LOI cannot exceed the reception places."))
        return data

    def narrative_fields(self):
        return [self[f"narrative_{commitment.pk}"] for commitment in self.commitments]

    def figure_fields(self):
        return [self[f"figure_{figure.code}"] for figure in self.figures]

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            year=self.year, places_adults=data["places_adults"],
            places_minors=data["places_minors"], places_in_loi=data["places_in_loi"],
            volunteers_active=data["volunteers_active"],
            extra_figures={figure.code: data.get(f"figure_{figure.code}")
                           for figure in self.figures},
            narratives={commitment.pk: data.get(f"narrative_{commitment.pk}", "")
                        for commitment in self.commitments})


class MembersFilterForm(forms.Form):
    SORTS = [("name", _("name")), ("province", _("province")), ("since", _("member since")),
             ("commitments", _("number of commitments"))]

    province = forms.ChoiceField(label=_("Province"), required=False)
    activity = forms.ChoiceField(label=_("Activity"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, *args, provinces, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("all provinces"))] + [
            (province.code, province.name) for province in provinces]
        self.fields["activity"].choices = [("", _("all activities"))] + [
            (str(activity.pk), str(activity)) for activity in activities]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title_nl", "title_fr", "title_en", "title_de", "description_nl",
                  "description_fr", "description_en", "description_de", "is_active"]
        widgets = {name: forms.Textarea(attrs={"rows": 3})
                   for name in ("description_nl", "description_fr", "description_en",
                                "description_de")}


class CharterSettingsForm(forms.Form):
    minimum_activities = WholeNumberField(label=_("Minimum number of activities"),
                                          min_value=1, max_value=20)


# ---------------------------------------------------------------------------------------------
# Local confirmation and contest


class _FeedbackTextHelp:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here, not on the field: the numbers go into the text in the reader's language.
        self.fields["text"].help_text = _(
            "A few sentences: what you saw, where and when (%(min)d to %(max)d characters). "
            "Do not name other people.") % {"min": FEEDBACK_TEXT_MIN, "max": FEEDBACK_TEXT_MAX}


def _feedback_text_field(label):
    return forms.CharField(
        label=label, min_length=FEEDBACK_TEXT_MIN, max_length=FEEDBACK_TEXT_MAX,
        error_messages={
            "required": _("Write what you see, in a few sentences."),
            "min_length": _("Write a few sentences: at least %(limit_value)d characters "
                            "(you wrote %(show_value)d)."),
            "max_length": _("Keep it shorter: at most %(limit_value)d characters (you wrote "
                            "%(show_value)d).")},
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": FEEDBACK_TEXT_MAX}))


class FeedbackForm(_FeedbackTextHelp, forms.Form):
    """Anyone confirms or contests a commitment; the e-mail address is confirmed by a link."""

    KINDS = [(FeedbackKind.CONFIRM, _("I confirm: the municipality does what it committed to")),
             (FeedbackKind.CONTEST, _("I contest: it does not happen as stated"))]

    kind = forms.ChoiceField(label=_("What do you say about this commitment?"), choices=KINDS,
                             widget=forms.RadioSelect,
                             error_messages={"required": _("Choose confirm or contest.")})
    text = _feedback_text_field(_("What you see"))
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("To confirm your text; never shown to anyone."),
        error_messages={"required": _("Give your e-mail address: we send you a link to "
                                      "confirm your text.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    show_name = forms.BooleanField(label=_("Show my name with my text"), required=False)
    group_name = forms.CharField(
        label=_("Local group you speak for (optional)"), max_length=200, required=False,
        help_text=_("For example a welcome committee or a local Amnesty group."))
    consent = forms.BooleanField(
        label=_("I agree"), required=True,
        error_messages={"required": _("Tick this box to agree, or we cannot keep your "
                                      "text.")},
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}))
    # Honeypot: hidden from people, filled in by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))

    def clean(self):
        data = super().clean()
        if data.get("show_name") and not (data.get("name") or "").strip():
            self.add_error("name", _("Give your name, or untick “Show my name”."))
        return data


class FeedbackTextForm(_FeedbackTextHelp, forms.Form):
    """The author completes their text after a coordinator's question."""

    text = _feedback_text_field(_("Your text, completed"))


class ModerationForm(forms.Form):
    DECISIONS = [("publish", _("Publish")), ("reject", _("Reject")),
                 ("ask", _("Ask the author for more"))]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS,
                                 widget=forms.RadioSelect)
    reason = forms.ChoiceField(label=_("Reason (when rejecting)"), required=False,
                               choices=[("", "–"), *RejectReason.choices])
    note = forms.CharField(label=_("Question to the author (when asking for more)"),
                           required=False, max_length=2000,
                           help_text=_("Mailed to the author; never published."),
                           widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason"):
            self.add_error("reason", _("Choose the reason for the rejection."))
        if data.get("decision") == "ask" and not (data.get("note") or "").strip():
            self.add_error("note", _("Write the question to the author."))
        return data


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply of the municipality"), max_length=REPLY_TEXT_MAX,
        help_text=_("Published beside the text and mailed to its author."),
        error_messages={"required": _("Write your reply.")},
        widget=forms.Textarea(attrs={"rows": 4}))
