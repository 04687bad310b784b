"""Han/Latin gaps at line edges: the ¼em gap is a margin on the Latin character's span (see
`scripts.script_gaps`), and a gap belongs between two characters, so where a line starts or ends at such
a span WeasyPrint's line box loses that margin before the line is aligned (`justify` calls
`trim_edge_gaps` from its wrapper of WeasyPrint's `text_align`).

Everything that reads WeasyPrint's boxes happens before anything on the line is changed, so when its
internals are not what this expects (AttributeError, KeyError, TypeError) the line is left as it was."""
from __future__ import annotations

from typing import Any

_GAP_CLASSES = {"sg-l": "margin_left", "sg-r": "margin_right", "sg-lr": ""}


def edge_chain(line: Any, start: bool) -> list[Any]:
    """The inline boxes from the line down to its first (or last) leaf, outermost first (`marks` and
    `refit` read a line's edges through it too)."""
    from weasyprint.formatting_structure import boxes

    chain, box = [], line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        children = [child for child in box.children if child.is_in_normal_flow() and not _empty(child)]
        if not children:
            break
        box = children[0] if start else children[-1]
        chain.append(box)
    return chain


def _empty(box: Any) -> bool:
    """An inline box with no text or picture in it: a forced break (`<br>`, whose `::before` holds a
    newline the line breaker took) or an empty anchor, which is no edge of the line's ink."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return not box.text
    if isinstance(box, boxes.InlineBox) and not isinstance(box, boxes.InlineReplacedBox):
        return all(_empty(child) for child in box.children)
    return False


def _gap_margin(box: Any, side: str) -> float:
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    if not any(cls in _GAP_CLASSES and _GAP_CLASSES[cls] in ("", side) for cls in classes):
        return 0.0
    return getattr(box, side, 0) or 0.0


def _edge_gap(line: Any, side: str) -> tuple[list[Any], int, float] | None:
    """(chain, depth of the box with the gap, its width) at the line's start or end, or None."""
    chain = edge_chain(line, start=side == "margin_left")
    for depth, box in enumerate(chain):
        if shift := _gap_margin(box, side):
            return chain, depth, shift
    return None


def trim_edge_gaps(line: Any) -> None:
    """Drop a Han/Latin gap where it would start or end the line."""
    start, end = _edge_gap(line, "margin_left"), _edge_gap(line, "margin_right")
    if start or end:  # for `refit`: room the line breaker did not see (it measured the line with the gaps)
        line.cjk_trimmed = (start[2] if start else 0.0) + (end[2] if end else 0.0)
    if start:
        chain, depth, shift = start
        box = chain[depth]
        box.margin_left = 0
        for child in box.children:
            child.translate(-shift, 0)
        for level, ancestor in enumerate([line, *chain[:depth]]):
            following = False
            for sibling in ancestor.children:
                if following:
                    sibling.translate(-shift, 0)
                following = following or sibling is chain[level]
            ancestor.width -= shift
    if end:
        chain, depth, shift = end
        chain[depth].margin_right = 0
        for ancestor in [line, *chain[:depth]]:
            ancestor.width -= shift
