"""How the charter plugs into shared pages, the municipality API and the demo data."""

from datetime import date, datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from ninja import Field, Schema

from solidair.accounts.permissions import can_edit
from solidair.charter import selectors
from solidair.charter.models import Activity, ApplicationStatus
from solidair.charter.visibility import badge_language, embed_snippet, member_label
from solidair.core.activities import CatalogueActivity
from solidair.core.extensions import (
    NEWS,
    ORDER_MUNICIPALITIES,
    TO_DO,
    URGENT,
    NavItem,
    ProfileSection,
    Task,
    TimelineEvent,
)
from solidair.core.fragments import cached_for_visitors, cached_fragment, municipality_topics
from solidair.core.links import absolute_url
from solidair.places.models import MunicipalityStatus


def nav_items(request) -> list[NavItem]:
    """The members, beside the municipalities and the map (the charter and the figures are a
    click away on that page). An officer's own charter and the review queue are on their home
    page (`account_links`, `backoffice_links`)."""
    return [NavItem(_("Members"), reverse("charter:members"), order=ORDER_MUNICIPALITIES)]


# ---------------------------------------------------------------------------------------------
# The activities, for the apps that refer to them by number (solidair.core.activities)


def activity_catalogue() -> list[CatalogueActivity]:
    """The current charter's activities as `solidair.core.activities` hands them to other apps
    (the `activity_catalogue` hook): what a coordinator last saved, in one query."""
    return [CatalogueActivity(
        number=activity.number, code=activity.code,
        titles={language: getattr(activity, f"title_{language}")
                for language in ("nl", "fr", "en", "de")},
        is_active=activity.is_active, is_other=activity.is_other)
        for activity in Activity.objects.filter(charter__slug=selectors.CHARTER_SLUG)]


# ---------------------------------------------------------------------------------------------
# /api/v1/municipalities/{nis}/


class EvidenceOut(Schema):
    kind: str = Field(description="decision (a council decision), report or other")
    label: str = Field(description="What it shows, in the municipality's words")
    url: str = Field(description="The link, or the address of the uploaded PDF on this site")
    decided_on: date | None = Field(description="The date of a council decision")
    added_at: datetime


class CommitmentOut(Schema):
    activity: str
    status: str
    target: str | None
    last_updated: datetime
    state: str = Field(description="declared (no evidence), documented (a council decision or "
                       "a report with evidence) or contested (two published contests without "
                       "an answer for 30 days)")
    evidence: list[EvidenceOut]


class ReportOut(Schema):
    year: int
    submitted_at: datetime
    places_adults: int
    places_minors: int
    places_in_loi: int
    volunteers_active: int
    extra_figures: dict[str, int]


class RenewalOut(Schema):
    term: str
    due_on: date
    state: str  # to_reconfirm | reconfirmed | lapsed
    reconfirmed_on: date | None


class MunicipalityApiFields(Schema):
    commitments: list[CommitmentOut]
    last_report: ReportOut | None
    # Where a member stands with the latest council term; null when never asked.
    renewal: RenewalOut | None = None


def evidence_api_dict(link, nis: str) -> dict:
    """One piece of evidence as the API gives it: an uploaded PDF by its public address."""
    url = link.url or absolute_url("charter:evidence_file", args=[nis, link.pk], language="nl")
    return {"kind": link.kind, "label": link.label, "url": url, "decided_on": link.decided_on,
            "added_at": link.added_at}


def commitment_api_dict(commitment, *, nis: str | None = None) -> dict:
    """A commitment in the API (its evidence prefetched, as `current_commitments` does)."""
    nis = nis or commitment.application.municipality_id
    return {"activity": commitment.activity.code, "status": commitment.status,
            "target": commitment.target or None, "last_updated": commitment.last_updated,
            "state": commitment.state,
            "evidence": [evidence_api_dict(link, nis) for link in commitment.evidence.all()]}


