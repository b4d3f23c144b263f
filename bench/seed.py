"""Seeding a large data set for the benchmarks, app by app.

`seed(scale=1.0)` loads the 565 municipalities (the places reference data when its command is
there, synthetic ones otherwise), then calls each app's `seed_bench(*, sizes, stdout)` hook from
its `extensions.py` with the sizes it should reach (see SIZES; scaled down by `scale` for a quick
run). Hooks must be idempotent: they top up to the size, never duplicate.
"""

import sys

SIZES = {
    "municipalities": 565,
    "confirmed_signatures": 1_000_000,
    "volunteer_offers": 100_000,
    "good_practices": 5_000,
}


def scaled_sizes(scale: float) -> dict:
    return {name: max(1, int(size * scale)) if name != "municipalities" else size
            for name, size in SIZES.items()}


def seed_municipalities(count: int, stdout=sys.stderr) -> None:
    from django.core.management import call_command, get_commands

    from solidair.places.models import Municipality

    if "load_reference_data" in get_commands():
        call_command("load_reference_data", stdout=stdout)
        return
    from solidair.places.testing import make_municipality, make_region

    make_region()
    for number in range(Municipality.objects.count(), count):
        make_municipality(f"9{number:04d}", f"Gemeente {number}", f"Commune {number}",
                          postal_codes=(f"{1000 + number}",))


def seed(*, scale: float = 1.0, stdout=sys.stderr) -> dict:
    from solidair.core.extensions import hooks

    sizes = scaled_sizes(scale)
    seed_municipalities(sizes["municipalities"], stdout)
    for seed_app in hooks("seed_bench"):
        seed_app(sizes=sizes, stdout=stdout)
    return sizes
