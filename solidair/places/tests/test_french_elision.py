"""French elides "de" before a vowel: "Ville d’Anvers", in pages, feeds and mail."""

from solidair.core.french import elide
from solidair.core.mail import queue_templated_mail
from solidair.places.testing import make_municipality


def test_pages_and_mail_in_french_elide_before_a_place_name(client, db, settings):
    settings.PAGE_CACHE_PAGES = settings.PAGE_CACHE_PUBLIC_PAGES
    make_municipality("11002", "Antwerpen", "Anvers", postal_codes=("2000",),
                               is_city=True)
    make_municipality("57081", "Ath", "Ath", postal_codes=("7800",))
    make_municipality("55086", "Le Roeulx", "Le Roeulx", postal_codes=("7070",))
    for state in ("miss", "hit"):  # the cache keeps the corrected page
        response = client.get("/fr/municipalities/11002/")
        assert response["X-Page-Cache"] == state
        html = response.content.decode()
        assert "Ville d’Anvers" in html and "Ville de Anvers" not in html
    feed = client.get("/fr/municipalities/11002/feed.atom").content.decode()
    assert "Historique d’Anvers dans le réseau" in feed  # a translation with the name in it
    # Dutch keeps its "de"; a word that is not a place's name is left alone.
    assert "Stad Antwerpen" in client.get("/municipalities/11002/").content.decode()
    assert elide("la haven de Antwerpse et de Ath, puis de Le Roeulx.") == (
        "la haven de Antwerpse et d’Ath, puis du Roeulx.")
    assert elide("de Athènes") == "de Athènes"  # a longer word, not the name

    queued = queue_templated_mail(
        to=["officer@example.org"], template="charter/email/membership_lapsed", language="fr",
        context={"municipality": "Anvers", "term": "2025-2030", "url": "https://x.example/"})
    assert queued.subject.startswith("L'adhésion d’Anvers est échue")
    assert "l'adhésion d’Anvers dans les six mois" in queued.body
