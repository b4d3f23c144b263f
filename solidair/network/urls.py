from django.urls import path

from solidair.network import feeds, views

app_name = "network"

urlpatterns = [
    path("network/", views.index, name="index"),
    path("network/about/", views.about, name="about"),
    path("network/partners/new/", views.partner_edit, name="partner_create"),
    path("network/partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    # Meetings
    path("network/meetings.ics", views.meetings_ics, name="meetings_ics"),
    path("network/meetings/new/", views.meeting_edit, name="meeting_create"),
    path("network/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("network/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("network/meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("network/meetings/<int:pk>/register/", views.meeting_register, name="meeting_register"),
    path("network/meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("network/meetings/<int:pk>/attendance/", views.meeting_attendance,
         name="meeting_attendance"),
    path("network/meetings/<int:pk>/brochure/", views.brochure_for_meeting,
         name="meeting_brochure"),
    path("network/meetings/<int:pk>/recommendations/new/", views.recommendation_create,
         name="recommendation_create"),
    # Good practices
    path("network/practices/", views.practice_list, name="practices"),
    path("network/practices/mine/", views.my_practices, name="my_practices"),
    path("network/practices/review/", views.review_queue, name="review_queue"),
    path("network/practices/<int:pk>/", views.practice_detail, name="practice"),
    path("network/practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("network/practices/<int:pk>/submit/", views.practice_submit, name="practice_submit"),
    path("network/practices/<int:pk>/review/", views.practice_review, name="practice_review"),
    path("network/practices/<int:pk>/translations/<str:language>/", views.practice_translation,
         name="practice_translation"),
    path("network/practices/<int:pk>/photos/new/", views.practice_photo_add,
         name="practice_photo_add"),
    path("network/practices/<int:pk>/photos/<int:photo_pk>/", views.practice_photo,
         name="practice_photo"),
    path("network/municipalities/<str:nis>/practices/", views.municipality_practices,
         name="municipality_practices"),
    path("network/municipalities/<str:nis>/practices/new/", views.practice_create,
         name="practice_create"),
    # Brochures
    path("network/brochures/new/", views.brochure_from_selection, name="brochure_create"),
    path("network/brochures/<int:pk>/", views.brochure_detail, name="brochure"),
    path("network/brochures/<int:pk>/brochure.pdf", views.brochure_pdf, name="brochure_pdf"),
    path("network/brochures/<int:pk>/brochure-<str:language>.pdf", views.brochure_pdf,
         name="brochure_pdf_language"),
    path("network/brochures/<int:pk>/publish/", views.brochure_publish, name="brochure_publish"),
    # Policy recommendations
    path("network/recommendations/", views.recommendation_list, name="recommendations"),
    path("network/recommendations/feed/", feeds.RecommendationChangesFeed(),
         name="recommendations_feed"),
    path("network/recommendations/level/<str:level>/", views.recommendation_list,
         name="recommendations_level"),
    path("network/recommendations/<int:pk>/", views.recommendation_detail,
         name="recommendation"),
    path("network/recommendations/<int:pk>/follow-up/", views.recommendation_step,
         name="recommendation_step"),
    path("network/addressees/new/", views.addressee_edit, name="addressee_create"),
    path("network/addressees/<int:pk>/", views.addressee_detail, name="addressee"),
    path("network/addressees/<int:pk>/edit/", views.addressee_edit, name="addressee_edit"),
]
