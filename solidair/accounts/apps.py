from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "solidair.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from solidair.accounts import demo, extensions
        from solidair.accounts.audit import write_entry
        from solidair.core.audit import set_audit_writer
        from solidair.core.extensions import register_hooks

        # The audit log: every app writes through core.audit.audit_record, accounts keeps it.
        set_audit_writer(write_entry)
        register_hooks(
            self,
            nav_items=extensions.nav_items,
            seed_demo=demo.seed_demo,
        )
