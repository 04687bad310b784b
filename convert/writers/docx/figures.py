"""Figures in Word: the picture scaled to the text width and the theme's figure height, its text
alternative in `wp:docPr/@descr` (or marked decorative when the article gives an inline picture none),
and a Caption paragraph whose number is a `SEQ` field with the number cached; tables get the same
numbered caption above them.

A `SEQ` caption is what Word's "Insert Table of Figures" and cross-references look for; the cached
result means the number shows without pressing F9. Its identifier is the label itself, as Word's own
Insert Caption writes it: `SEQ 图` / `SEQ 表` in a Chinese article, `SEQ Figure` / `SEQ Table` in
another, so a caption an editor adds in Word continues the article's sequence instead of starting a
second one. The caption's text runs and any hyperlink come from
the body writer as arguments (`Link`), so this module knows nothing of it.
"""
from __future__ import annotations

import io
from typing import Callable

from docx.document import Document as WordDocument
from docx.shared import Mm

from ... import model as m
from ...resources import Image, Placeholder, ResourceGate
from ...resources.images import TALL_PAGE_SHARE, shown_tall
from ...theme import Theme
from ...wording import credit_text, labels
from ..base import figure_alternative
from .ooxml import Element, clean, el, field_runs, text_runs

EMU_PER_PX = 9525  # a CSS pixel (1/96 in): images show at the size the PDF edition gives them
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Office's "Mark as decorative"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
Link = Callable[[str, list[Element]], Element]  # (url, runs) -> a w:hyperlink around the runs


class Figures:
    def __init__(self, word: WordDocument, gate: ResourceGate, theme: Theme, lang: str, text_width_emu: int) -> None:
        self.word, self.gate, self.theme, self.lang = word, gate, theme, lang
        self.max_width = text_width_emu
        self.max_height = Mm(theme.figure.max_height_mm)
        section = word.sections[0]  # a long picture shown whole (`images.shown_tall`) takes most of a page
        self.tall_height = int((section.page_height - section.top_margin - section.bottom_margin) * TALL_PAGE_SHARE)
        # In an issue: the article's first figure and first table set Word's SEQ count to their number
        # (`\r n`), so Word counts as the issue does, whichever label (图, Figure) each article uses.
        self.reset_at_first = False
        self._reset: set[str] = set()

    def figure(self, figure: m.Figure, caption_runs: list[Element], link: Link, in_body: bool) -> list[Element]:
        """The picture (or its placeholder) and its caption paragraph. Pictures are placed only in the
        main document part (`in_body`); elsewhere, as in a footnote, the placeholder stands in."""
        resolved = self.gate.pieces(figure.src, self.max_height / self.max_width, self.tall_height / self.max_width)
        alt = figure_alternative(figure, self.theme, self.lang)
        if not isinstance(resolved, Placeholder) and in_body:
            # a long picture's pieces, one paragraph each (a page may end between them): the first
            # describes the whole, the others are decorative
            last = len(resolved) - 1
            visual = [el("w:p", el("w:pPr", el("w:pStyle", val="Figure"),
                                   el("w:keepNext", val="0") if index < last else None,
                                   el("w:spacing", before="0") if index else None),
                         self.picture(piece, alt if not index else "", decorative=bool(index),
                                      tall=shown_tall(piece, self.max_height / self.max_width,
                                                      self.tall_height / self.max_width)))
                      for index, piece in enumerate(resolved)]
        else:
            visual = [self.placeholder(resolved if isinstance(resolved, Placeholder) else Placeholder(figure.src, ""),
                                       link)]
        caption = self.caption(figure, caption_runs)
        return [*visual, *self.credit(figure), *([caption] if caption is not None else [])]

    def credit(self, figure: m.Figure) -> list[Element]:
        """The credit line under the picture, its runs in the Credit style, apart from the caption."""
        if not figure.credit:
            return []
        runs = text_runs(credit_text(figure.credit, self.lang), el("w:rPr", el("w:rStyle", val="Credit")))
        return [el("w:p", el("w:pPr", el("w:pStyle", val="CreditLine")), *runs)]

    def caption(self, figure: m.Figure, text: list[Element]) -> Element | None:
        """`图 1　…` under the picture."""
        return numbered_caption(self.theme, self.lang, "figure", figure.number, text,
                                restart=self._first("figure", figure.number))

    def table_caption(self, table: m.Table, text: list[Element], continued: bool = False) -> Element | None:
        """`表 1　…` above the table, kept with it on its page; `continued`: `表1（续）` above the next
        group of a wide table's columns, plain text (no field: Word's count goes on as the article's)."""
        if continued:
            if table.number is None:
                return None
            label, _ = self.theme.figure_label_parts(table.number, self.lang, "table")
            return el("w:p", el("w:pPr", el("w:pStyle", val="Caption"), el("w:keepNext")),
                      *text_runs(labels(self.lang)["continued"].format(label=label),
                                 el("w:rPr", el("w:rStyle", val="CaptionLabel"))))
        return numbered_caption(self.theme, self.lang, "table", table.number, text, keep_next=True,
                                restart=self._first("table", table.number))

    def _first(self, kind: str, number: int | None) -> bool:
        """Whether this numbered caption is the article's first of its kind in an issue."""
        if not self.reset_at_first or number is None or kind in self._reset:
            return False
        self._reset.add(kind)
        return True

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
            return [self.picture(resolved, node.alt, decorative=not node.alt.strip())]
        return text_runs(f"[{node.alt or labels(self.lang)['placeholder']}]")

    def picture(self, image: Image, alt: str, decorative: bool = False, tall: bool = False) -> Element:
        """A run holding the picture at its CSS size, shrunk to fit the text width and the figure height
        (most of the page's for a `tall` one); described by `alt`, or marked decorative (what the other
        editions say with `alt=""`)."""
        width, height = image.width * EMU_PER_PX, image.height * EMU_PER_PX
        scale = min(1.0, self.max_width / width, (self.tall_height if tall else self.max_height) / height)
        inline = self.word.part.new_pic_inline(io.BytesIO(image.data), round(width * scale), round(height * scale))
        inline.docPr.set("descr", clean(alt))
        if decorative:
            inline.docPr.append(_decorative())
        return el("w:r", el("w:drawing", inline))


