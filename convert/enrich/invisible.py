"""Pictures nobody can see: a web page's tracking pixel (1×1 px) and the spacer GIFs of old newsroom
templates, pasted with the article. Each became a numbered, empty figure (`图 4` over nothing) in
every edition, and the figures after it were numbered one too high. They are left out, and the
figures numbered again, once the resource gate knows every picture's size (after enrichment: the
enrich passes never read the pictures)."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .. import model as m
from ..errors import warn
from .structure import number_figures

MAX_INVISIBLE_EDGE = 2  # px: no picture shows anything in a strip this thin


def invisible(width: int, height: int) -> bool:
    """A picture too small to show anything: a tracking pixel, a spacer, a hairline."""
    return min(width, height) <= MAX_INVISIBLE_EDGE


def without_invisible_pictures(doc: m.Document, size_of: Callable[[str], tuple[int, int] | None]) -> m.Document:
    """`doc` without the figures and inline pictures whose size (`size_of(src)`, None when the picture
    could not be read: its placeholder stays) is `invisible`; its figures numbered again."""
    dropped: list[str] = []

    def hidden(src: str) -> bool:
        size = size_of(src)
        if size is not None and invisible(*size):
            dropped.append(src)
            return True
        return False

    def inlines(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for node in nodes:
            if isinstance(node, m.InlineImage) and hidden(node.src):
                continue
            if m.inline_children(node):
                node = replace(node, content=inlines(node.content))  # type: ignore[call-arg, union-attr]
            out.append(node)
        return tuple(out)

    def blocks(items: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
        out: list[m.Block] = []
        for block in items:
            if isinstance(block, m.Figure):
                if hidden(block.src):
                    continue
            elif isinstance(block, (m.Heading, m.Paragraph, m.Notice)):
                block = replace(block, content=inlines(block.content))
                if isinstance(block, m.Paragraph) and not block.content:
                    continue
            elif isinstance(block, m.ListBlock):
                block = replace(block, items=tuple(blocks(item) for item in block.items))
            elif isinstance(block, (m.BlockQuote, m.Footnote)):
                block = replace(block, content=blocks(block.content))
            elif isinstance(block, m.Table):
                block = replace(block, header=rows(block.header), body=rows(block.body))
            out.append(block)
        return tuple(out)

    def rows(table_rows: tuple[tuple[m.TableCell, ...], ...]) -> tuple[tuple[m.TableCell, ...], ...]:
        return tuple(tuple(replace(cell, content=blocks(cell.content)) for cell in row) for row in table_rows)

    kept = blocks(doc.blocks)
    if not dropped:
        return doc
    for src in dict.fromkeys(dropped):
        warn(f"image {src}: too small to show anything (a tracking pixel or a spacer); left out")
    return number_figures(replace(doc, blocks=kept))
