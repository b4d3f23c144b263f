"""Reads shared by the pages, the API and the hooks."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
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
    CommitmentFigure,
    CommitmentReport,
    CommitmentState,
    CouncilTerm,
    EvidenceKind,
    FeedbackKind,
    FeedbackStatus,
    Membership,
    TermConfirmation,
    YearlyReport,
)
from solidair.core.counts import counts
from solidair.core.numbers import SMALL_MAX, parse_int
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
    """The commitments of the approved application that no new council dropped
    (`application` when the caller already has it from `approved_application`, saving that
    query)."""
    if application is _UNKNOWN:
        application = approved_application(municipality)
    if application is None:
        return Commitment.objects.none()
    return (application.commitments.filter(dropped_at__isnull=True)
            .select_related("activity").prefetch_related("evidence")
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
    """Every member with `last_update`, by name, in one query however many members."""
    # Each member's current application (the latest approved, as `approved_application` picks
    # it) with its latest commitment update, and its latest yearly report.
    current = (Application.objects
               .filter(municipality=OuterRef(OuterRef("pk")), status=ApplicationStatus.APPROVED)
               .order_by("-decided_at", "-id").values("pk")[:1])
    members = (Municipality.objects.members().order_by("name_nl").annotate(
        latest_commitment=Subquery(
            Commitment.objects.filter(application=Subquery(current))
            .values("application").annotate(latest=Max("last_updated")).values("latest")
            .order_by()),
        latest_report=Subquery(
            YearlyReport.objects.filter(municipality=OuterRef("pk"))
            .values("municipality").annotate(latest=Max("submitted_at")).values("latest")
            .order_by())))
    result = []
    for municipality in members:
        moments = [municipality.latest_commitment, municipality.latest_report]
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
    """Members that did not reconfirm by the due date (lapsed ones included)."""
    today = today or timezone.localdate()
    return (TermConfirmation.objects.filter(confirmed_at__isnull=True, due_on__lt=today,
                                            municipality__status=MunicipalityStatus.MEMBER)
            .select_related("municipality", "term"))


def lapsed_confirmations():
    """Members whose membership lapsed: the new council did not reconfirm it in time."""
    return (TermConfirmation.objects.filter(confirmed_at__isnull=True, lapsed_at__isnull=False,
                                            municipality__status=MunicipalityStatus.MEMBER)
            .select_related("municipality", "term"))


RENEWAL_TO_RECONFIRM = "to_reconfirm"
RENEWAL_RECONFIRMED = "reconfirmed"
RENEWAL_LAPSED = "lapsed"


@dataclass
class Renewal:
    """Where a member stands with the latest council term: to be reconfirmed by the new council
    (until `due_on`), reconfirmed, or lapsed (not reconfirmed in time)."""

    confirmation: TermConfirmation
    state: str

    @property
    def term(self) -> str:
        return self.confirmation.term.name

    @property
    def due_on(self) -> date:
        return self.confirmation.due_on

    @property
    def reconfirmed_on(self) -> date | None:
        confirmed_at = self.confirmation.confirmed_at
        return timezone.localdate(confirmed_at) if confirmed_at else None


def renewal(municipality) -> Renewal | None:
    """The member's renewal for the latest council term that asked it, or None (not a member,
    or never asked). One query."""
    if municipality.status != MunicipalityStatus.MEMBER:
        return None
    confirmation = (TermConfirmation.objects.filter(municipality=municipality)
                    .select_related("term").order_by("-term__starts_on", "-id").first())
    if confirmation is None:
        return None
    if confirmation.confirmed_at is not None:
        state = RENEWAL_RECONFIRMED
    elif confirmation.lapsed_at is not None:
        state = RENEWAL_LAPSED
    else:
        state = RENEWAL_TO_RECONFIRM
    return Renewal(confirmation, state)


def is_lapsed(municipality) -> bool:
    """A member whose latest council did not reconfirm it in time (and has not since)."""
    found = renewal(municipality)
    return found is not None and found.state == RENEWAL_LAPSED


def term_events(municipality):
    """The municipality's reconfirmations and lapses, for its public timeline."""
    return (TermConfirmation.objects.filter(municipality=municipality)
            .filter(Q(confirmed_at__isnull=False) | Q(lapsed_at__isnull=False))
            .select_related("term"))


