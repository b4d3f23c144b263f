"""Two-factor before anything else: a signed-in person without TOTP is sent to set it up."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
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
