"""How the learning network plugs into shared pages (see solidair/core/extensions.py)."""


from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from solidair.core.extensions import NEWS, ORDER_NETWORK, TO_DO, URGENT, NavItem, Task
from solidair.core.fragments import cached_for_visitors, municipality_topics
from solidair.network import selectors


def nav_items(request) -> list[NavItem]:
    """The network's page (its good practices and recommendations are a click away there); an
    officer's own practices are on their home page."""
    return [NavItem(_("Learning network"), reverse("network:index"), order=ORDER_NETWORK)]


def account_links(request, municipality) -> list[tuple[str, str]]:
    """The officer's learning-network pages on their home."""
    return [(_("Good practices of %(name)s") % {"name": municipality.name},
             reverse("network:municipality_practices", args=[municipality.nis])),
            (_("Share a good practice"),
             reverse("network:practice_create", args=[municipality.nis])),
            (_("Meetings of the learning network"), reverse("network:index"))]


def backoffice_links(user) -> list[tuple[str, str]]:
    return [(_("Practices to review"), reverse("network:review_queue")),
            (_("Plan a meeting"), reverse("network:meeting_create")),
            (_("Policy recommendations"), reverse("network:recommendations"))]


def officer_tasks(user, municipality) -> list[Task]:
    found = selectors.officer_dashboard(municipality)
    url = reverse("network:municipality_practices", args=[municipality.nis])
    tasks = []
    if count := found["changes_requested"]:
        tasks.append(Task(ngettext(
            "%(count)d good practice came back with changes requested",
            "%(count)d good practices came back with changes requested", count)
            % {"count": count}, count, url, URGENT))
    if count := found["drafts"]:
        tasks.append(Task(ngettext(
            "%(count)d good practice is a draft, not yet sent for review",
            "%(count)d good practices are drafts, not yet sent for review", count)
            % {"count": count}, count, url, TO_DO))
    return tasks


def coordinator_tasks(user) -> list[Task]:
    found = selectors.coordinator_dashboard()
    tasks = []
    if count := found["to_review"]:
        tasks.append(Task(ngettext("%(count)d good practice to review",
                                   "%(count)d good practices to review", count)
                          % {"count": count}, count, reverse("network:review_queue"), TO_DO))
    for meeting in found["meetings"]:
        label = ngettext("Meeting “%(theme)s” on %(date)s: %(count)d registration",
                         "Meeting “%(theme)s” on %(date)s: %(count)d registrations",
                         meeting.registered) % {
            "theme": meeting.theme, "count": meeting.registered,
            "date": date_format(timezone.localtime(meeting.starts_at), "j F Y")}
        if meeting.waiting:
            label += " · " + ngettext("%(count)d on the waiting list",
                                      "%(count)d on the waiting list", meeting.waiting) % {
                "count": meeting.waiting}
        tasks.append(Task(label, meeting.registered,
                          reverse("network:meeting_attendance", args=[meeting.pk]), NEWS))
    return tasks


def audit_action_labels() -> dict:
    """Words for this app's audit log actions (the `audit_action_labels` hook)."""
    return {
        "network.meeting_created": _("Learning-network meeting planned"),
        "network.meeting_changed": _("Learning-network meeting changed"),
        "network.attendance_recorded": _("Attendance at a meeting recorded"),
        "network.practice_created": _("Good practice written"),
        "network.practice_changed": _("Good practice changed"),
        "network.practice_translated": _("Good practice translated"),
        "network.practice_photo_added": _("Photo added to a good practice"),
        "network.practice_submitted": _("Good practice submitted for review"),
        "network.practice_changes_requested": _("Changes to a good practice requested"),
        "network.practice_published": _("Good practice published"),
        "network.practice_linked": _("Good practice linked to a meeting"),
        "network.brochure_requested": _("Brochure requested"),
        "network.brochure_published": _("Brochure published"),
        "network.recommendation_created": _("Policy recommendation written"),
        "network.recommendation_step": _("Follow-up of a policy recommendation recorded"),
        "network.addressee_created": _("Addressee of recommendations added"),
        "network.addressee_changed": _("Addressee of recommendations changed"),
        "network.partner_created": _("Partner organisation added"),
        "network.partner_changed": _("Partner organisation changed"),
    }


def municipality_profile_sections(request, municipality) -> list[str]:
    """Meetings its officers attended and the practices it published; nothing when empty. The
    same for every visitor: built once per version of the public data (`core.fragments`)."""
    return cached_for_visitors(request, "network:profile", municipality.nis, get_language(),
                               build=lambda: _profile_sections(request, municipality),
                               topics=(*municipality_topics(municipality.nis), "meetings"))


def _profile_sections(request, municipality) -> list[str]:
    participation = selectors.municipality_participation(municipality)
    if not participation["meetings"] and not participation["practices"]:
        return []
    return [render_to_string("network/profile_section.html", participation, request=request)]

