"""Confirmed co-signatures per second with everything a signature costs, and a burst.

Issue 13 made a signature dearer: its address is normalised (`campaigns.addresses`), every
attempt counts against the layered limits in the shared cache (`campaigns.limits`: per address
a burst and a sustained limit, per network, per e-mail address; per municipality the surge
detector at confirmation) and every confirmed signature gets a receipt value in the digest's
fingerprint (`campaigns.receipts`). This benchmark measures them together:

- **Rate.** WORKERS processes (like app server workers) each count an attempt against the
  limits (`services.submission_allowed`, as the form and the API do), submit
  (`signature_submit`) and confirm (`signature_confirm`) a signature, with Gmail addresses
  written with dots and +tags so that normalisation has work to do. Then the receipt values
  and fingerprint of the confirmed batch are computed as `_digest_send` / `digest_seal` would
  (that time is added to the wall time). The baseline, in the same run with the same
  processes, is a bare ORM INSERT of a confirmed row. Reported as the ratio; the aim is at
  least TARGET_PER_SECOND.
- **Burst.** BURST signatures through the same services as fast as the machine allows, while
  the parent reads the public counter (`confirmed_signatures` of the API's municipality
  detail, through the real middleware: the API's answer cache keeps it up to
  PAGE_CACHE_SECONDS, as the page cache keeps the page) once a second. Reported: the burst's
  duration (aim: within a minute), the counter's largest lag behind the database (aim: at most
  60 s; measured per poll, so to within a second), and that every confirmed signature is
  counted once at the end (the counter, read after its cache expired, equals the submissions).

The limits are raised in this benchmark's settings (BENCH_SETTINGS) so that they do not refuse
or hold, but they are still evaluated for every signature. In particular
CAMPAIGNS_SURGE_FLOOR is set very high: otherwise the surge detector holds the burst on one
municipality for review after 30 confirmations in the hour (as it should in production).

The measure runs in a child process on `config.settings.production` with DATABASE_URL
(default: postgres://postgres@127.0.0.1:5432/solidair_bench, which must exist; it is migrated
and only the benchmark's own rows are removed afterwards) and, when reachable, Redis at
BENCH_REDIS_URL (default redis://127.0.0.1:6379/13) so that the limits' counts are shared by the
processes as between app servers. BENCH_SIGNATURE_WORKERS (4), BENCH_SIGNATURES (1000),
BENCH_BURST (3000) change the sizes.
"""

import json
import multiprocessing
import os
import subprocess
import sys
import time

from bench.common import Result

TARGET_PER_SECOND = 200
BURST_SECONDS = 60
COUNTER_LAG_SECONDS = 60
BENCH_NIS = "99991"
MARKER = "BENCH-SIGNATURES "
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/solidair_bench"
UNLIMITED = 10**9
# Limits high enough never to refuse nor hold in the benchmark; every one is still counted.
BENCH_SETTINGS = {
    "CAMPAIGNS_SUBMIT_LIMIT_PER_IP_BURST": (UNLIMITED, 60),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_IP": (UNLIMITED, 3600),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_NETWORK": (UNLIMITED, 3600),
    "CAMPAIGNS_SUBMIT_LIMIT_PER_EMAIL": (UNLIMITED, 3600),
    "CAMPAIGNS_BURST_LIMIT": (UNLIMITED, 600),
    "CAMPAIGNS_SURGE_FLOOR": UNLIMITED,  # a burst on one municipality is not a surge here
}


# The work ---------------------------------------------------------------------------------


def sign(municipality, *, index: int, n: int, tag: str, recorded) -> None:
    """One resident through the real services: limits, submit, confirm."""
    from solidair.campaigns import services

    ip = f"10.{index % 250}.{n // 250 % 250}.{n % 250}"
    email = f"Bench.Signer.{tag}.{index}.{n}+petition@gmail.com"  # normalised: no dots, no tag
    if not services.submission_allowed(ip=ip, email=email):
        raise RuntimeError("the benchmark's limits refused a signature")
    services.signature_submit(
        municipality=municipality, name=f"Bench Signer {index}-{n}", email=email,
        postal_code="9998", message="Ik vraag het ook.", consent=True)
    if services.signature_confirm(token=recorded.last[0], source_ip=ip) is None:
        raise RuntimeError("a confirmation link did not confirm")


def seal(municipality) -> str:
    """The receipt values and fingerprint of the confirmed batch, as `digest_seal` computes
    them (without writing a digest nor mailing the council)."""
    from django.utils import timezone

    from solidair.campaigns import receipts
    from solidair.campaigns.models import Signature, SignatureStatus

    pks = (Signature.objects.filter(municipality=municipality, status=SignatureStatus.CONFIRMED,
                                    delivery=None)
           .order_by("confirmed_at", "pk").values_list("pk", flat=True))
    values = sorted(receipts.receipt_value(nis=municipality.nis, signature_id=pk) for pk in pks)
    return receipts.fingerprint(nis=municipality.nis, number=1,
                                sent=receipts.sent_text(timezone.now()),
                                previous=receipts.GENESIS, values=values)


