from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from solidair.charter.files import check_council_decision_pdf
from solidair.charter.models import (
    Activity,
    CommitmentFigure,
    CommitmentStatus,
    EvidenceKind,
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
    EvidenceInput,
    RenewalInput,
    ReportInput,
)
from solidair.core.numbers import COUNT_MAX, WholeNumberField, years_between

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


class _CommitmentTerms(forms.Form):
    """What a commitment says (its action, target and date), as an application and a new
    council's reconfirmation both ask it, with the same checks."""

    action = forms.CharField(label=_("Concrete action"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    target_number = WholeNumberField(label=_("Target (number)"), required=False)
    target_unit = forms.CharField(label=_("Target (unit)"), max_length=200, required=False)
    planned_date = forms.DateField(label=_("Planned date"), required=False, widget=DATE_INPUT)

    def check_terms(self, data: dict) -> None:
        if not (data.get("action") or "").strip():
            self.add_error("action", _("Describe the concrete action."))
        if data.get("target_number") is not None and not (data.get("target_unit") or "").strip():
            self.add_error("target_unit", _("Say what the number counts, e.g. reception places."))


class CommitmentForm(_CommitmentTerms):
    """One activity of the charter: chosen or not, and how."""

    chosen = forms.BooleanField(label=_("We commit to this activity"), required=False)
    other_description = forms.CharField(label=_("The activity, in your words"), max_length=300,
                                        required=False)
    field_order = ["chosen", "other_description", "action", "target_number", "target_unit",
                   "planned_date"]

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
        self.check_terms(data)
        if self.activity.is_other and not (data.get("other_description") or "").strip():
            self.add_error("other_description", _("Describe the other activity."))
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

    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you approve the application or return "
                                      "it with remarks.")})
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


PDF_INPUT = forms.FileInput(attrs={"accept": "application/pdf"})


def _decision_date_field(label):
    return forms.DateField(label=label, required=False, widget=DATE_INPUT,
                           validators=[years_between(1990, 2100)])


def _check_evidence(form, *, url: str, file: str, label: str, kind: str = "",
                    decided_on: str = "") -> None:
    """Evidence is a link or a PDF (not both) with what it shows; a council decision has its
    date, which lies in the past. Errors go to the fields named."""
    data = form.cleaned_data
    has_link, has_file = bool(data.get(url)), bool(data.get(file))
    if has_link and has_file:
        form.add_error(file, _("Give a link or upload a PDF, not both."))
    if (has_link or has_file) and not (data.get(label) or "").strip():
        form.add_error(label, _("Say what the evidence shows."))
    moment = data.get(decided_on) if decided_on else None
    if not (has_link or has_file) and ((data.get(label) or "").strip() or moment):
        form.add_error(url, _("Give the link or upload the PDF."))
    if kind and data.get(kind) == EvidenceKind.DECISION and (has_link or has_file) \
            and moment is None and decided_on not in form.errors:
        form.add_error(decided_on, _("Give the date of the council decision."))
    if moment is not None and moment > timezone.localdate():
        form.add_error(decided_on, _("The date of the decision cannot lie in the future."))


def _checked_pdf(upload):
    if upload:
        check_council_decision_pdf(upload)
    return upload


