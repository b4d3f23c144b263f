"""The site's name and its absolute links for e-mails, the API, feeds and widgets.

Links are always on SITE_URL. One place builds them, so that a site served on another host or
port (`PORT=8080 make run`, a deployment behind a proxy) sends links that open where it runs.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext_lazy

# The name in the header, page titles and e-mails, in the reader's language.
SITE_NAME = pgettext_lazy("site name", "Solidarity Municipalities")


def site_url(path: str = "/") -> str:
    """`path` (starting with /) on this site."""
    return settings.SITE_URL.rstrip("/") + path


def absolute_url(name: str, *, args=(), language: str | None = None) -> str:
    """The absolute URL of the named page, in `language` (/fr/..., /en/...) when given."""
    if language is None:
        return site_url(reverse(name, args=args))
    with translation.override(language):
        return site_url(reverse(name, args=args))
