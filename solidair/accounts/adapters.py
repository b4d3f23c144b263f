"""allauth adapters: nobody signs up alone (invitations only), mail goes through our outbox,
and two-factor cannot be switched off where it is required."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override

from solidair.core.mail import queue_mail


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_logout_redirect_url(self, request) -> str:
        """The home page in the language the person was reading, not always the Dutch one."""
        configured = getattr(settings, "ACCOUNT_LOGOUT_REDIRECT_URL", None)
        if configured:
            return configured
        language = get_language() or settings.LANGUAGE_CODE
        # "/" is the home page only in the default (unprefixed) language: resolve it there.
        with override(settings.LANGUAGE_CODE):
            return translate_url("/", language)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's mail as allauth does, but send it through the outbox (retried)."""
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": _current_site(request),
                   **context}
        message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mimetype in getattr(message, "alternatives", [])
                     if mimetype == "text/html"), "")
        queue_mail(to=message.to, subject=message.subject, body=message.body, html=html,
                   topic=template_prefix)


def _current_site(request):
    from django.contrib.sites.shortcuts import get_current_site

    return get_current_site(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Where two-factor is required, TOTP stays (a new app: ask a site administrator)."""
        if getattr(settings, "MFA_REQUIRED", False):
            return authenticator.type != Authenticator.Type.TOTP
        return True

    def build_totp_svg(self, url: str) -> str:
        """The QR code as an inline <svg> element (without the XML declaration)."""
        svg = super().build_totp_svg(url)
        return svg[svg.index("<svg"):]
