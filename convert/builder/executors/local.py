"""This machine: the calling process itself (`InProcess`), or a pool of worker processes (`LocalPool`).

The pool is Pebble's, not concurrent.futures': when a worker of a ProcessPoolExecutor dies, the whole
pool breaks and every pending article fails with it, while Pebble fails only the job that worker was
running and starts a new worker. Pebble also retires a worker after `max_tasks` jobs, which is how a
worker is recycled before WeasyPrint's caches grow large.

Workers start from a fork server that has imported convert and the requested writers once, so a new
worker (at the start, after a recycle, after a death) costs a fork, not an import; the fork server is
a clean single-threaded process, which forking the client (with its progress bar and pool threads)
is not. Workers ignore Ctrl-C: the client stops them.
"""
from __future__ import annotations

import gc
import os
import signal
import threading
from collections import deque
from typing import TYPE_CHECKING, Sequence

from ... import registry
from ..job import Job, JobResult, quiet_worker
from .base import Executor, JobFunction, Lost, children_deaf_to_interrupts, deferring_interrupts

if TYPE_CHECKING:
    from concurrent.futures import Future

# rjieba builds jieba's dictionary (350,000 words, ~0.15 s) when imported: once in the fork server, every
# worker (and every recycled one) inherits it instead of building its own for its first Chinese heading.
PRELOAD = ["convert.builder.job", "rjieba"]

# After a stop, Pebble's join has been seen to wait for ever (its issues #147 and #153: a channel lock a
# killed worker held, a task left on a worker already stopped): wait this long, then end the workers here.
STOP_WAIT_S = 15.0
WORKER_NAME = "pebble_pool_worker"  # the name Pebble gives its workers (Process.name)


class InProcess(Executor):
    """Jobs run one at a time in the calling process (`--jobs 1` for a batch that fits one worker)."""

    name = "local"

    def __init__(self) -> None:
        self._queue: deque[tuple[JobFunction, Job]] = deque()

    @property
    def capacity(self) -> int:
        return 1

    @property
    def description(self) -> str:
        return "this process"

    def submit(self, function: JobFunction, job: Job) -> None:
        self._queue.append((function, job))

    def next_done(self) -> tuple[Job, JobResult | Lost]:
        function, job = self._queue.popleft()
        return job, function(job)

    def close(self, cancel: bool = False) -> None:
        self._queue.clear()


class LocalPool(Executor):
    """`workers` processes on this machine, each replaced after `max_articles` articles (0: never)."""

    name = "local"

    def __init__(self, workers: int, max_articles: int = 0, formats: Sequence[str] = ()) -> None:
        self.workers = workers
        self.max_articles = max_articles
        self.formats = list(formats)
        self._pool = None
        self._futures: dict[Future, Job] = {}

    @property
    def capacity(self) -> int:
        return 2 * self.workers

    @property
    def description(self) -> str:
        return f"a local pool of {self.workers} worker{'s' if self.workers > 1 else ''}"

    def start(self) -> None:
        import multiprocessing

        import pebble

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD + _writer_modules(self.formats))
        from multiprocessing import forkserver, resource_tracker

        resource_tracker.ensure_running()  # first: it blocks and unblocks SIGINT itself
        with children_deaf_to_interrupts():  # the fork server, and every worker forked from it, start deaf to Ctrl-C
            forkserver.ensure_running()
        self._pool = pebble.ProcessPool(max_workers=self.workers, max_tasks=self.max_articles,
                                        initializer=_start_worker, initargs=(self.formats,), context=context)

    def submit(self, function: JobFunction, job: Job) -> None:
        assert self._pool is not None, "start() first"
        # The first schedule starts the workers in this thread: a Ctrl-C inside a worker's start (its
        # start-up data half sent) made it print a traceback; it is held back until the start is done.
        with deferring_interrupts():
            self._futures[self._pool.schedule(function, (job,))] = job

    def next_done(self) -> tuple[Job, JobResult | Lost]:
        from concurrent.futures import FIRST_COMPLETED, wait

        done, _ = wait(self._futures, return_when=FIRST_COMPLETED)
        future = next(iter(done))
        job = self._futures.pop(future)
        try:
            return job, future.result()
        except Exception as exc:
            return job, Lost(_why(exc))

    def close(self, cancel: bool = False) -> None:
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        self._futures.clear()
        if not cancel:
            pool.close()
            pool.join()
            return
        pool.stop()
        _joined(pool, STOP_WAIT_S)
        # Then whatever worker is still alive (its join never returned, or Pebble was starting it as the
        # pool stopped) is ended here, while the pool and its semaphores still exist: a worker that read
        # its start-up data after they were gone printed a traceback (FileNotFoundError, SemLock).
        _kill_workers()


def _start_worker(formats: list[str]) -> None:
    """Each worker: quiet, deaf to Ctrl-C, and with its writers imported before its first article."""
    quiet_worker()
    for fmt in formats:
        try:
            registry.get(fmt)
        except Exception:  # each article will report it; a worker that cannot start would stop the pool
            pass
    # What the worker holds now (modules, the fork server's imports) lives as long as it does: the
    # collector need not walk it at every full collection (a few per cent of an article's CPU, and
    # walking would copy the pages shared with the fork server).
    gc.collect()
    gc.freeze()


def _joined(pool: object, timeout: float) -> bool:
    """Whether the stopped pool's join returned within `timeout` (it runs on a daemon thread, which a
    join that never returns does not keep from exiting)."""
    joiner = threading.Thread(target=pool.join, name="convert-pool-join", daemon=True)  # type: ignore[attr-defined]
    joiner.start()
    joiner.join(timeout)
    return not joiner.is_alive()


def _kill_workers() -> None:
    """SIGKILL the pool's workers still alive, and reap them (multiprocessing would otherwise wait for
    them at exit: they are not daemons)."""
    import multiprocessing

    for child in multiprocessing.active_children():
        if child.name == WORKER_NAME:
            child.kill()
            child.join(5)


def _writer_modules(formats: Sequence[str]) -> list[str]:
    """The writers' modules and the libraries they import on first use (python-docx): imported once, by
    the fork server, instead of by every worker (and every recycled one) for its first article."""
    writers = [registry.get(fmt) for fmt in formats]
    return list(dict.fromkeys([*(writer.write.__module__ for writer in writers),
                               *(library for writer in writers for library in writer.libraries)]))


def _why(exc: BaseException) -> str:
    code = getattr(exc, "exitcode", None)
    if isinstance(code, int) and code < 0:
        try:
            return f"its worker process was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"its worker process was killed by signal {-code}"
    if code is not None:
        return f"its worker process exited with status {code}"
    return " ".join(f"its worker failed: {type(exc).__name__}: {exc}".split())


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
