"""The DOCX package around the body: page set-up, running header and footer, and core properties.
(The package is then re-zipped with the article's own date by `writers/package.py`, as the EPUB is.)
"""
from __future__ import annotations

import copy
import functools
from datetime import datetime

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from ... import model as m
from ...dates import ZIP_EPOCH
from ...theme import Theme
from ...wording import labels, running_header
from .ooxml import Element, clean, el, field_runs, text_runs

_DROPPED_RELATIONSHIPS = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values


def new_document() -> WordDocument:
    """python-docx's template, pruned (`prune_template`): parsed once per process and copied for each
    edition, which takes half the time of parsing its parts again (5 against 10 ms)."""
    return copy.deepcopy(_template())


@functools.lru_cache(maxsize=1)
def _template() -> WordDocument:
    import docx

    document = docx.Document()
    prune_template(document)
    return document


def prune_template(document: WordDocument) -> None:
    """Drop what python-docx's template carries but the article does not: its thumbnail (a picture of
    another document) and a 430 KB copy of the styles for Word 2010."""
    for owner in (document.part.package, document.part):
        for r_id, relationship in list(owner.rels.items()):
            if relationship.reltype in _DROPPED_RELATIONSHIPS:
                del owner.rels[r_id]


def set_up_page(document: WordDocument, theme: Theme, page_size: str | None, doc: m.Document) -> int:
    """Page size and margins from the theme; a running header from page 2 and a `第 n 页 / 共 N 页`
    footer. Returns the text width in EMU."""
    width, height = theme.page_size_mm(page_size)
    top, right, bottom, left = theme.page.margin_mm
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance, section.footer_distance = Mm(top * 0.45), Mm(bottom * 0.4)
    section.different_first_page_header_footer = True  # the first page has the title itself

    running = running_header(doc.meta, theme.page.header)
    header = section.header
    header.is_linked_to_previous = False
    # The header's text as it is, one line: none of the body's joiners (`BodyWriter.joined`), which
    # a reader copying or searching it would carry; Word and LibreOffice set its Han/Latin gap themselves.
    if running:
        header.paragraphs[0]._p.extend(text_runs(running))
    first_header = section.first_page_header
    first_header.is_linked_to_previous = False
    first_header.paragraphs[0]._p.get_or_add_pPr().append(el("w:pBdr", el("w:bottom", val="nil")))
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        footer.paragraphs[0]._p.extend(_page_number_runs(doc.meta.lang))
    return int(section.page_width - section.left_margin - section.right_margin)


def _page_number_runs(lang: str) -> list[Element]:
    """The page-number wording of `wording.py` with PAGE and NUMPAGES fields where the placeholders stand."""
    wording = labels(lang)["page"]
    before, _, rest = wording.partition("{page}")
    between, _, after = rest.partition("{pages}")
    runs = [*text_runs(before), *field_runs("PAGE", "1")]
    if "{pages}" in rest:
        runs += [*text_runs(between), *field_runs("NUMPAGES", "1"), *text_runs(after)]
    else:
        runs += text_runs(rest)
    return runs


def set_core_properties(document: WordDocument, meta: m.Meta, stamp: datetime) -> None:
    properties = document.core_properties
    authors = "; ".join(meta.responsible)
    values = {"title": meta.title, "author": authors, "subject": meta.description or meta.title,
              "keywords": ", ".join(meta.keywords), "language": meta.lang, "comments": meta.description,
              "identifier": meta.source_url, "last_modified_by": authors}
    for name, value in values.items():
        if value or getattr(properties, name):  # the template's "python-docx" author and comment go too
            setattr(properties, name, clean(value)[:_PROPERTY_LIMIT])
    properties.revision = 1
    properties.created = properties.modified = stamp
    if stamp == ZIP_EPOCH.replace(tzinfo=None):  # no date of the article's nor SOURCE_DATE_EPOCH: Word showed
        for name in ("created", "modified"):    # `created 1980-01-01`, as the PDF and EPUB state none
            for element in properties._element.findall(qn(f"dcterms:{name}")):  # python-docx sets, never drops, them
                properties._element.remove(element)
