"""places' own hooks: navigation links and demo data."""

from django.urls import reverse
from django.utils.translation import gettext as _


def nav_items(request):
    return [(_("Municipalities"), reverse("places:directory")), (_("Map"), reverse("places:map"))]


def seed_demo(*, stdout):
    from solidair.places.demo import seed_places_demo

    seed_places_demo(stdout=stdout)
