import io

from django.test import RequestFactory
from django.utils import translation

from solidair.accounts.testing import make_coordinator, make_officer
from solidair.volunteers.extensions import (
    municipality_profile_sections,
    nav_items,
    seed_demo,
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


def test_profile_section_is_translated(gent):
    make_offer(gent)
    with translation.override("fr"):
        [html] = municipality_profile_sections(request_for(), gent)
    assert "1 habitant" in html


def test_nav_items_depend_on_the_role(gent):
    assert [label for label, _ in nav_items(request_for())] == ["Help als vrijwilliger"]
    officer_items = dict(nav_items(request_for(make_officer(gent))))
    assert "/municipalities/44021/volunteers/" in officer_items.values()
    coordinator_items = dict(nav_items(request_for(make_coordinator())))
    assert "/volunteers/figures/" in coordinator_items.values()


def test_seed_demo_is_idempotent_and_skips_missing_municipalities(gent):
    out = io.StringIO()
    seed_demo(stdout=out)
    seed_demo(stdout=out)
    assert "44088 not loaded" in out.getvalue()
    assert VolunteerOffer.objects.filter(is_demo=True, municipality=gent).count() == 4
    assert VolunteerNeed.objects.filter(is_demo=True).count() == 1
    assert not VolunteerOffer.objects.filter(is_demo=True, municipality_id="44088").exists()
