"""Residents who offer to help, the needs a municipality posts, and who answered which need.

Roles, availability and languages are stored as comma-wrapped codes (",welcome,transport,") so
that "has role X" is one portable `contains` filter on SQLite and PostgreSQL alike.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    WELCOME = "welcome", _("Welcome and reception")
    LANGUAGE_BUDDY = "language_buddy", _("Language buddy, Dutch or French practice")
    HOUSING = "housing", _("Help finding housing")
    LEISURE = "leisure", _("Leisure, sport and associations")
    SCHOOL = "school", _("School and homework support")
    TRANSPORT = "transport", _("Transport")
    INTERPRETING = "interpreting", _("Interpreting")
    FOSTER_FAMILY = "foster_family", _("Foster family (pleegzorg)")
    GUARDIAN = "guardian", _("Guardian of unaccompanied minors (voogdij)")
    OTHER = "other", _("Something else")


# Roles with an official procedure run by someone else: we point to it, we do not handle it.
OFFICIAL_PROCEDURES = {
    Role.FOSTER_FAMILY: {
        "name": "Pleegzorg Vlaanderen",
        "url": "https://www.pleegzorgvlaanderen.be/",
    },
    Role.GUARDIAN: {
        "name": _("Guardianship Service of the FPS Justice"),
        "url": "https://justice.belgium.be/",
    },
}


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")


class SpokenLanguage(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian (Farsi, Dari)")
    PASHTO = "ps", _("Pashto")
    TIGRINYA = "ti", _("Tigrinya")
    SOMALI = "so", _("Somali")
    KURDISH = "ku", _("Kurdish")
    TURKISH = "tr", _("Turkish")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Another language")


class OfferStatus(models.TextChoices):
    """The officer's follow-up of an offer."""

    NEW = "new", _("new")
    CONTACTED = "contacted", _("contacted")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")


def pack_codes(codes) -> str:
    """["welcome", "transport"] -> ",transport,welcome," (sorted, unique; "" when empty)."""
    codes = sorted({str(code) for code in codes if code})
    return f",{','.join(codes)}," if codes else ""


def unpack_codes(packed: str) -> list[str]:
    return [code for code in (packed or "").split(",") if code]


class VolunteerOfferQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def counted(self):
        """Confirmed offers the volunteer has not paused: what the public counts show."""
        return self.confirmed().filter(paused_by_volunteer=False)

    def with_role(self, role: str):
        return self.filter(roles__contains=f",{role},")

    def with_any_role(self, roles):
        query = models.Q()
        for role in roles:
            query |= models.Q(roles__contains=f",{role},")
        return self.filter(query) if roles else self.none()

    def with_language(self, language: str):
        return self.filter(languages__contains=f",{language},")

    def with_availability(self, availability: str):
        return self.filter(availability__contains=f",{availability},")


