"""The print edition: the shared article markup, print CSS from the theme, laid out by WeasyPrint.

WeasyPrint reads nothing but the images the resource gate handed over (`fetch`), justifies Chinese
lines between characters (`justify`, with `gaps`), is imported fast (`weasy`), and reuses one font
configuration per process: building it scans every system font, which costs more than laying out a
short article. What the PDF says about itself is in `metadata`; its stylesheet in `css`; what its
tagged structure needs beyond WeasyPrint's in `tagging`.

Every edition is tagged (PDF/UA-1: headings, lists, tables, figures with their text alternative,
links, the language and the title): tagging costs nothing measurable on the seed (median of 7
runs: 1.30 s tagged against 1.38 s untagged). `pdf/a-2b` is an archival PDF, tagged too, whose
XMP names both PDF/A-2b and PDF/UA-1.
"""
from __future__ import annotations

import contextlib
import logging
import re
import threading
from dataclasses import dataclass, replace
from html import escape
from typing import Any, Callable, Iterator

from ... import model as m
from ...errors import UsageError, warn
from ...resources.fonts import FontFile, stack_font
from ...scripts import is_cjk_family, is_cjk_language
from ...theme import PAGE_SIZES_MM
from ..base import PDF_VARIANTS, VERTICAL, WriteContext, Writer, options_of
from ..cjk import typeset, typesetting
from ..html import HtmlStyle, article_html, page_html
from .css import figure_ratio, print_css_parts, running_header_html, table_measure_em, tall_ratio, title_clauses
from .justify import LineOptions
from .marks import proportional_marks, set_proportional
from .metadata import metadata_tags, plain_bookmarks, producer
from .refit import PASSES, Refits, refits
from .tagging import finish_tags
from . import stylesheets
from .stylesheets import parsed as parsed_stylesheets
from .weasy import check, harfbuzz_subsetter_problem, import_weasyprint

EDITIONS = ("print", "ereader")  # the PDF's own editions; `horizontal` is `print`
NO_VERTICAL = ("the vertical edition is EPUB, DOCX and HTML only: WeasyPrint cannot lay out vertical text "
               "(it has no CSS writing-mode)")
VARIANTS = PDF_VARIANTS
DEFAULT_VARIANT = "pdf/ua-1"
_font_config: Any = None
_font_config_lock = threading.Lock()


@dataclass(frozen=True)
class PdfOptions:
    """`edition`: print pages (the theme's, or `page_size`) or small e-reader pages; `pdf_variant`: a
    tagged PDF (PDF/UA-1, the default) or an archival one (PDF/A-2b, tagged as well)."""

    edition: str = "print"
    page_size: str | None = None
    pdf_variant: str = DEFAULT_VARIANT

    def __post_init__(self) -> None:
        if self.edition == VERTICAL:  # refused before anything is read or written (Kozea/WeasyPrint#577)
            raise UsageError(NO_VERTICAL)
        if self.edition == "horizontal":
            object.__setattr__(self, "edition", "print")
        if self.edition not in EDITIONS:
            raise UsageError(f"unknown PDF edition {self.edition!r}; choose from: {', '.join(EDITIONS)}")
        if self.pdf_variant and self.pdf_variant not in VARIANTS:
            raise UsageError(f"unknown PDF variant {self.pdf_variant!r}; choose from: {', '.join(VARIANTS)}")
        if self.page_size and self.page_size.lower() not in {size.lower() for size in PAGE_SIZES_MM}:
            raise UsageError(f"unknown page size {self.page_size!r}; choose from: {', '.join(PAGE_SIZES_MM)}")


def write_pdf(doc: m.Document, ctx: WriteContext) -> bytes:
    import_weasyprint()
    from .fetch import GateFetcher

    options = options_of(ctx, PdfOptions)
    problem = harfbuzz_subsetter_problem()
    if problem:
        warn(f"SLOW PDF: {problem}; install libharfbuzz-subset0 (see 'convert doctor')")
    fetcher = GateFetcher()
    article = article_html(doc, ctx, HtmlStyle(notes="footnote", ruby=False, hold_address_hyphens=True,
                                               image_url=fetcher.url_for,
                                               piece_ratio=figure_ratio(ctx.theme, options),
                                               tall_ratio=tall_ratio(ctx.theme, options),
                                               table_measure_em=table_measure_em(ctx.theme, options)))
    cjk_text = is_cjk_language(doc.meta.lang)  # Chinese or Japanese: set between characters, marks compressed
    setting = replace(typesetting(doc, ctx.theme), keep_ids=cjk_text,
                      clauses="held" if title_clauses(doc, ctx.theme, options) else "")
    header = running_header_html(doc, ctx.theme) + "\n"
    sheets = print_css_parts(doc, ctx.theme, options)
    css = "" if stylesheets.standalone(sheets) else "".join(sheets)  # else parsed once per process

    proportional = proportional_marks(_cjk_faces(doc, ctx.theme)) if setting.compress else {}

    def page(refits: Refits) -> str:
        changed = replace(setting, soft=frozenset(refits.soft), squeeze=tuple(sorted(refits.squeeze.items())),
                          squeeze_at=tuple(sorted(refits.squeeze_at.items())))
        body, used = set_proportional(typeset(header + article, changed), proportional)
        for char in used:  # said once: the first layout marks every pair the refits may add to
            if char not in said:
                said.add(char)
                family, width = proportional[char]
                warn(f"PDF: the font {family} has no 'halt' for {char} (U+{ord(char):04X}): where it is compressed "
                     f"it is set with its proportional width ('palt', {width:.2f} em) instead of half width")
        return page_html(doc, body, css, head_extra=metadata_tags(doc, ctx.source_date_epoch))

    said: set[str] = set()

    cjk = ctx.theme.cjk
    lines = LineOptions(compress=setting.compress, opening_at_start=cjk.line_start_opening == "half",
                        heading_opening_at_start=cjk.heading_line_start_opening == "half",
                        max_stretch_em=cjk.max_stretch_em,
                        max_space_stretch_em=cjk.max_space_stretch_em, script_gap_em=ctx.theme.text.script_gap_em)
    return render_pdf(page(Refits()), fetcher, variant=options.pdf_variant, lines=lines,
                      refit=page if cjk_text else None, stylesheets=() if css else sheets)


