"""Every write of the charter: applications and their review, commitments, reports, membership."""

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from solidair.charter import selectors
from solidair.charter.files import check_council_decision_pdf
from solidair.charter.models import (
    Activity,
    Application,
    ApplicationStatus,
    Commitment,
    CommitmentFeedback,
    CommitmentFigure,
    CommitmentRenewal,
    CommitmentReport,
    CommitmentState,
    CommitmentStatus,
    CouncilTerm,
    EvidenceKind,
    EvidenceLink,
    FeedbackKind,
    FeedbackStatus,
    FigureDefinition,
    Membership,
    RejectReason,
    Reminder,
    RenewalOutcome,
    ReviewEvent,
    TermConfirmation,
    YearlyReport,
)
from solidair.core.audit import audit_record
from solidair.core.extensions import hooks
from solidair.core.links import absolute_url, site_url
from solidair.core.mail import outbox_forget, queue_templated_mail
from solidair.core.numbers import COUNT_MAX
from solidair.core.pagecache import invalidate
from solidair.core.tokens import hash_token, new_token
from solidair.places.models import LegacyMunicipality, Municipality, MunicipalityStatus
from solidair.places.services import municipality_set_membership, municipality_set_status


def _site_path(name: str, *args) -> str:
    return absolute_url(name, args=args)


def _mail(recipients, *, template: str, context: dict, topic: str,
          reply_to: list[str] | None = None) -> None:
    for email, language in recipients:
        queue_templated_mail(to=email, template=template, context=context, language=language,
                             topic=topic, reply_to=reply_to)


def _to_coordinators() -> list[str]:
    """Reply-To of mail that asks a municipality to answer the network: its coordinators."""
    return [email for email, _language in selectors.coordinator_recipients()]


# ---------------------------------------------------------------------------------------------
# The charter itself (coordinators)

ACTIVITY_TEXT_FIELDS = ("title_nl", "title_fr", "title_en", "title_de", "description_nl",
                        "description_fr", "description_en", "description_de", "is_active")


@transaction.atomic
def activity_update(*, activity: Activity, by, changes: dict) -> Activity:
    """Revise an activity's texts (kept in its history); commitments keep pointing at it."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = {}
    for name, value in changes.items():
        if name not in ACTIVITY_TEXT_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        if getattr(activity, name) != value:
            before[name] = getattr(activity, name)
            setattr(activity, name, value)
    if before:
        activity.save()
        audit_record(actor=by, action="charter.activity.update", obj=activity, before=before,
                     after={name: getattr(activity, name) for name in before})
    return activity


@transaction.atomic
def charter_set_minimum(*, charter, by, minimum: int):
    active = Activity.objects.filter(charter=charter, is_active=True).count()
    if not 1 <= minimum <= active:
        raise ValidationError(_("The minimum must lie between 1 and the number of open "
                                "activities (%(count)d).") % {"count": active})
    before = charter.minimum_activities
    if before != minimum:
        charter.minimum_activities = minimum
        charter.save(update_fields=["minimum_activities"])
        audit_record(actor=by, action="charter.minimum.update", obj=charter,
                     before={"minimum_activities": before},
                     after={"minimum_activities": minimum})
    return charter


# ---------------------------------------------------------------------------------------------
# Applications


@dataclass
class CommitmentInput:
    """One chosen activity as an officer describes it."""

    activity: Activity
    action: str
    other_description: str = ""
    target_number: int | None = None
    target_unit: str = ""
    planned_date: date | None = None


@dataclass
class ApplicationInput:
    commitments: list[CommitmentInput] = field(default_factory=list)
    council_decision_url: str = ""
    council_decision_date: date | None = None
    contact_name: str = ""
    contact_role: str = ""
    contact_email: str = ""


def application_problems(application: Application) -> list[str]:
    """Why `application` cannot be submitted yet (empty when it can)."""
    problems = []
    commitments = list(application.commitments.select_related("activity"))
    minimum = application.charter.minimum_activities
    if len(commitments) < minimum:
        problems.append(_("Choose at least %(minimum)d activities (you chose %(count)d).")
                        % {"minimum": minimum, "count": len(commitments)})
    for commitment in commitments:
        if commitment.activity.is_other and not commitment.other_description.strip():
            problems.append(_("Describe the other activity you commit to."))
        if not commitment.action.strip():
            problems.append(_("Describe the concrete action for “%(activity)s”.")
                            % {"activity": commitment.activity.title})
    if not (application.council_decision_file or application.council_decision_url):
        problems.append(_("Attach the council decision as PDF or give a link to it."))
    if application.council_decision_date is None:
        problems.append(_("Give the date of the council decision."))
    if not (application.contact_name.strip() and application.contact_email.strip()):
        problems.append(_("Name a public contact with an e-mail address."))
    return problems


@transaction.atomic
def application_start(*, municipality: Municipality, by) -> Application:
    """The municipality's open application, or a new draft.

    A member that changes its commitments (e.g. for a new council term) starts from a copy of
    its approved application; the approved one stays in force until the change is approved.
    """
    application = selectors.open_application(municipality)
    if application is not None:
        return application
    approved = selectors.approved_application(municipality)
    application = Application.objects.create(
        charter=selectors.current_charter(), municipality=municipality, created_by=by)
    if approved is not None:
        for name in ("council_decision_url", "council_decision_date", "contact_name",
                     "contact_role", "contact_email"):
            setattr(application, name, getattr(approved, name))
        application.save()
        now = timezone.now()
        for old in approved.commitments.filter(dropped_at__isnull=True):
            Commitment.objects.create(
                application=application, activity_id=old.activity_id,
                other_description=old.other_description, action=old.action,
                target_number=old.target_number, target_unit=old.target_unit,
                planned_date=old.planned_date, status=old.status, last_updated=now)
    audit_record(actor=by, action="charter.application.start", obj=application,
                 municipality=municipality, after={"amends": approved.pk if approved else None})
    return application


def _carry_progress_over(*, previous: Application | None, application: Application) -> None:
    """An amended application keeps the status and evidence of commitments it continues."""
    if previous is None:
        return
    before = {c.activity_id: c for c in previous.commitments.prefetch_related("evidence")}
    for commitment in application.commitments.all():
        old = before.get(commitment.activity_id)
        if old is None:
            continue
        if commitment.status != old.status:
            commitment.status = old.status
            commitment.save(update_fields=["status"])
        for link in old.evidence.all():
            # The same public file: evidence is never deleted with its commitment's files.
            EvidenceLink.objects.create(
                commitment=commitment, kind=link.kind, url=link.url, file=link.file.name,
                label=link.label, decided_on=link.decided_on, confirmation=link.confirmation,
                added_by=link.added_by)


@transaction.atomic
def application_save(*, application: Application, data: ApplicationInput, by,
                     decision_file=None) -> Application:
    """Save what the officer typed, as a draft. Every check of meaning waits for submission."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be changed."))
    for other in data.commitments:
        if other.activity.charter_id != application.charter_id:
            raise ValidationError(_("This activity is not part of the charter."))
    if decision_file is not None:
        check_council_decision_pdf(decision_file)
        if application.council_decision_file:
            application.council_decision_file.delete(save=False)
        application.council_decision_file.save("decision.pdf", decision_file, save=False)
    for name in ("council_decision_url", "council_decision_date", "contact_name",
                 "contact_role", "contact_email"):
        setattr(application, name, getattr(data, name))
    application.save()
    chosen = {item.activity.pk: item for item in data.commitments}
    application.commitments.exclude(activity_id__in=chosen).delete()
    now = timezone.now()
    for activity_id, item in chosen.items():
        Commitment.objects.update_or_create(
            application=application, activity_id=activity_id,
            defaults={"action": item.action, "other_description": item.other_description,
                      "target_number": item.target_number,
                      "target_unit": item.target_unit if item.target_number is not None else "",
                      "planned_date": item.planned_date, "last_updated": now})
    audit_record(actor=by, action="charter.application.save", obj=application,
                 municipality=application.municipality,
                 after={"activities": sorted(chosen)})
    return application


