"""The e-reader edition of a collection: one XHTML document per article (some reading systems cut a
long document short), each with its own title block and byline, after a generated cover of the issue
and its contents; the nav and the NCX hold the articles and, under each, its sections.

The package is put together as a single article's is (`writers/epub/__init__.py`): the same content
documents, stylesheet, metadata and reproducible zip; only the spine holds many articles.
"""
from __future__ import annotations

from dataclasses import replace

from ebooklib import epub

from ... import model as m
from ...dates import edition_time, published
from ...errors import ConvertError, about
from ...resources import Image
from ...scripts import direction, is_chinese
from ...wording import labels
from ..base import IssueContext, options_of
from ..cjk import typeset, typesetting
from ..html import HtmlStyle, article_html
from . import EpubOptions
from .book import IMAGE_DIR, Xhtml, add_images_and_fonts, ncx_toc, packaged
from . import documents as docs
from .cover import COVER_SIZE, cover_png
from .fonts import embedded_fonts_of, font_face_css
from .metadata import accessibility, identifier, image_uses


def article_file(index: int) -> str:
    return f"article-{index + 1:03d}.xhtml"


def languages(collection: m.Collection) -> list[str]:
    """The issue's language, then each other language its articles are in, in order of appearance."""
    found = [collection.meta.lang or "en", *(doc.meta.lang or "en" for doc in collection.articles)]
    return list(dict.fromkeys(found))


def font_groups(collection: m.Collection, texts: list, nav) -> list:  # type: ignore[no-untyped-def, type-arg]
    """The documents by the script of their language, for the embedded fonts: the issue's pages (its
    contents) with the articles in its language, each other language's chapters apart."""
    by_lang: dict[str, list] = {collection.meta.lang or "en": [nav]}  # type: ignore[type-arg]
    for doc, text in zip(collection.articles, texts):
        by_lang.setdefault(doc.meta.lang or "en", []).append(text)
    return [(trees, is_chinese(lang), lang) for lang, trees in by_lang.items()]


def write_epub_issue(collection: m.Collection, ictx: IssueContext) -> bytes:
    meta = collection.meta
    lang = meta.lang or "en"
    issue = m.Document(meta=meta)
    images: dict[str, Image] = {}

    def image_url(image: Image) -> str:
        images.setdefault(image.name, image)
        return f"{IMAGE_DIR}/{image.name}"

    options = options_of(ictx, EpubOptions)
    texts, entries, uses = [], [], []
    for index, doc in enumerate(collection.articles):
        ctx = ictx.article(index, collection)
        name = article_file(index)
        try:
            with about(ctx.source_name or doc.meta.title):
                article = typeset(article_html(doc, ctx, HtmlStyle(notes="epub", image_url=image_url)),
                                  typesetting(doc, ictx.theme, check_fonts=options.embed_fonts, browser=True,
                                              vertical=options.vertical))
                texts.append(docs.article_document(doc, article, name))
                uses += image_uses(doc, ctx.gate)
        except docs.XhtmlError as exc:
            raise ConvertError(ctx.source_name or doc.meta.title, f"cannot build the EPUB: {exc}") from None
        entries += docs.toc_entries(doc, name, nested=True)
    if not texts:
        raise ConvertError(meta.title, "an issue needs at least one article")
    words = labels(lang)

    def typeset_line(markup: str, line_lang: str) -> str:
        """A contents line as its article's text is set; its Han/Latin gaps as margins of the Latin
        run, not as the text's generated spaces (empty spans, which EPUB forbids in a nav: RSC-005)."""
        setting = typesetting(m.Document(meta=m.Meta(lang=line_lang)), ictx.theme, check_fonts=False,
                              browser=True, vertical=options.vertical)
        return typeset(markup, replace(setting, gap_spaces=False))

    nav = docs.nav_page(issue, entries, article_file(0), typeset_line=typeset_line)
    cover_alt = " · ".join(v for v in (collection.publication, meta.title, published(meta)) if v)
    coverpage = docs.cover_page(issue, cover_alt, COVER_SIZE)
    fonts = embedded_fonts_of(ictx.theme, font_groups(collection, texts, nav)) if options.embed_fonts else []

    book = epub.EpubBook()
    everything = collection.as_document()
    book.set_identifier(identifier(everything))
    book.set_title(meta.title)
    book.set_language(lang)
    for other in languages(collection)[1:]:  # every article's language, the issue's first
        book.add_metadata("DC", "language", other)
    for name, value in (("date", published(meta)), ("publisher", collection.publication),
                        ("description", meta.description)):
        if value:
            book.add_metadata("DC", name, value)
    for prop, value in accessibility(everything, uses):
        book.add_metadata(None, "meta", value, {"property": prop})
    css = docs.stylesheet(ictx.theme, font_face_css(fonts), chinese=collection.is_chinese, lang=lang,
                          vertical=options.vertical)
    book.add_item(epub.EpubItem(uid="style", file_name=docs.STYLESHEET, media_type="text/css",
                                content=css.encode("utf-8")))
    titles = tuple(doc.meta.title for doc in collection.articles)
    book.set_cover(docs.COVER_IMAGE, cover_png(meta, ictx.theme, publication=collection.publication,
                                               contents=titles), create_page=False)
    cover = Xhtml("cover", docs.COVER_PAGE, coverpage, meta.title, properties=["svg"])
    contents = Xhtml("nav", docs.NAV_PAGE, nav, words["contents"], properties=["nav"])
    articles = [Xhtml(f"article-{index + 1:03d}", article_file(index), text, doc.meta.title)
                for index, (doc, text) in enumerate(zip(collection.articles, texts))]
    for item in (cover, contents, *articles):
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    add_images_and_fonts(book, images, fonts)
    book.toc = ncx_toc(entries)
    book.spine = [cover, contents, *articles]
    if options.vertical or direction(collection.meta.lang) == "rtl":
        book.set_direction("rtl")  # pages turn leftwards
    book.guide = [{"type": "cover", "href": docs.COVER_PAGE, "title": words["cover"]},
                  {"type": "toc", "href": docs.NAV_PAGE, "title": words["contents"]},
                  {"type": "text", "href": article_file(0), "title": words["text"]}]

    return packaged(book, edition_time(meta, ictx.source_date_epoch), lang)