def bench_municipality():
    """A municipality of its own (not one of the reference data), with postal code 9998."""
    from solidair.places.models import Municipality, MunicipalityStatus
    from solidair.places.testing import make_municipality

    Municipality.objects.filter(nis=BENCH_NIS).delete()
    return make_municipality(BENCH_NIS, "Tekendorp", "Signeville", postal_codes=("9998",),
                             status=MunicipalityStatus.NOT_ENGAGED)


def _confirmed(municipality) -> int:
    from solidair.campaigns.models import Signature, SignatureStatus

    return Signature.objects.filter(municipality=municipality,
                                    status=SignatureStatus.CONFIRMED).count()


def _normalised(municipality) -> bool:
    from solidair.campaigns.models import Signature

    rows = Signature.objects.filter(municipality=municipality)
    return not (rows.filter(email_normalized__contains="+").exists()
                or rows.filter(email_normalized__contains=".signer").exists())


def _run(work, *, workers: int, processes: bool, while_running=None) -> float:
    """work(index) for each worker, in forked processes started together (or one after the
    other in this process when `processes` is False: the tests). Returns the wall time."""
    if not processes:
        start = time.perf_counter()
        for index in range(workers):
            work(index)
        if while_running:
            while_running(start)
        return time.perf_counter() - start
    from django.db import connections

    from bench.bench_campaigns import _worker

    context = multiprocessing.get_context("fork")
    barrier, errors = context.Barrier(workers + 1), context.Queue()
    connections.close_all()  # children open their own connections
    children = [context.Process(target=_worker, args=(work, i, barrier, errors, True))
                for i in range(workers)]
    for child in children:
        child.start()
    barrier.wait()
    start = time.perf_counter()
    if while_running:
        while_running(start, children=children)
    for child in children:
        child.join()
    elapsed = time.perf_counter() - start
    if not errors.empty():
        raise RuntimeError(errors.get())
    return elapsed


def signature_rate(municipality, *, workers: int, per_worker: int,
                   processes: bool = True) -> dict:
    """Confirmed signatures per second (limits, normalisation, fingerprint included) beside
    bare inserts per second, measured one after the other with the same workers."""
    from django.db import transaction
    from django.utils import timezone

    from bench.bench_campaigns import _recorded_tokens
    from solidair.campaigns.models import Signature, SignatureStatus

    def work(index):
        with _recorded_tokens() as recorded:
            for n in range(per_worker):
                sign(municipality, index=index, n=n, tag="rate", recorded=recorded)

    submitted = workers * per_worker
    signing = _run(work, workers=workers, processes=processes)
    start = time.perf_counter()
    fingerprint = seal(municipality)
    sealing = time.perf_counter() - start
    confirmed = _confirmed(municipality)
    normalised = _normalised(municipality)
    Signature.objects.filter(municipality=municipality).delete()

    def bare(index):
        for n in range(per_worker):
            email = f"bare-{index}-{n}@bench.example"
            with transaction.atomic():
                Signature.objects.create(
                    municipality=municipality, name=f"Bench Signer {index}-{n}", email=email,
                    email_normalized=email, postal_code="9998", message="Ik vraag het ook.",
                    consent_text="-", consent_version="bench", management_key="bench",
                    status=SignatureStatus.CONFIRMED, confirmed_at=timezone.now())

    baseline = submitted / _run(bare, workers=workers, processes=processes)
    Signature.objects.filter(municipality=municipality).delete()
    return {"rate": submitted / (signing + sealing), "baseline": baseline,
            "submitted": submitted, "confirmed": confirmed, "lost": submitted - confirmed,
            "signing_seconds": signing, "sealing_seconds": sealing,
            "normalised": normalised, "fingerprint": fingerprint}


