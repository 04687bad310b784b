"""A headline of several lines set in lines of even length, as browsers' `text-wrap: balance` sets it
(the EPUB and HTML page ask for that in CSS; WeasyPrint 70 does not know the property).

The title is broken as the markup lets a line break and WeasyPrint breaks (`textlines.wrap`: the
same gaps, halved marks, held groups and title words; no break next to a quotation mark, a closing
mark at a line's end fitted full width), measured with the heading's own font through Pillow/raqm; the narrowest
measure that still takes no more lines than the full one is found by bisection, and the headline is
given that width as its `max-width`, with a little slack for what Pango and raqm measure differently.
A headline of one line, or a title whose font is not installed, is left alone.
"""
from __future__ import annotations

import math
from functools import lru_cache

from ...model import collapse_spaces
from ...resources.fonts import stack_font
from ...scripts import heading_clauses, phrase_spaces
from ...theme import Theme
from ..textlines import Spacing, line_width, wrap

_MEASURE_PX = 100  # the size the title is measured at: fine enough steps, scaled to the real size
_SLACK_EM = 0.5  # what Pango and raqm may measure differently, and kinsoku WeasyPrint applies


def balanced_title_width(title: str, theme: Theme, *, measure_pt: float, size_pt: float, chinese: bool,
                         clauses: bool = False) -> float | None:
    """The `max-width` in pt that sets `title` (in the headline's font, `size_pt`) in as few lines as
    the full `measure_pt` does, of even length; None when it takes one line or cannot be measured.
    With `clauses`, the headline's clauses are held whole (`holds_clauses`)."""
    title = collapse_spaces(title)
    font = _title_font(title, theme, size_pt, chinese)
    if font is None:
        return None
    scale = size_pt / _MEASURE_PX
    full = measure_pt / scale
    spacing = _spacing(theme, chinese)

    def layout(width: float) -> list[str]:
        return wrap(title, font, width, spacing, as_weasyprint=True, clauses=clauses)

    count = len(layout(full))
    if count < 2:
        return None
    low, high = 0.0, full
    while high - low > 0.5:
        middle = (low + high) / 2
        if _fits(layout(middle), font, spacing, middle, count):
            high = middle
        else:
            low = middle
    start, end = _preferred(layout, font, spacing, count, high, full, title)
    width = min(full, start + _SLACK_EM * _MEASURE_PX, (start + end) / 2)
    return math.ceil(width * scale * 10) / 10 if width < full else None


def holds_clauses(title: str, theme: Theme, *, measure_pt: float, size_pt: float, chinese: bool) -> bool:
    """Whether the headline's clauses (`scripts.heading_clauses`: `九巴申請加價4.8%` / `運輸及物流局：…`)
    are held whole, each on one line, so that it breaks between them: when it has some, each fits the
    full measure, and held they take no more lines than the headline broken anywhere. A greedy layout
    never puts a shorter first clause alone on a line, whatever width balancing gives it."""
    title = collapse_spaces(title)
    font = _title_font(title, theme, size_pt, chinese)
    if font is None or not chinese or not heading_clauses(title):
        return False
    full = measure_pt / (size_pt / _MEASURE_PX)
    spacing = _spacing(theme, chinese)
    free = wrap(title, font, full, spacing, as_weasyprint=True)
    held = wrap(title, font, full, spacing, as_weasyprint=True, clauses=True)
    return len(free) > 1 and len(held) <= len(free) and _fits(held, font, spacing, full, len(free))


def _spacing(theme: Theme, chinese: bool) -> Spacing:
    """The headline's spacing as the PDF sets it (the later lines' opening marks are the layout hook's,
    which `wrap` measures after the break; a first line's opening mark the markup halves)."""
    compress = chinese and theme.cjk.compress_punctuation
    return (theme.text.script_gap_em, compress, False, compress and theme.cjk.heading_line_start_opening == "half")


