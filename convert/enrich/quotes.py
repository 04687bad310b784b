"""Quotation marks in Chinese text (and Japanese and Korean), paired as opening and closing.

Chinese copy scraped from the web often quotes with ASCII marks (`狂奔的龙湖集团"暗伤"曝露`). Pandoc's
smart quotes decide a mark's side from the spaces around it, and Chinese has none, so both marks of a
pair may come out the same (`“暗伤“`, `”暗伤”`); Korean puts its particles right after a quote
(`"조치"라고` came out `“조치“라고`). This pass decides again, for the marks that stand in such text (a
Han character, kana, Hangul or Chinese punctuation beside them): from the punctuation around a mark
(`：“`, `”。`), else by turns; a pair between letters inside a quotation that closes after them is a quote
inside it (`他说："这是"暗伤"吗？"`), set in single marks as GB/T 15834 nests them (`“这是‘暗伤’吗？”`). The
marks come out as the theme asks for the article's script: curly (`“ ‘ ’ ”`) or corner brackets (`「 『 』 」`,
Taiwan's and Hong Kong's standard), or corner brackets by kind (`『 」` for `“ ‘`: the mainland's vertical
text, GB/T 15834-2011); corner brackets the text already has are kept and count for nesting.

Left alone: marks in Latin text (English quotes stay pandoc's), apostrophes between letters (`O'Neill`,
`Tom's`), code, link addresses.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Literal

from .. import model as m
from ..scripts import CJK_LETTER, CJK_LETTERS, HANGUL, han_script, is_chinese
from .structure import map_blocks, map_inlines

QuoteStyle = Literal["curly", "corner", "corner-by-kind"]

_DOUBLE, _SINGLE = '"“”＂', "'‘’"
_OPENING_CORNERS, _CLOSING_CORNERS = "「『", "」』"
_EAST_ASIAN_LETTER = re.compile(f"[{CJK_LETTERS}{HANGUL}]")
_OBJECT = "\ufffc"  # code, a note call or an image inside the text: neither Chinese nor a space
# Chinese punctuation beside a mark, other than quotation marks: evidence of the side the mark is on.
_CHINESE_PUNCTUATION = set("，。、；：？！（）【】《》〈〉〔〕…—·「」『』")
# `。”他说` and `。“下一句` alike: a mark after a sentence's or a clause's end may be either, and is left to turns.
_OPENS_AFTER = set("：:（(【《〈〔「『") | {"", " ", "\n", "\u3000"}
_CLOSES_BEFORE = set("，,。、；;：:！!？?）)】》〉〕」』.") | {"", " ", "\n", "\u3000"}
_GLYPHS = {"curly": {("double", True): "“", ("double", False): "”", ("single", True): "‘", ("single", False): "’"}}


def quote_style_for(lang: str, hans: QuoteStyle, hant: QuoteStyle) -> QuoteStyle:
    """The theme's style for an article's script (`[quotes] hans`, `hant`)."""
    return hant if is_chinese(lang) and han_script(lang) == "hant" else hans


def pair_quotes(doc: m.Document, style: QuoteStyle = "curly") -> m.Document:
    """`doc` with the quotation marks of its Chinese text paired and set in `style`: the kicker, title,
    subtitle and description, the byline's names, every block's text, captions, credits and alt text."""
    return rewrite_text(doc, lambda pieces: requote(pieces, style))


Rewrite = Callable[[list[str]], list[str]]


def rewrite_text(doc: m.Document, rewrite: Rewrite) -> m.Document:
    """`doc` with `rewrite` applied to each run of its text (the pieces of one run in order; it returns
    them, each as long as before): the kicker, title, subtitle and description, the byline's names, every
    block's text, captions, credits and alt text."""
    def text(value: str) -> str:
        return rewrite([value])[0] if value else value

    meta = replace(doc.meta, title=text(doc.meta.title), subtitle=text(doc.meta.subtitle), kicker=text(doc.meta.kicker),
                   description=text(doc.meta.description), dateline=text(doc.meta.dateline),
                   editor=text(doc.meta.editor), authors=tuple(text(a) for a in doc.meta.authors))

    def block(b: m.Block) -> m.Block:
        if isinstance(b, (m.Heading, m.Paragraph, m.Notice)):
            return replace(b, content=rewrite_inlines(b.content, rewrite))
        if isinstance(b, m.Figure):
            return replace(b, caption=rewrite_inlines(b.caption, rewrite), alt=text(b.alt), credit=text(b.credit))
        if isinstance(b, m.Table):
            return replace(b, caption=rewrite_inlines(b.caption, rewrite))
        return b

    return replace(doc, meta=meta, blocks=tuple(map_blocks(doc.blocks, block)))