def public_counter(nis: str) -> int:
    """What the public sees: `confirmed_signatures` of the API's municipality detail, through
    the middleware (and so its answer cache), as an anonymous client."""
    from django.test import Client

    response = Client().get(f"/api/v1/municipalities/{nis}/", HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise RuntimeError(f"the API answered {response.status_code}")
    return json.loads(response.content)["confirmed_signatures"]


def counter_lag(polls: list[tuple[float, int, int]]) -> float:
    """The counter's largest lag: at each poll (time, shown, in the database), how long the
    database had already held more than the counter shows (from the earliest poll that saw
    more). 0 when the counter never fell behind a poll."""
    lag = 0.0
    for at, shown, _actual in polls:
        behind_since = next((t for t, _s, actual in polls if t <= at and actual > shown), None)
        if behind_since is not None:
            lag = max(lag, at - behind_since)
    return lag


def burst(municipality, *, workers: int, total: int, processes: bool = True,
          poll_seconds: float = 1.0, settle_seconds: float = COUNTER_LAG_SECONDS + 15) -> dict:
    """`total` signatures as fast as the workers go, the public counter read meanwhile and
    afterwards until it shows them all (or `settle_seconds` passed)."""
    from bench.bench_campaigns import _recorded_tokens

    per_worker = -(-total // workers)
    polls: list[tuple[float, int, int]] = []

    def work(index):
        with _recorded_tokens() as recorded:
            for n in range(index * per_worker, min(total, (index + 1) * per_worker)):
                sign(municipality, index=index, n=n, tag="burst", recorded=recorded)

    def poll(start):
        polls.append((time.perf_counter() - start, public_counter(municipality.nis),
                      _confirmed(municipality)))

    def watch(start, children=()):
        while any(child.is_alive() for child in children):
            poll(start)
            time.sleep(poll_seconds)

    seconds = _run(work, workers=workers, processes=processes, while_running=watch)
    start = time.perf_counter() - seconds
    poll(start)
    while polls[-1][1] < polls[-1][2] and polls[-1][0] - seconds < settle_seconds:
        time.sleep(poll_seconds)
        poll(start)
    if processes:
        # The forked workers shared the parent's connection objects: start afresh.
        from django.db import connections

        connections.close_all()
    confirmed = _confirmed(municipality)
    return {"seconds": seconds, "submitted": total, "confirmed": confirmed,
            "lost": total - confirmed, "counted": polls[-1][1],
            "counter_lag": counter_lag(polls), "polls": len(polls)}


# The child process (config.settings.production) ------------------------------------------------


def _child() -> list[dict]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings
    from django.utils import timezone

    from bench.bench_campaigns import _cleanup
    from solidair.core.models import OutgoingMail

    workers = int(os.environ.get("BENCH_SIGNATURE_WORKERS", "4"))
    count = int(os.environ.get("BENCH_SIGNATURES", "1000"))
    burst_size = int(os.environ.get("BENCH_BURST", "3000"))
    call_command("migrate", verbosity=0)
    mail_floor = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    started_at = timezone.now()
    with override_settings(**BENCH_SETTINGS):
        municipality = bench_municipality()
        try:
            rate = signature_rate(municipality, workers=workers, per_worker=count // workers)
            _log(f"rate: {rate}")
            burst_result = burst(municipality, workers=workers, total=burst_size)
            _log(f"burst: {burst_result}")
        finally:
            _cleanup(municipality, mail_floor, started_at)
    return [row.__dict__ for row in rows(rate, burst_result, workers=workers)]


def rows(rate: dict, burst_result: dict, *, workers: int) -> list[Result]:
    ok_rate = rate["rate"] >= TARGET_PER_SECOND and rate["lost"] == 0 and rate["normalised"]
    burst_ok = (burst_result["seconds"] <= BURST_SECONDS and burst_result["lost"] == 0
                and burst_result["counted"] == burst_result["submitted"]
                and burst_result["counter_lag"] <= COUNTER_LAG_SECONDS)
    return [
        Result("signatures: limits+submit+confirm+fingerprint/s", rate["rate"], "sig/s",
               baseline=rate["baseline"], target=f">= {TARGET_PER_SECOND}/s, none lost",
               ok=ok_rate,
               note=f"{workers} processes, {rate['submitted']} submitted, {rate['lost']} lost, "
                    f"fingerprint {rate['sealing_seconds'] * 1000:.0f} ms; "
                    "baseline: bare ORM INSERT"),
        Result(f"signatures: burst of {burst_result['submitted']} (s)", burst_result["seconds"],
               "s", target=f"<= {BURST_SECONDS} s, counter <= {COUNTER_LAG_SECONDS} s behind, "
               "none lost", ok=burst_ok,
               note=f"{burst_result['submitted'] / burst_result['seconds']:.0f} sig/s, counter "
                    f"lag {burst_result['counter_lag']:.0f} s, {burst_result['lost']} lost, "
                    f"{burst_result['counted']} counted at the end"),
    ]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run() -> list[Result]:
    from solidair.core.testing import BASE_DIR, production_env, redis_available

    overrides = {"DATABASE_URL": os.environ.get("DATABASE_URL", DEFAULT_DATABASE),
                 "API_RATE_LIMIT": "", "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"}
    if not overrides["DATABASE_URL"].startswith("postgres"):
        return [Result("signatures: confirmed/s", 0, "sig/s",
                       note="skipped: needs PostgreSQL (set DATABASE_URL)")]
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
    if redis_available(redis_url):
        overrides.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX="bench-signatures")
    child = subprocess.run([sys.executable, "-m", "bench.bench_signatures"], cwd=BASE_DIR,
                           env=production_env(**overrides), text=True, stdout=subprocess.PIPE,
                           timeout=3600)
    found = [line[len(MARKER):] for line in child.stdout.splitlines() if line.startswith(MARKER)]
    if child.returncode or not found:
        raise RuntimeError(f"the signatures benchmark failed (exit {child.returncode})")
    return [Result(**row) for row in json.loads(found[-1])]


if __name__ == "__main__":
    print(MARKER + json.dumps(_child()), flush=True)
