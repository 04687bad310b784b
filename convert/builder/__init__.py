"""Building editions: one article (`single`), one article's editions in a worker (`job`), a batch
(`batch`) on an executor (`executors`: local processes or Dask), what was built from what
(`manifest`), and where editions go (`outputs`)."""
from __future__ import annotations

from typing import Any

from .batch import MAX_ARTICLES_PER_WORKER, BatchEvents, BatchInterrupted, Plan, build, build_article, default_jobs
from .outputs import edition_path, find_articles, output_names, write_atomic
from .single import Options, Outcome, context, convert, formats_from, gate_for, load, render


def __getattr__(name: str) -> Any:
    if name in ("Collected", "collect"):  # an issue's builder: imported for `convert collect` only
        from . import collection

        return getattr(collection, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["MAX_ARTICLES_PER_WORKER", "BatchEvents", "BatchInterrupted", "Collected", "Options", "Outcome", "Plan",
           "build", "build_article", "collect", "context", "convert", "default_jobs", "edition_path", "find_articles",
           "formats_from", "gate_for", "load", "output_names", "render", "write_atomic"]
