"""Small builders for tests of every app: a municipality without loading all 565."""

from solidair.places.models import FLEMISH_REGION, Municipality, PostalCode, Province, Region
from solidair.places.text import build_search_text


def make_region(code=FLEMISH_REGION, nl="Vlaams Gewest", fr="Région flamande") -> Region:
    return Region.objects.get_or_create(code=code, defaults={"name_nl": nl, "name_fr": fr})[0]


def make_municipality(nis="44021", nl="Gent", fr="Gand", *, postal_codes=("9000",),
                      province_code="40000", region_code=FLEMISH_REGION, is_city=False,
                      **fields) -> Municipality:
    region = make_region(region_code)
    province = None
    if province_code:
        province = Province.objects.get_or_create(
            code=province_code,
            defaults={"name_nl": f"Provincie {province_code}",
                      "name_fr": f"Province {province_code}", "region": region})[0]
    municipality, _ = Municipality.objects.update_or_create(
        nis=nis, defaults={"name_nl": nl, "name_fr": fr, "region": region, "province": province,
                           "is_city": is_city, "search_text": build_search_text([nl, fr]),
                           **fields})
    for code in postal_codes:
        PostalCode.objects.get_or_create(code=code, municipality=municipality)
    return municipality
