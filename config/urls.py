"""Where every app is mounted: this file lists them all (nothing is discovered).

Machine URLs (the API, health checks) are not language-prefixed; pages people read are, by
`i18n_patterns`: Dutch at /, French at /fr/, English at /en/, German at /de/. Each app's urls.py
declares its own paths and namespace; the API's routers are listed in solidair/opendata/api.py.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from solidair.opendata.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include("solidair.core.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    # In the order of settings.SOLIDAIR_APPS (core above; opendata is the API).
    path("", include("solidair.places.urls")),
    path("", include("solidair.accounts.urls")),
    path("", include("solidair.documents.urls")),
    path("", include("solidair.campaigns.urls")),
    path("", include("solidair.charter.urls")),
    path("", include("solidair.network.urls")),
    path("", include("solidair.volunteers.urls")),
    prefix_default_language=False,
)
