"""Reads shared by the account pages."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidair.accounts.models import User
from solidair.accounts.permissions import is_coordinator, officer_municipality_list, officer_nis
from solidair.core.extensions import TO_DO, URGENT, Task, hooks
from solidair.core.models import OutgoingMail
from solidair.places.models import Municipality


def roles(user) -> list[str]:
    """The roles a person holds, as words they read."""
    found = []
    if is_coordinator(user):
        found.append(_("Coordinator"))
    if officer_nis(user):
        found.append(_("Municipal officer"))
    if user.is_staff:
        found.append(_("Site administrator"))
    return found


def municipality_officers(municipality):
    """The active people who act for this municipality (a User queryset), by e-mail."""
    return User.objects.filter(officer_assignments__municipality=municipality,
                               is_active=True).order_by("email")


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
        (_("E-mails that could not be sent"), reverse("accounts:failed_mails")),
    ]
    for hook in hooks("backoffice_links"):
        links.extend(hook(user))
    return links


def _by_priority(tasks: list[Task]) -> list[Task]:
    return sorted(tasks, key=lambda task: task.priority)  # stable: apps keep their order


def officer_tasks(user, municipality) -> list[Task]:
    """What waits for the officer of this municipality: each app's through the optional
    `officer_tasks(user, municipality)` extension hook, the most urgent first."""
    return _by_priority([task for hook in hooks("officer_tasks")
                         for task in hook(user, municipality)])


def failed_mails():
    """Mails that could not be sent: given up on (failed), or pending after a failed attempt."""
    return OutgoingMail.objects.filter(
        Q(status=OutgoingMail.Status.FAILED)
        | Q(status=OutgoingMail.Status.PENDING, attempts__gt=0)).order_by("-created_at", "-pk")


def _own_coordinator_tasks() -> list[Task]:
    counts = failed_mails().aggregate(
        failed=Count("pk", filter=Q(status=OutgoingMail.Status.FAILED)),
        retrying=Count("pk", filter=Q(status=OutgoingMail.Status.PENDING)))
    url = reverse("accounts:failed_mails")
    tasks = []
    if count := counts["failed"]:
        tasks.append(Task(ngettext("%(count)d e-mail could not be sent",
                                   "%(count)d e-mails could not be sent", count)
                          % {"count": count}, count, url, URGENT))
    if count := counts["retrying"]:
        tasks.append(Task(ngettext("%(count)d e-mail failed once and is being retried",
                                   "%(count)d e-mails failed once and are being retried", count)
                          % {"count": count}, count, url, TO_DO))
    return tasks


def coordinator_tasks(user) -> list[Task]:
    """What waits for a coordinator: failed mails, plus each app's through the optional
    `coordinator_tasks(user)` extension hook, the most urgent first."""
    if not is_coordinator(user):
        return []
    return _by_priority(_own_coordinator_tasks()
                        + [task for hook in hooks("coordinator_tasks") for task in hook(user)])


@dataclass
class MunicipalityHome:
    """One of the officer's municipalities on their home: what waits, and all their work."""

    municipality: Municipality
    tasks: list[Task]
    links: list[tuple[str, str]]


def account_overview(request) -> dict:
    user = request.user
    municipalities = officer_municipality_list(user)  # before `roles`: it answers it
    return {
        "roles": roles(user),
        "municipalities": [MunicipalityHome(m, officer_tasks(user, m),
                                            municipality_links(request, m))
                           for m in municipalities],
        "coordinator_tasks": coordinator_tasks(user),
        "backoffice_links": backoffice_links(user),
        "admin_url": reverse("admin:index") if user.is_staff else "",
    }