def _title_font(title: str, theme: Theme, size_pt: float, chinese: bool):  # type: ignore[no-untyped-def]
    """The headline's face, measured at `_MEASURE_PX`; None when there is nothing to measure."""
    face = stack_font(theme.script_stack("headings", chinese), theme.headings.weight >= 600) or \
        stack_font(theme.script_stack("headings", chinese), False)
    if not title or face is None or size_pt <= 0:
        return None
    return _Measured(_font(face.path, face.index))


def _preferred(wrapped, font, spacing: Spacing, count: int, narrowest: float,  # type: ignore[no-untyped-def]
               full: float, title: str) -> tuple[float, float]:
    """The widths [start, end) that set `title` in the preferred of its layouts in `count` lines: the one
    breaking at the most spaces between its phrases (`高鐵票價10年來首度調漲 4月起…`: a space is the
    phrase boundary the writer marked), then the narrowest (the most even). The headline is given a
    width inside that range, away from its ends where the layout turns into another (`…4月起台北` /
    `到左營`, one character of the next line pulled up), as far as the slack allows."""
    text = collapse_spaces(title)

    def layout(width: float) -> tuple[str, ...]:
        return tuple(wrapped(width))

    layouts: dict[tuple[str, ...], list[float]] = {}
    width = narrowest
    while width < full + _STEP:  # each layout where it is first and last seen, a step apart
        lines = layout(min(width, full))
        if len(lines) == count and _fits(lines, font, spacing, min(width, full), count):
            layouts.setdefault(lines, [width, width])[1] = min(width, full)
        width += _STEP
    if not layouts:
        return narrowest, full
    best = max(layouts, key=lambda lines: (_breaks_at_spaces(text, lines), -layouts[lines][0]))
    start, end = layouts[best]
    low, high = max(narrowest, start - _STEP), start  # where it begins, and where it ends, within a pixel
    while high - low > 1:
        low, high = (low, (low + high) / 2) if layout((low + high) / 2) == best else ((low + high) / 2, high)
    start = high
    low, high = end, min(full, end + _STEP)
    while high - low > 1:
        low, high = ((low + high) / 2, high) if layout((low + high) / 2) == best else (low, (low + high) / 2)
    return start, high if layout(high) == best else low


_STEP = 20.0  # px at the measuring size (0.2 em): the layouts between the narrowest width and the full one


def _fits(lines: list[str] | tuple[str, ...], font, spacing: Spacing, width: float,  # type: ignore[no-untyped-def]
          count: int) -> bool:
    """Whether `lines` are no more than `count` and none is wider than `width`: a group no line breaks
    in (`新区“智慧港口”一期`: Pango breaks next to no quotation mark) sets the narrowest width."""
    return len(lines) <= count and all(line_width(line, font, spacing, halve_end=False) <= width + 0.5
                                       for line in lines)


def _breaks_at_spaces(text: str, lines: tuple[str, ...]) -> int:
    """How many of the line breaks fall at a space the writer put between phrases (`scripts.phrase_spaces`)."""
    spaces = set(phrase_spaces(text))
    found, position = 0, 0
    for line in lines[:-1]:
        position = text.find(line, position)
        if position < 0:
            return 0
        position += len(line)
        found += position in spaces
    return found


@lru_cache(maxsize=8)
def _font(path: str, index: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    return ImageFont.truetype(path, _MEASURE_PX, index=index)


class _Measured:
    """A Pillow font whose measurements are remembered: breaking one title at many widths measures
    the same runs again and again."""

    def __init__(self, font) -> None:  # type: ignore[no-untyped-def]
        self.font = font
        self.size = font.size
        self.lengths: dict[tuple[str, tuple[str, ...]], float] = {}
        self.line_widths: dict[tuple[str, Spacing, bool], float] = {}  # `textlines.line_width`'s

    def getlength(self, text: str, features: list[str] | None = None) -> float:
        key = (text, tuple(features or ()))
        if key not in self.lengths:
            self.lengths[key] = self.font.getlength(text, features=features)
        return self.lengths[key]
