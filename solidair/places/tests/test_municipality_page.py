"""The municipality page by purpose, and one membership story (issue 12).

Before membership the residents' ask comes first; a member leads with its commitments and is
never asked to join; a former member says when and why it left and how to ask again. The
status line, the founding flag, the date of joining and the history never contradict each
other. Titles read "Stad Gent", "Ville de Liège", "Stadt Eupen".
"""

import re
from datetime import date

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.translation import override

from solidair.places.models import Municipality, MunicipalityStatus, StatusChange
from solidair.places.services import municipality_set_status

pytestmark = pytest.mark.django_db


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def main(html):
    """The page's own content, without the header and its navigation."""
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def status_block(html):
    return html.split('class="municipality-status"', 1)[1].split("</div>", 1)[0]


def h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def position(html, text):
    assert text in html, f"{text!r} not on the page"
    return html.index(text)


def give_commitments(municipality):
    """The officer of a founding member records its commitments (the charter's helpers)."""
    from solidair.charter import services
    from solidair.charter.tests.factories import submitted_application

    application = submitted_application(municipality)
    services.application_approve(application=application, by=None)


def test_founding_member_leads_with_its_commitments_and_is_never_asked_to_join(
        client, reference_data):
    merelbeke_melle = Municipality.objects.get(nis="44088")
    give_commitments(merelbeke_melle)
    html = main(body(client, "/municipalities/44088/"))
    assert h1(html) == "Gemeente Merelbeke-Melle"
    for ask in ("toe te treden", "/municipalities/44088/ask/", "/letter/44088/",
                "onderteken mee"):
        assert ask not in html
    commitments = position(html, "Waartoe Merelbeke-Melle zich engageert")
    assert commitments < position(html, "Action reception")
    assert commitments < position(html, "Help Merelbeke-Melle haar engagementen waar te maken")
    assert commitments < position(html, "Referentiegegevens")
    assert position(html, "Referentiegegevens") > position(html, "Geschiedenis in het netwerk")
    # Still a founding member with an unknown date: recording commitments is not joining again.
    merelbeke_melle.refresh_from_db()
    assert merelbeke_melle.member_since is None
    assert merelbeke_melle.status_changes.count() == 1
    assert "Stichtend lid van het netwerk." in status_block(html)
    assert "sinds" not in status_block(html)  # no date of joining invented


def test_the_sign_and_letter_pages_of_a_member_say_it_is_a_member(client, reference_data):
    from solidair.campaigns.models import Signature

    for url in ("/municipalities/44088/ask/", "/letter/44088/"):
        html = body(client, url)
        assert h1(html) == "Gemeente Merelbeke-Melle is al lid"
        assert 'href="/municipalities/44088/"' in html
        assert "/volunteer/?nis=44088" in html
    response = client.post("/municipalities/44088/ask/", {
        "name": "Anna", "email": "anna@example.org", "postal_code": "9820", "consent": "on"})
    assert response.status_code == 409
    assert not Signature.objects.exists()


def test_a_municipality_not_yet_a_member_leads_with_the_residents_ask(client, reference_data):
    html = main(body(client, "/municipalities/11002/"))  # Antwerpen, not engaged
    assert h1(html) == "Stad Antwerpen"
    ask = position(html, "Vraag Antwerpen om toe te treden tot het netwerk")
    assert ask < position(html, 'href="/municipalities/11002/ask/"')
    assert ask < position(html, 'href="/letter/11002/"')
    progress = position(html, "van de 50 die we nastreven")
    answer = position(html, "De gemeenteraad heeft nog niet geantwoord.")
    next_step = position(html, "De volgende stap")
    assert ask < progress < answer < next_step < position(html, "Vrijwilligers")
    assert next_step < position(html, "Referentiegegevens")
    assert "Waartoe" not in html


