"""People who sign in: coordinators and municipal officers. Residents never need an account."""


from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidair.core.tokens import hash_token


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """Signs in with an e-mail address. Roles: coordinator, officer of municipalities, staff."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    is_coordinator = models.BooleanField(
        _("coordinator"), default=False,
        help_text=_("Network staff: sees the whole network, reviews, edits network content."))
    preferred_language = models.CharField(_("language"), max_length=5, default="nl",
                                          choices=settings.LANGUAGES)
    # Set only by seed_demo, and honoured only while settings.DEMO_MODE is on: the two demo
    # accounts may sign in without two-factor so a newcomer can try the back office at once.
    demo_without_two_factor = models.BooleanField(default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email


# Where `permissions.officer_nis` keeps a user object's officer municipalities.
OFFICER_NIS_CACHE = "_solidair_officer_nis"


class OfficerAssignment(models.Model):
    """The user acts for this municipality (a person may act for several)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="officer_assignments")
    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     related_name="officer_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipal officer")
        verbose_name_plural = _("municipal officers")
        constraints = [models.UniqueConstraint(fields=["user", "municipality"],
                                               name="unique_officer_per_municipality")]

    def __str__(self):
        return f"{self.user} – {self.municipality}"

    def _forget_on_user(self):
        # The user object this assignment was made with may keep its officer municipalities
        # for the request (`permissions.officer_nis`): a change must not leave them stale.
        user = self._state.fields_cache.get("user")
        if user is not None:
            user.__dict__.pop(OFFICER_NIS_CACHE, None)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._forget_on_user()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._forget_on_user()
        return result


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after. No more personal data than needed:
    the actor is a user id (kept as text if the user is deleted), objects are named by type and id.
    """

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    object_label = models.CharField(max_length=200, blank=True)
    municipality = models.ForeignKey("places.Municipality", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"


class InvitationRole(models.TextChoices):
    OFFICER = "officer", _("municipal officer")
    COORDINATOR = "coordinator", _("coordinator")


class InvitationState(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REVOKED = "revoked", _("revoked")


# Only this hash is stored: a leaked database does not give working invitation links.
hash_invitation_token = hash_token


class Invitation(models.Model):
    """A one-time link, valid for a week, to become an officer of a municipality or a coordinator.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=InvitationRole)
    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE,
                                     null=True, blank=True, related_name="invitations",
                                     verbose_name=_("municipality"))
    language = models.CharField(_("language"), max_length=5, default="nl",
                                choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=InvitationState,
                             default=InvitationState.PENDING, db_index=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="coordinator") | models.Q(municipality__isnull=False),
                name="officer_invitation_has_municipality"),
        ]

    def __str__(self):
        where = f" – {self.municipality}" if self.municipality_id else ""
        return f"{self.get_role_display()}{where} ({self.get_state_display()})"

    def is_expired(self, now=None) -> bool:
        from django.utils import timezone

        return (now or timezone.now()) >= self.expires_at

    def is_usable(self, now=None) -> bool:
        return self.state == InvitationState.PENDING and not self.is_expired(now)
