"""Passes that enrich the model after reading, in order: the news-article conventions (byline,
captions, closing lines; unless the article turns them off), then the structure every writer relies
on (language, heading levels, text alternatives, ids, figure and table numbers)."""
from __future__ import annotations

from .. import model as m
from ..readers import Source
from .conventions import apply_conventions
from .structure import (assign_ids, clean_alternatives, detect_language, nest_headings, number_figures,
                        number_tables)


def prepare(source: Source) -> m.Document:
    """The full enrichment a writer expects."""
    doc = apply_conventions(source.document) if source.conventions else source.document
    for step in (detect_language, nest_headings, clean_alternatives, assign_ids, number_figures,
                 number_tables):
        doc = step(doc)
    return doc


__all__ = ["prepare"]
