import pytest
from django.utils import translation

from solidair.places.models import MunicipalityStatus
from solidair.places.services import municipality_set_status
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def _history_reason(reason):
    gent = make_municipality()
    municipality_set_status(municipality=gent, status=MunicipalityStatus.CANDIDATE,
                            reason=reason)
    return gent.status_changes.get()


def test_a_reason_written_by_an_app_is_shown_in_the_readers_language():
    change = _history_reason("charter application approved")
    with translation.override("nl"):
        assert change.reason_display == "kandidatuur voor het charter goedgekeurd"
    with translation.override("fr"):
        assert change.reason_display == "candidature à la charte approuvée"
    assert change.reason == "charter application approved"  # stored once, as the message id


def test_a_reason_typed_by_a_person_is_shown_as_typed():
    change = _history_reason("Gemeenteraad van 3 maart")
    with translation.override("fr"):
        assert change.reason_display == "Gemeenteraad van 3 maart"
