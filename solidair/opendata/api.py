"""The public API v1: one NinjaAPI, a router per app (listed at the end of this module), one
OpenAPI schema at /api/v1/openapi.json.

Every error answers JSON in the shapes of `solidair.core.api` (one 400 shape for the
whole API); the OpenAPI document declares each error status on the routes that can give it.
"""

from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from solidair.campaigns.api import router as campaigns_router
from solidair.charter.api import router as charter_router
from solidair.core.api import NON_FIELD, Invalid, InvalidInput, Message, invalid
from solidair.documents.api import router as documents_router
from solidair.network.api import router as network_router
from solidair.places.api import router as places_router
from solidair.volunteers.api import router as volunteers_router

# Where ninja found a value: the first item of a validation error's `loc`.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class JsonParser(Parser):
    """JSON bodies without NUL characters (PostgreSQL cannot store them): a 400, not a 500."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if _has_nul(data):
            raise ValueError("NUL character in the body")
        return data


class SolidairApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (Message, Invalid):
            components.setdefault(model.__name__, model.model_json_schema(
                ref_template="#/components/schemas/{model}"))
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                for status, model in _implied_errors(path, operation):
                    operation["responses"].setdefault(str(status), {
                        "description": _error_description(status),
                        "content": {"application/json": {"schema": {
                            "$ref": f"#/components/schemas/{model.__name__}"}}}})
        return schema


def _implied_errors(path: str, operation: dict) -> list[tuple[int, type]]:
    """The errors any route can give, besides those it declares itself: 429 from the API's
    rate limit and 503 while the database is away (every route), 400 when a parameter or body
    fails validation, 404 when a path parameter names nothing."""
    implied = [(429, Message), (503, Message)]
    if operation.get("parameters") or operation.get("requestBody"):
        implied.append((400, Invalid))
    if "{" in path:
        implied.append((404, Message))
    return implied


def _error_description(status: int) -> str:
    return {400: "Invalid input", 404: "Not found", 429: "Too many requests",
            503: "The database is briefly unavailable; try again"}[status]


api = SolidairApi(
    title="Solidaire Gemeenten API",
    version="1.0.0",
    description="Open data of the Belgian Network of Solidarity Cities and Municipalities. "
    "Municipality codes and names: © Statbel (REFNIS), CC BY 4.0. Errors are JSON: "
    '400 `{"message", "errors": {field: [messages]}}`, 404/406/429/503 `{"message"}`.',
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
    parser=JsonParser(),
)


def field_name(loc) -> str:
    """ninja's error location, e.g. ["body", "payload", "roles", 0] -> "roles.0"."""
    parts = list(loc)
    if parts and parts[0] in SOURCES:
        source = parts.pop(0)
        if source == "body" and len(parts) > 1:
            parts.pop(0)  # the view's parameter name (e.g. "payload"), not a field
    return ".".join(str(part) for part in parts) or NON_FIELD


def readable(error: dict) -> str:
    """A message in the request's language for one pydantic error."""
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind.endswith("too_long"):
        return _("This value is too long.")
    if kind.endswith("too_short"):
        return _("This value is too short.")
    if kind.startswith(("greater_than", "less_than")):
        return _("This value is out of range.")
    if kind in {"literal_error", "enum"}:
        return _("This value is not one of the allowed choices.")
    return _("Enter a valid value.")


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    # The contract says 400 (not ninja's default 422), one shape for every endpoint.
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(field_name(error.get("loc", ())), []).append(readable(error))
    return api.create_response(request, invalid(errors), status=400)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if isinstance(exc, InvalidInput):
        body = invalid(exc.errors, message=str(exc))
    elif exc.status_code == 400:  # ninja's own: a body that is not JSON (or holds NUL)
        message = _("The request body is not valid JSON.")
        body = invalid({NON_FIELD: [message]}, message=message)
    else:
        body = {"message": str(exc)}
    return api.create_response(request, body, status=exc.status_code)


def database_unavailable(request, exc):
    """The database is away (a restart, a failover): 503 and a hint, not a 500."""
    response = api.create_response(
        request, {"message": _("The service is briefly unavailable. Please try again.")},
        status=503)
    response["Retry-After"] = "5"
    return response


api.add_exception_handler(OperationalError, database_unavailable)
api.add_exception_handler(InterfaceError, database_unavailable)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": _("Not found.")}, status=404)


# Every app's router, listed here (nothing is discovered), in the order of SOLIDAIR_APPS: the
# order of the paths in the OpenAPI document. Each router's paths are its own.
for router in (places_router, documents_router, campaigns_router, charter_router,
               network_router, volunteers_router):
    api.add_router("/", router)
