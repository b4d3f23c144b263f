"""The charter: its activities, applications and their review, commitments, membership,
yearly reports and council terms."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def _in_language(obj, field: str) -> str:
    """`field` in the active language (nl, fr, en or de), falling back to Dutch."""
    language = (get_language() or "nl")[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_nl")


class Charter(models.Model):
    """A charter a network asks its members to sign. The network runs one; a sister network could
    run its own with other activities and another minimum."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    minimum_activities = models.PositiveSmallIntegerField(
        _("minimum number of activities"), default=3,
        help_text=_("A municipality commits to at least this many activities."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        constraints = [models.CheckConstraint(condition=Q(minimum_activities__gte=1),
                                              name="charter_minimum_at_least_one")]

    def __str__(self):
        return self.name


class Activity(models.Model):
    """One of the charter's activities, editable by coordinators in nl, fr, en and de (German
    may stay empty: pages then show the Dutch text).

    The other apps refer to an activity by its `number` and read the titles through
    `solidair.core.activities` (the `activity_catalogue` hook), never by importing this model."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.SlugField(_("code"), max_length=40,
                            help_text=_("A stable name for the open data (e.g. reception)."))
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"))
    description_fr = models.TextField(_("description (French)"))
    description_en = models.TextField(_("description (English)"))
    description_de = models.TextField(_("description (German)"), blank=True)
    is_other = models.BooleanField(
        _("described by the municipality"), default=False,
        help_text=_("The municipality describes this activity itself (\"another activity\")."))
    counts_reception_places = models.BooleanField(
        _("counts reception places"), default=False,
        help_text=_("Targets of this activity add up to the reception places committed."))
    is_active = models.BooleanField(_("open for new commitments"), default=True)
    # Which of COMMITMENT_FIGURES a yearly report entry on this activity asks for.
    figure_codes = models.JSONField(_("figures asked"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["charter", "number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="unique_activity_number"),
            models.UniqueConstraint(fields=["charter", "code"], name="unique_activity_code"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return _in_language(self, "title")

    @property
    def description(self) -> str:
        return _in_language(self, "description")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted, waiting for review")
    RETURNED = "returned", _("returned with remarks")
    APPROVED = "approved", _("approved")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_APPLICATION_STATUSES = [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED,
                             ApplicationStatus.RETURNED]


def council_decision_path(instance, filename):
    # A random name: the file is never guessable, and only a permission-checked view serves it.
    return f"private/charter/{instance.municipality_id}/{secrets.token_hex(16)}.pdf"


class Application(models.Model):
    """A municipality's application to join: its commitments, council decision and contact."""

    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="applications")
    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="charter_applications")
    status = models.CharField(_("status"), max_length=12, choices=ApplicationStatus,
                              default=ApplicationStatus.DRAFT, db_index=True)
    council_decision_file = models.FileField(_("council decision (PDF)"), blank=True,
                                             upload_to=council_decision_path, max_length=200)
    council_decision_url = models.URLField(_("link to the council decision"), blank=True,
                                           max_length=500)
    council_decision_date = models.DateField(_("date of the council decision"), null=True,
                                             blank=True)
    contact_name = models.CharField(_("public contact: name"), max_length=200, blank=True)
    contact_role = models.CharField(_("public contact: role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("public contact: e-mail"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["council_decision_file"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(fields=["municipality"],
                                    condition=Q(status__in=OPEN_APPLICATION_STATUSES),
                                    name="one_open_application_per_municipality"),
        ]

    def __str__(self):
        return f"{self.municipality} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


