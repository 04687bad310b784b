"""The editable edition: a Word document in Word's own styles, shaped by the theme.

Written with python-docx from our model (never from the source file). The work is split along the
package: `styles` (theme -> Word styles), `lists` (numbering), `body` (blocks and inlines), `figures`
(pictures and SEQ captions), `tables`, `notes` (the footnotes part), `page` (page set-up, header,
footer, core properties) and `ooxml` (elements in schema order). The zip is `writers/package.py`'s.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from ... import model as m
from ...errors import UsageError
from ...scripts import is_cjk_language
from ...theme import PAGE_SIZES_MM
from ..base import EditionOptions, WriteContext, Writer, check_direction, options_of


@dataclass(frozen=True)
class DocxOptions(EditionOptions):
    """`page_size`: the print page (A4, A5, Letter) instead of the theme's; `edition`: `vertical` sets
    the text in columns read right to left, on a landscape page (see `vertical`)."""

    page_size: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.page_size and self.page_size.lower() not in {size.lower() for size in PAGE_SIZES_MM}:
            raise UsageError(f"unknown page size {self.page_size!r}; choose from: {', '.join(PAGE_SIZES_MM)}")


def write_docx(doc: m.Document, ctx: WriteContext) -> bytes:
    from ...dates import edition_time
    from ..package import rezip
    from .body import BodyWriter
    from .lists import Numbering
    from .notes import Footnotes
    from .page import new_document, set_core_properties, set_up_page
    from .styles import apply_theme, faces
    from .runs import TextRuns
    from .vertical import horizontal_tables, set_vertical

    options = options_of(ctx, DocxOptions)
    check_direction(doc, ctx, options)
    word = new_document()
    numbering = Numbering(word, ctx.theme, faces(ctx.theme.stack("body"), "roman", chinese=False).latin)
    tokens = apply_theme(word, ctx.theme, chinese=doc.is_chinese, lang=doc.meta.lang,
                         numbering=numbering.style_ids)
    text_width = set_up_page(word, ctx.theme, options.page_size, doc)
    upright = 0
    if options.vertical:
        set_vertical(word.sections[0])
        section = word.sections[0]
        text_width = int(section.page_height - section.top_margin - section.bottom_margin)  # a column's length
        upright = ctx.theme.cjk.upright_digits if is_cjk_language(doc.meta.lang) else 0
    notes = Footnotes(word, doc.footnotes)
    BodyWriter(doc, ctx.gate, word, tokens, numbering, notes, text_width, text=TextRuns(chinese=doc.is_chinese, upright=upright)).write()
    if options.vertical:
        horizontal_tables(word.element.body)
    for number, drawing in enumerate(word.element.body.iter("{*}docPr"), start=1):
        drawing.set("id", str(number))  # unique shape ids, in reading order
    stamp = edition_time(doc.meta, ctx.source_date_epoch)
    set_core_properties(word, doc.meta, stamp.replace(tzinfo=None))
    buffer = io.BytesIO()
    word.save(buffer)
    return rezip(buffer.getvalue(), stamp, first="[Content_Types].xml")


def check() -> str | None:
    try:
        import docx  # noqa: F401
    except ImportError as exc:
        return f"python-docx is not installed ({exc}); run `make setup`"
    return None


def _write_issue(collection: m.Collection, ictx: object) -> bytes:
    from .issue import write_docx_issue
    return write_docx_issue(collection, ictx)  # type: ignore[arg-type]


WRITER = Writer(name="docx", suffix=".docx", description="editable Word document in Word's own styles",
                write=write_docx, check=check, options=DocxOptions, write_collection=_write_issue,
                libraries=("docx",))  # HarfBuzz: only the first time a font is read here (`resources.fonts`)
