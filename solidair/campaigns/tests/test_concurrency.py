"""Twenty simultaneous identical submissions give one signature: the database decides."""

import threading

import pytest
from django.db import connection

from solidair.campaigns import services
from solidair.campaigns.models import Signature
from solidair.campaigns.tests.factories import make_gent

SUBMISSIONS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_identical_submissions_give_one_signature():
    if connection.vendor == "sqlite":
        pytest.skip("an in-memory SQLite database is private to each connection, so threads "
                    "cannot share it; the same constraint is tested here on PostgreSQL")
    from django.db import connections

    gent = make_gent()
    barrier = threading.Barrier(SUBMISSIONS)
    outcomes, errors = [], []

    def submit():
        try:
            barrier.wait()
            result = services.signature_submit(
                municipality=gent, name="Anna", email="Anna@example.org", postal_code="9000",
                consent=True)
            outcomes.append(result.outcome)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Signature.objects.count() == 1
    assert sorted(set(outcomes)) == ["created", "resent"]
    assert outcomes.count("created") == 1