def test_a_visitor_sees_a_status_change_at_once_though_parts_of_the_page_are_kept(
        client, reference_data):
    """The page's parts are kept per version of their topics (core.fragments): a status
    change bumps the municipality's topic, so the next visitor sees it."""
    assert "niet betrokken" in status_block(body(client, "/municipalities/11002/"))
    antwerpen = Municipality.objects.get(nis="11002")
    municipality_set_status(municipality=antwerpen, status=MunicipalityStatus.IN_DIALOGUE,
                            reason="De gemeenteraad nodigde de inwoners uit.")
    assert "in gesprek" in status_block(body(client, "/municipalities/11002/"))


def test_the_councils_answer_and_the_next_step(client, reference_data):
    from solidair.campaigns.models import CouncilAnswer

    CouncilAnswer.objects.create(municipality_id="11002", answered_on=date(2026, 3, 2),
                                 outcome="will_apply", text="We bereiden het voor.")
    html = body(client, "/municipalities/11002/")
    assert "Op 2 maart 2026 antwoordde de gemeenteraad:" in html
    assert "We bereiden het voor." in html
    assert "stuurt haar aanvraag naar het netwerk" in html


def test_a_former_member_says_when_and_why_it_left_and_how_to_ask_again(client,
                                                                       reference_data):
    hove = Municipality.objects.get(nis="11021")  # a founding member
    municipality_set_status(municipality=hove, status=MunicipalityStatus.FORMER_MEMBER,
                            reason="De nieuwe meerderheid stapte uit het netwerk.")
    html = main(body(client, "/municipalities/11021/"))
    left = position(html, "Verliet het netwerk op")
    assert left < position(html, "De nieuwe meerderheid stapte uit het netwerk.")
    assert left < position(html, "Vraag Hove om opnieuw toe te treden: onderteken mee")
    assert "Ze was een van de stichtende leden." in html


def test_a_same_status_change_is_never_recorded(reference_data):
    gent = Municipality.objects.get(nis="44021")
    before = list(gent.status_changes.values_list("pk", flat=True))
    since, status_since = gent.member_since, gent.status_since
    assert municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER,
                                   reason="again", member_since=date(2020, 1, 1)) is None
    gent.refresh_from_db()
    assert list(gent.status_changes.values_list("pk", flat=True)) == before
    assert (gent.member_since, gent.status_since) == (since, status_since)


def test_recording_a_founding_members_date_tells_one_story(client, reference_data):
    """The demo's path: the founding members get a date; the page shows that date (not the
    day the data was loaded), one history line, and no 'not known' beside a report."""
    from solidair.charter import services
    from solidair.charter.founding import record_founding_members

    record_founding_members(since=date(2023, 3, 1))
    gent = Municipality.objects.get(nis="44021")
    assert gent.status_changes.count() == 1  # no 'member -> member'
    assert gent.member_since == date(2023, 3, 1) and gent.status_since is None
    services.report_submit(municipality=gent, by=None, data=services.ReportInput(
        year=2025, places_adults=1, places_minors=0, places_in_loi=0, volunteers_active=2,
        narratives={}))
    html = main(body(client, "/municipalities/44021/"))
    assert "Stichtend lid van het netwerk, sinds 1 maart 2023." in status_block(html)
    assert "lid → lid" not in html and "Lid sinds" not in html
    assert "niet bekend" not in html
    assert "Jaarverslag 2025" in html and "1 opvangplaats" in html
    assert "2 actieve vrijwilligers" in html


