"""The signed-in person read with whether they have TOTP, in one query.

Every signed-in request loads its user (`get_user`) and then asks whether that user has TOTP
(`RequireTwoFactorMiddleware`): two roundtrips to the database before any page work. These
backends read both at once (`has_totp_now`, read by `solidair.accounts.twofactor.has_totp`).
They replace Django's and allauth's in AUTHENTICATION_BACKENDS; the originals stay listed
after them so that sessions signed in before keep working (their user is then read as before).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth import backends, get_user_model
from django.db.models import Exists, OuterRef


def _user_with_totp(user_id):
    totp = Authenticator.objects.filter(user_id=OuterRef("pk"), type=Authenticator.Type.TOTP)
    user_model = get_user_model()
    try:
        user = user_model._default_manager.annotate(has_totp_now=Exists(totp)).get(pk=user_id)
    except user_model.DoesNotExist:
        return None
    return user


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = _user_with_totp(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        user = _user_with_totp(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
