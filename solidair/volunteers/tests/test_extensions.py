import io

from django.test import RequestFactory
from django.utils import translation

from solidair.accounts.testing import make_coordinator, make_officer
from solidair.volunteers.demo import seed_demo
from solidair.volunteers.extensions import (
    account_links,
    backoffice_links,
    municipality_profile_sections,
    nav_items,
)
from solidair.volunteers.models import VolunteerNeed, VolunteerOffer
from solidair.volunteers.tests.factories import make_offer


def request_for(user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def test_profile_section_shows_a_count_and_no_personal_data(gent):
    make_offer(gent, name="Private Person", email="private@example.org", phone="0499")
    make_offer(gent)
    [html] = municipality_profile_sections(request_for(), gent)
    assert "2 inwoners boden hulp aan" in html
    assert "?nis=44021" in html
    for private in ("Private", "private@", "0499", "@example.org"):
        assert private not in html


def test_profile_section_without_offers_invites_the_first_instead_of_counting_none(gent):
    [html] = municipality_profile_sections(request_for(), gent)
    assert "0 inwoners" not in html
    assert "Bied als eerste je hulp aan" in html


def test_profile_section_is_translated(gent):
    make_offer(gent)
    with translation.override("fr"):
        [html] = municipality_profile_sections(request_for(), gent)
    assert "1 habitant" in html


def test_nav_items_offer_help_and_officers_find_their_volunteers_at_home(gent):
    for user in (None, make_officer(gent), make_coordinator()):
        assert [label for label, _ in nav_items(request_for(user))] == ["Help als vrijwilliger"]
    officer_links = dict(account_links(request_for(make_officer(gent, email="o2@example.org")),
                                       gent))
    assert "/municipalities/44021/volunteers/" in officer_links.values()
    assert ("/volunteers/figures/" in
            dict(backoffice_links(make_coordinator(email="c2@example.org"))).values())


def test_seed_demo_is_idempotent_and_skips_missing_municipalities(gent):
    out = io.StringIO()
    seed_demo(stdout=out)
    seed_demo(stdout=out)
    assert "44088 not loaded" in out.getvalue()
    assert VolunteerOffer.objects.filter(is_demo=True, municipality=gent).count() == 4
    assert VolunteerNeed.objects.filter(is_demo=True).count() == 1
    assert not VolunteerOffer.objects.filter(is_demo=True, municipality_id="44088").exists()


def test_profile_section_is_kept_for_visitors_until_the_municipality_changes(gent):
    """A new offer shows to visitors within PAGE_CACHE_SECONDS (like the page cache), a status
    change at once; signed-in people always get the count of now."""
    from solidair.places.models import MunicipalityStatus
    from solidair.places.services import municipality_set_status

    make_offer(gent)
    [before] = municipality_profile_sections(request_for(), gent)
    make_offer(gent)
    [kept] = municipality_profile_sections(request_for(), gent)
    assert kept == before and "1 inwoner bood hulp aan" in kept
    [fresh] = municipality_profile_sections(request_for(make_officer(gent)), gent)
    assert "2 inwoners boden hulp aan" in fresh

    municipality_set_status(municipality=gent, status=MunicipalityStatus.MEMBER)
    gent.refresh_from_db()
    [after] = municipality_profile_sections(request_for(), gent)
    assert "Help Gent haar engagementen waar te maken" in after
    assert "2 inwoners boden hulp aan" in after
