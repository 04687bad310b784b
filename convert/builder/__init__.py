"""Building editions: one article (`single`), a batch (`batch`), what was built from what (`manifest`),
and where editions go (`outputs`)."""
from __future__ import annotations

from .batch import build, default_jobs
from .collection import Collected, collect
from .outputs import edition_path, find_articles, output_names, write_atomic
from .single import Options, Outcome, build_article, context, convert, formats_from, gate_for, load, render

__all__ = ["Collected", "collect", "Options", "Outcome", "build", "build_article", "context", "convert", "default_jobs", "edition_path",
           "find_articles", "formats_from", "gate_for", "load", "output_names", "render", "write_atomic"]
