"""Reads shared by the pages and the API."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from solidair.core.activities import ActivityCatalogue, activity_catalogue
from solidair.core.fragments import cached_fragment
from solidair.network.models import (
    Brochure,
    GoodPractice,
    Meeting,
    PracticeTranslation,
    Recommendation,
    Registration,
)
from solidair.network.search import filter_text


def upcoming_meetings():
    return Meeting.objects.filter(ends_at__gte=timezone.now()).order_by("starts_at")


def past_meetings():
    published = Brochure.objects.filter(published_at__isnull=False).order_by("-version")
    return (Meeting.objects.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
            .select_related("host_municipality")
            .prefetch_related(Prefetch("brochures", queryset=published,
                                       to_attr="published_brochures"))
            .annotate(recommendation_count=Count("recommendations", distinct=True)))


def meeting_seats(meeting: Meeting) -> dict:
    counts = dict(meeting.registrations.values_list("status").annotate(n=Count("id")))
    taken = counts.get(Registration.Status.REGISTERED, 0)
    return {"taken": taken, "free": max(meeting.capacity - taken, 0),
            "waiting": counts.get(Registration.Status.WAITING, 0)}


def latest_published_brochure(meeting: Meeting) -> Brochure | None:
    return (meeting.brochures.filter(published_at__isnull=False)
            .order_by("-version").first())


def published_practices():
    return (GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
            .select_related("municipality__province", "municipality__region")
            .prefetch_related("activities", "translations"))


def practice_cards(practices):
    """`practices` with only what the list's cards show (title in each language, municipality,
    year, activities): not every practice's full texts and its municipality's whole row."""
    return (practices.select_related(None).select_related("municipality")
            .only("pk", "language", "title", "year", "published_at", "municipality__nis",
                  "municipality__name_nl", "municipality__name_fr", "municipality__name_de",
                  "municipality__region_id")
            .prefetch_related(None).prefetch_related("activities", Prefetch(
                "translations",
                PracticeTranslation.objects.only("pk", "practice_id", "language", "title"))))


def with_charter_activities(practices, *, catalogue: ActivityCatalogue | None = None) -> list:
    """The practices, each given `charter_activities`: the charter's activities it serves, as
    the charter names them today (one query for the catalogue, whatever the number)."""
    catalogue = catalogue or activity_catalogue()
    practices = list(practices)
    for practice in practices:
        practice.charter_activities = catalogue.of(practice.activity_codes)
    return practices


def search_practices(*, q: str = "", activity: int | None = None, province: str = "",
                     region: str = "", year: int | None = None, meeting: int | None = None):
    """Published practices matching the text (accents and case ignored) and the filters."""
    practices = filter_text(published_practices(), q)
    filters = Q()
    if activity:
        filters &= Q(activities__activity=activity)
    if province:
        filters &= Q(municipality__province_id=province)
    if region:
        filters &= Q(municipality__region_id=region)
    if year:
        filters &= Q(year=year)
    if meeting:
        filters &= Q(meeting_id=meeting)
    return practices.filter(filters).order_by("-published_at", "-id")


def practice_years() -> list[int]:
    """The years with published practices, once per version of the public data."""
    return cached_fragment("network:years", topics=("public", "practices"), build=lambda: list(
        GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
        .order_by("-year").values_list("year", flat=True).distinct()))


def recommendations(*, level: str = "", addressee: int | None = None):
    items = Recommendation.objects.select_related("addressee", "meeting").prefetch_related(
        "events")
    if level:
        items = items.filter(level=level)
    if addressee:
        items = items.filter(addressee_id=addressee)
    return items.order_by("-meeting__starts_at", "level", "id")


def municipality_participation(municipality) -> dict:
    """Meetings its officers attended and its published practices, for its public profile."""
    attended = (Meeting.objects.filter(
        registrations__attended=True,
        registrations__user__officer_assignments__municipality=municipality)
        .distinct().order_by("-starts_at"))
    # Listed by title (`shown`): only the titles are read, not every practice's full texts.
    practices = (GoodPractice.objects.filter(municipality=municipality,
                                             status=GoodPractice.Status.PUBLISHED)
                 .only("pk", "language", "title", "published_at")
                 .prefetch_related(Prefetch(
                     "translations",
                     PracticeTranslation.objects.only("pk", "practice_id", "language", "title")))
                 .order_by("-published_at"))
    return {"meetings": list(attended), "practices": list(practices)}


# Dashboards (the `officer_tasks` and `coordinator_tasks` hooks) -----------------------------

DASHBOARD_MEETINGS = 3


def officer_dashboard(municipality) -> dict:
    """The municipality's practices that wait for its officer, in one query."""
    return GoodPractice.objects.filter(municipality=municipality).aggregate(
        changes_requested=Count("pk", filter=Q(status=GoodPractice.Status.CHANGES_REQUESTED)),
        drafts=Count("pk", filter=Q(status=GoodPractice.Status.DRAFT)))


def coordinator_dashboard() -> dict:
    """Practices to review and the next meetings with their registrations, in two queries."""
    meetings = upcoming_meetings().annotate(
        registered=Count("registrations",
                         filter=Q(registrations__status=Registration.Status.REGISTERED)),
        waiting=Count("registrations",
                      filter=Q(registrations__status=Registration.Status.WAITING)))
    return {"to_review": GoodPractice.objects.filter(
                status=GoodPractice.Status.SUBMITTED).count(),
            "meetings": list(meetings[:DASHBOARD_MEETINGS])}
