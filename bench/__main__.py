"""`make bench`: run every bench/bench_*.py and print one table."""

import importlib
import pkgutil
import sys
import traceback
from pathlib import Path


def main(selected: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                   if m.name.startswith("bench_"))
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    rows, failures = [], 0
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            rows.extend(importlib.import_module(f"bench.{name}").run())
        except Exception:  # noqa: BLE001 - report and go on with the other benchmarks
            traceback.print_exc()
            failures += 1
    header = f"{'benchmark':<48} {'value':>12} {'unit':<8} {'baseline':>10} {'ratio':>7}  target"
    print(header)
    print("-" * len(header))
    for row in rows:
        baseline = f"{row.baseline:10.2f}" if row.baseline is not None else " " * 10
        ratio = f"{row.ratio:7.2f}" if row.ratio is not None else " " * 7
        verdict = {True: "ok", False: "MISSED", None: ""}[row.ok]
        print(f"{row.name:<48} {row.value:12.2f} {row.unit:<8} {baseline} {ratio}  "
              f"{row.target} {verdict} {row.note}".rstrip())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
