from django.urls import path

from solidair.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("municipalities/<str:nis>/ask/", views.sign, name="sign"),
    path("municipalities/<str:nis>/ask/sent/", views.sent, name="sent"),
    path("municipalities/<str:nis>/answer/", views.answer_record, name="answer_record"),
    path("municipalities/<str:nis>/answers/<int:pk>/document.pdf", views.answer_document,
         name="answer_document"),
    path("municipalities/<str:nis>/campaign-settings/", views.campaign_settings,
         name="settings"),
    path("municipalities/<str:nis>/co-signatories/", views.officer_signatories,
         name="officer_signatories"),
    path("municipalities/<str:nis>/co-signatories/export.csv", views.officer_signatories_export,
         name="officer_signatories_export"),
    path("municipalities/<str:nis>/co-signatories/write/", views.officer_write,
         name="officer_write"),
    path("municipalities/<str:nis>/digests/verify/", views.digests_verify,
         name="digests_verify"),
    path("signatures/confirm/<str:token>/", views.confirm, name="confirm"),
    path("signatures/<str:token>/", views.manage, name="manage"),
    path("signatures/<str:token>/thanks/", views.thanks, name="thanks"),
    path("signatures/<str:token>/export.json", views.export, name="export"),
    path("signatures/<str:token>/delete/", views.delete, name="delete"),
    path("signatures/<str:token>/answer/", views.report_answer, name="report_answer"),
    path("signatures/<str:token>/answers/<int:pk>/document.pdf", views.signer_answer_document,
         name="signer_answer_document"),
    path("campaign/ranking/", views.ranking, name="ranking"),
    path("campaign/privacy/", views.privacy, name="privacy"),
    path("campaign/waiting/", views.waiting, name="waiting"),
    path("campaign/held/", views.held, name="held"),
    path("campaign/held/<int:pk>/", views.review, name="review"),
    path("campaign/trends/", views.trends, name="trends"),
    path("campaign/blocked-domains/", views.blocked_domains, name="blocked_domains"),
    path("campaign/blocked-domains/<int:pk>/remove/", views.blocked_domain_remove,
         name="blocked_domain_remove"),
    path("campaign/council-address/confirm/<str:token>/", views.council_address_confirm,
         name="council_address_confirm"),
]

urlpatterns += [
    path("municipalities/<str:nis>/paper/", views.paper_batches, name="paper_batches"),
    path("municipalities/<str:nis>/paper/<int:pk>/scan/", views.paper_batch_scan,
         name="paper_batch_scan"),
    path("municipalities/<str:nis>/paper/<int:pk>/delete/", views.paper_batch_delete,
         name="paper_batch_delete"),
    path("campaign/invalidations/", views.invalidations, name="invalidations"),
    path("campaign/invalidations/<int:pk>/", views.invalidation, name="invalidation"),
    path("campaign/invalidations/<int:pk>/cancel/", views.invalidation_cancel,
         name="invalidation_cancel"),
    path("campaign/invalidations/<int:pk>/undo/", views.invalidation_undo,
         name="invalidation_undo"),
]