def municipality_api_fields(municipality) -> dict:
    """Commitments and the last report, built once per version of the public data."""
    return cached_fragment("charter:api", municipality.nis,
                           build=lambda: _municipality_api_fields(municipality),
                           topics=municipality_topics(municipality.nis))


def renewal_api_dict(municipality) -> dict | None:
    found = selectors.renewal(municipality)
    if found is None:
        return None
    return {"term": found.term, "due_on": found.due_on, "state": found.state,
            "reconfirmed_on": found.reconfirmed_on}


def _municipality_api_fields(municipality) -> dict:
    report = selectors.last_report(municipality)
    return {
        "renewal": renewal_api_dict(municipality),
        "commitments": [commitment_api_dict(c, nis=municipality.nis)
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
    return absolute_url("charter:share_image", args=[municipality.nis])


def municipality_head_tags(request, municipality) -> list[str]:
    """Open Graph tags for the member's share image, in the `head` of its public page."""
    url = share_image_url(municipality)
    if url is None:
        return []
    alt = member_label(municipality, badge_language(get_language()))
    # No request: the tags show nothing of the visitor (and skip the site's context).
    return [render_to_string("charter/og_tags.html", {
        "url": url, "alt": f"{municipality.name}: {alt}"})]


def municipality_profile_sections(request, municipality) -> list[ProfileSection]:
    """A member's page leads with its commitments, their progress, the last report and the
    badge; a former member's shows what it had, after the residents' ask to join again.

    Every anonymous visitor gets the same section (no edit links), built once per version of
    the public data (`core.fragments`); signed-in people get it rendered for them."""
    return cached_for_visitors(request, "charter:profile", municipality.nis, get_language(),
                               build=lambda: _profile_sections(request, municipality),
                               topics=municipality_topics(municipality.nis))


def _with_feedback_counts(commitments) -> list:
    """The commitments, each with the number of published confirmations and contests
    (`feedback_confirms`, `feedback_contests`), in one query more."""
    commitments = list(commitments)
    counts = selectors.feedback_counts(commitments)
    for commitment in commitments:
        commitment.feedback_confirms = counts[commitment.pk]["confirm"]
        commitment.feedback_contests = counts[commitment.pk]["contest"]
    return commitments


def _profile_sections(request, municipality) -> list[ProfileSection]:
    memberships = list(selectors.memberships(municipality))
    is_member = municipality.status == MunicipalityStatus.MEMBER
    is_former = municipality.status == MunicipalityStatus.FORMER_MEMBER
    if not (is_member or is_former or memberships):
        return []
    # Read once here and handed down: the commitments, the last update and its staleness all
    # start from the approved application.
    application = selectors.approved_application(municipality)
    latest = selectors.last_update(municipality, application=application)
    user = getattr(request, "user", None)
    language = badge_language(get_language())
    context = {
        "municipality": municipality, "memberships": memberships,
        # The page's status line tells when it joined; list the memberships only when there
        # is more to tell (two merged members, an ended membership).
        "show_memberships": len(memberships) > 1 or any(m.ended_on for m in memberships),
        "is_member": is_member, "is_former": is_former,
        "commitments": _with_feedback_counts(
            selectors.current_commitments(municipality, application=application)),
        "report": selectors.last_report(municipality),
        "last_update": latest,
        "is_stale": is_member and selectors.is_stale(municipality, latest=latest),
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
        "renewal": selectors.renewal(municipality),
    }
    return [ProfileSection(render_to_string("charter/profile_section.html", context,
                                            request=request),
                           place="lead" if is_member else "more")]


# ---------------------------------------------------------------------------------------------
# The officer's and the coordinator's home (accounts)


def account_links(request, municipality) -> list[tuple[str, str]]:
    """The officer's charter pages: the application until it is a member, then its commitments,
    progress and yearly reports."""
    if municipality.status == MunicipalityStatus.MEMBER:
        year = timezone.localdate().year - 1
        return [(_("Commitments and progress"),
                 reverse("charter:progress", args=[municipality.nis])),
                (_("Yearly report for %(year)s") % {"year": year},
                 reverse("charter:report", args=[municipality.nis, year])),
                (_("Confirmations and contests of your commitments"),
                 reverse("charter:officer_feedback", args=[municipality.nis]))]
    return [(_("Charter application"), reverse("charter:application", args=[municipality.nis]))]


def backoffice_links(user) -> list[tuple[str, str]]:
    return [(_("Charter: applications and members to follow up"),
             reverse("charter:review_list")),
            (_("Charter: confirmations and contests to moderate"),
             reverse("charter:feedback_queue")),
            (_("Manage the charter"), reverse("charter:manage"))]


def officer_tasks(user, municipality) -> list[Task]:
    found = selectors.officer_dashboard(municipality)
    nis = municipality.nis
    tasks = []
    application = found["application"]
    if application is not None:
        url = reverse("charter:application", args=[nis])
        if application.status == ApplicationStatus.RETURNED:
            tasks.append(Task(_("Your charter application came back with remarks: answer them "
                                "and send it again"), 1, url, URGENT))
        elif application.status == ApplicationStatus.DRAFT:
            tasks.append(Task(_("Your charter application is a draft: complete it and send it "
                                "for review"), 1, url, TO_DO))
        else:
            tasks.append(Task(_("Your charter application waits for review by the network"),
                              1, url, NEWS))
    if found["report_year"] is not None:
        tasks.append(Task(_("The yearly report for %(year)s is due") % {
            "year": found["report_year"]}, 1,
            reverse("charter:report", args=[nis, found["report_year"]]), URGENT))
    if found["update_due"]:
        tasks.append(Task(_("No progress shown since %(date)s: update your commitments") % {
            "date": date_format(timezone.localtime(found["last_update"]), "j F Y")}, 1,
            reverse("charter:progress", args=[nis]), TO_DO))
    if (confirmation := found["confirmation"]) is not None:
        url = reverse("charter:term_confirm", args=[nis, confirmation.pk])
        if confirmation.lapsed_at is not None:
            tasks.append(Task(_("The membership lapsed: the council elected for %(term)s did "
                                "not reconfirm it. Record its decision to end the lapse")
                              % {"term": confirmation.term.name}, 1, url, URGENT))
        else:
            tasks.append(Task(_("Confirm the membership for the council term %(term)s before "
                                "%(date)s") % {"term": confirmation.term.name,
                                               "date": date_format(confirmation.due_on,
                                                                   "j F Y")},
                              1, url, URGENT))
    if count := found["contests_awaiting_reply"]:
        tasks.append(Task(ngettext("%(count)d contest of your commitments waits for your reply",
                                   "%(count)d contests of your commitments wait for your reply",
                                   count) % {"count": count}, count,
                          reverse("charter:officer_feedback", args=[nis]), URGENT))
    return tasks


def coordinator_tasks(user) -> list[Task]:
    found = selectors.coordinator_dashboard()
    url = reverse("charter:review_list")
    tasks = []
    if count := found["to_review"]:
        tasks.append(Task(ngettext("%(count)d charter application to review",
                                   "%(count)d charter applications to review", count)
                          % {"count": count}, count, url + "#to-review", TO_DO))
    if count := found["recent_reports"]:
        tasks.append(Task(ngettext("%(count)d yearly report filed in the last 30 days",
                                   "%(count)d yearly reports filed in the last 30 days", count)
                          % {"count": count}, count, url + "#reports", NEWS))
    if count := found["stale"]:
        tasks.append(Task(ngettext("%(count)d member without an update for twelve months",
                                   "%(count)d members without an update for twelve months",
                                   count) % {"count": count}, count, url + "#stale", TO_DO))
    if count := found["overdue"]:
        tasks.append(Task(ngettext("%(count)d member did not reconfirm for the council term",
                                   "%(count)d members did not reconfirm for the council term",
                                   count) % {"count": count}, count, url + "#overdue", TO_DO))
    if count := found["lapsed"]:
        tasks.append(Task(ngettext("%(count)d membership lapsed: the new council did not "
                                   "reconfirm it",
                                   "%(count)d memberships lapsed: the new council did not "
                                   "reconfirm them", count) % {"count": count}, count,
                          url + "#overdue", TO_DO))
    if count := found["to_moderate"]:
        tasks.append(Task(ngettext("%(count)d confirmation or contest to moderate",
                                   "%(count)d confirmations and contests to moderate", count)
                          % {"count": count}, count, reverse("charter:feedback_queue"), TO_DO))
    return tasks


def audit_action_labels() -> dict:
    """Words for this app's audit log actions (the `audit_action_labels` hook)."""
    return {
        "charter.activity.update": _("Charter activity revised"),
        "charter.minimum.update": _("Minimum number of activities changed"),
        "charter.application.start": _("Application started"),
        "charter.application.save": _("Application saved as a draft"),
        "charter.application.submit": _("Application submitted for review"),
        "charter.application.return": _("Application returned with remarks"),
        "charter.application.approve": _("Application approved: the municipality is a member"),
        "charter.membership.withdraw": _("Membership ended"),
        "charter.membership.record": _("Membership recorded"),
        "charter.commitment.update": _("Progress on a commitment updated"),
        "charter.commitment.state": _("Public state of a commitment changed"),
        "charter.report.submit": _("Yearly report submitted"),
        "charter.report.correct": _("Yearly report corrected"),
        "charter.term.confirm": _("Membership confirmed for the new council term"),
        "charter.membership.lapse": _("Membership lapsed: the new council did not reconfirm it"),
        "charter.membership.lapse_invite": _("Past co-signatories invited to ask the new "
                                             "council"),
        "charter.feedback.confirm": _("Confirmation or contest: e-mail address confirmed"),
        "charter.feedback.resubmit": _("Confirmation or contest completed by its author"),
        "charter.feedback.delete": _("Confirmation or contest deleted by its author"),
        "charter.feedback.publish": _("Confirmation or contest published"),
        "charter.feedback.reject": _("Confirmation or contest rejected"),
        "charter.feedback.ask_more": _("Author of a confirmation or contest asked for more"),
        "charter.feedback.close": _("Contest closed"),
        "charter.feedback.reply": _("Municipality replied to a confirmation or contest"),
    }


# ---------------------------------------------------------------------------------------------
# Renewal with each council: the timeline, and what campaigns asks


def municipality_timeline_events(municipality) -> list[TimelineEvent]:
    """Each reconfirmation by a new council and each lapse (the
    `municipality_timeline_events` hook), in one query."""
    events = []
    for confirmation in selectors.term_events(municipality):
        term = confirmation.term.name
        if confirmation.lapsed_at is not None:
            events.append(TimelineEvent(
                at=confirmation.lapsed_at, event="membership_lapsed",
                key=f"term-{confirmation.term_id}-lapsed",
                label=_("Membership lapsed: the council elected for %(term)s did not "
                        "reconfirm it") % {"term": term},
                data={"term": term}))
        if confirmation.confirmed_at is not None:
            events.append(TimelineEvent(
                at=confirmation.confirmed_at, event="reconfirmed",
                key=f"term-{confirmation.term_id}-reconfirmed",
                label=_("Reconfirmed for the council term %(term)s") % {"term": term},
                data={"term": term,
                      "decided_on": (confirmation.decision_date.isoformat()
                                     if confirmation.decision_date else None)}))
    return events


def membership_is_lapsed(municipality) -> bool:
    """The `membership_is_lapsed` hook: campaigns accepts co-signatures for a lapsed member."""
    return selectors.is_lapsed(municipality)
