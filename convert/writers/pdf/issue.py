"""The print edition of a collection: a cover (masthead), the contents with page numbers, then every
article as the single-article PDF sets it, in one WeasyPrint document.

One document, not PDFs glued together, so the page numbers run through the issue and the contents
can ask WeasyPrint where each article landed (`target-counter()`). The running head is the article's
title, a running element in the article's own language (so its own script's faces and marks), left off
the page each article opens on (a named page group `article`, `:nth(1 of article)`). Bookmarks are two levels deep: each article's title, then its
sections (`h2`); the contents is a bookmark of its own.
"""
from __future__ import annotations

from dataclasses import replace
from html import escape

from ... import model as m
from ...dates import format_date
from ...errors import about
from ...theme import Theme
from ...theme.css import font_stacks, script_font_rules
from ...wording import labels, name_list
from ..base import IssueContext, options_of
from ..cjk import Typesetting, typeset, typesetting
from ..html import HtmlStyle, article_html, lang_attributes, page_html
from .css import RUNNING_HEADER, css_string, page_box, table_measure_em, title_clauses, title_width
from .metadata import metadata_tags

CONTENTS_ID = "contents"


def write_pdf_issue(collection: m.Collection, ictx: IssueContext) -> bytes:
    from . import PdfOptions, render_pdf, stylesheets
    from .css import print_css_parts
    from .justify import LineOptions
    from .fetch import GateFetcher
    from .weasy import import_weasyprint

    import_weasyprint()
    options = options_of(ictx, PdfOptions)
    theme = ictx.theme
    fetcher = GateFetcher()
    parts = [cover_html(collection, theme), contents_html(collection, theme)]
    compress = False
    widths: dict[str, float | None] = {}
    for index, (key, doc) in enumerate(zip(collection.keys, collection.articles)):
        ctx = ictx.article(index, collection)
        with about(ctx.source_name or doc.meta.title):
            held = title_clauses(doc, theme, options)  # each headline set as its own PDF sets it
            widths[key] = title_width(doc, theme, options, held)
            setting = replace(typesetting(doc, theme), clauses="held" if held else "")
            compress = compress or setting.compress
            body = typeset(article_html(doc, ctx, HtmlStyle(notes="footnote", ruby=False, hold_address_hyphens=True,
                                                            image_url=fetcher.url_for,
                                                            table_measure_em=table_measure_em(theme, options))), setting)
            head = typeset(running_head_html(doc), setting)
        parts.append(f'<div class="issue-article" id="{escape(key)}">\n{head}\n{body}\n</div>')
    issue = issue_document(collection)
    sheets = (*print_css_parts(issue, theme, options), issue_css(collection, theme, options, widths))
    css = "" if stylesheets.standalone(sheets) else "".join(sheets)  # else parsed as the articles' are
    page = page_html(issue, "\n".join(parts), css, head_extra=metadata_tags(issue, ictx.source_date_epoch))
    cjk = theme.cjk
    lines = LineOptions(compress=compress, opening_at_start=cjk.line_start_opening == "half",
                        heading_opening_at_start=cjk.heading_line_start_opening == "half",
                        max_stretch_em=cjk.max_stretch_em,
                        max_space_stretch_em=cjk.max_space_stretch_em)
    return render_pdf(page, fetcher, variant=options.pdf_variant, lines=lines, stylesheets=() if css else sheets)


def running_head_html(doc: m.Document) -> str:
    """The article's title as the running head of its pages, tagged with its language."""
    title = escape(m.shorten(doc.meta.title, 120), quote=False)
    return f'<div class="{RUNNING_HEADER}" aria-hidden="true"{lang_attributes(doc.meta.lang or "en")}>{title}</div>'


def issue_document(collection: m.Collection) -> m.Document:
    """The issue as the PDF's metadata sees it: its title, date and language, the publication as
    author, and the articles' titles as its description."""
    titles = "; ".join(doc.meta.title for doc in collection.articles)
    meta = collection.meta.with_(source_site=collection.publication,
                                 description=collection.meta.description or m.shorten(titles, 300))
    return m.Document(meta=meta)


def _setting(doc: m.Document, theme: Theme) -> Typesetting:
    """How the cover and the contents set a line in `doc`'s language: the Han/Latin gap and
    compressed marks as its pages have them (its article has already said if a face lacks `halt`)."""
    return typesetting(doc, theme, check_fonts=False)


def cover_html(collection: m.Collection, theme: Theme) -> str:
    """The masthead page: the publication, the issue's title, its date and how many articles it holds,
    set as the issue's language sets text (`2026 年 3 月 6 日`, as the articles' bylines)."""
    meta, lang = collection.meta, collection.meta.lang or "en"
    parts = ['<section class="issue-cover">']
    if collection.publication:
        parts.append(f'<p class="issue-publication">{escape(collection.publication)}</p>')
    parts.append(f'<h1 class="issue-title">{escape(meta.title)}</h1>')
    if meta.date:
        parts.append(f'<p class="issue-date"><time datetime="{escape(meta.date)}">'
                     f"{escape(format_date(meta.date, lang))}</time></p>")
    count = labels(lang)["article_count"].format(n=len(collection.articles))
    parts.append(f'<p class="issue-count">{escape(count)}</p>')
    parts.append("</section>")
    return typeset("\n".join(parts), _setting(issue_document(collection), theme))


