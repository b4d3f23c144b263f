"""Shared pieces for benchmarks: the result row, Django setup, timing helpers.

Each benchmark module `bench/bench_<name>.py` defines `run() -> list[Result]`. `python -m bench`
(`make bench`) runs them all and prints one table. Results are ratios against a baseline
measured in the same run wherever possible, so they mean the same on any machine.
"""

import os
import statistics
import time
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the same measure for the baseline, same run
    target: str = ""  # e.g. "ratio >= 0.5" or "< 50 ms"
    ok: bool | None = None  # whether the target is met
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def setup_django(settings_module: str = "config.settings.test") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def median_seconds(func, *, repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