@dataclass
class MemberRow:
    municipality: Municipality
    by_activity: dict  # activity id -> Commitment


def member_rows(*, province: str = "", activity: Activity | None = None, sort: str = "name",
                commitments=None):
    """The comparison table: each member with its commitments per activity (`commitments`:
    the queryset to read them with, when the caller needs more of them)."""
    members = Municipality.objects.members().select_related("province")
    if province:
        members = members.filter(province__code=province)
    approved = Application.objects.filter(status=ApplicationStatus.APPROVED).order_by(
        "municipality_id", "-decided_at", "-id")
    latest_by_municipality = {}
    if commitments is None:
        commitments = Commitment.objects.select_related("activity")
    commitments = commitments.filter(dropped_at__isnull=True)
    for application in approved.prefetch_related(Prefetch("commitments", queryset=commitments)):
        latest_by_municipality.setdefault(application.municipality_id, application)
    rows = []
    for municipality in members:
        application = latest_by_municipality.get(municipality.nis)
        current = list(application.commitments.all()) if application else []
        by_activity = {commitment.activity_id: commitment for commitment in current
                       if commitment.dropped_at is None}
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


@dataclass
class CommitmentRow:
    """One current commitment of a current member, with what the open data export tells."""

    municipality: Municipality
    application: Application
    commitment: Commitment
    evidence: list  # EvidenceLink, oldest first
    decided_on: date | None  # the latest council decision's date
    figures: dict | None  # {"year": ..., "figures": {...}} of the latest yearly entry
    confirmations: int  # published
    contests: int  # published


def commitment_rows() -> list[CommitmentRow]:
    """Every current commitment of the current members, by municipality name and activity
    number, with evidence, latest figures and published feedback counts, in a constant number
    of queries."""
    published = Q(feedback__status=FeedbackStatus.PUBLISHED)
    queryset = (Commitment.objects.select_related("activity", "term")
                .prefetch_related("evidence", Prefetch(
                    "narratives", queryset=CommitmentReport.objects.select_related("report")
                    .order_by("-report__year"), to_attr="entries"))
                .annotate(confirmations=Count("feedback", filter=published & Q(
                              feedback__kind=FeedbackKind.CONFIRM), distinct=True),
                          contests=Count("feedback", filter=published & Q(
                              feedback__kind=FeedbackKind.CONTEST), distinct=True)))
    result = []
    for row in member_rows(commitments=queryset):
        for commitment in sorted(row.by_activity.values(), key=lambda c: c.activity.number):
            application = commitment.application  # set by the prefetch, no query
            evidence = list(commitment.evidence.all())
            decisions = [link.decided_on for link in evidence
                         if link.kind == EvidenceKind.DECISION and link.decided_on]
            if not decisions and (application.council_decision_file
                                  or application.council_decision_url) \
                    and application.council_decision_date:
                decisions = [application.council_decision_date]
            latest = next((entry for entry in commitment.entries if entry.figures), None)
            result.append(CommitmentRow(
                municipality=row.municipality, application=application, commitment=commitment,
                evidence=evidence, decided_on=max(decisions) if decisions else None,
                figures=None if latest is None else {"year": latest.report.year,
                                                     "figures": latest.figures},
                confirmations=commitment.confirmations, contests=commitment.contests))
    return result


STATES = [CommitmentState.DECLARED, CommitmentState.DOCUMENTED, CommitmentState.CONTESTED]


def _state_counts(activities, commitments) -> list[dict]:
    """Per activity: how many of `commitments` [(activity id, state)], one per member and
    activity, are in each state."""
    counts = {activity.pk: dict.fromkeys(STATES, 0) for activity in activities}
    for activity_id, state in commitments:
        if activity_id in counts and state in counts[activity_id]:
            counts[activity_id][state] += 1
    return [{"activity": activity, **{str(state): count
                                      for state, count in counts[activity.pk].items()},
             "total": sum(counts[activity.pk].values())} for activity in activities]


def _year_end(year: int) -> datetime:
    return timezone.make_aware(datetime(year + 1, 1, 1))


