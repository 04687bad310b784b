"""The one home of script knowledge: which characters are Han, which are CJK punctuation, whether a
language or a text is Chinese, which font families are CJK faces, where Han meets Latin script.

Every module that asks "is this Chinese?" or "is this a Han character?" asks here, so the ranges are
defined once. Nothing here knows a writer: the PDF writer's justification (`writers/pdf/justify.py`)
and the Han/Latin gaps of the markup are built on `spaced_ranges` and `script_gaps`.
"""
from __future__ import annotations

import re
from html import escape, unescape

# ---------------------------------------------------------------- character classes (regex ranges)

# Ideographs: CJK Unified Ideographs and extensions A-H, compatibility ideographs, 々 〆 〇, Hangzhou numerals.
IDEOGRAPHS = (r"\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
              r"\U00020000-\U0003134f\U00031350-\U000323af")
# Letters set on the ideographic em square: ideographs, radicals, kana and bopomofo.
CJK_LETTERS = IDEOGRAPHS + r"\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff"
# CJK punctuation and full-width forms, plus the curly quotes that Chinese fonts set full width.
CJK_PUNCTUATION = (r"\u3000-\u3004\u3008-\u3020\u3030-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef"
                   r"\u201c\u201d\u2018\u2019")
HANGUL = r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
# Everything that breaks a line between any two characters (no spaces needed).
WIDE = CJK_LETTERS + CJK_PUNCTUATION + HANGUL
# Latin-side characters a Han/Latin gap is measured against: letters, digits, Greek, Cyrillic, units.
_LATIN_SIDE = r"A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"

