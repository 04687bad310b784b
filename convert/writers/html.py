"""Semantic HTML5 for an article: the `html` edition, and the markup the PDF and EPUB writers build on.

The output is also well-formed XHTML (void elements closed, attributes quoted), so the EPUB writer
can package it as it is.
"""
from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from html import escape
from typing import Callable, Literal

from .. import model as m
from ..resources import Image, Placeholder
from ..resources.images import shown_tall
from ..scripts import (HAN_TEXT_RUN, LONG_UNBROKEN_RUN, WORD_JOINER, address_hyphens, detect_script, direction, is_east_asian,
                       is_latin_passage, is_wide, latin_marks, other_cjk_language, other_han_script, starts_cluster,
                       url_breaks)
from ..theme import Theme
from ..theme.css import LANG_SPAN, screen_css, screen_figure_ratio, screen_tall_ratio, vertical_css
from ..wording import BYLINE_SEPARATOR, byline, byline_text, credit_text, labels
from .base import EditionOptions, WriteContext, Writer, check_direction, figure_alternative, options_of
from .cjk import typeset, typesetting
from .columns import column_groups, table_part, table_widths

NoteStyle = Literal["end", "footnote", "epub"]


@dataclass(frozen=True)
class HtmlStyle:
    """How the shared markup differs per edition: where notes go, and how images are addressed."""

    notes: NoteStyle = "end"
    image_url: Callable[[Image], str] = lambda image: data_uri(image)
    piece_ratio: float = 0.0  # a long picture is cut into pieces this tall for their width (0: kept whole)
    table_measure_em: float = 0.0  # the measure in em of a table's text (0: the e-reader page's), `column_groups`
    tall_ratio: float = 0.0  # ... unless it is legible shown whole this tall (`images.shown_tall`)
    ruby: bool = True  # False: the edition cannot set ruby (WeasyPrint sets `<rt>` inline), readings in brackets
    # True: a word joiner holds an address's hyphen to what follows (`breakable`): the PDF, whose text drops
    # it; a browser's copy of the address would keep it
    hold_address_hyphens: bool = False


def data_uri(image: Image) -> str:
    return f"data:{image.media_type};base64," + base64.b64encode(image.data).decode("ascii")


def write_html(doc: m.Document, ctx: WriteContext) -> bytes:
    """The page; `edition="vertical"` sets it in columns read right to left, with the EPUB's rules."""
    options = options_of(ctx, EditionOptions)
    check_direction(doc, ctx, options)
    vertical = options.vertical
    body = typeset(article_html(doc, ctx, HtmlStyle(piece_ratio=screen_figure_ratio(ctx.theme),
                                                   tall_ratio=screen_tall_ratio(ctx.theme))),
                   typesetting(doc, ctx.theme, check_fonts=False, browser=True, vertical=vertical))
    css = screen_css(ctx.theme) + (vertical_css(ctx.theme) + _VERTICAL_SCREEN if vertical else "")
    return page_html(doc, body, css).encode("utf-8")


# The screen's column in vertical text: as high as the window, the page scrolled sideways.
_VERTICAL_SCREEN = "body { max-width: none; margin: 1em 2em; padding: 0; }\n"


def lang_attributes(lang: str) -> str:
    """` lang="…" xml:lang="…"`, and ` dir="rtl"` for a language written right to left: the attributes of
    every element that says which language its text is in."""
    tag = escape(lang)
    return f' lang="{tag}" xml:lang="{tag}"' + (' dir="rtl"' if direction(lang) == "rtl" else "")


def page_html(doc: m.Document, body: str, css: str, *, head_extra: str = "") -> str:
    """A complete HTML5 page around an article element."""
    meta = [f'<meta name="author" content="{escape(a)}" />' for a in doc.meta.responsible]
    if doc.meta.description:
        meta.append(f'<meta name="description" content="{escape(doc.meta.description)}" />')
    if doc.meta.keywords:
        meta.append(f'<meta name="keywords" content="{escape(", ".join(doc.meta.keywords))}" />')
    head = "\n".join(['<meta charset="utf-8" />',
                      '<meta name="viewport" content="width=device-width, initial-scale=1" />',
                      f"<title>{escape(doc.meta.title)}</title>", *meta,
                      *([f"<style>\n{css}\n</style>"] if css else []), head_extra])
    return f'<!DOCTYPE html>\n<html{lang_attributes(doc.meta.lang or "en")}>\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def article_html(doc: m.Document, ctx: WriteContext, style: HtmlStyle) -> str:
    """The `<article>` element: header with title and byline, the body, then end notes."""
    return _Renderer(doc, ctx, style).article()


