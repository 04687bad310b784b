"""Many articles to many editions (`build`): incremental, shared among worker processes.

Editions whose inputs are unchanged since the last build into the output folder are skipped (see
`manifest`); the rest are built article by article, in this process or in a pool of forked workers
that each import their writers once (and keep WeasyPrint's fonts warm) for all their articles.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .. import registry
from ..readers import is_url
from ..theme import load_theme
from .manifest import Manifest
from .outputs import edition_path, find_articles, output_names
from .single import Options, Outcome, build_article, check_writer_options, formats_from, one_line_failure

ProgressHook = Callable[[Outcome], None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def build(inputs: Sequence[Path | str], formats: Sequence[str], outdir: Path | str = "dist",
          options: Options | None = None, progress: ProgressHook | None = None, *,
          jobs: int | None = None, force: bool = False) -> list[Outcome]:
    """Convert every article found in `inputs` to every format into `outdir`.

    Never raises for one bad article (its Outcome carries the error). Editions whose inputs are
    unchanged since the last build into `outdir` are skipped unless `force`. With `jobs` > 1 the
    articles are shared among worker processes, each keeping its writers (and WeasyPrint's fonts) warm.
    """
    options = options or Options()
    theme = load_theme(options.theme)
    names = formats_from(formats)
    check_writer_options(options, names)
    articles = find_articles(inputs)
    stems = output_names(articles)
    out = Path(outdir)
    manifest = Manifest(out)
    entries = manifest.load()
    _remove_stale_parts(out)
    results: dict[Path | str, list[Outcome]] = {}
    tasks: list[tuple[Path | str, list[str], str]] = []
    for article in articles:
        stale = []
        results[article] = []
        for fmt in names:
            target = edition_path(out, stems[article], fmt)
            # A page from the web may have changed since: it is always fetched and built again.
            if not force and not is_url(article) and manifest.is_fresh(entries, target, fmt, theme, options, article):
                outcome = Outcome(article, fmt, target, target.stat().st_size, up_to_date=True)
                results[article].append(outcome)
                if progress:
                    progress(outcome)
            else:
                stale.append(fmt)
        if stale:
            tasks.append((article, stale, stems[article]))
    workers = min(jobs or default_jobs(), len(tasks))
    for article, outcomes in _run(tasks, out, options, workers):
        results[article].extend(outcomes)
        if progress:
            for outcome in outcomes:
                progress(outcome)
    built = [o for outcomes in results.values() for o in outcomes if o.ok and not o.up_to_date]
    if built:
        with manifest.locked() as current:
            for o in built:
                current[o.output.name] = {"key": o.key, "size": o.size, "deps": o.deps,  # type: ignore[union-attr]
                                          "source": str(o.source), "retry": o.retry}
    order = {fmt: index for index, fmt in enumerate(names)}
    return [o for article in articles for o in sorted(results[article], key=lambda o: order[o.format])]


def _run(tasks: list[tuple[Path | str, list[str], str]], outdir: Path, options: Options,
         workers: int) -> Iterator[tuple[Path | str, list[Outcome]]]:
    if workers <= 1:
        for article, formats, stem in tasks:
            yield article, build_article(article, formats, outdir, stem, options)
        return
    formats = sorted({fmt for _, fmts, _ in tasks for fmt in fmts})
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker,
                             initargs=(formats, options.theme)) as pool:
        futures = {pool.submit(build_article, article, fmts, outdir, stem, options): (article, fmts)
                   for article, fmts, stem in tasks}
        for future in as_completed(futures):
            article, fmts = futures[future]
            try:
                yield article, future.result()
            except Exception as exc:  # a worker that died (killed, out of memory)
                yield article, [Outcome(article, fmt, error=one_line_failure("worker failed", exc)) for fmt in fmts]


def _warm_worker(formats: list[str], theme_name: str) -> None:
    """Import each writer once per worker process, so its set-up is paid once per batch, not per article."""
    load_theme(theme_name)
    for fmt in formats:
        registry.get(fmt)


def _remove_stale_parts(outdir: Path, older_than_s: float = 600) -> None:
    """Temporary files left by a build that was killed; a running build's are younger."""
    if not outdir.is_dir():
        return
    now = time.time()
    for part in outdir.glob(".*.part"):
        try:
            if now - part.stat().st_mtime > older_than_s:
                part.unlink()
        except OSError:
            pass
