import io

import pytest

from solidair.charter.demo import seed_demo
from solidair.charter.models import (
    Application,
    ApplicationStatus,
    Commitment,
    EvidenceLink,
    Membership,
    YearlyReport,
)
from solidair.places.models import LegacyMunicipality, Municipality, MunicipalityStatus
from solidair.places.testing import make_municipality

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_marks_demo_rows():
    gent = make_municipality("44021", "Gent", "Gand", is_city=True)
    leuven = make_municipality("24062", "Leuven", "Louvain", postal_codes=("3000",))
    mechelen = make_municipality("12025", "Mechelen", "Malines", postal_codes=("2800",))
    merelbeke_melle = make_municipality("44088", "Merelbeke-Melle", "Merelbeke-Melle",
                                        postal_codes=("9820",))
    for nis, name, successor in [("44021", "Gent", gent), ("24062", "Leuven", leuven),
                                 ("44043", "Merelbeke", merelbeke_melle),
                                 ("44040", "Melle", merelbeke_melle)]:
        LegacyMunicipality.objects.create(nis=nis, name_nl=name, name_fr=name,
                                          successor=successor)
    for _ in range(2):
        seed_demo(stdout=io.StringIO())
    assert Membership.objects.count() == 3
    assert Membership.objects.filter(is_demo=True).count() == 3
    assert Application.objects.filter(status=ApplicationStatus.APPROVED, is_demo=True).count() == 2
    assert YearlyReport.objects.filter(is_demo=True).count() == 2
    assert Application.objects.get(municipality=mechelen).status == ApplicationStatus.SUBMITTED
    # The demo shows commitments only declared and others documented by a council decision.
    states = set(Commitment.objects.filter(application__municipality=leuven)
                 .values_list("activity__code", "state"))
    assert ("reception", "documented") in states
    assert ("access-to-services", "declared") in states
    assert {state for _code, state in states} == {"declared", "documented"}
    assert EvidenceLink.objects.filter(kind="decision").count() == 2
    statuses = dict(Municipality.objects.values_list("nis", "status"))
    assert statuses["44088"] == MunicipalityStatus.MEMBER
    assert statuses["12025"] == MunicipalityStatus.CANDIDATE
    merelbeke_melle.refresh_from_db()
    assert merelbeke_melle.joined_as == "Merelbeke"


def test_seed_demo_without_reference_data_does_nothing():
    out = io.StringIO()
    seed_demo(stdout=out)
    assert "skipped" in out.getvalue()