class ReviewEvent(models.Model):
    """One step in an application's exchange: submitted, returned with remarks, answered..."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with remarks")
        REPLIED = "replied", _("answered")
        APPROVED = "approved", _("approved")
        WITHDRAWN = "withdrawn", _("membership withdrawn")

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="events")
    kind = models.CharField(max_length=12, choices=Kind)
    text = models.TextField(_("remarks"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self):
        return f"{self.application_id} {self.kind} {self.at:%Y-%m-%d}"


class CommitmentFigure(models.TextChoices):
    """Figures a yearly report entry can carry, where the activity has them
    (`Activity.figure_codes`)."""

    RECEPTION_PLACES = "reception_places", _("reception places")
    PEOPLE_HOUSED = "people_housed", _("people housed")
    VOLUNTEERS = "volunteers", _("volunteers")


class CommitmentState(models.TextChoices):
    """What anyone can check of a commitment: only declared, documented by a council decision or
    a report with evidence, or contested by local people without an answer."""

    DECLARED = "declared", _("declared")
    DOCUMENTED = "documented", _("documented")
    CONTESTED = "contested", _("contested")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    DECIDED = "decided", _("decided")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    STOPPED = "stopped", _("stopped")


class Commitment(models.Model):
    """What a municipality promises for one activity, and how far it got."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="commitments")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="commitments")
    other_description = models.CharField(
        _("the activity, in your words"), max_length=300, blank=True,
        help_text=_("Only for \"another activity\": what the activity is."))
    action = models.TextField(_("concrete action"))
    target_number = models.PositiveIntegerField(_("target (number)"), null=True, blank=True)
    target_unit = models.CharField(_("target (unit)"), max_length=200, blank=True,
                                   help_text=_("e.g. reception places for unaccompanied minors "
                                               "in an LOI"))
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CommitmentStatus,
                              default=CommitmentStatus.PLANNED)
    last_updated = models.DateTimeField(_("last update"))
    # Stored (and so in the history, for the yearly comparison) and recomputed by
    # services.commitment_refresh_state whenever evidence, contests or replies change.
    state = models.CharField(_("state"), max_length=12, choices=CommitmentState,
                             default=CommitmentState.DECLARED, db_index=True)
    contested_since = models.DateTimeField(_("contested since"), null=True, blank=True)
    # The council term in which the commitment was decided or last reconfirmed.
    term = models.ForeignKey("CouncilTerm", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="commitments", verbose_name=_("council term"))
    # Dropped by a new council at its reconfirmation: kept for its story, no longer current.
    dropped_at = models.DateTimeField(_("dropped"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity__number", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["application", "activity"],
                                    name="one_commitment_per_activity"),
            models.CheckConstraint(condition=Q(target_number__isnull=True) | ~Q(target_unit=""),
                                   name="commitment_target_has_unit"),
        ]

    def __str__(self):
        return f"{self.application.municipality_id}: {self.activity_title}"

    @property
    def activity_title(self) -> str:
        return self.other_description or self.activity.title

    @property
    def target(self) -> str:
        if self.target_number is None:
            return ""
        return f"{self.target_number} {self.target_unit}".strip()


class EvidenceKind(models.TextChoices):
    DECISION = "decision", _("council decision")
    REPORT = "report", _("report")
    OTHER = "other", _("other evidence")


def evidence_upload_to(instance, filename: str) -> str:
    # A random name: the file is public, its original name may say more than it should.
    return f"charter/evidence/{secrets.token_hex(16)}.pdf"


