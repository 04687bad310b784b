"""Errors and warnings that name the article they are about."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

log = logging.getLogger("convert")


# What a file name (or any text) must not bring into a message on a terminal: control characters (a
# newline forging a second line, an escape sequence clearing the screen), line and paragraph separators,
# bidi embeddings, overrides, isolates and marks (reversing the line), and the byte-order mark.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def shown(text: object) -> str:
    """`text` (a path, a message) safe to print on one line: each unsafe character (`_UNSAFE`) written
    as Python writes it in a string's repr (`\\n`, `\\x1b`, `\\u202e`); everything else as it is."""
    return _UNSAFE.sub(lambda match: repr(match.group(0))[1:-1], str(text))


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
