"""How volunteers plug into shared pages: navigation, the public profile, the API, demo data.

Everything here is public: counts only, never a name or an address.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from ninja import Schema

from solidair.core.extensions import (
    ORDER_VOLUNTEERS,
    TO_DO,
    URGENT,
    NavItem,
    ProfileSection,
    Task,
)
from solidair.core.fragments import (
    cached_for_visitors,
    cached_fragment,
    municipality_topics,
)
from solidair.places.models import MunicipalityStatus
from solidair.volunteers import selectors
from solidair.volunteers.models import (
    OfferStatus,
)
from solidair.volunteers.selectors import public_offer_count


def nav_items(request) -> list[NavItem]:
    """The volunteer's offer; an officer's volunteers are on their home page."""
    return [NavItem(_("Help as a volunteer"), reverse("volunteers:offer"),
                    order=ORDER_VOLUNTEERS)]


def account_links(request, municipality) -> list[tuple[str, str]]:
    """The officer's volunteer pages on their account page (the `account_links` hook)."""
    return [
        (_("Volunteers"), reverse("volunteers:officer_list", args=[municipality.nis])),
        (_("Needs for volunteers"), reverse("volunteers:need_list", args=[municipality.nis])),
        (_("Post a need for volunteers"),
         reverse("volunteers:need_create", args=[municipality.nis])),
    ]


def officer_tasks(user, municipality) -> list[Task]:
    """New volunteer offers to follow up and needs about to close, on the officer's home."""
    found = selectors.officer_dashboard(municipality)
    tasks = []
    if count := found["new_offers"]:
        url = reverse("volunteers:officer_list", args=[municipality.nis])
        tasks.append(Task(ngettext("%(count)d new volunteer offer waits for a first contact",
                                   "%(count)d new volunteer offers wait for a first contact",
                                   count) % {"count": count},
                          count, f"{url}?{urlencode({'status': OfferStatus.NEW})}", TO_DO))
    if count := found["needs_closing"]:
        tasks.append(Task(ngettext(
            "%(count)d need for volunteers closes within %(days)d days",
            "%(count)d needs for volunteers close within %(days)d days", count)
            % {"count": count, "days": selectors.NEEDS_CLOSING_DAYS}, count,
            reverse("volunteers:need_list", args=[municipality.nis]), URGENT))
    return tasks


def backoffice_links(user) -> list[tuple[str, str]]:
    """The coordinator's figures on their account page (the `backoffice_links` hook; accounts
    calls it for coordinators only)."""
    return [(_("Volunteer figures"), reverse("volunteers:coordinator_overview"))]


def audit_action_labels() -> dict:
    """Words for this app's audit log actions (the `audit_action_labels` hook)."""
    return {
        "volunteers.need_answered": _("Volunteer answered a need"),
        "volunteers.need_closed": _("Need for volunteers closed"),
        "volunteers.need_created": _("Need for volunteers posted"),
        "volunteers.offer_changed_by_volunteer": _("Volunteer changed their offer"),
        "volunteers.offer_confirmed": _("Volunteer offer confirmed"),
        "volunteers.offer_deleted_by_volunteer": _("Volunteer deleted their offer"),
        "volunteers.offer_deleted_inactive": _("Inactive volunteer offer deleted"),
        "volunteers.offer_expired_unconfirmed": _("Unconfirmed volunteer offer deleted"),
        "volunteers.offer_paused": _("Volunteer paused their offer"),
        "volunteers.offer_resumed": _("Volunteer resumed their offer"),
        "volunteers.offer_status_changed": _("Follow-up status of an offer changed"),
        "volunteers.volunteers_exported": _("Volunteers exported (CSV)"),
        "volunteers.volunteers_written": _("Message sent to volunteers"),
    }


def audit_object_labels() -> dict:
    """Words for this app's audited objects (the `audit_object_labels` hook); a need keeps its
    title, stored when the entry was written."""
    return {"volunteers.volunteeroffer": _("volunteer offer #%(id)s")}


def audit_value_labels() -> dict:
    """Words for the codes stored in this app's audit entries (the `audit_value_labels` hook)."""
    return {"volunteers.offer_status_changed": {"status": dict(OfferStatus.choices)}}


class MunicipalityApiFields(Schema):
    volunteer_offers: int


def municipality_api_fields(municipality) -> dict:
    # Read once per PAGE_CACHE_SECONDS, as the page's count (offers do not invalidate it).
    count = cached_fragment("volunteers:count", municipality.nis,
                            build=lambda: public_offer_count(municipality),
                            topics=municipality_topics(municipality.nis),
                            seconds=settings.PAGE_CACHE_SECONDS)
    return {"volunteer_offers": count}


def municipality_profile_sections(request, municipality) -> list[ProfileSection]:
    """How residents can help: for a member, help it keep its commitments.

    Kept for visitors per version of the municipality's data for PAGE_CACHE_SECONDS: its count
    follows offers, which do not invalidate the page, so it may lag as the page cache lets it
    already (and as the residents' section does). Signed-in people get it built for them."""
    return cached_for_visitors(request, "volunteers:profile", municipality.nis, get_language(),
                               build=lambda: [_profile_section(municipality)],
                               topics=municipality_topics(municipality.nis),
                               seconds=settings.PAGE_CACHE_SECONDS)


def _profile_section(municipality) -> ProfileSection:
    offer_url = f"{reverse('volunteers:offer')}?{urlencode({'nis': municipality.nis})}"
    # No request: the section shows nothing of the visitor (and skips the site's context).
    return ProfileSection(render_to_string("volunteers/profile_section.html", {
        "municipality": municipality, "count": public_offer_count(municipality),
        "offer_url": offer_url, "is_member": municipality.status == MunicipalityStatus.MEMBER}),
        place="help")
