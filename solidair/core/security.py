"""Framing: pages are never framed by other sites, except views marked with `allow_framing`."""

from functools import wraps

from django.views.decorators.clickjacking import xframe_options_exempt


def allow_framing(view):
    """Let any site embed this view in an iframe (the embeddable widget only)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.allow_framing = True  # read by the security headers middleware (CSP)
        return response

    return xframe_options_exempt(wrapped)
