"""Reads shared by the pages, the API and the hooks."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Case, Count, Max, Prefetch, Q, Sum, Value, When
from django.utils import timezone

from solidair.accounts.models import User
from solidair.charter.models import (
    OPEN_APPLICATION_STATUSES,
    Activity,
    Application,
    ApplicationStatus,
    Charter,
    Commitment,
    CommitmentFeedback,
    FeedbackKind,
    FeedbackStatus,
    Membership,
    TermConfirmation,
    YearlyReport,
)
from solidair.places.models import WALLOON_REGION, Municipality, MunicipalityStatus

CHARTER_SLUG = "solidaire-gemeenten"
STALE_AFTER = timedelta(days=365)
REMIND_AFTER = timedelta(days=335)  # about eleven months: a month before the flag


def current_charter() -> Charter:
    return Charter.objects.get(slug=CHARTER_SLUG)


def charter_activities(*, charter: Charter | None = None):
    charter = charter or current_charter()
    return Activity.objects.filter(charter=charter, is_active=True).order_by("number")


def open_application(municipality) -> Application | None:
    return Application.objects.filter(municipality=municipality,
                                      status__in=OPEN_APPLICATION_STATUSES).first()


def approved_application(municipality) -> Application | None:
    """The application whose commitments are the municipality's commitments today."""
    return (Application.objects.filter(municipality=municipality,
                                       status=ApplicationStatus.APPROVED)
            .order_by("-decided_at", "-id").first())


_UNKNOWN = object()


def current_commitments(municipality, *, application=_UNKNOWN):
    """The commitments of the approved application (`application` when the caller already
    has it from `approved_application`, saving that query)."""
    if application is _UNKNOWN:
        application = approved_application(municipality)
    if application is None:
        return Commitment.objects.none()
    return (application.commitments.select_related("activity").prefetch_related("evidence")
            .order_by("activity__number"))


def memberships(municipality):
    return Membership.objects.filter(municipality=municipality).select_related("legacy")


def last_report(municipality) -> YearlyReport | None:
    return YearlyReport.objects.filter(municipality=municipality).order_by("-year").first()


def last_update(municipality, *, application=_UNKNOWN) -> datetime | None:
    """When the member last showed progress: a commitment update, a report, or joining
    (`application`: see `current_commitments`)."""
    moments = [
        current_commitments(municipality, application=application)
        .aggregate(latest=Max("last_updated"))["latest"],
        YearlyReport.objects.filter(municipality=municipality)
        .aggregate(latest=Max("submitted_at"))["latest"],
    ]
    if municipality.member_since:
        moments.append(timezone.make_aware(
            datetime.combine(municipality.member_since, datetime.min.time())))
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else None


def is_stale(municipality, *, now: datetime | None = None, latest=_UNKNOWN) -> bool:
    """A member without any update for twelve months (`latest`: its `last_update`, when the
    caller already has it)."""
    if latest is _UNKNOWN:
        latest = last_update(municipality)
    return latest is not None and latest < (now or timezone.now()) - STALE_AFTER


@dataclass
class StaleMember:
    municipality: Municipality
    last_update: datetime


def members_last_updates() -> list[tuple[Municipality, datetime | None]]:
    """Every member with `last_update`, by name, in three queries however many members."""
    members = list(Municipality.objects.members().order_by("name_nl"))
    latest_commitments = {}
    # Each member's current application (the latest approved, as `approved_application` picks
    # it) with its latest commitment update.
    for nis, latest in (Application.objects
                        .filter(municipality__status=MunicipalityStatus.MEMBER,
                                status=ApplicationStatus.APPROVED)
                        .order_by("municipality_id", "-decided_at", "-id")
                        .annotate(latest=Max("commitments__last_updated"))
                        .values_list("municipality_id", "latest")):
        latest_commitments.setdefault(nis, latest)
    latest_reports = dict(YearlyReport.objects
                          .filter(municipality__status=MunicipalityStatus.MEMBER)
                          .values_list("municipality_id").annotate(latest=Max("submitted_at"))
                          .order_by())
    result = []
    for municipality in members:
        moments = [latest_commitments.get(municipality.nis), latest_reports.get(municipality.nis)]
        if municipality.member_since:
            moments.append(timezone.make_aware(
                datetime.combine(municipality.member_since, datetime.min.time())))
        moments = [moment for moment in moments if moment]
        result.append((municipality, max(moments) if moments else None))
    return result


def stale_members(*, now: datetime | None = None, older_than: timedelta = STALE_AFTER):
    now = now or timezone.now()
    return [StaleMember(municipality, latest) for municipality, latest in members_last_updates()
            if latest is not None and latest < now - older_than]


def municipality_language(municipality) -> str:
    """The language to write to a municipality in when no person chose one."""
    return "fr" if municipality.region_id == WALLOON_REGION else "nl"


