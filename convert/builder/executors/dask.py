"""Dask `distributed`: a LocalCluster started for the batch, or a running scheduler (`dask://HOST:PORT`).

Workers may not share the client's disk, so every job carries its article's bytes and local images
(`shares_disk = False`); the editions come back as bytes. A worker that dies fails the job it was
running (`KilledWorker`: the LocalCluster's scheduler is told to give up at the first death, and
`run_jobs` tries the job once more); a running scheduler applies its own
`distributed.scheduler.allowed-failures` first.

Recycling: a worker plugin counts the articles each worker process finished and, at the limit, closes
the worker the way Dask's own `--lifetime --lifetime-restart` does (`close_gracefully(restart=True)`):
the scheduler moves its results elsewhere, and its nanny starts a fresh process. Workers without a
nanny cannot be restarted, so they are not recycled. The plugin is removed when the batch ends.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
import uuid
from typing import Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed

from ...errors import UsageError
from ..job import Job, JobResult, quiet_worker
from .base import Executor, ExecutorFailed, JobFunction, Lost

log = logging.getLogger(__name__)
PLUGIN = "convert-batch"
KEY_PREFIX = "convert-article-"
CONNECT_TIMEOUT_S = 10
WORKER_WAIT_S = 60  # how long a batch waits for a worker to (re)appear before giving up


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
                self._client = Client(self.address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
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
        self._client.register_plugin(_WorkerSetup(self.max_articles, ignore_interrupt=self.address is None),
                                     name=PLUGIN)

    def _start_local(self) -> None:
        config = {"distributed.scheduler.allowed-failures": 0,  # run_jobs retries a job whose worker died
                  "distributed.scheduler.worker-saturation": 1.0}  # no article waits behind another on a worker
        with dask.config.set(config), _deaf_to_interrupts():  # the workers started now inherit it
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
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
        future = self._client.submit(function, job, key=f"{KEY_PREFIX}{self._token}-{self._count}", pure=False)
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
            self._client.close(timeout=CONNECT_TIMEOUT_S)
            self._client = None
            if self._cluster is not None:
                self._cluster.close(timeout=CONNECT_TIMEOUT_S)
                self._cluster = None


class _WorkerSetup(WorkerPlugin):
    """On each worker: warnings travel back instead of being logged; and a worker process that has
    finished `max_articles` articles is restarted by its nanny."""

    def __init__(self, max_articles: int, ignore_interrupt: bool) -> None:
        self.max_articles = max_articles
        self.ignore_interrupt = ignore_interrupt  # a LocalCluster's workers share the client's terminal
        self.done = 0
        self.worker: Any = None

    def setup(self, worker: Any) -> None:
        self.worker = worker
        self.done = 0
        quiet_worker(ignore_interrupt=self.ignore_interrupt)

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "memory" or start != "executing" or not str(key).startswith(KEY_PREFIX):
            return
        self.done += 1
        if self.max_articles and self.done == self.max_articles and getattr(self.worker, "nanny", None):
            self.worker.loop.add_callback(self.worker.close_gracefully, restart=True,
                                          reason=f"convert: recycled after {self.done} articles")


def _convert_version() -> str:
    from convert import __version__
    return __version__


class _deaf_to_interrupts:
    """Ctrl-C ignored while worker processes are spawned, so they start ignoring it (the client
    stops them); the client's own handling is back afterwards."""

    def __enter__(self) -> None:
        self._previous = None
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