@transaction.atomic
def application_submit(*, application: Application, by, reply: str = "") -> Application:
    """Send the application for review; after a return, `reply` answers the remarks."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise ValidationError(_("This application was already submitted."))
    if application.status == ApplicationStatus.RETURNED and not reply.strip():
        raise ValidationError(_("Answer the coordinator's remarks before you resubmit."))
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    if reply.strip():
        ReviewEvent.objects.create(application=application, kind=ReviewEvent.Kind.REPLIED,
                                   text=reply.strip(), author=by, at=now)
    ReviewEvent.objects.create(application=application, kind=ReviewEvent.Kind.SUBMITTED,
                               author=by, at=now)
    before = application.status
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.save(update_fields=["status", "submitted_at"])
    municipality = application.municipality
    if municipality.status not in (MunicipalityStatus.MEMBER, MunicipalityStatus.CANDIDATE):
        municipality_set_status(municipality=municipality, status=MunicipalityStatus.CANDIDATE,
                                reason=gettext_noop("charter application submitted"), by=by, at=now)
    audit_record(actor=by, action="charter.application.submit", obj=application,
                 municipality=municipality, before={"status": before},
                 after={"status": application.status})
    _mail(selectors.coordinator_recipients(), template="charter/email/application_submitted",
          context={"municipality": municipality,
                   "url": _site_path("charter:review", application.pk)},
          topic="charter.application")
    return application


@transaction.atomic
def application_return(*, application: Application, by, remarks: str) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be returned."))
    if not remarks.strip():
        raise ValidationError(_("Write the remarks the municipality should answer."))
    now = timezone.now()
    ReviewEvent.objects.create(application=application, kind=ReviewEvent.Kind.RETURNED,
                               text=remarks.strip(), author=by, at=now)
    application.status = ApplicationStatus.RETURNED
    application.save(update_fields=["status"])
    municipality = application.municipality
    audit_record(actor=by, action="charter.application.return", obj=application,
                 municipality=municipality, after={"status": application.status})
    _mail(selectors.officer_recipients(municipality), template="charter/email/application_returned",
          context={"municipality": municipality, "remarks": remarks.strip(),
                   "url": _site_path("charter:application", municipality.nis)},
          topic="charter.application")
    return application


@transaction.atomic
def application_approve(*, application: Application, by, remarks: str = "",
                        member_since: date | None = None) -> Application:
    """Approve: the municipality becomes a member from `member_since` (today by default)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be approved."))
    now = timezone.now()
    since = member_since or timezone.localdate()
    previous = selectors.approved_application(application.municipality)
    ReviewEvent.objects.create(application=application, kind=ReviewEvent.Kind.APPROVED,
                               text=remarks.strip(), author=by, at=now)
    application.status = ApplicationStatus.APPROVED
    application.decided_at = now
    application.save(update_fields=["status", "decided_at"])
    # The commitments belong to the council term in effect on the day they were approved.
    application.commitments.update(last_updated=now,
                                   term=term_in_effect(timezone.localdate(now)))
    _carry_progress_over(previous=previous, application=application)
    # The application's council decision (or the evidence carried over) documents them.
    for commitment in application.commitments.all():
        commitment_refresh_state(commitment=commitment, now=now)
    municipality = application.municipality
    running = Membership.objects.filter(municipality=municipality, ended_on__isnull=True)
    if running.exists():
        # A member renewing its commitments (e.g. a new council term) keeps its membership.
        running.filter(application__isnull=True).update(application=application)
    elif municipality.status == MunicipalityStatus.MEMBER:
        # A member since before the platform (a founding member, whose date of joining is not
        # known) records its commitments: it does not join again, and keeps its own date.
        pass
    else:
        Membership.objects.create(municipality=municipality, joined_as=municipality.name_nl,
                                  since=since, application=application)
        municipality_set_status(municipality=municipality, status=MunicipalityStatus.MEMBER,
                                reason=gettext_noop("charter application approved"), by=by, at=now,
                                member_since=since, joined_as=municipality.name_nl)
    audit_record(actor=by, action="charter.application.approve", obj=application,
                 municipality=municipality, after={"status": application.status,
                                                   "member_since": since.isoformat()})
    _mail(selectors.officer_recipients(municipality),
          template="charter/email/application_approved",
          context={"municipality": municipality,
                   "url": _site_path("charter:progress", municipality.nis)},
          topic="charter.application")
    return application


