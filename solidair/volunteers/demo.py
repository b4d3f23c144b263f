"""Demo content for `make run`: volunteers and a need for Merelbeke-Melle and Gent. Idempotent.
"""

import secrets
from datetime import timedelta

from django.utils import timezone

from solidair.places.models import Municipality
from solidair.volunteers.models import NeedStatus, VolunteerNeed, VolunteerOffer, pack_codes
from solidair.volunteers.services import CONSENT_VERSION, consent_text

DEMO_VOLUNTEERS = [
    ("Anna Demo", ["welcome", "language_buddy"], ["evenings"], ["nl", "en"]),
    ("Youssef Demo", ["interpreting", "transport"], ["weekends"], ["nl", "ar", "fr"]),
    ("Lotte Demo", ["school", "leisure"], ["weekdays", "evenings"], ["nl"]),
    ("Marc Demo", ["housing", "foster_family"], ["weekends"], ["nl", "fr"]),
]
DEMO_MUNICIPALITIES = {"44088": "9820", "44021": "9000"}


def seed_demo(*, stdout) -> None:
    """Demo volunteers and one need for Merelbeke-Melle and Gent, when they are loaded."""
    now = timezone.now()
    for nis, postal_code in DEMO_MUNICIPALITIES.items():
        municipality = Municipality.objects.filter(nis=nis).first()
        if municipality is None:
            stdout.write(f"volunteers: {nis} not loaded, skipped\n")
            continue
        for number, (name, roles, availability, languages) in enumerate(DEMO_VOLUNTEERS, 1):
            VolunteerOffer.objects.get_or_create(
                email=f"demo-volunteer-{number}-{nis}@example.org", municipality=municipality,
                defaults={
                    "name": name, "postal_code": postal_code, "roles": pack_codes(roles),
                    "availability": pack_codes(availability), "languages": pack_codes(languages),
                    "interpreting_languages": pack_codes(["ar"] if "interpreting" in roles
                                                         else []),
                    "share_contact": number % 2 == 0, "consent_version": CONSENT_VERSION,
                    "consent_text": consent_text(), "consented_at": now, "created_at": now,
                    "confirmed_at": now, "last_activity_at": now,
                    "access_key": secrets.token_urlsafe(32), "is_demo": True,
                })
        VolunteerNeed.objects.get_or_create(
            municipality=municipality, is_demo=True, title="Taalbuddy's voor het nieuwe LOI",
            defaults={"description": "We zoeken vijf taalbuddy's die op weekavonden Nederlands "
                                     "oefenen met de bewoners van ons nieuwe LOI.",
                      "roles": pack_codes(["language_buddy"]), "wanted": 5,
                      "availability": pack_codes(["evenings"]), "status": NeedStatus.OPEN,
                      "until": timezone.localdate() + timedelta(days=60)})
    stdout.write("volunteers: demo offers and needs ready")
