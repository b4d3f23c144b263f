"""One page per commitment: anyone can check what the council decided, the evidence, the
yearly figures, what local people say with the municipality's replies, and each new council's
renewal; with its own Atom feed and share image."""

import importlib
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from solidair.campaigns.models import InvalidationStatus
from solidair.charter import selectors, services, views
from solidair.charter.models import (
    Commitment,
    CommitmentFeedback,
    CommitmentRenewal,
    CommitmentReport,
    CommitmentStatus,
    CouncilTerm,
    EvidenceLink,
    TermConfirmation,
    YearlyReport,
)
from solidair.charter.tests.factories import PDF_BYTES, member
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db

PAGE = "/municipalities/44021/commitments/reception/"
ATOM = "{http://www.w3.org/2005/Atom}"
_tokens = iter(range(10_000))


def _at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def feedback(commitment, *, kind="contest", text, status="published", published="2026-02-01",
             **fields):
    number = next(_tokens)
    return CommitmentFeedback.objects.create(
        commitment=commitment, kind=kind, text=text, status=status,
        email=f"resident{number}@example.org", token_hash=f"{number:064d}",
        token_expires_at=timezone.now() + timedelta(days=7),
        published_at=_at(published) if status == "published" else None, **fields)


def published_by_a_coordinator(commitment, *, text, published):
    """A text published as a coordinator does: the pages that show it are built anew."""
    return services.feedback_publish(
        feedback=feedback(commitment, kind="confirm", text=text, status="submitted"),
        by=None, now=_at(published))


def evidence(commitment, **fields):
    return EvidenceLink.objects.create(commitment=commitment, **fields)


def build_story():
    """Gent's commitment to reception places, with a little of everything, and its housing
    commitment dropped by the new council."""
    gent = make_municipality("44021", "Gent", "Gand", is_city=True)
    application = member(gent, codes=("reception", "housing", "network"))
    term = CouncilTerm.objects.create(name="2025-2030", starts_on=date(2025, 1, 1),
                                      ends_on=date(2030, 12, 31))
    reception = application.commitments.get(activity__code="reception")
    Commitment.objects.filter(pk=reception.pk).update(
        target_number=24, target_unit="opvangplaatsen voor gezinnen", state="documented")
    reception.refresh_from_db()
    evidence(reception, kind="decision", label="Gemeenteraadsbesluit LOI",
             url="https://gent.example/besluit-loi", decided_on=date(2025, 3, 1))
    evidence(reception, kind="other", label="Verslag van de opening",
             file=ContentFile(PDF_BYTES, name="opening.pdf"))
    report = YearlyReport.objects.create(municipality=gent, year=2025, places_adults=12,
                                         submitted_at=_at("2026-01-15"))
    entry = CommitmentReport.objects.create(report=report, commitment=reception,
                                            narrative="Twaalf plaatsen geopend in de Dampoort.",
                                            figures={"reception_places": 12})
    evidence(reception, kind="report", label="Jaarverslag OCMW", narrative=entry,
             url="https://gent.example/jaarverslag")
    feedback(reception, text="Er zijn maar acht plaatsen open.", name="Mira Janssens",
             show_name=True, group_name="Gent Solidair", reply_text="Vier plaatsen volgen in mei.",
             reply_at=_at("2026-02-10"))
    feedback(reception, kind="confirm", text="Ik werk er als vrijwilliger: het klopt.",
             name="Verborgen Persoon", show_name=False, published="2026-02-03",
             closed_at=_at("2026-03-01"))
    feedback(reception, text="Nog niet gemodereerd.", status="submitted", name="Anon")
    confirmation = TermConfirmation.objects.create(
        term=term, municipality=gent, requested_at=_at("2025-01-10"), due_on=date(2025, 7, 1),
        confirmed_at=_at("2025-04-01"))
    CommitmentRenewal.objects.create(
        confirmation=confirmation, commitment=reception, outcome="changed", at=_at("2025-04-01"),
        before={"action": "Tien plaatsen in een LOI.", "target_number": 10,
                "target_unit": "opvangplaatsen"})
    evidence(reception, kind="decision", label="Besluit nieuwe raad", confirmation=confirmation,
             url="https://gent.example/besluit-2025", decided_on=date(2025, 3, 25))
    housing = application.commitments.get(activity__code="housing")
    Commitment.objects.filter(pk=housing.pk).update(dropped_at=_at("2025-04-01"))
    CommitmentRenewal.objects.create(confirmation=confirmation, commitment=housing,
                                     outcome="dropped", at=_at("2025-04-01"))
    return gent, reception


@pytest.fixture
def story():
    return build_story()


