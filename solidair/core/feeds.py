"""What the site's Atom feeds share: the network as author, and dated items whose id is not a
link. A feed's items are tuples whose first element has `at` (a datetime, or a date)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.timezone import make_aware

from solidair.core.links import SITE_NAME


def moment(at) -> datetime:
    """A date as the start of that day, where a feed needs a moment."""
    return at if isinstance(at, datetime) else make_aware(datetime.combine(at, time.min))


class SiteFeed(Feed):
    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def author_name(self):
        """Atom asks for an author: the network, whose site publishes the feed."""
        return str(SITE_NAME)

    def item_updateddate(self, item):
        return moment(item[0].at)

    def item_pubdate(self, item):
        return moment(item[0].at)