def officer_recipients(municipality) -> list[tuple[str, str]]:
    """(e-mail, language) of the municipality's officers, or of its public contact if none."""
    officers = User.objects.filter(officer_assignments__municipality=municipality,
                                   is_active=True).order_by("email")
    recipients = [(user.email, user.preferred_language) for user in officers]
    if not recipients:
        application = approved_application(municipality) or open_application(municipality)
        if application and application.contact_email:
            recipients = [(application.contact_email, municipality_language(municipality))]
    return recipients


def coordinator_recipients() -> list[tuple[str, str]]:
    coordinators = User.objects.filter(is_coordinator=True, is_active=True).order_by("email")
    return [(user.email, user.preferred_language) for user in coordinators]


def applications_to_review():
    return (Application.objects.filter(status=ApplicationStatus.SUBMITTED)
            .select_related("municipality").order_by("submitted_at"))


def overdue_confirmations(*, today: date | None = None):
    today = today or timezone.localdate()
    return (TermConfirmation.objects.filter(confirmed_at__isnull=True, due_on__lt=today,
                                            municipality__status=MunicipalityStatus.MEMBER)
            .select_related("municipality", "term"))


@dataclass
class MemberRow:
    municipality: Municipality
    by_activity: dict  # activity id -> Commitment


def member_rows(*, province: str = "", activity: Activity | None = None, sort: str = "name"):
    """The comparison table: each member with its commitments per activity."""
    members = Municipality.objects.members().select_related("province")
    if province:
        members = members.filter(province__code=province)
    approved = Application.objects.filter(status=ApplicationStatus.APPROVED).order_by(
        "municipality_id", "-decided_at", "-id")
    latest_by_municipality = {}
    for application in approved.prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.select_related("activity"))):
        latest_by_municipality.setdefault(application.municipality_id, application)
    rows = []
    for municipality in members:
        application = latest_by_municipality.get(municipality.nis)
        commitments = list(application.commitments.all()) if application else []
        by_activity = {commitment.activity_id: commitment for commitment in commitments}
        if activity is not None and activity.pk not in by_activity:
            continue
        rows.append(MemberRow(municipality, by_activity))
    if sort == "since":
        rows.sort(key=lambda row: (row.municipality.member_since or date.max,
                                   row.municipality.name))
    elif sort == "commitments":
        rows.sort(key=lambda row: (-len(row.by_activity), row.municipality.name))
    elif sort == "province":
        rows.sort(key=lambda row: (row.municipality.province.name
                                   if row.municipality.province else "", row.municipality.name))
    else:
        rows.sort(key=lambda row: row.municipality.name)
    return rows


def network_figures() -> dict:
    """Members, commitments per activity, reception places committed and realised."""
    members = Municipality.objects.members()
    rows = member_rows()
    per_activity = []
    for activity in charter_activities():
        count = sum(1 for row in rows if activity.pk in row.by_activity)
        per_activity.append({"activity": activity, "count": count})
    committed = sum(
        commitment.target_number or 0
        for row in rows for commitment in row.by_activity.values()
        if commitment.activity.counts_reception_places)
    realised = 0
    for municipality in members:
        report = last_report(municipality)
        if report is not None:
            realised += report.places_total
    return {
        "members": members.count(),
        "commitments": sum(len(row.by_activity) for row in rows),
        "per_activity": per_activity,
        "places_committed": committed,
        "places_realised": realised,
        "volunteers": YearlyReport.objects.filter(municipality__in=members)
        .aggregate(total=Sum("volunteers_active"))["total"] or 0,
    }


# ---------------------------------------------------------------------------------------------
# Dashboards (the `officer_tasks` and `coordinator_tasks` hooks)

RECENT_REPORTS = timedelta(days=30)


def report_due_year(municipality, *, today: date | None = None) -> int | None:
    """The year whose yearly report the member still owes: last year, when it was a member
    during that year and filed nothing for it."""
    if municipality.status != MunicipalityStatus.MEMBER:
        return None
    year = (today or timezone.localdate()).year - 1
    if municipality.member_since and municipality.member_since.year > year:
        return None
    if YearlyReport.objects.filter(municipality=municipality, year=year).exists():
        return None
    return year


def officer_dashboard(municipality, *, now: datetime | None = None) -> dict:
    """What waits for the municipality's officer: its open application, the yearly report due,
    a progress update due (a month before the stale flag), a council term to confirm."""
    now = now or timezone.now()
    is_member = municipality.status == MunicipalityStatus.MEMBER
    latest = last_update(municipality) if is_member else None
    return {
        "application": open_application(municipality),
        "report_year": report_due_year(municipality, today=timezone.localdate(now)),
        "last_update": latest,
        "update_due": latest is not None and latest < now - REMIND_AFTER,
        "confirmation": (TermConfirmation.objects.filter(
            municipality=municipality, confirmed_at__isnull=True).select_related("term")
            .order_by("due_on").first() if is_member else None),
    }