def contents_html(collection: m.Collection, theme: Theme) -> str:
    """The contents: each article's title and byline, its page number filled in by WeasyPrint; each
    line set as its article's pages set its title."""
    lang = collection.meta.lang or "en"
    items = []
    for key, doc in zip(collection.keys, collection.articles):
        people = name_list(doc.meta.authors, doc.meta.lang) if doc.meta.authors else ""
        who = f' <span class="toc-byline">{escape(people)}</span>' if people else ""
        items.append(typeset(f'<li{lang_attributes(doc.meta.lang or lang)}><a href="#{escape(key)}">'
                             f'<span class="toc-title">{escape(m.shorten(doc.meta.title, 120))}</span>{who}</a></li>',
                             _setting(doc, theme)))
    return (f'<nav class="issue-contents" id="{CONTENTS_ID}" role="doc-toc">\n'
            f'<h2 class="contents-title">{escape(labels(lang)["contents"])}</h2>\n'
            "<ol>\n" + "\n".join(items) + "\n</ol>\n</nav>")


def issue_css(collection: m.Collection, theme: Theme, options: object,
              title_widths: dict[str, float | None] | None = None) -> str:
    """What the issue adds to the single article's print CSS (which comes first): with `title_widths`,
    each article's headline balanced as its own PDF's is (the print CSS balances the issue's title)."""
    page = page_box(theme, options)  # type: ignore[arg-type]
    fonts = font_stacks(theme, chinese=collection.is_chinese, lang=collection.meta.lang)
    colors = theme.colors
    new_page = theme.collection.article_start == "page"
    # Each article's words (and its line in the contents) in its own script's faces, whatever the
    # issue's language; after `.toc-title` below, which sets the issue's.
    scripts = script_font_rules(theme, headings=(".toc-title",))
    opening = ("@page article:nth(1 of article) { @top-center { content: none; border: none; } }"
               if new_page else "")
    headlines = "".join(f'.issue-article[id={css_string(key)}] h1.title {{ max-width: {f"{width:g}pt" if width else "none"}; }}\n'
                        for key, width in (title_widths or {}).items())
    return f"""
/* The running head: the title of the article on the page (the one opening there, else the last). */
@page {{ @top-center {{ content: element({RUNNING_HEADER}, {'first-except' if new_page else 'first'}); }} }}
@page :first {{ @bottom-center {{ content: none; }} }}
@page contents {{ @top-center {{ content: none; border: none; }} }}
{opening}
.issue-cover {{ height: {page.content_height_mm * 0.92:.1f}mm; display: flex; flex-direction: column;
  justify-content: center; text-align: center; break-after: page; }}
.issue-publication {{ font-family: {fonts['headings']}; font-size: 1.6em; font-weight: {theme.headings.weight};
  letter-spacing: 0.08em; color: {colors.accent}; text-indent: 0; text-align: center; margin: 0 0 1.2em;
  padding: 0.4em 0; border-top: 2pt solid {colors.accent}; border-bottom: 2pt solid {colors.accent}; }}
h1.issue-title {{ bookmark-level: none; font-family: {fonts['headings']}; font-size: {theme.headings.scale[0] * 1.4:g}em;
  font-weight: {theme.headings.weight}; line-height: {theme.headings.title_line_height:g}; color: {colors.heading};
  margin: 0 0 0.8em; text-align: center; }}
.issue-date, .issue-count {{ text-indent: 0; text-align: center; color: {colors.muted}; margin: 0.3em 0; }}
.issue-contents {{ page: contents; break-after: page; }}
h2.contents-title {{ bookmark-level: 1; bookmark-label: content(text); font-family: {fonts['headings']};
  font-size: {theme.headings.scale[1]:g}em; color: {colors.heading}; margin: 0 0 1em; }}
.issue-contents ol {{ list-style: none; margin: 0; padding: 0; }}
.issue-contents li {{ margin: 0 0 0.7em; text-indent: 0; }}
.issue-contents a {{ color: {colors.text}; text-decoration: none; display: block; }}
.issue-contents a::after {{ content: leader(dotted) " " target-counter(attr(href url), page);
  color: {colors.text}; }}
.toc-title {{ font-family: {fonts['headings']}; }}
.toc-byline {{ color: {colors.muted}; font-size: 0.85em; }}
.toc-byline::before {{ content: {css_string(" · ")}; }}
.issue-article {{ page: article; {'break-before: page;' if new_page else ''} }}
{'' if new_page else f'.issue-article + .issue-article {{ margin-top: 2.5em; padding-top: 1.5em; border-top: 1pt solid {colors.rule}; }}'}
/* Bookmarks two levels deep: the article, then its sections. */
.article-body h3, .article-body h4, .article-body h5, .article-body h6 {{ bookmark-level: none; }}
""" + headlines + scripts
