from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "solidair.volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from solidair.core.extensions import register_hooks
        from solidair.volunteers import demo, extensions

        register_hooks(
            self,
            nav_items=extensions.nav_items,
            MunicipalityApiFields=extensions.MunicipalityApiFields,
            municipality_api_fields=extensions.municipality_api_fields,
            municipality_profile_sections=extensions.municipality_profile_sections,
            account_links=extensions.account_links,
            backoffice_links=extensions.backoffice_links,
            officer_tasks=extensions.officer_tasks,
            audit_action_labels=extensions.audit_action_labels,
            audit_object_labels=extensions.audit_object_labels,
            audit_value_labels=extensions.audit_value_labels,
            seed_demo=demo.seed_demo,
        )
