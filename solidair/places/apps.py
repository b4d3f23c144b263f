from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "solidair.places"
    verbose_name = _("Places")

    def ready(self):
        from solidair.core.extensions import register_hooks
        from solidair.places import demo, extensions

        register_hooks(
            self,
            nav_items=extensions.nav_items,
            audit_action_labels=extensions.audit_action_labels,
            municipality_timeline_events=extensions.municipality_timeline_events,
            seed_demo=demo.seed_demo,
        )
