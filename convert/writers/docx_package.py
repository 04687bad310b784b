"""The DOCX package around the body: page set-up, running header and footer, core properties, and a
byte-identical zip.

python-docx stamps every zip entry with the current time; `reproducible_zip` rewrites the package
with the article's own timestamp so two builds of one article are the same bytes.
"""
from __future__ import annotations

import io
import urllib.parse
import zipfile
from datetime import datetime, timezone

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm

from .. import model as m
from ..presentation import labels, parse_date
from ..theme import PAGE_SIZES_MM, Theme
from .docx_xml import Element, clean, el, field_runs, text_runs

_DROPPED_RELATIONSHIPS = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values
_ZIP_EPOCH = datetime(1980, 1, 1)


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
    sizes = {name.lower(): mm for name, mm in PAGE_SIZES_MM.items()}
    width, height = sizes.get((page_size or theme.page.size).lower(), PAGE_SIZES_MM[theme.page.size])
    top, right, bottom, left = theme.page.margin_mm
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance, section.footer_distance = Mm(top * 0.45), Mm(bottom * 0.4)
    section.different_first_page_header_footer = True  # the first page has the title itself

    running = _running_header(theme, doc.meta)
    header = section.header
    header.is_linked_to_previous = False
    if running:
        header.paragraphs[0]._p.extend(text_runs(running))
    first_header = section.first_page_header
    first_header.is_linked_to_previous = False
    first_header.paragraphs[0]._p.get_or_add_pPr().append(el("w:pBdr", el("w:bottom", val="nil")))
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        footer.paragraphs[0]._p.extend(_page_number_runs(doc.meta.lang))
    return int(section.page_width - section.left_margin - section.right_margin)


def _running_header(theme: Theme, meta: m.Meta) -> str:
    if theme.page.header == "title":
        return meta.title
    if theme.page.header == "site":
        return meta.source_site or urllib.parse.urlsplit(meta.source_url).hostname or ""
    return ""


def _page_number_runs(lang: str) -> list[Element]:
    """`第 {page} 页 / 共 {pages} 页` with PAGE and NUMPAGES fields where the placeholders stand."""
    wording = labels(lang)["page"]
    before, _, rest = wording.partition("{page}")
    between, _, after = rest.partition("{pages}")
    runs = [*text_runs(before), *field_runs("PAGE", "1")]
    if "{pages}" in rest:
        runs += [*text_runs(between), *field_runs("NUMPAGES", "1"), *text_runs(after)]
    else:
        runs += text_runs(rest)
    return runs


def timestamp(meta: m.Meta, source_date_epoch: int | None) -> datetime:
    """When the article was made, in UTC: its own date, else SOURCE_DATE_EPOCH, else a fixed date, but never
    the time of the build (which would make every build differ)."""
    stamp = parse_date(meta.date) if meta.date else None
    if stamp is not None:
        return stamp.astimezone(timezone.utc).replace(tzinfo=None) if stamp.tzinfo else stamp
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, timezone.utc).replace(tzinfo=None)
    return _ZIP_EPOCH


def set_core_properties(document: WordDocument, meta: m.Meta, stamp: datetime) -> None:
    properties = document.core_properties
    authors = "; ".join(meta.authors) or meta.editor
    values = {"title": meta.title, "author": authors, "subject": meta.description or meta.title,
              "keywords": ", ".join(meta.keywords), "language": meta.lang, "comments": meta.description,
              "identifier": meta.source_url, "last_modified_by": authors}
    for name, value in values.items():
        if value or getattr(properties, name):  # the template's "python-docx" author and comment go too
            setattr(properties, name, clean(value)[:_PROPERTY_LIMIT])
    properties.revision = 1
    properties.created = properties.modified = stamp


def reproducible_zip(package: bytes, stamp: datetime) -> bytes:
    """The package re-zipped with every entry dated `stamp` (not before 1980, zip's epoch) and fixed
    permissions, in python-docx's own (deterministic) order with `[Content_Types].xml` first."""
    date_time = max(stamp, _ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        names.sort(key=lambda name: name != "[Content_Types].xml")
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name))
    return out.getvalue()

