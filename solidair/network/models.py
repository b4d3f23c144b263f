"""The learning network: meetings, registrations, good practices, brochures, recommendations.

Charter activities are referred to by their stable number 1-10, never by a foreign key into the
charter app: the two apps stay independent, and the number is the one the letter and the charter
use. Their titles come from the charter's data through `solidair.core.activities`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from solidair.core.activities import activity_catalogue

CONTENT_LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]


class Meeting(models.Model):
    """One gathering of the learning network (three a year)."""

    theme = models.CharField(_("theme"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True,
                             help_text=_("Address of the venue, if the meeting is on site."))
    online_url = models.URLField(_("online link"), blank=True)
    host_municipality = models.ForeignKey("places.Municipality", on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="hosted_meetings",
                                          verbose_name=_("host municipality"))
    agenda = models.TextField(_("agenda"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=40)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="meeting_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gt=0),
                                   name="meeting_capacity_positive"),
            models.CheckConstraint(condition=~models.Q(place="", online_url=""),
                                   name="meeting_has_place_or_link"),
        ]

    def __str__(self):
        return f"{self.theme} ({timezone.localtime(self.starts_at):%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("network:meeting", args=[self.pk])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="meeting_registrations")
    status = models.CharField(_("status"), max_length=20, choices=Status)
    # The waiting list is served in the order people asked.
    requested_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="one_registration_per_person")]

    def __str__(self):
        return f"{self.user} – {self.meeting} ({self.status})"


class PracticeTexts(models.Model):
    """The text fields of a practice, in one language."""

    title = models.CharField(_("title"), max_length=200)
    context = models.TextField(_("context"), help_text=_("The situation you started from."))
    actions = models.TextField(_("what was done"))
    results = models.TextField(_("results and figures"))
    cost = models.TextField(_("cost and funding"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    lessons = models.TextField(_("lessons"), blank=True,
                               help_text=_("What you would do differently."))

    TEXT_FIELDS = ["title", "context", "actions", "results", "cost", "partners", "lessons"]

    class Meta:
        abstract = True

    def texts(self) -> dict:
        return {name: getattr(self, name) for name in self.TEXT_FIELDS}


class GoodPractice(PracticeTexts):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        PUBLISHED = "published", _("published")

    municipality = models.ForeignKey("places.Municipality", on_delete=models.PROTECT,
                                     related_name="good_practices",
                                     verbose_name=_("municipality"))
    language = models.CharField(_("language"), max_length=2, choices=CONTENT_LANGUAGES,
                                default="nl")
    contact = models.CharField(_("contact"), max_length=300,
                               help_text=_("A service or work address other municipalities may "
                                           "use; shown only to signed-in members."))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT,
                              db_index=True)
    review_remarks = models.TextField(_("remarks of the reviewer"), blank=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="practices", verbose_name=_("presented at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    # Every language's text, lower case and without accents: what search runs on.
    search_text = models.TextField(editable=False, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [
            models.Index(fields=["status", "year"]),
            # The public list and search are ordered newest first: walk this index, stop at 20.
            models.Index(fields=["-published_at", "-id"], name="practice_published_order",
                         condition=models.Q(status="published")),
        ]
        constraints = [models.CheckConstraint(
            condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
            name="published_practice_has_date")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:practice", args=[self.pk])

    @property
    def activity_codes(self) -> list[int]:
        return sorted(a.activity for a in self.activities.all())

    def texts_in(self, language: str) -> dict:
        """The practice's text in `language` when translated, else in its own language."""
        return self.shown_in(language)[0]

    def shown_in(self, language: str) -> tuple[dict, str]:
        """(texts, their language): the translation in `language` when there is one, else the
        practice as written. Pages mark the language when it is not theirs."""
        if language != self.language:
            for translation in self.translations.all():
                if translation.language == language:
                    return translation.texts(), language
        return self.texts(), self.language

    @property
    def shown(self) -> dict:
        """For lists: {"title", "language"} in the page's language when translated. Reads the
        titles only, so a list may load just those (`only("title", "language", ...)`)."""
        language = (get_language() or "nl")[:2]
        if language != self.language:
            for translation in self.translations.all():
                if translation.language == language:
                    return {"title": translation.title, "language": language}
        return {"title": self.title, "language": self.language}


