"""Demo statuses for `make run` (manage.py seed_demo): a few municipalities on their way in.

The same rules as real data: each step is a real change (never to the same status), its reason
is translated on every page, and a candidate is one that applied (the charter's demo makes one,
with its application); campaigns' demo gives these municipalities their co-signatures."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_noop

from solidair.places.models import Municipality, MunicipalityStatus
from solidair.places.services import municipality_set_status

# (NIS code, the steps it went through, days ago for the first step)
DEMO_PATHS = [
    ("11002", [MunicipalityStatus.RESIDENTS_ASKING], 40),            # Antwerpen
    ("62063", [MunicipalityStatus.RESIDENTS_ASKING,
               MunicipalityStatus.IN_DIALOGUE], 90),                 # Liège
    ("92094", [MunicipalityStatus.RESIDENTS_ASKING,
               MunicipalityStatus.IN_DIALOGUE], 60),                 # Namur
    ("21004", [MunicipalityStatus.RESIDENTS_ASKING,
               MunicipalityStatus.IN_DIALOGUE], 120),                # Brussel
    ("73111", [MunicipalityStatus.RESIDENTS_ASKING], 15),            # Tongeren-Borgloon
    ("57081", [MunicipalityStatus.RESIDENTS_ASKING], 25),            # Tournai
]
# English message ids, stored as is and shown in the reader's language (see
# StatusChange.reason_display), like the reasons the apps record themselves.
REASONS = {
    MunicipalityStatus.RESIDENTS_ASKING: gettext_noop("Residents sent the letter to the council."),
    MunicipalityStatus.IN_DIALOGUE: gettext_noop(
        "The alderman for social affairs met the local group."),
}


def seed_demo(*, stdout) -> None:
    """Idempotent: a municipality that is no longer 'not engaged' is left alone."""
    now = timezone.now()
    moved = 0
    for nis, steps, days_ago in DEMO_PATHS:
        municipality = Municipality.objects.filter(nis=nis).first()
        if municipality is None or municipality.status != MunicipalityStatus.NOT_ENGAGED:
            continue
        for index, status in enumerate(steps):
            at = now - timedelta(days=days_ago) + timedelta(days=index * days_ago // len(steps))
            municipality_set_status(municipality=municipality, status=status, at=at,
                                    reason=REASONS[status])
        moved += 1
    stdout.write(f"places: {moved} municipalities given a demo status")
