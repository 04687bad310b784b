"""Character widths in Chinese text, as Chinese typography sets them (clreq §3.2, GB/T 15834):

- Latin letters and Arabic digits are set half width in horizontal text. Text typed with a Chinese
  input method, or pasted from the web, often has their full-width forms (`６８００元`, `ＡＩ`): each
  takes a whole em, so a number reads letter-spaced, breaks between its digits and is not a number
  to the line-breaking rules. They become ASCII (the compatibility mapping of Unicode, NFKC), with
  `％` after a digit and `，` `．` between digits (`２，４００`, `１２．５`) as the number's own signs.
- Brackets around Chinese words are the full-width ones (`（如旅行社业务经营许可证）`): ASCII `( )` from a
  pasted page become `（ ）` where what they hold has a Han character, and the pair is whole in one run
  of text. Brackets around Latin text (`(JWIAP)`) and ASCII brackets of notes (`[1]`) stay.
- Punctuation after a Chinese word is the full-width one (GB/T 15834): `专家提醒:PM2.5`, `注意?`,
  `患者;` become `：` `？` `；`; a mark after a number takes the full width only where Chinese follows
  (`增长3.2%,同比`), so times, scores and lists of numbers (`22:47`, `3:1`, `1,2`) keep theirs.
- A range's ASCII tilde between numbers is the wave dash of GB/T 15834 §4.13 (`6~8℃` -> `6～8℃`), and so
  is its hyphen where the numbers are values (`30%-40%`, `7万-8万元`, `3-5年`), and a range of years or
  months (`2024-2026年`, `1-10月`) takes the one-em dash §4.13 gives a span of time (`2024—2026年`), in
  Simplified text (Taiwan's and Hong Kong's copy keeps its hyphens: the standard is the mainland's); a
  pasted dash or ellipsis beside Chinese text is the two-em one (`--`, `—` -> `——`; `...`, `。。。` -> `……`),
  except a dash that joins names (`上海—济州—福冈`, `中国—东盟`: `scripts.joining_dashes`), which is one em.
- A space the paste left beside full-width punctuation (`286μg/m³ ，`, `记者： 您`) or just inside
  ASCII brackets (`( Leonid Slutsky )`) is dropped: the mark's own blank is the space.

Only Chinese articles are touched; code is not text here (`quotes.rewrite_text` leaves it out).
"""
from __future__ import annotations

import re
import unicodedata
from functools import partial

from .. import model as m
from ..scripts import HAN, IDEOGRAPHS, han_standard, has_han, joining_dashes
from .quotes import rewrite_text

_FULL_WIDTH_ALPHANUMERIC = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_DIGIT = re.compile("[0-9０-９]")
_NUMBER_SIGNS = {"％": "%", "，": ",", "．": "."}


def normalize_widths(doc: m.Document) -> m.Document:
    """`doc` with the widths of its Chinese text's letters, digits and brackets as above."""
    if not doc.is_chinese:
        return doc
    # GB/T 15834's marks for a range are the mainland's: Taiwan and Hong Kong copy keeps its own hyphens
    return rewrite_text(doc, partial(_rewrite, ranges=han_standard(doc.meta.lang) == "SC"))


def _rewrite(pieces: list[str], ranges: bool = True) -> list[str]:
    joined = "".join(pieces)
    changed = half_width_alphanumerics(joined)
    changed = full_width_brackets(changed)
    changed = full_width_punctuation(changed)
    changed = range_tildes(changed)
    changed = range_hyphens(changed) if ranges else changed
    replaced = {**dict.fromkeys(stray_spaces(changed), ""), **dashes_and_ellipses(changed)}
    if changed == joined and not replaced:
        return pieces
    out, start = [], 0
    for piece in pieces:
        end = start + len(piece)
        out.append("".join(replaced.get(i, changed[i]) for i in range(start, end)))
        start = end
    return out


_CHINESE_BEFORE = f"[{IDEOGRAPHS}，。、；：？！」』）》”’]"  # what a dash or an ellipsis of Chinese text follows
_CHINESE_AFTER = f"[{IDEOGRAPHS}“‘「『（《]"  # what a dash of Chinese text comes before
# GB/T 15834 §4.9 and §4.11: the dash and the ellipsis of Chinese text take two ems (`——`, `……`). Pasted
# copy has one em dash, `--`, three dots or `。。。`: those beside Chinese text become the marks.
# (`--` comes from Markdown as an en dash: pandoc's smart typography.)
# (after any quotation mark, which `quotes` pairs later: `"七日游"--商品` reaches here as `“七日游“–商品`)
_DASH = re.compile(f"(?<={_CHINESE_BEFORE[:-1]}\"“‘]) ?(?:--|(?<![—–])[—–](?![—–])|－－) ?(?={_CHINESE_AFTER})")
# A single `…` ending the text is left: `model.shorten` marks a cut title with it.
_DOTS = r"(?:\.{3,6}|。{3}|(?<!…)…(?!…|$)|⋯{1,2})"
_ELLIPSIS = re.compile(f"(?<={_CHINESE_BEFORE}){_DOTS}|{_DOTS}(?=[{IDEOGRAPHS}])")