def states_per_year(activities, *, rows=None, now: datetime | None = None) -> list[dict]:
    """Per year since the first membership, newest first: per activity, how many members had
    it declared, documented or contested at the end of that year, read from the commitments'
    history; this year as it is now (from `rows`, the members' rows, when the caller has
    them). Three queries besides `rows`, however many years, members and changes."""
    now = now or timezone.now()
    this_year = timezone.localdate(now).year
    rows = member_rows() if rows is None else rows
    result = [{"year": this_year, "is_current": True, "rows": _state_counts(
        activities, [(c.activity_id, c.state) for row in rows for c in row.by_activity.values()])}]
    memberships = list(Membership.objects.values_list("municipality_id", "since", "ended_on"))
    if not memberships:
        return result
    first = max(min(since for _nis, since, _ended in memberships).year, this_year - 50)
    # Applications in the order `approved_application` ranks them: the last decided wins.
    applications = list(Application.objects.filter(
        status=ApplicationStatus.APPROVED, decided_at__isnull=False)
        .order_by("decided_at", "id").values_list("id", "municipality_id", "decided_at"))
    history = list(Commitment.history.filter(history_date__lt=_year_end(this_year - 1))
                   .order_by("history_date", "history_id")
                   .values_list("id", "application_id", "activity_id", "state", "dropped_at",
                                "history_type", "history_date"))
    latest, index = {}, 0  # commitment id -> its last historical row up to the year's end
    for year in range(first, this_year):
        end, last_day = _year_end(year), date(year, 12, 31)
        while index < len(history) and history[index][6] < end:
            latest[history[index][0]] = history[index]
            index += 1
        members = {nis for nis, since, ended_on in memberships
                   if since <= last_day and (ended_on is None or ended_on > last_day)}
        current = {}
        for pk, nis, decided_at in applications:
            if decided_at < end and nis in members:
                current[nis] = pk
        chosen = set(current.values())
        commitments = [(activity_id, state) for (_pk, application_id, activity_id, state,
                                                 dropped_at, kind, _at) in latest.values()
                       if kind != "-" and application_id in chosen
                       and (dropped_at is None or dropped_at >= end)]
        result.append({"year": year, "is_current": False,
                       "rows": _state_counts(activities, commitments)})
    result.sort(key=lambda item: -item["year"])
    return result


