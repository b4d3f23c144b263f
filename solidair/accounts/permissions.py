"""Who may see and do what: the one module every view and API endpoint asks.

Rules: coordinators see the whole network; an officer sees and edits only their municipalities;
staff are site administrators. Asking for another municipality's private data gives 404.
"""

from django.http import Http404

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


def is_officer_of(user, municipality) -> bool:
    return officer_municipalities(user).filter(pk=municipality.pk).exists()


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
