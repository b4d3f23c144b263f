"""Two-factor before anything else: a signed-in person without TOTP is sent to set it up. And
the activity of signed-in sessions, written at most once a minute."""

import hashlib

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.usersessions.internal import usersessionkit
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from solidair.accounts.twofactor import (
    has_totp,
    mark_session_two_factor_after_setup,
    session_passed_two_factor,
)

# What a signed-in person may still open before TOTP is active: its setup (allauth asks for the
# password again first), the recovery codes it creates, and signing out.
SETUP_URL_NAMES = frozenset({
    "mfa_activate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_index", "account_reauthenticate", "account_logout",
    "set_language",
})


def _url_name(request) -> str:
    try:
        return resolve(request.path_info).url_name or ""
    except Resolver404:
        return ""


def two_factor_exempt(user) -> bool:
    """The demo accounts, and only on a demo site."""
    return bool(settings.DEMO_MODE and user.demo_without_two_factor)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (getattr(settings, "MFA_REQUIRED", False) and user.is_authenticated
                and not two_factor_exempt(user) and not self._is_exempt_path(request)):
            return self.get_response(request)
        url_name = _url_name(request)
        if not has_totp(user):
            if url_name not in SETUP_URL_NAMES:
                return redirect("mfa_activate_totp")
            response = self.get_response(request)
            if url_name == "mfa_activate_totp" and request.method == "POST":
                # A TOTP made by this request proved its code: the session passed two-factor.
                mark_session_two_factor_after_setup(request, user)
            return response
        if not session_passed_two_factor(request, user):
            # Signed in some way that skipped the TOTP question: start again properly.
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _is_exempt_path(request) -> bool:
        path = request.path_info
        # The API is not exempt: a session without two-factor must not reach private endpoints.
        return path.startswith((settings.STATIC_URL, "/healthz"))


# How often a signed-in browser's "last seen" (allauth's list of one's sessions) is written.
SESSION_ACTIVITY_SECONDS = 60


class UserSessionsMiddleware:
    """allauth's session activity (last seen, address and browser in the list of one's
    sessions), written at most once a minute per session, address and browser instead of on
    every request: each write is a transaction of three queries and an UPDATE, a fifth of a
    signed-in page's work. A change of address or browser is still written at once (it has a
    key of its own), so allauth's `session_client_changed` is sent as before; only "last seen"
    may be up to a minute old."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if (user is not None and user.is_authenticated and session is not None
                and session.session_key and self._first_in_window(request, session)):
            usersessionkit.track_activity(request, user=user, session=session)
        return self.get_response(request)

    @staticmethod
    def _first_in_window(request, session) -> bool:
        try:
            address = get_account_adapter().get_client_ip(request)
        except PermissionDenied:
            return True  # allauth decides what to do without an address
        client = "\0".join((session.session_key, address,
                            request.META.get("HTTP_USER_AGENT", "")))
        key = "usersessions:seen:" + hashlib.sha256(client.encode()).hexdigest()
        return cache.add(key, 1, SESSION_ACTIVITY_SECONDS)
