#!/usr/bin/env python3
"""`make bench`: convert's editions against the plain pandoc pipelines, on this machine, in one run.

For each format (pdf, epub, docx; a format whose writer is not registered or cannot run here is
skipped) and each article (the user's seeds in ../shared/seeds, then seeds/*/article.md), it times

  ours:   convert --to FORMAT ARTICLE -o DIR --force --offline
  plain:  pdf   pandoc ARTICLE -s -o x.html && weasyprint x.html x.pdf
          epub  pandoc ARTICLE -o x.epub
          docx  pandoc ARTICLE -o x.docx

as separate processes, alternating the two so that background load hits both alike, and prints the
median wall time of each, their ratio (ours / plain; below 1.0 means convert is faster), the median CPU
time (user + system of the command and every process under it: on a machine shared with other work the
wall time says little, the CPU time is what the command costs) and the peak resident memory of each, with
the load average while it ran. Goal (issue 15): the seed's EPUB alone and DOCX alone in 0.3 s of wall time. A last row per format converts all the articles in one `convert` process
(one font set-up, one pandoc per article) against the plain pipeline run once per article.

`--against DIR` times another version of convert instead of the plain pipelines: DIR holds its
`convert` package (a copy of another checkout's, e.g. `git archive main convert | tar -x -C DIR`), put
first on PYTHONPATH, run the same way and alternated with this tree's run for run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMATS = ["pdf", "epub", "docx"]
GOAL = ("pdf", 1.0)  # the seed's PDF must take at most this multiple of the plain pipeline's time


SINGLE_GOAL_S = 0.3  # issue 15: one article's EPUB alone, DOCX alone, in at most this wall time
SINGLE_GOAL_ARTICLE = "zh-news-harbor"


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0
    cpu_seconds: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # 1-minute load average at the end of each run

    def add(self, seconds: float, peak_kib: int, cpu: float = float("nan")) -> None:
        self.seconds.append(seconds)
        self.peak_kib = max(self.peak_kib, peak_kib)
        self.cpu_seconds.append(cpu)
        self.loads.append(os.getloadavg()[0])

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def cpu(self) -> float:
        """Median CPU seconds (user + system) of the runs."""
        return statistics.median(self.cpu_seconds) if self.cpu_seconds else float("nan")

    @property
    def load(self) -> str:
        return f"{min(self.loads):.1f}-{max(self.loads):.1f}" if self.loads else "?"


def _become_subreaper() -> None:
    """Orphans of a timed command (a fork server outliving the client, its workers) are re-parented to
    this process instead of init, so that reaping them adds their CPU time to ours (Linux only)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


_become_subreaper()


def _reap_orphans(patience_s: float = 30.0) -> tuple[float, int]:
    """Wait for the descendants re-parented to us (a fork server ends once its client has): their CPU
    seconds and largest RSS. One still alive after `patience_s` is left to run (a later run counts it)."""
    cpu, peak = 0.0, 0
    deadline = time.monotonic() + patience_s
    while True:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return cpu, peak
        if pid == 0:
            if time.monotonic() > deadline:
                print("  (a descendant of the timed command outlived it; its CPU time is not counted)", flush=True)
                return cpu, peak
            time.sleep(0.02)
            continue
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss)


def compile_bytecode(*trees: Path) -> None:
    """An installed convert has its bytecode compiled (pip does it); a source tree run with
    PYTHONDONTWRITEBYTECODE would compile every module at every start. Compile it once, up front."""
    import compileall
    for tree in (ROOT, *trees):
        compileall.compile_dir(str(tree / "convert"), quiet=1)


def articles() -> list[Path]:
    shared = Path(os.environ.get("CONVERT_SHARED_SEEDS") or ROOT.parent / "shared" / "seeds").resolve()
    seeds = sorted(shared.glob("*.txt")) if shared.is_dir() else []
    return seeds + sorted((ROOT / "seeds").glob("*/article.md"))


def label(article: Path) -> str:
    return article.parent.name if article.stem == "article" else "seed " + article.stem[:12]


def timed(commands: list[list[str]], cwd: Path, env: dict[str, str]) -> tuple[float, int, float]:
    """Run commands one after another (stopping at a failure): wall seconds, peak RSS in KiB (of any one
    process) and CPU seconds (user + system of the commands and all their descendants)."""
    start = time.perf_counter()
    peak, cpu = 0, 0.0
    for command in commands:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stderr_bytes = process.stderr.read() if process.stderr else b""  # read first: a full pipe would stall it
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = stderr_bytes.decode(errors="replace")
        if process.stderr:
            process.stderr.close()
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
        cpu += usage.ru_utime + usage.ru_stime
        orphan_cpu, orphan_peak = _reap_orphans()
        cpu, peak = cpu + orphan_cpu, max(peak, orphan_peak)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {stderr.strip()[-400:]}")
    return time.perf_counter() - start, peak, cpu


def ours(fmt: str, inputs: list[Path], outdir: Path) -> list[list[str]]:
    """As a user runs it (the summary table printed, to /dev/null here): `python -P -m convert`, what the
    installed script runs, so that `PYTHONPATH` alone decides which tree (`--against`) is timed."""
    return [[sys.executable, "-P", "-m", "convert", "--to", fmt, *map(str, inputs), "-o", str(outdir), "--force",
             "--offline", "--jobs", "1"]]


def plain(fmt: str, article: Path, outdir: Path, pandoc: str) -> list[list[str]]:
    source = [pandoc, "-f", "markdown", str(article)]
    if fmt == "pdf":
        html = outdir / "plain.html"
        weasyprint = str(Path(sys.executable).with_name("weasyprint"))
        return [source + ["-s", "-o", str(html)],
                [weasyprint, "-q", "-u", article.parent.as_uri() + "/", str(html), str(outdir / "plain.pdf")]]
    return [source + ["-o", str(outdir / f"plain.{fmt}")]]


