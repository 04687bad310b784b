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

from ...resources.fonts import stack_font
from ...theme import Theme
from ..textlines import Spacing, wrap

_MEASURE_PX = 100  # the size the title is measured at: fine enough steps, scaled to the real size
_SLACK_EM = 0.5  # what Pango and raqm may measure differently, and kinsoku WeasyPrint applies


def balanced_title_width(title: str, theme: Theme, *, measure_pt: float, size_pt: float, chinese: bool) -> float | None:
    """The `max-width` in pt that sets `title` (in the headline's font, `size_pt`) in as few lines as
    the full `measure_pt` does, of even length; None when it takes one line or cannot be measured."""
    title = " ".join(title.split())
    face = stack_font(theme.script_stack("headings", chinese), theme.headings.weight >= 600) or \
        stack_font(theme.script_stack("headings", chinese), False)
    if not title or face is None or size_pt <= 0:
        return None
    font = _font(face.path, face.index)
    scale = size_pt / _MEASURE_PX
    full = measure_pt / scale
    spacing: Spacing = (theme.text.script_gap_em, chinese and theme.cjk.compress_punctuation)
    count = len(wrap(title, font, full, spacing, as_weasyprint=True))
    if count < 2:
        return None
    low, high = 0.0, full
    while high - low > 0.5:
        middle = (low + high) / 2
        if len(wrap(title, font, middle, spacing, as_weasyprint=True)) <= count:
            high = middle
        else:
            low = middle
    width = min(full, high + _SLACK_EM * _MEASURE_PX)
    return math.ceil(width * scale * 10) / 10 if width < full else None


@lru_cache(maxsize=8)
def _font(path: str, index: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    return ImageFont.truetype(path, _MEASURE_PX, index=index)