def test_the_page_tells_the_whole_story(client, story):
    gent, reception = story
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Opvangplaatsen voorzien in Gent</h1>" in html
    # The state in words, with what it means; what was decided, when, in which council term.
    assert "Gestaafd" in html and "het bewijs hieronder nagaan" in html
    assert "Action reception" in html and "24 opvangplaatsen voor gezinnen" in html
    assert "door de gemeenteraad op 1 maart 2025" in html and "2025-2030" in html
    # The evidence with its date and link, the PDF, the yearly figures and narrative.
    assert 'href="https://gent.example/besluit-loi"' in html
    assert "Gemeenteraadsbesluit van 1 maart 2025" in html
    pdf = reception.evidence.exclude(file="").first()
    assert f'href="/charter/44021/evidence/{pdf.pk}.pdf"' in html
    assert "Verslag van de opening" in html
    assert "Jaarverslag 2025" in html and "<dt>Opvangplaatsen</dt><dd>12</dd>" in html
    assert "Twaalf plaatsen geopend" in html and "Jaarverslag OCMW" in html
    # What local people say, with the reply beside it; a name only when its author allowed it.
    assert "Er zijn maar acht plaatsen open." in html and "Vier plaatsen volgen in mei." in html
    assert "Mira Janssens, voor Gent Solidair" in html
    assert "Ik werk er als vrijwilliger" in html and "Verborgen Persoon" not in html
    assert "afgesloten op 1 maart 2026" in html
    assert "1 bevestiging" in html and "1 betwisting" in html
    assert "Nog niet gemodereerd." not in html and "Anon" not in html
    assert "@example.org" not in html
    # Each new council, what it changed.
    assert "Gewijzigd door de raad van 2025-2030" in html and "Tien plaatsen in een LOI." in html
    assert "Besluit nieuwe raad" in html
    # Where it sits, how to follow and share it.
    assert f'href="{gent.get_absolute_url()}"' in html
    assert 'type="application/atom+xml" href="/municipalities/44021/commitments/reception/' \
           'feed.atom"' in html
    assert 'property="og:image" content="http://' in html and "/share.png" in html
    assert '<meta property="og:title" content="Opvangplaatsen voorzien in Gent">' in html
    # The member's page links each commitment to its own page.
    assert f'href="{PAGE}"' in client.get(gent.get_absolute_url()).content.decode()


def test_in_french(client, story):
    html = client.get("/fr" + PAGE).content.decode()
    assert "Prévoir des places d&#x27;accueil à Gand" in html
    assert "Documenté" in html and "1 contestation" in html
    # A commitment is "réalisé", an invalidation "terminée": one English word, two labels.
    with translation.override("fr"):
        assert (CommitmentStatus.DONE.label, InvalidationStatus.DONE.label) == (
            "réalisé", "terminée")


def test_residents_are_asked_to_confirm_or_contest_what_a_member_commits_to_today(
        client, story):
    assert f'href="{PAGE}respond/">Bevestig of betwist dit engagement</a>' in \
        client.get(PAGE).content.decode()
    dropped = client.get("/municipalities/44021/commitments/housing/").content.decode()
    assert "Bevestig of betwist" not in dropped


def test_a_dropped_commitment_and_a_former_members_keep_their_story(client, story):
    gent, _reception = story
    html = client.get("/municipalities/44021/commitments/housing/").content.decode()
    assert "heeft dit engagement op 1 april 2025 geschrapt" in html
    assert "Geschrapt door de raad van 2025-2030" in html
    services.membership_withdraw(municipality=gent, by=None, reason="Nieuwe meerderheid")
    html = client.get(PAGE).content.decode()
    assert "is geen lid meer van het netwerk" in html and "Opvangplaatsen voorzien" in html


def test_unknown_addresses_are_not_found_and_a_number_leads_to_the_code(client, story):
    response = client.get("/municipalities/44021/commitments/1/")
    assert response.status_code == 301 and response["Location"] == PAGE
    response = client.get("/fr/municipalities/44021/commitments/1/feed.atom")
    assert response["Location"] == "/fr" + PAGE + "feed.atom"
    make_municipality("11002", "Antwerpen", "Anvers", postal_codes=("2000",))
    for path in ("/municipalities/44021/commitments/schools/",  # not committed to
                 "/municipalities/44021/commitments/nothing/",
                 "/municipalities/44021/commitments/11/", "/municipalities/44021/commitments/0/",
                 "/municipalities/44021/commitments/%D9%A3/",  # an Arabic-Indic three
                 f"/municipalities/44021/commitments/{'9' * 30}/",
                 f"/municipalities/44021/commitments/{'9' * 300}/share.png",
                 "/municipalities/11002/commitments/reception/",  # not a member
                 "/municipalities/99999/commitments/reception/feed.atom",
                 "/municipalities/4402x/commitments/reception/"):
        assert client.get(path).status_code == 404, path


