"""Punctuation at line edges (clreq §3.1.6): a closing mark that ends a line is set half width, so the
line's ink reaches the margin when it is justified; so is an opening mark that starts one, if the theme
asks (`[cjk] line_start_opening = "half"`). Marks between characters are the markup's business
(`writers/cjk.py`); only the layout knows where lines end, so `justify` calls `trim_edge_marks` from
its wrapper of WeasyPrint's `text_align`, before the line is aligned.

The mark is set with the font's `halt` feature, as Pango shapes it: a font-features attribute on the
mark's bytes, recorded on the box's layout (`cjk_halt`) so that `justify`'s `Layout.set_text` wrapper
applies it again when WeasyPrint re-creates the layout to draw it. The line loses the width `halt`
takes off the mark, measured on the mark alone.

Everything is read before anything on the line changes, so when WeasyPrint's internals are not what
this expects (AttributeError, KeyError, TypeError) the line is left as it was."""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from ...resources.fonts import FontFile
from ...scripts import CLOSING_MARKS, OPENING_MARKS, ZERO_WIDTH_SPACE, mark_kind
from .gaps import edge_chain

HALT = b"halt 1"


def trim_edge_marks(line: Any, opening_at_start: bool) -> None:
    """Set the closing mark ending `line` (and, with `opening_at_start`, the opening mark starting it)
    half width."""
    from weasyprint.formatting_structure import boxes

    edits = []
    for start in ((True, False) if opening_at_start else (False,)):
        chain = edge_chain(line, start=start)
        box = chain[-1] if chain else None
        if not isinstance(box, boxes.TextBox) or not box.text or _halved(box):
            continue
        text = box.text if start else box.text.rstrip(ZERO_WIDTH_SPACE)  # a break opportunity ends the line
        if not text:
            continue
        char = text[0] if start else text[-1]
        if mark_kind(char) != ("opening" if start else "closing"):
            continue
        layout_text = getattr(box.pango_layout, "text", None) or box.text
        offset = 0 if start else len(text[:-1].encode("utf-8"))
        if layout_text.encode("utf-8")[offset:offset + len(char.encode("utf-8"))] != char.encode("utf-8"):
            continue
        saving = half_width_saving(box.style, char)
        if saving > 0:
            edits.append((chain, start, (offset, offset + len(char.encode("utf-8"))), saving))
    for chain, start, byte_range, saving in edits:
        _apply(line, chain, start, byte_range, saving)


def _halved(box: Any) -> bool:
    """Whether the markup already set the box's mark half width (`pc`: it is the mark's own span)."""
    element = getattr(box, "element", None)
    return element is not None and "pc" in (element.get("class") or "").split()


def _apply(line: Any, chain: list[Any], start: bool, byte_range: tuple[int, int], saving: float) -> None:
    box = chain[-1]
    layout = copy.copy(box.pango_layout)  # a light copy: the box's own may be shared with copies of it
    layout.cjk_halt = [*getattr(layout, "cjk_halt", []), byte_range]
    box.pango_layout = layout
    box.width -= saving
    for ancestor in [line, *chain[:-1]]:
        ancestor.width -= saving
    if start:  # what follows the mark on the line moves left with it
        for level, ancestor in enumerate([line, *chain[:-1]]):
            following = False
            for sibling in ancestor.children:
                if following:
                    sibling.translate(-saving, 0)
                following = following or sibling is chain[level]


def half_width_saving(style: Any, char: str) -> float:
    """How much narrower `char` is set with the font's `halt` than without, in the box's style."""
    from weasyprint.text.line_break import Layout, line_size

    widths = []
    for halt in (False, True):
        layout = Layout(style)
        layout.set_text(char)
        if halt:
            add_halt(layout, [(0, len(char.encode("utf-8")))])
        width, _ = line_size(layout.get_first_line()[0], style)
        widths.append(width)
        layout.deactivate()
    return widths[0] - widths[1]


def add_halt(layout: Any, byte_ranges: list[tuple[int, int]]) -> None:
    """Shape the bytes in `byte_ranges` of a WeasyPrint layout with the font's `halt` feature."""
    from weasyprint.text.ffi import ffi, pango

    attributes = pango.pango_layout_get_attributes(layout.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    for start, end in byte_ranges:
        attribute = pango.pango_attr_font_features_new(HALT)
        attribute.start_index, attribute.end_index = start, end
        pango.pango_attr_list_insert(attributes, attribute)
    pango.pango_layout_set_attributes(layout.layout, attributes)


# ---------------------------------------------------------------- marks a face cannot halve

PROPORTIONAL = "pp"  # the class of a compressed mark set with `palt` (the print CSS), its face having no `halt` for it
_COMPRESSED_MARK = re.compile(r'<span class="pc">([^<])</span>')


def proportional_marks(faces: list[FontFile]) -> dict[str, tuple[str, float]]:
    """The marks some of `faces` have no `halt` for but a narrower `palt` (proportional) form: mark ->
    (the face's family, the mark's width with `palt`, in em). Noto Sans/Serif CJK TC (Debian 12) set
    their centred `？` (cid59077) in no `halt` lookup, while their `palt` takes it to 0.72 em."""
    found: dict[str, tuple[str, float]] = {}
    for face in faces:
        for char in dict.fromkeys(OPENING_MARKS + CLOSING_MARKS):
            if char in found:
                continue
            whole, halted, palt = (_advance_em(face, char, feature) for feature in ("", "halt", "palt"))
            if whole and halted is not None and palt is not None and halted >= whole and palt < whole:
                found[char] = (face.family, palt)
    return found


def set_proportional(markup: str, marks: dict[str, tuple[str, float]]) -> tuple[str, list[str]]:
    """`markup` with each compressed mark (`pc`) that is in `marks` set with `palt` as well (`pp`), and
    which of them were."""
    used: list[str] = []

    def mark(match: re.Match[str]) -> str:
        if match[1] not in marks:
            return match[0]
        used.append(match[1])
        return f'<span class="pc {PROPORTIONAL}">{match[1]}</span>'

    return _COMPRESSED_MARK.sub(mark, markup), list(dict.fromkeys(used))


@lru_cache(maxsize=512)
def _advance_em(face: FontFile, char: str, feature: str) -> float | None:
    """The advance of `char` in `face`, in em, shaped with `feature` on (none: ''); None if unreadable."""
    import uharfbuzz as hb

    try:
        font = hb.Font(hb.Face(hb.Blob.from_file_path(face.path), face.index))
        buffer = hb.Buffer()
        buffer.add_str(char)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {feature: True} if feature else {})
        if not buffer.glyph_infos or buffer.glyph_infos[0].codepoint == 0:
            return None
        return buffer.glyph_positions[0].x_advance / font.face.upem
    except (OSError, ValueError, RuntimeError):
        return None
