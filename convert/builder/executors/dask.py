"""Dask `distributed`: a LocalCluster started for the batch, or a running scheduler (`dask://HOST:PORT`).

Workers may not share the client's disk, so every job carries its article's bytes and local images
(`shares_disk = False`); the editions come back as bytes. A worker that dies fails the job it was
running (`KilledWorker`: the LocalCluster's scheduler is told to give up at the first death, and
`run_jobs` tries the job once more); a running scheduler applies its own
`distributed.scheduler.allowed-failures` first.

Recycling: each worker process counts the articles it started; the next article to reach a worker at
its limit is handed back (`Reschedule`) and the worker closes the way Dask's own `--lifetime
--lifetime-restart` closes one (`close_gracefully(restart=True)`), once the client has collected the
editions it holds, and its nanny starts a fresh process. Workers without a nanny cannot be restarted, so they
are not recycled. (Pausing a worker instead does not hold: Dask's memory monitor resumes it.)
"""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

import dask
from distributed import (Client, Future, KilledWorker, LocalCluster, Reschedule, WorkerPlugin, as_completed,
                         get_worker)

from ...errors import UsageError
from ..job import Job, JobResult, quiet_worker
from .base import Executor, ExecutorFailed, JobFunction, Lost, children_deaf_to_interrupts

log = logging.getLogger(__name__)
PLUGIN = "convert-batch"
KEY_PREFIX = "convert-article-"
CLOSE_TIMEOUT_S = 10
WORKER_WAIT_S = 60  # how long a batch waits for a worker to (re)appear before giving up
COLLECT_WAIT_S = 60  # how long a worker due for recycling waits for the client to collect its editions


class DaskExecutor(Executor):
    name = "dask"
    shares_disk = False

    def __init__(self, address: str | None, workers: int, max_articles: int = 0) -> None:
        self.address = address
        self.workers = workers
        self.max_articles = max_articles
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._futures: dict[Future, Job] = {}
        self._finished: Any = None  # distributed.as_completed of the futures in flight
        self._token = uuid.uuid4().hex[:8]
        self._count = 0
        self._threads = workers
        self._no_worker_since: float | None = None

    @property
    def capacity(self) -> int:
        return max(4, 2 * self._threads)

    @property
    def description(self) -> str:
        where = f"the Dask scheduler at {self.address}" if self.address else "a Dask LocalCluster"
        return f"{where} ({self._threads} worker thread{'s' if self._threads != 1 else ''})"

    def start(self) -> None:
        if self.address is None:
            self._start_local()
        else:
            try:
                self._client = Client(self.address, set_as_default=False,  # Dask's connect timeout applies
                                      timeout=dask.config.get("distributed.comm.timeouts.connect"))
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
        try:
            self._client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except TimeoutError:
            self.close(cancel=True)
            raise UsageError(f"no Dask worker joined the scheduler at {self.address} "
                             f"within {WORKER_WAIT_S} s") from None
        self._check_versions()
        self._threads = sum(self._client.nthreads().values()) or 1
        self._client.register_plugin(_WorkerSetup(ignore_interrupt=self.address is None), name=PLUGIN)

    def _start_local(self) -> None:
        config = {"distributed.scheduler.allowed-failures": 0,  # run_jobs retries a job whose worker died
                  "distributed.scheduler.worker-saturation": 1.0}  # no article waits behind another on a worker
        with dask.config.set(config), children_deaf_to_interrupts():  # the workers started now inherit it
            # Dask's own errors stay off the terminal: a failed article comes back as its result and is
            # reported with it, and a Ctrl-C on a loaded machine can close the scheduler while a worker's
            # heartbeat is on its way, which a worker logs as an ERROR with a traceback.
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.CRITICAL)
            self._client = Client(self._cluster, set_as_default=False)

    def _check_versions(self) -> None:
        from ... import __version__
        assert self._client is not None
        try:
            versions = self._client.run(_convert_version)
        except Exception as exc:  # a worker that cannot import convert
            raise UsageError(f"the Dask workers cannot run convert: {type(exc).__name__}: {exc}") from None
        wrong = {worker: version for worker, version in versions.items() if version != __version__}
        if wrong:
            worker, version = next(iter(wrong.items()))
            raise UsageError(f"Dask worker {worker} has convert {version} and this client {__version__}: "
                             "the editions would depend on which worker built them")

    def submit(self, function: JobFunction, job: Job) -> None:
        assert self._client is not None, "start() first"
        self._count += 1
        future = self._client.submit(_job_on_worker, function, job, self.max_articles,
                                     key=f"{KEY_PREFIX}{self._token}-{self._count}", pure=False)
        self._futures[future] = job
        if self._finished is None:
            self._finished = as_completed([future], loop=self._client.loop)
        else:
            self._finished.add(future)

    def next_done(self) -> tuple[Job, JobResult | Lost]:
        waited = time.monotonic()
        while not self._finished.has_ready():
            time.sleep(0.02)
            if time.monotonic() - waited > 2:
                self._check_workers()
                waited = time.monotonic()
        future = next(self._finished)
        job = self._futures.pop(future)
        try:
            result = future.result()
        except KilledWorker as exc:
            result = Lost(f"its Dask worker died ({exc})")
        except Exception as exc:
            result = Lost(" ".join(f"its Dask worker failed: {type(exc).__name__}: {exc}".split()))
        future.release()
        return job, result

    def _check_workers(self) -> None:
        assert self._client is not None
        if self._client.scheduler_info().get("workers"):
            self._no_worker_since = None
        elif self._no_worker_since is None:
            self._no_worker_since = time.monotonic()
        elif time.monotonic() - self._no_worker_since > WORKER_WAIT_S:
            raise ExecutorFailed(f"no Dask worker has been connected for {WORKER_WAIT_S} s")

    def close(self, cancel: bool = False) -> None:
        if self._client is None:
            return
        try:
            if cancel and self._futures:
                self._client.cancel(list(self._futures), force=True)
            self._futures.clear()
            self._finished = None
            try:
                self._client.unregister_worker_plugin(PLUGIN)
            except Exception:  # never registered, or the scheduler is gone
                pass
        finally:
            self._client.close(timeout=CLOSE_TIMEOUT_S)
            self._client = None
            if self._cluster is not None:
                self._cluster.close(timeout=CLOSE_TIMEOUT_S)
                self._cluster = None