def network_figures(*, now: datetime | None = None) -> dict:
    """Members, commitments per activity (and their state, now and at the end of each year),
    reception places committed and realised."""
    members = Municipality.objects.members()
    rows = member_rows()
    activities = list(charter_activities())
    per_activity = []
    for activity in activities:
        count = sum(1 for row in rows if activity.pk in row.by_activity)
        per_activity.append({"activity": activity, "count": count})
    committed = sum(
        commitment.target_number or 0
        for row in rows for commitment in row.by_activity.values()
        if commitment.activity.counts_reception_places)
    # Each member's latest report, in one query.
    realised, seen = 0, set()
    for report in (YearlyReport.objects.filter(municipality__in=members)
                   .order_by("municipality_id", "-year")):
        if report.municipality_id not in seen:
            seen.add(report.municipality_id)
            realised += report.places_total
    return {
        "members": members.count(),
        "commitments": sum(len(row.by_activity) for row in rows),
        "per_activity": per_activity,
        "places_committed": committed,
        "places_realised": realised,
        "volunteers": YearlyReport.objects.filter(municipality__in=members)
        .aggregate(total=Sum("volunteers_active"))["total"] or 0,
        "states_per_year": states_per_year(activities, rows=rows, now=now),
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


def _member_progress(municipality, *, today: date) -> tuple[datetime | None, int | None]:
    """A member's `last_update` and `report_due_year`, in one query instead of four."""
    year = today.year - 1
    current = (Application.objects
               .filter(municipality=OuterRef(OuterRef("pk")), status=ApplicationStatus.APPROVED)
               .order_by("-decided_at", "-id").values("pk")[:1])
    found = Municipality.objects.filter(pk=municipality.pk).values(
        latest_commitment=Subquery(
            Commitment.objects.filter(application=Subquery(current), dropped_at__isnull=True)
            .values("application").annotate(latest=Max("last_updated")).values("latest")
            .order_by()),
        latest_report=Subquery(
            YearlyReport.objects.filter(municipality=OuterRef("pk"))
            .values("municipality").annotate(latest=Max("submitted_at")).values("latest")
            .order_by()),
        report_filed=Exists(YearlyReport.objects.filter(municipality=OuterRef("pk"),
                                                        year=year))).first() or {}
    moments = [found.get("latest_commitment"), found.get("latest_report")]
    if municipality.member_since:
        moments.append(timezone.make_aware(
            datetime.combine(municipality.member_since, datetime.min.time())))
    moments = [moment for moment in moments if moment]
    due = not (found.get("report_filed")
               or (municipality.member_since and municipality.member_since.year > year))
    return (max(moments) if moments else None), (year if due else None)


def officer_dashboard(municipality, *, now: datetime | None = None) -> dict:
    """What waits for the municipality's officer: its open application, the yearly report due,
    a progress update due (a month before the stale flag), a council term to confirm, the
    contests of its commitments awaiting a reply. One query (whether an application is open,
    the contests), one more to read an open application, two more for a member."""
    now = now or timezone.now()
    is_member = municipality.status == MunicipalityStatus.MEMBER
    latest, report_year = (_member_progress(municipality, today=timezone.localdate(now))
                           if is_member else (None, None))
    found = counts(open_applications=Application.objects.filter(
                       municipality=municipality, status__in=OPEN_APPLICATION_STATUSES),
                   contests=contests_awaiting_reply(municipality))
    return {
        "application": open_application(municipality) if found["open_applications"] else None,
        "contests_awaiting_reply": found["contests"],
        "report_year": report_year,
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
    """Counts for the coordinator's home, in two queries (the counts, the stale members)."""
    found = counts(
        to_review=applications_to_review(),
        recent_reports=recent_reports(now=now),
        overdue=overdue_confirmations(
            today=timezone.localdate(now) if now else None).filter(lapsed_at__isnull=True),
        lapsed=lapsed_confirmations(),
        to_moderate=feedback_to_moderate())
    return {**found, "stale": len(stale_members(now=now))}


# ---------------------------------------------------------------------------------------------
# One commitment's public story (/municipalities/<nis>/commitments/<activity>/)

ACTIVITY_CODE_PATTERN = re.compile(r"[a-z0-9-]{1,40}\Z")


@dataclass
class PublicFeedback:
    """A published confirmation or contest, with only what the public may see: never the
    e-mail address, the name only when its author allowed it."""

    pk: int
    kind: str
    text: str
    public_name: str
    group_name: str
    published_at: datetime
    reply_text: str
    reply_at: datetime | None
    closed_at: datetime | None

    @property
    def is_contest(self) -> bool:
        return self.kind == FeedbackKind.CONTEST


@dataclass
class YearEntry:
    """What the member reported on the commitment for one year, with its figures and
    evidence."""

    pk: int
    year: int
    narrative: str
    submitted_at: datetime
    figure_values: list  # [(CommitmentFigure code, whole number)]
    evidence: list

    @property
    def figures(self) -> list[tuple[str, int]]:
        """(label in the active language, number), in the order of CommitmentFigure."""
        return [(CommitmentFigure(code).label, value) for code, value in self.figure_values]


@dataclass
class RenewalEntry:
    pk: int
    outcome: str
    at: datetime
    term_name: str
    before_action: str
    before_target: str
    evidence: list


@dataclass
class CommitmentStory:
    municipality: Municipality
    commitment: Commitment
    activity: Activity
    application: Application
    term: CouncilTerm | None  # the council term in which it was decided or last reconfirmed
    is_current: bool  # among the commitments of the municipality's latest approved application
    evidence: list  # EvidenceLink of the commitment itself (not of a report or a renewal)
    years: list[YearEntry]
    feedback: list[PublicFeedback]
    renewals: list[RenewalEntry]
    decided_on: date | None  # the council decision: the application's, or else its evidence's
    renewal: "Renewal | None"  # where the member stands with its new council (current ones)

    @property
    def is_former_member(self) -> bool:
        return self.municipality.status == MunicipalityStatus.FORMER_MEMBER

    @property
    def is_dropped(self) -> bool:
        return self.commitment.dropped_at is not None


def activity_by_code_or_number(value: str) -> tuple[Activity | None, bool]:
    """(activity, given by its number) of the current charter for a URL's `<activity>`: its
    code ("reception") or its number 1-10 (digits 0-9 only); (None, False) when unknown."""
    number = parse_int(value, minimum=1, maximum=SMALL_MAX)
    activities = Activity.objects.filter(charter__slug=CHARTER_SLUG)
    if number is not None:
        return activities.filter(number=number).first(), True
    if not ACTIVITY_CODE_PATTERN.match(value or ""):
        return None, False
    return activities.filter(code=value).first(), False


def _figure_values(figures) -> list[tuple[str, int]]:
    if not isinstance(figures, dict):
        return []
    return [(code, figures[code]) for code in CommitmentFigure.values
            if isinstance(figures.get(code), int) and not isinstance(figures.get(code), bool)]


def _target_text(before: dict) -> str:
    if before.get("target"):
        return str(before["target"])
    if before.get("target_number") is None:
        return ""
    return f"{before['target_number']} {before.get('target_unit') or ''}".strip()


def commitment_story(municipality, activity) -> CommitmentStory | None:
    """The whole public story of the municipality's commitment on `activity`: the latest
    approved application that has one (a dropped commitment and a former member's too), its
    decision and council term, evidence, yearly entries, published confirmations and contests
    with the replies, and renewals. None when it never committed to the activity. A constant
    number of queries."""
    commitment = (Commitment.objects
                  .filter(application__municipality=municipality,
                          application__status=ApplicationStatus.APPROVED, activity=activity)
                  .select_related("application", "activity", "term")
                  .order_by("-application__decided_at", "-application_id").first())
    if commitment is None:
        return None
    application = commitment.application
    latest = approved_application(municipality)
    term = commitment.term
    if term is None and application.council_decision_date:
        term = (CouncilTerm.objects.filter(starts_on__lte=application.council_decision_date,
                                           ends_on__gte=application.council_decision_date)
                .order_by("-starts_on").first())
    evidence = list(commitment.evidence.all())
    by_narrative, by_confirmation, own = {}, {}, []
    for item in evidence:
        if item.narrative_id:
            by_narrative.setdefault(item.narrative_id, []).append(item)
        elif item.confirmation_id:
            by_confirmation.setdefault(item.confirmation_id, []).append(item)
        else:
            own.append(item)
    years = [YearEntry(pk=entry.pk, year=entry.report.year, narrative=entry.narrative,
                       submitted_at=entry.report.submitted_at,
                       figure_values=_figure_values(entry.figures),
                       evidence=by_narrative.get(entry.pk, []))
             for entry in commitment.narratives.select_related("report")
             .order_by("-report__year")]
    feedback = [PublicFeedback(**row) for row in (
        CommitmentFeedback.objects.filter(commitment=commitment,
                                          status=FeedbackStatus.PUBLISHED,
                                          published_at__isnull=False)
        .annotate(public_name=Case(When(show_name=True, then=F("name")), default=Value(""),
                                   output_field=CharField()))
        .order_by("-published_at", "-id")
        .values("pk", "kind", "text", "public_name", "group_name", "published_at",
                "reply_text", "reply_at", "closed_at"))]
    renewals = [RenewalEntry(pk=renewal.pk, outcome=renewal.outcome, at=renewal.at,
                             term_name=renewal.confirmation.term.name,
                             before_action=str((renewal.before or {}).get("action") or ""),
                             before_target=_target_text(renewal.before or {}),
                             evidence=by_confirmation.get(renewal.confirmation_id, []))
                for renewal in commitment.renewals.select_related("confirmation__term")
                .order_by("-at", "-id")]
    is_current = (latest is not None and latest.pk == application.pk
                  and commitment.dropped_at is None)
    decisions = [item.decided_on for item in own
                 if item.kind == EvidenceKind.DECISION and item.decided_on]
    return CommitmentStory(
        municipality=municipality, commitment=commitment, activity=commitment.activity,
        application=application, term=term, is_current=is_current,
        evidence=own, years=years, feedback=feedback, renewals=renewals,
        decided_on=application.council_decision_date or (min(decisions) if decisions else None),
        renewal=renewal(municipality) if is_current else None)


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
    """Texts on the municipality's current commitments (its approved application's, as
    `approved_application` picks it, read in the same query)."""
    current = (Application.objects.filter(municipality=municipality,
                                          status=ApplicationStatus.APPROVED)
               .order_by("-decided_at", "-id").values("pk")[:1])
    return queryset.filter(commitment__application=Subquery(current))


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
