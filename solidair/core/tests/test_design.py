"""The design system at work: the header (a menu that opens without JavaScript, the account area
last), the home page as a start page, and, in Chromium at 390 px, a short header and no page
wider than the phone."""

import importlib
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.urls import reverse

from solidair.accounts.testing import login, make_officer
from solidair.core.extensions import ACCOUNT, NavItem
from solidair.places.models import MunicipalityStatus
from solidair.places.testing import make_municipality

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Element:
    """Just enough of a DOM to read a page: `find("details.menu")`, `find_all("a")`."""

    def __init__(self, tag, attributes):
        self.tag, self.attributes, self.children = tag, dict(attributes), []

    def get(self, name):
        return self.attributes.get(name)

    def text_content(self) -> str:
        return "".join(child if isinstance(child, str) else child.text_content()
                       for child in self.children)

    def _matches(self, selector: str) -> bool:
        tag, *classes = selector.split(".")
        return ((not tag or tag == self.tag)
                and set(classes) <= set((self.get("class") or "").split()))

    def find_all(self, selector: str) -> list["Element"]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child._matches(selector):
                    found.append(child)
                found += child.find_all(selector)
        return found

    def find(self, selector: str) -> "Element":
        """The one element matching `selector` (fails when there are none or several)."""
        [element] = self.find_all(selector)
        return element


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        while len(self.stack) > 1 and self.stack.pop().tag != tag:
            pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _page(response) -> Element:
    assert response.status_code == 200
    builder = _TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def _links(element) -> list[str]:
    return [link.get("href") for link in element.find_all("a")]


def _text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.django_db
def test_the_header_menu_is_a_disclosure_holding_the_navigation_in_order(client):
    page = _page(client.get("/"))
    menu = page.find("header").find("details.menu")
    assert _text(menu.find("summary")) == "Menu"
    nav = menu.find("nav")
    assert nav.get("aria-label") == "Hoofdnavigatie"
    links = _links(nav)
    public = [reverse(name) for name in (
        "places:directory", "places:map", "network:index", "volunteers:offer",
        "campaigns:ranking")]
    assert [link for link in links if link in public] == public  # the visitor's questions
    assert links[-1] == reverse("account_login")  # sign in last, in its own list
    assert _text(nav.find(".nav--account")) == "Aanmelden"
    # A visitor has no work of their own: no review queues, no sign-out.
    assert reverse("charter:review_list") not in links
    assert not page.find("header").find_all("form")


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "name"), [
    ("", "Solidaire Gemeenten"), ("/fr", "Communes solidaires"),
    ("/de", "Solidarische Gemeinden"), ("/en", "Solidarity Municipalities")])
def test_the_site_name_speaks_the_page_language(client, prefix, name):
    page = _page(client.get(f"{prefix}/"))
    assert _text(page.find("header").find(".brand__name")) == name


@pytest.mark.django_db
def test_a_signed_in_officer_finds_their_home_and_signs_out_from_the_header(client):
    gent = make_municipality()
    login(client, make_officer(gent))
    page = _page(client.get("/municipalities/44021/"))
    account = page.find("header").find(".nav--account")
    assert _links(account) == [reverse("accounts:home")]
    form = account.find("form")
    assert form.get("method") == "post" and form.get("action") == reverse("account_logout")
    assert _text(form.find("button")) == "Afmelden"
    # Their own pages wait on their home, not in the header.
    header_links = _links(page.find("header"))
    assert reverse("volunteers:officer_list", args=["44021"]) not in header_links
    assert reverse("account_login") not in header_links


def test_a_nav_item_in_an_unknown_group_fails_at_once():
    assert tuple(NavItem("Aanmelden", "/accounts/login/", group=ACCOUNT)) == (
        "Aanmelden", "/accounts/login/")
    with pytest.raises(ValueError, match="acount"):
        NavItem("Aanmelden", "/accounts/login/", group="acount")


@pytest.mark.django_db
def test_home_leads_residents_to_ask_their_council_with_the_search_at_hand(client):
    page = _page(client.get("/"))
    main = page.find("main")
    hero = main.find(".hero")
    assert "Vraag je gemeente om toe te treden" in _text(hero.find("h1"))
    search = hero.find("form.search-form")
    assert search.get("role") == "search" and search.get("action") == reverse("places:directory")
    assert _text(search.find("label")) == "Zoek je gemeente: postcode of naam"
    assert "onderteken mee de brief" in _text(hero)  # what they will do
    assert reverse("campaigns:ranking") in _links(hero)
    # Below it: where a municipality and a volunteer start.
    municipalities, volunteers = main.find(".entries").find_all("section")
    assert {reverse("charter:activities"), reverse("account_login")} <= set(
        _links(municipalities))
    assert _links(volunteers) == [reverse("volunteers:offer")]


@pytest.mark.django_db
def test_home_counts_speak_in_plural_forms(client):
    make_municipality("44021", "Gent", "Gand", status=MunicipalityStatus.MEMBER)
    make_municipality("24062", "Leuven", "Louvain", status=MunicipalityStatus.CANDIDATE)
    make_municipality("11001", "Aartselaar", "Aartselaar", status=MunicipalityStatus.CANDIDATE)

    def counts(url):
        return [_text(item)
                for item in _page(client.get(url)).find(".status-counts").find_all("li")]

    assert {"1 lid", "2 kandidaten", "0 voormalige leden"} <= set(counts("/"))
    assert {"1 membre", "2 candidates", "0 ancien membre"} <= set(counts("/fr/"))
    assert "1 Belgische stad of gemeente engageert zich al" in client.get("/").content.decode()


# --- In Chromium ------------------------------------------------------------------------------

SEEDING_MIGRATIONS = [("solidair.charter.migrations.0002_seed_charter", "seed_charter")]
PHONE_WIDTH = 390


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_header_is_short_the_menu_opens_and_nothing_is_wider(
        live_server, phone_page, page, axe_check):
    from solidair.charter.tests.factories import member

    for module, function in SEEDING_MIGRATIONS:  # a transactional test flushed them
        getattr(importlib.import_module(module), function)(apps, None)
    member(make_municipality("44021", "Gent", "Gand", is_city=True))
    make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle", postal_codes=("9820",))
    phone = phone_page
    phone.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    for path in ("/", "/municipalities/44021/", "/municipalities/44088/", "/map/",
                 "/charter/members/", "/fr/"):
        phone.goto(live_server.url + path)
        header = phone.locator("header.site-header").bounding_box()
        assert header["height"] <= 120, f"{path}: the header is {header['height']}px tall"
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE_WIDTH, f"{path} is {width}px wide on a {PHONE_WIDTH}px phone"
        axe_check(phone)

    members_link = phone.get_by_role("link", name="Membres", exact=True)
    assert not members_link.is_visible()  # closed: the page starts right below the header
    phone.locator("summary", has_text="Menu").click()
    assert members_link.is_visible()
    assert phone.get_by_role("link", name="Se connecter", exact=True).is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    axe_check(phone)  # open, too

    # On a wide screen the same links show inline, without opening anything.
    page.goto(live_server.url + "/")
    assert not page.locator("summary", has_text="Menu").is_visible()
    assert page.get_by_role("link", name="Leden", exact=True).is_visible()
    assert page.locator("header.site-header").bounding_box()["height"] <= 160
    axe_check(page)
