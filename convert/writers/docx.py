"""The editable edition: a Word document in Word's own styles, shaped by the theme.

Written with python-docx from our model (never from the source file). The work is split along the
package: `docx_styles` (theme -> styles), `docx_lists` (numbering), `docx_body` (blocks and inlines),
`docx_figures` (pictures and SEQ captions), `docx_tables`, `docx_notes` (footnotes part),
`docx_package` (page, properties; the zip is `package.rezip`) and `docx_xml` (elements in schema order).
"""
from __future__ import annotations

import io

from .. import model as m
from .base import WriteContext, Writer


def write_docx(doc: m.Document, ctx: WriteContext) -> bytes:
    import docx

    from .docx_body import BodyWriter
    from .docx_lists import Numbering
    from .docx_notes import Footnotes
    from .docx_package import prune_template, set_core_properties, set_up_page
    from .docx_styles import apply_theme, faces
    from .package import edition_time, rezip

    word = docx.Document()
    prune_template(word)
    numbering = Numbering(word, ctx.theme, faces(ctx.theme.stack("body"), "roman", chinese=False).latin)
    tokens = apply_theme(word, ctx.theme, chinese=doc.is_chinese, lang=doc.meta.lang,
                         numbering=numbering.style_ids)
    text_width = set_up_page(word, ctx.theme, ctx.page_size, doc)
    notes = Footnotes(word, doc.footnotes)
    BodyWriter(doc, ctx, word, tokens, numbering, notes, text_width).write()
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


WRITER = Writer(name="docx", suffix=".docx", description="editable Word document in Word's own styles",
                write=write_docx, check=check)
