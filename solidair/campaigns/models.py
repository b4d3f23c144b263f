"""Residents' co-signatures, their delivery to the council, and the council's answer."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from solidair.campaigns import conf

NAME_MAX = 100
MESSAGE_MAX = 2000
PHONE_MAX = 30


class SignatureStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    HELD = "held", _("held for review")
    REJECTED = "rejected", _("rejected")
    # Set by a coordinator's bulk invalidation (`SignatureInvalidation`), which keeps the
    # previous status so that undoing it restores exactly what it changed.
    INVALIDATED = "invalidated", _("invalidated")


class Signature(models.Model):
    """A resident co-signs the letter to their council. It counts once confirmed by e-mail.

    One row per (municipality, normalised e-mail) whatever its status: a second submission
    updates a pending row or is answered "you already signed", so the database constraint holds
    under concurrency. Only rows marked `is_duplicate` (found when existing addresses were
    normalised) stand outside that rule.
    """

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="signatures")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    email = models.EmailField(_("e-mail address"))
    # The key of the one-signature-per-address rule (`addresses.normalize_email`): lower case,
    # and without dots and +tags where the provider ignores them. Mail goes to `email`.
    email_normalized = models.CharField(max_length=254, editable=False)
    # Found to share its normalised address with another signature of the municipality when
    # existing signatures were normalised (migration 0005): kept and reported, outside the
    # uniqueness rule (see `manage.py report_duplicate_signatures`). Never set for new rows.
    is_duplicate = models.BooleanField(default=False, editable=False)
    postal_code = models.CharField(_("postal code"), max_length=4)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX, blank=True)
    message = models.TextField(_("personal paragraph"), max_length=MESSAGE_MAX, blank=True)
    wants_to_volunteer = models.BooleanField(_("wants to help as a volunteer"), default=False)
    show_name_publicly = models.BooleanField(_("first name and initial may be shown publicly"),
                                             default=False)
    share_email_with_council = models.BooleanField(_("the council may see the e-mail address"),
                                                   default=False)
    consent_text = models.TextField(_("text consented to"))
    consent_version = models.CharField(_("consent version"), max_length=20)
    language = models.CharField(_("language"), max_length=5, default="nl")
    status = models.CharField(_("status"), max_length=12, choices=SignatureStatus,
                              default=SignatureStatus.PENDING)
    # Set with status INVALIDATED: which bulk invalidation did it and the status before it.
    invalidation = models.ForeignKey("SignatureInvalidation", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="signatures",
                                     editable=False)
    status_before_invalidation = models.CharField(max_length=12, blank=True, editable=False)
    # SHA-256 of the confirmation token; cleared once used, so a link works only once.
    confirmation_token_hash = models.CharField(max_length=64, null=True, blank=True,
                                               unique=True, editable=False)
    confirmation_expires_at = models.DateTimeField(null=True, blank=True)
    # Random part of the long-lived management link (signed with SECRET_KEY, see tokens.py).
    management_key = models.CharField(max_length=32, editable=False)
    # Keyed hash of the address the signature was confirmed from: groups bursts for review.
    source_hash = models.CharField(max_length=16, blank=True, editable=False)
    # The network it was confirmed from (/24 or /64, never the full address): what coordinators
    # judge a burst by and see in the trends. Cleared once a held signature is reviewed.
    # Both source fields are cleared SIGNATURE_SOURCE_RETENTION_DAYS (90) after confirmation.
    source_network = models.CharField(max_length=43, blank=True, editable=False)
    created_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    delivery = models.ForeignKey("Delivery", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="signatures")
    answer_question_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The second "did they reply?" question (8 weeks), only to those who did not answer.
    answer_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "email_normalized"],
                                    condition=models.Q(is_duplicate=False),
                                    name="one_signature_per_normalized_email"),
            models.CheckConstraint(condition=models.Q(email_normalized=Lower("email_normalized")),
                                   name="signature_email_normalized_lower_case"),
            models.CheckConstraint(
                condition=~models.Q(status=SignatureStatus.CONFIRMED)
                | models.Q(confirmed_at__isnull=False),
                name="confirmed_signature_has_confirmed_at"),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["status", "created_at"]),
            # With a million signatures: the counts per municipality (index-only), the ranking
            # and the officer's list, newest first, read only confirmed rows from here.
            models.Index(fields=["municipality", "-confirmed_at"],
                         condition=models.Q(status="confirmed"),
                         name="signature_confirmed_order"),
            # The public names on a municipality's page: walk the index, stop at 50.
            models.Index(fields=["municipality", "-confirmed_at"],
                         condition=models.Q(status="confirmed", show_name_publicly=True),
                         name="signature_public_names"),
            # The retention purge finds the few rows that still keep where they came from.
            models.Index(fields=["confirmed_at"], condition=~models.Q(source_hash=""),
                         name="signature_source_kept"),
        ]

    def __str__(self):
        # Never the name or address: this string lands in logs, the admin and audit entries.
        return f"co-signature #{self.pk} – {self.municipality_id}"

    @property
    def public_name(self) -> str:
        """'Anna D.': the first name and the initial of the last word of the name."""
        parts = self.name.split()
        if not parts:
            return ""
        if len(parts) == 1:
            return parts[0]
        return f"{parts[0]} {parts[-1][0].upper()}."


class TrendKind(models.TextChoices):
    NETWORK = "network", _("network")
    DOMAIN = "domain", _("e-mail domain")
    MUNICIPALITY = "municipality", _("municipality")


class TrendAlert(models.Model):
    """A network, e-mail domain or municipality whose confirmations crossed its threshold, as
    mailed to coordinators by `check_signature_trends`: one mail per crossing per period. Holds
    no person: a network (/24 or /64), a domain or a NIS code, and counts."""

    kind = models.CharField(max_length=12, choices=TrendKind)
    key = models.CharField(max_length=254)
    count = models.PositiveIntegerField()
    threshold = models.PositiveIntegerField()
    hours = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "key", "-created_at"],
                                name="trend_alert_last")]

    def __str__(self):
        return f"{self.kind} {self.key} ({self.count})"


class AddressSource(models.TextChoices):
    """How the council's address in use came to be trusted."""

    LINK = "link", _("confirmed through the link sent to the address")
    OFFICER = "officer", _("set by the municipality's officer")
    REFERENCE = "reference", _("imported from the network's reference data")
    EARLIER = "earlier", _("set before addresses had to be confirmed")


