from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "solidair.campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from solidair.campaigns import demo, extensions
        from solidair.core.extensions import register_hooks

        register_hooks(
            self,
            nav_items=extensions.nav_items,
            MunicipalityApiFields=extensions.MunicipalityApiFields,
            municipality_api_fields=extensions.municipality_api_fields,
            municipality_profile_sections=extensions.municipality_profile_sections,
            account_links=extensions.account_links,
            backoffice_links=extensions.backoffice_links,
            officer_tasks=extensions.officer_tasks,
            coordinator_tasks=extensions.coordinator_tasks,
            audit_action_labels=extensions.audit_action_labels,
            audit_object_labels=extensions.audit_object_labels,
            municipality_timeline_events=extensions.municipality_timeline_events,
            membership_lapsed=extensions.membership_lapsed,
            seed_demo=demo.seed_demo,
        )