def _feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_the_feed_has_an_entry_per_step_with_stable_ids(client, story):
    _gent, reception = story
    feed = _feed(client, PAGE + "feed.atom")
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Solidaire Gemeenten"  # RFC 4287
    entries = {entry.find(f"{ATOM}id").text: entry.find(f"{ATOM}title").text
               for entry in feed.iter(f"{ATOM}entry")}
    ids = sorted(key.rsplit("#", 1)[1] for key in entries)
    # The decision, four pieces of evidence, a year, two published texts, a reply, a renewal.
    assert len(entries) == 10, entries
    assert "decision" in ids and "year-2025" in ids
    assert sum(key.startswith("feedback-") for key in ids) == 2
    assert sum(key.startswith("reply-") for key in ids) == 1
    assert sum(key.startswith("renewal-") for key in ids) == 1
    assert all(key.startswith("http://") for key in entries)
    text = ET.tostring(feed, encoding="unicode")
    assert "Nog niet gemodereerd." not in text and "@example.org" not in text
    assert "Verborgen Persoon" not in text and "Mira Janssens" in text
    # The same ids in French and after the story grows.
    french = _feed(client, "/fr" + PAGE + "feed.atom")
    assert {e.find(f"{ATOM}id").text for e in french.iter(f"{ATOM}entry")} == set(entries)
    published_by_a_coordinator(reception, text="Klopt.", published="2026-04-01")
    again = {e.find(f"{ATOM}id").text for e in _feed(client, PAGE + "feed.atom")
             .iter(f"{ATOM}entry")}
    assert set(entries) < again and len(again) == 11


def test_the_share_image_is_a_png_made_once(client, story, monkeypatch):
    made = []
    original = views.commitment_share_png
    monkeypatch.setattr(views, "commitment_share_png",
                        lambda data: made.append(data) or original(data))
    for _ in range(2):
        response = client.get(PAGE + "share.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(made) == 1
    assert made[0]["state"] == "Stand: Gestaafd" and made[0]["name"] == "Gent"
    client.get("/fr" + PAGE + "share.png")
    assert made[1]["activity"] == "Prévoir des places d'accueil"


def test_the_story_is_read_in_a_constant_number_of_queries(story):
    gent, reception = story
    activity = reception.activity
    with CaptureQueriesContext(connection) as few:
        selectors.commitment_story(gent, activity)
    for number in range(5):
        evidence(reception, label=f"Artikel {number}", url=f"https://gent.example/{number}")
        feedback(reception, kind="confirm", text=f"Bevestiging {number}",
                 reply_text="Dank", reply_at=_at("2026-03-01"))
    with CaptureQueriesContext(connection) as many:
        found = selectors.commitment_story(gent, activity)
    assert len(found.feedback) == 7 and len(found.evidence) == 7
    assert len(many) == len(few)


def test_the_page_is_kept_for_visitors_until_the_municipality_changes(client, story, settings):
    settings.PAGE_CACHE_PAGES = settings.PAGE_CACHE_PUBLIC_PAGES
    _gent, reception = story
    assert client.get(PAGE)["X-Page-Cache"] == "miss"
    assert client.get(PAGE)["X-Page-Cache"] == "hit"
    published_by_a_coordinator(reception, text="Gezien in de krant.", published="2026-05-01")
    response = client.get(PAGE)
    assert response["X-Page-Cache"] == "miss"
    assert "Gezien in de krant." in response.content.decode()


@pytest.fixture
def _charter_in_empty_database(transactional_db):
    # A transactional test starts from an empty database: seed the ten activities again.
    importlib.import_module("solidair.charter.migrations.0002_seed_charter").seed_charter(
        apps, None)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_charter_in_empty_database")
def test_the_page_and_its_feed_in_a_browser_in_dutch_and_french(live_server, page, phone_page,
                                                                 axe_check):
    build_story()
    for browser_page, prefix in ((page, ""), (phone_page, "/fr")):
        response = browser_page.goto(live_server.url + prefix + PAGE)
        assert response.status == 200
        assert browser_page.locator("h1").count() == 1
        assert browser_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        axe_check(browser_page)
        feed_url = browser_page.locator('link[rel="alternate"]').get_attribute("href")
        feed = browser_page.request.get(live_server.url + feed_url)
        assert feed.status == 200
        assert ET.fromstring(feed.body()).tag == f"{ATOM}feed"
    assert phone_page.locator("html").get_attribute("lang") == "fr"
