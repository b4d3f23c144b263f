"""Writes to places. Other apps change a municipality's status only through these functions."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from solidair.core.audit import audit_record
from solidair.core.pagecache import invalidate, topics_for_instance
from solidair.places.models import Municipality, MunicipalityStatus, StatusChange


def _invalidate_pages_of(municipality: Municipality) -> None:
    """update() sends no signal to the page cache: empty what a save would have emptied."""
    topics = topics_for_instance(municipality)
    invalidate(*topics)
    transaction.on_commit(lambda: invalidate(*topics))


@transaction.atomic
def municipality_set_status(*, municipality: Municipality, status: str, reason: str = "",
                            by=None, at: datetime | None = None,
                            member_since: date | None = None,
                            joined_as: str | None = None) -> StatusChange | None:
    """Move a municipality to `status`, recording the change. Returns None when nothing changed:
    a municipality already in `status` keeps its history, its `status_since` and its facts
    (to correct the date or name of a membership, use `municipality_set_membership`).

    Becoming a member sets `member_since` (today unless given); `joined_as` records the name
    under which it joined (before a merger). A former member keeps its `member_since`.
    """
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if municipality.status == status:
        return None
    at = at or timezone.now()
    change = StatusChange.objects.create(
        municipality=municipality, from_status=municipality.status, to_status=status,
        changed_at=at, reason=reason, changed_by=by,
    )
    municipality.status = status
    municipality.status_since = at
    if status == MunicipalityStatus.MEMBER:
        municipality.member_since = member_since or municipality.member_since or at.date()
        municipality.joined_as = joined_as if joined_as is not None else (
            municipality.joined_as or municipality.name_nl)
    municipality.save(update_fields=["status", "status_since", "member_since", "joined_as"])
    if by is not None:
        audit_record(actor=by, action="municipality.set_status", obj=municipality,
                     municipality=municipality, before={"status": change.from_status},
                     after={"status": status, "reason": reason})
    return change


@transaction.atomic
def municipality_set_membership(*, municipality: Municipality, member_since: date | None,
                                joined_as: str, by=None) -> bool:
    """Correct when and under which name a member joined (e.g. a founding member's date,
    recorded later). Not a status change: no history line. Returns whether anything changed."""
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if municipality.status != MunicipalityStatus.MEMBER:
        raise ValueError("Only a member has a date of joining.")
    before = {"member_since": municipality.member_since, "joined_as": municipality.joined_as}
    if before == {"member_since": member_since, "joined_as": joined_as}:
        return False
    Municipality.objects.filter(pk=municipality.pk).update(member_since=member_since,
                                                           joined_as=joined_as)
    _invalidate_pages_of(municipality)
    if by is not None:
        audit_record(actor=by, action="municipality.set_membership", obj=municipality,
                     municipality=municipality,
                     before={key: str(value or "") for key, value in before.items()},
                     after={"member_since": str(member_since or ""), "joined_as": joined_as})
    return True


@transaction.atomic
def municipality_set_city_title(*, municipality: Municipality, is_city: bool, by) -> None:
    """A coordinator's correction of the city title; the reference data loader keeps it."""
    before = municipality.is_city
    Municipality.objects.filter(pk=municipality.pk).update(is_city=is_city,
                                                           is_city_overridden=True)
    municipality.is_city, municipality.is_city_overridden = is_city, True
    _invalidate_pages_of(municipality)
    if by is not None and before != is_city:
        audit_record(actor=by, action="municipality.set_city_title", obj=municipality,
                     municipality=municipality, before={"is_city": before},
                     after={"is_city": is_city})
