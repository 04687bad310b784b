"""The minus sign of a negative number in Chinese text: `下降-2.3%` is set `下降−2.3%` (U+2212 MINUS SIGN).

Scraped Chinese copy writes a negative figure with the hyphen-minus. A typographer sets the minus: as wide
as the plus and level with it (Noto CJK's `−` advances 0.58 em, the digits' width; its `-` 0.35 em, a
hyphen). It also breaks right: UAX #14 never breaks before a hyphen-minus (class HY), so a browser glues
`降-5.5%，` into one unbreakable piece and letter-spaces the line before it when the piece does not fit,
while before U+2212 (class PR, like `¥`) a line may break after the Han character, and never inside the
number. Every edition takes the text from here: the PDF's text layer, the EPUB and the DOCX read
`−2.3%` (pdftotext prints U+2212).

Only a sign is changed: a hyphen-minus before a digit that starts the text or follows a space, a Han
character or Chinese punctuation (`同比-2.3%`, `（-0.07 pct）`, a table cell's `-25.4%`). A hyphen after a
letter, a digit or another mark stands: `COVID-19`, `2020-2024`, `010-12345678`, `report-2024.pdf`,
`3%-5%`, and so does one after a number's unit, which is a range's dash (`2016年-2018年`, `5月20日-31日`), or
one in a model's name (`长江-1000A`, `东风-41型`), or after a series' name that takes a bare number (`歼-20`,
`运-20`, `米格-29`): a whole number after those is a model, a decimal or a percentage still a figure
(`红旗-9` but `江苏-3.2%`). Code and link addresses are not text here and stay as written.
"""
from __future__ import annotations

import re

from .. import model as m
from ..scripts import CJK_LETTERS, CJK_PUNCTUATION, is_chinese
from .quotes import rewrite_text

MINUS = "\u2212"
# the sign: after the text's start, a space, a Han character or CJK punctuation (full-width marks,
# `：（，、`), before a digit (ASCII or full-width),
# and `(`, but not after a full-width letter, digit or `％．－／＋` (`２０２０-２０２４`, `3％-5％`)
# and not after a number's unit (`2016年-2018年`, `5月20日-31日`, `1万元-2万元`: a range, its dash)
_DIGIT = "0-9\uff10-\uff19"
_SIGN = re.compile(f"(?:(?<=^)|(?<=[\\s({CJK_LETTERS}{CJK_PUNCTUATION}]))(?<![\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
                   f"\uff05\uff0e\uff0d\uff0f\uff0b\uff3f])(?<![{_DIGIT}][{CJK_LETTERS}])(?<![{_DIGIT}][{CJK_LETTERS}]{{2}})"
                   f"[-\uff0d](?=[0-9\uff10-\uff19])"
                   # not a model's number (`长江-1000A`, `东风-41型`, `长征-5号`): a name's hyphen
                   r"(?![0-9]+(?:[A-Za-z]|型|号|號))")


# series whose models are named by a bare number after a hyphen (China's aircraft and missiles, Soviet and
# Russian aircraft as Chinese writes them), Simplified and Traditional
_SERIES = ("东风", "東風", "红旗", "紅旗", "鹰击", "鷹擊", "巨浪", "长剑", "長劍", "霹雳", "霹靂", "长征", "長征", "空警",
           "米格", "伊尔", "伊爾", "雅克", "歼", "殲", "轰", "轟", "运", "運", "直", "强", "強", "教", "苏", "蘇", "图", "圖",
           "安", "卡", "米")
_MODEL_NUMBER = re.compile(r"[0-9]+(?![0-9.%\u2030\u2103\u00b0\uff05\uff0e度])")


def minus_signs(text: str) -> str:
    """`text` with the hyphen-minus of each negative number in Chinese text as U+2212."""
    def sign(match: re.Match[str]) -> str:
        model = text.endswith(_SERIES, 0, match.start()) and _MODEL_NUMBER.match(text, match.end())
        return match.group() if model else MINUS

    return _SIGN.sub(sign, text)


def set_minus_signs(doc: m.Document) -> m.Document:
    """`doc` with its negative numbers signed with U+2212, if it is Chinese: the title, byline, every
    block's text (table cells too), captions."""
    if not is_chinese(doc.meta.lang):
        return doc
    return rewrite_text(doc, lambda pieces: _per_piece(pieces))


def _per_piece(pieces: list[str]) -> list[str]:
    """Each piece rewritten with what comes before it in view, so a sign at a piece's start (after
    emphasis ends: `**同比**-2.3%`) is judged by the character before it. Lengths are unchanged."""
    joined = minus_signs("".join(pieces))
    out, start = [], 0
    for piece in pieces:
        out.append(joined[start:start + len(piece)])
        start += len(piece)
    return out
