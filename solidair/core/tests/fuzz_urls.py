"""A small API with a deliberate fault, to show that the fuzzing harness finds faults."""

from django.urls import path
from ninja import NinjaAPI, Schema

api = NinjaAPI(urls_namespace="fuzz-selftest", openapi_url="/openapi.json", docs_url=None)


class Count(Schema):
    count: int


@api.get("/count/", response=Count)
def count(request, limit: int = 10):
    return {"count": min(limit, 100)}


@api.get("/fragile/", response=Count)
def fragile(request, divisor: int):
    return {"count": 100 // divisor}  # a server error for divisor=0: the fuzzer must find it


urlpatterns = [path("fuzz/", api.urls)]
