"""The EPUB package of one article: its XHTML documents, cover, metadata and pictures, assembled by ebooklib
and zipped reproducibly. Imported on the first write (`write_epub`), so that ebooklib, lxml and Pillow can
be imported ahead, while pandoc reads the article (`builder.warm`)."""
from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Callable, Mapping

from ebooklib import epub
from lxml import etree

from ... import forks
from ... import model as m
from ...dates import ZIP_EPOCH, edition_time, published
from ...errors import ConvertError
from ...resources import Image
from ...scripts import direction
from ...theme.css import screen_figure_ratio, screen_tall_ratio
from ...wording import labels, site_name
from ..base import WriteContext, check_direction, options_of
from ..cjk import typeset, typesetting
from ..html import HtmlStyle, article_html
from ..package import rezip
from . import EpubOptions
from . import documents as docs
from .cover import COVER_SIZE, cover_drawing, cover_text
from .fonts import EmbeddedFont, embedded_fonts, font_face_css
from .metadata import accessibility, identifier, image_uses

IMAGE_DIR = "images"


def write_book(doc: m.Document, ctx: WriteContext) -> bytes:
    """The EPUB of one article (`write_epub`)."""
    lang = doc.meta.lang or "en"
    title = doc.meta.title
    images: dict[str, Image] = {}

    def image_url(image: Image) -> str:
        images.setdefault(image.name, image)
        return f"{IMAGE_DIR}/{image.name}"

    options = options_of(ctx, EpubOptions)
    check_direction(doc, ctx, options)
    cover = forks.later(cover_drawing(doc.meta, ctx.theme, publication=ctx.publication).png)  # drawn meanwhile
    try:
        # The reading system's fonts set the text unless ours are embedded: only ours can be checked.
        article = typeset(article_html(doc, ctx, HtmlStyle(notes="epub", image_url=image_url,
                                                            piece_ratio=screen_figure_ratio(ctx.theme),
                                                            tall_ratio=screen_tall_ratio(ctx.theme))),
                          typesetting(doc, ctx.theme, check_fonts=options.embed_fonts, browser=True,
                                      vertical=options.vertical))
        text = docs.article_document(doc, article)
        entries = docs.toc_entries(doc)
        nav = docs.nav_page(doc, entries)
        shown = cover_text(doc.meta, ctx.publication)
        cover_alt = " · ".join(v for v in (shown["title"], shown["date"], shown["source"]) if v)
        coverpage = docs.cover_page(doc, cover_alt, COVER_SIZE)
    except docs.XhtmlError as exc:
        raise ConvertError(ctx.source_name or title, f"cannot build the EPUB: {exc}") from None
    fonts = (embedded_fonts(ctx.theme, [text, nav], chinese=doc.is_chinese, lang=doc.meta.lang)
             if options.embed_fonts else [])

    book = epub.EpubBook()
    book.set_identifier(identifier(doc))
    book.set_title(title)
    book.set_language(lang)
    _people(book, doc)
    for name, value in (("date", published(doc.meta)), ("publisher", ctx.publication or site_name(doc.meta)),
                        ("source", doc.meta.source_url),
                        ("description", doc.meta.description)):
        if value:
            book.add_metadata("DC", name, value)
    for keyword in doc.meta.keywords:
        book.add_metadata("DC", "subject", keyword)
    for prop, value in accessibility(doc, image_uses(doc, ctx.gate)):
        book.add_metadata(None, "meta", value, {"property": prop})

    book.add_item(epub.EpubItem(uid="style", file_name=docs.STYLESHEET, media_type="text/css",
                                content=docs.stylesheet(ctx.theme, font_face_css(fonts),
                                                        chinese=doc.is_chinese, lang=doc.meta.lang,
                                                        vertical=options.vertical).encode("utf-8")))
    book.set_cover(docs.COVER_IMAGE, b"", create_page=False)  # its bytes: when the zip is rewritten (`packaged`)
    pages = [Xhtml("cover", docs.COVER_PAGE, coverpage, title, properties=["svg"]),
             Xhtml("text", docs.TEXT_PAGE, text, title)]
    for item in pages:
        book.add_item(item)
    book.add_item(Xhtml("nav", docs.NAV_PAGE, nav, title, properties=["nav"]))
    book.add_item(epub.EpubNcx())
    add_images_and_fonts(book, images, fonts)
    book.toc = ncx_toc(entries)
    book.spine = pages
    if options.vertical or direction(doc.meta.lang) == "rtl":
        book.set_direction("rtl")  # the spine's page-progression-direction: pages turn leftwards
    words = labels(lang)
    book.guide = [{"type": "cover", "href": docs.COVER_PAGE, "title": words["cover"]},
                  {"type": "text", "href": docs.TEXT_PAGE, "title": words["text"]}]

    return packaged(book, edition_time(doc.meta, ctx.source_date_epoch), lang,
                    late={f"EPUB/{docs.COVER_IMAGE}": cover.result})