def _cjk_faces(doc: m.Document, theme: Any) -> list[FontFile]:
    """The installed CJK faces that set the article's body and headings, in its own region's forms."""
    faces = []
    for role, bold in (("body", False), ("headings", theme.headings.weight >= 600)):
        families = [family for family in theme.script_stack(role, True, doc.meta.lang or "") if is_cjk_family(family)]
        face = stack_font(families, bold) or stack_font(families, False)
        if face is not None and face not in faces:
            faces.append(face)
    return faces


def render_pdf(page: str, fetcher: Any, *, variant: str = DEFAULT_VARIANT, lines: LineOptions = LineOptions(),
               refit: Callable[[Refits], str] | None = None, stylesheets: tuple[str, ...] = ()) -> bytes:
    """Lay out a complete HTML page with WeasyPrint, reading only through `fetcher`, styled by its own
    `<style>` or by `stylesheets` (`stylesheets.standalone` ones, parsed once per process); tagged; Chinese lines
    are set as `lines` says. With `refit` (the page marked up with some `Refits`), lines that a kept group
    leaves short are refitted (`refit.refits`): the page is laid out again, at most `refit.PASSES` times."""
    import_weasyprint()
    from weasyprint import HTML

    from .deflate import deflate_streams
    from .justify import justifying
    from .tounicode import exact_text

    options: dict[str, Any] = {"pdf_variant": variant, "pdf_tags": True}

    def finisher(document: Any, pdf: Any) -> None:
        _name_producer(document, pdf)
        finish_tags(document, pdf, pdfa=variant.startswith("pdf/a"))
        deflate_streams(pdf)  # last: the streams are final

    with justifying(lines), _weasyprint_problems_as_warnings():
        sheets = parsed_stylesheets(stylesheets) or None
        document = HTML(string=page, base_url=None, url_fetcher=fetcher).render(
            font_config=font_configuration(), stylesheets=sheets, **options)
        done = Refits()
        for _ in range(PASSES if refit else 0):
            if not done.add(refits(document, lines, done)):
                break
            document = HTML(string=refit(done), base_url=None, url_fetcher=fetcher).render(
                font_config=font_configuration(), stylesheets=sheets, **options)
        plain_bookmarks(document)
        with exact_text():
            data = document.write_pdf(finisher=finisher, **options)
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


# ---------------------------------------------------------------- WeasyPrint's messages


# A picture given no description is decorative: `tagging` makes it an artifact, nothing is missing.
_DECORATIVE = re.compile(r"^Image .* has no required alt description")


# WeasyPrint draws a character no font on the machine has as an empty box (.notdef), and logs it.
_NOTDEF = re.compile(r"^\.notdef glyph rendered for Unicode string unsupported by fonts: .*\(U\+([0-9A-Fa-f]+)\)")
_UNDRAWN_SHOWN = 8


class _Forward(logging.Handler):
    """Passes WeasyPrint's errors (unreadable resources, broken markup) on as article warnings, and
    gathers the characters it drew as empty boxes."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.undrawn: dict[str, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if match := _NOTDEF.match(message):
            self.undrawn[chr(int(match[1], 16))] = None
        elif record.levelno >= logging.ERROR and "convert-image:" not in message and not _DECORATIVE.search(message):
            warn(f"WeasyPrint: {message.splitlines()[0][:200]}")


@contextlib.contextmanager
def _weasyprint_problems_as_warnings() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Forward()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.undrawn:  # never silently: an emoji or a rare ideograph without a font is a hole in the text
        chars = list(handler.undrawn)
        shown = ", ".join(f"{char} (U+{ord(char):04X})" for char in chars[:_UNDRAWN_SHOWN])
        more = f" and {len(chars) - _UNDRAWN_SHOWN} more" if len(chars) > _UNDRAWN_SHOWN else ""
        warn(f"PDF: no font on this machine draws {len(chars)} character(s), shown as empty boxes: "
             f"{shown}{more} (install a font that has them, {_font_hint(chars)})")


def _font_hint(chars: list[str]) -> str:
    """Which Debian font package draws such characters: a rare ideograph (CJK Extension B and after,
    `𠀀`) is no emoji."""
    hints = []
    if any(0x20000 <= ord(char) <= 0x3FFFF for char in chars):
        hints.append("fonts-hanazono for rare ideographs")
    if any(0x1F000 <= ord(char) <= 0x1FAFF or 0x2600 <= ord(char) <= 0x27BF for char in chars):
        hints.append("fonts-noto-color-emoji for emoji")
    return "such as " + " or ".join(hints) if hints else "such as one of the Noto families for that script"


def _write_issue(collection: m.Collection, ictx: Any) -> bytes:
    from .issue import write_pdf_issue
    return write_pdf_issue(collection, ictx)


WRITER = Writer(name="pdf", suffix=".pdf", description="print edition (A4/A5/Letter, or --edition ereader)",
                write=write_pdf, check=check, options=PdfOptions, write_collection=_write_issue)