HAN = re.compile(f"[{IDEOGRAPHS}]")
CJK_LETTER = re.compile(f"[{CJK_LETTERS}]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
WIDE_RUN = re.compile(f"[{WIDE}]+")
# Han text with its punctuation: in a non-Chinese article such runs are tagged zh so fonts pick Han glyphs.
HAN_TEXT_RUN = re.compile(f"[{IDEOGRAPHS}\u3000-\u303f\uff00-\uffef]+")
# More than 40 characters without a break opportunity (a URL, a hash, a hostile "word").
LONG_UNBROKEN_RUN = re.compile(f"[^\\s{WIDE}]{{41,}}")
_SPACED_RUN = re.compile(f"[{CJK_LETTERS}{CJK_PUNCTUATION}]+")
_HAN_LATIN = re.compile(f"(?<=[{CJK_LETTERS}])(?=[{_LATIN_SIDE}%‰℃°$€£])"
                        f"|(?<=[{_LATIN_SIDE}%‰℃°])(?=[{CJK_LETTERS}])")
# Marks set as connected pairs (——, ……): never pulled apart by justification.
_UNSTRETCHED = "\u2014\u2015\u2026\u22ef\u2e3a\u2e3b"

CLOSING_PUNCTUATION = "，。、；：？！）》」』】〕〉”’．,.;:?!)]}%‰·…—"
OPENING_PUNCTUATION = "（《「『【〔〈“‘([{"

# Family names of Chinese/Japanese/Korean faces: a stack's first such family sets Han text.
_CJK_FAMILY = re.compile(r"\b(CJK|SC|TC|HK|JP|KR|Song|Hei|Kai|Ming|Fang|Sim|YaHei|PingFang|宋|黑|楷|明)\b", re.I)

_CHINESE_LANGUAGES = {"zh", "cmn", "yue", "lzh", "wuu", "hak", "nan", "gan", "hsn"}


# ---------------------------------------------------------------- languages


def is_chinese(lang: str | None) -> bool:
    """Whether a BCP 47 tag names Chinese (any variety or script)."""
    return bool(lang) and lang.lower().replace("_", "-").split("-")[0] in _CHINESE_LANGUAGES  # type: ignore[union-attr]


def is_cjk_language(lang: str | None) -> bool:
    """Languages set without spaces between words, whose lines are justified between characters."""
    return is_chinese(lang) or (bool(lang) and lang.lower().split("-")[0] == "ja")  # type: ignore[union-attr]


def is_cjk_family(family: str) -> bool:
    """Whether a font family name is a Chinese, Japanese or Korean face (`Noto Serif CJK SC`, `SimSun`)."""
    return bool(_CJK_FAMILY.search(family))


def guess_language(text: str) -> str:
    """zh-CN where Han text dominates `text`, else en. A Han character carries about as much as a short
    Latin word, so they are weighed accordingly."""
    han = len(HAN.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    return "zh-CN" if han and han * 4 >= latin else "en"


# ---------------------------------------------------------------- characters


def is_wide(char: str) -> bool:
    """Whether `char` is set by a CJK face when a font list names one (Han, kana, CJK punctuation)."""
    return bool(WIDE_RUN.fullmatch(char))


def has_han(text: str) -> bool:
    return bool(HAN.search(text))


def break_tokens(text: str) -> list[str]:
    """Line-break opportunities for simple wrapping: each wide character alone, Latin words with their
    trailing space, runs of white space."""
    return re.findall(f"[{WIDE}]|[^\\s{WIDE}]+\\s*|\\s+", text)


# ---------------------------------------------------------------- justification and gaps


def spaced_ranges(text: str) -> list[tuple[int, int]]:
    """UTF-8 byte ranges of the characters that take inter-character justification space.

    Pango spreads a character's letter spacing half before and half after it, so marking every
    Han character and CJK punctuation mark stretches each gap between them by the full amount.
    """
    ranges: list[tuple[int, int]] = []
    for run in _SPACED_RUN.finditer(text):
        start = len(text[:run.start()].encode("utf-8"))
        ranges.append((start, start + len(run.group(0).encode("utf-8"))))
    return ranges


def spaced_gaps(text: str) -> float:
    """How many gaps the letter spacing of `spaced_ranges` adds to `text` laid out on its own:
    every spaced character counts once, less the half Pango leaves out at each end of the text."""
    spaced = [bool(_SPACED_RUN.fullmatch(char)) for char in text]
    if not spaced:
        return 0.0
    return sum(spaced) - 0.5 * spaced[0] - 0.5 * spaced[-1]


def takes_space(char: str) -> bool:
    """Whether a justification gap may open next to `char` (used at boundaries between boxes)."""
    return bool(_SPACED_RUN.fullmatch(char)) and char not in _UNSTRETCHED


def gap_positions(text: str) -> list[int]:
    """Indexes i where a Han/Latin gap belongs between text[i - 1] and text[i]."""
    return [match.start() for match in _HAN_LATIN.finditer(text)]


def script_gaps(text: str) -> str:
    """Escaped HTML for `text` with each Han/Latin boundary marked up for a ¼em gap.

    The Latin character at a boundary is wrapped in a span (class `sg-l`, `sg-r` or `sg-lr`) that
    CSS gives a margin on its Han side. A line may still break there: the PDF writer drops such a
    margin where it would start or end a line (`writers/pdf/justify.py`).
    """
    sides: dict[int, str] = {}
    for position in gap_positions(text):
        latin = position if not CJK_LETTER.match(text[position]) else position - 1
        sides[latin] = sides.get(latin, "") + ("l" if latin == position else "r")
    if not sides:
        return escape(text, quote=False)
    return "".join(f'<span class="sg-{"".join(sorted(sides[i]))}">{escape(char, quote=False)}</span>'
                   if i in sides else escape(char, quote=False) for i, char in enumerate(text))


_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED = {"pre", "code", "kbd", "samp", "script", "style", "title", "head", "svg", "math"}


def mark_script_gaps(markup: str) -> str:
    """Apply `script_gaps` to the text of HTML markup, leaving code, head and attributes alone."""
    parts = _TAG.split(markup)
    skipped: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _SKIPPED and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipped and skipped[-1] == name.group(1).lower():
                        skipped.pop()
                else:
                    skipped.append(name.group(1).lower())
        elif part and not skipped and CJK_LETTER.search(part):
            parts[index] = script_gaps(unescape(part))
    return "".join(parts)
