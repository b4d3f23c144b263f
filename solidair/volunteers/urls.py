from django.urls import path

from solidair.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("volunteer/", views.offer, name="offer"),
    path("volunteer/thanks/", views.offer_sent, name="offer_sent"),
    path("volunteer/confirm/<str:token>/", views.confirm, name="confirm"),
    path("volunteer/manage/<str:token>/", views.manage, name="manage"),
    path("volunteer/manage/<str:token>/download/", views.manage_download, name="manage_download"),
    path("volunteer/manage/<str:token>/pause/", views.manage_pause, name="manage_pause"),
    path("volunteer/manage/<str:token>/keep/", views.manage_keep, name="manage_keep"),
    path("volunteer/manage/<str:token>/delete/", views.manage_delete, name="manage_delete"),
    path("volunteer/deleted/", views.deleted, name="deleted"),
    path("volunteer/answer/<str:token>/", views.need_answer, name="need_answer"),
    path("municipalities/<str:nis>/volunteers/", views.officer_list, name="officer_list"),
    path("municipalities/<str:nis>/volunteers/export.csv", views.officer_export,
         name="officer_export"),
    path("municipalities/<str:nis>/volunteers/write/", views.officer_write, name="officer_write"),
    path("municipalities/<str:nis>/volunteers/<int:pk>/", views.officer_offer,
         name="officer_offer"),
    path("municipalities/<str:nis>/volunteer-needs/", views.need_list, name="need_list"),
    path("municipalities/<str:nis>/volunteer-needs/new/", views.need_create, name="need_create"),
    path("municipalities/<str:nis>/volunteer-needs/<int:pk>/", views.need_detail,
         name="need_detail"),
    path("municipalities/<str:nis>/volunteer-needs/<int:pk>/close/", views.need_close,
         name="need_close"),
    path("volunteers/figures/", views.coordinator_overview, name="coordinator_overview"),
]