class EvidenceLink(models.Model):
    """Public evidence that a commitment was decided or happened: a link (a council decision,
    an article) or an uploaded PDF. A council decision carries its date. Evidence may belong to
    a yearly report entry (`narrative`) or to a new council's reconfirmation (`confirmation`).
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind,
                            default=EvidenceKind.OTHER)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("document (PDF)"), upload_to=evidence_upload_to, blank=True)
    label = models.CharField(_("what it shows"), max_length=200)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    narrative = models.ForeignKey("CommitmentReport", on_delete=models.CASCADE, null=True,
                                  blank=True, related_name="evidence")
    confirmation = models.ForeignKey("TermConfirmation", on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="evidence")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(condition=~Q(url="") | ~Q(file=""),
                                   name="evidence_has_link_or_file"),
            models.CheckConstraint(condition=~Q(kind="decision") | Q(decided_on__isnull=False),
                                   name="decision_evidence_has_date"),
        ]

    def __str__(self):
        return self.label


class Membership(models.Model):
    """A period of membership, kept on the municipality of today. A membership that began before
    the 2025 mergers remembers the old municipality it began under (`joined_as`, `legacy`)."""

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="charter_memberships")
    legacy = models.ForeignKey("places.LegacyMunicipality", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="charter_memberships",
                               verbose_name=_("municipality before 2025"))
    joined_as = models.CharField(_("joined as"), max_length=100)
    since = models.DateField(_("member since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    application = models.ForeignKey(Application, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="memberships")
    is_founding = models.BooleanField(_("founding member"), default=False)
    is_demo = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["since", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "joined_as"],
                                    condition=Q(ended_on__isnull=True),
                                    name="one_running_membership_per_name"),
        ]

    def __str__(self):
        return f"{self.joined_as} ({self.since:%Y})"


class CouncilTerm(models.Model):
    """A term of the municipal councils: members reconfirm their membership at its start."""

    name = models.CharField(_("name"), max_length=20, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # Members answer within six calendar months of the term's start (or of the request, when
    # it came later); a number of days, when given, replaces the months.
    reconfirm_within_months = models.PositiveSmallIntegerField(
        _("months to reconfirm"), default=6)
    reconfirm_within_days = models.PositiveSmallIntegerField(
        _("days to reconfirm"), null=True, blank=True,
        help_text=_("Leave empty to count in months."))
    started_at = models.DateTimeField(_("reconfirmation asked"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")),
                                              name="council_term_ends_after_start")]

    def __str__(self):
        return self.name


class TermConfirmation(models.Model):
    """A member's answer (or silence) to the request to reconfirm for a council term. Without an
    answer by `due_on` the membership shows as lapsed (`lapsed_at`), and the residents who
    signed for the municipality are invited, once, to ask the new council
    (`invitation_sent_at`)."""

    term = models.ForeignKey(CouncilTerm, on_delete=models.CASCADE, related_name="confirmations")
    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="charter_term_confirmations")
    # The e-mailed link's token, hashed (core.tokens); cleared once used, void after expiry.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                  editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    requested_at = models.DateTimeField()
    due_on = models.DateField(_("answer due"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    decision_date = models.DateField(_("date of the council decision"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed"), null=True, blank=True)
    invitation_sent_at = models.DateTimeField(_("past signers invited"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "municipality"]
        verbose_name = _("term reconfirmation")
        verbose_name_plural = _("term reconfirmations")
        constraints = [models.UniqueConstraint(fields=["term", "municipality"],
                                               name="one_confirmation_per_term")]

    def __str__(self):
        return f"{self.municipality_id} {self.term}"


class FigureDefinition(models.Model):
    """An extra figure the network asks members to report every year."""

    code = models.SlugField(unique=True)
    label_nl = models.CharField(_("label (Dutch)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    is_active = models.BooleanField(_("asked in reports"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return _in_language(self, "label")


class YearlyReport(models.Model):
    """A member's yearly progress report: a narrative per commitment and a few figures."""

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="charter_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    places_adults = models.PositiveIntegerField(_("reception places for adults"), default=0)
    places_minors = models.PositiveIntegerField(_("reception places for minors"), default=0)
    places_in_loi = models.PositiveIntegerField(_("of which in a local reception initiative "
                                                  "(LOI)"), default=0)
    volunteers_active = models.PositiveIntegerField(_("volunteers active"), default=0)
    extra_figures = models.JSONField(_("other figures"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    is_demo = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"],
                                    name="one_report_per_year"),
            models.CheckConstraint(
                condition=Q(places_in_loi__lte=models.F("places_adults")
                            + models.F("places_minors")),
                name="report_loi_within_places"),
        ]

    def __str__(self):
        return f"{self.municipality_id} {self.year}"

    @property
    def places_total(self) -> int:
        return self.places_adults + self.places_minors


