#!/usr/bin/env python3
"""What WeasyPrint's start-up shortcuts (`convert/writers/pdf/weasy.py`) and the Chinese line hooks
(`justify.py`) cost or save, in fresh processes, medians of `--runs` runs (rounds alternate the order).

  import   time to import WeasyPrint (after `convert` itself is imported, as in `convert --to pdf`)
  pdf      wall and CPU time (children included) of a whole process that makes the seed article's PDF
           (`convert.convert`); CPU time is the steadier number on a shared machine

for each way of importing: `plain` (neither shortcut), `no-search` (ctypes.util.find_library off),
`defer` (fontTools' subsetter and instancer deferred), `both` (what a tested WeasyPrint gets); and
for the PDF, `both, plain justification` (the hooks off, as on an untested WeasyPrint). Last, in one
warm process, the CPU time of one render with the Chinese line hooks and without (`--runs` each).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {"plain": (True, False), "no-search": (False, False), "defer": (True, True), "both": (False, True)}

DRIVER = """
import sys, time
search, defer, mode, seed, plain_justification = sys.argv[1:6]
from convert.writers.pdf import justify, weasy
start = time.perf_counter()
weasy._import(search_libraries=search == "1", defer_fonttools=defer == "1")
import weasyprint
imported = time.perf_counter() - start
if mode == "pdf":
    import convert
    if plain_justification == "1":
        justify.untested_weasyprint = lambda: "benchmark"
    convert.convert(seed, to="pdf", offline=True)
print(imported)
"""


WARM = """
import logging, statistics, sys, time
logging.disable(logging.WARNING)
import convert
from convert.writers.pdf import weasy
seed, runs = sys.argv[1], int(sys.argv[2])
tested = weasy.weasyprint_version
convert.convert(seed, to="pdf", offline=True)
times = {True: [], False: []}
for run in range(runs):
    for hooks in ((True, False) if run % 2 else (False, True)):
        weasy.weasyprint_version = tested if hooks else (lambda: "untested")
        start = time.process_time()
        convert.convert(seed, to="pdf", offline=True)
        times[hooks].append(time.process_time() - start)
print(statistics.median(times[True]), statistics.median(times[False]))
"""


def seed() -> Path:
    shared = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    return shared[0] if shared else ROOT / "seeds" / "zh-news-harbor" / "article.md"


def run(variant: str, mode: str, article: Path, plain_justification: bool = False) -> tuple[float, float, float]:
    """(seconds to import WeasyPrint, wall seconds and CPU seconds of the whole process, its children
    such as ldconfig included)."""
    search, defer = VARIANTS[variant]
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", DRIVER, str(int(search)), str(int(defer)), mode, str(article),
                                str(int(plain_justification))], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{variant} {mode} failed")
    return float(out.split()[-1]), wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--article", type=Path, help="default: the first of ../shared/seeds, else a sample")
    args = parser.parse_args(argv)
    article = args.article or seed()
    cases = [(variant, "import", False) for variant in VARIANTS]
    cases += [(variant, "pdf", False) for variant in VARIANTS] + [("both", "pdf", True)]
    samples: dict[tuple[str, str, bool], list[tuple[float, float]]] = {case: [] for case in cases}
    for round_ in range(args.runs):
        for case in cases if round_ % 2 == 0 else reversed(cases):
            imported, wall, cpu = run(case[0], case[1], article, case[2])
            samples[case].append((imported, imported) if case[1] == "import" else (wall, cpu))
    print(f"medians of {args.runs} runs; article: {article}")
    print(f"  {'':24} {'':28} {'wall s':>7} {'CPU s':>7}  (wall min..max)")
    for (variant, mode, plain_justification), values in samples.items():
        name = variant + (", plain justification" if plain_justification else "")
        what = "import WeasyPrint" if mode == "import" else "PDF, whole process"
        walls, cpus = [v[0] for v in values], [v[1] for v in values]
        cpu = f"{statistics.median(cpus):7.3f}" if mode == "pdf" else f"{'':7}"
        print(f"  {what:24} {name:28} {statistics.median(walls):7.3f} {cpu}  ({min(walls):.3f}..{max(walls):.3f})")
    done = subprocess.run([sys.executable, "-c", WARM, str(article), str(args.runs)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    hooked, unhooked = map(float, done.stdout.split())
    print(f"  {'one render, warm':24} {'hooks':28} {'':7} {hooked:7.3f}")
    print(f"  {'one render, warm':24} {'plain justification':28} {'':7} {unhooked:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
