"""Passes that enrich the model after reading, in order: pasted page furniture out, the title (always: no
edition is untitled), the news-article conventions (byline, captions and credits, closing lines; unless the
article turns them off), then the structure every writer relies on (language, heading levels, text
alternatives, ids, figure and table numbers, columns of figures set flush right), the widths of Chinese
text's letters, digits and brackets, and its quotation marks."""
from __future__ import annotations

from .. import model as m
from ..readers import Source
from .breaks import sentence_breaks
from .chrome import drop_pasted_chrome
from .collection import assemble
from .conventions import apply_conventions
from .quotes import QuoteStyle, pair_quotes, quote_style_for
from .script import SCRIPTS, convert_script
from .structure import (assign_ids, clean_alternatives, detect_language, nest_headings, number_figures,
                        number_tables)
from .tables import figure_columns, merged_row_labels
from .titles import choose_title
from .letters import mark_letter_parts
from .minus import set_minus_signs
from .widths import normalize_widths


def prepare(source: Source, *, script: str | None = None,
            quotes: tuple[QuoteStyle, QuoteStyle] = ("curly", "corner")) -> m.Document:
    """The full enrichment a writer expects; `script` converts the text to Simplified or Traditional
    Chinese (`script.SCRIPTS`) after the conventions have read it as written; `quotes` is the theme's
    style of quotation marks in Simplified and in Traditional Chinese text (`[quotation_marks]`)."""
    doc = drop_pasted_chrome(source.document) if source.conventions else source.document
    doc = choose_title(doc, source.path)
    if source.conventions:
        doc = apply_conventions(doc)
    doc = convert_script(doc, script)
    doc = detect_language(doc)
    if source.conventions:
        doc = mark_letter_parts(merged_row_labels(sentence_breaks(doc)))
    doc = normalize_widths(doc)
    doc = set_minus_signs(pair_quotes(doc, quote_style_for(doc.meta.lang, *quotes)))
    for step in (nest_headings, clean_alternatives, assign_ids, number_figures, number_tables, figure_columns):
        doc = step(doc)
    return doc


__all__ = ["SCRIPTS", "assemble", "prepare"]
