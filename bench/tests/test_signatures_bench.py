"""The signatures benchmark (bench/bench_signatures.py) at a tiny size on the test database:
it reports the rate beside its baseline, and the burst loses nothing. No timing assertions."""

import pytest

from bench import bench_signatures
from solidair.campaigns.models import Signature


@pytest.mark.django_db
def test_signatures_bench_reports_both_numbers_and_loses_nothing(settings):
    for name, value in bench_signatures.BENCH_SETTINGS.items():
        setattr(settings, name, value)
    municipality = bench_signatures.bench_municipality()

    rate = bench_signatures.signature_rate(municipality, workers=2, per_worker=10,
                                           processes=False)
    assert rate["rate"] > 0 and rate["baseline"] > 0
    assert (rate["submitted"], rate["confirmed"], rate["lost"]) == (20, 20, 0)
    assert rate["normalised"] and len(rate["fingerprint"]) == 64

    burst = bench_signatures.burst(municipality, workers=2, total=20, processes=False,
                                   settle_seconds=0)
    assert (burst["confirmed"], burst["lost"], burst["counted"]) == (20, 0, 20)
    assert Signature.objects.filter(municipality=municipality).count() == 20

    rows = bench_signatures.rows(rate, burst, workers=2)
    assert rows[0].baseline and rows[0].ratio is not None
    assert "0 lost" in rows[1].note


def test_counter_lag_is_how_long_the_database_was_ahead():
    # (seconds, counter shows, database holds)
    assert bench_signatures.counter_lag([(0, 0, 0), (1, 0, 5), (2, 0, 9), (3, 9, 9)]) == 1
    assert bench_signatures.counter_lag([(0, 0, 0), (1, 3, 3)]) == 0
