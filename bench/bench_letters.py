"""The residents' letter: PDF through `letter_pdf` beside bare Typst, and the DOCX.

The baseline compiles the same template with the same JSON data on a warm `typst.Compiler`
with no project code around it; the ratio is the project's overhead (database reads, filling
in the texts, JSON). Targets from issue 4: ratio <= 1.5 and under 50 ms.

Every round signs with another name, as real letters differ: Typst memoizes a compilation
whose inputs did not change, so repeating one identical letter would time a cache hit.
"""

import itertools
import json
import statistics
import time

from bench.common import Result, median_seconds, setup_django

REPEAT, WARMUP = 30, 3
MUNICIPALITY = {"nis": "44021", "nl": "Gent", "fr": "Gand", "is_city": True}
SENDER = {"name": "Anneleen Vermeulen", "email": "anneleen@example.org",
          "phone": "0470 12 34 56",
          "message": "Ik woon hier al twintig jaar en zie elke dag hoe buren elkaar helpen. "
                     "Laat ons als gemeente tonen dat we solidair zijn. " * 3}


def _median_cpu_seconds(func, *, repeat: int) -> float:
    """CPU time of this process per call: what a letter costs, however busy the machine is."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _prepare():
    """A throw-away test database with the seeded letter texts and a few members."""
    from django.db import connection

    from solidair.places.testing import make_municipality

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    town = make_municipality(MUNICIPALITY["nis"], MUNICIPALITY["nl"], MUNICIPALITY["fr"],
                             is_city=True)
    for nis, name in [("24062", "Leuven"), ("31005", "Brugge"), ("44088", "Merelbeke-Melle")]:
        make_municipality(nis, name, name, status="member", postal_codes=())
    return town, lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> list:
    setup_django()
    import typst

    from solidair.documents.letter import LETTER_TEMPLATE, letter_content, letter_docx, letter_pdf
    from solidair.documents.pdf import FONTS_DIR

    town, teardown = _prepare()
    try:
        rounds = itertools.count()

        def arguments():
            return {"municipality": town, "language": "nl",
                    **SENDER, "name": f"{SENDER['name']} {next(rounds)}"}

        # The baseline's data is prepared beforehand: only Typst's compile is timed.
        payloads = iter([json.dumps(letter_content(**arguments()), ensure_ascii=False)
                         for _ in range(REPEAT + WARMUP)])
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                            font_paths=[str(FONTS_DIR)] if FONTS_DIR.is_dir() else [])
        bare = typst.Compiler(str(LETTER_TEMPLATE), root=str(LETTER_TEMPLATE.parent.parent),
                              font_paths=fonts, ignore_system_fonts=True)
        timing = {"repeat": REPEAT, "warmup": WARMUP}
        baseline = median_seconds(
            lambda: bare.compile(format="pdf", sys_inputs={"data": next(payloads)}), **timing)
        project = median_seconds(lambda: letter_pdf(**arguments()), **timing)
        project_cpu = _median_cpu_seconds(lambda: letter_pdf(**arguments()), repeat=REPEAT)
        docx = median_seconds(lambda: letter_docx(**arguments()), **timing)
    finally:
        teardown()
    ratio = project / baseline
    return [
        Result("letters: PDF via letter_pdf (warm)", project * 1000, "ms",
               baseline=baseline * 1000, target="ratio <= 1.5 and < 50 ms",
               ok=ratio <= 1.5 and project < 0.050,
               note="baseline: bare typst.Compiler, same template and data"),
        Result("letters: PDF CPU time via letter_pdf", project_cpu * 1000, "ms",
               target="< 50 ms", ok=project_cpu < 0.050,
               note="process CPU time: not inflated by other load on the machine"),
        Result("letters: DOCX via letter_docx (warm)", docx * 1000, "ms",
               target="< 100 ms", ok=docx < 0.100),
    ]
