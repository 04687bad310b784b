"""The article's header and body as WordprocessingML paragraphs, tables and footnote references.

Each block gets the Word style that says what it is (Body Text, Heading n, Quote, List Number, ...);
direct formatting is kept to what a style cannot hold (list numbering ids, cell alignment).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import count
from typing import Callable, Iterable

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn

from ... import model as m
from ...resources import ResourceGate
from ...scripts import (clause_line_cost, compressed_marks, direction, heading_clauses, is_cjk_family, is_latin_passage,
                         joined_numbers, other_cjk_language, other_han_script, set_width_em)
from ...wording import BYLINE_SEPARATOR, byline, byline_text
from .figures import Figures
from .lists import Numbering
from .runs import TextRuns
from .notes import Footnotes, reference_run
from .styles import LIST_STYLE_LEVELS, Tokens
from ..columns import column_groups, table_part, table_text_em, table_widths
from .tables import table_rows
from .ooxml import (Element, append, attrs, bookmark, bookmark_name, clean, el, half_points, run_properties, shading, size,
                       spacing, text_runs, twips)


@dataclass(frozen=True)
class Scope:
    """Where blocks are being written: the part their relationships belong to, and the paragraph style
    a plain paragraph takes there."""

    part: Part
    style: str = "BodyText"
    level: int = -1  # list nesting depth
    in_note: bool = False
    heading: bool = False  # inside a heading, whose emphasis takes the stack the headings are not set in


def _compressed_width(text: str) -> float:
    """`set_width_em` less the half em of each mark an adjacent one compresses (`scripts.compressed_marks`:
    `｜“`, `”，`), as Word and LibreOffice compress them (`characterSpacingControl`)."""
    return set_width_em(text) - 0.5 * len(compressed_marks(text))


@dataclass(frozen=True)
class Format:
    """Inline formatting in effect for a run."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    shade: str = ""  # a background colour (marked text)
    position: str = ""  # superscript | subscript
    code: bool = False
    link: bool = False
    latin_face: str = ""  # an English passage in a Chinese article: its Latin face, and language en-US
    emphasis_face: str = ""  # emphasis in Chinese text: upright, in the theme's other stack (`Fonts.emphasis`)
    han_face: str = ""  # a paragraph in the other Han script (a Traditional quote in a Simplified article): its face
    han_lang: str = ""  # ... and its language, `zh-TW` or `zh-CN`

    def rpr(self) -> Element | None:
        style = "Hyperlink" if self.link else "VerbatimChar" if self.code else None
        face = "" if self.code else self.latin_face
        emphasis = "" if self.code else self.emphasis_face
        fonts = ({"ascii": face or emphasis, "hAnsi": face or emphasis, "cs": face or emphasis}
                 | ({"eastAsia": emphasis} if emphasis else {})) if face or emphasis else {}
        if self.han_face and not emphasis:
            fonts["eastAsia"] = self.han_face
        return run_properties(el("w:rStyle", val=style) if style else None,
                              el("w:rFonts", **fonts) if fonts else None,
                              *((el("w:b"), el("w:bCs")) if self.bold else ()),
                              *((el("w:i"), el("w:iCs")) if self.italic else ()),
                              el("w:strike") if self.strike else None,
                              shading(self.shade) if self.shade else None,
                              el("w:vertAlign", val=self.position) if self.position else None,
                              el("w:lang", val="en-US") if face else
                              el("w:lang", eastAsia=self.han_lang) if self.han_lang else None)