class _WorkerSetup(WorkerPlugin):
    """On each worker, including those a nanny restarts: warnings travel back in the results instead
    of being logged there, and a LocalCluster's workers leave Ctrl-C at the terminal to the client."""

    def __init__(self, ignore_interrupt: bool) -> None:
        self.ignore_interrupt = ignore_interrupt

    def setup(self, worker: Any) -> None:
        quiet_worker(ignore_interrupt=self.ignore_interrupt)


_articles_started = 0  # in this worker process


def _job_on_worker(function: JobFunction, job: Job, max_articles: int) -> JobResult:
    """`function(job)` on a worker that has started fewer than `max_articles` articles. A worker at
    its limit hands the job back (Dask's `Reschedule`: no failure, another worker takes it) and closes
    the way `--lifetime-restart` closes one; its nanny starts a fresh process. Checking when the next
    article arrives, not when the last one ends, means no article is ever cut short by the recycling."""
    global _articles_started
    worker = get_worker()
    if max_articles and _articles_started >= max_articles and worker.nanny:
        if not getattr(worker, "_convert_recycling", False):
            worker._convert_recycling = True
            worker.loop.add_callback(_close_when_collected, worker,
                                     f"convert: recycled after {_articles_started} articles")
        raise Reschedule()
    _articles_started += 1
    return function(job)


async def _close_when_collected(worker: Any, reason: str) -> None:
    """Restart `worker` once the client has collected the editions it still holds. A graceful close
    moves held results to other workers, but on a loaded machine the scheduler can recompute one
    instead, and its article is then built twice; waiting costs at most `COLLECT_WAIT_S`."""
    deadline = time.monotonic() + COLLECT_WAIT_S
    while len(worker.data) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await worker.close_gracefully(restart=True, reason=reason)


def _convert_version() -> str:
    from convert import __version__
    return __version__
