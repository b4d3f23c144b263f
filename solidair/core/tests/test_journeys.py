"""Journeys through the site in Chromium, each ending with an axe-core check, at desktop and at
phone width (the `any_page` fixture runs each test for both).

The three main journeys, as stories in steps, with `page_check(page)` (axe-core, and nothing wider
than the screen) on every page they reach:

- resident: find the municipality (search by postal code), sign the letter, confirm by e-mail
  (the link read from `django.core.mail.outbox`), see the signature counted;
- officer: sign in with two-factor (TOTP), update a commitment, see it on the public page;
- coordinator: sign in with two-factor, generate a meeting's brochure, publish it, find the PDF
  on the public network page.
"""

import importlib
import re
import time

import pytest
from django.apps import apps
from django.core import mail

from solidair.core.tests.site_map import crawl
from solidair.places.testing import make_municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Rows the migrations seed: a transactional test flushes them, the pages need them.
SEEDING_MIGRATIONS = [("solidair.charter.migrations.0002_seed_charter", "seed_charter"),
                      ("solidair.documents.migrations.0002_seed_letter_texts", "seed"),
                      ("solidair.network.migrations.0002_search_index_and_partners",
                       "seed_partners")]


@pytest.fixture(autouse=True)
def _seeded_rows(db):
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(params=["desktop", "phone"])
def any_page(request):
    page = request.getfixturevalue("page" if request.param == "desktop" else "phone_page")
    page.set_default_timeout(10_000)  # a step that waits longer has failed
    return page


@pytest.fixture
def page_check(axe_check):
    """axe-core on the page, and nothing wider than the screen (a phone must not scroll
    sideways)."""

    def check(page):
        axe_check(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"

    return check


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now (RFC 6238, as allauth checks it)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    remaining = period - time.time() % period
    if remaining < 3:  # the code would expire before the form is sent: wait for the next one
        time.sleep(remaining)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def sign_in_with_two_factor(page, page_check, base_url, user, prefix=""):
    """Password, then the authenticator's code, through allauth's own pages."""
    from solidair.accounts.testing import give_totp

    _authenticator, secret = give_totp(user)
    page.goto(f"{base_url}{prefix}/accounts/login/")
    page_check(page)
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill("a-Strong-passw0rd!")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page_check(page)
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url
                      and "/accounts/login/" not in url)
    page_check(page)