class VolunteerOffer(models.Model):
    """A resident's offer to help their municipality. Personal data: never public, never in
    history tables, deleted for real on request or when it expires."""

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="volunteer_offers")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4)
    roles = models.CharField(_("roles"), max_length=300)
    interpreting_languages = models.CharField(_("interpreting languages"), max_length=200,
                                              blank=True)
    availability = models.CharField(_("availability"), max_length=100, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    share_contact = models.BooleanField(
        _("the officer may see my e-mail address and phone number"), default=False)
    consent_version = models.CharField(max_length=20)
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    language = models.CharField(_("language"), max_length=5, default="nl",
                                choices=settings.LANGUAGES)

    status = models.CharField(_("status"), max_length=12, choices=OfferStatus,
                              default=OfferStatus.NEW, db_index=True)
    paused_by_volunteer = models.BooleanField(_("paused by the volunteer"), default=False)

    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # A random part of the self-service link: changing it revokes every link sent before.
    access_key = models.CharField(max_length=43)
    created_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last sign of life"), db_index=True)
    reconfirm_requested_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    objects = VolunteerOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("volunteer offer")
        verbose_name_plural = _("volunteer offers")
        constraints = [
            models.UniqueConstraint(Lower("email"), "municipality",
                                    name="one_volunteer_offer_per_email_and_municipality"),
            models.CheckConstraint(condition=~models.Q(roles=""), name="volunteer_offer_has_role"),
        ]
        # The counts on a municipality's page and its officer's home read the offers that are
        # confirmed and not paused: index-only, whatever the number of offers.
        indexes = [models.Index(fields=["municipality", "status"],
                                condition=models.Q(confirmed_at__isnull=False,
                                                   paused_by_volunteer=False),
                                name="offer_active_by_status")]

    def __str__(self):
        # Never the name or address: this string lands in logs and audit entries.
        return f"volunteer offer #{self.pk}"

    @property
    def role_list(self):
        return unpack_codes(self.roles)

    @property
    def availability_list(self):
        return unpack_codes(self.availability)

    @property
    def language_list(self):
        return unpack_codes(self.languages)

    @property
    def interpreting_language_list(self):
        return unpack_codes(self.interpreting_languages)

    def role_labels(self):
        return [str(Role(code).label) for code in self.role_list if code in Role.values]

    def availability_labels(self):
        return [str(Availability(code).label) for code in self.availability_list
                if code in Availability.values]

    def language_labels(self):
        return [str(SpokenLanguage(code).label) for code in self.language_list
                if code in SpokenLanguage.values]

    def interpreting_language_labels(self):
        return [str(SpokenLanguage(code).label) for code in self.interpreting_language_list
                if code in SpokenLanguage.values]


class NeedStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class VolunteerNeedQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(status=NeedStatus.OPEN, until__gte=day)


class VolunteerNeed(models.Model):
    """What a municipality asks volunteers for: "five language buddies for the new LOI"."""

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="volunteer_needs")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=4000)
    roles = models.CharField(_("roles"), max_length=300)
    wanted = models.PositiveSmallIntegerField(_("number of volunteers wanted"))
    availability = models.CharField(_("availability"), max_length=100, blank=True)
    until = models.DateField(_("open until"))
    status = models.CharField(_("status"), max_length=10, choices=NeedStatus,
                              default=NeedStatus.OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    history = HistoricalRecords()

    objects = VolunteerNeedQuerySet.as_manager()

    class Meta:
        ordering = ["until", "id"]
        verbose_name = _("volunteer need")
        verbose_name_plural = _("volunteer needs")
        constraints = [
            models.CheckConstraint(condition=models.Q(wanted__gte=1), name="need_wants_someone"),
            models.CheckConstraint(condition=~models.Q(roles=""), name="volunteer_need_has_role"),
        ]

    def __str__(self):
        return self.title

    @property
    def role_list(self):
        return unpack_codes(self.roles)

    def role_labels(self):
        return [str(Role(code).label) for code in self.role_list if code in Role.values]

    def availability_labels(self):
        return [str(Availability(code).label) for code in unpack_codes(self.availability)
                if code in Availability.values]

    def is_open_on(self, day) -> bool:
        return self.status == NeedStatus.OPEN and self.until >= day


class NeedNotification(models.Model):
    """A volunteer was told about a need: at most once (the constraint makes it so)."""

    need = models.ForeignKey(VolunteerNeed, on_delete=models.CASCADE,
                             related_name="notifications")
    offer = models.ForeignKey(VolunteerOffer, on_delete=models.CASCADE,
                              related_name="need_notifications")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "offer"],
                                               name="notify_volunteer_once_per_need")]

    def __str__(self):
        return f"need #{self.need_id} → offer #{self.offer_id}"


class NeedResponse(models.Model):
    """A volunteer answered "I can help" to a need."""

    need = models.ForeignKey(VolunteerNeed, on_delete=models.CASCADE, related_name="responses")
    offer = models.ForeignKey(VolunteerOffer, on_delete=models.CASCADE,
                              related_name="need_responses")
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at"]
        constraints = [models.UniqueConstraint(fields=["need", "offer"],
                                               name="one_answer_per_volunteer_and_need")]

    def __str__(self):
        return f"need #{self.need_id} ← offer #{self.offer_id}"
