#!/usr/bin/env python3
"""`make bench` (part 2): batch builds. In one run on this machine it generates

  * 50 articles shaped like the user's seed (byline lines, a local photo with a caption line,
    bold section titles, a disclaimer; about 2,000 Chinese characters each), and
  * one long article at 10, 25 and 50 pages,

then prints median wall time (of --runs runs), CPU time (user + system of every process, the fork server
and its workers included), peak memory (the largest process) and the load average for:
  convert --to pdf,epub,docx with --jobs 1 and --jobs 2 (all three formats, every article),
  the same batch on a Dask LocalCluster of 2 workers (--executor dask --jobs 2), and Dask's cost per article,
  the unchanged rebuild of the same batch (nothing to do),
  the plain pipelines per article: pandoc -> EPUB, pandoc -> DOCX, pandoc -> HTML -> weasyprint CLI,
and the long article through convert (all three formats) with its time per page.
`--only-pool` times the first two alone (issue 15's speed goal); with `--against DIR` (a folder holding
another version's `convert` package, put first on PYTHONPATH) it times --jobs 2 of both, alternated
run for run.
Goals (issue 7): <= 0.2 s per article with --jobs 2; --jobs 2 >= 1.7x faster than --jobs 1;
unchanged rebuild <= 1 s; the 50-page article <= 600 MiB and time linear in length.

`--memory-articles 2000` (off by default: it takes many minutes) converts that many articles to PDF with
--jobs 2, workers recycled (the default) and never recycled, and prints each worker process's resident
memory through the batch: the goal (issue 15) is that it stays flat.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from run import ROOT, Samples, compile_bytecode, timed  # the single-article benchmark's timing helpers

FORMATS = "pdf,epub,docx"
SENTENCES = [
    "港口集团近日发布绿色航运三年行动方案，提出岸电覆盖率在年内达到百分之九十。",
    "业内人士认为，数字化改造正在成为传统产业焕发新生的重要驱动力。",
    "据了解，该项目累计投入超过33亿元，研发人员占比超过70%，申请发明专利1500余件。",
    "与会专家表示，数据要素越来越成为金融机构数字化转型的关键切入点。",
    "今年以来，LNG动力船舶和5G智慧码头的建设明显提速，“零碳码头”试点扩大到三个港区。",
    "报告显示，百家企业2022年研发投入共3006亿元，平均研发强度为6.7%，整体研发增速为2.8%。",
]


def seed_shaped(n: int, paragraphs: int, rng: random.Random, figure_every: int = 0) -> str:
    body = []
    for index in range(paragraphs):
        body.append("".join(rng.choice(SENTENCES) for _ in range(4)))
        if index == 3 or (figure_every and index % figure_every == figure_every - 1):
            body.append(f"![{1698661773964 + index}](photo.jpg)\n\n（图：第{n}篇的现场照片，编号{index}）")
        if index in (6, paragraphs // 2) or (figure_every and index % (figure_every * 2) == 0 and index):
            body.append(f"**第{index}节：绿色航运，从岸电开始**")
    return (f"# 第{n}篇：东临港启动“零碳码头”三年行动\n\n**编辑：王晓明**\n\n**2024-11-{1 + n % 28:02d} 09:42**\n\n"
            f"**https://example.com/news/{n}.shtml**\n\n" + "\n\n".join(body) +
            "\n\n本文系企业供稿，仅供参考\n\n(编辑：王晓明)\n\n关键字：港口 岸电\n")


def make_batch(folder: Path, count: int, paragraphs: int = 14) -> list[Path]:
    from PIL import Image, ImageDraw
    rng = random.Random(7)
    articles = []
    for n in range(count):
        article = folder / f"news-{n:02d}"
        article.mkdir(parents=True)
        picture = Image.new("RGB", (1000, 560), (20 + 4 * n, 90, 140))
        draw = ImageDraw.Draw(picture)
        for k in range(12):
            draw.rectangle([80 * k, 300 - 15 * k, 80 * k + 60, 560], fill=(200, 120 + 8 * k, 60))
        picture.save(article / "photo.jpg", quality=85)
        (article / "article.md").write_text(seed_shaped(n, paragraphs, rng), encoding="utf-8")
        articles.append(article / "article.md")
    return articles


def convert_command(inputs: list[Path], outdir: Path, jobs: int, force: bool = True,
                    extra: tuple[str, ...] = (), formats: str = FORMATS) -> list[list[str]]:
    # `python -P -m convert`, not the installed script, which is the editable install's (the main tree's entry
    # point) and may not be in the tree under test (PYTHONPATH, `--against`); -P: not the working folder first.
    return [[sys.executable, "-P", "-m", "convert", "--to", formats, *map(str, inputs), "-o", str(outdir), "--offline", "-q",
             "--jobs", str(jobs), *(["--force"] if force else []), *extra]]


def plain_commands(fmt: str, article: Path, outdir: Path, pandoc: str) -> list[list[str]]:
    source = [pandoc, "-f", "markdown", str(article)]
    if fmt == "pdf":
        html = outdir / f"{article.parent.name}.html"
        weasyprint = str(Path(sys.executable).with_name("weasyprint"))
        return [source + ["-s", "-o", str(html)],
                [weasyprint, "-q", "-u", article.parent.as_uri() + "/", str(html), str(outdir / "plain.pdf")]]
    return [source + ["-o", str(outdir / f"plain.{fmt}")]]


def measure(commands: list[list[str]], runs: int, env: dict[str, str]) -> Samples:
    samples = Samples()
    for _ in range(runs):
        samples.add(*timed(commands, ROOT, env))
    return samples


def pdf_pages(path: Path) -> int:
    import pypdf
    return len(pypdf.PdfReader(path).pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster rows")
    parser.add_argument("--memory-articles", type=int, default=0, metavar="N",
                        help="also the worker-memory run over N articles (2000 for issue 15's figure; minutes)")
    parser.add_argument("--only-memory", action="store_true", help="the worker-memory run alone")
    parser.add_argument("--only-executors", action="store_true",
                        help="only the local pool and the Dask LocalCluster (--jobs 2), side by side")
    parser.add_argument("--only-pool", action="store_true",
                        help="only the local pool, --jobs 1 and --jobs 2 (the issue 15 speed goal), no other rows")
    parser.add_argument("--memory-runs", choices=("both", "recycled", "never"), default="both",
                        help="workers recycled (the default setting), never recycled, or both (default)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="with --only-pool: --jobs 2 of this tree and of the convert package in DIR, alternated")
    args = parser.parse_args(argv)
    if args.against:
        return against_report(args.against.resolve(), args.articles, args.runs)
    if args.only_memory:
        return memory_report(args.memory_articles or 2000, args.memory_runs)
    compile_bytecode()
    import pypandoc
    pandoc = pypandoc.get_pandoc_path()
    rows: list[tuple[str, Samples, int]] = []  # (what, samples, articles it covers)
    with tempfile.TemporaryDirectory(prefix="convert-batch-") as tmp:
        root = Path(tmp)
        env = dict(os.environ, CONVERT_CACHE_DIR=str(root / "cache"))
        batch = make_batch(root / "batch", args.articles)
        count = len(batch)
        print(f"{count} seed-shaped articles, {args.runs} runs each; formats {FORMATS}", flush=True)
        for jobs in ((2,) if args.only_executors else (1, 2)):
            rows.append((f"convert --jobs {jobs} (3 formats)", measure(convert_command(batch, root / "out", jobs),
                                                                     args.runs, env), count))
            print(f"  {rows[-1][0]}: {rows[-1][1].median:.2f} s (CPU {rows[-1][1].cpu:.1f} s, load "
                  f"{rows[-1][1].load})", flush=True)
        if args.only_pool:
            report(rows, [])
            return 0
        if not args.no_dask:
            rows.append(("convert --executor dask --jobs 2", measure(
                convert_command(batch, root / "out-dask", 2, extra=("--executor", "dask")), args.runs, env), count))
            print(f"  {rows[-1][0]}: {rows[-1][1].median:.2f} s", flush=True)
        if args.only_executors:
            report_executors(rows)
            return 0
        rows.append(("unchanged rebuild (--jobs 2)",
                     measure(convert_command(batch, root / "out", 2, force=False), args.runs, env), count))
        for fmt, name in (("epub", "plain pandoc -> EPUB"), ("docx", "plain pandoc -> DOCX"),
                          ("pdf", "plain pandoc -> HTML -> weasyprint")):
            commands = [c for article in batch for c in plain_commands(fmt, article, root, pandoc)]
            rows.append((f"{name} (per article)", measure(commands, args.runs, env), count))
            print(f"  {rows[-1][0]}: {rows[-1][1].median:.2f} s", flush=True)
        curve = long_article_curve(root, args.runs, env)
    report(rows, curve)
    if args.memory_articles:
        memory_report(args.memory_articles, args.memory_runs)
    return 0


def against_report(other: Path, articles: int, runs: int) -> int:
    """--jobs 2 of this tree and of the convert package in `other`, alternated run for run."""
    if not (other / "convert" / "__init__.py").is_file():
        raise SystemExit(f"{other} holds no convert package")
    compile_bytecode(other)
    with tempfile.TemporaryDirectory(prefix="convert-batch-") as tmp:
        root = Path(tmp)
        env = dict(os.environ, CONVERT_CACHE_DIR=str(root / "cache"))
        batch = make_batch(root / "batch", articles)
        count = len(batch)
        mine, theirs = Samples(), Samples()
        for run in range(runs):
            for which in ((0, 1) if run % 2 == 0 else (1, 0)):
                if which == 0:
                    mine.add(*timed(convert_command(batch, root / "out", 2), ROOT, env))
                else:
                    theirs.add(*timed(convert_command(batch, root / "out-against", 2), ROOT,
                                      dict(env, PYTHONPATH=str(other))))
            print(f"  run {run + 1}: this tree {mine.seconds[-1]:.2f} s (CPU {mine.cpu_seconds[-1]:.1f} s), "
                  f"{other} {theirs.seconds[-1]:.2f} s (CPU {theirs.cpu_seconds[-1]:.1f} s), "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"\n{count} seed-shaped articles, {FORMATS}, --jobs 2, median of {runs}")
    print(f"{'':12} {'median s':>9} {'s/article':>10} {'CPU s/art':>10} {'peak MiB':>9} {'load':>9}")
    for name, samples in (("this tree", mine), ("against", theirs)):
        print(f"{name:12} {samples.median:9.2f} {samples.median / count:10.3f} {samples.cpu / count:10.3f} "
              f"{samples.peak_kib / 1024:9.0f} {samples.load:>9}")
    return 0


def report_executors(rows: list[tuple[str, Samples, int]]) -> None:
    (_, local, count), (_, dask, _) = rows
    print(f"\n{'same batch, 3 formats, 2 workers':34} {'median s':>9} {'s/article':>10} {'CPU s/art':>10} "
          f"{'peak MiB':>9} {'load':>9}")
    for name, samples, _ in rows:
        print(f"{name:34} {samples.median:9.2f} {samples.median / count:10.3f} {samples.cpu / count:10.3f} "
              f"{samples.peak_kib / 1024:9.0f} {samples.load:>9}")
    print(f"Dask's cost per article (its start-up spread over {count}): {(dask.median - local.median) / count:.3f} s")


def long_article_curve(root: Path, runs: int, env: dict[str, str]) -> list[tuple[int, int, Samples]]:
    """The long article at 10, 25 and 50 pages (paragraph counts calibrated on the default theme)."""
    curve = []
    rng = random.Random(3)
    for pages in (10, 25, 50):
        folder = root / f"long-{pages}"
        folder.mkdir()
        (folder / "photo.jpg").write_bytes((root / "batch" / "news-00" / "photo.jpg").read_bytes())
        (folder / "article.md").write_text(seed_shaped(pages, pages * 6, rng, figure_every=12), encoding="utf-8")
        out = root / f"long-out-{pages}"
        samples = measure(convert_command([folder / "article.md"], out, 1), runs, env)
        curve.append((pages, pdf_pages(out / f"long-{pages}.pdf"), samples))
        print(f"  long article, target {pages} pages: {samples.median:.2f} s", flush=True)
    return curve


def report(rows: list[tuple[str, Samples, int]], curve: list[tuple[int, int, Samples]]) -> None:
    print(f"\n{'batch':42} {'median s':>9} {'s/article':>10} {'CPU s/art':>10} {'peak MiB':>9} {'load':>9}")
    print("-" * 94)
    for name, samples, count in rows:
        print(f"{name:42} {samples.median:9.2f} {samples.median / count:10.3f} {samples.cpu / count:10.3f} "
              f"{samples.peak_kib / 1024:9.0f} {samples.load:>9}")
    print(f"(CPU: user + system of every process of the run, medians; peak: the largest process; load: the 1-minute "
          f"load average over the runs, {os.cpu_count()} CPUs)")
    by_name = {name: samples.median for name, samples, _ in rows}
    one, two = by_name["convert --jobs 1 (3 formats)"], by_name["convert --jobs 2 (3 formats)"]
    count = rows[0][2]
    cpu_two = next(samples.cpu for name, samples, _ in rows if name == "convert --jobs 2 (3 formats)")
    cores = min(2, os.cpu_count() or 1)
    print(f"--jobs 2 at full use of {cores} cores and nothing else running: at best {cpu_two / count / cores:.3f} s "
          f"per article (its CPU time per article over {cores})")
    if "unchanged rebuild (--jobs 2)" not in by_name:  # --only-pool
        print(f"\ngoal: --jobs 2 per article <= 0.2 s: {two / count:.2f} -> {'met' if two / count <= 0.2 else 'NOT met'}")
        return
    plain_total = sum(v for k, v in by_name.items() if k.startswith("plain"))
    if "convert --executor dask --jobs 2" in by_name:
        dask = by_name["convert --executor dask --jobs 2"]
        print(f"\nDask LocalCluster / local pool, same batch: {dask / two:.2f}; Dask's cost per article "
              f"(its start-up spread over the batch): {(dask - two) / count:.3f} s")
    print(f"\nratio convert --jobs 2 (3 formats) / plain pipelines (3 formats): {two / plain_total:.2f}")
    print(f"ratio convert --jobs 2 / plain PDF pipeline alone: {two / by_name['plain pandoc -> HTML -> weasyprint (per article)']:.2f}")
    goals = [
        ("--jobs 2 per article <= 0.2 s", two / count, two / count <= 0.2),
        ("--jobs 2 speed-up over --jobs 1 >= 1.7x", one / two, one / two >= 1.7),
        ("unchanged rebuild <= 1 s", by_name["unchanged rebuild (--jobs 2)"], by_name["unchanged rebuild (--jobs 2)"] <= 1.0),
    ]
    print(f"\n{'long article':14} {'pdf pages':>9} {'median s':>9} {'s/page':>8} {'peak MiB':>9}")
    for target, pages, samples in curve:
        print(f"{target:>8} pages {pages:9d} {samples.median:9.2f} {samples.median / pages:8.3f} {samples.peak_kib / 1024:9.0f}")
    if curve:
        last = curve[-1]
        goals.append(("50-page article peak memory <= 600 MiB", last[2].peak_kib / 1024, last[2].peak_kib / 1024 <= 600))
        per_page = [s.median / p for _, p, s in curve]
        goals.append(("time per page at 50 within 1.3x of at 10 (linear)", per_page[-1] / per_page[0],
                      per_page[-1] / per_page[0] <= 1.3))
    print()
    for name, value, met in goals:
        print(f"goal: {name}: {value:.2f} -> {'met' if met else 'NOT met'}")


@dataclass
class WorkerMemory:
    workers: int = 0  # worker processes seen over the batch
    peak: float = 0.0  # MiB, the largest any worker reached
    by_tenth: list[float] = field(default_factory=lambda: [0.0] * 10)  # MiB, max of the live workers
    seconds: float = 0.0


def watch_workers(command: list[str], env: dict[str, str], out: Path, count: int) -> WorkerMemory:
    """Run `command`, sampling the resident memory of its worker processes (the fork server's
    children) four times a second; progress is the share of the batch's PDFs written so far."""
    import psutil
    seen = WorkerMemory()
    workers: set[int] = set()
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    parent = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            server = [p for p in parent.children() if "forkserver" in " ".join(p.cmdline())]
            live = [w for s in server for w in s.children()]
            rss = [w.memory_info().rss / 1048576 for w in live]
        except psutil.Error:
            continue
        workers.update(w.pid for w in live)
        done = len(list(out.glob("*.pdf"))) if out.is_dir() else 0
        tenth = min(9, done * 10 // max(count, 1))
        if rss:
            seen.by_tenth[tenth] = max(seen.by_tenth[tenth], *rss)
            seen.peak = max(seen.peak, *rss)
        time.sleep(0.25)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode})")
    seen.workers, seen.seconds = len(workers), time.monotonic() - start
    return seen


def memory_report(count: int, runs: str = "both") -> int:
    """Each worker's resident memory over a long PDF batch, recycled and never recycled."""
    with tempfile.TemporaryDirectory(prefix="convert-memory-") as tmp:
        root = Path(tmp)
        env = dict(os.environ, CONVERT_CACHE_DIR=str(root / "cache"))
        print(f"\n{count} articles to PDF, --jobs 2: resident memory of each worker process (MiB)", flush=True)
        make_batch(root / "batch", count, paragraphs=8)
        print(f"{'run':34} {'workers':>7} {'peak':>6}  max of the live workers at each tenth of the batch")
        for label, recycle in (("recycled (default)", None), ("never recycled", "0")):
            if runs != "both" and (recycle is None) != (runs == "recycled"):
                continue
            extra = ("--max-articles-per-worker", recycle) if recycle else ()
            out = root / f"out-{recycle or 'default'}"
            seen = watch_workers(convert_command([root / "batch"], out, 2, extra=extra, formats="pdf")[0], env,
                                 out, count)
            tenths = " ".join(f"{mib:4.0f}" for mib in seen.by_tenth)
            print(f"{label:34} {seen.workers:7d} {seen.peak:6.0f}  {tenths}   ({seen.seconds:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
