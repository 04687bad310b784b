"""Figures in Word: the picture scaled to the text width and the theme's figure height, its alt text in
`wp:docPr/@descr`, and a Caption paragraph whose number is a `SEQ Figure` field with the number cached.

A `SEQ Figure` caption is what Word's "Insert Table of Figures" and cross-references look for; the
cached result means the number shows without pressing F9.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Callable

from docx.shared import Mm

from .. import model as m
from ..article import is_junk_alt
from ..presentation import labels
from ..resources import Image, Placeholder
from .docx_xml import Element, clean, el, field_runs, text_runs

if TYPE_CHECKING:
    from .docx_body import BodyWriter, Scope

EMU_PER_PX = 9525  # a CSS pixel (1/96 in): images show at the size the PDF edition gives them
SEQUENCE = "Figure"


class Figures:
    def __init__(self, writer: BodyWriter, text_width_emu: int) -> None:
        self.writer = writer
        self.theme = writer.ctx.theme
        self.max_width = text_width_emu
        self.max_height = Mm(self.theme.figure.max_height_mm)

    def figure(self, figure: m.Figure, scope: Scope, mark: Callable[[Element, str], None]) -> list[Element]:
        resolved = self.writer.ctx.gate.image(figure.src)
        alt = figure.alt if figure.alt and not is_junk_alt(figure.alt) else m.plain_text(figure.caption)
        if isinstance(resolved, Image) and scope.part is self.writer.word.part:
            visual = el("w:p", el("w:pPr", el("w:pStyle", val="Figure")), self.picture(resolved, alt))
        else:
            visual = self.placeholder(resolved if isinstance(resolved, Placeholder) else Placeholder(figure.src, ""),
                                      scope)
        mark(visual, figure.id)
        caption = self.caption(figure, scope)
        return [visual, caption] if caption is not None else [visual]

    def caption(self, figure: m.Figure, scope: Scope) -> Element | None:
        """`图 1　…`: the label in the Caption Label style, the number a SEQ field, then the caption text."""
        text = self.writer.inlines(figure.caption, scope)
        if figure.number is None:
            return el("w:p", el("w:pPr", el("w:pStyle", val="Caption")), *text) if text else None
        label, separator = self.theme.figure_label_parts(figure.number, self.writer.lang)
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

    def placeholder(self, placeholder: Placeholder, scope: Scope) -> Element:
        """The box shown where an image cannot be had: the placeholder wording and the image's address."""
        source = text_runs(placeholder.src, el("w:rPr", el("w:rStyle", val="VerbatimChar")))
        if placeholder.src.startswith(("http://", "https://")):
            source = [self.writer.hyperlink(placeholder.src, source, scope)]
        return el("w:p", el("w:pPr", el("w:pStyle", val="FigurePlaceholder")),
                  *text_runs(labels(self.writer.lang)["placeholder"]), el("w:r", el("w:br")), *source)

    def inline_image(self, node: m.InlineImage, scope: Scope) -> list[Element]:
        resolved = self.writer.ctx.gate.image(node.src)
        if isinstance(resolved, Image) and scope.part is self.writer.word.part:
            return [self.picture(resolved, node.alt)]
        return text_runs(f"[{node.alt or labels(self.writer.lang)['placeholder']}]")

    def picture(self, image: Image, alt: str) -> Element:
        """A run holding the picture at its CSS size, shrunk to fit the text width and the figure height."""
        width, height = image.width * EMU_PER_PX, image.height * EMU_PER_PX
        scale = min(1.0, self.max_width / width, self.max_height / height)
        inline = self.writer.word.part.new_pic_inline(io.BytesIO(image.data), round(width * scale),
                                                       round(height * scale))
        inline.docPr.set("descr", clean(alt))
        return el("w:r", el("w:drawing", inline))
