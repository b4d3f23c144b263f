"""`make screenshots` (scripts/screenshots.py): every screen it opens exists and answers 200, so
a renamed page breaks this test rather than the pictures. The browser run itself is not tested."""

import importlib.util
import io

import pytest
from django.core.management import call_command

from solidair.core.testing import BASE_DIR
from solidair.places.models import LegacyMunicipality
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def _script():
    spec = importlib.util.spec_from_file_location("screenshots",
                                                  BASE_DIR / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _demo_site(script):
    """The municipalities the screens and the demo content need, then `seed_demo`."""
    make_municipality("44021", "Gent", "Gand", postal_codes=("9000",), is_city=True)
    make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",), is_city=True,
                      province_code="20001")
    make_municipality("12025", "Mechelen", "Malines", postal_codes=("2800",), is_city=True,
                      province_code="10000")
    merelbeke_melle = make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                                        postal_codes=("9820", "9090"))
    LegacyMunicipality.objects.create(nis="44043", name_nl="Merelbeke", name_fr="Merelbeke",
                                      successor=merelbeke_melle)
    make_municipality(script.BEFORE_NIS, "Luik", "Liège", postal_codes=("4000",), is_city=True,
                      province_code="60000", region_code="03000")
    call_command("seed_demo", force=True, stdout=io.StringIO())


def test_every_screen_answers_in_dutch_and_french(client, settings):
    from solidair.accounts.models import User
    from solidair.campaigns.models import Signature, SignatureStatus

    settings.DEMO_MODE = True  # the demo accounts sign in without two-factor, as in `make data`
    script = _script()
    _demo_site(script)
    # The page "before membership" shows a campaign under way: co-signatures from the demo.
    assert Signature.objects.filter(municipality__nis=script.BEFORE_NIS,
                                    status=SignatureStatus.CONFIRMED).exists()

    screens = script.screens(stdout=io.StringIO())
    # The demo content has an application under review, so the review page itself is shown.
    assert {"home", "municipality-before", "municipality-member", "letter", "sign", "map",
            "members", "commitment", "officer-home", "coordinator-home",
            "review"} == {s.name for s in screens}
    for language in script.LANGUAGES:
        for screen in screens:
            client.logout()
            if screen.user:
                client.force_login(User.objects.get(email=screen.user))
            path = screen.path(language)
            assert path.startswith("/fr/") == (language == "fr")
            response = client.get(path)
            assert response.status_code == 200, (screen.name, path, response.status_code)
