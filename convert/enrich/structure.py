"""Document -> Document passes that every edition relies on, whatever the article's conventions:
language, heading levels, text alternatives, ids, figure and table numbers."""
from __future__ import annotations

import itertools
import re
import urllib.parse
from dataclasses import replace
from typing import Callable

from .. import model as m
from ..scripts import chinese_tag, guess_language, is_chinese
from ..wording import FIGURE_LABEL_WORDS, TABLE_LABEL_WORDS
from .conventions import is_junk_alt


def nest_headings(doc: m.Document) -> m.Document:
    """Body headings start at level 2: level 1 belongs to the article's title. The levels shift as one,
    so an article whose headings start at `###` (its `##` became the title) skips no level; and no
    heading is more than one level below the one before it (the title counts as level 1): a `##` that
    comes before the article's first `#` section would otherwise open the body at h3, skipping a level
    as screen readers and Ace's heading-order rule do not allow."""
    levels = [b.level for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Heading)]
    if not levels:
        return doc
    shift = 2 - min(levels)
    previous = 1

    def nested(block: m.Block) -> m.Block:
        nonlocal previous
        if not isinstance(block, m.Heading):
            return block
        level = min(block.level + shift, 6, previous + 1)
        previous = level
        return replace(block, level=level) if level != block.level else block

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, nested)))


def detect_language(doc: m.Document) -> m.Document:
    """Set meta.lang (BCP 47): the article's own tag, else zh-CN where Han text dominates, else en. A
    Chinese article's tag then follows its characters: `zh-TW`, `zh-HK` or `zh-Hant` for Traditional
    script, `zh-CN` for Simplified (`scripts.chinese_tag`; the site's domain may name the region)."""
    text = m.visible_text(doc)
    lang = normalise_lang(doc.meta.lang) if doc.meta.lang else guess_language(text)
    if is_chinese(lang):
        lang = chinese_tag(text, lang, urllib.parse.urlsplit(doc.meta.source_url).hostname or "")
    return replace(doc, meta=replace(doc.meta, lang=lang))


def clean_alternatives(doc: m.Document) -> m.Document:
    """Alt text that is a number, hash or file name (`IMG_0042.jpg`) says nothing to a reader who cannot
    see the picture: it is cleared here, once, so every writer falls back to the caption alike."""
    def clean_inline(node: m.Inline) -> m.Inline:
        if isinstance(node, m.InlineImage) and node.alt and is_junk_alt(node.alt):
            return replace(node, alt="")
        return node

    headline = _words(doc.meta.title)

    def clean(block: m.Block) -> m.Block:
        if isinstance(block, m.Figure) and block.alt and is_junk_alt(block.alt):
            block = replace(block, alt="")
        if isinstance(block, m.Figure) and block.alt and headline and _words(block.alt) == headline:
            # NetEase and Toutiao give every picture the headline as its alt: no caption, and nothing
            # the picture shows
            caption = () if _words(m.plain_text(block.caption)) == headline else block.caption
            block = replace(block, alt="", caption=caption)
        return map_block_inlines(block, clean_inline)

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, clean)))


