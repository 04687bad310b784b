"""The runs of a Chinese article's text: where Word needs to be told what the characters are.

- Marks Unicode shares with Latin text (“” ‘’ —— …… ·) inside Chinese text are East Asian
  (`w:rFonts w:hint="eastAsia"`): without the hint Word sets them in the Latin face (MS-OI29500
  §2.1.88), so “暗伤” gets narrow English quotes and —— a broken dash. LibreOffice guesses from the
  neighbours; Word does not.
- In the vertical edition, short numbers stand upright in one cell (`w:eastAsianLayout w:vert`,
  Word's 縦中横), each in a run of its own.
"""
from __future__ import annotations

import copy
from itertools import count
from typing import Iterator

from docx.oxml.ns import qn

from ...scripts import east_asian_marks, upright_numbers
from .ooxml import Element, append, el, text_runs


class TextRuns:
    """Runs of text: a Chinese article's shared marks hinted East Asian (`chinese`), and its numbers
    of at most `upright` digits set upright (0: none; the theme's `cjk.upright_digits` when vertical)."""

    def __init__(self, *, chinese: bool, upright: int = 0) -> None:
        self.chinese, self.upright = chinese, upright
        self._ids: Iterator[int] = count(1)  # each combined run names its own layout

    def __call__(self, text: str, rpr: Element | None = None) -> list[Element]:
        if not self.chinese:
            return text_runs(text, rpr)
        spans = [(start, end, "vert") for start, end in upright_numbers(text, self.upright)] if self.upright else []
        spans += [(start, end, "hint") for start, end in east_asian_marks(text)]
        runs: list[Element] = []
        position = 0
        for start, end, kind in sorted(spans):
            runs += text_runs(text[position:start], rpr)
            runs += text_runs(text[start:end], self._properties(rpr, kind))
            position = end
        return runs + text_runs(text[position:], rpr)

    def _properties(self, rpr: Element | None, kind: str) -> Element:
        properties = copy.deepcopy(rpr) if rpr is not None else el("w:rPr")
        if kind == "vert":
            return append(properties, [el("w:eastAsianLayout", id=str(next(self._ids)), vert="1")])
        fonts = properties.find(qn("w:rFonts"))
        if fonts is None:
            return append(properties, [el("w:rFonts", hint="eastAsia")])
        fonts.set(qn("w:hint"), "eastAsia")
        return properties