def test_a_resident_finds_the_municipality_signs_and_is_counted(live_server, any_page,
                                                                page_check):
    from solidair.campaigns.tests.factories import make_gent

    make_gent()
    page, base = any_page, live_server.url
    page.goto(base + "/")
    page_check(page)
    page.get_by_label("Zoek je gemeente: postcode of naam").fill("9000")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    page_check(page)
    if "/municipalities/44021/" not in page.url:  # a list of results: open the one
        page.get_by_role("link", name=re.compile("Gent")).first.click()
    page.wait_for_url(re.compile(r"/municipalities/44021/$"))
    page_check(page)
    assert "0 inwoners vragen" in page.locator(".campaign-section").inner_text()

    page.get_by_role("link", name=re.compile("Vraag Gent")).click()
    page.wait_for_url(re.compile(r"/municipalities/44021/ask/$"))
    page_check(page)
    page.get_by_role("button", name="Onderteken mee de brief").click()  # empty: errors
    page.wait_for_load_state()
    page_check(page)
    page.get_by_label("Naam", exact=False).first.fill("Anna De Smet")
    page.locator("input[name=email]").fill("anna@example.org")
    page.locator("input[name=postal_code]").fill("9000")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Onderteken mee de brief").click()
    page.wait_for_url(re.compile(r"/ask/sent/$"))
    page_check(page)

    [message] = mail.outbox
    link = next(url for url in re.findall(r"https?://\S+", message.body)
                if "/signatures/confirm/" in url)
    page.goto(base + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page_check(page)
    page.get_by_role("button", name="Mijn handtekening bevestigen").click()
    page.wait_for_url(re.compile(r"/thanks/$"))
    page_check(page)

    page.goto(base + "/municipalities/44021/")
    assert "1 inwoner vraagt" in page.locator(".campaign-section").inner_text()
    page_check(page)


def test_an_officer_signs_in_with_two_factor_and_updates_a_commitment(live_server, any_page,
                                                                       page_check):
    from solidair.accounts.testing import make_officer
    from solidair.charter.tests.factories import member

    gent = make_municipality("44021", "Gent", "Gand", is_city=True)
    member(gent)
    officer = make_officer(gent)
    page, base = any_page, live_server.url
    sign_in_with_two_factor(page, page_check, base, officer)

    # They land on their home, which leads to their work.
    assert re.search(r"/account/$", page.url), page.url
    assert page.get_by_role("heading", name="Wat op je wacht").count() == 1
    page.get_by_role("link", name="Engagementen en voortgang").click()
    page.wait_for_url(re.compile(r"/charter/44021/progress/$"))
    page_check(page)
    housing = page.locator("section.card", has_text="woning")
    housing.get_by_label("Status").select_option("in_progress")
    housing.get_by_role("button", name="Bijwerken").click()
    page.wait_for_url(re.compile(r"/charter/44021/progress/$"))
    assert "bijgewerkt" in page.get_by_role("status").inner_text()
    page_check(page)

    page.goto(base + "/municipalities/44021/")
    page_check(page)
    housing = page.locator(".charter-profile-commitments li", has_text="woning")
    assert "Status: in uitvoering" in housing.inner_text()


def test_a_coordinator_publishes_a_brochure_found_on_the_network_page(live_server, any_page,
                                                                      page_check):
    from solidair.accounts.testing import make_coordinator
    from solidair.network.tests.factories import make_meeting, make_practice

    meeting = make_meeting(days=-10, theme="Wonen na de opvang")
    make_practice(make_municipality(), title="Huurbuddy's", meeting=meeting)
    coordinator = make_coordinator()
    page, base = any_page, live_server.url
    sign_in_with_two_factor(page, page_check, base, coordinator, prefix="/fr")
    # Their home, in French, says what waits for the network.
    assert re.search(r"/fr/account/$", page.url), page.url
    assert page.get_by_role("heading", name="Le réseau : ce qui vous attend").count() == 1
    assert page.get_by_role("link", name="Planifier une rencontre").count() == 1

    page.goto(f"{base}/fr/network/meetings/{meeting.pk}/")
    page_check(page)
    page.goto(f"{base}/fr/network/meetings/{meeting.pk}/brochure/")
    page_check(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/fr/network/brochures/\d+/$"))
    page_check(page)
    page.get_by_role("button", name=re.compile("Publier")).click()
    page.wait_for_load_state()
    page_check(page)

    page.context.clear_cookies()  # what everyone sees
    page.goto(f"{base}/fr/network/")
    page_check(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    pdf_link = page.locator("main a[href$='.pdf']").first
    response = page.request.get(base + pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF")


def test_a_visitor_opens_the_home_page(live_server, any_page, page_check):
    response = any_page.goto(live_server.url + "/")
    assert response.status == 200
    assert any_page.locator("h1").count() == 1
    page_check(any_page)


def test_a_visitor_opens_a_municipality_page(live_server, any_page, page_check):
    make_municipality("44021", "Gent", "Gand")
    any_page.goto(live_server.url + "/municipalities/44021/")
    assert any_page.locator("h1").inner_text() == "Gemeente Gent"
    page_check(any_page)
    any_page.goto(live_server.url + "/fr/municipalities/44021/")
    assert any_page.locator("h1").inner_text() == "Commune de Gand"
    assert any_page.locator("html").get_attribute("lang") == "fr"
    page_check(any_page)


def test_a_member_page_leads_with_commitments_and_never_asks_to_join(live_server, any_page,
                                                                     page_check):
    from solidair.charter.tests.factories import member

    gent = make_municipality("44021", "Gent", "Gand", is_city=True)
    member(gent)
    page, base = any_page, live_server.url
    page.goto(base + "/municipalities/44021/")
    page_check(page)
    assert page.locator("h1").inner_text() == "Stad Gent"
    main = page.locator("main")
    assert "toe te treden" not in main.inner_text()
    assert main.locator("a[href$='/ask/'], a[href^='/letter/']").count() == 0
    headings = main.locator("h2").all_inner_texts()
    assert headings[0] == "Waartoe Gent zich engageert"
    assert headings[1] == "Help Gent haar engagementen waar te maken"

    make_municipality("62063", "Luik", "Liège", is_city=True, region_code="03000",
                      province_code="60000", postal_codes=("4000",))
    page.goto(base + "/fr/municipalities/62063/")
    page_check(page)
    assert page.locator("h1").inner_text() == "Ville de Liège"
    assert page.title().startswith("Ville de Liège")
    ask = page.locator("main h2").first.inner_text()
    assert ask == "Demandez à Liège d’adhérer au réseau"


def test_the_content_fits_the_phone_width(live_server, phone_page):
    make_municipality("44021", "Gent")
    phone_page.goto(live_server.url + "/municipalities/44021/")
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


def test_every_public_page_passes_axe(live_server, page, axe_check, client):
    make_municipality("44021", "Gent")
    checked = []
    for found in crawl(client, start=["/municipalities/44021/"]):
        page.goto(live_server.url + found.path)
        axe_check(page)
        checked.append(found.path)
    assert "/" in checked and "/municipalities/44021/" in checked
    assert any(path.startswith("/accounts/") for path in checked)


def populate_demo_site():
    """Three municipalities with every app's demo rows: members with commitments, signatures,
    volunteers, a past meeting with practices, recommendations and a published brochure."""
    import io

    from django.core.management import call_command

    make_municipality("44021", "Gent", "Gand", postal_codes=("9000",), is_city=True)
    make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",), is_city=True,
                      province_code="20001")
    make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                      postal_codes=("9820", "9090"))
    call_command("seed_demo", force=True, stdout=io.StringIO())


def test_every_page_with_content_passes_axe_and_fits_the_phone(live_server, phone_page,
                                                               axe_check, client):
    populate_demo_site()
    checked, too_wide = [], []
    for found in crawl(client, start=["/municipalities/44021/", "/municipalities/44088/"]):
        phone_page.goto(live_server.url + found.path)
        axe_check(phone_page)
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            too_wide.append((found.path, overflow))
        checked.append(found.path)
    assert not too_wide, f"pages wider than the phone (path, extra pixels): {too_wide}"
    assert {"/municipalities/44021/", "/charter/members/", "/network/"} <= set(checked)
    assert any(path.startswith("/accounts/") for path in checked)


def test_axe_check_fails_on_an_inaccessible_page(page, axe_check):
    page.set_content('<!DOCTYPE html><html><head><title>x</title></head>'
                     '<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>'
                     '</body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        axe_check(page)


XSS = '"><script>alert("query")</script><img src=x onerror=alert("img")>'


def test_hostile_input_runs_no_script_in_the_browser(live_server, page, client):
    """Every public page opened with markup in its query, every form submitted with markup in
    each text field: no alert ever opens."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for found in crawl(client, limit=60):
        page.goto(f"{live_server.url}{found.path}?q={XSS}&next={XSS}")
        for index in range(page.locator("form").count()):
            page.goto(live_server.url + found.path)
            form = page.locator("form").nth(index)
            fields = form.locator("input[type=text], input[type=search], input:not([type]), "
                                  "input[type=email], input[type=password], textarea")
            for field_index in range(fields.count()):
                fields.nth(field_index).fill(XSS)
            form.evaluate("form => form.noValidate = true")
            with page.expect_navigation():
                form.evaluate("form => form.requestSubmit()")
    assert not dialogs, dialogs
