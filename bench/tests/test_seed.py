"""The apps' benchmark seeds (bench/seed.py): they top up to the size, never duplicate,
spread the rows."""

import io

import pytest

from bench.seed import seed
from solidair.campaigns.models import Signature, SignatureStatus
from solidair.network.models import GoodPractice
from solidair.places.models import Municipality
from solidair.volunteers.models import VolunteerOffer


@pytest.mark.django_db
def test_seed_bench_tops_up_and_is_idempotent(monkeypatch):
    from bench import seed as seed_module

    # Twelve municipalities instead of the 565 of the reference data, to stay fast.
    monkeypatch.setitem(seed_module.SIZES, "municipalities", 12)
    monkeypatch.setattr(seed_module, "seed_municipalities",
                        lambda count, stdout: seed_module_make(count))
    out = io.StringIO()
    sizes = seed(scale=0.0002, stdout=out)  # 200 signatures, 20 offers, 1 practice
    assert sizes["confirmed_signatures"] == 200
    seed(scale=0.0004, stdout=out)
    seed(scale=0.0004, stdout=out)
    signatures = Signature.objects.filter(consent_version="bench")
    assert signatures.count() == 400
    assert signatures.filter(status=SignatureStatus.CONFIRMED, is_demo=True).count() == 400
    assert signatures.values("municipality").distinct().count() > 6
    assert VolunteerOffer.objects.filter(consent_version="bench", is_demo=True).count() == 40
    practices = GoodPractice.objects.filter(contact="bench")
    assert practices.count() == 2
    assert all(practice.activities.count() == 2 for practice in practices)


def seed_module_make(count):
    from solidair.places.testing import make_municipality, make_region

    make_region()
    for number in range(Municipality.objects.count(), count):
        make_municipality(f"9{number:04d}", f"Gemeente {number}", f"Commune {number}",
                          postal_codes=(f"{1000 + number}",))
