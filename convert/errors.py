"""Errors and warnings that name the article they are about."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

log = logging.getLogger("convert")


class ConvertError(Exception):
    """A problem with one input that stops its conversion; str() is a one-line message."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.path}: {self.problem}")


class UsageError(Exception):
    """The caller asked for something that cannot be done (unknown format, bad option)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM reached the `convert` command: it stops as for Ctrl-C (workers stopped, editions kept,
    the manifest written), and exits with 143."""

    signum = 15


def raise_terminated(signum: int, frame: object) -> None:
    """The command's SIGTERM handler."""
    raise Terminated()


_collector: ContextVar[list[str] | None] = ContextVar("convert_warnings", default=None)
_about: ContextVar[str] = ContextVar("convert_warning_subject", default="")


def warn(message: str) -> None:
    """Record a warning for the article being converted, and log it."""
    message = " ".join(message.split())
    if subject := _about.get():
        name = subject.replace("\\", "/").rsplit("/", 1)[-1]
        message = f"{subject}: {message.removeprefix(name + ': ') if name else message}"  # the file named once
    collected = _collector.get()
    if collected is not None and message not in collected:
        collected.append(message)
    log.warning(message)


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """Collect the warnings raised inside the block into the yielded list."""
    collected: list[str] = []
    token = _collector.set(collected)
    try:
        yield collected
    finally:
        _collector.reset(token)


@contextmanager
def about(subject: str) -> Iterator[None]:
    """Warnings raised inside the block name `subject` first: in an edition of many articles, the
    article they belong to."""
    token = _about.set(subject)
    try:
        yield
    finally:
        _about.reset(token)
