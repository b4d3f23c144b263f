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


# Helpers for the apps' seed_bench hooks ------------------------------------------------------


def bulk_insert(model, fields: list[str], rows, *, batch_size: int = 5_000) -> int:
    """Insert `rows` (tuples in the order of `fields`, attnames such as "municipality_id").

    On PostgreSQL through `COPY ... FROM STDIN` (psycopg), tens of thousands of rows a second;
    elsewhere with `bulk_create` in batches. Skips model save(), signals and history on purpose:
    this is benchmark data. Returns how many rows were written.
    """
    from django.db import connection, transaction

    # Columns left out get the model field's default ("" for blank text), as save() would.
    others = [field for field in model._meta.concrete_fields
              if field.attname not in fields and not field.primary_key]
    fields = [*fields, *(field.attname for field in others)]
    defaults = tuple(field.get_default() for field in others)
    rows = (tuple(row) + defaults for row in rows)
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
        written = 0
        with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        with connection.cursor() as cursor:
            # VACUUM sets the visibility map, so counts can be index-only, as autovacuum would
            # soon after in production. It cannot run in a transaction (a test's, say).
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} {quote(model._meta.db_table)}")
        return written
    written, chunk = 0, []
    for row in rows:
        chunk.append(model(**dict(zip(fields, row, strict=True))))
        if len(chunk) == batch_size:
            written += len(model.objects.bulk_create(chunk))
            chunk = []
    return written + len(model.objects.bulk_create(chunk))


def spread(index: int, count: int) -> int:
    """Which of `count` municipalities the `index`-th row goes to: every one gets some, the
    first ones (a few big cities) far more, as in real life. Deterministic, so seeding twice
    gives the same data."""
    scrambled = (index * 2654435761) % 2**32 / 2**32
    return min(count - 1, int(count * scrambled ** 2))


def bench_municipalities() -> list[tuple[str, str]]:
    """(nis, one of its postal codes) of every municipality with a postal code, by nis."""
    from solidair.places.models import PostalCode

    first = {}
    for nis, code in (PostalCode.objects.order_by("municipality_id", "code")
                      .values_list("municipality_id", "code")):
        first.setdefault(nis, code)
    return sorted(first.items())