def requote(pieces: list[str], style: QuoteStyle = "curly") -> list[str]:
    """The pieces of one run of text (a paragraph's text nodes, in order), with the quotation marks that
    stand in Chinese text paired and set in `style`. A piece may be `_OBJECT` (code, an image)."""
    joined = "".join(pieces)
    changes: dict[int, str] = {}
    open_marks: list[tuple[str, bool]] = []  # the quotes open at this point: kind, and whether in Latin text
    for index, char in enumerate(joined):
        if char in _OPENING_CORNERS:
            open_marks.append(("corner", False))
            continue
        if char in _CLOSING_CORNERS:
            _close(open_marks, "corner")
            continue
        if char not in _DOUBLE and char not in _SINGLE:
            continue
        kind = "double" if char in _DOUBLE else "single"
        if prime := _prime(joined, index, kind):
            changes[index] = prime  # `1'58"27`, `10"15`: minutes and seconds, no quotation
            continue
        if kind == "single" and _alphanumeric(joined, index - 1) and _alphanumeric(joined, index + 1):
            continue  # an apostrophe (`O'Neill`)
        before, after = _neighbour(joined, index, -1), _neighbour(joined, index, 1)
        if not (_chinese(before) or _chinese(after) or _quotes_a_term(joined, index, kind, open_marks)):
            # A quote in Latin text: pandoc's mark stands, and its side counts (`He said “yes” 仍是`).
            if char in "“‘":
                open_marks.append((kind, True))
            elif char in "”’":
                _close(open_marks, kind)
            continue
        opening = _opens(joined, index, kind, [k for k, _latin in open_marks])
        if opening:
            level = len(open_marks)
            open_marks.append((kind, False))
        else:
            latin = _close(open_marks, kind)
            level = len(open_marks)
            if latin:
                changes[index] = "”" if kind == "double" else "’"  # it closes an English quote
                continue
        # GB/T 15834 §4.1: a quotation inside a quotation takes single marks (`“这是‘暗伤’吗？”`)
        inside = kind == "double" and ("double", False) in open_marks[:level if opening else len(open_marks)]
        changes[index] = _glyph(style, "single" if inside and style == "curly" else kind, opening, level)
    if not changes:
        return pieces
    out, start = [], 0
    for piece in pieces:
        out.append("".join(changes.get(start + i, c) for i, c in enumerate(piece)))
        start += len(piece)
    return out


def _quotes_a_term(text: str, index: int, kind: str, open_marks: list[tuple[str, bool]]) -> bool:
    """Whether a mark with Latin text or the text's edge on both sides belongs to Chinese text all the
    same: it quotes a Latin word or a number in a Chinese sentence (`"5G"时代`, `比分定格在"3:1"`,
    `称其为"Plan B"`). It closes a quote opened in Chinese text where a quote ends (before a space,
    punctuation or the text's end), or opens one whose closing mark has Chinese text after it."""
    left = text[index - 1] if index else ""
    right = text[index + 1] if index + 1 < len(text) else ""
    if (kind, False) in open_marks:
        return left not in " \u00a0\u3000" and (right in _CLOSES_BEFORE or _chinese(right))
    if kind in (k for k, _latin in open_marks) or right in ("", " ", "\u00a0"):
        return False
    inside_chinese = any(not latin for _kind, latin in open_marks)  # `他说"I am 'fine'"。`: nested in one
    if left and not _chinese(left) and left not in _OPENS_AFTER - ({"\n"} if inside_chinese else {" ", "\n", "\u3000"}):
        return False  # `He said "yes" 仍是`: an English quote after a space stays English
    marks = _DOUBLE if kind == "double" else _SINGLE
    for partner in range(index + 1, len(text)):
        if text[partner] in marks and not (kind == "single" and _alphanumeric(text, partner - 1)
                                           and _alphanumeric(text, partner + 1)):
            following = text[partner + 1] if partner + 1 < len(text) else ""
            return _chinese(following) or inside_chinese and (following in _CLOSES_BEFORE or following in _DOUBLE)
    return False


def _opens(text: str, index: int, kind: str, open_marks: list[str]) -> bool:
    """Whether the mark at `index` opens a quote: by turns, a mark opens unless a quote of its kind is
    open; an open one is left open (a quotation that runs on, its closing mark missing) only where the
    punctuation or the text's edge before the mark says a quote begins (`：“`, `（“`) and nothing after it
    says one ends (`“，”`: the quoted text may be a mark itself)."""
    if kind not in open_marks:
        return True
    left = text[index - 1] if index > 0 else ""
    right = text[index + 1] if index + 1 < len(text) else ""
    return left in _OPENS_AFTER and right not in _CLOSES_BEFORE or _nested_opening(text, index, kind)


