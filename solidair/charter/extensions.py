"""How the charter plugs into shared pages, the municipality API and the demo data."""

from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Schema

from solidair.accounts.permissions import can_edit, is_coordinator, officer_municipalities
from solidair.charter import selectors
from solidair.charter.visibility import badge_language, embed_snippet, member_label
from solidair.places.models import MunicipalityStatus


def nav_items(request) -> list[tuple[str, str]]:
    items = [(_("Members"), reverse("charter:members")),
             (_("Figures"), reverse("charter:figures"))]
    user = getattr(request, "user", None)
    if is_coordinator(user):
        items.append((_("Charter review"), reverse("charter:review_list")))
    for municipality in officer_municipalities(user).order_by("name_nl"):
        # An officer's own charter: the application until it is a member, then its progress.
        page = ("charter:progress" if municipality.status == MunicipalityStatus.MEMBER
                else "charter:application")
        items.append((_("Charter of %(name)s") % {"name": municipality.name},
                      reverse(page, args=[municipality.nis])))
    return items


# ---------------------------------------------------------------------------------------------
# /api/v1/municipalities/{nis}/


class CommitmentOut(Schema):
    activity: str
    status: str
    target: str | None
    last_updated: datetime


class ReportOut(Schema):
    year: int
    submitted_at: datetime
    places_adults: int
    places_minors: int
    places_in_loi: int
    volunteers_active: int
    extra_figures: dict[str, int]


class MunicipalityApiFields(Schema):
    commitments: list[CommitmentOut]
    last_report: ReportOut | None


def commitment_api_dict(commitment) -> dict:
    return {"activity": commitment.activity.code, "status": commitment.status,
            "target": commitment.target or None, "last_updated": commitment.last_updated}


def municipality_api_fields(municipality) -> dict:
    report = selectors.last_report(municipality)
    return {
        "commitments": [commitment_api_dict(c)
                        for c in selectors.current_commitments(municipality)],
        "last_report": None if report is None else {
            "year": report.year, "submitted_at": report.submitted_at,
            "places_adults": report.places_adults, "places_minors": report.places_minors,
            "places_in_loi": report.places_in_loi,
            "volunteers_active": report.volunteers_active,
            "extra_figures": report.extra_figures},
    }


# ---------------------------------------------------------------------------------------------
# The municipality's public page


def share_image_url(municipality) -> str | None:
    """Absolute URL of the member's Open Graph image, for the page's `og:image` meta tag."""
    if municipality.status != MunicipalityStatus.MEMBER:
        return None
    return settings.SITE_URL.rstrip("/") + reverse("charter:share_image", args=[municipality.nis])


def municipality_head_tags(request, municipality) -> list[str]:
    """Open Graph tags for the member's share image, in the `head` of its public page."""
    url = share_image_url(municipality)
    if url is None:
        return []
    alt = member_label(municipality, badge_language(get_language()))
    return [render_to_string("charter/og_tags.html", {
        "url": url, "alt": f"{municipality.name}: {alt}"}, request=request)]


def municipality_profile_sections(request, municipality) -> list[str]:
    memberships = list(selectors.memberships(municipality))
    is_member = municipality.status == MunicipalityStatus.MEMBER
    is_former = municipality.status == MunicipalityStatus.FORMER_MEMBER
    if not (is_member or is_former or memberships):
        return []
    application = selectors.approved_application(municipality)
    user = getattr(request, "user", None)
    language = badge_language(get_language())
    context = {
        "municipality": municipality, "memberships": memberships,
        "is_member": is_member, "is_former": is_former,
        "commitments": list(selectors.current_commitments(municipality)),
        "report": selectors.last_report(municipality),
        "last_update": selectors.last_update(municipality),
        "is_stale": is_member and selectors.is_stale(municipality),
        "can_edit": bool(user and can_edit(user, municipality)),
        "contact_name": application.contact_name if application else "",
        "contact_role": application.contact_role if application else "",
        "contact_email": application.contact_email if application else "",
        "badge_language": language,
        "badge_alt": member_label(municipality, language) if is_member else "",
        "snippet": embed_snippet(municipality) if is_member else "",
        "confirmed_terms": [confirmation.term.name for confirmation in
                            municipality.charter_term_confirmations.filter(
                                confirmed_at__isnull=False).select_related("term")],
    }
    return [render_to_string("charter/profile_section.html", context, request=request)]


# ---------------------------------------------------------------------------------------------
# Demo data


def seed_demo(*, stdout) -> None:
    from solidair.charter.demo import seed

    seed(stdout=stdout)