class BodyWriter:
    def __init__(self, doc: m.Document, gate: ResourceGate, word: WordDocument, tokens: Tokens,
                 numbering: Numbering, notes: Footnotes, text_width_emu: int, *, title_style: str = "Title",
                 heading_shift: int = 0, text: TextRuns | None = None) -> None:
        """`title_style` sets the article's title; `heading_shift` moves its headings down as many
        Word levels (an edition of many articles: the title is Heading 1, its sections Heading 2...);
        `text` makes the runs of the body's text (default: `TextRuns`; the vertical edition's also sets short
        numbers upright)."""
        self.text = text or TextRuns(chinese=doc.is_chinese)
        self.doc, self.word, self.tokens = doc, word, tokens
        self.title_style, self.heading_shift = title_style, heading_shift
        self.lang = doc.meta.lang or "en"
        self.numbering = numbering
        self.notes = notes
        self.bookmark_ids = count(1)
        self.bookmark_names: dict[str, str] = {}  # element id -> its distinct Word bookmark name
        self.placed: set[str] = set()
        self.figures = Figures(word, gate, tokens.theme, self.lang, text_width_emu)
        self.text_width_twips = round(text_width_emu / 635)

    # ------------------------------------------------------------ document
    def write(self) -> None:
        """Fill the document body (before its section properties) and the footnotes part."""
        section = self.word.element.body.find(qn("w:sectPr"))
        for element in self.elements():
            section.addprevious(element)
        self.write_notes()

    def elements(self) -> list[Element]:
        """The article's header and body as body-level elements, in order."""
        root = Scope(self.word.part)
        elements = [*self.header(root), *self.blocks(self.doc.body, root)]
        table = self.tokens.theme.table
        below_table = self.tokens.em(table.space_em, self.tokens.text_size(table.size_em))  # em of the table's text
        previous = None
        out = []
        for element in _separate_tables(elements):
            if previous is not None and previous.tag == qn("w:tbl") and not _styled(element, "TableNote"):
                _space(element, before=below_table)  # a table's margin below, as in the PDF edition
            out.append(element)
            previous = element
        return out

    def write_notes(self) -> None:
        """The notes referenced so far, into the footnotes part."""
        self.notes.write(lambda blocks, part: self.blocks(blocks, Scope(part, style="FootnoteText", in_note=True)))

    def header(self, scope: Scope) -> list[Element]:
        meta = self.doc.meta
        out = []
        if meta.kicker:
            out.append(self.paragraph("Kicker", (m.Text(meta.kicker),), scope))
        if meta.title:
            out.append(self.paragraph(self.title_style, self.title_lines(meta.title), replace(scope, style=self.title_style)))
        if meta.subtitle:
            out.append(self.paragraph("Subtitle", (m.Text(meta.subtitle),), scope))
        items: list[Element] = []
        for part in byline(meta):
            if items:
                items += text_runs(BYLINE_SEPARATOR)
            text = byline_text(part, self.lang)
            if part.url:
                items += text_runs(text.removesuffix(part.value))
                items.append(self.hyperlink(part.url, text_runs(part.value), scope))  # muted, like the byline
            else:
                items += self.text(self.joined(text), None)
        if items:
            out.append(el("w:p", el("w:pPr", el("w:pStyle", val="Byline")), *items))
        return out

    # ------------------------------------------------------------ blocks
    def blocks(self, blocks: Iterable[m.Block], scope: Scope) -> list[Element]:
        return [element for block in blocks for element in self.block(block, scope)]

    def block(self, block: m.Block, scope: Scope) -> list[Element]:
        if isinstance(block, m.Paragraph):
            if self.doc.is_chinese and is_latin_passage(m.plain_text(block.content)):
                return [self.paragraph(scope.style, block.content, scope, fmt=Format(latin_face=self.latin_face))]
            if block.role == "table-note":
                return [self.paragraph("TableNote", block.content, scope)]
            if not block.role and (other := self.other_script(block.content)):
                return [self.paragraph(scope.style, block.content, scope, fmt=other)]
            if block.role:  # a notice's addressees, unindented; its issuer and date, flush right (`enrich.letters`);
                # a line the page set centred or flush right
                justify = {"signoff": "right", "flush-end": "right", "centered": "center"}.get(block.role)
                return [self.paragraph(scope.style, block.content, scope,
                                       *([el("w:jc", val=justify)] if justify else []),
                                       el("w:ind", firstLine=0, firstLineChars=0))]
            return [self.paragraph(scope.style, block.content, scope)]
        if isinstance(block, m.Heading):
            paragraph = self.paragraph(f"Heading{min(max(block.level - 1 + self.heading_shift, 1), 6)}",
                                       block.content, replace(scope, heading=True))
            self.mark(paragraph, block.id)
            return [paragraph]
        if isinstance(block, m.Figure):
            elements = self.figures.figure(block, self.inlines(block.caption, scope), self.linker(scope),
                                           in_body=scope.part is self.word.part)
            self.mark(elements[0], block.id)
            return elements
        if isinstance(block, m.ListBlock):
            return self.list_block(block, scope)
        if isinstance(block, m.Table):
            return self.table(block, scope)
        if isinstance(block, m.BlockQuote):
            quoted = self.blocks(block.content, replace(scope, style="Quote"))
            if quoted:  # the quote's margins above and below, as in the PDF edition
                space = self.tokens.em(self.tokens.theme.quote.space_em)
                _space(quoted[0], before=space)
                _space(quoted[-1], after=space)
            return quoted
        if isinstance(block, m.CodeBlock):
            return [el("w:p", el("w:pPr", el("w:pStyle", val="SourceCode")), *text_runs(block.text))]
        if isinstance(block, m.HorizontalRule):
            return [el("w:p", el("w:pPr", el("w:pStyle", val="HorizontalRule")))]
        if isinstance(block, m.Notice):
            return [self.paragraph("EditorNote" if block.kind == "editor-note" else "Notice", block.content, scope)]
        return []  # footnote definitions are written into the footnotes part

    def paragraph(self, style: str, inlines: tuple[m.Inline, ...], scope: Scope,
                  *properties: Element, fmt: Format = Format()) -> Element:
        return el("w:p", el("w:pPr", el("w:pStyle", val=style), *properties), *self.inlines(inlines, scope, fmt))

    def joined(self, text: str, words: bool = False, title: bool = False) -> str:
        """Chinese text with its numbers kept with their units (Word and LibreOffice break its lines,
        `joined_numbers`) and the Han/Latin gap on both sides of them (a no-break space where a joiner
        stops Word's own gap); with `words` (a table's heading, in a narrow column), its words too;
        with `title`, the title's clauses (`title_clauses`). The vertical edition has no gap: its short
        numbers stand upright in the column, as wide as a character, with none beside them. A theme may
        ask for none of it (`cjk.docx_joiners = false`): the text is then as the article has it."""
        if not self.doc.is_chinese or not self.tokens.theme.cjk.docx_joiners:
            return text
        spaced = self.tokens.theme.text.script_gap_em > 0 and not self.text.upright
        return joined_numbers(text, words=words, gap="\u00a0" if spaced else "",
                              held=self.title_clauses(text) if title else [])

    def title_lines(self, text: str) -> tuple[m.Inline, ...]:
        """The title, broken between its held clauses where it takes more than one line (`…增长12.3%` /
        `新能源业务收入首破千亿`), as the PDF and the EPUB break it: LibreOffice breaks a line between Han
        characters held by joiners (`…收入首` / `破千亿`)."""
        spans = self.title_clauses(text) if self.doc.is_chinese else []
        measure = self.title_line_em + 1  # the whole line: a title that may just fit is left to fit
        if not spans or _compressed_width(text) <= measure:
            return (m.Text(text),)
        lines: list[list[tuple[int, int]]] = [[]]
        width = 0.0
        for start, end in spans:
            clause = _compressed_width(text[start:end])
            if lines[-1] and width + clause > measure:
                lines.append([])
                width = 0.0
            lines[-1].append((start, end))
            width += clause
        out: list[m.Inline] = []
        for clauses in lines:
            out += [m.LineBreak()] * bool(out) + [m.Text(text[clauses[0][0]:clauses[-1][1]])]
        return tuple(out)

    @property
    def title_line_em(self) -> float:
        """The title's line in ems of its size, an em to spare."""
        theme = self.tokens.theme
        return self.text_width_twips / 20 / (theme.headings.scale[0] * theme.text.size_pt) - 1

    def title_clauses(self, text: str) -> list[tuple[int, int]]:
        """The clauses of a title (`scripts.heading_clauses`) that Word and LibreOffice are to keep on one
        line each, so that it breaks between them (`九巴申請加價4.8%` / `運輸及物流局：…`): when each fits
        the line (widths by `set_width_em`, with an em to spare) and held they take no more lines."""
        line_em = self.title_line_em
        spans = [(start, start + len(text[start:end].rstrip())) for start, end in heading_clauses(text)]
        if not spans or any(set_width_em(text[start:end]) > line_em for start, end in spans) or \
                clause_line_cost(text, spans, line_em, line_em) > 0:
            return []
        return spans

    @property
    def emphasis_face(self) -> str:
        """The face of emphasis in Chinese text: the first of the theme's other stack (`Fonts.emphasis`)."""
        return self.tokens.theme.stack("emphasis", self.lang)[0]

    @property
    def heading_emphasis_face(self) -> str:
        """... in a heading: the first of the stack the headings are not set in."""
        return self.tokens.theme.stack("heading_emphasis", self.lang)[0]

    def other_script(self, content: tuple[m.Inline, ...]) -> Format | None:
        """The format of a paragraph of a Chinese article written in the other Han script (`html.script_lang`):
        its script's face and language."""
        if not self.doc.is_chinese:
            return None
        if (tag := other_cjk_language(text := m.plain_text(content))) is None:  # (a Japanese or Korean quotation)
            if (script := other_han_script(text, self.lang)) is None:
                return None
            tag = "zh-TW" if script == "hant" else "zh-CN"
        stack = self.tokens.theme.stack("body", tag)
        return Format(han_face=next((name for name in stack if is_cjk_family(name)), stack[0]), han_lang=tag)

    @property
    def latin_face(self) -> str:
        """The body's first Latin face: Word and LibreOffice set “ ’ of a CJK face full width in English."""
        stack = self.tokens.theme.stack("body", self.lang)
        return next((name for name in stack if not is_cjk_family(name)), stack[0])

    def mark(self, paragraph: Element, identifier: str) -> None:
        if identifier and identifier not in self.placed:  # a link may have named it before
            self.placed.add(identifier)
            bookmark(paragraph, self.bookmark(identifier), next(self.bookmark_ids))

    def bookmark(self, identifier: str) -> str:
        """The bookmark name of an element id; names shortened or simplified into one get a number."""
        if identifier not in self.bookmark_names:
            base = name = bookmark_name(identifier)
            taken = set(self.bookmark_names.values())
            for n in count(2):
                if name not in taken:
                    break
                name = f"{base[:36]}_{n}"
            self.bookmark_names[identifier] = name
        return self.bookmark_names[identifier]

    def list_block(self, block: m.ListBlock, scope: Scope) -> list[Element]:
        if not block.items:  # `<ul></ul>` in an HTML article: nothing to show
            return []
        level = min(scope.level + 1, 8)
        tasks = m.is_task_list(block)  # the boxes stand where the bullets would: the items are indented, unbulleted
        num_id = 0 if tasks else self.numbering.new_list(block.ordered, block.start)
        suffix = str(min(level, LIST_STYLE_LEVELS - 1) + 1) if level else ""
        item_style = f"List{'Continue' if tasks else 'Number' if block.ordered else 'Bullet'}{suffix}"
        inner = replace(scope, style=f"ListContinue{suffix}", level=level)
        out: list[Element] = []
        for item in block.items:
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], m.Paragraph) else (None, item)
            number = [] if tasks else [el("w:numPr", el("w:ilvl", val=level), el("w:numId", val=num_id))]
            out.append(self.paragraph(item_style, first.content if first else (), scope, *number))
            out += self.blocks(rest, inner)
        if level == 0:  # the list's own margins above and below, as in the PDF edition
            lists = self.tokens.theme.lists
            _space(out[0], before=self.tokens.em(lists.space_before_em))
            _space(out[-1], after=self.tokens.em(lists.space_after_em))
        return out

    def table(self, table: m.Table, scope: Scope) -> list[Element]:
        theme = self.tokens.theme
        groups = column_groups(table, theme, self.doc.is_chinese,
                               table_text_em(self.text_width_twips / 20, theme.text.size_pt, theme))
        if groups:  # too wide for a page: a table per group of columns, each led by the rows' names
            return [part for index, columns in enumerate(groups)
                    for part in self._table(table_part(table, columns), scope, continued=index > 0)]
        return self._table(table, scope)

    def _table(self, table: m.Table, scope: Scope, continued: bool = False) -> list[Element]:
        out = []
        caption = self.figures.table_caption(table, [] if continued else self.inlines(table.caption, scope),
                                             continued=continued)
        if caption is not None:
            if not continued:
                self.mark(caption, table.id)
            out.append(caption)
        cell_scope = replace(scope, level=-1)
        widths = table_widths(table, self.tokens.theme, self.doc.is_chinese)
        out.append(table_rows(table, self.text_width_twips,
                              lambda blocks, header: self.blocks(
                                  blocks, replace(cell_scope, style="TableHeading" if header else "TableContents")),
                              widths, rtl=direction(self.doc.meta.lang) == "rtl"))
        return out

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes: Iterable[m.Inline], scope: Scope, fmt: Format = Format()) -> list[Element]:
        out: list[Element] = []
        for node in nodes:
            out += self.inline(node, scope, fmt)
        return out

    def inline(self, node: m.Inline, scope: Scope, fmt: Format) -> list[Element]:
        if isinstance(node, m.Text):
            return self.text(self.joined(node.text, words=scope.style == "TableHeading",
                                         title=scope.style == self.title_style), fmt.rpr())
        if isinstance(node, m.Code):
            return text_runs(node.text, replace(fmt, code=True).rpr())
        if isinstance(node, m.LineBreak):
            return [el("w:r", el("w:br"))]
        if isinstance(node, m.Link):
            if fmt.link:  # Word has no link inside a link
                return self.inlines(node.content, scope, fmt)
            return [self.hyperlink(node.url, self.inlines(node.content, scope, replace(fmt, link=True)), scope,
                                   node.title)]
        if isinstance(node, m.NoteRef):
            word_id = None if scope.in_note else self.notes.reference(node.id)
            if word_id is None:
                return text_runs(str(node.number), replace(fmt, position="superscript").rpr())
            return [reference_run(word_id)]
        if isinstance(node, m.InlineImage):
            return self.figures.inline_image(node, in_body=scope.part is self.word.part)
        if isinstance(node, m.Ruby):
            return [ruby_run(self.inlines(node.content, scope, fmt), node.reading, self.tokens.theme.text.size_pt,
                             self.lang)]
        face = self.heading_emphasis_face if scope.heading else self.emphasis_face
        emphasis = {"emphasis_face": face} if self.doc.is_chinese and not fmt.latin_face else {"italic": True}
        wrapped = {m.Emphasis: emphasis, m.Strong: {"bold": True}, m.Strikeout: {"strike": True},
                   m.Highlight: {"shade": self.tokens.theme.colors.highlight},
                   m.Superscript: {"position": "superscript"}, m.Subscript: {"position": "subscript"}}
        changes = wrapped.get(type(node))
        if changes is None:
            return []
        return self.inlines(node.content, scope, replace(fmt, **changes))  # type: ignore[union-attr, arg-type]

    def linker(self, scope: Scope) -> Callable[[str, list[Element]], Element]:
        return lambda url, runs: self.hyperlink(url, runs, scope)

    def hyperlink(self, url: str, runs: list[Element], scope: Scope, title: str = "") -> Element:
        """A real Word hyperlink: an external relationship, or a bookmark anchor for `#id`."""
        url = clean(url.strip())
        link = el("w:hyperlink", *runs, tooltip=title or None, history=1)
        if url.startswith("#"):
            link.set(qn("w:anchor"), self.bookmark(url[1:]))
        elif url:
            attrs(link, r_id=scope.part.relate_to(url, RT.HYPERLINK, is_external=True))
        return link


