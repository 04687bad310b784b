#!/usr/bin/env python3
"""Editions of many articles against the same articles built one by one (issue 14).

Generates N articles shaped like the user's seed (`batch.make_batch`: byline lines, a local photo
with a caption line, bold section titles, a disclaimer; about 2,000 Chinese characters each), then
times, each in a fresh process (median of --runs):

  convert --to pdf,epub,docx ARTICLES --jobs J --force       (every article its own three files)
  convert collect ARTICLES --to pdf epub docx --jobs J        (one issue, three files)

and prints wall time, peak memory (the largest resident set of any one process) and the ratio.
Goals: the issue within 3x the separate builds' time, and within 1.5 GiB.

    python benchmarks/collection.py                 # 200 articles (several minutes on 2 cores)
    python benchmarks/collection.py --articles 20   # a quick check
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from batch import make_batch  # seed-shaped articles
from run import ROOT, Samples, timed

GOAL_RATIO = 3.0
GOAL_MEMORY_MIB = 1.5 * 1024


def separate_command(inputs: list[Path], outdir: Path, jobs: int) -> list[list[str]]:
    convert = str(Path(sys.executable).with_name("convert"))
    return [[convert, "--to", "pdf,epub,docx", *map(str, inputs), "-o", str(outdir), "--offline", "-q",
             "--jobs", str(jobs), "--force"]]


def collect_command(inputs: list[Path], outdir: Path, jobs: int) -> list[list[str]]:
    convert = str(Path(sys.executable).with_name("convert"))
    return [[convert, "collect", *map(str, inputs), "--to", "pdf", "epub", "docx", "--title", "Benchmark issue",
             "--publication", "Benchmark Daily", "-o", str(outdir), "--offline", "-q", "--jobs", str(jobs)]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles in the issue (default 200)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of both builds (default 2)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each measurement (default 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="convert-collection-") as tmp:
        root = Path(tmp)
        env = dict(os.environ, CONVERT_CACHE_DIR=str(root / "cache"))
        batch = make_batch(root / "batch", args.articles)
        print(f"{len(batch)} seed-shaped articles, --jobs {args.jobs}, {args.runs} run(s) each", flush=True)
        rows: dict[str, Samples] = {}
        for name, command in (("separately (3 formats each)", separate_command(batch, root / "single", args.jobs)),
                              ("one issue (3 formats)", collect_command(batch, root / "issue", args.jobs))):
            samples = Samples()
            for _ in range(args.runs):
                samples.add(*timed(command, ROOT, env))
            rows[name] = samples
            print(f"  {name}: {samples.median:.1f} s, {samples.peak_kib / 1024:.0f} MiB", flush=True)
        pdf = next((root / "issue").glob("*.pdf"))
        import pypdf
        pages = len(pypdf.PdfReader(pdf).pages)
    separate, issue = rows["separately (3 formats each)"], rows["one issue (3 formats)"]
    ratio = issue.median / separate.median
    print()
    print(f"{'build':32} {'wall s':>8} {'peak MiB':>9}")
    for name, samples in rows.items():
        print(f"{name:32} {samples.median:8.1f} {samples.peak_kib / 1024:9.0f}")
    print(f"issue / separate: {ratio:.2f}x (goal <= {GOAL_RATIO:g}x); issue peak {issue.peak_kib / 1024:.0f} MiB "
          f"(goal <= {GOAL_MEMORY_MIB:.0f} MiB); the issue's PDF has {pages} pages")
    return 0 if ratio <= GOAL_RATIO and issue.peak_kib / 1024 <= GOAL_MEMORY_MIB else 1


if __name__ == "__main__":
    sys.exit(main())
