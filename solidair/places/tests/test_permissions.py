import pytest
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.places.testing import make_municipality
from solidair.places.tests.permission_cases import PUBLIC

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", PUBLIC)
@pytest.mark.parametrize("role", ["anonymous", "officer", "coordinator"])
def test_public_pages_open_to_everyone(client, name, role):
    gent = make_municipality()
    if role == "officer":
        login(client, make_officer(gent))
    elif role == "coordinator":
        login(client, make_coordinator())
    args = [gent.nis] if name in ("places:municipality", "places:municipality_feed") else []
    assert client.get(reverse(name, args=args)).status_code == 200
