"""Figures in Word: the picture scaled to the text width and the theme's figure height, its alt text in
`wp:docPr/@descr`, and a Caption paragraph whose number is a `SEQ` field with the number cached.

A `SEQ` caption is what Word's "Insert Table of Figures" and cross-references look for; the cached
result means the number shows without pressing F9. The caption's text runs and any hyperlink come from
the body writer as arguments (`Link`), so this module knows nothing of it.
"""
from __future__ import annotations

import io
from typing import Callable

from docx.document import Document as WordDocument
from docx.shared import Mm

from ... import model as m
from ...resources import Image, Placeholder, ResourceGate
from ...theme import Theme
from ...wording import credit_text, labels
from .ooxml import Element, clean, el, field_runs, text_runs

EMU_PER_PX = 9525  # a CSS pixel (1/96 in): images show at the size the PDF edition gives them
SEQUENCE = "Figure"
Link = Callable[[str, list[Element]], Element]  # (url, runs) -> a w:hyperlink around the runs


class Figures:
    def __init__(self, word: WordDocument, gate: ResourceGate, theme: Theme, lang: str, text_width_emu: int) -> None:
        self.word, self.gate, self.theme, self.lang = word, gate, theme, lang
        self.max_width = text_width_emu
        self.max_height = Mm(theme.figure.max_height_mm)

    def figure(self, figure: m.Figure, caption_runs: list[Element], link: Link, in_body: bool) -> list[Element]:
        """The picture (or its placeholder) and its caption paragraph. Pictures are placed only in the
        main document part (`in_body`); elsewhere, as in a footnote, the placeholder stands in."""
        resolved = self.gate.image(figure.src)
        alt = figure.alt or m.plain_text(figure.caption)
        if isinstance(resolved, Image) and in_body:
            visual = el("w:p", el("w:pPr", el("w:pStyle", val="Figure")), self.picture(resolved, alt))
        else:
            visual = self.placeholder(resolved if isinstance(resolved, Placeholder) else Placeholder(figure.src, ""),
                                      link)
        caption = self.caption(figure, caption_runs)
        return [visual, *self.credit(figure), *([caption] if caption is not None else [])]

    def credit(self, figure: m.Figure) -> list[Element]:
        """The credit line under the picture, its runs in the Credit style, apart from the caption."""
        if not figure.credit:
            return []
        runs = text_runs(credit_text(figure.credit, self.lang), el("w:rPr", el("w:rStyle", val="Credit")))
        return [el("w:p", el("w:pPr", el("w:pStyle", val="CreditLine")), *runs)]

    def caption(self, figure: m.Figure, text: list[Element]) -> Element | None:
        """`图 1　…`: the label in the Caption Label style, the number a SEQ field, then the caption text."""
        if figure.number is None:
            return el("w:p", el("w:pPr", el("w:pStyle", val="Caption")), *text) if text else None
        label, separator = self.theme.figure_label_parts(figure.number, self.lang)
        before, number, after = label.rpartition(str(figure.number))
        if not number:  # a label format without the number: nothing to field
            before, after = label, ""
        label_style = el("w:rPr", el("w:rStyle", val="CaptionLabel"))
        runs = [*text_runs(before, label_style)]
        if number:
            runs += field_runs(rf"SEQ {SEQUENCE} \* ARABIC", number, label_style)
        runs += text_runs(after, label_style)
        if text:
            runs += text_runs(separator) + text
        return el("w:p", el("w:pPr", el("w:pStyle", val="Caption")), *runs)

    def placeholder(self, placeholder: Placeholder, link: Link) -> Element:
        """The box shown where an image cannot be had: the placeholder wording and the image's address."""
        source = text_runs(placeholder.src, el("w:rPr", el("w:rStyle", val="VerbatimChar")))
        if placeholder.src.startswith(("http://", "https://")):
            source = [link(placeholder.src, source)]
        return el("w:p", el("w:pPr", el("w:pStyle", val="FigurePlaceholder")),
                  *text_runs(labels(self.lang)["placeholder"]), el("w:r", el("w:br")), *source)

    def inline_image(self, node: m.InlineImage, in_body: bool) -> list[Element]:
        resolved = self.gate.image(node.src)
        if isinstance(resolved, Image) and in_body:
            return [self.picture(resolved, node.alt)]
        return text_runs(f"[{node.alt or labels(self.lang)['placeholder']}]")

    def picture(self, image: Image, alt: str) -> Element:
        """A run holding the picture at its CSS size, shrunk to fit the text width and the figure height."""
        width, height = image.width * EMU_PER_PX, image.height * EMU_PER_PX
        scale = min(1.0, self.max_width / width, self.max_height / height)
        inline = self.word.part.new_pic_inline(io.BytesIO(image.data), round(width * scale), round(height * scale))
        inline.docPr.set("descr", clean(alt))
        return el("w:r", el("w:drawing", inline))
