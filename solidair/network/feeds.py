"""An Atom feed of changes to policy recommendations (each follow-up step is an entry)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from solidair.network.models import RecommendationEvent


class RecommendationChangesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Policy recommendations of the network: follow-up")
    subtitle = _("Each step in the follow-up of the network's policy recommendations.")

    def link(self):
        return reverse("network:recommendations")

    def items(self):
        return (RecommendationEvent.objects.select_related("recommendation__addressee")
                .order_by("-recorded_at", "-id")[:50])

    def item_title(self, item):
        return f"{item.recommendation.title}: {item.get_state_display()}"

    def item_description(self, item):
        parts = [item.note]
        if item.outcome:
            parts.append(str(item.get_outcome_display()))
        return " · ".join(p for p in parts if p) or item.recommendation.text[:500]

    def item_link(self, item):
        return item.recommendation.get_absolute_url()

    def item_guid(self, item):
        return f"recommendation-event-{item.pk}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return item.recorded_at

    def item_pubdate(self, item):
        return item.recorded_at
