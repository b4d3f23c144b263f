"""The fifteen members named in the residents' letter, by their REFNIS code before 2025."""

from datetime import date

from solidair.charter import services
from solidair.places.models import LegacyMunicipality

FOUNDING_MEMBERS = [
    ("44021", "Gent"), ("24062", "Leuven"), ("31005", "Brugge"), ("38025", "Veurne"),
    ("12007", "Bornem"), ("36011", "Lichtervelde"), ("23027", "Halle"), ("71016", "Genk"),
    ("71057", "Tessenderlo"), ("23088", "Vilvoorde"), ("44083", "Deinze"), ("11021", "Hove"),
    ("11056", "Zwijndrecht"), ("44043", "Merelbeke"), ("12041", "Puurs-Sint-Amands"),
]


def record_founding_members(*, since: date, by=None, is_demo: bool = False) -> list:
    """Record each founding member on the municipality of today (merged ones inherit it).

    Needs the reference data (`load_reference_data`); unknown codes are skipped and returned.
    """
    missing = []
    for legacy_nis, name in FOUNDING_MEMBERS:
        legacy = LegacyMunicipality.objects.filter(nis=legacy_nis).select_related(
            "successor").first()
        if legacy is None:
            missing.append(name)
            continue
        services.membership_record(legacy=legacy, since=since, by=by, is_founding=True,
                                   is_demo=is_demo)
    return missing
