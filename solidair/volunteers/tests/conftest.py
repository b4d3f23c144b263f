import pytest

from solidair.places.testing import make_municipality


@pytest.fixture
def gent(db):
    return make_municipality("44021", "Gent", "Gand", postal_codes=("9000", "9030"), is_city=True)


@pytest.fixture
def melle(db):
    return make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                             postal_codes=("9820", "9090"))


@pytest.fixture
def shared_code(db):
    """A postal code serving two municipalities, so the person has to choose."""
    first = make_municipality("11001", "Aartselaar", "Aartselaar", postal_codes=("2630",),
                              province_code="10000")
    second = make_municipality("11002", "Antwerpen", "Anvers", postal_codes=("2630",),
                               province_code="10000")
    return first, second


@pytest.fixture
def send_mail_now(django_capture_on_commit_callbacks):
    """Run the outbox's on-commit sending inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
