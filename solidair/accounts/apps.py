from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "solidair.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from solidair.accounts.twofactor import on_authenticator_added

        authenticator_added.connect(on_authenticator_added,
                                    dispatch_uid="solidair.accounts.two_factor_session")