def dashes_and_ellipses(text: str) -> dict[int, str]:
    """Replacements (index -> text, '' to drop) that make a pasted dash or ellipsis beside Chinese text
    the two-em mark: `好转...但` -> `好转……但`, `门线--经`, `门线–经` and `门线—经` -> `门线——经`. A dash between numbers
    (`GB 3095—2012`) is a range and stays; one that joins names (`中国—东盟`) stays one em."""
    replaced: dict[int, str] = {}
    joining = joining_dashes(text)
    for pattern, mark in ((_DASH, "——"), (_ELLIPSIS, "……")):
        for match in pattern.finditer(text):
            if match.group() == mark:
                continue
            if match.start() in joining:  # one em joins names (`上海—济州`); an en dash there becomes it
                if match.group() == "–":
                    replaced[match.start()] = "—"
                continue
            replaced.update(dict.fromkeys(range(match.start(), match.end()), ""))
            replaced[match.start()] = mark
    return replaced


_FULL_WIDTH_MARKS = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_AFTER_NUMBER = re.compile("[0-9%‰℃]")
# Marks only Chinese text has, whose blank side is their space: a space beside them is one too many.
# (Curly quotes, dashes and the ellipsis serve English too, where a space beside them is the text's.)
_WIDE_MARKS = set("，。、；：？！（）《》〈〉「」『』【】〔〕～")
_CLOSING_WIDE = set("）》〉」』】〕")
_INSIDE_SENTENCE = set("，、；：")  # marks a sentence goes on after


def full_width_punctuation(text: str) -> str:
    """ASCII `, : ; ? !` after a Han character or a full-width mark as the full-width marks; after a
    number only where a Han character follows, or at the end of Chinese text (`房间面积×12;`); an ASCII
    full stop ending a Chinese sentence as `。`. The text keeps its length."""
    if not any(ch in _FULL_WIDTH_MARKS or ch == "." for ch in text):
        return text
    chars = list(text)
    for index, char in enumerate(text):
        if char not in _FULL_WIDTH_MARKS or index == 0:
            continue
        before = chars[index - 1]  # as rewritten: `?!` after Han becomes `？！`
        following = text[index + 1] if index + 1 < len(text) else ""
        if before in "”’\"'" and index > 1:  # `“爆表”,`: a Chinese quotation's end; `“yes”,` stays English
            before = chars[index - 2]
        if HAN.match(before) or before in _CLOSING_WIDE or before in "，。、；：？！" \
                or _AFTER_NUMBER.match(before) and (HAN.match(following) or not following and char in ",;?!"
                                                    and HAN.search(text)):
            chars[index] = _FULL_WIDTH_MARKS[char]
    return _full_stops(chars)


# `价格也实在."`, `聚居区.` `…老人另享5折优惠.`: a pasted ASCII full stop ending a Chinese sentence (after a Han
# character, a closing mark or a Chinese quotation's end, which may close on a figure), before the end, a space,
# Han text or a closing quote;
# never one of several dots (an ellipsis), nor one between letters or digits (`新华网.com`, `3.2`, `1.`).
_FULL_STOP = re.compile(rf"(?<=[{IDEOGRAPHS}）》」』])(?:([”’\"']?)\.)(?![.A-Za-z0-9_])|(?<=[{IDEOGRAPHS}])\.(?=[”’\"'])"
                        r"|(?<=[%‰℃])([”’\"'])\.(?![.A-Za-z0-9_])")  # `达到了92%”.`: a quotation's end after a figure


def _full_stops(chars: list[str]) -> str:
    text = "".join(chars)
    if "." not in text:
        return text
    return _FULL_STOP.sub(lambda match: (match[1] or match[2] or "") + "。" if match[0].endswith(".") else "。", text)


_RANGE_TILDE = re.compile("(?<=[0-9%‰℃°])~(?=[0-9])")


def range_tildes(text: str) -> str:
    """`6~8℃`, `30%~50%`: the tilde between numbers as the wave dash `～`. The text keeps its length."""
    return _RANGE_TILDE.sub("～", text) if "~" in text else text


# A hyphen or an en dash between two numbers (`30%-40%`, `7万-8万元`, `2024-2026年`): not after a letter, a
# digit or a sign that makes it a code, a date, a time or a phone number (`GB/T 15834-2011`, `2024-11-20`,
# `010-8888`; a span of times, `9:00-17:00`, is `_CLOCK_RANGE`'s), nor before a third part (`400-820-8820`).
_RANGE_HYPHEN = re.compile(r"(?<![A-Za-z0-9_.\-–/:#+])(?<![A-Za-z] )(?P<left>(?:[1-9][0-9]*|0)(?:\.[0-9]+)?)(?P<left_unit>[%‰℃°]|[万萬亿億])?"
                           r"[-–](?P<right>(?:[1-9][0-9]*|0)(?:\.[0-9]+)?)(?![0-9.,]|[-–][0-9])(?P<after>.?)")
