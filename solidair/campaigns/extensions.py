"""How the campaign shows on shared pages: counts, progress, the answer, the ranking link."""

from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from ninja import Schema

from solidair.accounts.permissions import can_edit, can_see_personal_data
from solidair.campaigns import selectors, services
from solidair.core.extensions import (
    NEWS,
    ORDER_RESIDENTS,
    TO_DO,
    NavItem,
    ProfileSection,
    Task,
    TimelineEvent,
)
from solidair.core.fragments import cached_for_visitors, municipality_topics
from solidair.places.models import MunicipalityStatus


class AnswerOut(Schema):
    date: date
    outcome: str


class MunicipalityApiFields(Schema):
    # The total (online + paper): what it always meant for existing clients.
    confirmed_signatures: int
    online_signatures: int
    paper_signatures: int
    signature_threshold: int
    answer: AnswerOut | None = None


def municipality_api_fields(municipality) -> dict:
    figures = selectors.api_figures(municipality)  # one query
    return {
        "confirmed_signatures": figures["total"],
        "online_signatures": figures["online"],
        "paper_signatures": figures["paper"],
        "signature_threshold": figures["threshold"],
        "answer": ({"date": figures["answered_on"], "outcome": figures["outcome"]}
                   if figures["answered_on"] is not None else None),
    }


def municipality_profile_sections(request, municipality) -> list[ProfileSection]:
    """Before membership (and after it ended), the residents' ask comes first on the page: the
    letter and co-signing, the progress, the council's answer and the next step. A member is
    never asked to join.

    Every anonymous visitor gets the same sections, kept per version of the municipality's
    data and at most as long as a fresh page (`core.fragments`): the count and the newest
    names follow co-signatures, which do not invalidate the page, so they may lag as the page
    cache lets them already. Signed-in people get them built for them."""
    return cached_for_visitors(request, "campaigns:profile", municipality.nis, get_language(),
                               build=lambda: _profile_sections(request, municipality),
                               topics=municipality_topics(municipality.nis),
                               seconds=settings.PAGE_CACHE_SECONDS)


def _profile_sections(request, municipality) -> list[ProfileSection]:
    digests = _digests_section(request, municipality)
    is_lapsed = selectors.membership_lapsed(municipality)
    if municipality.status == MunicipalityStatus.MEMBER and not is_lapsed:
        return digests
    user = getattr(request, "user", None)
    context = {"municipality": municipality, "names": selectors.public_names(municipality),
               "can_record_answer": can_edit(user, municipality),
               "can_change_settings": can_edit(user, municipality),
               "answer": selectors.latest_answer(municipality),
               "letter_url": selectors.letter_url(municipality),
               "is_former": municipality.status == MunicipalityStatus.FORMER_MEMBER,
               "is_lapsed": is_lapsed, **selectors.momentum(municipality)}
    return [ProfileSection(render_to_string("campaigns/profile_section.html", context,
                                            request=request), place="lead"), *digests]


PROFILE_DIGESTS = 10


def _digests_section(request, municipality) -> list[ProfileSection]:
    """The digests sent to the council (whatever the status: a member's council received them
    too), the latest first, each with its number, date, count and fingerprint."""
    digests = list(selectors.digests(municipality)[:PROFILE_DIGESTS + 1])
    if not digests:
        return []
    return [ProfileSection(render_to_string("campaigns/digests_section.html", {
        "municipality": municipality, "digests": digests[:PROFILE_DIGESTS],
        "more": len(digests) > PROFILE_DIGESTS}, request=request), place="more")]


def municipality_timeline_events(municipality) -> list[TimelineEvent]:
    """The threshold reached, each digest sent and each answer of the council (the
    `municipality_timeline_events` hook)."""
    facts = selectors.timeline_facts(municipality)
    events = []
    if facts["threshold"]:
        reached_at, threshold = facts["threshold"]
        events.append(TimelineEvent(
            at=reached_at, event="threshold_reached", key="threshold",
            label=ngettext("The residents' letter reached its aim of %(count)d co-signature",
                           "The residents' letter reached its aim of %(count)d co-signatures",
                           threshold) % {"count": threshold},
            data={"threshold": threshold}))
    verify_url = reverse("campaigns:digests_verify", args=[municipality.nis])
    for digest in facts["digests"]:
        events.append(TimelineEvent(
            at=digest.created_at, event="digest_sent", key=f"digest-{digest.number}",
            label=ngettext("Digest %(number)d sent to the council: %(count)d co-signature",
                           "Digest %(number)d sent to the council: %(count)d co-signatures",
                           digest.signature_count)
            % {"number": digest.number, "count": digest.signature_count},
            url=verify_url,
            data={"number": digest.number, "signature_count": digest.signature_count,
                  "fingerprint": digest.fingerprint or None}))
    for answer in facts["answers"]:
        # Recorded on the day of the answer: its time orders it among that day's events.
        recorded_that_day = timezone.localdate(answer.recorded_at) == answer.answered_on
        events.append(TimelineEvent(
            at=answer.recorded_at if recorded_that_day else answer.answered_on,
            event="council_answered", key=f"answer-{answer.pk}",
            label=_("The council answered: %(outcome)s")
            % {"outcome": answer.get_outcome_display()},
            data={"outcome": answer.outcome}))
    return events


def membership_lapsed(municipality, *, term_name) -> int:
    """The `membership_lapsed` hook: invite the municipality's past co-signatories, once (charter
    keeps the once), to ask the new council to reconfirm; returns how many."""
    return services.invite_past_signers(municipality=municipality, term_name=term_name)


