"""Seeding a large data set for the benchmarks, app by app.

`seed(scale=1.0)` loads the 565 municipalities (the places reference data when its command is
there, synthetic ones otherwise), then calls each of APP_SEEDS below with the sizes it should
reach (see SIZES; scaled down by `scale` for a quick run). Each is idempotent: it tops up to the
size, never duplicates. The benchmark data lives here, not in the apps: bench/ may import any
app, no app imports bench/ (it is not packaged; `lint-imports` checks it).
"""

import sys
from datetime import timedelta

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
    sizes = scaled_sizes(scale)
    seed_municipalities(sizes["municipalities"], stdout)
    for seed_app in APP_SEEDS:
        seed_app(sizes=sizes, stdout=stdout)
    return sizes


# Helpers for the apps' seeds -----------------------------------------------------------------


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


# The apps' benchmark data ---------------------------------------------------------------------

BENCH_MESSAGES = ["", "Solidariteit begint in onze eigen gemeente.", "",
                  "Notre commune peut accueillir davantage, et mieux."]


def seed_campaigns(*, sizes: dict, stdout) -> None:
    """Tops the confirmed benchmark co-signatures up to `sizes["confirmed_signatures"]`,
    spread unevenly over the municipalities. Marked `consent_version="bench"`, `is_demo`."""
    from django.utils import timezone

    from solidair.campaigns.models import Signature, SignatureStatus

    target = sizes["confirmed_signatures"]
    have = Signature.objects.filter(consent_version="bench").count()
    municipalities = bench_municipalities()
    if have >= target or not municipalities:
        stdout.write(f"campaigns: {have} bench co-signatures already\n")
        return
    now = timezone.now()
    fields = ["municipality_id", "name", "email", "email_normalized", "postal_code", "phone",
              "message", "wants_to_volunteer", "show_name_publicly", "share_email_with_council",
              "consent_text", "consent_version", "language", "status", "management_key",
              "source_hash", "created_at", "confirmed_at", "is_demo"]

    def rows():
        for n in range(have, target):
            nis, postal_code = municipalities[spread(n, len(municipalities))]
            email = f"bench-{n}@bench.invalid"
            signed_at = now - timedelta(minutes=n % 500_000)
            yield (nis, f"Bench Signer {n}", email, email, postal_code, "",
                   BENCH_MESSAGES[n % len(BENCH_MESSAGES)], n % 7 == 0, n % 3 == 0, n % 5 == 0,
                   "bench", "bench", "fr" if n % 3 == 2 else "nl", SignatureStatus.CONFIRMED.value,
                   "bench", "", signed_at, signed_at, True)

    written = bulk_insert(Signature, fields, rows())
    stdout.write(f"campaigns: {written} bench co-signatures added ({target} in all)\n")


def seed_network(*, sizes: dict, stdout) -> None:
    """Tops the published benchmark good practices up to `sizes["good_practices"]`, spread
    unevenly over the municipalities, each with two charter activities. Marked `is_demo` with
    the contact "bench"."""
    from django.utils import timezone

    from solidair.network.demo import DEMO_PRACTICES
    from solidair.network.models import GoodPractice, PracticeActivity
    from solidair.network.search import normalise

    target = sizes["good_practices"]
    bench = GoodPractice.objects.filter(is_demo=True, contact="bench")
    have = bench.count()
    municipalities = bench_municipalities()
    if have >= target or not municipalities:
        stdout.write(f"network: {have} bench good practices already\n")
        return
    now = timezone.now()
    fields = ["municipality_id", "language", "contact", "status", "published_at", "year",
              "search_text", "is_demo", "created_at", "updated_at", *GoodPractice.TEXT_FIELDS]

    def rows():
        for n in range(have, target):
            nis = municipalities[spread(n, len(municipalities))][0]
            _nis, language, _activities, texts = DEMO_PRACTICES[n % len(DEMO_PRACTICES)]
            texts = {**texts, "title": f"{texts['title']} ({n})"}
            published_at = now - timedelta(hours=n)
            yield (nis, language, "bench", GoodPractice.Status.PUBLISHED.value, published_at,
                   published_at.year, normalise(" ".join(texts.values())), True, published_at,
                   published_at, *(texts.get(name, "") for name in GoodPractice.TEXT_FIELDS))

    written = bulk_insert(GoodPractice, fields, rows())
    # A list, not a cursor: the connection is busy with COPY while the rows are generated.
    without = list(bench.filter(activities__isnull=True).values_list("pk", flat=True))
    bulk_insert(PracticeActivity, ["practice_id", "activity"],
                ((pk, activity) for pk in without for activity in (pk % 10 + 1,
                                                                   (pk + 3) % 10 + 1)))
    stdout.write(f"network: {written} bench good practices added ({target} in all)\n")


def seed_volunteers(*, sizes: dict, stdout) -> None:
    """Tops the confirmed benchmark volunteer offers up to `sizes["volunteer_offers"]`, spread
    unevenly over the municipalities. Marked `consent_version="bench"`, `is_demo`."""
    from django.utils import timezone

    from solidair.volunteers.demo import DEMO_VOLUNTEERS
    from solidair.volunteers.models import VolunteerOffer, pack_codes

    target = sizes["volunteer_offers"]
    have = VolunteerOffer.objects.filter(consent_version="bench").count()
    municipalities = bench_municipalities()
    if have >= target or not municipalities:
        stdout.write(f"volunteers: {have} bench offers already\n")
        return
    now = timezone.now()
    fields = ["municipality_id", "name", "email", "postal_code", "roles", "availability",
              "languages", "share_contact", "consent_version", "consent_text", "consented_at",
              "language", "status", "access_key", "created_at", "confirmed_at",
              "last_activity_at", "paused_by_volunteer", "is_demo"]

    def rows():
        for n in range(have, target):
            nis, postal_code = municipalities[spread(n, len(municipalities))]
            _name, roles, availability, languages = DEMO_VOLUNTEERS[n % len(DEMO_VOLUNTEERS)]
            at = now - timedelta(minutes=n % 200_000)
            yield (nis, f"Bench Volunteer {n}", f"bench-{n}@bench.invalid", postal_code,
                   pack_codes(roles), pack_codes(availability), pack_codes(languages),
                   n % 2 == 0, "bench", "bench", at, "nl", "new", f"bench{n}", at, at, at,
                   n % 10 == 0, True)

    written = bulk_insert(VolunteerOffer, fields, rows())
    stdout.write(f"volunteers: {written} bench offers added ({target} in all)\n")


# In the order of settings.SOLIDAIR_APPS, as the hooks they replace ran.
APP_SEEDS = (seed_campaigns, seed_network, seed_volunteers)
