"""Lists whose items carry their own numbers, as Chinese copy numbers them (`- 一、提高认识`,
`1. （一）压实责任`, `- ①`): every edition drew a bullet or a `1.` before the writer's own `一、`, two
numbers on one line. Such a list's items become the paragraphs they are written as (`一、提高认识`),
as the same lines typed without a list marker are read, and as a Word list numbered `一、` is
(`readers.docx_numbers`): one way to show the writer's numbering in every edition.

The other way round, lines that each start with a bullet typed or pasted as a character (`• 第一点`,
`● 第二点`), which Markdown knows for no list marker, become the list they are: each edition draws its
own bullet, and sets the items as a list."""
from __future__ import annotations

from dataclasses import replace

from .. import model as m
from ..scripts import OWN_NUMBER, TYPED_BULLET as BULLET


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


def typed_bullets(blocks: list[m.Block]) -> list[m.Block]:
    """`blocks` with each run of two or more paragraphs that start with the same typed bullet as a list,
    the bullets left to the list."""
    out: list[m.Block] = []
    run: list[m.Paragraph] = []
    for block in [*blocks, None]:
        if run and _bullet(block) and _bullet(block) == _bullet(run[0]):
            run.append(block)  # type: ignore[arg-type]
            continue
        out.extend([m.ListBlock(tuple((_without_bullet(p),) for p in run))] if len(run) > 1 else run)
        run = [block] if _bullet(block) else []  # type: ignore[list-item]
        if not run and block is not None:
            out.append(block)
    return out


def _bullet(block: m.Block | None) -> str:
    if not isinstance(block, m.Paragraph) or not block.content or not isinstance(block.content[0], m.Text):
        return ""
    match = BULLET.match(block.content[0].text)
    return (match[1] or match[2]) if match else ""


def _without_bullet(paragraph: m.Paragraph) -> m.Paragraph:
    first = paragraph.content[0]
    text = BULLET.sub("", first.text, count=1)  # type: ignore[union-attr]
    return replace(paragraph, content=(m.Text(text), *paragraph.content[1:]), role="")
