"""A generated cover: the article's title, date and source set in the theme's fonts and colours.

E-reader libraries show the cover as the book's thumbnail, so every EPUB gets a real one even when
the article has no picture. Fonts are found through fontconfig (`resources/fonts.py`), the same way Pango
finds them for the PDF, so the cover uses the typeface the theme names.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from ...dates import format_date
from ...errors import warn
from ...model import Meta, collapse_spaces
from ...resources.fonts import FontFile, look_up_ahead, stack_font
from ...scripts import direction, han_standard, heading_clauses, is_chinese, is_cjk_language
from ...theme import Theme
from ...wording import BYLINE_SEPARATOR, byline, byline_text
from ..textlines import NO_SPACING, Spacing
from ..textlines import halt_features as _features
from ..textlines import line_runs as _runs
from ..textlines import wrap as _wrap

COVER_SIZE = (1200, 1800)  # 2:3, the shape e-reader shops and libraries expect
_MARGIN = 0.09  # of the width


def cover_text(meta: Meta, publication: str = "") -> dict[str, str]:
    """What the cover says: title, date, source (and who wrote it), worded like the byline. The band
    at the top names `publication` (the profile's) when there is one, else the source site."""
    parts = {part.kind: part for part in byline(meta)}
    lang = meta.lang or "en"
    source = publication or (parts["source"].value if "source" in parts else "")  # the site, else its host
    people = [byline_text(parts[kind], lang) for kind in ("authors", "editor") if kind in parts]
    return {"title": meta.title, "subtitle": meta.subtitle,
            "date": format_date(meta.date, lang) if meta.date else "", "source": source,
            "people": BYLINE_SEPARATOR.join(people)}


_TITLE_LINES = 6
_CLAUSE_SHRINK = 0.8  # the smallest share of its size a title may take to keep its clauses whole


def _title_lines(title: str, face: FontFile | None, width: int, start: int,  # type: ignore[no-untyped-def]
                 spacing: Spacing):
    """The title's font and lines: as large as fits in six lines; where its clauses (`scripts.heading_clauses`,
    parted by a space) would be broken across lines, a size not much smaller at which each starts a line and
    each but the longest fits one (`深水埗劏房戶捱租貴` / `關注組促政府加快落實` / …, not `…捱` / `租貴　關注組促`)."""
    font = _fit(title, face, width, start=start, lines=_TITLE_LINES, cjk=spacing)
    clauses = [title[a:b].strip() for a, b in heading_clauses(title) if title[a:b].strip()]
    if len(clauses) < 2:
        return font, _wrap(title, font, width, spacing)
    size = getattr(font, "size", start)
    while size >= getattr(font, "size", start) * _CLAUSE_SHRINK and size > 12:
        held_font = _font(face, size)
        wrapped = [_wrap(clause, held_font, width, spacing) for clause in clauses]
        longest = max(range(len(clauses)), key=lambda i: len(clauses[i]))
        if sum(map(len, wrapped)) <= _TITLE_LINES and all(len(w) == 1 for i, w in enumerate(wrapped) if i != longest):
            return held_font, [line for lines in wrapped for line in lines]
        size = int(size * 0.95)
    return font, _wrap(title, font, width, spacing)


@dataclass(frozen=True)
class CoverDrawing:
    """The cover laid out: what to draw on a page of `size` and `background`. Laying it out measures the text
    and breaks its lines (segmenting Chinese words); drawing and encoding it (`png`, ~0.04 s) needs nothing
    else, so the EPUB writer has it done in a forked child while it sets the article (`forks.later`)."""

    size: tuple[int, int]
    background: str
    operations: tuple[tuple[str, tuple[Any, ...], dict[str, Any]], ...]  # ImageDraw's method, its arguments

    def png(self) -> bytes:
        """The PNG bytes; the same drawing gives the same bytes."""
        image = Image.new("RGB", self.size, self.background)
        draw = ImageDraw.Draw(image)
        for method, args, kwargs in self.operations:
            getattr(draw, method)(*args, **kwargs)
        out = io.BytesIO()
        # zlib's run-length strategy (Z_RLE): flat colour and anti-aliased text compress in half the time of
        # the default strategy at level 6 (~35 ms against ~65 ms here), for a file ~14 % larger; same pixels.
        image.save(out, format="PNG", compress_level=6, compress_type=zlib.Z_RLE)
        return out.getvalue()


class _Recorder:
    """Takes ImageDraw's calls while the cover is laid out, for `CoverDrawing.png` to make later."""

    def __init__(self) -> None:
        self.operations: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def text(self, *args: Any, **kwargs: Any) -> None:
        self.operations.append(("text", args, kwargs))

    def rectangle(self, *args: Any, **kwargs: Any) -> None:
        self.operations.append(("rectangle", args, kwargs))

    def ellipse(self, *args: Any, **kwargs: Any) -> None:
        self.operations.append(("ellipse", args, kwargs))


def cover_png(meta: Meta, theme: Theme, size: tuple[int, int] = COVER_SIZE, *, publication: str = "",
              contents: tuple[str, ...] = ()) -> bytes:
    """The cover as PNG bytes; the same meta and theme give the same bytes. `contents`: the titles of
    an issue's articles, listed under the date (as many as fit)."""
    return cover_drawing(meta, theme, size, publication=publication, contents=contents).png()


def cover_drawing(meta: Meta, theme: Theme, size: tuple[int, int] = COVER_SIZE, *, publication: str = "",
                  contents: tuple[str, ...] = ()) -> CoverDrawing:
    """The cover laid out (`cover_png`)."""
    width, height = size
    colors = theme.colors
    draw = _Recorder()
    text = cover_text(meta, publication)
    margin = int(width * _MARGIN)
    inner = width - 2 * margin
    cjk = is_cjk_language(meta.lang) or meta.lang.lower().startswith("ko")  # else Latin faces first: CJK faces set quotes full-width
    # The same spacing rules as the other editions: Han/Latin gaps; compressed punctuation in Chinese.
    compress = is_chinese(meta.lang) and theme.cjk.compress_punctuation
    spacing: Spacing = (theme.text.script_gap_em, compress, han_standard(meta.lang) in ("TC", "HK"),
                        compress and theme.cjk.heading_line_start_opening == "half")
    headings, body = theme.script_stack("headings", cjk, meta.lang), theme.script_stack("body", cjk, meta.lang)
    look_up_ahead([(headings[0], True), (body[0], False)] if headings and body else [])  # both at once
    heading_font = _loader(headings, bold=True)
    body_font = _loader(body, bold=False)
    end = width - margin if direction(meta.lang) == "rtl" else None  # right-to-left: lines end at the right margin

    # A band of the accent colour at the top carries the source, like a newspaper's masthead.
    band = int(height * 0.11)
    draw.rectangle((0, 0, width, band), fill=colors.accent)
    if text["source"]:
        font = _fit(text["source"], heading_font, inner, start=int(band * 0.38), lines=1, cjk=spacing)
        _draw_lines(draw, _wrap(text["source"], font, inner, spacing)[:1], font, margin,
                    (band - _line_height(font, 1.0)) // 2, colors.notice_background, 1.0, spacing, end)

    # The title, as large as fits in at most six lines.
    top = band + int(height * 0.12)
    font, lines = _title_lines(text["title"], heading_font, inner, int(width * 0.095), spacing)
    y = _draw_lines(draw, lines, font, margin, top, colors.heading, 1.3, spacing, end)
    if text["subtitle"]:
        sub_font = _fit(text["subtitle"], body_font, inner, start=int(width * 0.045), lines=3, cjk=spacing)
        y = _draw_lines(draw, _wrap(text["subtitle"], sub_font, inner, spacing)[:3], sub_font, margin,
                        y + int(height * 0.02), colors.muted, 1.4, spacing, end)
    rule_y = y + int(height * 0.035)
    rule_x = margin if end is None else end - int(inner * 0.25)
    draw.rectangle((rule_x, rule_y, rule_x + int(inner * 0.25), rule_y + max(4, width // 200)), fill=colors.accent)

    # Date and people under the rule; the source address at the foot.
    y = rule_y + int(height * 0.04)
    for line, scale in ((text["date"], 0.042), (text["people"], 0.036)):
        if line:
            small = _fit(line, body_font, inner, start=int(width * scale), lines=2, cjk=spacing)
            y = _draw_lines(draw, _wrap(line, small, inner, spacing)[:2], small, margin, y, colors.text, 1.5, spacing,
                            end)
            y += int(height * 0.01)
    if contents:
        _draw_contents(draw, contents, body_font, margin, y + int(height * 0.03), inner,
                       height - margin - int(height * 0.02), colors, spacing)
    foot = meta.source_url or ""
    if foot:
        small = _fit(foot, body_font, inner, start=int(width * 0.026), lines=1, cjk=spacing)
        shown = _wrap(foot, small, inner, spacing)[:1]
        _draw_lines(draw, shown, small, margin, height - margin - _line_height(small, 1.0), colors.muted, 1.0, spacing)
    draw.rectangle((0, height - max(6, height // 150), width, height), fill=colors.accent)
    return CoverDrawing(size, colors.notice_background, tuple(draw.operations))


def _draw_contents(draw: _Recorder, titles: tuple[str, ...], face: FontFile | None, x: int, y: int,
                   width: int, bottom: int, colors, spacing: Spacing) -> None:  # type: ignore[no-untyped-def]
    """An issue's article titles, one line each with a bullet of the accent colour, as many as fit
    above `bottom`; a last line `…` says there are more."""
    font = _font(face, int(width * 0.036))
    step = _line_height(font, 1.6)
    for index, title in enumerate(titles):
        if y + 2 * step > bottom and index < len(titles) - 1:
            _draw_lines(draw, ["…"], font, x, y, colors.muted, 1.6)
            return
        line = (_wrap(title, font, width - step, spacing) or [""])[0]
        if line != collapse_spaces(title):
            line = line.rstrip(" ,.;:，、；：") + "…"
        size = getattr(font, "size", 16)
        dot = size // 3
        draw.ellipse((x, y + (step - dot) // 2, x + dot, y + (step + dot) // 2), fill=colors.accent)
        y = _draw_lines(draw, [line], font, x + step // 2 + dot, y, colors.text, 1.6, spacing)


# ---------------------------------------------------------------- text layout

def _loader(families: list[str], bold: bool) -> FontFile | None:
    found = stack_font(families, bold) or stack_font(families, False)
    if found is None:
        warn(f"cover: none of the theme's fonts ({', '.join(families)}) is installed; using a fallback font")
    return found


def _font(face: FontFile | None, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if face is None:
        return ImageFont.load_default(size)
    return _cached_font(face.path, face.index, size)


@lru_cache(maxsize=32)
def _cached_font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def _fit(text: str, face: FontFile | None, width: int, start: int, lines: int,  # type: ignore[no-untyped-def]
         cjk: Spacing = NO_SPACING):
    """The largest font, from `start` down, that sets `text` in at most `lines` lines of `width`."""
    size = start
    while size > 12:
        font = _font(face, size)
        if len(_wrap(text, font, width, cjk)) <= lines:
            return font
        size = int(size * 0.92)
    return _font(face, size)


def _line_height(font, leading: float) -> int:  # type: ignore[no-untyped-def]
    return int(getattr(font, "size", 16) * leading)


def _draw_lines(draw: _Recorder, lines: list[str], font, x: int, y: int,  # type: ignore[no-untyped-def]
                fill: str, leading: float, cjk: Spacing = NO_SPACING, right: int | None = None) -> int:
    """Draw lines from `y` down, each from `x` (or, for right-to-left text, ending at `right`); return the y
    below the last line."""
    step = _line_height(font, leading)
    size = getattr(font, "size", 16)
    for line in lines:
        runs = _runs(line, cjk)
        left = float(x)
        if right is not None:
            left = right - sum(gap * size + font.getlength(text, features=_features(half)) for text, half, gap in runs)
        for text, half, gap in runs:
            left += gap * size
            draw.text((left, y + (step - size) // 2), text, font=font, fill=fill, features=_features(half))
            left += font.getlength(text, features=_features(half))
        y += step
    return y
