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


def _stopping_signals() -> list[int]:
    """The signals that stop a batch: SIGINT, and SIGTERM where this process handles it (the command
    does: `launch.command`); a library caller's SIGTERM, default or its own handler, is left alone."""
    heard = [signal.SIGINT]
    if getattr(signal.getsignal(signal.SIGTERM), "__module__", "") == "convert.launch":
        heard.append(signal.SIGTERM)  # a library caller's own SIGTERM handler is theirs, untouched
    return heard


@contextlib.contextmanager
def ignoring_interrupts() -> Iterator[None]:
    """Ctrl-C (and the command's SIGTERM) ignored for the block (in the main thread): a clean-up that
    must finish; a second Ctrl-C waits for it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in _stopping_signals()}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def children_deaf_to_interrupts() -> Iterator[None]:
    """Processes started in the block inherit Ctrl-C ignored (the fork server, and so every worker forked
    from it: Ctrl-C at the terminal is the client's), while a Ctrl-C that reaches this process meanwhile
    is not lost: SIGINT is blocked first (Linux keeps a blocked signal pending even while it is ignored),
    and delivered, to the handler restored, when the block ends."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        with ignoring_interrupts():
            yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextlib.contextmanager
def deferring_interrupts() -> Iterator[None]:
    """Ctrl-C (and the command's SIGTERM) held back until the block is done (in the main thread), then
    handled as it would have been: an edition written is an edition recorded in the manifest and
    reported built, never one without the others. A block inside another holds it back for the outer
    one. A signal this process ignores (a background job's SIGINT, in a library caller) stays ignored."""
    if threading.current_thread() is not threading.main_thread() or _deferring:
        yield
        return
    heard: list[int] = []
    previous = {signum: signal.getsignal(signum) for signum in _stopping_signals()}
    previous = {signum: handler for signum, handler in previous.items() if handler is not signal.SIG_IGN}
    for signum in previous:
        signal.signal(signum, lambda signum, frame: heard.append(signum))
    _deferring.append(True)
    try:
        yield
    finally:
        _deferring.pop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if heard:
        handler = previous.get(heard[0])
        if callable(handler):
            handler(heard[0], None)  # KeyboardInterrupt, or what the command makes of SIGTERM
        raise KeyboardInterrupt


_deferring: list[bool] = []  # a deferring block is open (in the main thread)
