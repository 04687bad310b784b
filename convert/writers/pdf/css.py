"""Print CSS for the PDF editions, compiled from the theme: pages, running header, page numbers,
footnotes, figures, tables. The article rules themselves (Chinese typesetting included) come from
`theme/css.py`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from typing import TYPE_CHECKING

from ...model import Document, collapse_spaces
from ...scripts import is_cjk_language
from ...theme import Theme
from ...resources.images import TALL_PAGE_SHARE
from ...theme.css import article_css, font_stacks
from ...wording import labels, running_header
from ..columns import table_text_em
from .balance import balanced_title_width, holds_clauses

if TYPE_CHECKING:
    from . import PdfOptions

RUNNING_HEADER = "running-header"
_FURNITURE_LEADING = 1.2  # the running header and page number: tight, to fit the narrow e-reader margins
LATIN_HYPHENATION = "en"  # the Latin words of Chinese articles are English ones far more often than not
MM_TO_PT = 72 / 25.4


@dataclass(frozen=True)
class PageBox:
    width_mm: float
    height_mm: float
    margin_mm: tuple[float, float, float, float]  # top, right, bottom, left
    size_pt: float

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.margin_mm[0] - self.margin_mm[2]

    @property
    def content_width_mm(self) -> float:
        """The measure: the page's width inside its margins."""
        return self.width_mm - self.margin_mm[1] - self.margin_mm[3]


def page_box(theme: Theme, options: PdfOptions) -> PageBox:
    """The page of the requested edition: the theme's print page (or `--page-size`), or the e-reader's."""
    if options.edition == "ereader":
        width, height = theme.ereader.page_size_mm
        return PageBox(width, height, tuple(theme.ereader.margin_mm), theme.ereader.size_pt)  # type: ignore[arg-type]
    width, height = theme.page_size_mm(options.page_size)
    return PageBox(width, height, tuple(theme.page.margin_mm), theme.text.size_pt)  # type: ignore[arg-type]


def title_clauses(doc: Document, theme: Theme, options: PdfOptions) -> bool:
    """Whether the headline is set broken between its clauses (`balance.holds_clauses`) on this page."""
    page = page_box(theme, options)
    return holds_clauses(doc.meta.title, theme, measure_pt=page.content_width_mm * MM_TO_PT,
                         size_pt=theme.headings.scale[0] * page.size_pt, chinese=is_cjk_language(doc.meta.lang))


def title_width(doc: Document, theme: Theme, options: PdfOptions, clauses: bool) -> float | None:
    """The headline's `max-width` in pt that sets its lines of even length (`balance.balanced_title_width`,
    its clauses held with `clauses`); None: the full measure."""
    page = page_box(theme, options)
    return balanced_title_width(doc.meta.title, theme, measure_pt=page.content_width_mm * MM_TO_PT,
                                size_pt=theme.headings.scale[0] * page.size_pt,
                                chinese=is_cjk_language(doc.meta.lang), clauses=clauses)


def table_measure_em(theme: Theme, options: PdfOptions) -> float:
    """The page's measure in em of a table's text (`columns.column_groups`)."""
    page = page_box(theme, options)
    return table_text_em(page.content_width_mm * MM_TO_PT, page.size_pt, theme)


def image_height_mm(theme: Theme, page: PageBox) -> float:
    """The tallest a picture is shown on the page."""
    return min(theme.figure.max_height_mm, page.content_height_mm * 0.62)


def figure_ratio(theme: Theme, options: PdfOptions) -> float:
    """Height over width of the largest picture shown at the full text width: a long picture is cut
    into pieces of this shape."""
    page = page_box(theme, options)
    width = page.content_width_mm
    return image_height_mm(theme, page) / width


def tall_height_mm(page: PageBox) -> float:
    """The tallest a long picture shown whole is (`resources.images.shown_tall`): most of the page."""
    return page.content_height_mm * TALL_PAGE_SHARE


def tall_ratio(theme: Theme, options: PdfOptions) -> float:
    """Height over width of the tallest long picture shown whole."""
    page = page_box(theme, options)
    return tall_height_mm(page) / page.content_width_mm


def css_string(text: str) -> str:
    """`text` as a quoted CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\n\r\f]", " ", escaped) + '"'


def page_number_content(lang: str) -> str:
    """`第 3 页 / 共 5 页` or `Page 3 of 5` as a CSS `content` value, from the shared labels."""
    parts = re.split(r"(\{page\}|\{pages\})", labels(lang)["page"])
    values = []
    for part in parts:
        if part == "{page}":
            values.append("counter(page)")
        elif part == "{pages}":
            values.append("counter(pages)")
        elif part:
            values.append(css_string(part))
    return " ".join(values)


def running_header_html(doc: Document, theme: Theme) -> str:
    """The element the running header shows (the title or the site, escaped; typeset with the body),
    or nothing when the theme asks for none."""
    header = running_header(doc.meta, theme.page.header)
    if not header:
        return ""
    return f'<div class="{RUNNING_HEADER}" aria-hidden="true">{escape(collapse_spaces(header), quote=False)}</div>'


def print_css(doc: Document, theme: Theme, options: PdfOptions) -> str:
    """The whole stylesheet of a PDF edition."""
    return "".join(print_css_parts(doc, theme, options))


def print_css_parts(doc: Document, theme: Theme, options: PdfOptions) -> tuple[str, str]:
    """The stylesheet of a PDF edition in two parts whose concatenation is `print_css`: the article rules,
    the same text for every article of a theme and page size (most of it: a batch parses them once,
    `pdf.stylesheets`), then the pages' and the article's own rules."""
    page = page_box(theme, options)
    fonts = font_stacks(theme, chinese=doc.is_chinese, lang=doc.meta.lang)
    colors = theme.colors
    lang = doc.meta.lang or "en"
    header = running_header(doc.meta, theme.page.header)
    top, right, bottom, left = page.margin_mm
    note_pt = theme.notes.size_em * page.size_pt
    small = min(theme.caption.size_pt, note_pt)  # page furniture: no larger than a caption or a note
    image_height = image_height_mm(theme, page)
    # Page furniture must fit its margin, also the e-reader's narrow one.
    header_gap, header_pad, footer_pad = min(3.0, top * 0.25), min(1.2, top * 0.12), min(3.0, bottom * 0.3)
    furniture_pt = min(small, (top - header_gap - header_pad) * MM_TO_PT / _FURNITURE_LEADING)
    header_rule = (f"content: element({RUNNING_HEADER}); border-bottom: 0.5pt solid {colors.rule};"
                   if header else "content: none;")
    balanced = title_width(doc, theme, options, title_clauses(doc, theme, options))
    width_rule = f" max-width: {balanced:g}pt;" if balanced else ""
    return article_css(theme, size_pt=page.size_pt), f"""