class CampaignSettings(models.Model):
    """Per municipality: the council's official address, the digest period and the threshold.

    The address receives residents' names and paragraphs, so it is official data: digests go
    only to a confirmed `council_email`. A coordinator's change waits in `pending_council_email`
    until someone confirms it through the link mailed to that address (only the link's hash is
    stored); the municipality's officer changes it directly (see services.council_address_*).
    """

    municipality = models.OneToOneField("places.Municipality", on_delete=models.CASCADE,
                                        primary_key=True, related_name="campaign_settings")
    council_email = models.EmailField(
        _("official e-mail address of the council"), blank=True,
        help_text=_("The college or secretariat that receives the digest of co-signatures."))
    council_email_confirmed_at = models.DateTimeField(
        _("address confirmed at"), null=True, blank=True, editable=False)
    council_email_source = models.CharField(
        _("address confirmed by"), max_length=10, choices=AddressSource, blank=True,
        editable=False)
    pending_council_email = models.EmailField(
        _("address waiting for confirmation"), blank=True, editable=False)
    pending_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                          editable=False)
    pending_expires_at = models.DateTimeField(_("confirmation link valid until"), null=True,
                                              blank=True, editable=False)
    pending_requested_at = models.DateTimeField(_("change requested at"), null=True,
                                                blank=True, editable=False)
    pending_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("change requested by"))
    digest_period_days = models.PositiveSmallIntegerField(
        _("days between digests"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Empty: the network's default (daily)."))
    signature_threshold = models.PositiveIntegerField(
        _("signature threshold"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Empty: the network's default."))
    # When the confirmed co-signatures first reached the threshold, and which threshold it was
    # (recorded by send_digests, so a signer who deletes later does not move the date).
    threshold_reached_at = models.DateTimeField(_("threshold reached at"), null=True,
                                                blank=True, editable=False)
    threshold_reached = models.PositiveIntegerField(_("threshold reached"), null=True,
                                                    blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["pending_token_hash"])

    class Meta:
        verbose_name = _("campaign settings")
        verbose_name_plural = _("campaign settings")
        constraints = [models.CheckConstraint(
            condition=models.Q(digest_period_days__isnull=True)
            | models.Q(digest_period_days__gte=1),
            name="digest_period_at_least_one_day")]

    def __str__(self):
        return str(self.municipality)

    @property
    def threshold(self) -> int:
        return self.signature_threshold or conf.signature_threshold()

    @property
    def period_days(self) -> int:
        return self.digest_period_days or conf.digest_period_days()

    @property
    def deliverable_address(self) -> str:
        """The address digests go to: only a confirmed one ("" while there is none)."""
        if self.council_email and self.council_email_confirmed_at is not None:
            return self.council_email
        return ""


class Delivery(models.Model):
    """One digest sent to a council: which signatures, to which address, when.

    Verifiable (docs/digests.md): numbered per municipality (1, 2, 3 ...), it keeps the anonymous
    receipt value of each signature it carried (`receipt_values`, sorted) and a SHA-256
    `fingerprint` over them chained to the municipality's previous digest. Digests sent before
    fingerprints existed have an empty fingerprint and no values.
    """

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="signature_deliveries")
    to = models.EmailField(_("sent to"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    # Kept when a signer later deletes their signature, so the record stays true.
    signature_count = models.PositiveIntegerField(_("co-signatures"))
    mail = models.ForeignKey("core.OutgoingMail", on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    number = models.PositiveIntegerField(_("digest number"), editable=False)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, editable=False)
    receipt_values = models.JSONField(_("receipt values"), default=list, blank=True,
                                      editable=False)
    # The paper batches the digest carried: [{"batch": id, "count": n}] sorted by id, kept when
    # a batch is deleted later (they enter the fingerprint as "paper:<id>:<count>" lines).
    paper_batches = models.JSONField(_("paper batches"), default=list, blank=True,
                                     editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery to the council")
        verbose_name_plural = _("deliveries to councils")
        constraints = [models.UniqueConstraint(fields=["municipality", "number"],
                                               name="one_digest_number_per_municipality")]

    def __str__(self):
        return f"{self.municipality_id} {self.created_at:%Y-%m-%d} ({self.signature_count})"

    @property
    def paper_count(self) -> int:
        """The signatures on paper this digest carried (its batches' counts)."""
        return sum(int(batch.get("count", 0)) for batch in self.paper_batches or [])

    def save(self, *args, **kwargs):
        if self.number is None:  # the next number of this municipality's digests
            last = (Delivery.objects.filter(municipality_id=self.municipality_id)
                    .aggregate(last=models.Max("number"))["last"])
            self.number = (last or 0) + 1
        super().save(*args, **kwargs)


class AnswerOutcome(models.TextChoices):
    MEETING_PLANNED = "meeting_planned", _("meeting planned")
    WILL_APPLY = "will_apply", _("will apply to join")
    REFUSED = "refused", _("refused")
    NO_ANSWER = "no_answer", _("no answer")


class CouncilAnswer(models.Model):
    """What the council answered the residents, as recorded by a coordinator or its officer."""

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="council_answers")
    answered_on = models.DateField(_("date of the answer"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=AnswerOutcome)
    text = models.TextField(_("text of the answer"), max_length=10000, blank=True)
    document = models.FileField(_("document (PDF)"), upload_to="campaigns/answers/%Y/",
                                blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-answered_on", "-id"]
        verbose_name = _("council answer")
        verbose_name_plural = _("council answers")

    def __str__(self):
        return f"{self.municipality_id} {self.answered_on} {self.outcome}"


class AnswerReport(models.Model):
    """A co-signatory tells whether their council replied (asked 3 and 8 weeks after delivery)."""

    class Replied(models.TextChoices):
        YES = "yes", _("yes, the council replied")
        NO_COMMITMENT = "no_commitment", _("the council replied, but did not commit")
        NO = "no", _("no reply so far")
        NOT_EXPECTED = "not_expected", _("no reply is expected")
        UNKNOWN = "unknown", _("I do not know")

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="answer_reports")
    signature = models.OneToOneField(Signature, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="answer_report")
    replied = models.CharField(_("did the council reply?"), max_length=20, choices=Replied)
    details = models.TextField(_("what did it answer?"), max_length=MESSAGE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report of an answer by a resident")
        verbose_name_plural = _("reports of answers by residents")

    def __str__(self):
        return f"{self.municipality_id} {self.replied}"


class BlockedEmailDomain(models.Model):
    """A mail domain a coordinator refuses for signatures, beside the maintained list of
    disposable services (the `disposable-email-domains` package). Blocks its subdomains too."""

    domain = models.CharField(_("domain"), max_length=253, unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+", editable=False)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("blocked e-mail domain")
        verbose_name_plural = _("blocked e-mail domains")
        constraints = [models.CheckConstraint(condition=models.Q(domain=Lower("domain")),
                                              name="blocked_domain_lower_case")]

    def __str__(self):
        return self.domain


class IntegrityCounts(models.Model):
    """Per municipality, what leaves no signature behind to count later: refused repeats of an
    address that already signed, and unconfirmed signatures deleted after their 7 days (both
    counted from migration 0004 on). Stated in every digest beside the counts of the signatures
    themselves."""

    municipality = models.OneToOneField("places.Municipality", on_delete=models.CASCADE,
                                        primary_key=True, related_name="integrity_counts")
    refused_duplicates = models.PositiveIntegerField(default=0)
    expired_unconfirmed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("integrity counts")
        verbose_name_plural = _("integrity counts")

    def __str__(self):
        return str(self.municipality_id)


def paper_scan_path(instance, filename):
    # A random name under private/: never guessable, served only by a permission-checked view.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return (f"private/campaigns/paper/{instance.municipality_id}/"
            f"{secrets.token_hex(16)}.{extension}")


class PaperBatch(models.Model):
    """Signatures collected on paper (at a market, in a parish) and recorded by a coordinator or
    the municipality's officer: a count, a date, who collected them (a group, shown publicly)
    and the scanned sheets (private). They add to the municipality's total and go in its next
    digest (`delivery`); deleted before that, they are gone; deleted after, the digest keeps
    their count in its fingerprint (docs/digests.md)."""

    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="paper_batches")
    count = models.PositiveIntegerField(_("number of signatures"),
                                        validators=[MinValueValidator(1)])
    collected_on = models.DateField(_("collected on"))
    collected_by = models.CharField(_("collected by"), max_length=200,
                                    help_text=_("A group's name, such as a neighbourhood "
                                                "committee: shown publicly, never a resident's "
                                                "private data."))
    scan = models.FileField(_("scanned sheets"), upload_to=paper_scan_path, blank=True,
                            max_length=200)
    delivery = models.ForeignKey(Delivery, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="paper", editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+", editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-collected_on", "-id"]
        verbose_name = _("paper batch")
        verbose_name_plural = _("paper batches")
        constraints = [models.CheckConstraint(condition=models.Q(count__gte=1),
                                              name="paper_batch_count_positive")]

    def __str__(self):
        return f"paper batch #{self.pk} – {self.municipality_id} ({self.count})"


class InvalidationStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    # With a context: "done" of an invalidation is not "done" of a commitment (French genders).
    DONE = "done", pgettext_lazy("invalidation", "done")
    CANCELLED = "cancelled", _("cancelled")
    UNDONE = "undone", _("undone")


class SignatureInvalidation(models.Model):
    """A coordinator's bulk invalidation: the criteria, the reason, who, and how many it changed.

    Run by a background task in chunks (`tasks.run_signature_invalidation`), cancellable while
    queued or running; undone by restoring the previous status of exactly the signatures it
    changed (those still pointing at it)."""

    network = models.CharField(_("IP network"), max_length=43, blank=True)
    email_domain = models.CharField(_("e-mail domain"), max_length=253, blank=True)
    municipality = models.ForeignKey("places.Municipality", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("municipality"))
    confirmed_from = models.DateTimeField(_("confirmed from"), null=True, blank=True)
    confirmed_until = models.DateTimeField(_("confirmed until"), null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=InvalidationStatus,
                              default=InvalidationStatus.QUEUED)
    matched = models.PositiveIntegerField(_("matching when previewed"), default=0)
    invalidated = models.PositiveIntegerField(_("invalidated"), default=0)
    restored = models.PositiveIntegerField(_("restored"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bulk invalidation")
        verbose_name_plural = _("bulk invalidations")

    def __str__(self):
        return f"invalidation #{self.pk} ({self.status})"
