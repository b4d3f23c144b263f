"""places' own hooks: navigation links and demo data."""

from django.urls import reverse
from django.utils.translation import gettext as _

from solidair.core.extensions import ORDER_MUNICIPALITIES, NavItem


def nav_items(request) -> list[NavItem]:
    return [NavItem(_("Municipalities"), reverse("places:directory"), order=ORDER_MUNICIPALITIES),
            NavItem(_("Map"), reverse("places:map"), order=ORDER_MUNICIPALITIES)]


def audit_action_labels() -> dict:
    """Words for places' own audit entries (the `audit_action_labels` hook; the status change
    itself is labelled by accounts)."""
    return {"municipality.set_membership": _("Date or name of joining recorded")}


def municipality_timeline_events(municipality) -> list:
    """Each status change of the municipality (the `municipality_timeline_events` hook)."""
    from solidair.places.selectors import status_change_events

    return status_change_events(municipality)
