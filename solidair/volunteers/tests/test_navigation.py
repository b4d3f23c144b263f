"""The account pages lead officers and coordinators to their volunteer pages, and those pages
carry their menu, styles and scrollable tables."""

import re

from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.volunteers.tests.factories import make_need, make_offer


def test_officer_account_page_links_to_the_volunteer_pages(client, gent):
    login(client, make_officer(gent))
    content = client.get(reverse("accounts:home")).content.decode()
    for name in ("officer_list", "need_list", "need_create"):
        url = reverse(f"volunteers:{name}", args=[gent.nis])
        assert f'href="{url}"' in content
        assert client.get(url).status_code == 200


def test_wide_tables_can_be_scrolled_with_the_keyboard(client, gent):
    make_offer(gent)
    login(client, make_coordinator())
    html = client.get(reverse("volunteers:coordinator_overview")).content.decode()
    scroller = re.search(r'<div class="table-scroll"[^>]*>', html).group(0)
    assert 'tabindex="0"' in scroller and 'role="region"' in scroller
    label_id = re.search(r'aria-labelledby="([^"]+)"', scroller).group(1)
    assert f'id="{label_id}"' in html


def test_every_officer_page_with_the_volunteer_menu_loads_its_styles(client, gent):
    """The menu is a list styled as a row: without the app's CSS it shows stray bullets."""
    offer = make_offer(gent)
    need = make_need(gent)
    login(client, make_officer(gent))
    for name, args in (("officer_list", [gent.nis]), ("officer_offer", [gent.nis, offer.pk]),
                       ("need_list", [gent.nis]), ("need_detail", [gent.nis, need.pk]),
                       ("need_create", [gent.nis]), ("officer_write", [gent.nis])):
        html = client.get(reverse(f"volunteers:{name}", args=args),
                          {"offers": [offer.pk]}).content.decode()
        assert 'class="volunteer-actions"' in html, name
        assert "volunteers/volunteers.css" in html, name


def test_coordinator_account_page_links_to_the_volunteer_figures(client, gent):
    login(client, make_coordinator())
    url = reverse("volunteers:coordinator_overview")
    assert f'href="{url}"' in client.get(reverse("accounts:home")).content.decode()
    assert client.get(url).status_code == 200


def test_officer_account_page_has_no_coordinator_figures(client, gent):
    login(client, make_officer(gent))
    html = client.get(reverse("accounts:home")).content.decode()
    assert reverse("volunteers:coordinator_overview") not in html
