from django.urls import path

from solidair.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.home, name="home"),
    path("account/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("account/backoffice/municipalities/", views.municipality_list, name="municipalities"),
    path("account/backoffice/municipalities/<str:nis>/", views.municipality_detail,
         name="municipality"),
    path("account/backoffice/municipalities/<str:nis>/status/", views.municipality_status,
         name="municipality_status"),
    path("account/backoffice/municipalities/<str:nis>/officers/<int:pk>/revoke/",
         views.officer_revoke, name="officer_revoke"),
    path("account/backoffice/invitations/", views.invitation_list, name="invitations"),
    path("account/backoffice/invitations/new/", views.invitation_create,
         name="invitation_create"),
    path("account/backoffice/invitations/<int:pk>/revoke/", views.invitation_revoke,
         name="invitation_revoke"),
    path("account/backoffice/audit/", views.audit_log, name="audit_log"),
    path("account/backoffice/mail/", views.failed_mail_list, name="failed_mails"),
    path("account/backoffice/mail/<int:pk>/retry/", views.failed_mail_retry,
         name="failed_mail_retry"),
]
