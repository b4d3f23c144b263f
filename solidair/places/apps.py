from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "solidair.places"
    verbose_name = _("Places")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from solidair.core import french
        from solidair.core.extensions import register_hooks
        from solidair.places import demo, extensions
        from solidair.places.models import LegacyMunicipality, Municipality
        from solidair.places.selectors import place_names

        # French elides "de" before these names ("Ville d’Anvers"): core corrects French text
        # on its way out, with the names places knows, read again after any change.
        french.set_name_source(place_names)
        for model in (Municipality, LegacyMunicipality):
            for signal in (post_save, post_delete):
                signal.connect(lambda **kwargs: french.forget_names(), sender=model,
                               weak=False, dispatch_uid=f"french-names-{model.__name__}-{signal}")

        register_hooks(
            self,
            nav_items=extensions.nav_items,
            audit_action_labels=extensions.audit_action_labels,
            municipality_timeline_events=extensions.municipality_timeline_events,
            seed_demo=demo.seed_demo,
        )
