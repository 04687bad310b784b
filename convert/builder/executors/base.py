"""What an executor is: somewhere to run a batch's jobs, one article each, that hands back each
job's result, or `Lost` when the worker running it died (killed, out of memory).

`run_jobs` drives any executor the same way: it keeps a bounded number of jobs in flight (so a
batch of 100,000 articles never holds 100,000 articles' bytes at once), gives a job whose worker died
one more try, and then reports it lost; every other article of the batch goes on.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from abc import ABC, abstractmethod
from collections import deque
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from ..job import Job, JobResult

JobFunction = Callable[[Job], JobResult]
ATTEMPTS = 2  # a job whose worker dies is tried once more, then reported


class ExecutorFailed(Exception):
    """The executor cannot go on (its cluster is gone); the batch stops and says why."""


@dataclass(frozen=True)
class Lost:
    """The worker running a job died before it answered."""

    reason: str


class Executor(ABC):
    """Runs jobs and hands back their results in the order they finish."""

    name: str = ""
    shares_disk: bool = True  # False: jobs carry the article's files (`Job.bundle`)

    def __enter__(self) -> Executor:
        self.start()
        return self

    def __exit__(self, kind: object, exc: object, traceback: object) -> None:
        self.close(cancel=exc is not None)

    def start(self) -> None:
        """Get ready (start workers, connect); raise UsageError when that cannot be done."""

    @property
    @abstractmethod
    def capacity(self) -> int:
        """How many jobs to keep in flight."""

    @property
    @abstractmethod
    def description(self) -> str:
        """Where the jobs run, for people: 'a local pool of 2 workers'."""

    @abstractmethod
    def submit(self, function: JobFunction, job: Job) -> None: ...

    @abstractmethod
    def next_done(self) -> tuple[Job, JobResult | Lost]:
        """Block until a submitted job finishes; its result, or Lost."""

    @abstractmethod
    def close(self, cancel: bool = False) -> None:
        """Stop; with `cancel`, drop the jobs still in flight instead of waiting for them."""


FollowUp = Callable[[Job, JobResult], "Job | None"]


def run_jobs(executor: Executor, function: JobFunction, jobs: Iterable[Job],
             follow_up: FollowUp | None = None) -> Iterator[tuple[Job, JobResult | Lost]]:
    """Each job's final result, as jobs finish. A job that comes back Lost is submitted again
    until it has had ATTEMPTS tries; `follow_up` may answer a result with a job to run instead."""
    waiting = deque(jobs)
    in_flight = 0
    while waiting or in_flight:
        while waiting and in_flight < executor.capacity:
            executor.submit(function, waiting.popleft())
            in_flight += 1
        job, result = executor.next_done()
        in_flight -= 1
        if isinstance(result, Lost):
            if job.attempt < ATTEMPTS:
                waiting.appendleft(replace(job, attempt=job.attempt + 1))
                continue
        elif follow_up is not None:
            again = follow_up(job, result)
            if again is not None:
                waiting.appendleft(again)
                continue
        yield job, result


@contextlib.contextmanager
def ignoring_interrupts() -> Iterator[None]:
    """Ctrl-C ignored for the block (in the main thread): a clean-up that must finish, or the start of
    worker processes, which inherit the ignoring and so leave Ctrl-C at the terminal to the client."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def deferring_interrupts() -> Iterator[None]:
    """Ctrl-C held back until the block is done (in the main thread), then raised: an edition written
    is an edition recorded in the manifest and reported built, never one without the others. A block
    inside another holds it back for the outer one."""
    if threading.current_thread() is not threading.main_thread() or _deferring:
        yield
        return
    heard: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: heard.append(signum))
    _deferring.append(True)
    try:
        yield
    finally:
        _deferring.pop()
        signal.signal(signal.SIGINT, previous)
    if heard:
        raise KeyboardInterrupt


_deferring: list[bool] = []  # a deferring block is open (in the main thread)
