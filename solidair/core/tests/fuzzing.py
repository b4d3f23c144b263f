"""Fuzzing an OpenAPI schema with schemathesis, through the WSGI app (no server needed).

`fuzz_api(schema)` runs every operation with generated valid and invalid inputs and returns the
failures as readable strings. Checks: no server error, the content type and the response body
match what the schema documents, and every status code is one the schema declares (the API
declares its 400/404/406/429 on the routes that give them).

A negative run of an operation whose inputs cannot be made invalid (no parameters, or only
free-form strings) ends in hypothesis' `Unsatisfiable`: nothing to test, so it is skipped.
"""

from contextlib import contextmanager

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]


def load_schema(path: str = "/api/v1/openapi.json"):
    from django.core.wsgi import get_wsgi_application

    with database_kept_open():  # loading requests the schema through the WSGI handler
        return schemathesis.openapi.from_wsgi(path, get_wsgi_application())


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def fuzz_operation(operation, *, max_examples: int) -> list[str]:
    failures = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(max_examples=max_examples, deadline=None, database=None,
                             derandomize=True, suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:
            continue  # no invalid input exists for this operation: nothing to check
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect them all
            failures.append(f"{operation.label} ({mode.value}): {error}")
    return failures


@contextmanager
def database_kept_open():
    """As Django's test client does: a request through the WSGI handler must not close the
    test's database connection (which holds the test transaction on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz_api(schema, *, max_examples: int = 25) -> list[str]:
    with database_kept_open():
        return [failure for operation in operations(schema)
                for failure in fuzz_operation(operation, max_examples=max_examples)]
