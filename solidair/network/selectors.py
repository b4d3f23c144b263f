"""Reads shared by the pages and the API."""

from typing import TypedDict

from django.db.models import CharField, Count, OuterRef, Prefetch, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from solidair.core.activities import ActivityCatalogue, activity_catalogue
from solidair.core.fragments import cached_fragment
from solidair.core.templatetags.content_language import content_language_label
from solidair.network.models import (
    CONTENT_LANGUAGES,
    Brochure,
    GoodPractice,
    Meeting,
    PracticeActivity,
    PracticeTranslation,
    Recommendation,
    Registration,
)
from solidair.network.search import filter_text
from solidair.places.models import name_in_language

# The languages a practice may be written or translated in.
TRANSLATABLE = frozenset(code for code, _name in CONTENT_LANGUAGES)
# Stands for a practice's number in its address, reversed once per page.
URL_MARKER = 987654321


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


class PracticeCard(TypedDict):
    """What one card of the practice list shows, ready to print."""

    url: str
    title: str  # in the page's language when translated, else as written
    language: str  # the title's language (its `lang`)
    language_label: str  # " (in het Frans)" when not the page's language (HTML), else ""
    municipality: str  # the name in the page's language, as `Municipality.name` gives it
    year: int
    activities: list[str]  # the charter's titles of its activities, in number order


CARD_FIELDS = ("pk", "language", "title", "year", "municipality__name_nl",
               "municipality__name_fr", "municipality__name_de", "municipality__region_id")


def practice_cards(practices):
    """`practices` as rows of what the list's cards read (title, language, year, the
    municipality's names and the title translated into the active language, if it is), for a
    Paginator: no model instances, no prefetching. A page of rows becomes its cards with
    `cards_of`."""
    language = (get_language() or "nl")[:2]
    translated = (Subquery(PracticeTranslation.objects.filter(
        practice=OuterRef("pk"), language=language).order_by().values("title")[:1])
        if language in TRANSLATABLE else Value(None, output_field=CharField()))  # German
    return (practices.select_related(None).prefetch_related(None)
            .values(*CARD_FIELDS, translated_title=translated))


def cards_of(rows, *, catalogue: ActivityCatalogue) -> list[PracticeCard]:
    """The cards of a page of `practice_cards` rows, in the active language: one query
    (their activities) whatever the number."""
    rows = list(rows)
    if not rows:
        return []
    page_language = get_language() or "nl"
    language = page_language[:2]
    pks = [row["pk"] for row in rows]
    activities = {pk: [] for pk in pks}
    for pk, number in (PracticeActivity.objects.filter(practice_id__in=pks)
                       .order_by("activity").values_list("practice_id", "activity")):
        activities[pk].append(number)
    titles = {activity.number: activity.title for activity in catalogue}
    # One reverse for the page: every card's address differs only by the practice's number.
    before, _number, after = reverse("network:practice", args=[URL_MARKER]).rpartition(
        str(URL_MARKER))
    labels = {}
    cards: list[PracticeCard] = []
    for row in rows:
        pk = row["pk"]
        if row["language"] != language and row["translated_title"] is not None:
            title, shown = row["translated_title"], language
        else:
            title, shown = row["title"], row["language"]
        if shown not in labels:
            labels[shown] = content_language_label(shown)
        cards.append({
            "url": f"{before}{pk}{after}", "title": title, "language": shown,
            "language_label": labels[shown],
            "municipality": name_in_language(
                page_language, name_nl=row["municipality__name_nl"],
                name_fr=row["municipality__name_fr"], name_de=row["municipality__name_de"],
                region_id=row["municipality__region_id"]),
            "year": row["year"],
            "activities": [titles[number] for number in activities[pk] if number in titles]})
    return cards


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
