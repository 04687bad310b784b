"""The salutation and the sign-off of a Chinese notice, statement or letter (通知, 公告, 声明, 公开信): the
addressees on a line of their own at the start (`各位用户：`), which Chinese pages set flush with the start
of the line, unindented; the issuer's name and the date on lines of their own at the end
(`东城区自来水有限公司` / `2024年5月1日`), set flush with its end. As pasted they are body paragraphs, each
indented two characters like the text around them."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import model as m
from ..scripts import has_han

_HAN_NUMBER = "〇○零一二三四五六七八九十"
# A date alone: `2024年5月1日`, `二〇二四年五月一日`, `2024-05-01`, `2024.5.1`.
_DATE = re.compile(rf"^(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{_HAN_NUMBER}]{{4}}年[{_HAN_NUMBER}]{{1,2}}月"
                   rf"[{_HAN_NUMBER}]{{1,3}}日|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})$")
_SENTENCE_END = tuple("。！？!?：:；;，,、…」』”)")
_ISSUER_CHARS = 30


_SALUTATION = re.compile(r"^[^。！？!?，,；;：:\s]{2,20}[：:]$")


def mark_letter_parts(doc: m.Document) -> m.Document:
    """`mark_sign_offs`, then a first paragraph that only names the addressees (`各位用户：`, `尊敬的客户：`,
    at most 20 characters ending with a colon, a paragraph after it) given the role `salutation`."""
    doc = mark_sign_offs(doc)
    if not doc.is_chinese:
        return doc
    blocks = list(doc.blocks)
    first = next((i for i, b in enumerate(blocks) if not isinstance(b, m.Figure)), None)
    if first is None or not isinstance(blocks[first], m.Paragraph) or first + 1 >= len(blocks):
        return doc
    lines = _lines(blocks[first])
    if len(lines) == 1 and _SALUTATION.match(lines[0]) and isinstance(blocks[first + 1], m.Paragraph):
        blocks[first] = replace(blocks[first], role="salutation")
    return replace(doc, blocks=tuple(blocks))


def mark_sign_offs(doc: m.Document) -> m.Document:
    """`doc` with its sign-off paragraphs given the role `signoff`: a Chinese article's last paragraph a
    date alone, after one or two short lines that are no sentence (the issuer: no closing punctuation,
    at most 30 characters); or one paragraph of such lines broken by line breaks (`市自来水公司<br>
    2024年1月30日`)."""
    if not doc.is_chinese:
        return doc
    blocks = list(doc.blocks)
    last = max((i for i, b in enumerate(blocks) if not isinstance(b, m.Footnote)), default=-1)
    if last < 1 or not isinstance(blocks[last], m.Paragraph):
        return doc
    lines = _lines(blocks[last])
    if len(lines) > 1:  # issuer and date in one paragraph, broken into lines
        if _DATE.match(lines[-1]) and all(_issuer(line) for line in lines[:-1]) and len(lines) <= 3:
            blocks[last] = replace(blocks[last], role="signoff")
        return replace(doc, blocks=tuple(blocks))
    if not lines or not _DATE.match(lines[0]):
        return doc
    issuers = []
    for index in (last - 1, last - 2):
        block = blocks[index] if index > 0 else None  # the first block is the text, never a sign-off alone
        if isinstance(block, m.Paragraph) and len(_lines(block)) == 1 and _issuer(_lines(block)[0]):
            issuers.append(index)
        else:
            break
    if not issuers:
        return doc
    for index in (*issuers, last):
        blocks[index] = replace(blocks[index], role="signoff")
    return replace(doc, blocks=tuple(blocks))


def _lines(paragraph: m.Paragraph) -> list[str]:
    """The paragraph's lines, split at its line breaks, white space collapsed."""
    return [text for text in (" ".join(m.plain_text(line).split()) for line in m.split_lines(paragraph.content)) if text]


def _issuer(line: str) -> bool:
    return (0 < len(line) <= _ISSUER_CHARS and not line.endswith(_SENTENCE_END) and not _DATE.match(line)
            and has_han(line))
