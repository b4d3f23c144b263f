"""Schemathesis against /api/v1/openapi.json: every operation, bounded to keep CI quick. It
covers each endpoint the apps add to the API without any change here."""

import pytest

from solidair.core.tests.fuzzing import fuzz_api, load_schema, operations

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


def test_the_public_api_survives_fuzzing():
    schema = load_schema()
    failures = fuzz_api(schema, max_examples=25)
    assert not failures, "\n\n".join(failures)


def test_the_fuzzer_finds_a_server_error(settings):
    settings.ROOT_URLCONF = "solidair.core.tests.fuzz_urls"
    schema = load_schema("/fuzz/openapi.json")
    assert len(operations(schema)) == 2
    failures = fuzz_api(schema, max_examples=50)
    assert len(failures) >= 1 and all("fragile" in failure for failure in failures), failures
