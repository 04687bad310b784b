"""The print edition: the shared article markup, print CSS from the theme, laid out by WeasyPrint.

WeasyPrint reads nothing but the images the resource gate handed over (`pdf_fetch`), justifies
Chinese lines between characters (`pdf_justify`), and reuses one font configuration per process:
building it scans every system font, which costs more than laying out a short article.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from datetime import datetime, timezone
from html import escape
from typing import Any, Iterator

from .. import __version__ as convert_version
from .. import model as m
from ..cjk import mark_script_gaps
from ..doctor import check_pango, harfbuzz_subsetter_problem
from ..errors import UsageError, warn
from ..presentation import parse_date
from .base import WriteContext, Writer
from .html import HtmlStyle, article_html, page_html
from .pdf_css import print_css
from .pdf_startup import import_weasyprint

VARIANTS = ("pdf/ua-1", "pdf/a-2b")
SUMMARY_CHARS = 160
_font_config: Any = None
_font_config_lock = threading.Lock()


def check() -> str | None:
    """Why the PDF writer cannot run here (Pango or WeasyPrint missing), or None."""
    try:
        import_weasyprint()
    except (ImportError, OSError) as exc:
        return f"WeasyPrint cannot be imported ({exc})"
    pango = check_pango()
    if pango.problem:
        return f"{pango.problem} (fix: {pango.fix})"
    return None


def write_pdf(doc: m.Document, ctx: WriteContext) -> bytes:
    import_weasyprint()
    from .pdf_fetch import GateFetcher

    if ctx.pdf_variant and ctx.pdf_variant not in VARIANTS:
        raise UsageError(f"unknown PDF variant {ctx.pdf_variant!r}; choose from: {', '.join(VARIANTS)}")
    problem = harfbuzz_subsetter_problem()
    if problem:
        warn(f"SLOW PDF: {problem}; install libharfbuzz-subset0 (see 'convert doctor')")
    fetcher = GateFetcher()
    body = mark_script_gaps(article_html(doc, ctx, HtmlStyle(notes="footnote", image_url=fetcher.url_for)))
    page = page_html(doc, body, print_css(doc, ctx), head_extra=metadata_tags(doc, ctx))
    return render_pdf(page, fetcher, variant=ctx.pdf_variant)


def render_pdf(page: str, fetcher: Any, *, variant: str | None = None) -> bytes:
    """Lay out a complete HTML page with WeasyPrint, reading only through `fetcher`."""
    import_weasyprint()
    from weasyprint import HTML

    from .pdf_justify import justifying

    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    with justifying(), _weasyprint_problems_as_warnings():
        document = HTML(string=page, base_url=None, url_fetcher=fetcher).render(
            font_config=font_configuration(), **options)
        data = document.write_pdf(finisher=_name_producer, **options)
    for url in dict.fromkeys(fetcher.refused):
        warn(f"PDF: refused to read {url[:100]} (only images from the article reach the PDF)")
    return data


def font_configuration() -> Any:
    """One WeasyPrint font configuration per process, shared by every article of a batch."""
    global _font_config
    with _font_config_lock:
        if _font_config is None:
            from weasyprint.text.fonts import FontConfiguration
            _font_config = FontConfiguration()
        return _font_config


def producer() -> str:
    import weasyprint
    return f"convert {convert_version} (WeasyPrint {weasyprint.__version__})"


def _name_producer(document: Any, pdf: Any) -> None:
    """Name convert as the producer, in the info dictionary and in XMP metadata when there is any."""
    import pydyf
    import weasyprint

    pdf.info["Producer"] = pydyf.String(producer())
    theirs = f'Producer="WeasyPrint {weasyprint.__version__}"'.encode()
    ours = f'Producer="{escape(producer())}"'.encode()
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/Metadata":
            obj.stream = [part.replace(theirs, ours) if isinstance(part, bytes) else part for part in obj.stream]


# ---------------------------------------------------------------- metadata


def metadata_tags(doc: m.Document, ctx: WriteContext) -> str:
    """<meta> elements WeasyPrint turns into PDF metadata, beyond those `page_html` writes."""
    meta = doc.meta
    tags = [f'<meta name="generator" content="convert {escape(convert_version)}" />']
    if not meta.description and (summary := article_summary(doc)):
        tags.append(f'<meta name="description" content="{escape(summary)}" />')
    if not meta.authors and not meta.editor and meta.source_site:
        tags.append(f'<meta name="author" content="{escape(meta.source_site)}" />')
    if created := creation_date(doc, ctx):
        tags.append(f'<meta name="dcterms.created" content="{created}" />')
        tags.append(f'<meta name="dcterms.modified" content="{created}" />')
    return "\n".join(tags)


def article_summary(doc: m.Document) -> str:
    """The subject line when the article has no description: its first paragraph, shortened."""
    for block in doc.body:
        if isinstance(block, m.Paragraph):
            text = " ".join(m.plain_text(block.content).split())
            if text:
                return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rstrip() + "…"
    return ""


def creation_date(doc: m.Document, ctx: WriteContext) -> str:
    """W3C date-time of the article, or of SOURCE_DATE_EPOCH; empty when neither is known.

    A time without a zone is taken as China Standard Time (UTC+8) in a Chinese article and dropped
    (keeping the day) otherwise.
    """
    stamp = parse_date(doc.meta.date) if doc.meta.date else None
    if stamp is not None:
        has_time = "T" in doc.meta.date or " " in doc.meta.date.strip()
        if stamp.tzinfo is None and has_time and doc.is_chinese:
            return stamp.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"
        if stamp.tzinfo is None or not has_time:
            return stamp.strftime("%Y-%m-%d")
        offset = stamp.strftime("%z")
        return stamp.strftime("%Y-%m-%dT%H:%M:%S") + (f"{offset[:3]}:{offset[3:]}" if offset else "Z")
    if ctx.source_date_epoch is not None:
        return datetime.fromtimestamp(ctx.source_date_epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ""


# ---------------------------------------------------------------- WeasyPrint's messages


class _Forward(logging.Handler):
    """Passes WeasyPrint's errors (unreadable resources, broken markup) on as article warnings."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR and "convert-image:" not in message:
            warn(f"WeasyPrint: {message.splitlines()[0][:200]}")


@contextlib.contextmanager
def _weasyprint_problems_as_warnings() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Forward(level=logging.ERROR)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


WRITER = Writer(name="pdf", suffix=".pdf", description="print edition (A4/A5/Letter, or --edition ereader)",
                write=write_pdf, check=check)