def _nested_opening(text: str, index: int, kind: str) -> bool:
    """Whether a mark between two letters, while a quote of its kind is open, opens a quote inside it: the
    open quote is a quotation of speech (it opened after a colon, or opens the text) that closes after the
    end of a sentence with the text's last mark of the kind, and one more mark between stands between
    letters too (`他说："这是"暗伤"吗？"`: `暗伤` is quoted inside the quotation). Otherwise such a mark closes
    the open quote, as before (`"好"，她说"不"`, `"智慧港口"一期…（下称"调度系统"）`)."""
    marks = _DOUBLE if kind == "double" else _SINGLE
    if not (_EAST_ASIAN_LETTER.match(text[index - 1] if index else "")
            and _EAST_ASIAN_LETTER.match(text[index + 1] if index + 1 < len(text) else "")):
        return False
    opened = next((position for position in range(index - 1, -1, -1) if text[position] in marks), None)
    following = [position for position in range(index + 1, len(text)) if text[position] in marks]
    if opened is None or (opened and text[opened - 1] not in "：:\n") or len(following) < 2:
        return False
    inner, outer = following[:2]
    after_outer = text[outer + 1] if outer + 1 < len(text) else ""
    # (with more quotes after it, the quotation closes with the next mark but one straight after a sentence's
    # end: `”说这是”坏了祖宗的规矩”。”李国华笑着说，”…”`, a Word paste's marks all alike)
    return (bool(_EAST_ASIAN_LETTER.match(text[inner - 1])) and inner + 1 < len(text)
            and bool(_EAST_ASIAN_LETTER.match(text[inner + 1]) or text[inner + 1] in _CLOSES_BEFORE)
            and (after_outer in _CLOSES_BEFORE or len(following) > 2 and inner + 1 < outer)
            and text[outer - 1] in "。？！?!…")


def _close(open_marks: list[tuple[str, bool]], kind: str) -> bool:
    """Close the innermost open quote of `kind` (and any left open inside it); a stray mark closes none.
    True when the quote closed was opened in Latin text."""
    kinds = [k for k, _latin in open_marks]
    if kind not in kinds:
        return False
    position = len(kinds) - 1 - kinds[::-1].index(kind)
    latin = open_marks[position][1]
    del open_marks[position:]
    return latin


def _glyph(style: QuoteStyle, kind: str, opening: bool, level: int) -> str:
    """Curly marks keep the kind the text chose; corner brackets nest by level: 「 outside, 『 inside;
    corner brackets by kind (vertical text on the mainland) keep the kind: double 『』, single 「」."""
    if style == "corner-by-kind":
        return ("『" if opening else "』") if kind == "double" else ("「" if opening else "」")
    if style == "corner":
        return ("「" if opening else "」") if level % 2 == 0 else ("『" if opening else "』")
    return _GLYPHS["curly"][(kind, opening)]


_MINUTES = re.compile(r"[0-9][′'’][0-9]{1,2}$")


def _prime(text: str, index: int, kind: str) -> str:
    """The prime a mark between digits stands for (a race time, `1'58"27`; a lap, `10"15`), or ''.
    A double mark also ends the seconds of a time that gave its minutes (`1'23"` then text)."""
    if not (index and text[index - 1].isdigit() and text[index - 1].isascii()):
        return ""
    following = text[index + 1] if index + 1 < len(text) else ""
    if following.isdigit() and following.isascii():
        return "′" if kind == "single" else "″"
    if kind == "double" and _MINUTES.search(text, 0, index):
        return "″"
    return ""


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character on one side that is neither a space nor another quotation mark."""
    index += step
    while 0 <= index < len(text) and (text[index] in " \u00a0" or text[index] in _DOUBLE + _SINGLE):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _chinese(char: str) -> bool:
    """Whether `char` is a Han character, kana, Hangul or Chinese punctuation: text whose quotes the
    spaces around them do not place."""
    return bool(char) and (bool(_EAST_ASIAN_LETTER.match(char)) or char in _CHINESE_PUNCTUATION)


def _alphanumeric(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum() and not CJK_LETTER.match(text[index])


# ---------------------------------------------------------------- inline content as one run of text


def _pieces(inlines: tuple[m.Inline, ...]) -> list[str]:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, m.LineBreak):
            out.append("\n")
        elif isinstance(node, (m.Code, m.NoteRef, m.InlineImage)):
            out.append(_OBJECT)
        else:
            out.extend(_pieces(m.inline_children(node)))
    return out


def rewrite_inlines(inlines: tuple[m.Inline, ...], rewrite: Rewrite) -> tuple[m.Inline, ...]:
    """A block's text rewritten across its inline nodes as one run (`"**暗伤**"`: the marks outside
    the emphasis pair with each other); code, note calls and pictures stand as `_OBJECT`."""
    pieces = _pieces(inlines)
    changed = rewrite(pieces)
    if changed == pieces:
        return inlines
    remaining = iter(changed)

    def rebuilt(node: m.Inline) -> m.Inline:  # the pieces in `_pieces`' order
        if isinstance(node, m.Text):
            return m.Text(next(remaining))
        if isinstance(node, (m.LineBreak, m.Code, m.NoteRef, m.InlineImage)):
            next(remaining)
        return node

    return map_inlines(inlines, rebuilt)
