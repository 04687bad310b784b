"""Imports a build will need, done on a thread while the reader waits on pandoc.

A lone run spends ~0.1-0.15 s of wall time in pandoc (a separate process, on the other core) and, later,
~0.3 s importing what its writers use on first use (python-docx, HarfBuzz) and building jieba's dictionary
for a Chinese article. A thread started as the article is read does the second during the first. It
imports third-party libraries only (`Writer.libraries`, and the segmenter of `scripts.load_segmenter`), whose
imports never reach back into convert, so no import lock it takes can wait on one the reading thread holds.
Whatever fails here is left to the code that needs it, which imports the usual way and reports as usual.
jieba's dictionary is built in a child process where one can be forked (`segmenter`): its build holds the
GIL, and on this thread it stalled the reading thread for as long. The command forks that child as it
starts, before its imports (`launch`); here it is forked only when that did not happen.
"""
from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path
from typing import Sequence

from .. import registry, segmenter
from ..scripts import file_has_han, load_segmenter


def warm_up(article: Path | str, formats: Sequence[str]) -> threading.Thread | None:
    """Start importing what the writers of `formats` and, for an article with Han characters, Chinese word
    segmentation need; None when all of it is loaded already (a batch's later articles)."""
    libraries = [name for fmt in formats for name in registry.get(fmt).libraries if name not in sys.modules]
    chinese = ("rjieba" not in sys.modules and not segmenter.running() and _has_han(article)
               and not segmenter.start(load_segmenter))
    if not libraries and not chinese:
        return None
    thread = threading.Thread(target=_load, args=(libraries, chinese), name="convert-warm-up", daemon=True)
    thread.start()
    return thread


def _has_han(article: Path | str) -> bool:
    """Whether the article's start has Han characters; a web page is not read yet, and a path that is
    no regular file (a FIFO, whose open would wait for a writer for ever) is not opened (`file_has_han`)."""
    return isinstance(article, Path) and file_has_han(article)


def _load(libraries: list[str], chinese: bool) -> None:
    try:
        if chinese:
            load_segmenter()
        for name in libraries:
            importlib.import_module(name)
    except Exception:  # the writer imports it again and says what is wrong
        pass
