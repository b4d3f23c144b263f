"""Who may see and do what: the one module every view and API endpoint asks.

Rules: coordinators see the whole network; an officer sees and edits only their municipalities;
staff are site administrators. Asking for another municipality's private data gives 404.
"""

from django.http import Http404

from solidair.accounts.models import OFFICER_NIS_CACHE
from solidair.places.models import Municipality


def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_coordinator or user.is_superuser))


def officer_municipalities(user):
    """The municipalities this user acts for (none for anonymous users)."""
    if not (user and user.is_authenticated and user.is_active):
        return Municipality.objects.none()
    return Municipality.objects.filter(officer_assignments__user=user)


def municipality_officers(municipality):
    """The active people who act for this municipality (to tell them of changes to its official
    data, such as the council's address)."""
    from solidair.accounts.models import User

    return User.objects.filter(officer_assignments__municipality=municipality,
                               is_active=True).order_by("email")


def editable_municipalities(user):
    """Every municipality for a coordinator, the officer's own otherwise (for lists and forms)."""
    if is_coordinator(user):
        return Municipality.objects.all()
    return officer_municipalities(user)


# The user's officer municipalities (their NIS codes), read once per user object: a request's
# user is loaded afresh for every request, so this lasts one request; the pages that ask several
# times (the officer's home asks once per app) make one query instead of one per question.
# Like Django's own permission cache; `forget_officer_municipalities` empties it after a change.
_OFFICER_NIS = OFFICER_NIS_CACHE


def officer_nis(user) -> frozenset[str]:
    """The NIS codes of the municipalities this user acts for, kept on the user object."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    found = getattr(user, _OFFICER_NIS, None)
    if found is None:
        found = frozenset(officer_municipalities(user).values_list("nis", flat=True))
        setattr(user, _OFFICER_NIS, found)
    return found


def officer_municipality_list(user) -> list[Municipality]:
    """The municipalities this user acts for, by Dutch name, as a list (one query; it also
    answers `officer_nis` for the rest of the request)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    municipalities = list(officer_municipalities(user).order_by("name_nl"))
    setattr(user, _OFFICER_NIS, frozenset(m.pk for m in municipalities))
    return municipalities


def forget_officer_municipalities(user) -> None:
    """After an officer assignment of `user` is added or removed."""
    if user is not None:
        user.__dict__.pop(_OFFICER_NIS, None)


def is_officer_of(user, municipality) -> bool:
    return municipality.pk in officer_nis(user)


def can_edit(user, municipality) -> bool:
    """May change what belongs to this municipality (its application, reports, needs)."""
    return is_coordinator(user) or is_officer_of(user, municipality)


def can_see_personal_data(user, municipality) -> bool:
    """Names and addresses of residents and volunteers: only the municipality's own officers."""
    return is_officer_of(user, municipality)


def municipality_for_officer_or_404(user, nis: str) -> Municipality:
    """The municipality if `user` acts for it; 404 otherwise, so nothing leaks."""
    try:
        return officer_municipalities(user).get(nis=nis)
    except Municipality.DoesNotExist:
        raise Http404 from None


def municipality_for_editor_or_404(user, nis: str) -> Municipality:
    """The municipality if `user` may edit it (its officer or a coordinator); 404 otherwise."""
    municipality = Municipality.objects.filter(nis=nis).first()
    if municipality is None or not can_edit(user, municipality):
        raise Http404
    return municipality


def require_coordinator(user) -> None:
    """404 (not 403) for everyone else: the back office does not say what exists."""
    if not is_coordinator(user):
        raise Http404
