"""Builders for volunteer tests: offers and needs without going through the e-mail flow."""

import secrets
from datetime import timedelta

from django.utils import timezone

from solidair.volunteers.models import VolunteerNeed, VolunteerOffer, pack_codes
from solidair.volunteers.services import CONSENT_VERSION

_counter = iter(range(1, 10**6))


def make_offer(municipality, *, name=None, email=None, roles=("welcome",), availability=(),
               languages=("nl",), confirmed=True, at=None, **fields) -> VolunteerOffer:
    number = next(_counter)
    at = at or timezone.now()
    return VolunteerOffer.objects.create(
        municipality=municipality, name=name or f"Volunteer Person{number}",
        email=email or f"volunteer{number}@example.org",
        postal_code=municipality.postal_codes.first().code, roles=pack_codes(roles),
        availability=pack_codes(availability), languages=pack_codes(languages),
        consent_version=CONSENT_VERSION, consent_text="I agree", consented_at=at, created_at=at,
        confirmed_at=at if confirmed else None, last_activity_at=at,
        access_key=secrets.token_urlsafe(32), **fields)


def make_need(municipality, *, roles=("language_buddy",), until=None, **fields) -> VolunteerNeed:
    return VolunteerNeed.objects.create(
        municipality=municipality, title=fields.pop("title", "Taalbuddy's voor het LOI"),
        description=fields.pop("description", "Vijf taalbuddy's, 's avonds."),
        roles=pack_codes(roles), wanted=fields.pop("wanted", 5),
        until=until or timezone.localdate() + timedelta(days=30), **fields)