def add_images_and_fonts(book: epub.EpubBook, images: dict[str, Image], fonts: list[EmbeddedFont]) -> None:
    """The pictures (in name order) and the embedded fonts, as package items."""
    for name in sorted(images):
        image = images[name]
        book.add_item(epub.EpubImage(uid="img-" + name.rsplit(".", 1)[0].removeprefix("img-"),
                                     file_name=f"{IMAGE_DIR}/{name}", media_type=image.media_type,
                                     content=image.data))
    for number, font in enumerate(fonts, 1):
        book.add_item(epub.EpubItem(uid=f"font-{number}", file_name=font.file_name, media_type=font.media_type,
                                    content=font.data))


def packaged(book: epub.EpubBook, edited: datetime, lang: str,
             late: Mapping[str, Callable[[], bytes]] | None = None) -> bytes:
    """The book as a reproducible zip: every date the edition's time (`dcterms:modified`, the zip's
    entries; never before 1980), the mimetype first and stored, the package document's language set.
    ebooklib's own zip is written uncompressed (its `compresslevel` 0): `rezip` reads every entry back and
    deflates it, so compressing it first was ~0.009 s of work thrown away. An entry named in `late` is
    packed empty by ebooklib and given its bytes as the zip is rewritten: the cover, drawn meanwhile by a
    child (`forks.later`), is asked for as late as it can be."""
    stamp = max(edited, ZIP_EPOCH)
    buffer = io.BytesIO()
    epub.write_epub(buffer, book, {"mtime": stamp.replace(tzinfo=None),
                                   "epub3_pages": False, "epub3_landmark": False, "raise_exceptions": True,
                                   "compresslevel": 0})
    rewrite: dict[str, Callable[[bytes], bytes]] = {OPF_PATH: lambda opf: package_language(opf, lang)}
    rewrite.update({name: (lambda _, make=make: make()) for name, make in (late or {}).items()})
    return rezip(buffer.getvalue(), stamp, first="mimetype", stored=frozenset({"mimetype"}), rewrite=rewrite)


OPF_PATH = "EPUB/content.opf"


def package_language(opf: bytes, lang: str) -> bytes:
    """The package document with `xml:lang` on its root, the language of its metadata (titles, names,
    the accessibility summary): what Ace's epub-lang asks for, and ebooklib does not write."""
    root = etree.fromstring(opf, etree.XMLParser(resolve_entities=False, no_network=True))
    root.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _people(book: epub.EpubBook, doc: m.Document) -> None:
    """Who the edition names as its author (`Meta.responsible`, as the PDF, the DOCX and the HTML do:
    the authors, or an unsigned story's outlet) as dc:creator; the editors as contributors (role edt),
    and as creators only when nothing else names one."""
    meta = doc.meta
    editors = [name for name in re.split(r"\s*[、，,;；]\s*", meta.editor) if name]  # `王震、高雷`: two editors
    if meta.authors or meta.source_site:
        people = [("creator", name, "aut") for name in meta.responsible] + [("contributor", name, "edt") for name in editors]
    else:
        people = [("creator", name, "edt") for name in editors]
    for number, (element, name, role) in enumerate(people, 1):
        book.add_metadata("DC", element, name, {"id": f"{element}-{number}"})
        book.add_metadata(None, "meta", role, {"refines": f"#{element}-{number}", "property": "role",
                                                "scheme": "marc:relators"})


def ncx_toc(entries: list[docs.TocEntry]) -> list[object]:
    """The same entries as nav.xhtml, in ebooklib's form, for the NCX."""
    counter = iter(range(1, 10_000))

    def convert(level: list[docs.TocEntry]) -> list[object]:
        out: list[object] = []
        for entry in level:
            link = epub.Link(entry.href, entry.title, f"navpoint-{next(counter)}")
            out.append((link, convert(entry.children)) if entry.children else link)
        return out

    return convert(entries)


class Xhtml(epub.EpubHtml):
    """A content document packaged as we built it: ebooklib would re-parse it as HTML and rebuild
    `<head>`, dropping what it does not know."""

    def __init__(self, uid: str, file_name: str, tree: etree._ElementTree, title: str,
                 properties: list[str] | None = None) -> None:
        super().__init__(uid=uid, file_name=file_name, media_type="application/xhtml+xml", title=title)
        self.content = docs.serialize(tree)
        self.properties = list(properties or [])

    def get_content(self, default: bytes | None = None) -> bytes:
        return self.content
