from django.shortcuts import get_object_or_404, render

from solidair.places.models import Municipality


def home(request):
    return render(request, "places/home.html")


def municipality_detail(request, nis):
    municipality = get_object_or_404(Municipality, nis=nis)
    return render(request, "places/municipality_detail.html", {"municipality": municipality})


def credits(request):
    return render(request, "places/credits.html")
