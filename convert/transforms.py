"""Document -> Document passes that every edition relies on: language, ids, figure numbers."""
from __future__ import annotations

import itertools
import re
from dataclasses import replace

from . import model as m
from .article import apply_conventions
from .reader import Source

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def prepare(source: Source) -> m.Document:
    """The full enrichment a writer expects: conventions, language, ids, figure numbers."""
    doc = apply_conventions(source.document) if source.conventions else source.document
    return number_figures(assign_ids(nest_headings(detect_language(doc))))


def nest_headings(doc: m.Document) -> m.Document:
    """Body headings start at level 2: level 1 belongs to the article's title."""
    levels = [b.level for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Heading)]
    if not levels or min(levels) > 1:
        return doc
    return replace(doc, blocks=tuple(_map_blocks(
        doc.blocks, lambda b: replace(b, level=min(b.level + 1, 6)) if isinstance(b, m.Heading) else b)))


def detect_language(doc: m.Document) -> m.Document:
    """Set meta.lang (BCP 47) when the article does not: zh-CN where Han text dominates, else en."""
    if doc.meta.lang:
        return replace(doc, meta=replace(doc.meta, lang=normalise_lang(doc.meta.lang)))
    return replace(doc, meta=replace(doc.meta, lang=guess_language(m.visible_text(doc))))


def guess_language(text: str) -> str:
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    # A Han character carries about as much as a short Latin word: weigh them accordingly.
    return "zh-CN" if han and han * 4 >= latin else "en"


def normalise_lang(tag: str) -> str:
    parts = tag.strip().replace("_", "-").split("-")
    tidy = [parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    return "-".join(p for p in tidy if p)


_RESERVED_ID = re.compile(r"^(?:fig-\d+|fn\d+|fnref-)")  # the ids of figures and footnotes


def assign_ids(doc: m.Document) -> m.Document:
    """Give every heading a unique, non-empty id that cannot be taken for a figure's or a note's."""
    seen: set[str] = set()

    def unique(base: str, fallback: str) -> str:
        base = re.sub(r"[^\w\-]+", "-", base, flags=re.UNICODE).strip("-")[:60] or fallback
        if _RESERVED_ID.match(base):
            base = f"sec-{base}"
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        return candidate

    counter = itertools.count(1)
    blocks = tuple(_map_blocks(doc.blocks, lambda b: replace(b, id=unique(b.id, f"sec-{next(counter)}"))
                               if isinstance(b, m.Heading) else b))
    return replace(doc, blocks=blocks)


def number_figures(doc: m.Document) -> m.Document:
    """Number the figures 1..n in reading order and give each the id `fig-n`."""
    counter = itertools.count(1)

    def number(block: m.Block) -> m.Block:
        if isinstance(block, m.Figure):
            n = next(counter)
            return replace(block, number=n, id=f"fig-{n}")
        return block

    return replace(doc, blocks=tuple(_map_blocks(doc.blocks, number)))


def _map_blocks(blocks: tuple[m.Block, ...], fn) -> list[m.Block]:  # type: ignore[no-untyped-def]
    """Apply `fn` to every block, depth first in reading order, rebuilding containers."""
    out: list[m.Block] = []
    for block in blocks:
        block = fn(block)
        if isinstance(block, m.ListBlock):
            block = replace(block, items=tuple(tuple(_map_blocks(item, fn)) for item in block.items))
        elif isinstance(block, (m.BlockQuote, m.Footnote)):
            block = replace(block, content=tuple(_map_blocks(block.content, fn)))
        elif isinstance(block, m.Table):
            def rows(rs):  # type: ignore[no-untyped-def]
                return tuple(tuple(replace(c, content=tuple(_map_blocks(c.content, fn))) for c in r) for r in rs)
            block = replace(block, header=rows(block.header), body=rows(block.body))
        out.append(block)
    return out
