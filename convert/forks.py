"""Work a lone run hands to a forked child, on the machine's other core: the `convert` command's only.

A lone article keeps one core busy and leaves the other mostly idle. Two pieces of its work need nothing
the run does meanwhile and hold the GIL while they run, so a thread would not help: building jieba's
dictionary (`segmenter`, a child that then answers calls) and drawing and encoding the EPUB's cover
(`later`, a child that makes one value and ends). A child is forked only

- in the command's own process (`allow`, from `launch.command`): a library user's process gets no child it
  did not ask for;
- while the process is single-threaded (forking a threaded process is unsafe), on a system with `os.fork`.

A child's answer is the value the same function gives in the process itself; when a child cannot give it
(it failed, it was killed, its answer does not unpickle), the work is done in the process, as it always was.
"""
from __future__ import annotations

import os
import pickle
import signal
import struct
import threading
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")
_HEADER = struct.Struct("<I")
_allowed = False


def allow() -> None:
    """Let this process fork children (the command's own process)."""
    global _allowed
    _allowed = True


def forbid() -> None:
    """No more children in this process: a batch's articles built one after another here (`--jobs 1`). A fork
    of a process that has loaded every writer costs more (~0.03 s of page tables and copied pages) than the
    cover it would draw meanwhile."""
    global _allowed
    _allowed = False


def can_fork() -> bool:
    return _allowed and hasattr(os, "fork") and threading.active_count() == 1


def fork_child(work: Callable[[int, int], None]) -> tuple[int, int, int] | None:
    """Fork a child that runs `work(requests, answers)` on its ends of two pipes and then ends; the child's
    pid and the parent's ends (requests to write, answers to read), or None when no child can be forked."""
    if not can_fork():
        return None
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for fd in (request_read, request_write, answer_read, answer_write):
            os.close(fd)
        return None
    if pid == 0:  # the child: it never returns from here
        try:
            os.close(request_write)
            os.close(answer_read)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; the pipes end us
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):  # hold no pipe a caller of the parent reads to its end
                os.dup2(devnull, fd)
            work(request_read, answer_write)
        finally:
            os._exit(0)  # none of the parent's clean-up (atexit, buffered output) runs twice
    os.close(request_read)
    os.close(answer_write)
    return pid, request_write, answer_read


class Later(Generic[T]):
    """A value being made by a child (`later`), or to be made here when there is none."""

    def __init__(self, function: Callable[[], T], child: tuple[int, int, int] | None) -> None:
        self._function, self._child = function, child

    def result(self) -> T:
        if self._child is not None:
            pid, requests, answers = self._child
            self._child = None
            try:
                ok, value = receive(answers)
            except (OSError, EOFError, pickle.PickleError):
                ok, value = False, None
            finally:
                end(pid, requests, answers)
            if ok:
                return value  # type: ignore[no-any-return]
        return self._function()

    def __del__(self) -> None:  # never asked (the edition failed first): the child's write fails, and it ends
        if self._child is not None:
            end(*self._child)
            self._child = None


def later(function: Callable[[], T]) -> Later[T]:
    """Start making `function()` in a forked child; its `result()` is the value (made here when no child could
    be forked or the child failed). The child has the process's memory as it is now: `function` needs
    nothing the process does after this call, and must not talk to another child (`segmenter`)."""

    def work(_: int, answers: int) -> None:
        try:
            answer = (True, function())
        except Exception:
            answer = (False, None)
        send(answers, answer)

    return Later(function, fork_child(work))


def end(pid: int, *fds: int) -> None:
    """Close the parent's ends of a child's pipes, then wait for the child to end (the closed pipes end it)."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def send(fd: int, value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def receive(fd: int) -> Any:
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