class _Renderer:
    def __init__(self, doc: m.Document, ctx: WriteContext, style: HtmlStyle) -> None:
        self.doc = doc
        self.theme: Theme = ctx.theme
        self.ctx = ctx
        self.style = style
        self.lang = doc.meta.lang or "en"
        self.chinese = doc.is_chinese
        self.east_asian = is_east_asian(self.lang)
        self.in_latin_passage = False  # inside a paragraph tagged English (`latin_lang`)
        self.notes = {note.id: note for note in doc.footnotes}

    # ------------------------------------------------------------ document
    def article(self) -> str:
        parts = [f"<article{lang_attributes(self.lang)}>", self.header(),
                 '<div class="article-body">', self.blocks(self.doc.body), "</div>"]
        if self.style.notes != "footnote" and self.notes:
            parts.append(self.endnotes())
        parts.append("</article>")
        return "\n".join(p for p in parts if p)

    def header(self) -> str:
        meta = self.doc.meta
        parts = ['<header class="article-header">']
        if meta.kicker:
            parts.append(f'<p class="kicker">{self.text(meta.kicker)}</p>')
        if meta.title:
            parts.append(f'<h1 class="title">{self.text(meta.title)}</h1>')
        if meta.subtitle:
            parts.append(f'<p class="subtitle">{self.text(meta.subtitle)}</p>')
        items = []
        for part in byline(meta):
            plain = byline_text(part, self.lang)
            text = self.text(plain)
            if part.url:
                label = self.text(plain.removesuffix(part.value))
                text = f'{label}<a href="{escape(part.url)}">{self.text(part.value)}</a>'
            if part.kind == "date":
                text = f'<time datetime="{escape(meta.date)}">{text}</time>'
            items.append(f'<span class="byline-{part.kind}">{text}</span>')
        if items:
            parts.append('<p class="byline">' + f'<span class="byline-sep">{BYLINE_SEPARATOR}</span>'.join(items) + "</p>")
        parts.append("</header>")
        return "\n".join(parts)

    def endnotes(self) -> str:
        words = labels(self.lang)
        if self.style.notes == "epub":
            items = [f'<aside epub:type="footnote" role="doc-footnote" id="{note.id}" class="footnote">'
                     f'{self.note_body(note, backlink=True)}</aside>' for note in self.doc.footnotes]
            return '<section class="footnotes">\n' + "\n".join(items) + "\n</section>"
        items = [f'<li id="{note.id}">{self.note_body(note, backlink=True)}</li>' for note in self.doc.footnotes]
        return (f'<section class="footnotes" role="doc-endnotes" aria-label="{escape(words["notes"])}">\n'
                f'<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</section>")

    def note_body(self, note: m.Footnote, backlink: bool) -> str:
        html = self.blocks(note.content)
        if backlink:
            back = f' <a href="#fnref-{note.id}" class="footnote-back" role="doc-backlink">↩</a>'
            html = html[:-4] + back + "</p>" if html.endswith("</p>") else html + f"<p>{back}</p>"
        return html

    # ------------------------------------------------------------ blocks
    def blocks(self, blocks: tuple[m.Block, ...]) -> str:
        return "\n".join(self.block(b) for b in blocks)

    def block(self, block: m.Block) -> str:
        if isinstance(block, m.Paragraph):
            role = f' class="{block.role}"' if block.role else ""
            if latin := self.latin_lang(block.content):  # its marks are English already
                self.in_latin_passage = True
                try:
                    return f"<p{role}{latin}>{self.inlines(block.content)}</p>"
                finally:
                    self.in_latin_passage = False
            return f"<p{role}{self.script_lang(block.content)}>{self.inlines(block.content)}</p>"
        if isinstance(block, m.Heading):
            level = min(block.level, 6)
            ident = f' id="{escape(block.id)}"' if block.id else ""
            return f"<h{level}{ident}>{self.inlines(block.content)}</h{level}>"
        if isinstance(block, m.Figure):
            return self.figure(block)
        if isinstance(block, m.ListBlock):
            return self.list_block(block)
        if isinstance(block, m.Table):
            return self.table(block)
        if isinstance(block, m.BlockQuote):
            return f"<blockquote>\n{self.blocks(block.content)}\n</blockquote>"
        if isinstance(block, m.CodeBlock):
            cls = f' class="language-{escape(block.language)}"' if block.language else ""
            return f"<pre><code{cls}>{breakable(block.text)}</code></pre>"
        if isinstance(block, m.HorizontalRule):
            return "<hr />"
        if isinstance(block, m.Notice):
            return f'<div class="notice notice-{escape(block.kind)}" role="note"><p>{self.inlines(block.content)}</p></div>'
        return ""

    def figure(self, figure: m.Figure) -> str:
        caption_html = self.inlines(figure.caption)
        if figure.number:
            label, separator = self.theme.figure_label_parts(figure.number, self.lang)
            caption_html = f'<span class="figure-label">{self.text(label)}</span>' + (
                self.text(separator) + caption_html if caption_html else "")
        resolved = self.ctx.gate.pieces(figure.src, self.style.piece_ratio, self.style.tall_ratio)
        alt = figure_alternative(figure, self.theme, self.lang)
        kind = ""
        if isinstance(resolved, Placeholder):
            visual = self.placeholder(resolved)
        else:
            # a long picture's pieces: the first describes the whole, the others are decorative
            visual = "\n".join(f'<img src="{escape(self.style.image_url(piece))}" alt="{escape(alt if not index else "")}" '
                               f'width="{piece.width}" height="{piece.height}" />' for index, piece in enumerate(resolved))
            kind = (' class="long-picture"' if len(resolved) > 1 else ' class="tall-picture"'
                    if shown_tall(resolved[0], self.style.piece_ratio, self.style.tall_ratio) else "")
        ident = f' id="{escape(figure.id)}"' if figure.id else ""
        caption = f"<figcaption>{caption_html}</figcaption>" if caption_html else ""
        return f"<figure{ident}{kind}>\n{visual}\n{self.credit(figure)}{caption}\n</figure>"

    def credit(self, figure: m.Figure) -> str:
        """The credit on its own line under the picture, apart from the caption."""
        if not figure.credit:
            return ""
        shown = self.text(credit_text(figure.credit, self.lang))
        return f'<div class="credit-line"><span class="credit">{shown}</span></div>\n'

    def placeholder(self, placeholder: Placeholder) -> str:
        """The missing picture's box: a line saying so, and its address on a line of its own (blocks,
        so that the Chinese typesetting holds nothing together across them)."""
        words = labels(self.lang)
        return (f'<div class="image-placeholder" role="img" aria-label="{escape(words["placeholder"])}">'
                f'<div class="placeholder-title">{escape(words["placeholder"])}</div>'
                f'<div class="placeholder-src">{escape(placeholder.src)}</div></div>')

    def list_block(self, block: m.ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        start += ' class="task-list"' if m.is_task_list(block) else ""
        items = []
        for item in block.items:
            if len(item) == 1 and isinstance(item[0], m.Paragraph):
                items.append(f"<li>{self.inlines(item[0].content)}</li>")
            else:
                items.append(f"<li>{self.blocks(item)}</li>")
        return f"<{tag}{start}>\n" + "\n".join(items) + f"\n</{tag}>"

    def table(self, table: m.Table) -> str:
        groups = column_groups(table, self.theme, self.doc.is_chinese, self.style.table_measure_em)
        if groups:  # too wide for a page: a table per group of columns, each led by the rows' names
            return "\n".join(self._table(table_part(table, columns), continued=index > 0)
                             for index, columns in enumerate(groups))
        return self._table(table)

    def _table(self, table: m.Table, continued: bool = False) -> str:
        """A table; `continued`: the next group of a wide table's columns, labelled `表1（续）`."""
        ident = f' id="{escape(table.id)}"' if table.id and not continued else ""
        parts = [f"<table{ident}>"]
        caption = "" if continued else self.inlines(table.caption)
        if table.number:
            label, separator = self.theme.figure_label_parts(table.number, self.lang, "table")
            if continued:
                label = labels(self.lang)["continued"].format(label=label)
            caption = f'<span class="table-label">{self.text(label)}</span>' + (
                self.text(separator) + caption if caption else "")
        if caption:
            parts.append(f"<caption>{caption}</caption>")
        widths = table_widths(table, self.theme, self.doc.is_chinese, self.style.table_measure_em)
        if widths:
            parts.append("<colgroup>" + "".join(f'<col style="width: {w:g}%" />' for w in widths) + "</colgroup>")
        if table.header:
            parts.append("<thead>" + "".join(self.row(r, "th") for r in table.header) + "</thead>")
        parts.append("<tbody>" + "".join(self.row(r, "td") for r in table.body) + "</tbody>")
        parts.append("</table>")
        return "\n".join(parts)

    def row(self, row: tuple[m.TableCell, ...], tag: str) -> str:
        cells = []
        for cell in row:
            attrs = ""
            if cell.align:
                attrs += f' style="text-align: {cell.align}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if tag == "th":
                attrs += ' scope="col"'
            content = cell.content
            inner = (self.inlines(content[0].content) if len(content) == 1 and isinstance(content[0], m.Paragraph)
                     else self.blocks(content))
            cells.append(f"<{tag}{attrs}>{inner}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    # ------------------------------------------------------------ inlines
    def inlines(self, inlines: tuple[m.Inline, ...]) -> str:
        if not self.style.ruby:
            inlines = m.ruby_as_text(inlines)
        return "".join(self.inline(i) for i in inlines)

    def inline(self, node: m.Inline) -> str:
        if isinstance(node, m.Text):
            return self.text(node.text)
        if isinstance(node, m.Code):
            return f"<code>{breakable(node.text)}</code>"
        if isinstance(node, m.LineBreak):
            return "<br />"
        if isinstance(node, m.Link):
            title = f' title="{escape(node.title)}"' if node.title else ""
            return f'<a href="{escape(node.url)}"{title}>{self.inlines(node.content)}</a>'
        if isinstance(node, m.NoteRef):
            return self.note_ref(node)
        if isinstance(node, m.InlineImage):
            resolved = self.ctx.gate.image(node.src)
            if isinstance(resolved, Placeholder):
                return f'<span class="inline-placeholder">[{escape(node.alt or labels(self.lang)["placeholder"])}]</span>'
            return (f'<img class="inline" src="{escape(self.style.image_url(resolved))}" '
                    f'alt="{escape(node.alt)}" />')
        if isinstance(node, m.Ruby):  # the brackets for a reader whose browser sets no ruby
            open_mark, close_mark = ("（", "）") if any(is_wide(ch) for ch in m.plain_text(node.content)) else ("(", ")")
            return (f"<ruby>{self.inlines(node.content)}<rp>{open_mark}</rp><rt>{self.text(node.reading)}</rt>"
                    f"<rp>{close_mark}</rp></ruby>")
        tag = _INLINE_TAGS.get(type(node))
        if tag:
            return f"<{tag}>{self.inlines(node.content)}</{tag}>"  # type: ignore[union-attr]
        return ""

    def note_ref(self, ref: m.NoteRef) -> str:
        note = self.notes.get(ref.id)
        if self.style.notes == "footnote" and note is not None:
            inner = " ".join(self.inlines(m.block_inlines(b)) or escape(getattr(b, "text", ""))
                             for b in note.content)
            return f'<span class="footnote">{inner}</span>'
        if self.style.notes == "epub":
            return (f'<a epub:type="noteref" role="doc-noteref" href="#{ref.id}" id="fnref-{ref.id}" '
                    f'class="noteref">{ref.number}</a>')
        return (f'<sup><a href="#{ref.id}" id="fnref-{ref.id}" class="noteref" role="doc-noteref">'
                f"{ref.number}</a></sup>")

    def text(self, text: str) -> str:
        """Escaped text; Han runs in an article not in Chinese, Japanese or Korean get lang="zh-CN" (or
        zh-Hant where the article's Han text is Traditional) so fonts pick glyphs of that script. (Kanji
        in a Japanese article are Japanese: they keep the article's language, and its JP faces.) Such a
        span's class is `LANG_SPAN` (`theme.css.script_font_rules`). In a Chinese article, marks of
        Latin text (`don’t`) are tagged English the same way: its CJK faces come first and draw them
        full width."""
        if self.chinese and not self.in_latin_passage and (marks := latin_marks(text)):
            cuts = [0, *(edge for run in marks for edge in run), len(text)]
            return "".join(f'<span class="{LANG_SPAN}" lang="en">{text[start:end]}</span>' if index % 2
                           else breakable(text[start:end], self.style.hold_address_hyphens)
                           for index, (start, end) in enumerate(zip(cuts, cuts[1:])))
        escaped = breakable(text, self.style.hold_address_hyphens)
        if self.east_asian or not HAN_TEXT_RUN.search(escaped):
            return escaped
        lang = self.han_lang
        return HAN_TEXT_RUN.sub(lambda run: f'<span class="{LANG_SPAN}" lang="{lang}">{run.group(0)}</span>',
                                  escaped)

    def latin_lang(self, content: tuple[m.Inline, ...]) -> str:
        """` lang="en"` for a paragraph of a Chinese article written wholly in Latin script (an English
        passage quoted, `> "What is the point…"`): its quotation marks and apostrophes are then set in
        the Latin face, not as full-width CJK marks (`one’ s`). '' for any other paragraph."""
        return ' lang="en" xml:lang="en"' if self.chinese and is_latin_passage(m.plain_text(content)) else ""

    def script_lang(self, content: tuple[m.Inline, ...]) -> str:
        """` lang="zh-Hant"` for a paragraph of a Simplified article written in Traditional script (a quoted
        Taiwan source), ` lang="zh-CN"` for the converse: the paragraph is then set in its own script's
        faces, punctuation placed by its own standard (it took the article's SC faces, marks bottom-left).
        '' for any other paragraph, and for one too short for its characters to tell."""
        if not self.chinese:
            return ""
        if (other := other_cjk_language(text := m.plain_text(content))) is not None:
            return f' lang="{other}" xml:lang="{other}"'  # a Japanese or Korean quotation
        if (script := other_han_script(text, self.doc.meta.lang)) is None:
            return ""
        tag = "zh-Hant" if script == "hant" else "zh-CN"
        return f' lang="{tag}" xml:lang="{tag}"'

    @functools.cached_property
    def han_lang(self) -> str:
        """The tag of the Han runs of a non-Chinese article: the script its Han text is written in."""
        return "zh-Hant" if detect_script(m.visible_text(self.doc)) == "hant" else "zh-CN"


def _cluster_start(text: str, index: int) -> int:
    """`index`, or the next index where a character as readers see it starts (a cut must not fall before
    a combining mark or inside an emoji sequence)."""
    while index < len(text) and not starts_cluster(text, index):
        index += 1
    return index


def breakable(text: str, hold_hyphens: bool = False) -> str:
    """Escaped text with `<wbr />` where a web address may break (`scripts.url_breaks`: after `//`,
    before a slash or a period, ...), and every 20 characters of what is left longer than 40 without a
    break (a hash, a hostile 'word'): such runs must wrap, and WeasyPrint finding each break point
    itself takes seconds per thousand characters. `<wbr />` adds no character to the text.
    Breaking an address only every 20 characters cut it anywhere (`jincheng` / `bank`) and left the
    line before it short."""
    cuts = set(url_breaks(text))
    for run in LONG_UNBROKEN_RUN.finditer(text):
        piece = run.start()
        for index in range(run.start() + 1, run.end() + 1):
            if index in cuts or index == run.end():
                cuts.update(range(piece + 20, index, 20))
                piece = index
    if hold_hyphens and (hyphens := address_hyphens(text)):  # no break after an address's hyphen (`auto-` / `expo`)
        for index in reversed(hyphens):
            text = text[:index + 1] + WORD_JOINER + text[index + 1:]
        cuts = {cut + sum(1 for index in hyphens if index < cut) for cut in cuts}
    parts, last = [], 0
    for cut in sorted({_cluster_start(text, c) for c in cuts} - {len(text)}):
        parts.append(escape(text[last:cut], quote=False))
        last = cut
    parts.append(escape(text[last:], quote=False))
    return "<wbr />".join(parts)


_INLINE_TAGS = {m.Emphasis: "em", m.Strong: "strong", m.Strikeout: "s", m.Highlight: "mark",
                m.Superscript: "sup", m.Subscript: "sub"}


WRITER = Writer(name="html", suffix=".html", description="self-contained HTML5 page (images inlined)",
                write=write_html, options=EditionOptions)