@page {{
  size: {page.width_mm:g}mm {page.height_mm:g}mm;
  margin: {top:g}mm {right:g}mm {bottom:g}mm {left:g}mm;
  @top-center {{ {header_rule} width: 100%; vertical-align: bottom;
    padding-bottom: {header_pad:.3g}mm; margin-bottom: {header_gap:.3g}mm; }}
  @bottom-center {{ content: {page_number_content(lang)}; font-family: {fonts['body']};
    font-size: {furniture_pt:.3g}pt; line-height: {_FURNITURE_LEADING}; color: {colors.muted};
    vertical-align: top; padding-top: {footer_pad:.3g}mm; }}
  /* No padding here: a border together with padding makes WeasyPrint 70 push every footnote to
     the page after its call. The notes keep their distance from the rule with their own margin. */
  @footnote {{ border-top: 0.5pt solid {colors.rule}; margin-top: 4mm; max-height: 45%; }}
}}
@page :first {{ @top-center {{ content: none; border: none; }} }}
/* The running header is an element (`running_header_html`), so its text is marked up like the body's:
   the same Han/Latin gaps and compressed punctuation. */
.{RUNNING_HEADER} {{ position: running({RUNNING_HEADER}); display: block; font-family: {fonts['body']};
  font-size: {furniture_pt:.3g}pt; line-height: {_FURNITURE_LEADING}; color: {colors.muted}; text-align: center;
  text-indent: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
html {{ orphans: 2; widows: 2; }}
/* An article's last paragraph is not left alone at the top of a page: widows and orphans hold the lines
   of one paragraph, not a paragraph of one line (an interview's answer on a page of its own, its
   question on the page before); the page breaks before the block ahead of it instead. */
.article-body > p:last-child {{ break-before: avoid; }}
h1.title {{ bookmark-level: 1; bookmark-label: content(text);{width_rule} }}
.article-body h2, .article-body h3, .article-body h4, .article-body h5, .article-body h6 {{
  break-after: avoid; break-inside: avoid; }}
figure {{ break-inside: avoid; page-break-inside: avoid; }}
figure.long-picture {{ break-inside: auto; page-break-inside: auto; }}
figure img {{ display: block; margin: 0 auto; max-width: 100%; max-height: {image_height:g}mm;
  width: auto; height: auto; image-resolution: from-image; }}
figcaption {{ break-before: avoid; }}
/* A picture in a line of text fits the page too: taller than the page, it was cut off at its foot. */
figure.tall-picture img {{ max-height: {tall_height_mm(page):g}mm; }}
img.inline {{ max-width: 100%; max-height: {image_height:g}mm; }}
.image-placeholder {{ break-after: avoid; }}
/* The address in the body face: one CJK font fewer to subset and embed. */
.placeholder-src {{ font-family: {fonts['body']}; }}
thead {{ display: table-header-group; }}
tr, th, td {{ break-inside: avoid; }}
table {{ break-inside: auto; }}
caption {{ break-after: avoid; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; break-inside: auto; }}
code {{ overflow-wrap: anywhere; }}
a {{ overflow-wrap: anywhere; }}
/* An English word in Chinese text (`cjk.Typesetting.hyphenate`) is hyphenated as English: WeasyPrint
   takes the language to hyphenate in from its `lang` property, which no `:lang()` font rule reads. Its
   hyphen is ASCII's, which the Latin face has: U+2010, the default, came small and raised from a CJK face. */
.hy {{ -weasy-lang: "{LATIN_HYPHENATION}"; hyphens: auto; hyphenate-character: "-"; }}
/* A compressed mark its face has no `halt` for, but a proportional form (`marks.proportional_marks`). */
.pc.pp {{ font-feature-settings: "palt" 1; }}
.footnote {{ float: footnote; footnote-policy: line; margin-top: 1.2mm; font-size: {note_pt:g}pt;
  line-height: {theme.notes.line_height:g}; color: {colors.text};
  text-indent: 0; text-align: start; font-style: normal; font-weight: normal; }}
::footnote-call {{ content: counter(footnote); font-size: 0.7em; vertical-align: super; line-height: 0;
  color: {colors.accent}; }}
::footnote-marker {{ content: counter(footnote) ". "; color: {colors.accent}; }}
.notice {{ break-inside: avoid; }}
"""
