import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """A request in French leaves French active in the thread; start each test in Dutch."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
