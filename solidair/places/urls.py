from django.urls import path

from solidair.places import views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("municipalities/<str:nis>/", views.municipality_detail, name="municipality"),
    path("credits/", views.credits, name="credits"),
]
