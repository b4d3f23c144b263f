"""The public API v1: one NinjaAPI, a router per app (listed at the end of this module), one
OpenAPI schema at /api/v1/openapi.json.

Every error answers JSON in the shapes of `solidair.core.api` (one 400 shape for the
whole API); the OpenAPI document declares each error status on the routes that can give it.
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from solidair.campaigns.api import router as campaigns_router
from solidair.charter.api import router as charter_router
from solidair.core.api import NON_FIELD, Invalid, InvalidInput, Message, invalid
from solidair.core.ratelimit import RateLimited
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
        for operations in schema["paths"].values():  # 200 and "200" are one status
            for operation in operations.values():
                operation["responses"] = {str(status): response for status, response
                                          in operation["responses"].items()}
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
    fails validation, 404 when a path parameter names nothing or a page is past the last."""
    implied = [(429, Message), (503, Message)]
    if operation.get("parameters") or operation.get("requestBody"):
        implied.append((400, Invalid))
    names = {parameter.get("name") for parameter in operation.get("parameters", [])}
    if "{" in path or "page" in names:  # a page past the last is a 404 too
        implied.append((404, Message))
    return implied


def _error_description(status: int) -> str:
    return {400: "Invalid input", 404: "Not found", 429: "Too many requests",
            503: "The database is briefly unavailable; try again"}[status]


DESCRIPTION = """Open data of the Belgian Network of Solidarity Cities and Municipalities:
the 565 municipalities and their status, members and their commitments, learning-network
meetings, good practices and policy recommendations. Municipality codes and names: © Statbel
(REFNIS), CC BY 4.0. Recipes with `curl`: see `docs/api.md` in the project.

**Errors** are JSON: 400 `{"message", "errors": {field: [messages]}}`, 404/406/429/503
`{"message"}`. Messages follow `Accept-Language` (nl, fr, en, de).

**Caching.** The municipality list, its CSV and GeoJSON, each municipality and the members'
CSV answer with `ETag` and `Last-Modified`: send them back in `If-None-Match` or
`If-Modified-Since` and you get `304 Not Modified` until the data changes.

**Rate limits.** Each client (IP address) may make **{rate}** requests the server has to
build; answers from the cache (header `X-Api-Cache: hit`) and `304 Not Modified` are free,
so fetching all 565 municipalities one by one is fine. Every answer carries
`RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window
starts again); beyond the limit the answer is `429` with `Retry-After` (seconds). Some routes
have a limit of their own: meetings, good practices and recommendations together 120 a
minute; letters 20 per 10 minutes; co-signatures and volunteer offers 20 an hour per address
and 5 an hour per e-mail address.
"""


def _rate_text() -> str:
    from solidair.core.middleware import parse_rate

    rate = parse_rate(getattr(settings, "API_RATE_LIMIT", ""))
    if rate is None:
        return "unlimited"
    count, seconds = rate
    return f"{count} per {seconds} seconds"


api = SolidairApi(
    title="Solidaire Gemeenten API",
    version="1.0.0",
    description=DESCRIPTION.replace("{rate}", _rate_text()),
    openapi_url="/openapi.json",
    # Swagger UI from ninja's own static files (no CDN), under the site's strict CSP.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": False}),
    docs_url="/docs",
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
    response = api.create_response(request, body, status=exc.status_code)
    if isinstance(exc, RateLimited):
        for name, value in exc.window.headers().items():
            response[name] = value
        response["Retry-After"] = str(exc.window.reset)
    return response


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
