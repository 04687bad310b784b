"""Character widths in Chinese text, as Chinese typography sets them (clreq §3.2, GB/T 15834):

- Latin letters and Arabic digits are set half width in horizontal text. Text typed with a Chinese
  input method, or pasted from the web, often has their full-width forms (`６８００元`, `ＡＩ`): each
  takes a whole em, so a number reads letter-spaced, breaks between its digits and is not a number
  to the line-breaking rules. They become ASCII (the compatibility mapping of Unicode, NFKC), with
  `％` after a digit and `，` `．` between digits (`２，４００`, `１２．５`) as the number's own signs.
- Brackets around Chinese words are the full-width ones (`（如旅行社业务经营许可证）`): ASCII `( )` from a
  pasted page become `（ ）` where what they hold has a Han character, and the pair is whole in one run
  of text. Brackets around Latin text (`(JWIAP)`) and ASCII brackets of notes (`[1]`) stay.

Only Chinese articles are touched; code is not text here (`quotes.rewrite_text` leaves it out).
"""
from __future__ import annotations

import re
import unicodedata

from .. import model as m
from ..scripts import HAN
from .quotes import rewrite_text

_FULL_WIDTH_ALPHANUMERIC = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_DIGIT = re.compile("[0-9０-９]")
_NUMBER_SIGNS = {"％": "%", "，": ",", "．": "."}


def normalize_widths(doc: m.Document) -> m.Document:
    """`doc` with the widths of its Chinese text's letters, digits and brackets as above."""
    if not doc.is_chinese:
        return doc
    return rewrite_text(doc, _rewrite)


def _rewrite(pieces: list[str]) -> list[str]:
    joined = "".join(pieces)
    changed = half_width_alphanumerics(joined)
    changed = full_width_brackets(changed)
    if changed == joined:
        return pieces
    out, start = [], 0
    for piece in pieces:
        out.append(changed[start:start + len(piece)])
        start += len(piece)
    return out


def half_width_alphanumerics(text: str) -> str:
    """Full-width Latin letters and digits as ASCII; `％` after a digit, `，` and `．` between digits as
    `%`, `,` and `.` (a comma between words stays Chinese). The text keeps its length."""
    if not any("\uff10" <= ch <= "\uff5a" for ch in text):
        return text
    chars = list(text)
    for index, char in enumerate(text):
        if _FULL_WIDTH_ALPHANUMERIC.match(char):
            chars[index] = unicodedata.normalize("NFKC", char)
        elif char in _NUMBER_SIGNS and index and _DIGIT.match(text[index - 1]):
            following = text[index + 1] if index + 1 < len(text) else ""
            if char == "％" or _DIGIT.match(following) and _full_width_number(text, index):
                chars[index] = _NUMBER_SIGNS[char]
    return "".join(chars)


def _full_width_number(text: str, index: int) -> bool:
    """Whether the separator at `index` stands between full-width digits (`２，４００`): between ASCII ones
    a full-width comma is the text's own (`1，2，3` lists numbers)."""
    return "\uff10" <= text[index - 1] <= "\uff19" and "\uff10" <= text[index + 1] <= "\uff19"


def full_width_brackets(text: str) -> str:
    """ASCII parentheses holding Han text, as full-width ones; the text keeps its length. A pair must be
    whole in `text` (an unmatched bracket is left as it is)."""
    if "(" not in text:
        return text
    chars = list(text)
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            if HAN.search(text, start + 1, index):
                chars[start], chars[index] = "（", "）"
    return "".join(chars)
