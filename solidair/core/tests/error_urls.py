"""A URLconf for the error-page tests: one view that always fails."""

from django.urls import path


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fail", fail)]