def nav_items(request) -> list[NavItem]:
    """Where residents ask their council; the coordinators' queues are on their home page."""
    return [NavItem(_("Residents asking"), reverse("campaigns:ranking"), order=ORDER_RESIDENTS)]


def account_links(request, municipality) -> list[tuple[str, str]]:
    """On the officer's account page: the residents of their municipality who asked, and the
    council's answer."""
    if not can_see_personal_data(getattr(request, "user", None), municipality):
        return []
    links = [(_("Residents who asked to join"),
              reverse("campaigns:officer_signatories", args=[municipality.nis])),
             (_("Record the council's answer"),
              reverse("campaigns:answer_record", args=[municipality.nis])),
             (_("Signatures collected on paper"),
              reverse("campaigns:paper_batches", args=[municipality.nis]))]
    if municipality.status != MunicipalityStatus.MEMBER:
        # A member's campaign has reached its end: no more digests to address.
        links.append((_("Campaign settings"),
                      reverse("campaigns:settings", args=[municipality.nis])))
    return links


def backoffice_links(user) -> list[tuple[str, str]]:
    """The coordinator's campaign pages (the `backoffice_links` hook)."""
    return [(_("Signatures held for review"), reverse("campaigns:held")),
            (_("Signature trends"), reverse("campaigns:trends")),
            (_("Co-signatures waiting for a council address"), reverse("campaigns:waiting")),
            (_("Blocked e-mail domains"), reverse("campaigns:blocked_domains")),
            (_("Invalidate signatures in bulk"), reverse("campaigns:invalidations"))]


def officer_tasks(user, municipality) -> list[Task]:
    """New co-signatories and the council's answer to record, on the officer's home."""
    if not can_see_personal_data(user, municipality):
        return []
    found = selectors.officer_dashboard(municipality)
    tasks = []
    if found["answer_to_record"]:
        tasks.append(Task(_("The co-signatures went to the council: record its answer when it "
                            "comes"), 1,
                          reverse("campaigns:answer_record", args=[municipality.nis]), TO_DO))
    if count := found["new_signatories"]:
        url = reverse("campaigns:officer_signatories", args=[municipality.nis])
        tasks.append(Task(
            ngettext("%(count)d new co-signatory in the last 7 days",
                     "%(count)d new co-signatories in the last 7 days", count) % {"count": count},
            count, f"{url}?{urlencode({'since': found['since'].isoformat()})}", NEWS))
    return tasks


def coordinator_tasks(user) -> list[Task]:
    """Held signatures, co-signatures without a council address and trends that crossed their
    usual rate (mailed within the alert period), on the coordinator's home."""
    found = selectors.coordinator_dashboard()
    tasks = []
    if count := found["held"]:
        tasks.append(Task(
            ngettext("%(count)d signature held for review", "%(count)d signatures held for review",
                     count) % {"count": count}, count, reverse("campaigns:held"), TO_DO))
    if count := found["waiting_for_address"]:
        tasks.append(Task(
            ngettext("%(count)d municipality has co-signatures but no council address",
                     "%(count)d municipalities have co-signatures but no council address",
                     count) % {"count": count}, count, reverse("campaigns:waiting"), TO_DO))
    if count := found["trends_crossed"]:
        tasks.append(Task(
            ngettext("%(count)d signature trend above its usual rate",
                     "%(count)d signature trends above their usual rate", count)
            % {"count": count}, count, reverse("campaigns:trends"), TO_DO))
    return tasks


def audit_action_labels() -> dict:
    """Words for this app's audit log actions (the `audit_action_labels` hook)."""
    return {
        "campaigns.answer_recorded": _("Council's answer recorded"),
        "campaigns.council_address_changed": _("Council's address changed"),
        "campaigns.council_address_confirmed": _("Council's address confirmed through its link"),
        "campaigns.council_address_imported": _("Council's address imported"),
        "campaigns.council_address_requested": _("New council address waiting for confirmation"),
        "campaigns.council_address_withdrawn": _("Council address waiting for confirmation "
                                                 "withdrawn"),
        "campaigns.domain_blocked": _("E-mail domain blocked for signatures"),
        "campaigns.domain_unblocked": _("E-mail domain accepted again for signatures"),
        "campaigns.invalidation_cancelled": _("Bulk invalidation of signatures cancelled"),
        "campaigns.invalidation_done": _("Bulk invalidation of signatures finished"),
        "campaigns.invalidation_started": _("Bulk invalidation of signatures started"),
        "campaigns.invalidation_undone": _("Bulk invalidation of signatures undone"),
        "campaigns.paper_batch_deleted": _("Paper signatures deleted"),
        "campaigns.paper_batch_recorded": _("Paper signatures recorded"),
        "campaigns.settings_changed": _("Campaign settings changed"),
        "campaigns.signatories_exported": _("Co-signatories exported (CSV)"),
        "campaigns.signatories_written": _("Message sent to co-signatories"),
        "campaigns.signature_rejected": _("Held signature rejected"),
        "campaigns.signature_released": _("Held signature released"),
    }


def audit_object_labels() -> dict:
    """Words for this app's audited objects (the `audit_object_labels` hook): never a person."""
    return {"campaigns.signature": _("co-signature #%(id)s"),
            "campaigns.campaignsettings": _("campaign settings %(id)s"),
            "campaigns.blockedemaildomain": _("blocked e-mail domain #%(id)s"),
            "campaigns.paperbatch": _("paper batch #%(id)s"),
            "campaigns.signatureinvalidation": _("bulk invalidation #%(id)s")}
