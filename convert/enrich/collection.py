"""The collection pass: articles, each prepared on its own, made into one issue.

Every article keeps its own metadata and byline; what would collide once they share one edition is
made distinct here, once, so the PDF, EPUB and DOCX agree:

- ids: every heading, figure, table and note id gets the article's prefix (`a3-`), and so do the
  fragment links that point at them;
- footnote numbers run through the issue (1..n), as a PDF's footnote counter and Word's footnotes do;
- figure and table numbers restart in each article or run through the issue, as the theme's
  `collection.figure_numbering` says (`article` | `issue`).
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from typing import Sequence

from .. import model as m
from .structure import map_block_inlines, map_blocks


def article_key(index: int) -> str:
    """The id of the article's opening in every edition (`a1`, `a2`, ...); its ids start `a1-`."""
    return f"a{index + 1}"


def assemble(meta: m.Meta, articles: Sequence[m.Document], *, figure_numbering: str = "article",
             publication: str = "", sources: Sequence[str] = ()) -> m.Collection:
    """The issue: `meta` (its title, date; its language, else the articles' most common one) and the
    articles with their ids prefixed and their notes, figures and tables numbered for the issue."""
    if figure_numbering not in ("article", "issue"):
        raise ValueError(f"figure numbering is 'article' or 'issue', not {figure_numbering!r}")
    lang = meta.lang or issue_language(articles)
    keys = tuple(article_key(i) for i in range(len(articles)))
    notes = itertools.count(1)
    figures, tables = itertools.count(1), itertools.count(1)
    prepared = []
    for key, doc in zip(keys, articles):
        doc = prefix_ids(doc, key + "-")
        doc = number_notes(doc, notes)
        if figure_numbering == "article":
            figures, tables = itertools.count(1), itertools.count(1)
        prepared.append(number_blocks(doc, key + "-", figures, tables))
    return m.Collection(meta=replace(meta, lang=lang), articles=tuple(prepared), keys=keys,
                        publication=publication, sources=tuple(sources))


def issue_language(articles: Sequence[m.Document]) -> str:
    """The language most articles are in (the first article's on a tie); English for none."""
    counts = Counter(doc.meta.lang or "en" for doc in articles)
    if not counts:
        return "en"
    best = max(counts.values())
    return next(doc.meta.lang or "en" for doc in articles if counts[doc.meta.lang or "en"] == best)


def prefix_ids(doc: m.Document, prefix: str) -> m.Document:
    """Every id of the article, and every `#fragment` link to one of them, with `prefix`."""
    ids = {getattr(b, "id", "") for b in m.walk_blocks(doc.blocks)} - {""}

    def inline(node: m.Inline) -> m.Inline:
        if isinstance(node, m.NoteRef):
            return replace(node, id=prefix + node.id)
        if isinstance(node, m.Link) and node.url.startswith("#") and node.url[1:] in ids:
            return replace(node, url="#" + prefix + node.url[1:])
        return node

    def block(b: m.Block) -> m.Block:
        if isinstance(b, (m.Heading, m.Figure, m.Table, m.Footnote)) and b.id:
            b = replace(b, id=prefix + b.id)
        return map_block_inlines(b, inline)

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, block)))


def number_notes(doc: m.Document, counter: itertools.count) -> m.Document:  # type: ignore[type-arg]
    """Footnotes numbered on from the articles before, in the article's own order of notes."""
    numbers = {note.id: next(counter) for note in doc.footnotes}

    def inline(node: m.Inline) -> m.Inline:
        if isinstance(node, m.NoteRef) and node.id in numbers:
            return replace(node, number=numbers[node.id])
        return node

    def block(b: m.Block) -> m.Block:
        if isinstance(b, m.Footnote) and b.id in numbers:
            b = replace(b, number=numbers[b.id])
        return map_block_inlines(b, inline)

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, block)))


def number_blocks(doc: m.Document, prefix: str, figures: itertools.count,  # type: ignore[type-arg]
                  tables: itertools.count) -> m.Document:  # type: ignore[type-arg]
    """Figures and tables numbered from the counters given (restarted per article, or not); a
    figure's id follows its number (`a2-fig-3`), a table keeps its (prefixed) id."""
    def block(b: m.Block) -> m.Block:
        if isinstance(b, m.Figure):
            n = next(figures)
            return replace(b, number=n, id=f"{prefix}fig-{n}")
        if isinstance(b, m.Table):
            return replace(b, number=next(tables))
        return b

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, block)))
