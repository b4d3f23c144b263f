import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from solidair.core.middleware import SecurityHeadersMiddleware
from solidair.core.security import allow_framing

pytestmark = pytest.mark.django_db


def _csp(response) -> dict:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def _assert_strict(response):
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_a_page_gets_strict_headers(client):
    _assert_strict(client.get("/"))


def test_the_api_gets_strict_headers(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    _assert_strict(response)


def test_errors_get_strict_headers_too(client):
    _assert_strict(client.get("/municipalities/00000/"))


def test_only_a_view_marked_allow_framing_may_be_framed():
    @allow_framing
    def widget(request):
        return HttpResponse("widget")

    middleware = SecurityHeadersMiddleware(lambda request: widget(request))
    response = middleware(RequestFactory().get("/widget"))
    assert _csp(response)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response
    assert _csp(response)["script-src"] == ["'self'"]


def test_hsts_is_sent_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
