"""Reads shared by the account pages."""

from django.urls import reverse
from django.utils.translation import gettext as _

from solidair.accounts.permissions import is_coordinator, officer_municipalities
from solidair.core.extensions import hooks


def roles(user) -> list[str]:
    """The roles a person holds, as words they read."""
    found = []
    if is_coordinator(user):
        found.append(_("Coordinator"))
    if officer_municipalities(user).exists():
        found.append(_("Municipal officer"))
    if user.is_staff:
        found.append(_("Site administrator"))
    return found


def municipality_links(request, municipality) -> list[tuple[str, str]]:
    """What an officer can do for this municipality: its public page, plus each app's links
    through the optional `account_links(request, municipality)` extension hook."""
    links = [(_("Public profile"), municipality.get_absolute_url())]
    for hook in hooks("account_links"):
        links.extend(hook(request, municipality))
    return links


def backoffice_links(user) -> list[tuple[str, str]]:
    """The coordinator's pages: this app's, plus each app's through the optional
    `backoffice_links(user)` extension hook."""
    if not is_coordinator(user):
        return []
    links = [
        (_("Municipalities and their status"), reverse("accounts:municipalities")),
        (_("Invitations"), reverse("accounts:invitations")),
        (_("Invite an officer or coordinator"), reverse("accounts:invitation_create")),
        (_("Audit log"), reverse("accounts:audit_log")),
    ]
    for hook in hooks("backoffice_links"):
        links.extend(hook(user))
    return links


def account_overview(request) -> dict:
    user = request.user
    municipalities = officer_municipalities(user).order_by("name_nl")
    return {
        "roles": roles(user),
        "municipalities": [(m, municipality_links(request, m)) for m in municipalities],
        "backoffice_links": backoffice_links(user),
        "admin_url": reverse("admin:index") if user.is_staff else "",
    }
