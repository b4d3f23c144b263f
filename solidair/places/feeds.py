"""An Atom feed of one municipality's history: its timeline (status changes and every app's
events, see the `municipality_timeline_events` hook), newest first."""


from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from solidair.core.feeds import SiteFeed
from solidair.core.links import site_url
from solidair.places import selectors

FEED_ENTRIES = 50


class MunicipalityTimelineFeed(SiteFeed):

    def get_object(self, request, nis):
        municipality, _current = selectors.municipality_by_code(nis)
        if municipality is None:
            raise Http404
        return municipality

    def title(self, municipality):
        return _("History of %(name)s in the network") % {"name": municipality.name}

    def subtitle(self, municipality):
        return _("Status changes, the residents' letter and the council's answers.")

    def link(self, municipality):
        return site_url(municipality.get_absolute_url())

    def feed_url(self, municipality):
        return site_url(reverse("places:municipality_feed", args=[municipality.nis]))

    def items(self, municipality):
        # Entries need a date: an event whose date is not recorded stays on the page only.
        events = [event for event in selectors.municipality_timeline(municipality)
                  if event.at is not None][:FEED_ENTRIES]
        return [(event, municipality) for event in events]

    def item_title(self, item):
        event, _municipality = item
        return event.label

    def item_description(self, item):
        event, _municipality = item
        return event.note or event.label

    def item_link(self, item):
        event, municipality = item
        return site_url(event.url or municipality.get_absolute_url())

    def item_guid(self, item):
        # One id per event whatever the feed's language: the Dutch page's address and the key.
        event, municipality = item
        with translation.override("nl"):
            return f"{site_url(municipality.get_absolute_url())}#{event.key}"