@transaction.atomic
def membership_withdraw(*, municipality: Municipality, by, reason: str,
                        on: date | None = None) -> None:
    """End the membership: the municipality becomes a former member; its history stays."""
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if municipality.status != MunicipalityStatus.MEMBER:
        raise ValidationError(_("This municipality is not a member."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the withdrawal."))
    on = on or timezone.localdate()
    now = timezone.now()
    Membership.objects.filter(municipality=municipality, ended_on__isnull=True).update(
        ended_on=on)
    application = selectors.approved_application(municipality)
    if application is not None:
        ReviewEvent.objects.create(application=application, kind=ReviewEvent.Kind.WITHDRAWN,
                                   text=reason.strip(), author=by, at=now)
    municipality_set_status(municipality=municipality, status=MunicipalityStatus.FORMER_MEMBER,
                            reason=reason.strip(), by=by, at=now)
    audit_record(actor=by, action="charter.membership.withdraw", obj=municipality,
                 municipality=municipality, after={"ended_on": on.isoformat()})
    _mail(selectors.officer_recipients(municipality) + selectors.coordinator_recipients(),
          template="charter/email/membership_withdrawn",
          context={"municipality": municipality, "reason": reason.strip()},
          topic="charter.membership")


@transaction.atomic
def membership_record(*, since: date, by=None, municipality: Municipality | None = None,
                      legacy: LegacyMunicipality | None = None, is_founding: bool = False,
                      is_demo: bool = False) -> Membership:
    """Record a membership that began outside the platform (e.g. a founding member).

    Given a municipality of before 2025 (`legacy`), the membership goes to the municipality it
    merged into, under its original name and date: the merged municipality inherits it.
    """
    if legacy is not None:
        municipality = legacy.successor
        if not legacy.was_merged:  # same municipality, only its old name had a qualifier
            legacy = None
        joined_as = legacy.name_nl if legacy is not None else municipality.name_nl
    elif municipality is not None:
        joined_as = municipality.name_nl
    else:
        raise ValueError("give a municipality or a legacy municipality")
    membership, created = Membership.objects.get_or_create(
        municipality=municipality, joined_as=joined_as, ended_on=None,
        defaults={"legacy": legacy, "since": since, "is_founding": is_founding,
                  "is_demo": is_demo})
    earliest = Membership.objects.filter(municipality=municipality,
                                         ended_on__isnull=True).order_by("since", "id").first()
    municipality.refresh_from_db(fields=["status"])
    if municipality.status == MunicipalityStatus.MEMBER:
        # Already a member (e.g. a founding member loaded without a date): the date and the name
        # it joined under become known; that is no change of status, so no history line.
        municipality_set_membership(municipality=municipality, member_since=earliest.since,
                                    joined_as=earliest.joined_as, by=by)
    else:
        municipality_set_status(municipality=municipality, status=MunicipalityStatus.MEMBER,
                                reason=gettext_noop("membership recorded"), by=by,
                                member_since=earliest.since, joined_as=earliest.joined_as)
    if created:
        audit_record(actor=by, action="charter.membership.record", obj=membership,
                     municipality=municipality,
                     after={"since": since.isoformat(), "joined_as": joined_as})
    return membership


# ---------------------------------------------------------------------------------------------
# Progress


@dataclass
class EvidenceInput:
    """Evidence an officer adds: a link or an uploaded PDF (checked by content), what it shows,
    and for a council decision its date."""

    label: str
    kind: str = EvidenceKind.OTHER
    url: str = ""
    file: object = None  # an uploaded file (PDF)
    decided_on: date | None = None


def _evidence_add(*, commitment: Commitment, evidence: EvidenceInput, by,
                  narrative: CommitmentReport | None = None) -> EvidenceLink:
    if evidence.kind not in EvidenceKind.values:
        raise ValidationError(_("Unknown kind of evidence."))
    if bool(evidence.url) == bool(evidence.file):
        raise ValidationError(_("Give a link or upload a PDF (one of the two)."))
    if not evidence.label.strip():
        raise ValidationError(_("Say what the evidence shows."))
    if evidence.kind == EvidenceKind.DECISION and evidence.decided_on is None:
        raise ValidationError(_("Give the date of the council decision."))
    if evidence.decided_on is not None and evidence.decided_on > timezone.localdate():
        raise ValidationError(_("The date of the decision cannot lie in the future."))
    link = EvidenceLink(commitment=commitment, kind=evidence.kind, url=evidence.url,
                        label=evidence.label.strip()[:200], decided_on=evidence.decided_on,
                        narrative=narrative, added_by=by)
    if evidence.file:
        check_council_decision_pdf(evidence.file)
        link.file.save("evidence.pdf", evidence.file, save=False)
    link.save()
    return link


@transaction.atomic
def commitment_update(*, commitment: Commitment, by, status: str, evidence_url: str = "",
                      evidence_label: str = "", evidence: EvidenceInput | None = None
                      ) -> Commitment:
    """Update a commitment's status, perhaps with evidence (`evidence`, or the older pair
    `evidence_url` + `evidence_label`: a link of another kind); the public state follows."""
    commitment = Commitment.objects.select_for_update().select_related(
        "application__municipality").get(pk=commitment.pk)
    if commitment.application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("Progress is reported on approved commitments only."))
    if status not in CommitmentStatus.values:
        raise ValidationError(_("Unknown status."))
    if evidence is None and (evidence_url or evidence_label):
        if bool(evidence_url) != bool(evidence_label):
            raise ValidationError(_("Give both the link and what it shows."))
        evidence = EvidenceInput(url=evidence_url, label=evidence_label)
    before = commitment.status
    commitment.status = status
    commitment.last_updated = timezone.now()
    commitment.save(update_fields=["status", "last_updated"])
    link = None
    if evidence is not None:
        link = _evidence_add(commitment=commitment, evidence=evidence, by=by)
    audit_record(actor=by, action="charter.commitment.update", obj=commitment,
                 municipality=commitment.application.municipality,
                 before={"status": before}, after={
                     "status": status,
                     "evidence": None if link is None else (link.url or "PDF"),
                     **({"evidence_kind": link.kind,
                         "decided_on": link.decided_on.isoformat() if link.decided_on else None}
                        if link is not None else {})})
    if link is not None:
        commitment_refresh_state(commitment=commitment)
    return commitment


# ---------------------------------------------------------------------------------------------
# A commitment's public state: declared, documented or contested

CONTEST_REPLY_DAYS = 30  # a published contest left this long without a reply counts
CONTESTS_TO_MARK = 2  # so many such contests mark the commitment as contested


def _unanswered_contests(commitment: Commitment, *, now: datetime):
    return CommitmentFeedback.objects.filter(
        commitment=commitment, kind=FeedbackKind.CONTEST, status=FeedbackStatus.PUBLISHED,
        reply_at__isnull=True, closed_at__isnull=True,
        published_at__lte=now - timedelta(days=CONTEST_REPLY_DAYS))


def _is_documented(commitment: Commitment) -> bool:
    """A council decision or a report with evidence: the application's own council decision
    (which decided the commitments it lists) or evidence of either kind."""
    application = commitment.application
    if application.council_decision_file or application.council_decision_url:
        return True
    return commitment.evidence.filter(
        kind__in=[EvidenceKind.DECISION, EvidenceKind.REPORT]).exists()


def commitment_state_for(commitment: Commitment, *, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if _unanswered_contests(commitment, now=now).count() >= CONTESTS_TO_MARK:
        return CommitmentState.CONTESTED
    if _is_documented(commitment):
        return CommitmentState.DOCUMENTED
    return CommitmentState.DECLARED


@transaction.atomic
def commitment_refresh_state(*, commitment: Commitment, now: datetime | None = None) -> str:
    """Recompute and store the commitment's state (its history keeps each change, for the
    yearly comparison); call it after any change to its evidence, contests or replies."""
    now = now or timezone.now()
    commitment = Commitment.objects.select_for_update().select_related("application").get(
        pk=commitment.pk)
    state = commitment_state_for(commitment, now=now)
    if state == commitment.state:
        return state
    before = commitment.state
    commitment.state = state
    commitment.contested_since = now if state == CommitmentState.CONTESTED else None
    commitment.save(update_fields=["state", "contested_since"])
    audit_record(actor=None, action="charter.commitment.state", obj=commitment,
                 municipality=commitment.application.municipality,
                 before={"state": before}, after={"state": state})
    return state


def refresh_contested_states(*, now: datetime | None = None) -> int:
    """Daily: mark commitments whose contests went unanswered for 30 days; returns how many
    changed state."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=CONTEST_REPLY_DAYS)
    candidates = Commitment.objects.filter(
        feedback__kind=FeedbackKind.CONTEST, feedback__status=FeedbackStatus.PUBLISHED,
        feedback__reply_at__isnull=True, feedback__closed_at__isnull=True,
        feedback__published_at__lte=cutoff).exclude(state=CommitmentState.CONTESTED).distinct()
    before = dict(candidates.values_list("pk", "state"))
    return sum(1 for pk, state in before.items()
               if commitment_refresh_state(commitment=Commitment(pk=pk), now=now) != state)


# ---------------------------------------------------------------------------------------------
# Local confirmation and contest of a commitment (residents and local groups, with an e-mailed
# link; coordinators moderate; the municipality's officers reply)

FEEDBACK_CONFIRM_DAYS = 7  # an unconfirmed text is deleted after this many days
FEEDBACK_REJECTED_DAYS = 30  # a rejected text is deleted this long after the rejection
FEEDBACK_TEXT_MIN = 20
FEEDBACK_TEXT_MAX = 2000
REPLY_TEXT_MAX = 4000


def _feedback_link(feedback: CommitmentFeedback) -> str:
    """A fresh link for the author (its hash replaces the previous one, so only the latest
    e-mail's link works: the database never holds a working link)."""
    token, feedback.token_hash = new_token()
    feedback.save(update_fields=["token_hash"])
    return absolute_url("charter:feedback_manage", args=[token], language=feedback.language)


def _feedback_municipality(feedback: CommitmentFeedback) -> Municipality:
    return feedback.commitment.application.municipality


def _feedback_context(feedback: CommitmentFeedback, **more) -> dict:
    """What every mail about a text says: which commitment of which municipality (the mail is
    rendered in the author's language, so are the names)."""
    return {"municipality": _feedback_municipality(feedback),
            "commitment": feedback.commitment, "kind": feedback.kind, **more}


def _feedback_mail(feedback: CommitmentFeedback, template: str, **context) -> None:
    queue_templated_mail(to=feedback.email, template=f"charter/email/{template}",
                         language=feedback.language, topic="charter.feedback",
                         context=_feedback_context(feedback, **context))


def _feedback_shown(commitment: Commitment, *, now: datetime | None = None) -> None:
    """A published text changed (published, replied to, closed, deleted): the municipality's
    pages show it anew (at once, and again after the commit, as the page cache's signals do:
    `charter.CommitmentFeedback` has no rule of its own, since most of its writes show
    nowhere), so does the commitments export with its counts, and the commitment's state
    follows."""
    topics = (f"municipality:{commitment.application.municipality_id}", "commitments")
    invalidate(*topics)
    transaction.on_commit(lambda: invalidate(*topics))
    commitment_refresh_state(commitment=commitment, now=now)


def _locked_feedback(feedback: CommitmentFeedback) -> CommitmentFeedback:
    return (CommitmentFeedback.objects.select_for_update()
            .select_related("commitment__activity", "commitment__application__municipality")
            .get(pk=feedback.pk))


def _feedback_audit(feedback: CommitmentFeedback, *, by, action: str, before: dict | None = None,
                    after: dict | None = None) -> None:
    # Codes and dates only: never the text, the name or the address of the author.
    audit_record(actor=by, action=action, obj=feedback,
                 municipality=_feedback_municipality(feedback), before=before, after=after)


@transaction.atomic
def feedback_submit(*, commitment: Commitment, kind: str, text: str, email: str,
                    name: str = "", show_name: bool = False, group_name: str = "",
                    language: str = "nl", now: datetime | None = None) -> CommitmentFeedback:
    """Store an unconfirmed confirmation or contest and mail its author the link to confirm
    it. Nobody sees it before the author confirmed and a coordinator published it."""
    now = now or timezone.now()
    if kind not in FeedbackKind.values:
        raise ValidationError(_("Choose whether you confirm or contest the commitment."))
    text = text.strip()
    if not FEEDBACK_TEXT_MIN <= len(text) <= FEEDBACK_TEXT_MAX:
        raise ValidationError(_("Write between %(min)d and %(max)d characters.")
                              % {"min": FEEDBACK_TEXT_MIN, "max": FEEDBACK_TEXT_MAX})
    language = language if language in dict(settings.LANGUAGES) else "nl"
    name = name.strip()
    feedback = CommitmentFeedback.objects.create(
        commitment=commitment, kind=kind, text=text, commitment_action=commitment.action,
        commitment_target=commitment.target, email=email.strip(), name=name,
        show_name=bool(show_name and name), group_name=group_name.strip(), language=language,
        token_hash=new_token()[1],
        token_expires_at=now + timedelta(days=FEEDBACK_CONFIRM_DAYS))
    feedback = CommitmentFeedback.objects.select_related(
        "commitment__activity", "commitment__application__municipality").get(pk=feedback.pk)
    _feedback_mail(feedback, "feedback_confirm", url=_feedback_link(feedback),
                   days=FEEDBACK_CONFIRM_DAYS)
    return feedback


# Texts kept only until `token_expires_at`: unconfirmed ones, and rejected ones (their author
# can read the reason for a while). The others stay until their author deletes them.
_EXPIRING = (FeedbackStatus.PENDING, FeedbackStatus.REJECTED)


def feedback_for_token(token: str, *, now: datetime | None = None):
    """The text an e-mailed link stands for, or None. The link of an unconfirmed or rejected
    text expires with it; otherwise the latest link keeps working (to follow, complete or
    delete the text)."""
    now = now or timezone.now()
    feedback = (CommitmentFeedback.objects
                .select_related("commitment__activity", "commitment__application__municipality")
                .filter(token_hash=hash_token(token)).first())
    if feedback is None:
        return None
    if feedback.status in _EXPIRING and feedback.token_expires_at <= now:
        return None
    return feedback


@transaction.atomic
def feedback_confirm(*, feedback: CommitmentFeedback,
                     now: datetime | None = None) -> CommitmentFeedback:
    """The author confirmed their address: the text goes to the coordinators."""
    feedback = _locked_feedback(feedback)
    if feedback.status != FeedbackStatus.PENDING:
        return feedback
    feedback.status = FeedbackStatus.SUBMITTED
    feedback.confirmed_at = now or timezone.now()
    feedback.save(update_fields=["status", "confirmed_at"])
    _feedback_audit(feedback, by=None, action="charter.feedback.confirm",
                    after={"status": feedback.status, "kind": feedback.kind})
    return feedback


@transaction.atomic
def feedback_resubmit(*, feedback: CommitmentFeedback, text: str) -> CommitmentFeedback:
    """The author answered the coordinator's question by completing their text."""
    feedback = _locked_feedback(feedback)
    if feedback.status != FeedbackStatus.MORE_ASKED:
        raise ValidationError(_("This text is not waiting for your answer."))
    text = text.strip()
    if not FEEDBACK_TEXT_MIN <= len(text) <= FEEDBACK_TEXT_MAX:
        raise ValidationError(_("Write between %(min)d and %(max)d characters.")
                              % {"min": FEEDBACK_TEXT_MIN, "max": FEEDBACK_TEXT_MAX})
    feedback.text = text
    feedback.status = FeedbackStatus.SUBMITTED
    feedback.save(update_fields=["text", "status"])
    _feedback_audit(feedback, by=None, action="charter.feedback.resubmit",
                    before={"status": FeedbackStatus.MORE_ASKED},
                    after={"status": feedback.status})
    return feedback


@transaction.atomic
def feedback_delete(*, feedback: CommitmentFeedback, now: datetime | None = None) -> None:
    """The author deletes their text: the row goes, and with it their mail in the outbox
    (their name leaves other mail too)."""
    feedback = _locked_feedback(feedback)
    was_published = feedback.status == FeedbackStatus.PUBLISHED
    commitment = feedback.commitment
    _feedback_audit(feedback, by=None, action="charter.feedback.delete",
                    before={"status": feedback.status, "kind": feedback.kind})
    email, name = feedback.email, feedback.name
    feedback.delete()
    outbox_forget(address=email, texts=[name] if name else [])
    if was_published:
        _feedback_shown(commitment, now=now)


def _moderatable(feedback: CommitmentFeedback) -> None:
    if feedback.status not in (FeedbackStatus.SUBMITTED, FeedbackStatus.MORE_ASKED):
        raise ValidationError(_("This text was already moderated."))


@transaction.atomic
def feedback_publish(*, feedback: CommitmentFeedback, by,
                     now: datetime | None = None) -> CommitmentFeedback:
    """Publish: the text shows on the municipality's pages with its date; the author is told,
    and for a contest the municipality's officers are asked to reply."""
    now = now or timezone.now()
    feedback = _locked_feedback(feedback)
    _moderatable(feedback)
    before = feedback.status
    feedback.status = FeedbackStatus.PUBLISHED
    feedback.published_at = now
    feedback.moderated_by = by
    feedback.save(update_fields=["status", "published_at", "moderated_by"])
    _feedback_audit(feedback, by=by, action="charter.feedback.publish",
                    before={"status": before}, after={"status": feedback.status})
    _feedback_mail(feedback, "feedback_published", url=_feedback_link(feedback))
    if feedback.kind == FeedbackKind.CONTEST:
        municipality = _feedback_municipality(feedback)
        _mail(selectors.officer_recipients(municipality),
              template="charter/email/feedback_new_contest",
              context={"municipality": municipality, "commitment": feedback.commitment,
                       "days": CONTEST_REPLY_DAYS,
                       "url": _site_path("charter:officer_feedback", municipality.nis)},
              topic="charter.feedback")
    _feedback_shown(feedback.commitment, now=now)
    return feedback


@transaction.atomic
def feedback_reject(*, feedback: CommitmentFeedback, by, reason: str,
                    now: datetime | None = None) -> CommitmentFeedback:
    """Reject with a coded reason, mailed to the author; the text is deleted
    FEEDBACK_REJECTED_DAYS later (by the daily `check_commitment_contests`)."""
    now = now or timezone.now()
    feedback = _locked_feedback(feedback)
    _moderatable(feedback)
    if reason not in RejectReason.values:
        raise ValidationError(_("Choose the reason for the rejection."))
    before = feedback.status
    feedback.status = FeedbackStatus.REJECTED
    feedback.reject_reason = reason
    feedback.moderated_by = by
    feedback.token_expires_at = now + timedelta(days=FEEDBACK_REJECTED_DAYS)
    feedback.save(update_fields=["status", "reject_reason", "moderated_by",
                                 "token_expires_at"])
    _feedback_audit(feedback, by=by, action="charter.feedback.reject",
                    before={"status": before},
                    after={"status": feedback.status, "reason": reason})
    _feedback_mail(feedback, "feedback_rejected", reason=RejectReason(reason).label,
                   days=FEEDBACK_REJECTED_DAYS, url=_feedback_link(feedback))
    return feedback


@transaction.atomic
def feedback_ask_more(*, feedback: CommitmentFeedback, by, note: str) -> CommitmentFeedback:
    """Ask the author for more (facts, a date, a source): the question is mailed to them with
    their link, where they complete the text and send it again."""
    feedback = _locked_feedback(feedback)
    _moderatable(feedback)
    note = note.strip()
    if not note:
        raise ValidationError(_("Write the question to the author."))
    before = feedback.status
    feedback.status = FeedbackStatus.MORE_ASKED
    feedback.moderator_note = note
    feedback.moderated_by = by
    feedback.save(update_fields=["status", "moderator_note", "moderated_by"])
    _feedback_audit(feedback, by=by, action="charter.feedback.ask_more",
                    before={"status": before}, after={"status": feedback.status})
    _feedback_mail(feedback, "feedback_more_asked", note=note, url=_feedback_link(feedback))
    return feedback


@transaction.atomic
def feedback_close(*, feedback: CommitmentFeedback, by,
                   now: datetime | None = None) -> CommitmentFeedback:
    """A coordinator closes a published contest (resolved, or outdated): it stays on the page
    as closed and no longer counts towards the *contested* state."""
    now = now or timezone.now()
    feedback = _locked_feedback(feedback)
    if (feedback.status != FeedbackStatus.PUBLISHED or feedback.kind != FeedbackKind.CONTEST
            or feedback.closed_at is not None):
        raise ValidationError(_("Only an open published contest can be closed."))
    feedback.closed_at = now
    feedback.closed_by = by
    feedback.save(update_fields=["closed_at", "closed_by"])
    _feedback_audit(feedback, by=by, action="charter.feedback.close",
                    after={"closed_at": now.isoformat()})
    _feedback_shown(feedback.commitment, now=now)
    return feedback


@transaction.atomic
def feedback_reply(*, feedback: CommitmentFeedback, by, text: str,
                   now: datetime | None = None) -> CommitmentFeedback:
    """The municipality's reply to a published confirmation or contest (a reply can be
    edited); shown beside it, mailed to its author."""
    now = now or timezone.now()
    feedback = _locked_feedback(feedback)
    if feedback.status != FeedbackStatus.PUBLISHED:
        raise ValidationError(_("Only a published text can be replied to."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your reply."))
    if len(text) > REPLY_TEXT_MAX:
        raise ValidationError(_("Write at most %(max)d characters.") % {"max": REPLY_TEXT_MAX})
    edited = bool(feedback.reply_at)
    if edited and text == feedback.reply_text:
        return feedback  # saved again unchanged: nothing to tell anyone
    feedback.reply_text = text
    feedback.reply_at = now
    feedback.reply_by = by
    feedback.save(update_fields=["reply_text", "reply_at", "reply_by"])
    _feedback_audit(feedback, by=by, action="charter.feedback.reply",
                    after={"edited": edited})
    _feedback_mail(feedback, "feedback_reply", reply=text, edited=edited,
                   url=_feedback_link(feedback))
    _feedback_shown(feedback.commitment, now=now)
    return feedback


def purge_expired_feedback(*, now: datetime | None = None) -> int:
    """Daily: delete texts whose author never confirmed their address in time, and rejected
    texts FEEDBACK_REJECTED_DAYS after the rejection."""
    now = now or timezone.now()
    return CommitmentFeedback.objects.filter(status__in=_EXPIRING,
                                             token_expires_at__lte=now).delete()[0]


@dataclass
class ReportInput:
    year: int
    places_adults: int = 0
    places_minors: int = 0
    places_in_loi: int = 0
    volunteers_active: int = 0
    extra_figures: dict = field(default_factory=dict)  # FigureDefinition.code -> int
    narratives: dict = field(default_factory=dict)  # Commitment.pk -> text
    # Per commitment entry: its activity's figures ({CommitmentFigure code: int}) and evidence.
    entry_figures: dict = field(default_factory=dict)  # Commitment.pk -> {code: int}
    entry_evidence: dict = field(default_factory=dict)  # Commitment.pk -> EvidenceInput


def _entry_figures(commitment: Commitment, figures: dict) -> dict:
    """The figures the commitment's activity asks for, as whole numbers within limits."""
    asked = set(commitment.activity.figure_codes or []) & set(CommitmentFigure.values)
    kept = {}
    for code, value in (figures or {}).items():
        if code not in asked or value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNT_MAX:
            raise ValidationError(_("Enter a whole number, with the digits 0 to 9."))
        kept[code] = value
    return kept


@transaction.atomic
def report_submit(*, municipality: Municipality, data: ReportInput, by,
                  is_demo: bool = False) -> YearlyReport:
    """File (or correct) the yearly report; it counts as the member's latest update. Each
    commitment's entry may carry its activity's figures and evidence; the commitments' public
    state follows."""
    municipality = Municipality.objects.get(pk=municipality.pk)
    if municipality.status != MunicipalityStatus.MEMBER:
        raise ValidationError(_("Only members file a yearly report."))
    if data.places_in_loi > data.places_adults + data.places_minors:
        raise ValidationError(_("The places in an LOI cannot exceed the reception places."))
    this_year = timezone.localdate().year
    if not (2015 <= data.year <= this_year):
        raise ValidationError(_("Choose a year up to %(year)d.") % {"year": this_year})
    known = set(FigureDefinition.objects.filter(is_active=True).values_list("code", flat=True))
    extra = {code: value for code, value in data.extra_figures.items()
             if code in known and value is not None}
    commitments = {c.pk: c for c in selectors.current_commitments(municipality)}
    for commitment_id in {*data.narratives, *data.entry_figures, *data.entry_evidence}:
        if commitment_id not in commitments:
            raise ValidationError(_("This commitment does not belong to the municipality."))
    report, created = YearlyReport.objects.update_or_create(
        municipality=municipality, year=data.year,
        defaults={"places_adults": data.places_adults, "places_minors": data.places_minors,
                  "places_in_loi": data.places_in_loi,
                  "volunteers_active": data.volunteers_active, "extra_figures": extra,
                  "submitted_at": timezone.now(), "submitted_by": by, "is_demo": is_demo})
    touched = set()
    for commitment_id, text in data.narratives.items():
        commitment = commitments[commitment_id]
        figures = _entry_figures(commitment, data.entry_figures.get(commitment_id, {}))
        evidence = data.entry_evidence.get(commitment_id)
        if text.strip():
            entry, _created = CommitmentReport.objects.update_or_create(
                report=report, commitment_id=commitment_id,
                defaults={"narrative": text.strip(), "figures": figures})
            if evidence is not None:
                _evidence_add(commitment=commitment, narrative=entry, by=by,
                              evidence=replace(evidence, kind=EvidenceKind.REPORT))
                touched.add(commitment_id)
        elif figures or evidence is not None:
            raise ValidationError(_("Write what happened for the figures and evidence of "
                                    "“%(activity)s”.") % {"activity": commitment.activity_title})
        else:
            # Its evidence goes with it (and may change the public state).
            deleted, _kinds = CommitmentReport.objects.filter(
                report=report, commitment_id=commitment_id).delete()
            if deleted:
                touched.add(commitment_id)
    audit_record(actor=by, action="charter.report.submit" if created else "charter.report.correct",
                 obj=report, municipality=municipality,
                 after={"year": data.year, "places": report.places_total,
                        **({"evidence": sorted(data.entry_evidence)}
                           if data.entry_evidence else {})})
    for commitment_id in sorted(touched):
        commitment_refresh_state(commitment=commitments[commitment_id])
    return report


def send_report_reminders(*, now: datetime | None = None) -> int:
    """Remind members about eleven months after their last update, once per update."""
    now = now or timezone.now()
    sent = 0
    for stale in selectors.stale_members(now=now, older_than=selectors.REMIND_AFTER):
        municipality, latest = stale.municipality, stale.last_update
        with transaction.atomic():
            _, created = Reminder.objects.get_or_create(
                municipality=municipality, kind=Reminder.Kind.REPORT_DUE,
                about=timezone.localdate(latest))
            if not created:
                continue
            _mail(selectors.officer_recipients(municipality),
                  template="charter/email/report_reminder",
                  context={"municipality": municipality,
                           "last_update": timezone.localdate(latest),
                           "flag_on": timezone.localdate(latest + selectors.STALE_AFTER),
                           "url": _site_path("charter:progress", municipality.nis)},
                  topic="charter.reminder")
        sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# Council terms: each member reconfirms with each new council, or its membership lapses


def term_in_effect(day: date) -> CouncilTerm | None:
    """The council term in effect on `day`: the latest one started by then."""
    return CouncilTerm.objects.filter(starts_on__lte=day).order_by("-starts_on").first()


def add_months(day: date, months: int) -> date:
    """`day` so many calendar months later (the 31st becomes the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def reconfirmation_due_on(term: CouncilTerm, *, asked_on: date) -> date:
    """Six calendar months (`reconfirm_within_months`) from the term's start, or from the day
    members are asked when that is later; `reconfirm_within_days`, when set, counts instead."""
    start = max(term.starts_on, asked_on)
    if term.reconfirm_within_days:
        return start + timedelta(days=term.reconfirm_within_days)
    return add_months(start, term.reconfirm_within_months)


@transaction.atomic
def council_term_start(*, name: str, starts_on: date, ends_on: date,
                       reconfirm_within_months: int = 6,
                       reconfirm_within_days: int | None = None,
                       now: datetime | None = None) -> tuple[CouncilTerm, int]:
    """Ask every member to reconfirm for the term. Asking twice sends nothing new."""
    now = now or timezone.now()
    term, _created = CouncilTerm.objects.get_or_create(
        name=name, defaults={"starts_on": starts_on, "ends_on": ends_on,
                             "reconfirm_within_months": reconfirm_within_months,
                             "reconfirm_within_days": reconfirm_within_days})
    if term.started_at is None:
        term.started_at = now
        term.save(update_fields=["started_at"])
    due_on = reconfirmation_due_on(term, asked_on=timezone.localdate(now))
    asked = 0
    for municipality in Municipality.objects.members():
        token, token_hash = new_token()
        confirmation, created = TermConfirmation.objects.get_or_create(
            term=term, municipality=municipality,
            defaults={"requested_at": now, "due_on": due_on, "token_hash": token_hash,
                      "token_expires_at": _end_of(due_on)})
        if not created:
            continue
        asked += 1
        _mail(selectors.officer_recipients(municipality),
              template="charter/email/term_reconfirm",
              context={"municipality": municipality, "term": term.name,
                       "due_on": due_on, "url": _site_path("charter:reconfirm", token)},
              topic="charter.term", reply_to=_to_coordinators())
    return term, asked


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


def term_confirmation_for_token(token: str, *, now: datetime | None = None):
    """The open reconfirmation an e-mailed link stands for, or None: unknown, used or expired."""
    now = now or timezone.now()
    return (TermConfirmation.objects.select_related("municipality", "term")
            .filter(token_hash=hash_token(token), confirmed_at=None, token_expires_at__gt=now)
            .first())


@dataclass
class RenewalInput:
    """What the new council decided about one previous commitment."""

    commitment: Commitment
    outcome: str  # a RenewalOutcome
    action: str = ""
    target_number: int | None = None
    target_unit: str = ""
    planned_date: date | None = None


def _renewal_problems(*, confirmation: TermConfirmation, current: dict, renewals: list,
                      decision_date, decision_url: str, decision_file, today: date) -> list:
    problems = []
    if confirmation.confirmed_at is not None:
        problems.append(_("The membership was already reconfirmed for this council term."))
    if confirmation.municipality.status != MunicipalityStatus.MEMBER:
        problems.append(_("This municipality is not a member."))
    if decision_date is None:
        problems.append(_("Give the date of the council decision."))
    elif decision_date > today:
        problems.append(_("The date of the council decision cannot lie in the future."))
    if not (decision_url or decision_file):
        problems.append(_("Attach the council decision as PDF or give a link to it."))
    if {item.commitment.pk for item in renewals} != set(current) or any(
            item.outcome not in RenewalOutcome.values for item in renewals):
        problems.append(_("Say for each commitment whether the council keeps, changes or "
                          "drops it."))
    for item in renewals:
        if item.outcome == RenewalOutcome.CHANGED and not item.action.strip():
            problems.append(_("Describe the concrete action for “%(activity)s”.")
                            % {"activity": current[item.commitment.pk].activity_title
                               if item.commitment.pk in current else ""})
    # The charter's minimum, or every commitment of a member that has fewer (a founding
    # member that recorded only some).
    needed = min(selectors.current_charter().minimum_activities, len(current))
    kept = sum(1 for item in renewals if item.outcome != RenewalOutcome.DROPPED)
    if kept < needed:
        problems.append(ngettext(
            "The charter asks for at least %(minimum)d commitment: keep or change at least "
            "%(minimum)d (now %(count)d).",
            "The charter asks for at least %(minimum)d commitments: keep or change at least "
            "%(minimum)d (now %(count)d).", needed) % {"minimum": needed, "count": kept})
    return problems


@transaction.atomic
def term_reconfirm(*, confirmation: TermConfirmation, by, renewals: list[RenewalInput],
                   decision_date: date | None, decision_url: str = "", decision_file=None,
                   now: datetime | None = None) -> TermConfirmation:
    """The new council's answer, recorded by a signed-in officer (or coordinator): each
    previous commitment kept, changed or dropped (a `CommitmentRenewal` each), with the council
    decision as evidence on every commitment it keeps. The kept and changed ones belong to the
    new term from now on; the dropped ones stay in their story but are no longer current. A
    reconfirmation after a lapse ends the lapse. Nothing is stored unless all is right."""
    now = now or timezone.now()
    confirmation = (TermConfirmation.objects.select_for_update()
                    .select_related("municipality", "term").get(pk=confirmation.pk))
    municipality = confirmation.municipality
    current = {c.pk: c for c in selectors.current_commitments(municipality)}
    problems = _renewal_problems(
        confirmation=confirmation, current=current, renewals=renewals,
        decision_date=decision_date, decision_url=decision_url, decision_file=decision_file,
        today=timezone.localdate(now))
    if problems:
        raise ValidationError(problems)
    if decision_file is not None:
        check_council_decision_pdf(decision_file)
    # The kind and the date show beside it; stored, as an officer's own label would be, in the
    # municipality's language.
    with translation.override(selectors.municipality_language(municipality)):
        label = _("Reconfirmation for the council term %(term)s") % {
            "term": confirmation.term.name}
    stored_file = ""
    counts = dict.fromkeys(RenewalOutcome.values, 0)
    for item in renewals:
        commitment = current[item.commitment.pk]
        counts[item.outcome] += 1
        before = {}
        if item.outcome == RenewalOutcome.CHANGED:
            before = {"action": commitment.action, "target_number": commitment.target_number,
                      "target_unit": commitment.target_unit,
                      "planned_date": (commitment.planned_date.isoformat()
                                       if commitment.planned_date else None)}
            commitment.action = item.action.strip()
            commitment.target_number = item.target_number
            commitment.target_unit = (item.target_unit.strip()
                                      if item.target_number is not None else "")
            commitment.planned_date = item.planned_date
            commitment.last_updated = now
        if item.outcome == RenewalOutcome.DROPPED:
            commitment.dropped_at = now
            commitment.status = CommitmentStatus.STOPPED
        else:
            commitment.term = confirmation.term
        commitment.save()
        CommitmentRenewal.objects.create(confirmation=confirmation, commitment=commitment,
                                         outcome=item.outcome, before=before, at=now)
        # The decision is the evidence of each outcome, a commitment dropped included.
        link = EvidenceLink(commitment=commitment, kind=EvidenceKind.DECISION,
                            decided_on=decision_date, confirmation=confirmation,
                            url=decision_url, label=label, added_by=by)
        if decision_file is not None:
            # One upload, shared by the evidence of every commitment the decision keeps.
            if not stored_file:
                link.file.save("decision.pdf", decision_file, save=False)
                stored_file = link.file.name
            else:
                link.file.name = stored_file
        link.save()
    for commitment in current.values():
        commitment_refresh_state(commitment=commitment, now=now)
    confirmation.confirmed_at = now
    confirmation.confirmed_by = by
    confirmation.decision_date = decision_date
    confirmation.token_hash = None
    confirmation.save(update_fields=["confirmed_at", "confirmed_by", "decision_date",
                                     "token_hash"])
    audit_record(actor=by, action="charter.term.confirm", obj=confirmation,
                 municipality=municipality,
                 after={"term": confirmation.term.name, "after_lapse": bool(confirmation.lapsed_at),
                        **counts})
    _mail(selectors.coordinator_recipients(), template="charter/email/term_reconfirmed",
          context={"municipality": municipality, "term": confirmation.term.name,
                   "kept": counts[RenewalOutcome.KEPT], "changed": counts[RenewalOutcome.CHANGED],
                   "dropped": counts[RenewalOutcome.DROPPED],
                   "url": site_url(municipality.get_absolute_url())},
          topic="charter.term")
    return confirmation


def lapse_memberships(*, now: datetime | None = None) -> tuple[int, int]:
    """Daily: a member that did not reconfirm by its due date shows as lapsed, and the residents
    who co-signed for it before are invited, once, to ask the new council (the
    `membership_lapsed` hook, campaigns). Returns (memberships lapsed, residents invited)."""
    now = now or timezone.now()
    due = (TermConfirmation.objects
           .filter(confirmed_at__isnull=True, due_on__lt=timezone.localdate(now),
                   municipality__status=MunicipalityStatus.MEMBER)
           .filter(Q(lapsed_at__isnull=True) | Q(invitation_sent_at__isnull=True))
           .values_list("pk", flat=True))
    lapsed = invited = 0
    for pk in list(due):
        with transaction.atomic():
            confirmation = (TermConfirmation.objects.select_for_update()
                            .select_related("municipality", "term").get(pk=pk))
            if confirmation.confirmed_at is not None:
                continue
            municipality, term = confirmation.municipality, confirmation.term.name
            newly_lapsed = confirmation.lapsed_at is None
            if newly_lapsed:
                confirmation.lapsed_at = now
                confirmation.save(update_fields=["lapsed_at"])
                audit_record(actor=None, action="charter.membership.lapse", obj=confirmation,
                             municipality=municipality, after={"term": term})
            count = 0
            if confirmation.invitation_sent_at is None:
                count = sum(hook(municipality, term_name=term)
                            for hook in hooks("membership_lapsed"))
                confirmation.invitation_sent_at = now
                confirmation.save(update_fields=["invitation_sent_at"])
                audit_record(actor=None, action="charter.membership.lapse_invite",
                             obj=confirmation, municipality=municipality,
                             after={"term": term, "invited": count})
                invited += count
            if newly_lapsed:
                # After the invitations: the officers learn how many residents were invited
                # (none when nobody co-signed before).
                _mail(selectors.officer_recipients(municipality),
                      template="charter/email/membership_lapsed",
                      context={"municipality": municipality, "term": term, "invited": count,
                               "url": _site_path("charter:term_confirm", municipality.nis,
                                                 confirmation.pk)},
                      topic="charter.term", reply_to=_to_coordinators())
                lapsed += 1
    return lapsed, invited
