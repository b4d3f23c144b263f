"""accounts in shared pages: the sign-in / my-account link."""

from django.urls import reverse
from django.utils.translation import gettext as _

from solidair.core.extensions import ACCOUNT, ORDER_ACCOUNT, NavItem


def nav_items(request) -> list[NavItem]:
    """The account area at the end of the header: sign in, or the person's home (what waits
    for them; the header adds the sign-out button beside it)."""
    user = getattr(request, "user", None)  # absent when a section is rendered outside a request
    if user is not None and user.is_authenticated:
        return [NavItem(_("My overview"), reverse("accounts:home"), group=ACCOUNT,
                        order=ORDER_ACCOUNT)]
    return [NavItem(_("Sign in"), reverse("account_login"), group=ACCOUNT, order=ORDER_ACCOUNT)]
