"""A small API with a deliberate fault, to show that the fuzzing harness finds faults."""

from django.urls import path
from ninja import NinjaAPI, Schema

api = NinjaAPI(urls_namespace="fuzz-selftest", openapi_url="/openapi.json", docs_url=None)


class Count(Schema):
    count: int


class Invalid(Schema):  # ninja's default answer to bad parameters (422), declared
    detail: list[dict]


@api.get("/count/", response={200: Count, 422: Invalid})
def count(request, limit: int = 10):
    return {"count": min(limit, 100)}


@api.get("/fragile/", response={200: Count, 422: Invalid})
def fragile(request, divisor: int):
    return {"count": 100 // divisor}  # a server error for divisor=0: the fuzzer must find it


urlpatterns = [path("fuzz/", api.urls)]
