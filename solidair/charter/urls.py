from django.urls import path

from solidair.charter import feeds, views

app_name = "charter"

urlpatterns = [
    path("charter/", views.activities, name="activities"),
    path("charter/members/", views.members, name="members"),
    path("charter/members.csv", views.members_csv, name="members_csv"),
    path("charter/figures/", views.figures, name="figures"),
    path("charter/manage/", views.manage, name="manage"),
    path("charter/manage/activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("charter/review/", views.review_list, name="review_list"),
    path("charter/review/<int:pk>/", views.review, name="review"),
    path("charter/reconfirm/<str:token>/", views.reconfirm, name="reconfirm"),
    path("charter/feedback/", views.feedback_queue, name="feedback_queue"),
    path("charter/feedback/sent/", views.feedback_sent, name="feedback_sent"),
    path("charter/feedback/<int:pk>/", views.feedback_moderate, name="feedback_moderate"),
    path("charter/feedback/<str:token>/", views.feedback_manage, name="feedback_manage"),
    path("charter/feedback/<str:token>/delete/", views.feedback_delete, name="feedback_delete"),
    path("charter/<str:nis>/terms/<int:pk>/confirm/", views.term_confirm, name="term_confirm"),
    path("charter/<str:nis>/application/", views.application, name="application"),
    path("charter/<str:nis>/application/<int:pk>/decision.pdf", views.application_file,
         name="application_file"),
    path("charter/<str:nis>/withdraw/", views.withdraw, name="withdraw"),
    path("charter/<str:nis>/progress/", views.progress, name="progress"),
    path("charter/<str:nis>/commitments/<int:pk>/", views.commitment_update,
         name="commitment_update"),
    path("charter/<str:nis>/evidence/<int:pk>.pdf", views.evidence_file, name="evidence_file"),
    path("charter/<str:nis>/report/<int:year>/", views.report, name="report"),
    path("charter/<str:nis>/feedback/", views.officer_feedback, name="officer_feedback"),
    path("charter/<str:nis>/feedback/<int:pk>/reply/", views.feedback_reply,
         name="feedback_reply"),
    path("charter/<str:nis>/widget/", views.widget, name="widget"),
    path("charter/<str:nis>/share.png", views.share_image, name="share_image"),
    path("badge/<str:nis>.svg", views.badge, name="badge"),
    # One commitment's public story, its feed and its share image; <activity> is the activity's
    # code (a number 1-10 redirects to it).
    path("municipalities/<str:nis>/commitments/<str:activity>/", views.commitment,
         name="commitment"),
    path("municipalities/<str:nis>/commitments/<str:activity>/feed.atom",
         feeds.CommitmentFeed(), name="commitment_feed"),
    path("municipalities/<str:nis>/commitments/<str:activity>/share.png",
         views.commitment_share_image, name="commitment_share_image"),
    path("municipalities/<str:nis>/commitments/<slug:activity_code>/respond/",
         views.commitment_respond, name="commitment_respond"),
]
