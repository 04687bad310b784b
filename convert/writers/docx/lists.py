"""Real Word numbering for lists: `numbering.xml` definitions instead of typed bullets and numbers.

Bulleted lists share one definition. Every numbered list gets a definition of its own, so it starts
at its own `start` and never continues the previous list, in Word and in LibreOffice alike.
"""
from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from ...theme import Theme
from .ooxml import Element, el, fonts, twips

LEVELS = 9
BULLETS = ("•", "◦", "▪")  # disc, circle, square: the browser defaults the PDF edition shows


class Numbering:
    def __init__(self, document: WordDocument, theme: Theme, bullet_face: str) -> None:
        """`bullet_face` draws the bullets: a Latin face, whose • is a bullet (a CJK face draws a small dot)."""
        self.root: Element = document.part.numbering_part.element
        for child in list(self.root):  # the template's definitions are replaced, not mixed with ours
            self.root.remove(child)
        self.step = twips(theme.lists.indent_em * theme.text.size_pt)  # each level's indent, as in CSS
        self.bullet_face = bullet_face
        self._abstract_ids = 0
        self._num_ids = 0
        self.bullet = self._add(ordered=False, start=1)
        self.number = self._add(ordered=True, start=1)  # what Word's List Number style applies

    @property
    def style_ids(self) -> dict[str, int]:
        return {"bullet": self.bullet, "number": self.number}

    def new_list(self, ordered: bool, start: int = 1) -> int:
        """The numId for one list in the article."""
        return self._add(ordered=True, start=start) if ordered else self.bullet

    def _add(self, *, ordered: bool, start: int) -> int:
        abstract_id = self._abstract_ids
        self._abstract_ids += 1
        levels = [self._level(level, ordered, start if level == 0 else 1) for level in range(LEVELS)]
        abstract = el("w:abstractNum", el("w:nsid", val=f"{0x4C000000 + abstract_id:08X}"),
                      el("w:multiLevelType", val="hybridMultilevel"), *levels, abstractNumId=abstract_id)
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # the schema wants every abstractNum before the first num
        else:
            self.root.append(abstract)
        self._num_ids += 1
        self.root.append(el("w:num", el("w:abstractNumId", val=abstract_id), numId=self._num_ids))
        return self._num_ids

    def _level(self, level: int, ordered: bool, start: int) -> Element:
        text = f"%{level + 1}." if ordered else BULLETS[level % len(BULLETS)]
        face = None if ordered else el("w:rPr", fonts(self.bullet_face, self.bullet_face))
        return el("w:lvl",
                  el("w:start", val=start), el("w:numFmt", val="decimal" if ordered else "bullet"),
                  el("w:lvlText", val=text), el("w:lvlJc", val="left"),
                  el("w:pPr", el("w:ind", left=self.step * (level + 1), hanging=self.step)), face,
                  ilvl=level)
