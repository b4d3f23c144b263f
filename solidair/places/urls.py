from django.urls import path

from solidair.places import feeds, views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("municipalities/", views.directory, name="directory"),
    path("municipalities/<str:nis>/", views.municipality_detail, name="municipality"),
    path("municipalities/<str:nis>/feed.atom", feeds.MunicipalityTimelineFeed(),
         name="municipality_feed"),
    path("map/", views.map_page, name="map"),
    path("map.svg", views.map_svg, name="map_svg"),
    path("credits/", views.credits, name="credits"),
]
