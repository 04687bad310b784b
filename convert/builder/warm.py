"""Imports a build will need, done on a thread while the reader waits on pandoc.

A lone run spends ~0.1-0.15 s of wall time in pandoc (a separate process, on the other core) and, later,
~0.3 s importing what its writers use on first use (python-docx, HarfBuzz) and building jieba's dictionary
for a Chinese article. A thread started as the article is read does the second during the first. It
imports third-party libraries only (`Writer.libraries`, and the segmenter of `scripts.load_segmenter`), whose
imports never reach back into convert, so no import lock it takes can wait on one the reading thread holds.
Whatever fails here is left to the code that needs it, which imports the usual way and reports as usual.
jieba's dictionary is built in a child process where one can be forked (`segmenter`): its build holds the
GIL, and on this thread it stalled the reading thread for as long.
"""
from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path
from typing import Sequence

from .. import registry, segmenter
from ..scripts import has_han, load_segmenter

_PEEK_BYTES = 1 << 16  # enough of an article to tell whether it is Chinese


def warm_up(article: Path | str, formats: Sequence[str]) -> threading.Thread | None:
    """Start importing what the writers of `formats` and, for an article with Han characters, Chinese word
    segmentation need; None when all of it is loaded already (a batch's later articles)."""
    libraries = [name for fmt in formats for name in registry.get(fmt).libraries if name not in sys.modules]
    chinese = "rjieba" not in sys.modules and _has_han(article) and not segmenter.start(load_segmenter)
    if not libraries and not chinese:
        return None
    thread = threading.Thread(target=_load, args=(libraries, chinese), name="convert-warm-up", daemon=True)
    thread.start()
    return thread


def segment_ahead(article: Path) -> bool:
    """For an article with Han characters, fork the child that builds jieba's dictionary (`segmenter`) if the
    process is still single-threaded; whether one runs. A lone build asks as it starts, before it loads the
    theme and its writers (~0.04 s), so that the dictionary (~0.09 s on the other core) is ready when the
    article's first heading is segmented."""
    return "rjieba" not in sys.modules and _has_han(article) and segmenter.start(load_segmenter)


def _has_han(article: Path | str) -> bool:
    if not isinstance(article, Path):
        return False  # a web page: not read yet
    try:
        with article.open("rb") as handle:
            return has_han(handle.read(_PEEK_BYTES).decode("utf-8", "ignore"))
    except OSError:
        return False


def _load(libraries: list[str], chinese: bool) -> None:
    try:
        if chinese:
            load_segmenter()
        for name in libraries:
            importlib.import_module(name)
    except Exception:  # the writer imports it again and says what is wrong
        pass
