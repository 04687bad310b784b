"""One article's editions built in memory (`run_job`): the unit of work a batch hands to its executor.

A `Job` carries everything a worker needs, so that a worker in another process or on another
machine builds exactly what the client would: the theme itself (not its name: a user's theme file is
not on the worker), the options, SOURCE_DATE_EPOCH as the client sees it, and, when the worker does
not share the client's disk, the article's bytes and local images (`bundle`). The worker returns the
editions' bytes; the client writes them and keeps the manifest.
"""
from __future__ import annotations

import logging
import os
import signal
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ConvertError, UsageError, collect_warnings
from ..readers import is_url
from ..resources import file_digest
from . import single
from .bundle import Bundle, unpacked
from .single import Options, one_line_failure
from .warm import warm_up


@dataclass(frozen=True)
class Job:
    article: Path | str  # as the client names it (a str: the address of a web page)
    stem: str
    formats: tuple[str, ...]
    theme: Any  # a loaded Theme
    options: Options
    source_date_epoch: int | None = None
    bundle: Bundle | None = None  # set when the worker may not share the client's disk
    attempt: int = 1


@dataclass
class Edition:
    format: str
    data: bytes | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class JobResult:
    editions: list[Edition]
    article_digest: str | None = None  # of the bytes that were read
    local_reads: dict[str, str | None] = field(default_factory=dict)  # file -> sha256 (None: absent)
    relative_reads: bool = False  # local_reads are relative to the article's folder (a bundle's)
    retry: bool = False  # a remote image failed: worth another try next time


def run_job(job: Job) -> JobResult:
    """Every requested edition of one article, in memory. Faults of the article are in the result."""
    if job.bundle is None:
        return _build(job, job.article)
    if job.bundle.problem:  # the client could not pack the article: refused unread there
        return JobResult([Edition(fmt, error=job.bundle.problem) for fmt in job.formats])
    with unpacked(job.bundle) as private:
        result = _build(job, private)
        root = private.parent.resolve()
        result.local_reads = {Path(path).relative_to(root).as_posix(): digest
                              for path, digest in result.local_reads.items() if Path(path).is_relative_to(root)}
        result.relative_reads = True
        for edition in result.editions:  # messages name the article as the client knows it
            edition.warnings = [w.replace(str(private), str(job.article)) for w in edition.warnings]
    return result


def _build(job: Job, path: Path | str) -> JobResult:
    url = is_url(path)
    warming = None if url else warm_up(Path(path), job.formats)  # imports, while pandoc reads the article
    try:
        return _built(job, path, url)
    finally:
        if warming is not None:
            warming.join()  # nothing of it outlives the job


def _built(job: Job, path: Path | str, url: bool) -> JobResult:
    digest = None if url else file_digest(Path(path))  # before reading: an edit during the build must not look built
    with collect_warnings() as read_warnings:
        try:
            read, document = single.load(path, job.options)
        except ConvertError as exc:
            return JobResult([Edition(fmt, error=exc.problem, warnings=list(read_warnings)) for fmt in job.formats],
                             digest)
        except Exception as exc:  # a bug must not take the batch down
            return JobResult([Edition(fmt, error=one_line_failure("internal error", exc)) for fmt in job.formats],
                             digest)
        if not url:
            read = replace(read, path=Path(job.article))  # what the writers may name; the folder stays `path`'s
        gate, document = single.gate_for(read, document, job.options)
    editions = []
    for fmt in job.formats:
        edition = Edition(fmt)
        with collect_warnings() as warnings:
            try:
                ctx = single.context(read, job.theme, job.options, gate, fmt, job.source_date_epoch)
                edition.data = single.render(document, fmt, ctx)
            except (ConvertError, UsageError) as exc:
                edition.error = str(exc) if isinstance(exc, UsageError) else exc.problem
            except Exception as exc:
                edition.error = one_line_failure(f"{fmt} writer failed", exc)
        edition.warnings = list(dict.fromkeys(read_warnings + warnings))
        editions.append(edition)
    return JobResult(editions, digest, {str(p): d for p, d in sorted(gate.local_reads.items())},
                     retry=bool(gate.remote_failures))


def quiet_worker(ignore_interrupt: bool = True) -> None:
    """Set up a worker process: warnings travel back in the results (the client prints them with
    their article). With `ignore_interrupt`, Ctrl-C at the terminal is the client's alone: the worker
    ignores it and leaves the terminal's process group, so that the programs it runs (pandoc) do not
    get it either and die mid-article; the client stops its workers itself."""
    logger = logging.getLogger("convert")
    logger.handlers[:] = [logging.NullHandler()]
    logger.propagate = False
    if ignore_interrupt:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            os.setpgrp()
        except (ValueError, OSError):  # not the main thread; not allowed here
            pass