def test_the_migration_removes_same_status_lines(reference_data):
    from importlib import import_module

    migration = import_module("solidair.places.migrations.0003_drop_same_status_changes")
    gent = Municipality.objects.get(nis="44021")
    founding = gent.status_changes.get()
    StatusChange.objects.create(municipality=gent, from_status="member", to_status="member",
                                changed_at=timezone.now(), reason="membership recorded")
    Municipality.objects.filter(pk=gent.pk).update(status_since=timezone.now())
    antwerpen = Municipality.objects.get(nis="11002")
    asked = municipality_set_status(municipality=antwerpen,
                                    status=MunicipalityStatus.RESIDENTS_ASKING)
    StatusChange.objects.create(municipality=antwerpen, from_status="residents_asking",
                                to_status="residents_asking", changed_at=timezone.now())
    StatusChange.objects.filter(pk=asked.pk).update(
        reason="[demo] residents sent the letter to the council")
    migration.drop_same_status_changes(apps, None)
    migration.translate_demo_reasons(apps, None)
    assert list(gent.status_changes.all()) == [founding]
    assert antwerpen.status_changes.get().reason_display == (
        "Inwoners stuurden de brief naar de gemeenteraad.")  # no English note on a Dutch page
    gent.refresh_from_db()
    antwerpen.refresh_from_db()
    assert gent.status_since is None  # a founding member: its date is not the load date
    assert antwerpen.status_since == asked.changed_at
    assert not StatusChange.objects.filter(from_status="member", to_status="member").exists()


@pytest.mark.parametrize(("url", "expected"), [
    ("/fr/municipalities/62063/", "Ville de Liège"),
    ("/municipalities/62063/", "Stad Luik"),
    ("/de/municipalities/62063/", "Stadt Liège"),
    ("/en/municipalities/62063/", "City of Liège"),
    ("/fr/municipalities/21009/", "Commune d’Ixelles"),
    ("/fr/municipalities/55035/", "Ville du Roeulx"),
    ("/fr/municipalities/52075/", "Commune des Bons Villers"),
    ("/fr/municipalities/44021/", "Ville de Gand"),
])
def test_titles_in_the_page_language(client, reference_data, url, expected):
    html = body(client, url)
    assert h1(html) == expected
    assert title(html).startswith(expected + " ")
    assert f'content="{expected}: ' in html  # og:title


def test_the_french_page_never_heads_with_the_dutch_name(client, reference_data):
    html = body(client, "/fr/municipalities/62063/")
    assert "Luik" not in h1(html) and "Luik" not in title(html)
    names = html.split("Données de référence")[1]
    assert names.index("Liège") < names.index("Luik")  # the page's language first


def test_one_title_function_everywhere(reference_data):
    from solidair.places.models import municipality_title

    liege = Municipality.objects.get(nis="62063")
    assert municipality_title(liege, "fr") == "Ville de Liège"
    assert liege.title_in("nl") == "Stad Luik"
    with override("fr"):
        assert liege.title == "Ville de Liège"


@pytest.mark.parametrize(("language", "one", "two"), [
    ("nl", "1 kandidaat", "2 voormalige leden"),
    ("fr", "1 candidate", "2 anciens membres"),
])
def test_status_counts_use_plural_forms(client, reference_data, language, one, two):
    for nis, status in (("11002", MunicipalityStatus.CANDIDATE),
                        ("11021", MunicipalityStatus.FORMER_MEMBER),
                        ("44021", MunicipalityStatus.FORMER_MEMBER)):
        municipality_set_status(municipality=Municipality.objects.get(nis=nis), status=status)
    prefix = "" if language == "nl" else f"/{language}"
    text = re.sub(r"<[^>]+>", " ", body(client, f"{prefix}/"))
    text = re.sub(r"\s+", " ", text)
    assert one in text and two in text
    assert ("13 leden" if language == "nl" else "13 membres") in text


def test_what_the_municipality_typed_is_marked_with_its_language(client, reference_data):
    """Gent writes its commitments in Dutch: on the French page they carry lang="nl" and the
    heading says they are in Dutch; on the Dutch page nothing is added."""
    give_commitments(Municipality.objects.get(nis="44021"))
    french = main(body(client, "/fr/municipalities/44021/"))
    assert '<span lang="nl">Action reception</span>' in french
    assert 'Les engagements pris par Gand <span class="content-language">(en néerlandais)' \
           '</span>' in french
    dutch = main(body(client, "/municipalities/44021/"))
    assert '<span lang="nl">Action reception</span>' in dutch
    assert "content-language" not in dutch.split("Geschiedenis")[0].split("Lerend netwerk")[0]
