"""The `convert` command's entry point: what it does before it imports the library (~0.08 s).

A Chinese article needs jieba's dictionary, which takes ~0.09 s to build and holds the GIL while it does
(`segmenter`). Forked here, before the imports, the child that builds it is done by the time the
article's first heading is segmented; forked after them (`builder.warm`), it was ~0.02 s late. The
arguments are not parsed yet, so the article is guessed: the one argument that names an existing text
article (by its suffix). A wrong guess costs little: a child nobody asks (its build ran on the other
core), or no early child, and then the later fork.
"""
from __future__ import annotations

import os
import signal
import sys
from typing import Sequence


def _hear_stop_signals(terminate: bool = True) -> None:
    """SIGINT as Python's KeyboardInterrupt, even when the shell started the command ignoring it (a
    background job of a script); with `terminate`, SIGTERM as `errors.Terminated`, which stops the
    command as cleanly."""
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if terminate:
            signal.signal(signal.SIGTERM, _terminated)
    except (ValueError, OSError):  # not the main thread
        pass


def _terminated(signum: int, frame: object) -> None:
    from .errors import raise_terminated

    raise_terminated(signum, frame)


# Before any other import, so that no Ctrl-C of the command's first instants is lost (this module is the
# command's entry point; SIGINT's handler is Python's usual one, SIGTERM is left to `command`).
_hear_stop_signals(terminate=False)

from . import dataclass_cache, forks, regex_cache, segmenter  # noqa: E402

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")  # the readers' text inputs (not .docx, a zip, nor .mhtml, encoded parts)


def command() -> None:
    """The `convert` command (its console script, `python -m convert`). Ctrl-C works from its first
    instant: SIGINT is Python's KeyboardInterrupt even when the shell started the command ignoring it (a
    background job of a script), and SIGTERM stops it the same clean way (`errors.Terminated`)."""
    _hear_stop_signals()
    try:
        _command()
    except KeyboardInterrupt as stop:  # before the batch's own handling (imports, parsing) or after it
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the exit
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        terminated = getattr(stop, "signum", signal.SIGINT) == signal.SIGTERM
        try:
            print(f"convert: {'terminated' if terminated else 'interrupted'}", file=sys.stderr)
        except (OSError, ValueError):
            pass
        sys.exit(143 if terminated else 130)


def _command() -> None:
    regex_cache.restore()  # before any of our modules compiles its patterns
    dataclass_cache.restore()  # and makes its dataclasses
    forks.allow()  # the command's own process: it may fork (`segmenter`, the EPUB's cover)
    article = lone_article(sys.argv[1:])
    if article is not None:
        from .scripts import file_has_han, load_segmenter

        if file_has_han(article):
            segmenter.start(load_segmenter)
    from .resources.fonts import list_families_ahead

    list_families_ahead()  # the theme's check reads it (`theme.load`); after the fork: the child holds no pipe
    from .cli import command as run

    run()


def lone_article(arguments: Sequence[str]) -> str | None:
    """The argument that names the run's one article, when exactly one names an existing text file."""
    named = [argument for argument in arguments
             if argument.lower().endswith(TEXT_SUFFIXES) and os.path.isfile(argument)]
    return named[0] if len(named) == 1 else None
