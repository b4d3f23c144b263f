from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from solidair.core.extensions import hooks


def site(request):
    """Site name, navigation and the language switch (the same page in each language)."""
    current = get_language()
    languages = [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code),
         "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    nav = [item for hook in hooks("nav_items") for item in hook(request)]
    return {"SITE_NAME": settings.SITE_NAME, "DEMO_MODE": settings.DEMO_MODE,
            "language_links": languages, "nav_items": nav}
