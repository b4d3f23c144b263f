"""Security headers on every response, and a per-client rate limit on the public API."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from solidair.core import ratelimit

# Strict by default: our own files only, no inline script or style, never framed. Settings may
# override single directives through CONTENT_SECURITY_POLICY (a dict directive -> value).
DEFAULT_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # data: for the two-factor QR code (an inline SVG image)
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
FRAMEABLE = {"frame-ancestors": "*"}

DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(self), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)


def content_security_policy(*, frameable: bool = False) -> str:
    directives = {**DEFAULT_CSP, **getattr(settings, "CONTENT_SECURITY_POLICY", {})}
    if frameable:
        directives.update(FRAMEABLE)
    return "; ".join(f"{name} {value}" for name, value in directives.items() if value)


class SecurityHeadersMiddleware:
    """Adds CSP, Permissions-Policy and friends; Django's SecurityMiddleware adds HSTS, nosniff,
    Referrer-Policy and Cross-Origin-Opener-Policy. Put this first in MIDDLEWARE so it sees the
    final response.

    A view decorated with `solidair.core.security.allow_framing` may be framed by any site:
    its response gets `frame-ancestors *` and no X-Frame-Options.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()
        self.frameable_policy = content_security_policy(frameable=True)

    def __call__(self, request):
        response = self.get_response(request)
        frameable = getattr(response, "allow_framing", False)
        if frameable and "X-Frame-Options" in response:
            del response["X-Frame-Options"]
        response.setdefault("Content-Security-Policy",
                            self.frameable_policy if frameable else self.policy)
        response.setdefault("Permissions-Policy", DEFAULT_PERMISSIONS_POLICY)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY or "same-origin")
        response.setdefault("Cross-Origin-Opener-Policy",
                            settings.SECURE_CROSS_ORIGIN_OPENER_POLICY or "same-origin")
        return response


def parse_rate(rate: str) -> tuple[int, int] | None:
    """'300/60' -> (300 requests, per 60 seconds); '' or '0' -> None (no limit)."""
    if not rate or rate.strip() in {"0", "off"}:
        return None
    count, _slash, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


def _api_rate(request):
    """(limit, period) of the API's rate limit when it applies to `request`, else None."""
    if not request.path.startswith("/api/"):
        return None
    return parse_rate(getattr(settings, "API_RATE_LIMIT", ""))


class ApiRateLimitMiddleware:
    """A per-client ceiling on the /api/ answers the server has to build (API_RATE_LIMIT,
    e.g. '1000/60'), in two parts:

    - this middleware counts, once the answer is known: answers from the cache
      (`X-Api-Cache: hit`, `X-Page-Cache: hit`) and `304 Not Modified` are free. Every /api/
      answer says how much of the limit is left (`RateLimit-Limit`, `RateLimit-Remaining`,
      `RateLimit-Reset`, `RateLimit-Policy`). Put it before the caches (it must see what they
      answer);
    - `ApiRateLimitRefusalMiddleware`, last in MIDDLEWARE, answers 429 with `Retry-After` to a
      client over its limit, but only for what must be built: its `process_view` runs after the
      caches', which answer first.

    Counted with `solidair.core.ratelimit` in the cache: with Redis it holds across app servers.
    """

    scope = "api"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        rate = _api_rate(request)
        if rate is None:
            return response
        limit, period = rate
        client = ratelimit.client_ip(request)
        used = getattr(response, "rate_limit_window", None)
        if used is None and free_answer(response):
            used = ratelimit.window(self.scope, client, limit=limit, period=period)
        elif used is None:
            used = ratelimit.charge(self.scope, client, limit=limit, period=period)
        for name, value in used.headers().items():
            response.setdefault(name, value)
        return response


class ApiRateLimitRefusalMiddleware:
    """429 for a client over the API's limit, before its answer is built (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rate = _api_rate(request)
        if rate is None:
            return None
        limit, period = rate
        used = ratelimit.window(ApiRateLimitMiddleware.scope, ratelimit.client_ip(request),
                                limit=limit, period=period)
        if not used.exceeded:
            return None
        body = json.dumps({"message": _("Too many requests. Please try again later.")})
        response = HttpResponse(body, status=429, content_type="application/json")
        response["Retry-After"] = str(used.reset)
        response.rate_limit_window = used
        return response


def free_answer(response) -> bool:
    """An answer that cost no work: from a cache (fresh or the previous version while another
    request renders the new one), or 304 Not Modified."""
    return (response.status_code == 304 or response.get("X-Api-Cache") == "hit"
            or response.get("X-Page-Cache") in {"hit", "stale"})


class ApiErrorsMiddleware:
    """The API speaks the client's language and answers errors in JSON. Put it after
    LocaleMiddleware (which keeps Dutch for every address without a language prefix).

    Under /api/: messages follow Accept-Language; an unknown path gets `{"message"}` with 404
    (not the site's HTML page); a NUL character in the path or query (which PostgreSQL cannot
    compare) gets the API's 400 shape `{"message", "errors"}` before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        request.LANGUAGE_CODE = translation.get_language_from_request(request)
        translation.activate(request.LANGUAGE_CODE)
        if "\x00" in request.path or any("\x00" in text for key, values in request.GET.lists()
                                          for text in (key, *values)):
            message = _("The address contains a character that is not allowed.")
            return _json({"message": message, "errors": {"__all__": [message]}}, status=400)
        response = self.get_response(request)
        if response.status_code == 404 and not response.get("Content-Type", "").startswith(
                "application/json"):
            return _json({"message": _("Not found.")}, status=404)
        return response


def _json(body: dict, *, status: int) -> HttpResponse:
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")
