"""The public API v1: one NinjaAPI, a router per app, one OpenAPI schema at /api/v1/openapi.json."""

from importlib import import_module

from django.conf import settings
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

api = NinjaAPI(
    title="Solidaire Gemeenten API",
    version="1.0.0",
    description="Open data of the Belgian Network of Solidarity Cities and Municipalities. "
    "Municipality codes and names: © Statbel (REFNIS), CC BY 4.0.",
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    # The contract says 400 (not ninja's default 422) with a readable message.
    return api.create_response(
        request, {"message": "Invalid input.", "errors": exc.errors}, status=400)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


for app in settings.SOLIDAIR_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.api":
            raise
        continue
    if module.__name__ != __name__ and hasattr(module, "router"):
        api.add_router("/", module.router)