class CommitmentUpdateForm(forms.Form):
    """A commitment's status and, optionally, evidence: a council decision (with its date), a
    report or other evidence, as a link or a PDF."""

    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    evidence_kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices,
                                      required=False, initial=EvidenceKind.OTHER,
                                      widget=forms.RadioSelect)
    evidence_url = forms.URLField(label=_("Link to evidence (optional)"), required=False,
                                  max_length=500, assume_scheme="https")
    evidence_file = forms.FileField(label=_("Or the document as PDF (at most 10 MB)"),
                                    required=False, widget=PDF_INPUT)
    evidence_label = forms.CharField(label=_("What the evidence shows"), max_length=200,
                                     required=False)
    evidence_decided_on = _decision_date_field(_("Date of the council decision"))

    def clean_evidence_file(self):
        return _checked_pdf(self.cleaned_data.get("evidence_file"))

    def clean(self):
        data = super().clean()
        _check_evidence(self, url="evidence_url", file="evidence_file", label="evidence_label",
                        kind="evidence_kind", decided_on="evidence_decided_on")
        return data

    def to_evidence(self) -> EvidenceInput | None:
        data = self.cleaned_data
        if not (data.get("evidence_url") or data.get("evidence_file")):
            return None
        return EvidenceInput(kind=data.get("evidence_kind") or EvidenceKind.OTHER,
                             url=data.get("evidence_url") or "",
                             file=data.get("evidence_file"),
                             label=data["evidence_label"].strip(),
                             decided_on=data.get("evidence_decided_on"))


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
        self._entry_of = {}  # field name -> the commitment its entry is about
        for figure in self.figures:
            self.fields[f"figure_{figure.code}"] = WholeNumberField(
                label=figure.label, required=False)
        for commitment in self.commitments:
            pk = commitment.pk
            fields = {f"narrative_{pk}": forms.CharField(
                label=commitment.activity_title, required=False,
                widget=forms.Textarea(attrs={"rows": 3}))}
            for code in self._codes(commitment):
                fields[f"figure_{pk}_{code}"] = WholeNumberField(
                    label=capfirst(CommitmentFigure(code).label), max_value=COUNT_MAX,
                    required=False)
            fields[f"evidence_url_{pk}"] = forms.URLField(
                label=_("Link to evidence (optional)"), required=False, max_length=500,
                assume_scheme="https")
            fields[f"evidence_file_{pk}"] = forms.FileField(
                label=_("Or the document as PDF (at most 10 MB)"), required=False,
                widget=PDF_INPUT)
            fields[f"evidence_label_{pk}"] = forms.CharField(
                label=_("What the evidence shows"), max_length=200, required=False)
            self.fields.update(fields)
            self._entry_of.update(dict.fromkeys(fields, commitment))

    @staticmethod
    def _codes(commitment) -> list[str]:
        return [code for code in (commitment.activity.figure_codes or [])
                if code in CommitmentFigure.values]

    def summary_label(self, bound_field) -> str:
        """In the error summary, say which commitment's entry a field belongs to."""
        commitment = self._entry_of.get(bound_field.name)
        if commitment is None or bound_field.name.startswith("narrative_"):
            return bound_field.label
        return f"{commitment.activity_title} · {bound_field.label}"

    def clean(self):
        data = super().clean()
        places = (data.get("places_adults") or 0) + (data.get("places_minors") or 0)
        if (data.get("places_in_loi") or 0) > places:
            self.add_error("places_in_loi",
                           _("The places in an LOI cannot exceed the reception places."))
        for commitment in self.commitments:
            pk = commitment.pk
            name = f"evidence_file_{pk}"
            if data.get(name):
                try:
                    _checked_pdf(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
                    continue
            _check_evidence(self, url=f"evidence_url_{pk}", file=name,
                            label=f"evidence_label_{pk}")
            extra = [data.get(f"figure_{pk}_{code}") for code in self._codes(commitment)]
            if not (data.get(f"narrative_{pk}") or "").strip() and (
                    any(value is not None for value in extra)
                    or data.get(f"evidence_url_{pk}") or data.get(name)):
                self.add_error(f"narrative_{pk}",
                               _("Write what happened: the figures and evidence go with it."))
        return data

    def entries(self) -> list[dict]:
        """One entry per commitment: its narrative, its activity's figures and evidence."""
        result = []
        for commitment in self.commitments:
            pk = commitment.pk
            fields = [self[name] for name, about in self._entry_of.items()
                      if about is commitment]
            result.append({
                "commitment": commitment, "narrative": self[f"narrative_{pk}"],
                "figures": [self[f"figure_{pk}_{code}"] for code in self._codes(commitment)],
                "evidence": [self[f"evidence_url_{pk}"], self[f"evidence_file_{pk}"],
                             self[f"evidence_label_{pk}"]],
                "has_errors": any(field.errors for field in fields),
                "is_written": bool(self[f"narrative_{pk}"].value())})
        return result

    def narrative_fields(self):
        return [self[f"narrative_{commitment.pk}"] for commitment in self.commitments]

    def figure_fields(self):
        return [self[f"figure_{figure.code}"] for figure in self.figures]

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        entry_figures, entry_evidence = {}, {}
        for commitment in self.commitments:
            pk = commitment.pk
            figures = {code: data[f"figure_{pk}_{code}"] for code in self._codes(commitment)
                       if data.get(f"figure_{pk}_{code}") is not None}
            if figures:
                entry_figures[pk] = figures
            if data.get(f"evidence_url_{pk}") or data.get(f"evidence_file_{pk}"):
                entry_evidence[pk] = EvidenceInput(
                    kind=EvidenceKind.REPORT, url=data.get(f"evidence_url_{pk}") or "",
                    file=data.get(f"evidence_file_{pk}"),
                    label=data[f"evidence_label_{pk}"].strip())
        return ReportInput(
            year=self.year, places_adults=data["places_adults"],
            places_minors=data["places_minors"], places_in_loi=data["places_in_loi"],
            volunteers_active=data["volunteers_active"],
            extra_figures={figure.code: data.get(f"figure_{figure.code}")
                           for figure in self.figures},
            narratives={commitment.pk: data.get(f"narrative_{commitment.pk}", "")
                        for commitment in self.commitments},
            entry_figures=entry_figures, entry_evidence=entry_evidence)


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


class RenewalForm(_CommitmentTerms):
    """What the new council decided about one previous commitment."""

    OUTCOMES = [("kept", _("kept as it is")), ("changed", _("changed")),
                ("dropped", _("dropped"))]

    outcome = forms.ChoiceField(label=_("The new council"), choices=OUTCOMES,
                                widget=forms.RadioSelect, initial="kept")
    field_order = ["outcome", "action", "target_number", "target_unit", "planned_date"]

    def __init__(self, *args, commitment, **kwargs):
        self.commitment = commitment
        kwargs.setdefault("initial", {
            "outcome": "kept", "action": commitment.action,
            "target_number": commitment.target_number, "target_unit": commitment.target_unit,
            "planned_date": commitment.planned_date})
        super().__init__(*args, prefix=f"c{commitment.pk}", **kwargs)

    def summary_label(self, bound_field) -> str:
        return f"{self.commitment.activity_title} · {bound_field.label}"

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "changed":
            self.check_terms(data)
        return data

    def to_input(self) -> RenewalInput:
        data = self.cleaned_data
        if data["outcome"] != "changed":
            return RenewalInput(commitment=self.commitment, outcome=data["outcome"])
        return RenewalInput(commitment=self.commitment, outcome="changed",
                            action=data["action"].strip(),
                            target_number=data.get("target_number"),
                            target_unit=(data.get("target_unit") or "").strip(),
                            planned_date=data.get("planned_date"))


class TermDecisionForm(forms.Form):
    """The new council's decision, as evidence of the reconfirmation."""

    decision_date = forms.DateField(
        label=_("Date of the council decision"), widget=DATE_INPUT,
        error_messages={"required": _("Give the date of the council decision.")})
    decision_file = forms.FileField(
        label=_("Council decision (PDF, at most 10 MB)"), required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf"}))
    decision_url = forms.URLField(label=_("Or a link to the council decision"), required=False,
                                  max_length=500, assume_scheme="https")

    def clean_decision_file(self):
        upload = self.cleaned_data.get("decision_file")
        if upload:
            check_council_decision_pdf(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("decision_file") or data.get("decision_url")) and not (
                self.has_error("decision_file") or self.has_error("decision_url")):
            self.add_error("decision_url",
                           _("Attach the council decision as PDF or give a link to it."))
        return data


class ReconfirmForms:
    """The decision and one form per current commitment, validated together; at least the
    charter's minimum kept or changed."""

    def __init__(self, *, commitments, minimum: int, data=None, files=None):
        self.decision = TermDecisionForm(data=data, files=files)
        self.commitments = [RenewalForm(data=data, commitment=commitment)
                            for commitment in commitments]
        self.minimum = min(minimum, len(self.commitments))
        self.problems: list[str] = []

    def is_valid(self) -> bool:
        """Every error at once: the minimum is checked whatever else is wrong, so an officer
        learns it in the first round (a commitment whose own fields are wrong counts with the
        outcome chosen for it)."""
        valid = self.decision.is_valid()
        valid = all([form.is_valid() for form in self.commitments]) and valid
        self.problems = []
        if not self.decision.is_bound:
            return False
        kept = sum(1 for form in self.commitments
                   if (getattr(form, "cleaned_data", {}).get("outcome") or form.data.get(
                       form.add_prefix("outcome"))) != "dropped")
        if kept < self.minimum:
            self.problems.append(ngettext(
                "The charter asks for at least %(minimum)d commitment: keep or change at "
                "least %(minimum)d (now %(count)d).",
                "The charter asks for at least %(minimum)d commitments: keep or change at "
                "least %(minimum)d (now %(count)d).", self.minimum)
                % {"minimum": self.minimum, "count": kept})
        return valid and not self.problems

    def renewals(self) -> list[RenewalInput]:
        return [form.to_input() for form in self.commitments]


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

    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to this text: publish it, reject "
                                      "it or ask the author for more.")})
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
