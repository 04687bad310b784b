"""jieba's dictionary built in a process of its own while a lone run reads its Chinese article.

rjieba builds its dictionary (350,000 words, ~0.09 s of CPU) when it is imported, in one call that holds
the GIL: on the warm-up thread (`builder.warm`) it stalled the thread that starts pandoc and reads the
article for as long, so a lone run waited for it. `start` forks a child instead, which builds the
dictionary on the other core while pandoc runs, then does the run's segmentation (`run`) and sends the
answers back over a pipe: a few dozen calls per article, each a heading's or a paragraph's words.

Only the `convert` command forks, only while it is single-threaded (`forks`), once: a batch's workers load
rjieba themselves (`executors.local.PRELOAD`), and a Dask worker has threads. Whenever the child cannot answer
(it failed, it was killed), `run` does the work in the process itself, as it always did; what it answers is
the same either way.
"""
from __future__ import annotations

import atexit
import os
import pickle
import sys
import threading
from typing import Any, Callable, TypeVar

from . import forks

T = TypeVar("T")


class _Child:
    """The parent's end of the pipes to the segmenting child."""

    def __init__(self, pid: int, requests: int, answers: int) -> None:
        self.pid, self.requests, self.answers = pid, requests, answers
        self.lock = threading.Lock()  # one call at a time on the pipes (the writers of a job may be threads)
        self.owner = os.getpid()  # a process forked from it (`forks.later`) shares the pipes: it must not talk

    def close(self) -> None:
        forks.end(self.pid, self.requests, self.answers)


_child: _Child | None = None


def running() -> bool:
    """Whether a child was forked (it may have died since: `run` then does the work here)."""
    return _child is not None


def start(load: Callable[[], None]) -> bool:
    """Fork a child that runs `load` (builds the dictionary) and then answers `run`'s calls; whether
    there is one now."""
    global _child
    if _child is not None:
        return True
    if "rjieba" in sys.modules:
        return False
    child = forks.fork_child(lambda requests, answers: _serve(load, requests, answers))
    if child is None:
        return False
    _child = _Child(*child)
    atexit.register(_stop)
    return True


def run(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)`, done by the child when there is one (`function` a module-level function, named
    by reference), else here."""
    global _child
    child = _child
    if child is not None and child.owner == os.getpid():
        with child.lock:
            try:
                forks.send(child.requests, (function, args))
                ok, value = forks.receive(child.answers)
            except (OSError, EOFError, pickle.PickleError):
                ok, value = False, None
        if ok:
            return value  # type: ignore[no-any-return]
        if _child is child:  # it is gone, or failed: the rest of the run segments here
            _child = None
            child.close()
    return function(*args)  # (in a process forked from the owner: here too, its parent's child left alone)


def _stop() -> None:
    global _child
    if _child is not None:
        _child.close()
        _child = None


def _serve(load: Callable[[], None], requests: int, answers: int) -> None:
    load()
    while True:
        try:
            function, args = forks.receive(requests)
        except EOFError:
            break
        try:
            answer = (True, function(*args))
        except Exception:
            answer = (False, None)
        forks.send(answers, answer)
