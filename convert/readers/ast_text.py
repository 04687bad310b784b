"""The text of pandoc AST inlines, for the readers that look at pandoc's JSON before it becomes the model
(a note's number, a callout's title, a typed line, a paragraph matched to its Word alignment)."""
from __future__ import annotations

from typing import Any

_SPACES = ("Space", "SoftBreak", "LineBreak")
_WRAPPERS = ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps")
_CONTAINERS = ("Span", "Link", "Quoted")  # their content is c[1]
_MAX_DEPTH = 50


def inline_text(inlines: list[Any], depth: int = 0) -> str:
    """The text a reader sees of `inlines`: strings, a space for each space or line break, the text
    inside emphasis, spans, links and quotes; no notes, code, maths or pictures."""
    parts = []
    for node in inlines:
        kind = node.get("t") if isinstance(node, dict) else None
        if kind == "Str":
            parts.append(node["c"])
        elif kind in _SPACES:
            parts.append(" ")
        elif depth < _MAX_DEPTH and kind in _WRAPPERS:
            parts.append(inline_text(node["c"], depth + 1))
        elif depth < _MAX_DEPTH and kind in _CONTAINERS:
            parts.append(inline_text(node["c"][1], depth + 1))
    return "".join(parts)
