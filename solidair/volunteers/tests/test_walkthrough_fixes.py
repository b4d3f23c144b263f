"""Regressions found by walking the volunteer journeys in a browser."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from solidair.accounts.audit import readable_entries
from solidair.accounts.models import AuditEntry
from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.volunteers import services
from solidair.volunteers.tests.factories import make_need, make_offer
from solidair.volunteers.tests.test_offer_flow import offer_data


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request under /fr/ leaves French active in this thread: later tests reverse URLs in
    the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def attribute(html: str, element_id: str, name: str) -> str:
    tag = re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', html).group(0)
    return re.search(rf'\b{name}="([^"]*)"', tag).group(1)


@override_settings(SITE_URL="https://mail-link.example")
def test_confirmed_page_links_to_this_site_in_the_page_language(
        client, gent, django_capture_on_commit_callbacks):
    with translation.override("fr"):
        offer_url = reverse("volunteers:offer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(offer_url, offer_data())
    confirm_url = re.search(r"https://mail-link\.example(/fr/volunteer/confirm/\S+/)",
                            mail.outbox[0].body).group(1)
    page = client.post(confirm_url).content.decode()
    # The e-mails use SITE_URL; a link on a page stays on the site the person is on.
    link = re.search(r'href="([^"]*/volunteer/manage/[^"]*)"', page).group(1)
    assert link.startswith("/fr/volunteer/manage/")
    assert client.get(link).status_code == 200


def test_consent_error_is_tied_to_the_checkbox_next_to_its_text(client, gent):
    html = client.post(reverse("volunteers:offer"), offer_data(consent="")).content.decode()
    described_by = attribute(html, "id_consent", "aria-describedby").split()
    assert described_by == ["consent-text", "id_consent_error"]
    assert 'id="id_consent_error"' in html
    assert attribute(html, "id_consent", "aria-invalid") == "true"


def test_consent_checkbox_keeps_only_its_text_without_errors(client, gent):
    html = client.get(reverse("volunteers:offer")).content.decode()
    assert attribute(html, "id_consent", "aria-describedby") == "consent-text"


def test_missing_role_and_consent_say_what_to_do(client, gent):
    with translation.override("en"):
        response = client.post(reverse("volunteers:offer"), offer_data(roles=[], consent=""))
    html = response.content.decode()
    assert "Choose at least one way to help." in html
    assert "Tick this box to agree, or we cannot pass on your offer." in html
    assert "Els Peeters" in html  # nothing typed is lost


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


def test_volunteer_audit_actions_read_as_words(gent):
    offer = make_offer(gent)
    services.offer_set_status(offer=offer, status="contacted", by=make_officer(gent))
    with translation.override("en"):
        entry = readable_entries(AuditEntry.objects.filter(
            action="volunteers.offer_status_changed"))[0]
        assert entry.action_text == "Follow-up status of an offer changed"
        assert ("status", "contacted") in entry.after_items
    with translation.override("nl"):
        entry = readable_entries([entry])[0]
        assert "volunteers." not in str(entry.action_text)
        assert ("status", "contacted") not in entry.after_items


def test_message_to_volunteers_leaves_no_english_label_in_the_audit(gent):
    offers = [make_offer(gent)]
    officer = make_officer(gent)
    services.offers_write(municipality=gent, offers=offers, subject="Hallo", body="Tot dan",
                          by=officer)
    entry = AuditEntry.objects.get(action="volunteers.volunteers_written")
    assert entry.object_label == "" and entry.after == {"count": 1}


def test_errors_far_down_a_long_form_are_announced_at_the_top_with_links(client, gent):
    html = client.post(reverse("volunteers:offer"),
                       offer_data(roles=[], consent="")).content.decode()
    summary = re.search(r'<div class="[^"]*error-summary[^"]*" role="alert">(.*?)</div>', html,
                        flags=re.S).group(1)
    assert html.index("error-summary") < html.index('id="id_name"')
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_roles", "id_consent"]
    assert 'id="id_roles"' in html and 'id="id_consent"' in html


def test_a_correct_form_has_no_error_summary(client, gent):
    assert "error-summary" not in client.get(reverse("volunteers:offer")).content.decode()


@pytest.mark.parametrize("name", ["manage_download", "manage_delete"])
def test_an_old_link_after_deletion_explains_itself(client, gent, name):
    offer = make_offer(gent)
    url = reverse(f"volunteers:{name}", args=[services.offer_manage_token(offer)])
    services.offer_delete(offer=offer)
    response = client.get(url)
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "volunteers/link_invalid.html"


@pytest.mark.parametrize("name", ["manage_pause", "manage_keep"])
def test_a_tampered_link_posting_explains_itself(client, gent, name):
    response = client.post(reverse(f"volunteers:{name}", args=["not-a-token"]), {"paused": "1"})
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "volunteers/link_invalid.html"


@override_settings(SITE_URL="https://mail-link.example")
def test_need_answer_page_links_to_this_site(client, gent):
    offer = make_offer(gent)
    need = make_need(gent)
    with translation.override("fr"):
        url = reverse("volunteers:need_answer",
                      args=[services.need_answer_token(need=need, offer=offer)])
    html = client.get(url).content.decode()
    assert "mail-link.example" not in html
    assert 'href="/fr/volunteer/manage/' in html


def test_pausing_and_resuming_read_as_two_different_actions(gent):
    offer = make_offer(gent)
    services.offer_set_paused(offer=offer, paused=True)
    services.offer_set_paused(offer=offer, paused=False)
    with translation.override("en"):
        entries = readable_entries(AuditEntry.objects.order_by("pk"))
        assert [entry.action_text for entry in entries] == [
            "Volunteer paused their offer", "Volunteer resumed their offer"]
        assert entries[0].object_text == f"volunteer offer #{offer.pk}"
    with translation.override("nl"):
        assert readable_entries(entries)[0].object_text == f"vrijwilligersaanbod #{offer.pk}"


def test_volunteer_forms_say_what_each_personal_field_is_for():
    from solidair.volunteers.forms import OfferForm

    html = str(OfferForm())
    for field, purpose in (("name", "name"), ("email", "email"), ("phone", "tel"),
                           ("postal_code", "postal-code")):
        assert attribute(html, f"id_{field}", "autocomplete") == purpose, field


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
