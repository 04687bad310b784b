"""jieba's dictionary built in a process of its own while a lone run reads its Chinese article.

rjieba builds its dictionary (350,000 words, ~0.09 s of CPU) when it is imported, in one call that holds
the GIL: on the warm-up thread (`builder.warm`) it stalled the thread that starts pandoc and reads the
article for as long, so a lone run waited for it. `start` forks a child instead, which builds the
dictionary on the other core while pandoc runs, then does the run's segmentation (`run`) and sends the
answers back over a pipe: a few dozen calls per article, each a heading's or a paragraph's words.

Only the `convert` command forks (`allow`, from `launch.command`: a library user's process gets no child it
did not ask for), only while it is single-threaded (forking a threaded process is unsafe), on a system with
`os.fork`, once: a batch's workers load rjieba themselves (`executors.local.PRELOAD`), and a Dask worker
has threads. Whenever the child cannot answer (it failed, it was killed), `run` does the
work in the process itself, as it always did; what it answers is the same either way.
"""
from __future__ import annotations

import atexit
import os
import pickle
import signal
import struct
import sys
import threading
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_HEADER = struct.Struct("<I")


class _Child:
    """The parent's end of the pipes to the segmenting child."""

    def __init__(self, pid: int, requests: int, answers: int) -> None:
        self.pid, self.requests, self.answers = pid, requests, answers
        self.lock = threading.Lock()  # one call at a time on the pipes (the writers of a job may be threads)

    def close(self) -> None:
        for fd in (self.requests, self.answers):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)  # it ends on the closed pipe
        except ChildProcessError:
            pass


_child: _Child | None = None
_allowed = False


def allow() -> None:
    """Let `start` fork: the command's own process, never a library user's."""
    global _allowed
    _allowed = True


def running() -> bool:
    """Whether a child was forked (it may have died since: `run` then does the work here)."""
    return _child is not None


def start(load: Callable[[], None]) -> bool:
    """Fork a child that runs `load` (builds the dictionary) and then answers `run`'s calls; whether
    there is one now."""
    global _child
    if _child is not None:
        return True
    if not _allowed or not hasattr(os, "fork") or threading.active_count() != 1 or "rjieba" in sys.modules:
        return False
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (request_read, request_write, answer_read, answer_write):
            os.close(fd)
        return False
    if pid == 0:  # the child: it never returns from here
        os.close(request_write)
        os.close(answer_read)
        _serve(load, request_read, answer_write)
    os.close(request_read)
    os.close(answer_write)
    _child = _Child(pid, request_write, answer_read)
    atexit.register(_stop)
    return True


def run(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)`, done by the child when there is one (`function` a module-level function, named
    by reference), else here."""
    global _child
    child = _child
    if child is not None:
        with child.lock:
            try:
                _send(child.requests, (function, args))
                ok, value = _receive(child.answers)
            except (OSError, EOFError, pickle.PickleError):
                ok, value = False, None
        if ok:
            return value  # type: ignore[no-any-return]
        if _child is child:  # it is gone, or failed: the rest of the run segments here
            _child = None
            child.close()
    return function(*args)


def _stop() -> None:
    global _child
    if _child is not None:
        _child.close()
        _child = None


def _serve(load: Callable[[], None], requests: int, answers: int) -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; the pipe ends us
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # hold no pipe a caller of the parent reads to its end
            os.dup2(devnull, fd)
        load()
        while True:
            try:
                function, args = _receive(requests)
            except EOFError:
                break
            try:
                answer = (True, function(*args))
            except Exception:
                answer = (False, None)
            _send(answers, answer)
    finally:
        os._exit(0)  # none of the parent's clean-up (atexit, buffered output) runs twice


def _send(fd: int, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> Any:
    (size,) = _HEADER.unpack(_read(fd, _HEADER.size))
    return pickle.loads(_read(fd, size))


def _read(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