def numbered_caption(theme: Theme, lang: str, kind: str, number: int | None, text: list[Element],
                     keep_next: bool = False, restart: bool = False) -> Element | None:
    """`图 1　…`/`Table 2. …`: the label in the Caption Label style, its number a `SEQ <label>` field,
    then the caption's own text; None for an unnumbered block without caption text. `restart`: the
    field sets its sequence to `number` (`\r n`), so Word's own count goes as the issue's does."""
    properties = el("w:pPr", el("w:pStyle", val="Caption"), el("w:keepNext") if keep_next else None)
    if number is None:
        return el("w:p", properties, *text) if text else None
    label, separator = theme.figure_label_parts(number, lang, kind)
    before, digits, after = label.rpartition(str(number))
    if not digits:  # a label format without the number: nothing to field
        before, after = label, ""
    label_style = el("w:rPr", el("w:rStyle", val="CaptionLabel"))
    runs = [*text_runs(before, label_style)]
    if digits:
        reset = rf" \r {number}" if restart else ""
        runs += field_runs(rf"SEQ {labels(lang)[kind]}{reset} \* ARABIC", digits, label_style)
    runs += text_runs(after, label_style)
    if text:
        runs += text_runs(separator) + text
    return el("w:p", properties, *runs)


def _decorative() -> Element:
    """`a:extLst` marking a picture decorative (Word 365's Alt Text pane), so no checker asks for a
    description the article does not have."""
    from lxml import etree

    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    extensions = etree.Element(f"{{{drawing}}}extLst", nsmap={"a": drawing})
    extension = etree.SubElement(extensions, f"{{{drawing}}}ext", uri=DECORATIVE_EXTENSION)
    etree.SubElement(extension, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")
    return extensions
