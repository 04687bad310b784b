"""Chinese typesetting rules as plain functions over text: which characters take justification space,
and where a small gap separates Han from Latin script.

Nothing here knows WeasyPrint. `writers/pdf_justify.py` uses `spaced_ranges` to stretch CJK lines;
`script_gaps` marks Han/Latin boundaries in markup with spans that CSS spaces (no character is
inserted, so text extracted from the PDF is the article's own text).
"""
from __future__ import annotations

import re
from html import escape, unescape

# Ideographs, kana and bopomofo: the characters a Han/Latin gap is measured against.
_HAN = (r"\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff"
        r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f")
# CJK punctuation and full-width forms, plus the curly quotes that Chinese fonts set full width.
_CJK_PUNCTUATION = r"\u3000-\u3004\u3008-\u3020\u3030-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019"
# Marks set as connected pairs (——, ……): never pulled apart by justification.
_UNSTRETCHED = "\u2014\u2015\u2026\u22ef\u2e3a\u2e3b"

HAN = re.compile(f"[{_HAN}]")
_SPACED_RUN = re.compile(f"[{_HAN}{_CJK_PUNCTUATION}]+")
_HAN_LATIN = re.compile(f"(?<=[{_HAN}])(?=[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff%‰℃°$€£])"
                        f"|(?<=[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff%‰℃°])(?=[{_HAN}])")

CLOSING_PUNCTUATION = "，。、；：？！）》」』】〕〉”’．,.;:?!)]}%‰·…—"
OPENING_PUNCTUATION = "（《「『【〔〈“‘([{"


def is_cjk_language(lang: str | None) -> bool:
    """Languages set without spaces between words, whose lines are justified between characters."""
    return bool(lang) and lang.lower().split("-")[0] in ("zh", "ja")  # type: ignore[union-attr]


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
    margin where it would start or end a line (`writers/pdf_justify.py`).
    """
    sides: dict[int, str] = {}
    for position in gap_positions(text):
        latin = position if not HAN.match(text[position]) else position - 1
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
        elif part and not skipped and HAN.search(part):
            parts[index] = script_gaps(unescape(part))
    return "".join(parts)
