import pytest
from django.urls import reverse

from solidair.accounts.testing import login, make_coordinator, make_officer
from solidair.places.testing import make_municipality
from solidair.places.tests.permission_cases import PUBLIC

pytestmark = pytest.mark.django_db

# What each page shows whoever opens it (the municipality made below is called Gent).
SHOWS = {"places:home": 'id="ask-heading"', "places:directory": "Gent",
         "places:municipality": "Gent", "places:map": "<svg", "places:map_svg": "<svg",
         "places:credits": "REFNIS", "places:municipality_feed": "<feed"}


@pytest.mark.parametrize("name", PUBLIC)
@pytest.mark.parametrize("role", ["anonymous", "officer", "coordinator"])
def test_public_pages_open_to_everyone(client, name, role):
    gent = make_municipality()
    if role == "officer":
        login(client, make_officer(gent))
    elif role == "coordinator":
        login(client, make_coordinator())
    args = [gent.nis] if name in ("places:municipality", "places:municipality_feed") else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert SHOWS[name] in response.content.decode()