def recent_reports(*, now: datetime | None = None):
    """Yearly reports filed in the last thirty days, newest first: for coordinators to read."""
    since = (now or timezone.now()) - RECENT_REPORTS
    return (YearlyReport.objects.filter(submitted_at__gte=since)
            .select_related("municipality").order_by("-submitted_at", "-id"))


def coordinator_dashboard(*, now: datetime | None = None) -> dict:
    """Counts for the coordinator's home, in a constant number of queries."""
    return {
        "to_review": applications_to_review().count(),
        "recent_reports": recent_reports(now=now).count(),
        "stale": len(stale_members(now=now)),
        "overdue": overdue_confirmations(
            today=timezone.localdate(now) if now else None).count(),
    }


# ---------------------------------------------------------------------------------------------
# Local confirmations and contests


def published_feedback(commitment):
    """A commitment's published confirmations and contests, oldest first, each with the
    municipality's reply on the same row (`reply_text`, `reply_at`)."""
    return (CommitmentFeedback.objects.filter(commitment=commitment,
                                              status=FeedbackStatus.PUBLISHED)
            .order_by("published_at", "id"))


def feedback_counts(commitments) -> dict[int, dict[str, int]]:
    """{commitment id: {"confirm": n, "contest": n}} of published texts, in one query."""
    counts = {commitment.pk: {"confirm": 0, "contest": 0} for commitment in commitments}
    if not counts:
        return counts
    rows = (CommitmentFeedback.objects
            .filter(commitment__in=list(counts), status=FeedbackStatus.PUBLISHED)
            .values("commitment_id")
            .annotate(confirm=Count("id", filter=Q(kind=FeedbackKind.CONFIRM)),
                      contest=Count("id", filter=Q(kind=FeedbackKind.CONTEST)))
            .order_by())
    for row in rows:
        counts[row["commitment_id"]] = {"confirm": row["confirm"], "contest": row["contest"]}
    return counts


def _with_commitment(queryset):
    return queryset.select_related("commitment__activity",
                                   "commitment__application__municipality")


def feedback_to_moderate():
    """Confirmed texts waiting for a coordinator, oldest first."""
    return _with_commitment(CommitmentFeedback.objects.filter(
        status=FeedbackStatus.SUBMITTED)).order_by("confirmed_at", "id")


def open_contests():
    """Published contests not closed, oldest first: a coordinator may close them."""
    return _with_commitment(CommitmentFeedback.objects.filter(
        status=FeedbackStatus.PUBLISHED, kind=FeedbackKind.CONTEST,
        closed_at__isnull=True)).order_by("published_at", "id")


def moderation_counts() -> dict[str, int]:
    """How many texts are in each step of moderation, in one query."""
    found = CommitmentFeedback.objects.aggregate(
        submitted=Count("id", filter=Q(status=FeedbackStatus.SUBMITTED)),
        more_asked=Count("id", filter=Q(status=FeedbackStatus.MORE_ASKED)),
        open_contests=Count("id", filter=Q(status=FeedbackStatus.PUBLISHED,
                                           kind=FeedbackKind.CONTEST, closed_at__isnull=True)),
        unanswered=Count("id", filter=Q(status=FeedbackStatus.PUBLISHED,
                                        kind=FeedbackKind.CONTEST, closed_at__isnull=True,
                                        reply_at__isnull=True)))
    return found


def _of_municipality(queryset, municipality):
    """Texts on the municipality's current commitments (its approved application's)."""
    application = approved_application(municipality)
    if application is None:
        return queryset.none()
    return queryset.filter(commitment__application=application)


def municipality_feedback(municipality):
    """Published confirmations and contests of the municipality's commitments, for its
    officers: contests waiting for a reply first, then the newest."""
    waiting = Case(When(kind=FeedbackKind.CONTEST, reply_at__isnull=True,
                        closed_at__isnull=True, then=Value(0)), default=Value(1))
    return _of_municipality(
        CommitmentFeedback.objects.filter(status=FeedbackStatus.PUBLISHED)
        .select_related("commitment__activity"), municipality
    ).order_by(waiting, "-published_at", "-id")


def contests_awaiting_reply(municipality):
    """Published contests of the municipality's commitments without a reply (nor closed)."""
    return _of_municipality(CommitmentFeedback.objects.filter(
        status=FeedbackStatus.PUBLISHED, kind=FeedbackKind.CONTEST, reply_at__isnull=True,
        closed_at__isnull=True), municipality).order_by("published_at", "id")
