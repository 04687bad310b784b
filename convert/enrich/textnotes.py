"""Notes written out as text, as pasted web copy has them: calls in the text (`…三类[1]。`) and, near the
end, lines that define them (`[1] 数据来源：…`, `［2］受访者要求匿名。`). They become real footnotes,
so every edition sets them as its notes (the PDF's at the page foot, the DOCX's Word footnotes).

Taken only when it is unambiguous: the article has no notes of its own; the definitions are the
paragraphs (or lines run together into one paragraph) numbered 1..n in order, standing after the
text; and every one of them is called in the text before them. Anything else (a reference list no
text calls, a lone `[1]`) is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .. import model as m

# A note's mark: `[1]`, `［1］`, `【1】`, or a circled number `①`..`⑳` (Chinese papers' and documents' notes).
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARK = rf"(?:[\[［【]\s*(\d{{1,2}})\s*[\]］】]|([{_CIRCLED}]))"
# A definition's mark at its start, then its text.
_DEFINITION = re.compile(rf"^\s*{_MARK}\s*(.*)$", re.S)
# Where the next definition starts inside a paragraph whose lines were run together.
_NEXT_DEFINITION = re.compile(rf"\s+(?=[\[［【]\s*\d{{1,2}}\s*[\]］】]|[{_CIRCLED}])")
_CALL = re.compile(r"[\[［【](\d{1,2})[\]］】]|([" + _CIRCLED + "])")


def text_notes(blocks: list[m.Block]) -> tuple[list[m.Block], list[m.Footnote]]:
    """`blocks` with written-out note calls as note references and their definitions taken out, and
    the notes; `blocks` as they are and no notes when the article's notes are not plainly these."""
    found = _definitions(blocks)
    if found is None:
        return blocks, []
    start, end, definitions = found
    numbers = set(definitions)
    called: set[int] = set()

    body = [_with_calls(block, numbers, called) for block in blocks[:start]]
    if called != numbers:
        return blocks, []
    notes = [m.Footnote(_note_id(n), n, (m.Paragraph((m.Text(text),)),)) for n, text in definitions.items()]
    return body + blocks[end:], notes


def _definitions(blocks: list[m.Block]) -> tuple[int, int, dict[int, str]] | None:
    """(first block, block after the last, {number: text}) of the last run of paragraphs that define
    notes 1..n in order, or None."""
    end = len(blocks)
    while end and not _defines(blocks[end - 1]):
        end -= 1
        if len(blocks) - end > 3:  # no more than a few closing lines after the notes
            return None
    start = end
    while start and _defines(blocks[start - 1]):
        start -= 1
    if start == end or start == 0:
        return None
    definitions: dict[int, str] = {}
    for block in blocks[start:end]:
        for part in _NEXT_DEFINITION.split(m.plain_text(block.content).strip()):  # type: ignore[union-attr]
            match = _DEFINITION.match(part)
            if not match or _number(match) != len(definitions) + 1 or not match[3].strip():
                return None
            definitions[_number(match)] = " ".join(match[3].split())
    return start, end, definitions


def _defines(block: m.Block) -> bool:
    return (isinstance(block, m.Paragraph) and all(isinstance(i, m.Text) for i in block.content)
            and bool(_DEFINITION.match(m.plain_text(block.content))))


def _with_calls(block: m.Block, numbers: set[int], called: set[int]) -> m.Block:
    """`block` (and the blocks in it) with each call of a note in `numbers` as a reference to it."""
    def text_node(node: m.Text) -> list[m.Inline]:
        out: list[m.Inline] = []
        last = 0
        for match in _CALL.finditer(node.text):
            number = _number(match)
            if number not in numbers:
                continue
            if match.start() > last:
                out.append(m.Text(node.text[last:match.start()]))
            out.append(m.NoteRef(_note_id(number), number))
            called.add(number)
            last = match.end()
        if not out:
            return [node]
        if last < len(node.text):
            out.append(m.Text(node.text[last:]))
        return out

    def inlines(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for node in nodes:
            if isinstance(node, m.Text):
                out.extend(text_node(node))
            elif m.inline_children(node) and not isinstance(node, m.Link):
                out.append(replace(node, content=inlines(m.inline_children(node))))  # type: ignore[call-arg]
            else:
                out.append(node)
        return tuple(out)

    if isinstance(block, (m.Paragraph, m.Heading, m.Notice)):
        return replace(block, content=inlines(block.content))
    if isinstance(block, m.ListBlock):
        return replace(block, items=tuple(tuple(_with_calls(b, numbers, called) for b in item) for item in block.items))
    if isinstance(block, m.BlockQuote):
        return replace(block, content=tuple(_with_calls(b, numbers, called) for b in block.content))
    return block


def _number(match: re.Match[str]) -> int:
    """The number a mark (`[2]`, `②`) stands for."""
    return int(match[1]) if match[1] else _CIRCLED.index(match[2]) + 1


def _note_id(number: int) -> str:
    return f"text-note-{number}"