def available_formats(wanted: list[str]) -> list[str]:
    from convert import registry
    chosen = []
    for fmt in wanted:
        if fmt not in registry.names():
            print(f"skipping {fmt}: no writer is registered for it yet")
        elif problem := registry.availability(fmt):
            print(f"skipping {fmt}: {problem}")
        else:
            chosen.append(fmt)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each pipeline per article (default 5)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated (default: pdf,epub,docx)")
    parser.add_argument("--no-batch", action="store_true", help="skip the all-articles-in-one-process row")
    parser.add_argument("--articles", default="",
                        help="comma-separated labels of the articles to time (default: all), e.g. zh-news-harbor")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="time the convert package in DIR (first on PYTHONPATH) instead of the plain pipelines")
    args = parser.parse_args(argv)
    against = args.against.resolve() if args.against else None
    if against is not None and not (against / "convert" / "__init__.py").is_file():
        parser.error(f"{against} holds no convert package")

    compile_bytecode(*([against] if against else []))
    import pypandoc
    pandoc = pypandoc.get_pandoc_path()
    formats = available_formats([f.strip() for f in args.formats.split(",") if f.strip()])
    inputs = articles()
    if args.articles:
        wanted = {a.strip() for a in args.articles.split(",")}
        inputs = [a for a in inputs if label(a) in wanted]
    rows: list[tuple[str, str, Samples, Samples]] = []
    with tempfile.TemporaryDirectory(prefix="convert-bench-") as tmp:
        env = dict(os.environ, CONVERT_CACHE_DIR=str(Path(tmp) / "cache"))
        out = Path(tmp)
        for fmt in formats:
            cases = [(label(a), [a]) for a in inputs]
            if not args.no_batch and len(inputs) > 1:
                cases.append((f"all {len(inputs)} (batch)", inputs))
            for name, group in cases:
                ours_samples, plain_samples = Samples(), Samples()
                for run in range(args.runs):
                    first_ours = run % 2 == 0
                    for which in ((0, 1) if first_ours else (1, 0)):
                        if which == 0:
                            ours_samples.add(*timed(ours(fmt, group, out / "ours"), ROOT, env))
                        elif against is not None:
                            plain_samples.add(*timed(ours(fmt, group, out / "against"), ROOT,
                                                     dict(env, PYTHONPATH=str(against))))
                        else:
                            total, peak, cpu = 0.0, 0, 0.0
                            for article in group:
                                seconds, kib, used = timed(plain(fmt, article, out, pandoc), article.parent, env)
                                total, peak, cpu = total + seconds, max(peak, kib), cpu + used
                            plain_samples.add(total, peak, cpu)
                rows.append((fmt, name, ours_samples, plain_samples))
                print(f"  {fmt:5} {name:28} ours {ours_samples.median:6.2f} s (CPU {ours_samples.cpu:5.2f} s)   "
                      f"{'against' if against else 'plain'} {plain_samples.median:6.2f} s "
                      f"(CPU {plain_samples.cpu:5.2f} s)   load {ours_samples.load}", flush=True)
                print(f"    CPU per run: ours {' '.join(f'{c:.2f}' for c in ours_samples.cpu_seconds)}; "
                      f"{'against' if against else 'plain'} "
                      f"{' '.join(f'{c:.2f}' for c in plain_samples.cpu_seconds)}", flush=True)
    report(rows, args.runs, "against" if against else "plain")
    return 0


def report(rows: list[tuple[str, str, Samples, Samples]], runs: int, other: str = "plain") -> None:
    print()
    print(f"median of {runs} runs; ratio = convert / {other} (lower is better); CPU = user + system of "
          f"every process; peak = max RSS; load = 1-minute load average over the runs ({os.cpu_count()} CPUs)")
    header = (f"{'format':6} {'article':28} {'convert s':>9} {'CPU s':>6} {other + ' s':>9} {'CPU s':>6} {'ratio':>6} "
              f"{'convert MiB':>11} {other + ' MiB':>11} {'load':>9}")
    print(header)
    print("-" * len(header))
    for fmt, name, mine, theirs in rows:
        ratio = mine.median / theirs.median if theirs.median else float("nan")
        print(f"{fmt:6} {name:28} {mine.median:9.2f} {mine.cpu:6.2f} {theirs.median:9.2f} {theirs.cpu:6.2f} {ratio:6.2f} "
              f"{mine.peak_kib / 1024:11.0f} {theirs.peak_kib / 1024:11.0f} {mine.load:>9}")
    for fmt, name, mine, _ in rows:
        if fmt in ("epub", "docx") and name == SINGLE_GOAL_ARTICLE:
            verdict = "met" if mine.median <= SINGLE_GOAL_S else f"NOT met ({mine.median / SINGLE_GOAL_S:.1f}x)"
            print(f"goal: {fmt} of {name} alone <= {SINGLE_GOAL_S} s wall: {mine.median:.2f} s "
                  f"(CPU {mine.cpu:.2f} s, load {mine.load}), {verdict}")
    goal_fmt, goal = GOAL
    seed_rows = [r for r in rows if r[0] == goal_fmt and r[1].startswith("seed ") and other == "plain"]
    for fmt, name, mine, theirs in seed_rows:
        ratio = mine.median / theirs.median
        verdict = "met" if ratio <= goal else "NOT met"
        print(f"goal: {fmt} of {name} within {goal:.1f}x the plain pipeline: {ratio:.2f}x, {verdict}")


if __name__ == "__main__":
    sys.exit(main())