def _words(text: str) -> str:
    """The letters and digits of `text` (quotation marks and spaces differ between a title and an alt)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def normalise_lang(tag: str) -> str:
    parts = tag.strip().replace("_", "-").split("-")
    tidy = [parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    return "-".join(p for p in tidy if p)


_RESERVED_ID = re.compile(r"^(?:fig-\d+|tbl-\d+|fn\d+|fnref-)")  # the ids of figures, tables and footnotes


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
    blocks = tuple(map_blocks(doc.blocks, lambda b: replace(b, id=unique(b.id, f"sec-{next(counter)}"))
                               if isinstance(b, m.Heading) else b))
    return replace(doc, blocks=blocks)


# A caption's own label and number (`图 1　`, `表1：`, `Figure 2. `), which the edition's numbering gives
# again: a DOCX edition read back, or a report's caption typed with its number
_OWN_LABEL = re.compile(r"^\s*(?:" + "|".join(map(re.escape, FIGURE_LABEL_WORDS + TABLE_LABEL_WORDS)) + r")"
                        r"\s*\d{1,3}(?:[-.．]\d{1,3})?(?:\s*[:：.．]\s*|\s+|　)(?=\S)")


def _without_own_label(caption: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """`caption` without the label and number it opens with (`表 1　表 1　主要港口…` was printed)."""
    match = _OWN_LABEL.match(m.plain_text(caption))
    return _dropped(caption, match.end()) if match else caption


def _dropped(inlines: tuple[m.Inline, ...], count: int) -> tuple[m.Inline, ...]:
    """`inlines` without their first `count` characters of text (through bold and the like)."""
    out: list[m.Inline] = []
    for node in inlines:
        if count <= 0:
            out.append(node)
        elif isinstance(node, m.Text):
            out.append(m.Text(node.text[count:])) if len(node.text) > count else None
            count -= len(node.text)
        elif (children := m.inline_children(node)) and len(text := m.plain_text(children)) <= count:
            count -= len(text)  # wholly inside the label: `**图 1**`
        else:
            out.append(node)
            count = 0
    return tuple(node for node in out if not (isinstance(node, m.Text) and not node.text))


def number_figures(doc: m.Document) -> m.Document:
    """Number the figures 1..n in reading order and give each the id `fig-n`; a caption loses the label and
    number it was typed with (`图 1　…`), which the edition gives again."""
    counter = itertools.count(1)

    def number(block: m.Block) -> m.Block:
        if isinstance(block, m.Figure):
            n = next(counter)
            return replace(block, number=n, id=f"fig-{n}", caption=_without_own_label(block.caption))
        return block

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, number)))


def number_tables(doc: m.Document) -> m.Document:
    """Number the tables 1..n in reading order, as figures are: every edition shows `表 n` / `Table n`
    (the DOCX as a `SEQ` field). A table keeps the id its source gave it, else gets `tbl-n`."""
    counter = itertools.count(1)

    def number(block: m.Block) -> m.Block:
        if isinstance(block, m.Table):
            n = next(counter)
            return replace(block, number=n, id=block.id or f"tbl-{n}", caption=_without_own_label(block.caption))
        return block

    return replace(doc, blocks=tuple(map_blocks(doc.blocks, number)))


def map_blocks(blocks: tuple[m.Block, ...], fn) -> list[m.Block]:  # type: ignore[no-untyped-def]
    """Apply `fn` to every block, depth first in reading order, rebuilding containers."""
    out: list[m.Block] = []
    for block in blocks:
        block = fn(block)
        if isinstance(block, m.ListBlock):
            block = replace(block, items=tuple(tuple(map_blocks(item, fn)) for item in block.items))
        elif isinstance(block, (m.BlockQuote, m.Footnote)):
            block = replace(block, content=tuple(map_blocks(block.content, fn)))
        elif isinstance(block, m.Table):
            def rows(rs):  # type: ignore[no-untyped-def]
                return tuple(tuple(replace(c, content=tuple(map_blocks(c.content, fn))) for c in r) for r in rs)
            block = replace(block, header=rows(block.header), body=rows(block.body))
        out.append(block)
    return out


def map_inlines(nodes: tuple[m.Inline, ...], fn: Callable[[m.Inline], m.Inline]) -> tuple[m.Inline, ...]:
    """Apply `fn` to every inline node, depth first in reading order (a node before its content),
    rebuilding containers."""
    out: list[m.Inline] = []
    for node in nodes:
        node = fn(node)
        if m.inline_children(node):
            node = replace(node, content=map_inlines(node.content, fn))  # type: ignore[call-arg, union-attr]
        out.append(node)
    return tuple(out)


def map_block_inlines(block: m.Block, fn: Callable[[m.Inline], m.Inline]) -> m.Block:
    """`block` with `map_inlines(..., fn)` applied to the inline content it holds directly
    (`model.block_inlines`): a heading's, paragraph's or notice's text, a figure's or table's caption."""
    if isinstance(block, (m.Heading, m.Paragraph, m.Notice)):
        return replace(block, content=map_inlines(block.content, fn))
    if isinstance(block, (m.Figure, m.Table)):
        return replace(block, caption=map_inlines(block.caption, fn))
    return block
