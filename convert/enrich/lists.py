"""Lists whose items carry their own numbers, as Chinese copy numbers them (`- 一、提高认识`,
`1. （一）压实责任`, `- ①`): every edition drew a bullet or a `1.` before the writer's own `一、`, two
numbers on one line. Such a list's items become the paragraphs they are written as (`一、提高认识`),
as the same lines typed without a list marker are read, and as a Word list numbered `一、` is
(`readers.docx_numbers`): one way to show the writer's numbering in every edition."""
from __future__ import annotations

from .. import model as m
from ..scripts import OWN_NUMBER


def _numbered_item(item: tuple[m.Block, ...]) -> bool:
    return bool(item) and isinstance(item[0], m.Paragraph) and bool(OWN_NUMBER.match(m.plain_text(item[0].content)))


def own_numbers(blocks: list[m.Block]) -> list[m.Block]:
    """`blocks` with each list of two or more items that all begin with their own number spelt out
    as its items' blocks."""
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.ListBlock) and len(block.items) > 1 and all(map(_numbered_item, block.items)):
            out.extend(b for item in block.items for b in item)
        else:
            out.append(block)
    return out
