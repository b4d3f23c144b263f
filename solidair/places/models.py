"""Belgium's regions, provinces and municipalities (REFNIS), postal codes and the 2025 mergers."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _

from solidair.core.french import join_name


class NamedInLanguages(models.Model):
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_de = models.CharField(_("name (German)"), max_length=100, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        """The name in the active language, falling back to Dutch."""
        language = (get_language() or "nl")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nl

    @property
    def names(self) -> dict:
        return {"nl": self.name_nl, "fr": self.name_fr, "de": self.name_de or None}

    def __str__(self):
        return self.name


# The three regions by their REFNIS code: the one place these codes are written.
FLEMISH_REGION = "02000"
WALLOON_REGION = "03000"
BRUSSELS_REGION = "04000"
# The nine municipalities of the German-speaking Community (in Wallonia).
GERMAN_SPEAKING = frozenset({"63001", "63012", "63013", "63023", "63040", "63048", "63061",
                             "63067", "63087"})


def name_in_language(language: str, *, name_nl: str, name_fr: str, name_de: str = "",
                     region_id: str = "") -> str:
    """A municipality's name for a page in `language`. Without a name in that language
    (English; German for most), use the name of its own region: French in Wallonia and
    Brussels (Liège, Ixelles), Dutch in Flanders."""
    own = {"nl": name_nl, "fr": name_fr, "de": name_de}.get(language[:2], "")
    if own:
        return own
    if region_id == FLEMISH_REGION:
        return name_nl
    return name_fr or name_nl


def municipality_title(municipality, language: str | None = None) -> str:
    """'Stad Gent', 'Gemeente Merelbeke-Melle', 'Ville de Liège', 'Commune d’Ixelles',
    'Stadt Eupen', 'City of Liège': the title and the name in `language` (the active language
    by default), for page titles, headings and e-mails. The one place that builds it."""
    language = (language or get_language() or "nl")[:2]
    with override(language):
        template = (gettext("City of %(name)s") if municipality.is_city
                    else gettext("Municipality of %(name)s"))
    name = municipality.name_in(language)
    before, _placeholder, after = template.partition("%(name)s")
    return join_name(before, name, language) + after


class Region(NamedInLanguages):
    code = models.CharField(_("REFNIS code"), max_length=5, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Province(NamedInLanguages):
    code = models.CharField(_("REFNIS code"), max_length=5, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class MunicipalityStatus(models.TextChoices):
    NOT_ENGAGED = "not_engaged", _("not engaged yet")
    RESIDENTS_ASKING = "residents_asking", _("residents are asking")
    IN_DIALOGUE = "in_dialogue", _("in dialogue")
    CANDIDATE = "candidate", _("candidate")
    MEMBER = "member", _("member")
    FORMER_MEMBER = "former_member", _("former member")


class MunicipalityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(status=MunicipalityStatus.MEMBER)


class Municipality(NamedInLanguages):
    """A municipality in force since 1 January 2025, keyed by its REFNIS (NIS) code."""

    nis = models.CharField(_("REFNIS code"), max_length=5, primary_key=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    # Brussels-Capital has no province.
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="municipalities")
    is_city = models.BooleanField(_("bears the title of city"), default=False,
                                  help_text=_("Stad / ville: the letter says 'Stad X'."))
    # Set when a coordinator corrects is_city in the admin: the reference data loader then
    # leaves is_city alone.
    is_city_overridden = models.BooleanField(_("city title corrected by hand"), default=False)
    status = models.CharField(_("status in the network"), max_length=20,
                              choices=MunicipalityStatus, default=MunicipalityStatus.NOT_ENGAGED,
                              db_index=True)
    status_since = models.DateTimeField(_("status since"), null=True, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    joined_as = models.CharField(_("joined the network as"), max_length=100, blank=True,
                                 help_text=_("The name under which it joined, before a merger."))
    # One of the fifteen members named in the founding letter. Their date of joining is not
    # known, so member_since stays empty and pages say "founding member" instead of a date.
    is_founding_member = models.BooleanField(_("founding member"), default=False)
    # Lower-case names without accents in every language, old names included, for search.
    search_text = models.TextField(editable=False, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    @property
    def name(self) -> str:
        """The name in the active language; see `name_in_language` for languages without one."""
        return self.name_in(get_language() or "nl")

    def name_in(self, language: str) -> str:
        """The name for a page in `language` (see `name_in_language`)."""
        return name_in_language(language, name_nl=self.name_nl, name_fr=self.name_fr,
                                name_de=self.name_de, region_id=self.region_id)

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    @property
    def title_word(self) -> str:
        """'Stad' or 'Gemeente' (the word before the name in a letter), in the active language."""
        return str(_("City")) if self.is_city else str(_("Municipality"))

    @property
    def title(self) -> str:
        """'Stad Gent', 'Ville de Liège': see `municipality_title`."""
        return municipality_title(self)

    def title_in(self, language: str) -> str:
        return municipality_title(self, language)

    @property
    def own_language(self) -> str:
        """The language its council writes in ("nl" in Flanders, "fr" in Wallonia), for marking
        what its people typed (commitments, answers); "" where that is not one language
        (Brussels, the German-speaking Community)."""
        if self.region_id == FLEMISH_REGION:
            return "nl"
        if self.region_id == WALLOON_REGION and self.nis not in GERMAN_SPEAKING:
            return "fr"
        return ""

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("places:municipality", args=[self.nis])


class PostalCode(models.Model):
    """One postal code may serve several municipalities, and a municipality many codes."""

    code = models.CharField(_("postal code"), max_length=4, db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="postal_codes")

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "municipality"],
                                               name="unique_postal_code_per_municipality")]

    def __str__(self):
        return self.code


class LegacyMunicipality(NamedInLanguages):
    """One of the 581 municipalities of 2019-2024, and the 2025 municipality it is part of now."""

    nis = models.CharField(_("REFNIS code until 2024"), max_length=5, primary_key=True)
    successor = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                  related_name="predecessors")

    class Meta:
        ordering = ["nis"]
        verbose_name = _("municipality before 2025")
        verbose_name_plural = _("municipalities before 2025")

    @property
    def was_merged(self) -> bool:
        """True when this code disappeared or absorbed others on 1 January 2025."""
        return self.nis != self.successor_id or self.successor.predecessors.count() > 1


# The reason recorded by load_reference_data for the fifteen founding members (English, stored
# as is; shown translated).
FOUNDING_REASON = ("Founding member: named in the founding letter of the network "
                   "(date of joining unknown).")


class StatusChange(models.Model):
    """Every change of a municipality's status in the network: when, from, to, why, by whom."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE,
                                     related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=MunicipalityStatus, blank=True)
    to_status = models.CharField(max_length=20, choices=MunicipalityStatus)
    changed_at = models.DateTimeField(db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.municipality_id}: {self.from_status} → {self.to_status}"

    @property
    def is_founding_record(self) -> bool:
        """The loader's record of a founding member: its date is the day the data was loaded,
        not the day the municipality joined, so pages do not show it as a date."""
        return self.reason == FOUNDING_REASON

    @property
    def reason_display(self) -> str:
        """The reason as people should read it: the loader's own reason is translated."""
        if self.reason == FOUNDING_REASON:
            return str(_("Founding member: named in the founding letter of the network "
                         "(date of joining unknown)."))
        # The apps write their own reasons as English message ids (marked with gettext_noop):
        # shown in the reader's language. A reason typed by a person is shown as typed.
        return gettext(self.reason) if self.reason else ""
