"""Many articles to many editions (`build`): checked, planned, run on an executor, written here.

Before any work: the request is checked (formats, options, theme, executor, output folder, inputs that
would collide). Editions whose inputs are unchanged since the last build into the output folder are
skipped (`manifest`). The rest go to an executor (`executors`: this machine's worker processes, or
Dask) one article per job; each result comes back as bytes and is written here, atomically, so the
client alone writes the output folder and its manifest, whichever executor built the editions.

Ctrl-C stops a batch cleanly: workers are stopped, every edition already written stays, the manifest
records them, and `BatchInterrupted` (a KeyboardInterrupt) carries the outcomes so far.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from .. import forks
from ..errors import UsageError
from ..readers import is_url
from ..resources import cache_dir
from ..theme import load_theme
from .bundle import bundle_article, missing_files
from .executors import ATTEMPTS, ExecutorFailed, Lost, check_spec, default_workers, executor_for, run_jobs
from .executors.base import deferring_interrupts, ignoring_interrupts
from .job import Job, JobResult, run_job
from .manifest import Manifest, edition_key
from .outputs import (article_key, check_output_folder, check_outputs, edition_path, find_articles, output_names,
                      write_atomic)
from .single import Options, Outcome, check_writer_options, formats_from, source_date_epoch

ProgressHook = Callable[[Outcome], None]
MAX_ARTICLES_PER_WORKER = 200  # a worker process is replaced after this many articles (0: never)
MANIFEST_EVERY_S = 60.0  # a long batch records what it built this often, not only at its end
RESHIPS = 2  # times an article is sent again with local files its worker asked for


@dataclass(frozen=True)
class Plan:
    """What a batch will do, known once the manifest has been consulted."""

    articles: int  # found among the inputs
    up_to_date: int  # articles with nothing to build
    to_build: int  # articles with at least one edition to build
    editions: int  # editions to build
    formats: tuple[str, ...]
    where: str = ""  # the executor, for people ("a local pool of 2 workers")


class BatchEvents(Protocol):
    def planned(self, plan: Plan) -> None: ...

    def article_done(self, article: Path, outcomes: list[Outcome]) -> None: ...


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the batch after it had cleaned up; `outcomes` covers every article
    (those not reached are marked `interrupted`)."""

    def __init__(self, outcomes: list[Outcome], signum: int = 2) -> None:
        super().__init__("the batch was interrupted")
        self.outcomes = outcomes
        self.signum = signum  # SIGINT (Ctrl-C), or SIGTERM (`errors.Terminated`)


def default_jobs() -> int:
    return default_workers()


def build(inputs: Sequence[Path | str], formats: Sequence[str], outdir: Path | str = "dist",
          options: Options | None = None, progress: ProgressHook | None = None, *,
          jobs: int | None = None, force: bool = False, executor: str = "local",
          max_articles_per_worker: int = MAX_ARTICLES_PER_WORKER,
          events: BatchEvents | None = None) -> list[Outcome]:
    """Convert every article found in `inputs` to every format into `outdir`.

    Never raises for one bad article (its Outcome carries the error); raises UsageError, before any
    work, for a request that cannot be carried out. Editions whose inputs are unchanged since the
    last build into `outdir` are skipped unless `force`. `executor` is `local` (`jobs` worker
    processes; default: one per core), `dask` (a Dask LocalCluster of `jobs` workers) or
    `dask://HOST:PORT` (a running Dask scheduler). Workers are replaced after
    `max_articles_per_worker` articles (0: never). Ctrl-C raises BatchInterrupted after clean-up.
    """
    options = options or Options()
    if jobs is not None and jobs < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs}")
    if max_articles_per_worker < 0:
        raise UsageError(f"max_articles_per_worker must be 0 (never) or more, not {max_articles_per_worker}")
    check_spec(executor)
    theme = load_theme(options.theme)
    names = formats_from(formats)
    check_writer_options(options, names)
    out = Path(outdir)
    check_output_folder(out)
    articles = find_articles(inputs, exclude=out)
    manifest = Manifest(out)
    entries = manifest.load()
    stems = output_names(articles, manifest.claimed(entries))  # never another run's article's editions
    check_outputs(articles, [edition_path(out, stems[a], fmt) for a in articles for fmt in names])

    _remove_stale_parts(out)
    results: dict[Path | str, list[Outcome]] = {article: [] for article in articles}
    pending: list[Job] = []
    epoch = source_date_epoch()
    for article in articles:
        stale = []
        for fmt in names:
            target = edition_path(out, stems[article], fmt)
            # A page from the web may have changed since: it is always fetched and built again.
            if not force and not is_url(article) and manifest.is_fresh(entries, target, fmt, theme, options, article):
                results[article].append(Outcome(article, fmt, target, target.stat().st_size, up_to_date=True))
            else:
                stale.append(fmt)
        if stale:
            pending.append(Job(article, stems[article], tuple(stale), theme, options, epoch))
    if len(pending) > 1:
        forks.forbid()  # children per article cost this process more than they save (`forks.forbid`)
    order = {fmt: index for index, fmt in enumerate(names)}

    def in_order() -> list[Outcome]:
        return [o for article in articles for o in sorted(results[article], key=lambda o: order[o.format])]

    runner = _Runner(out, manifest, theme, options, progress, events)
    plan = Plan(len(articles), len(articles) - len(pending), len(pending), sum(len(job.formats) for job in pending),
                tuple(names))
    for article in articles:  # the up-to-date ones are done already
        if results[article] and len(results[article]) == len(names):
            runner.report(article, results[article], quiet=True)
    if not pending:
        if events:
            events.planned(plan)
        return in_order()
    where = executor_for(executor, jobs, max_articles_per_worker, names, len(pending))
    if where.shares_disk and not options.cache_dir:  # workers see the client's cache, whatever their environment
        pending = [replace(job, options=replace(options, cache_dir=cache_dir())) for job in pending]
    stopped: BaseException | None = None
    cancel = True
    try:
        where.start()  # UsageError (cannot reach the scheduler, ...) before any edition is built
        if events:
            events.planned(replace(plan, where=where.description))
        jobs_in = (job if where.shares_disk or is_url(job.article)  # a web page is fetched by its worker
                   else replace(job, bundle=bundle_article(job.article)) for job in pending)
        for job, result in run_jobs(where, _job_function(), jobs_in,
                                    follow_up=None if where.shares_disk else runner.reship):
            with deferring_interrupts():  # the editions written are the editions reported built
                results[job.article].extend(runner.write(job, result))
            runner.report(job.article, results[job.article])
            if time.monotonic() - runner.flushed > MANIFEST_EVERY_S:
                runner.flush()
        cancel = False
    except (KeyboardInterrupt, ExecutorFailed) as exc:
        stopped = exc
    finally:
        with ignoring_interrupts():  # the clean-up must finish: a second Ctrl-C waits for it
            runner.flush()
            where.close(cancel=cancel)
    if stopped is not None:
        why = ("not built: the batch was interrupted" if isinstance(stopped, KeyboardInterrupt)
               else f"not built: {stopped}")
        for job in pending:
            done = {o.format for o in results[job.article]}
            results[job.article].extend(Outcome(job.article, fmt, error=why, interrupted=True)
                                        for fmt in job.formats if fmt not in done)
        if isinstance(stopped, KeyboardInterrupt):
            raise BatchInterrupted(in_order(), getattr(stopped, "signum", 2)) from None
    return in_order()


