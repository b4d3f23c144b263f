from django.urls import path

from solidair.documents import views

app_name = "documents"

urlpatterns = [
    path("letter/<str:nis>/", views.letter, name="letter"),
]