def _styled(paragraph: Element, style: str) -> bool:
    found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return found is not None and found.get(qn("w:val")) == style


def _space(paragraph: Element, *, before: float | None = None, after: float | None = None) -> None:
    """Direct space before or after one paragraph (the style's value stays for the other side)."""
    properties = paragraph.find(qn("w:pPr"))
    if paragraph.tag != qn("w:p") or properties is None:
        return
    existing = properties.find(qn("w:spacing"))
    if existing is None:
        append(properties, [spacing(before=before, after=after)])
        return
    for name, value in (("before", before), ("after", after)):
        if value is not None:
            existing.set(qn(f"w:{name}"), str(twips(value)))


def _separate_tables(elements: list[Element]) -> list[Element]:
    """Word merges adjacent tables and wants a paragraph after the last one: put empty paragraphs there."""
    out: list[Element] = []
    for element in elements:
        if out and out[-1].tag == qn("w:tbl") and element.tag == qn("w:tbl"):
            out.append(el("w:p"))
        out.append(element)
    if out and out[-1].tag == qn("w:tbl"):
        out.append(el("w:p"))
    return out


def ruby_run(base: list[Element], reading: str, size_pt: float, lang: str) -> Element:
    """Word's ruby (its phonetic guide): `reading` set over the runs of `base`, at half the text's size."""
    reading_pt = size_pt / 2
    return el("w:r", el("w:ruby",
                        el("w:rubyPr", el("w:rubyAlign", val="center"), el("w:hps", val=half_points(reading_pt)),
                           el("w:hpsRaise", val=half_points(size_pt)), el("w:hpsBaseText", val=half_points(size_pt)),
                           el("w:lid", val=lang)),
                        el("w:rt", *text_runs(reading, run_properties(*size(reading_pt)))),
                        el("w:rubyBase", *base)))

