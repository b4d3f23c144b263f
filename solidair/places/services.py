"""Writes to places. Other apps change a municipality's status only through these functions."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from solidair.core.pagecache import invalidate
from solidair.places.models import Municipality, MunicipalityStatus, StatusChange


@transaction.atomic
def municipality_set_status(*, municipality: Municipality, status: str, reason: str = "",
                            by=None, at: datetime | None = None,
                            member_since: date | None = None,
                            joined_as: str | None = None) -> StatusChange | None:
    """Move a municipality to `status`, recording the change. Returns None when nothing changed.

    Becoming a member sets `member_since` (today unless given); `joined_as` records the name
    under which it joined (before a merger). A former member keeps its `member_since`.
    """
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    if municipality.status == status and member_since is None and joined_as is None:
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
        from solidair.accounts.audit import audit_record

        audit_record(actor=by, action="municipality.set_status", obj=municipality,
                     municipality=municipality, before={"status": change.from_status},
                     after={"status": status, "reason": reason})
    return change


@transaction.atomic
def municipality_set_city_title(*, municipality: Municipality, is_city: bool, by) -> None:
    """A coordinator's correction of the city title; the reference data loader keeps it."""
    before = municipality.is_city
    Municipality.objects.filter(pk=municipality.pk).update(is_city=is_city,
                                                           is_city_overridden=True)
    municipality.is_city, municipality.is_city_overridden = is_city, True
    invalidate("public")  # update() sends no signal to the page cache
    if by is not None and before != is_city:
        from solidair.accounts.audit import audit_record

        audit_record(actor=by, action="municipality.set_city_title", obj=municipality,
                     municipality=municipality, before={"is_city": before},
                     after={"is_city": is_city})
