from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "solidair.network"
    verbose_name = _("Network")

    def ready(self):
        from solidair.core.extensions import register_hooks
        from solidair.network import demo, extensions

        register_hooks(
            self,
            nav_items=extensions.nav_items,
            municipality_profile_sections=extensions.municipality_profile_sections,
            account_links=extensions.account_links,
            backoffice_links=extensions.backoffice_links,
            officer_tasks=extensions.officer_tasks,
            coordinator_tasks=extensions.coordinator_tasks,
            audit_action_labels=extensions.audit_action_labels,
            seed_demo=demo.seed_demo,
        )
