"""The practice list's cards are built from plain rows (issue 14), and read exactly as the
cards built from model instances did: the same page, byte for byte, in every language, for
the full list and for a search with filters on its second page."""

import pytest
from django.core.cache import cache
from django.db.models import Prefetch

from solidair.network import selectors
from solidair.network.models import PracticeTranslation
from solidair.network.tests.factories import make_practice
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

# The list's results as they were rendered from model instances (`practice.shown`,
# `get_absolute_url`, `municipality.name`, `charter_activities`, `content_language_label`):
# the reference.
INSTANCE_TEMPLATE = """\
{% load i18n content_language %}\
<h2>{% blocktranslate count counter=page.paginator.count %}{{ counter }} practice{% plural %}\
{{ counter }} practices{% endblocktranslate %}</h2>
{% for practice in page %}
<article class="card">
  {% with shown=practice.shown %}<h3><a href="{{ practice.get_absolute_url }}" \
lang="{{ shown.language }}">{{ shown.title }}</a>{% content_language_label shown.language %}\
</h3>{% endwith %}
  <p>{{ practice.municipality.name }} · {{ practice.year }} · {% for activity in \
practice.charter_activities %}<span class="badge">{{ activity.title }}</span> {% endfor %}</p>
</article>
{% empty %}<p>{% translate "No practice matches your search." %}</p>
{% endfor %}
{% include "core/pagination.html" %}
"""


def instance_cards(practices):
    return (practices.select_related(None).select_related("municipality")
            .only("pk", "language", "title", "year", "published_at", "municipality__nis",
                  "municipality__name_nl", "municipality__name_fr", "municipality__name_de",
                  "municipality__region_id")
            .prefetch_related(None).prefetch_related("activities", Prefetch(
                "translations",
                PracticeTranslation.objects.only("pk", "practice_id", "language", "title"))))


@pytest.fixture
def instance_path(settings, monkeypatch):
    """Renders the list the way it was: model instances and the template above (not the
    pages of the whole list kept by the other path)."""
    cache.clear()
    monkeypatch.setattr(selectors, "practice_cards", instance_cards)
    monkeypatch.setattr(selectors, "cards_of", selectors.with_charter_activities)
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {**engine["OPTIONS"], "loaders": [
        ("django.template.loaders.locmem.Loader",
         {"network/includes/practice_results.html": INSTANCE_TEMPLATE}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader"]}
    settings.TEMPLATES = [engine]


@pytest.fixture
def practices():
    """26 practices: in Dutch, French and English, some translated, several activities, in a
    municipality with a French name, one without (Flemish) and a Walloon one."""
    gent = make_municipality()
    merelbeke = make_municipality("44088", "Merelbeke-Melle", "", postal_codes=("9820",))
    liege = make_municipality("62063", "Luik", "Liège", province_code="60000",
                              region_code="03000", postal_codes=("4000",))
    places = [gent, merelbeke, liege]
    for number in range(26):
        language = ["nl", "fr", "en"][number % 3]
        translations = {}
        if number % 2:
            translations["fr" if language != "fr" else "nl"] = {
                "title": f"Vertaald & traduit {number}", "actions": "Vrijwilligers helpen"}
        if number % 5 == 0:
            translations["en" if language != "en" else "nl"] = {"title": f"Translated {number}"}
        make_practice(places[number % 3], title=f"Huurbuddy's <{number}> & co",
                      language=language, year=2020 + number % 4,
                      activities=sorted({10, 2, 1 + number % 10}, reverse=True) if number % 7
                      else [5])


def pages(client, urls):
    return {url: client.get(url).content.decode() for url in urls}


@pytest.mark.parametrize("language", ["", "/fr", "/de"])
def test_the_cards_read_as_the_model_instances_did(client, practices, language, request):
    urls = [f"{language}/network/practices/",
            f"{language}/network/practices/?q=vrijwilligers&activity=2&page=2",
            f"{language}/network/practices/?page=99"]
    built = pages(client, urls)
    request.getfixturevalue("instance_path")
    reference = pages(client, urls)
    assert built == reference
    full, searched, beyond = (built[url] for url in urls)
    assert full.count('class="card"') == 20 and searched.count('class="card"') == 2
    assert beyond.count('class="card"') == 6  # the last page
    assert "Merelbeke-Melle" in full and "Huurbuddy&#x27;s &lt;25&gt; &amp; co" in full
