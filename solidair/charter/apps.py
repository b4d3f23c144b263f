from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CharterConfig(AppConfig):
    name = "solidair.charter"
    verbose_name = _("Charter")

    def ready(self):
        from solidair.charter import demo, extensions
        from solidair.core.extensions import register_hooks

        register_hooks(
            self,
            nav_items=extensions.nav_items,
            MunicipalityApiFields=extensions.MunicipalityApiFields,
            municipality_api_fields=extensions.municipality_api_fields,
            municipality_profile_sections=extensions.municipality_profile_sections,
            municipality_head_tags=extensions.municipality_head_tags,
            account_links=extensions.account_links,
            backoffice_links=extensions.backoffice_links,
            officer_tasks=extensions.officer_tasks,
            coordinator_tasks=extensions.coordinator_tasks,
            activity_catalogue=extensions.activity_catalogue,
            audit_action_labels=extensions.audit_action_labels,
            municipality_timeline_events=extensions.municipality_timeline_events,
            membership_is_lapsed=extensions.membership_is_lapsed,
            seed_demo=demo.seed_demo,
        )