# What follows a range of values (`3-5年`, `5-10分钟`, `7万-8万元`, `5-10km`). A house number is no range
# (`88-1号`, `3-5号楼`: building 3, door 5), nor a score (`以2-1击败`).
_VALUE_UNITS = set("个個位名人家户戶次件台臺辆輛架艘只隻头頭匹条條张張本部篇份项項元角分亿億万萬千百十年天时時秒周週岁歲届屆"
                   "期倍成批场場例吨噸米克斤里亩畝升度轮輪款级級%‰℃°") | set("kmgstKMGTWV")


def range_hyphens(text: str) -> str:
    """`30%-40%`, `7万-8万元`, `3-5年` -> `30%～40%`, `7万～8万元`, `3～5年`: a range of values takes the wave
    dash; `2024-2026年`, `1-10月` -> `2024—2026年`, `1—10月`: a span of years or months takes the one-em
    dash (GB/T 15834 §4.13). Only a rising range is one (`88-1号` is an address). The text keeps its length."""
    if "-" not in text and "–" not in text:
        return text
    chars = list(text)
    for match in _RANGE_HYPHEN.finditer(text):
        left, right, unit, after = float(match["left"]), float(match["right"]), match["left_unit"], match["after"]
        if left >= right:
            continue
        if _years(match["left"], match["right"]) and (after == "年" or has_han(after)) \
                or after == "月" and right <= 12 and left == int(left) and right == int(right):
            dash = "—"
        elif unit and after == unit or not unit and after in _VALUE_UNITS:
            dash = "～"
        else:
            continue
        chars[match.start("right") - 1] = dash
    for match in _CLOCK_RANGE.finditer(text):  # `8:00-17:00`: a span of the day's time, the one-em dash
        if _minutes(match["left"]) != _minutes(match["right"]):  # (`22:00-6:00`: overnight)
            chars[match.start("right") - 1] = "—"
    return "".join(chars)


# Two times of day (`8:00-17:00`, `09:30–11:45`): a span of time, when it runs forward
_CLOCK_RANGE = re.compile(r"(?<![0-9:.\-–])(?P<left>(?:[01]?[0-9]|2[0-4]):[0-5][0-9])[-–]"
                          r"(?P<right>(?:[01]?[0-9]|2[0-4]):[0-5][0-9])(?![0-9:]|[-–][0-9])")


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _years(left: str, right: str) -> bool:
    return left.isdigit() and right.isdigit() and len(left) == len(right) == 4 and 1000 <= int(left) < int(right) <= 2999


def stray_spaces(text: str) -> set[int]:
    """Indices of the ASCII spaces to drop: before a full-width mark, after one that is not a closing
    bracket, or just inside ASCII brackets. A space after a closing bracket or quotation stays: in a
    headline it parts two phrases (`老街書店「最後一夜」 店主：…`). Ideographic spaces after a mark inside
    a sentence (`试玩版，　现场`: a gap of 1.5 em in every edition) go too."""
    dropped: set[int] = set()
    for index, char in enumerate(text):
        if char == "\u3000" and index and (text[index - 1] in _INSIDE_SENTENCE or index - 1 in dropped
                                           and text[index - 1] == "\u3000"):
            dropped.add(index)
        if char != " ":
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before in _WIDE_MARKS - _CLOSING_WIDE or after in _WIDE_MARKS or before == "(" or after == ")":
            dropped.add(index)
        elif before in _CLOSING_WIDE and index > 1 and text[index - 2] in "。！？" and has_han(after):
            dropped.add(index)  # after a bracketed sentence (`…不理性”。） 在他看来`): the sentence goes on
    return dropped


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
    """ASCII parentheses in Chinese text, as full-width ones: a pair holding Han text, or one that a Han
    character stands right before, or after when no letter or digit is bound to it before (`贵州茅台(600519.SH)`,
    `人工智能(AI)`, `(1)加快建设`), as the mainland's and Taiwan's press set them; `Python(3.11)发布` and
    `f(x)的值` stay. The text keeps its length. A pair must be whole in `text` (an unmatched bracket is left
    as it is)."""
    if "(" not in text:
        return text
    chars = list(text)
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            before = text[start - 1] if start else ""
            if HAN.search(text, start + 1, index) or HAN.match(before) \
                    or not before.isalnum() and HAN.match(text, index + 1):
                chars[start], chars[index] = "（", "）"
    return "".join(chars)