class PracticeActivity(models.Model):
    """A charter activity the practice serves, by its number (titles: core.activities)."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE,
                                 related_name="activities")
    activity = models.PositiveSmallIntegerField(_("charter activity"), db_index=True)

    class Meta:
        ordering = ["activity"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "activity"],
                                    name="unique_activity_per_practice"),
            models.CheckConstraint(condition=models.Q(activity__gte=1, activity__lte=10),
                                   name="practice_activity_in_charter"),
        ]

    def __str__(self):
        return activity_catalogue().label(self.activity)


class PracticeTranslation(PracticeTexts):
    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE,
                                 related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=CONTENT_LANGUAGES)

    class Meta:
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["practice", "language"],
                                               name="one_translation_per_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"


def photo_path(instance, filename):
    return f"network/practices/{instance.practice_id}/{filename}"


class PracticePhoto(models.Model):
    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path, max_length=300)
    content_type = models.CharField(max_length=50)
    alt_text = models.CharField(_("description of the photo (alt text)"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(alt_text=""),
                                              name="photo_has_alt_text")]

    def __str__(self):
        return self.alt_text


def brochure_path(instance, filename):
    return f"network/brochures/{filename}"


class Brochure(models.Model):
    """One generated version of a brochure; each generation is a new row, older ones are kept."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to be built")
        BUILDING = "building", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="brochures")
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    practice_ids = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to=brochure_path, blank=True, max_length=300)
    # The French edition, built when some practices have French text.
    pdf_fr = models.FileField(upload_to=brochure_path, blank=True, max_length=300)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    languages = models.JSONField(default=list, blank=True)
    has_map = models.BooleanField(default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"],
                                    condition=models.Q(meeting__isnull=False),
                                    name="unique_brochure_version_per_meeting"),
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="brochure_progress_percent"),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"

    def get_absolute_url(self):
        return reverse("network:brochure", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class RecommendationLevel(models.TextChoices):
    LOCAL = "local", _("local")
    FLEMISH = "flemish", _("Flemish")
    FEDERAL = "federal", _("federal")


class Addressee(models.Model):
    """A minister or secretary of state the network takes recommendations to."""

    class Office(models.TextChoices):
        MINISTER = "minister", _("minister")
        SECRETARY_OF_STATE = "secretary_of_state", _("secretary of state")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    office = models.CharField(_("office"), max_length=30, choices=Office,
                              default=Office.MINISTER)
    portfolio = models.CharField(_("portfolio"), max_length=300)
    level = models.CharField(_("level"), max_length=20, choices=RecommendationLevel)
    active = models.BooleanField(_("in office"), default=True)
    is_demo = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")

    def __str__(self):
        return f"{self.name} ({self.portfolio})"

    def get_absolute_url(self):
        return reverse("network:addressee", args=[self.pk])


class RecommendationState(models.TextChoices):
    DRAFTED = "drafted", _("drafted")
    PRESENTED = "presented", _("presented")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("outcome known")


class Outcome(models.TextChoices):
    PENDING = "pending", _("pending")
    IMPLEMENTED = "implemented", _("implemented")
    PARTLY = "partly", _("partly implemented")
    REJECTED = "rejected", _("rejected")


class Recommendation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT,
                                related_name="recommendations", verbose_name=_("meeting"))
    level = models.CharField(_("level"), max_length=20, choices=RecommendationLevel,
                             db_index=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    addressee = models.ForeignKey(Addressee, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="recommendations", verbose_name=_("addressee"))
    state = models.CharField(_("state"), max_length=20, choices=RecommendationState,
                             default=RecommendationState.DRAFTED, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome,
                               default=Outcome.PENDING)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "-created_at"]
        verbose_name = _("policy recommendation")
        verbose_name_plural = _("policy recommendations")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:recommendation", args=[self.pk])


class RecommendationEvent(models.Model):
    """One step of the follow-up: drafted, presented (how), answered (the answer), outcome."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE,
                                       related_name="events")
    state = models.CharField(_("step"), max_length=20, choices=RecommendationState)
    date = models.DateField(_("date"))
    note = models.TextField(_("how / the answer"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("follow-up step")
        verbose_name_plural = _("follow-up steps")

    def __str__(self):
        return f"{self.get_state_display()} {self.date}"


class Partner(models.Model):
    class Role(models.TextChoices):
        CARRIER = "carrier", _("carries the network")
        PARTICIPANT = "participant", _("takes part")

    name = models.CharField(_("name"), max_length=200, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.CARRIER)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "order", "name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name
