"""Reads shared by pages, the API and the extension hooks. Counts never carry personal data."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from solidair.core.counts import counts
from solidair.places.models import Municipality, PostalCode
from solidair.volunteers.models import (
    NeedResponse,
    NeedStatus,
    OfferStatus,
    Role,
    VolunteerNeed,
    VolunteerOffer,
)


def public_offer_count(municipality) -> int:
    """Confirmed offers the volunteer has not paused: "N residents offered to help"."""
    return VolunteerOffer.objects.counted().filter(municipality=municipality).count()


def municipalities_for_postal_code(code: str):
    return Municipality.objects.filter(
        pk__in=PostalCode.objects.filter(code=code).values("municipality")).order_by("name_nl")


def only_postal_code(nis: str) -> str:
    """The postal code of a municipality that has exactly one, else ""."""
    codes = list(PostalCode.objects.filter(municipality_id=nis).values_list("code", flat=True)[:2])
    return codes[0] if len(codes) == 1 else ""


def officer_offers(municipality, *, role="", language="", availability="", status=""):
    """The confirmed offers the municipality's officer works with, filtered."""
    offers = VolunteerOffer.objects.confirmed().filter(municipality=municipality)
    if role:
        offers = offers.with_role(role)
    if language:
        offers = offers.with_language(language)
    if availability:
        offers = offers.with_availability(availability)
    if status:
        offers = offers.filter(status=status)
    return offers.order_by("name", "pk")


def writable_offers(municipality, pks):
    """The offers an officer may write to: their own municipality's, confirmed, not paused by
    the volunteer."""
    return officer_offers(municipality).filter(pk__in=pks, paused_by_volunteer=False)


def municipality_needs(municipality):
    return (VolunteerNeed.objects.filter(municipality=municipality)
            .annotate(answer_count=Count("responses", distinct=True),
                      notified_count=Count("notifications", distinct=True))
            .order_by("-until", "-pk"))


def need_responses(need):
    return NeedResponse.objects.filter(need=need).select_related("offer").order_by("answered_at")


def open_needs_count(municipality) -> int:
    return VolunteerNeed.objects.open_on(timezone.localdate()).filter(
        municipality=municipality).count()


def counts_per_municipality_and_role() -> list[dict]:
    """For coordinators: per municipality, the counted offers in total and per role (no names).

    One query: a conditional count per role, grouped by municipality.
    """
    role_counts = {role.value: Count("pk", filter=Q(roles__contains=f",{role.value},"))
                   for role in Role}
    rows = (VolunteerOffer.objects.counted()
            .values("municipality", "municipality__name_nl", "municipality__name_fr")
            .annotate(total=Count("pk"), **role_counts)
            .order_by("municipality__name_nl"))
    return [
        {"nis": row["municipality"], "name_nl": row["municipality__name_nl"],
         "name_fr": row["municipality__name_fr"], "total": row["total"],
         "roles": [row[role.value] for role in Role]}
        for row in rows
    ]


# Dashboards (the `officer_tasks` hook) -------------------------------------------------------

NEEDS_CLOSING_DAYS = 14


def officer_dashboard(municipality, *, today=None) -> dict:
    """What waits for the officer, in one query: new offers not yet followed up (the
    volunteer has not paused them), and open needs that close within two weeks."""
    today = today or timezone.localdate()
    return counts(
        new_offers=VolunteerOffer.objects.counted().filter(
            municipality=municipality, status=OfferStatus.NEW),
        needs_closing=VolunteerNeed.objects.filter(
            municipality=municipality, status=NeedStatus.OPEN, until__gte=today,
            until__lte=today + timedelta(days=NEEDS_CLOSING_DAYS)))
