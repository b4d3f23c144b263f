import io

import pytest


class _NoProgress:
    def update(self, n):
        pass


def _clear_places():
    from solidair.places.models import (
        LegacyMunicipality,
        Municipality,
        PostalCode,
        Province,
        Region,
        StatusChange,
    )

    for model in (StatusChange, PostalCode, LegacyMunicipality, Municipality, Province, Region):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def reference_data(django_db_setup, django_db_blocker):
    """All 565 municipalities, loaded once per test module (committed, removed afterwards).
    Tests still use the `db` fixture, so what each test changes is rolled back."""
    from solidair.places.reference import load_reference_data

    with django_db_blocker.unblock():
        report = load_reference_data(_NoProgress())
    yield report
    with django_db_blocker.unblock():
        _clear_places()


@pytest.fixture
def no_progress():
    return _NoProgress()


@pytest.fixture
def stdout():
    return io.StringIO()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in French leaves French active in the thread; start each test in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
