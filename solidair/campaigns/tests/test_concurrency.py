"""Twenty simultaneous identical submissions give one signature: the database decides.

Runs on both databases: PostgreSQL lets the submissions race; SQLite (opened as the site opens
it) makes them wait their turn. Either way the address counts once and no submission fails."""

import threading

import pytest
from django.db import connections

from solidair.campaigns import services
from solidair.campaigns.models import Signature
from solidair.campaigns.tests.factories import make_gent
from solidair.core.testing import database_shared_by_threads

SUBMISSIONS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_identical_submissions_give_one_signature(tmp_path):
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

    with database_shared_by_threads(tmp_path):
        threads = [threading.Thread(target=submit) for _ in range(SUBMISSIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert list(Signature.objects.values_list("email_normalized", flat=True)) == [
            "anna@example.org"]
    assert sorted(set(outcomes)) == ["created", "resent"]
    assert outcomes.count("created") == 1
