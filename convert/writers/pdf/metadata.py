"""What the PDF says about itself: the `<meta>` elements WeasyPrint turns into the document information
and XMP (description, author, dates, generator), and the producer's name."""
from __future__ import annotations

from html import escape
from typing import Any

from ... import __version__ as convert_version
from ... import model as m
from ...dates import created
from ...scripts import without_break_hints

SUMMARY_CHARS = 160


def producer() -> str:
    import weasyprint
    return f"convert {convert_version} (WeasyPrint {weasyprint.__version__})"


def metadata_tags(doc: m.Document, source_date_epoch: int | None) -> str:
    """<meta> elements WeasyPrint turns into PDF metadata, beyond those `page_html` writes."""
    meta = doc.meta
    tags = [f'<meta name="generator" content="convert {escape(convert_version)}" />']
    if not meta.description and (summary := article_summary(doc)):
        tags.append(f'<meta name="description" content="{escape(summary)}" />')
    if stamp := created(meta, source_date_epoch):
        tags.append(f'<meta name="dcterms.created" content="{stamp}" />')
        tags.append(f'<meta name="dcterms.modified" content="{stamp}" />')
    return "\n".join(tags)


def article_summary(doc: m.Document) -> str:
    """The subject line when the article has no description: its first paragraph, shortened."""
    for block in doc.body:
        if isinstance(block, m.Paragraph):
            text = " ".join(m.plain_text(block.content).split())
            if text:
                return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rstrip() + "…"
    return ""


def plain_bookmarks(document: Any) -> None:
    """A rendered WeasyPrint document's bookmark labels without break hints: `bookmark-label:
    content(text)` takes a heading's text as laid out, with the word joiners and zero width spaces the
    Chinese and Korean markup put in it (`writers/cjk.py`), which a reader's outline shows or stumbles on."""
    for page in document.pages:
        page.bookmarks = [(level, without_break_hints(label), *rest) for level, label, *rest in page.bookmarks]
