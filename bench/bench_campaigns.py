"""Confirmed co-signatures per second on PostgreSQL under concurrent load.

Processes (like app server workers) call the real services, `signature_submit` then
`signature_confirm`, as the form and the confirmation link do (outbox row and task row included:
production settings queue mail in the database). The baseline, measured in the same run with
the same processes, is a bare ORM INSERT of the same row. At the end the confirmed rows in the
database must equal the submissions.

DATABASE_URL selects the database (default: the campaigns helper's PostgreSQL database).
"""

import multiprocessing
import os
import time
from contextlib import contextmanager
from types import SimpleNamespace

from bench.common import Result, setup_django

WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
PER_WORKER = int(os.environ.get("BENCH_SIGNATURES_PER_WORKER", "250"))
TARGET_PER_SECOND = 200
BENCH_NIS = "99990"


def _worker(work, index, barrier, errors, durable):
    """One process, like one app server worker: its own interpreter and database connection."""
    from django.db import connection, connections

    try:
        if not durable:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
        barrier.wait()
        work(index)
    except Exception as error:  # noqa: BLE001 - reported to the parent
        errors.put(repr(error))
    finally:
        connections.close_all()


def _in_processes(work, *, durable: bool) -> float:
    """Run work(index) in WORKERS forked processes started together; returns the wall time."""
    from django.db import connections

    context = multiprocessing.get_context("fork")
    barrier, errors = context.Barrier(WORKERS + 1), context.Queue()
    connections.close_all()  # children open their own connections
    processes = [context.Process(target=_worker, args=(work, i, barrier, errors, durable))
                 for i in range(WORKERS)]
    for process in processes:
        process.start()
    barrier.wait()
    start = time.perf_counter()
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - start
    if not errors.empty():
        raise RuntimeError(errors.get())
    return elapsed


@contextmanager
def _recorded_tokens():
    """The confirmation token goes into an e-mail; the benchmark reads it as it is made."""
    from solidair.campaigns import tokens

    made = SimpleNamespace(last=None)
    original = tokens.new_confirmation_token

    def recording():
        made.last = original()
        return made.last

    tokens.new_confirmation_token = recording
    try:
        yield made
    finally:
        tokens.new_confirmation_token = original


def _bench_municipality():
    from solidair.places.models import Municipality, MunicipalityStatus
    from solidair.places.testing import make_municipality

    Municipality.objects.filter(nis=BENCH_NIS).delete()
    return make_municipality(BENCH_NIS, "Benchdorp", "Benchville", postal_codes=("9999",),
                             status=MunicipalityStatus.NOT_ENGAGED)


def _cleanup(municipality, mail_floor: int, started_at) -> None:
    from django_tasks_db.models import DBTaskResult

    from solidair.core.models import OutgoingMail

    OutgoingMail.objects.filter(pk__gt=mail_floor).delete()
    DBTaskResult.objects.filter(enqueued_at__gte=started_at).delete()
    municipality.delete()


def _signatures_per_second(municipality, *, durable: bool) -> tuple[float, int]:
    from solidair.campaigns import services

    def work(index):
        with _recorded_tokens() as made:
            for n in range(PER_WORKER):
                services.signature_submit(
                    municipality=municipality, name=f"Bench Signer {index}-{n}",
                    email=f"signer-{index}-{n}@bench.example", postal_code="9999",
                    message="Ik vraag het ook.", consent=True)
                services.signature_confirm(token=made.last[0],
                                           source_ip=f"10.9.{index}.{n % 250}")

    return WORKERS * PER_WORKER / _in_processes(work, durable=durable), WORKERS * PER_WORKER


def _bare_inserts_per_second(municipality, *, durable: bool) -> float:
    from django.db import transaction
    from django.utils import timezone

    from solidair.campaigns.models import Signature, SignatureStatus

    def work(index):
        for n in range(PER_WORKER):
            email = f"bare-{index}-{n}@bench.example"
            with transaction.atomic():
                Signature.objects.create(
                    municipality=municipality, name=f"Bench Signer {index}-{n}", email=email,
                    email_normalized=email, postal_code="9999", message="Ik vraag het ook.",
                    consent_text="-", consent_version="bench", management_key="bench",
                    status=SignatureStatus.CONFIRMED, confirmed_at=timezone.now())

    return WORKERS * PER_WORKER / _in_processes(work, durable=durable)


def run() -> list[Result]:
    os.environ.setdefault("DATABASE_URL",
                          "postgres://postgres@127.0.0.1:5432/solidair_campaigns")
    # Production-like: mail is queued in the database for the worker, not sent in the request.
    setup_django("config.settings.base")
    from django.conf import settings
    from django.core.management import call_command

    # The burst on one municipality measures throughput, not abuse: no surge holds it (the
    # workers are forked from here and inherit it).
    settings.CAMPAIGNS_SURGE_FLOOR = 10**9
    from django.db import connection

    if connection.vendor != "postgresql":
        return [Result("campaigns: confirmed signatures/s", 0, "sig/s",
                       note="skipped: needs PostgreSQL (set DATABASE_URL)")]
    call_command("migrate", verbosity=0)
    return [_measure(durable=True), _measure(durable=False)]


def _measure(*, durable: bool) -> Result:
    """Submit+confirm against bare inserts, with the database's commits durable or not.

    The non-durable row (synchronous_commit off, for this benchmark's sessions only) is for
    information: it shows how much of the cost is waiting for the disk to flush each commit.
    """
    from django.utils import timezone

    from solidair.campaigns.models import Signature, SignatureStatus
    from solidair.core.models import OutgoingMail

    mail_floor = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    started_at = timezone.now()
    municipality = _bench_municipality()
    try:
        rate, submitted = _signatures_per_second(municipality, durable=durable)
        confirmed = Signature.objects.filter(municipality=municipality,
                                             status=SignatureStatus.CONFIRMED).count()
        lost = submitted - confirmed
        Signature.objects.filter(municipality=municipality).delete()
        baseline = _bare_inserts_per_second(municipality, durable=durable)
    finally:
        _cleanup(municipality, mail_floor, started_at)
    note = f"{WORKERS} processes, {submitted} submitted, {lost} lost; baseline: bare ORM INSERT"
    if durable:
        return Result("campaigns: submit+confirm signatures/s (PostgreSQL)", rate, "sig/s",
                      baseline=baseline, target=f">= {TARGET_PER_SECOND}/s, none lost",
                      ok=rate >= TARGET_PER_SECOND and lost == 0, note=note)
    return Result("campaigns: same, synchronous_commit off (info)", rate, "sig/s",
                  baseline=baseline, target="none lost", ok=lost == 0, note=note)
