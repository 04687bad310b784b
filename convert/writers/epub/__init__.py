"""The e-reader edition: EPUB 3 (with an NCX for older readers) through ebooklib.

The article markup is the HTML writer's (`notes="epub"` gives EPUB 3 noteref/footnote asides), one
document with the title block at its top, wrapped in complete XHTML documents built and checked
here (see `documents`). ebooklib assembles the package (metadata, manifest, spine, NCX); its zip is
then repacked so that the same input gives the same bytes (see `writers/package.py`). The package is
assembled in `book`, the generated cover is `cover`, the package metadata `metadata`, optional embedded
font subsets `fonts`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ... import model as m
from ..base import EditionOptions, WriteContext, Writer


@dataclass(frozen=True)
class EpubOptions(EditionOptions):
    """`embed_fonts`: embed subsets of the theme's fonts holding the characters the book shows;
    `edition`: `vertical` sets the text in columns read right to left, pages turned leftwards."""

    embed_fonts: bool = False


def write_epub(doc: m.Document, ctx: WriteContext) -> bytes:
    from .book import write_book  # here, not above: its libraries are imported ahead (`WRITER.libraries`)

    return write_book(doc, ctx)


def _write_issue(collection: m.Collection, ictx: object) -> bytes:
    from .issue import write_epub_issue
    return write_epub_issue(collection, ictx)  # type: ignore[arg-type]


# ebooklib (with lxml) and Pillow's drawing, which `book` imports, ~0.012 s: imported on the warm-up thread while
# pandoc reads the article. HarfBuzz reads a font only the first time on this machine (`resources.fonts`) or to
# embed its subset (`--embed-fonts`).
WRITER = Writer(name="epub", suffix=".epub", description="EPUB 3 e-book (reflowable, with cover and TOC)",
                write=write_epub, options=EpubOptions, write_collection=_write_issue,
                libraries=("ebooklib.epub", "lxml.etree", "PIL.ImageDraw", "PIL.ImageFont"))