def build_article(article: Path | str, formats: Sequence[str], outdir: Path | str, stem: str,
                  options: Options) -> list[Outcome]:
    """Every requested edition of one article, written into `outdir` in this process; errors end up in
    the outcomes, never raised. (The manifest is the batch's to keep.)"""
    theme = load_theme(options.theme)
    job = Job(article if is_url(article) else Path(article), stem, tuple(formats_from(formats)), theme, options,
              source_date_epoch())
    return _Runner(Path(outdir), Manifest(Path(outdir)), theme, options, None, None).write(job, run_job(job))


def _job_function() -> Callable[[Job], JobResult]:
    return run_job


class _Runner:
    """The client's side of a running batch: writes results, keeps the manifest, reports progress."""

    def __init__(self, out: Path, manifest: Manifest, theme: Any, options: Options,
                 progress: ProgressHook | None, events: BatchEvents | None) -> None:
        self.out, self.manifest, self.theme, self.options = out, manifest, theme, options
        self.progress, self.events = progress, events
        self.entries: dict[str, Any] = {}
        self.flushed = time.monotonic()
        self.reships: dict[Path, int] = {}

    def write(self, job: Job, result: JobResult | Lost) -> list[Outcome]:
        if isinstance(result, Lost):
            return [Outcome(job.article, fmt, error=f"not built: {result.reason} (tried {ATTEMPTS} times)")
                    for fmt in job.formats]
        deps = self._deps(job, result)
        outcomes = []
        for edition in result.editions:
            outcome = Outcome(job.article, edition.format, warnings=edition.warnings, error=edition.error)
            if edition.data is not None and edition.error is None:
                target = edition_path(self.out, job.stem, edition.format)
                key = edition_key(edition.format, self.theme, self.options, result.article_digest, deps)
                with deferring_interrupts():  # an edition written is an edition recorded
                    try:
                        write_atomic(target, edition.data)
                    except OSError as exc:
                        outcome.error = f"cannot write {target}: {exc.strerror or exc}"
                    else:
                        outcome.output, outcome.size = target, len(edition.data)
                        outcome.deps, outcome.key, outcome.retry = deps, key, result.retry
                        self.entries[target.name] = {"key": key, "size": outcome.size, "deps": deps,
                                                     "source": str(job.article), "retry": outcome.retry,
                                                     "article": article_key(job.article)}
            outcomes.append(outcome)
        return outcomes

    @staticmethod
    def _deps(job: Job, result: JobResult) -> dict[str, str | None]:
        """The local files the build read, as the client's paths (a bundle's are relative to the folder)."""
        if not result.relative_reads:
            return dict(sorted(result.local_reads.items()))
        root = job.article.absolute().parent.resolve()
        return dict(sorted((str((root / relative).resolve()), digest)
                           for relative, digest in result.local_reads.items()))

    def reship(self, job: Job, result: JobResult) -> Job | None:
        """A worker without the client's disk asked for local files the bundle lacked: send them."""
        if job.bundle is None or self.reships.get(job.article, 0) >= RESHIPS:
            return None
        asked = [relative for relative, digest in result.local_reads.items() if digest is None]
        wanted = missing_files(job.article, job.bundle, asked)
        if not wanted:
            return None
        self.reships[job.article] = self.reships.get(job.article, 0) + 1
        return replace(job, bundle=bundle_article(job.article, extra=[*job.bundle.files, *wanted]))

    def report(self, article: Path, outcomes: list[Outcome], quiet: bool = False) -> None:
        if self.progress:
            for outcome in outcomes:
                self.progress(outcome)
        if self.events and not quiet:
            self.events.article_done(article, outcomes)

    def flush(self) -> None:
        if self.entries:
            with self.manifest.locked() as current:
                current.update(self.entries)
            self.entries.clear()
        self.flushed = time.monotonic()


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
