from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from solidair.opendata.api import api

# Not language-prefixed: machine-facing URLs.
urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("solidair.core.urls")),
]

# Pages people read: Dutch at /, French at /fr/, English at /en/, German at /de/.
# Each app's urls.py declares its own paths and namespace.
app_urls = [
    path("", include(f"{app}.urls"))
    for app in settings.SOLIDAIR_APPS
    if app != "solidair.core" and find_spec(f"{app}.urls") is not None
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    *app_urls,
    prefix_default_language=False,
)