class CommitmentReport(models.Model):
    """The narrative for one commitment in a yearly report, with the activity's figures
    ({CommitmentFigure code: whole number}) and its own evidence (`evidence`)."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="narratives")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="narratives")
    narrative = models.TextField(_("what happened"))
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report on a commitment")
        verbose_name_plural = _("reports on commitments")
        constraints = [models.UniqueConstraint(fields=["report", "commitment"],
                                               name="one_narrative_per_commitment")]

    def __str__(self):
        return f"{self.report} {self.commitment_id}"


class RenewalOutcome(models.TextChoices):
    KEPT = "kept", _("kept")
    CHANGED = "changed", _("changed")
    DROPPED = "dropped", _("dropped")


class CommitmentRenewal(models.Model):
    """What a new council decided about one previous commitment when it reconfirmed:
    kept, changed (`before` holds the action and target it had) or dropped."""

    confirmation = models.ForeignKey(TermConfirmation, on_delete=models.CASCADE,
                                     related_name="renewals")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="renewals")
    outcome = models.CharField(_("outcome"), max_length=8, choices=RenewalOutcome)
    before = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("renewal of a commitment")
        verbose_name_plural = _("renewals of commitments")
        constraints = [models.UniqueConstraint(fields=["confirmation", "commitment"],
                                               name="one_renewal_per_commitment_and_term")]

    def __str__(self):
        return f"{self.commitment_id} {self.outcome}"


class FeedbackKind(models.TextChoices):
    CONFIRM = "confirm", _("confirmation")
    CONTEST = "contest", _("contest")


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("e-mail not yet confirmed")
    SUBMITTED = "submitted", _("to moderate")
    MORE_ASKED = "more_asked", _("more asked")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


class RejectReason(models.TextChoices):
    OFF_TOPIC = "off_topic", _("not about this commitment")
    PERSONAL_DATA = "personal_data", _("names or details of other people")
    ABUSIVE = "abusive", _("insulting or discriminating")
    UNFOUNDED = "unfounded", _("no facts to check")
    DUPLICATE = "duplicate", _("says what a published text already says")


class CommitmentFeedback(models.Model):
    """A resident's or local group's public confirmation or contest of a commitment.

    The e-mail address is confirmed (double opt-in) and never shown; the name only when
    `show_name`. A coordinator moderates; the municipality's officer may reply. Two published
    contests left without a reply for 30 days make the commitment *contested*
    (services.commitment_refresh_state) until the officer replies or a coordinator closes them.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="feedback")
    kind = models.CharField(_("kind"), max_length=8, choices=FeedbackKind)
    text = models.TextField(_("what you see"))
    # What the commitment said when the text was written (a new council may change it later):
    # the text answers these words, not the commitment's current ones.
    commitment_action = models.TextField(_("the commitment's action when written"), blank=True)
    commitment_target = models.CharField(_("the commitment's target when written"),
                                         max_length=300, blank=True)
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    show_name = models.BooleanField(_("show my name"), default=False)
    group_name = models.CharField(_("local group"), max_length=200, blank=True)
    language = models.CharField(max_length=5, default="nl")
    # The e-mailed link (confirm, then see, add to or delete one's text), hashed (core.tokens).
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_expires_at = models.DateTimeField(editable=False)
    status = models.CharField(_("status"), max_length=12, choices=FeedbackStatus,
                              default=FeedbackStatus.PENDING, db_index=True)
    reject_reason = models.CharField(_("reason"), max_length=16, choices=RejectReason,
                                     blank=True)
    moderator_note = models.TextField(_("question to the author"), blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reply_text = models.TextField(_("reply of the municipality"), blank=True)
    reply_at = models.DateTimeField(null=True, blank=True)
    reply_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = _("confirmation or contest")
        verbose_name_plural = _("confirmations and contests")

    def __str__(self):
        return f"{self.commitment_id} {self.kind} #{self.pk}"

    @property
    def public_name(self) -> str:
        return self.name if self.show_name else ""

    @property
    def commitment_changed(self) -> bool:
        """The commitment's action or target differs from when the text was written."""
        return (self.commitment_action, self.commitment_target) != (
            self.commitment.action, self.commitment.target)


class Reminder(models.Model):
    """A reminder sent, so that each one goes out once."""

    class Kind(models.TextChoices):
        REPORT_DUE = "report_due", _("progress update due")

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="+")
    kind = models.CharField(max_length=20, choices=Kind)
    # The last update the reminder was about: a new update makes the next reminder possible.
    about = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "kind", "about"],
                                               name="one_reminder_per_update")]

    def __str__(self):
        return f"{self.municipality_id} {self.kind} {self.about}"
