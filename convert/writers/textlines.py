"""Lines of text set and broken outside a layout engine, with Pillow (HarfBuzz through raqm), by the
rules the markup gives the other editions: Han/Latin gaps, compressed punctuation (a closing mark
ending a line set half width), no break inside `scripts.keep_together`'s groups or a title's words,
simple kinsoku. The EPUB's cover draws its lines with it; the PDF balances its headline with it.
"""
from __future__ import annotations

from functools import lru_cache

from PIL import features

from ..model import collapse_spaces
from ..scripts import (break_tokens, compressed_marks, gap_positions, has_han, heading_clauses, heading_words, keep_together,
                       mark_kind, quoted_phrase_edges)

_NO_LINE_START = set("，。、；：？！）》」』”’〉】〕…—,.;:?!)]}%")
_NO_LINE_END = set("（《「『“‘〈【〔([{")
# The Han/Latin gap in em; whether punctuation is compressed; whether `，。、；：？！` are centred (Taiwan's and
# Hong Kong's faces: the bracket beside one gives up the half, `scripts.compressed_marks`); whether an opening
# mark starting a line is set half width (a heading's, as the theme's `heading_line_start_opening` says).
Spacing = tuple[float, bool, bool, bool]
NO_SPACING: Spacing = (0.0, False, False, False)


def wrap(text: str, font, width: float, cjk: Spacing = NO_SPACING,  # type: ignore[no-untyped-def]
         *, as_weasyprint: bool = False, clauses: bool = False) -> list[str]:
    """Greedy line breaking that keeps closing punctuation off a line's start (simple kinsoku) and
    breaks neither inside the groups `scripts.keep_together` names (numbers with their units, the last
    two characters, the words of a Chinese title) nor where `scripts` would not.

    `as_weasyprint` breaks where the PDF's layout would: Pango breaks neither before nor after a
    quotation mark `“”‘’`, even between Han characters (UAX #14 before Unicode 15.1: class QU), and
    WeasyPrint fits a line with a closing mark at its end full width (it is halved after the break).
    With `clauses`, a headline's clauses (`scripts.heading_clauses`) are held whole too, as the
    markup holds them when each fits the line (`clause_spans`)."""
    lines: list[str] = []
    current = ""
    last = ""  # the token `current` ends with
    text = collapse_spaces(text)  # a headline's ideographic space between its clauses kept: it is an em wide
    groups = list(_break_groups(text, clauses))
    held = clause_spans(text) if clauses else []
    hints = [position for position in quoted_phrase_edges(text) if not any(a < position < b for a, b in held)] \
        if as_weasyprint and has_han(text) else []
    for token in (_joined_at_quotes(groups, hints) if as_weasyprint else groups):
        candidate = current + token
        fits = line_width(candidate.rstrip(), font, cjk, halve_end=not as_weasyprint) <= width
        if not current or fits:
            current, last = candidate, token
            continue
        if token[0] in _NO_LINE_START:
            if not as_weasyprint or current == last:  # hangs past the measure (the cover's model)
                current, last = candidate, token
                continue
            # WeasyPrint hangs nothing: the mark goes down with the token before it
            current, token = current[:-len(last)], last + token
        carry = ""
        while current and current[-1] in _NO_LINE_END:
            carry, current = current[-1] + carry, current[:-1]
        lines.append(current.rstrip())
        current = (carry + token).lstrip()
        last = token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def break_groups(text: str) -> list[str]:
    """`break_tokens`, with those inside a group no line may break in joined."""
    return list(_break_groups(text))


def clause_spans(text: str) -> list[tuple[int, int]]:
    """A headline's clauses (`scripts.heading_clauses`) as held: without the space that ends one
    (a line breaks at it)."""
    return [(start, start + len(text[start:end].rstrip())) for start, end in heading_clauses(text)]


@lru_cache(maxsize=64)
def _break_groups(text: str, clauses: bool = False) -> tuple[str, ...]:  # a title is broken at many widths
    words = heading_words(text) if has_han(text) else []  # (`pdf.balance`)
    spans = keep_together(text, words + (clause_spans(text) if clauses else []))
    tokens: list[str] = []
    position = 0
    for token in break_tokens(text):
        end = position + len(token)
        inside = any(start <= position and end <= stop and position > start for start, stop in spans)
        if inside and tokens:
            tokens[-1] += token
        else:
            tokens.append(token)
        position = end
    return tuple(tokens)


_QUOTES = "“”‘’\"'"


def _joined_at_quotes(tokens: list[str], hints: list[int] = ()) -> list[str]:  # type: ignore[assignment]
    """`tokens` with each quotation mark joined to the tokens on both sides of it, but where the markup
    gives a break (`hints`: indexes in the tokens' text, `scripts.quoted_phrase_edges`)."""
    joined: list[str] = []
    position = 0
    for token in tokens:
        if joined and position not in hints and (token[0] in _QUOTES or joined[-1].rstrip()[-1:] in _QUOTES):
            joined[-1] += token
        else:
            joined.append(token)
        position += len(token)
    return joined


def line_runs(line: str, cjk: Spacing, *, halve_end: bool = True) -> list[tuple[str, bool, float]]:
    """The line as runs to draw: (text, set half width with `halt`, gap before it in em). Marks are
    halved as in the other editions (`compressed_marks`, Taiwan's centred marks as Taiwan sets them;
    with `halve_end`, a closing mark ending the line; an opening one starting it as `cjk` says); a
    Han/Latin boundary gets the theme's gap."""
    gap_em, compress, centred, trim_start = cjk
    halved = set(compressed_marks(line, centred=centred)) if compress else set()
    if compress and halve_end and line and mark_kind(line[-1]) == "closing":
        halved.add(len(line) - 1)
    if compress and trim_start and line and mark_kind(line[0]) == "opening":
        halved.add(0)
    gaps = set(gap_positions(line)) if gap_em else set()
    found: list[tuple[str, bool, float]] = []
    for index, char in enumerate(line):
        half, gap = index in halved, gap_em if index in gaps else 0.0
        if found and found[-1][1] == half and not gap and not half:
            found[-1] = (found[-1][0] + char, half, found[-1][2])
        else:
            found.append((char, half, gap))
    return found


def halt_features(half: bool) -> list[str] | None:
    """Pillow's `features` for a run set half width (raqm is needed to apply OpenType features)."""
    return ["halt"] if half and features.check("raqm") else None


def line_width(line: str, font, cjk: Spacing, *, halve_end: bool = True) -> float:  # type: ignore[no-untyped-def]
    """The width `line` is set in, in the font's pixels; remembered by a font that has `line_widths` (a dict:
    breaking one title at many widths measures the same lines again and again)."""
    widths = getattr(font, "line_widths", None)
    key = (line, cjk, halve_end)
    if widths is not None and key in widths:
        return widths[key]  # type: ignore[no-any-return]
    size = getattr(font, "size", 16)
    width = sum(gap * size + font.getlength(text, features=halt_features(half))
                for text, half, gap in line_runs(line, cjk, halve_end=halve_end))
    if widths is not None:
        widths[key] = width
    return width
