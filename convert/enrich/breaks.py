"""Forced line breaks in Chinese paragraphs, as pasted from a WeChat editor or typed as `<br>` in
Markdown: `各位居民：<br>春节期间…供水。<br>如遇停水…。` is three paragraphs written as one. Every
edition set the lines after a break flush left under an indented first line, the way no Chinese page
sets a paragraph. A break after the end of a sentence (or a colon, a closing quote after one), or two
breaks in a row (a blank line: `…<br><br>　　据…`, the old pages' paragraphs, each opening with its
indent typed as ideographic spaces), starts a new paragraph; a break elsewhere (`市自来水公司<br>
2024年1月30日`, an address, a verse) stays a break."""
from __future__ import annotations

from dataclasses import replace

from .. import model as m

SENTENCE_END = tuple("。！？!?：:；;…」』”")


def sentence_breaks(doc: m.Document) -> m.Document:
    """`doc` with its Chinese paragraphs cut at the line breaks that end a sentence (see the module)."""
    if not doc.is_chinese:
        return doc
    return replace(doc, blocks=_blocks(doc.blocks))


def _blocks(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.Paragraph) and block.role != "centered" \
                and any(isinstance(node, m.LineBreak) for node in block.content):  # a centred verse keeps its lines
            out.extend(_split(block))
        elif isinstance(block, m.BlockQuote):
            out.append(replace(block, content=_blocks(block.content)))
        else:
            out.append(block)
    return tuple(out)


def _aligned(paragraph: m.Paragraph) -> m.Paragraph:
    """The paragraph set unindented (role `aligned`) when a line after a break starts with ideographic spaces,
    which the writer typed to line it up under the line before (`附件：1.重点任务分工表` / `　　　2.政策申报指南`):
    under a first line indented two characters, the spaces line it up two characters short."""
    if paragraph.role:
        return paragraph
    lines = m.split_lines(paragraph.content)
    if any(m.plain_text(line).startswith("\u3000") for line in lines[1:]):
        return replace(paragraph, role="aligned")
    return paragraph


def _split(paragraph: m.Paragraph) -> list[m.Paragraph]:
    lines: list[list[m.Inline]] = [[]]
    content = paragraph.content
    for index, node in enumerate(content):
        if isinstance(node, m.LineBreak) and not lines[-1] and len(lines) > 1:
            continue  # a blank line between two paragraphs (`…。<br><br>　　据…`)
        if isinstance(node, m.LineBreak) and lines[-1] and (
                m.plain_text(tuple(lines[-1])).rstrip().endswith(SENTENCE_END)
                or index + 1 < len(content) and isinstance(content[index + 1], m.LineBreak)):
            lines.append([])  # after a sentence, or before a blank line: a paragraph ends
        else:
            lines[-1].append(node)
    out = []
    for line in lines:
        if line and isinstance(line[0], m.Text):
            line[0] = m.Text(line[0].text.lstrip())
        if line and isinstance(line[-1], m.Text):
            line[-1] = m.Text(line[-1].text.rstrip())
        if m.plain_text(tuple(line)).strip() or any(isinstance(node, m.InlineImage) for node in line):
            out.append(_aligned(replace(paragraph, content=tuple(line))))  # its role (`centered`) too
    return out
