import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from solidair.accounts import permissions
from solidair.accounts.testing import make_coordinator, make_officer, make_staff, make_user
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent():
    return make_municipality("44021", "Gent", "Gand")


@pytest.fixture
def leuven():
    return make_municipality("24062", "Leuven", "Louvain")


def test_an_officer_of_gent_gets_404_for_leuven(gent, leuven):
    officer = make_officer(gent)
    assert permissions.municipality_for_officer_or_404(officer, "44021") == gent
    assert permissions.municipality_for_editor_or_404(officer, "44021") == gent
    for check in (permissions.municipality_for_officer_or_404,
                  permissions.municipality_for_editor_or_404):
        with pytest.raises(Http404):
            check(officer, "24062")
        with pytest.raises(Http404):
            check(officer, "99999")
    assert not permissions.can_edit(officer, leuven)
    assert not permissions.can_see_personal_data(officer, leuven)


def test_an_officer_of_several_municipalities_acts_for_each(gent, leuven):
    from solidair.accounts.models import OfficerAssignment

    officer = make_officer(gent)
    OfficerAssignment.objects.create(user=officer, municipality=leuven)
    assert set(permissions.officer_municipalities(officer)) == {gent, leuven}
    assert permissions.can_edit(officer, leuven)


def test_coordinators_edit_everywhere_but_see_no_personal_data(gent):
    coordinator = make_coordinator()
    assert permissions.is_coordinator(coordinator)
    assert permissions.can_edit(coordinator, gent)
    assert permissions.municipality_for_editor_or_404(coordinator, "44021") == gent
    assert not permissions.can_see_personal_data(coordinator, gent)
    with pytest.raises(Http404):
        permissions.municipality_for_officer_or_404(coordinator, "44021")
    assert list(permissions.editable_municipalities(coordinator)) == [gent]


def test_roles_combine(gent):
    both = make_officer(gent, is_coordinator=True)
    assert permissions.is_coordinator(both) and permissions.is_officer_of(both, gent)
    assert permissions.can_see_personal_data(both, gent)


def test_anonymous_inactive_and_plain_users_get_nothing(gent):
    inactive = make_coordinator(is_active=False)
    plain = make_user()
    for user in (AnonymousUser(), inactive, plain, None):
        assert not permissions.is_coordinator(user)
        assert not permissions.can_edit(user, gent)
        assert not permissions.editable_municipalities(user).exists()
        with pytest.raises(Http404):
            permissions.require_coordinator(user)


def test_staff_are_site_administrators_and_may_coordinate(gent):
    staff = make_staff()
    assert permissions.is_coordinator(staff)
    assert not permissions.is_officer_of(staff, gent)
