"""Chinese typesetting in the shared article markup, for every HTML-based edition (PDF, EPUB, HTML page).

The decisions are `scripts`' (pure functions of a block's text); this module finds each block's text
in the markup, asks them, and marks the answer up:

- a ¼ em gap where Han meets Latin script: the Latin character at the boundary in a span `sg-l`,
  `sg-r` or `sg-lr` (CSS gives it a margin on its Han side); for a browser, an empty span `sg` whose
  space CSS generates (`::before`, set to the gap's width), where a line may break and which the
  browser hangs at a line's end; generated, it is no part of the text (copied, searched, read back);
- compressed punctuation: a mark set half width in a span `pc` (CSS: the font's `halt` feature);
- in vertical text, a short number set upright in one cell (tate-chu-yoko) in a span `tcy`
  (CSS: `text-combine-upright`), with no Han/Latin gap around it;
- groups no line may break inside (a number with its unit, a block's last two characters, a
  heading's or a table cell's words) in a span `nobr` (`white-space: nowrap`). A group that crosses the edge of an
  inline element it cannot enclose (`<b>…企</b>业`) is held together with U+2060 WORD JOINER at that
  edge instead, which no edition shows and PDF text extraction drops.

A block is the text between block-level tags (`<p>`, `<h2>`, `<td>`, `<br />`, ...); a footnote's
text inside a paragraph is a block of its own. Code, `<sup>`/`<sub>` and images stand for one object
character in their block: nothing is marked up in them and no group reaches across them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

from .. import model as m
from ..errors import warn
from ..resources.fonts import layout_features, stack_font
from ..scripts import HANGUL, han_standard, is_cjk_family, is_cjk_language, primary_language
from ..theme import Theme
from ..scripts import (CJK_LETTER, CLOSING_MARKS, CLOSING_PUNCTUATION, OPENING_MARKS, OPENING_PUNCTUATION,
                       WORD_JOINER, ZERO_WIDTH_SPACE, compressed_marks, gap_bindings, gap_positions, gap_sides,
                       heading_clauses, heading_words, hyphenatable_words, interpunct_bindings, keep_together, mark_kind, number_parts, quote_breaks, quoted_phrase_edges,
                       range_breaks, clause_line_cost,
                       unit_head, upright_numbers)

_OBJECT = "\ufffc"
GAP_SPACE = '<span class="sg"></span>'
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
_OPAQUE = {"pre", "code", "kbd", "samp", "script", "style", "title", "head", "svg", "math", "sup", "sub"}
_INLINE = {"a", "span", "em", "strong", "b", "i", "s", "u", "time", "abbr", "cite", "q", "small", "mark", "del",
           "ins", "bdi", "bdo", "dfn", "var", "wbr"}
_OBJECTS = {"img", "input", "object", "iframe", "video", "audio", "canvas"}
_DIGIT = re.compile(r"[0-9０-９]")
_FURNITURE = 'class="running-header"'  # `pdf.css.RUNNING_HEADER`
_HANGUL = re.compile(f"[{HANGUL}]")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Blocks that break between words, never inside one (`创新实` / `践者`, `核心一级资` / `本充足率`): headings,
# and table cells, which are set ragged and narrow.
_PHRASED = _HEADINGS | {"th", "td"}
_INVISIBLE = WORD_JOINER + ZERO_WIDTH_SPACE  # not counted as letters or marks (`refit` does not count them)
_VOID = {"br", "hr", "meta", "link", "col", "area", "base", "source", "track", "embed", "param"}


@dataclass(frozen=True)
class Typesetting:
    """What to mark up: Han/Latin gaps, compressed punctuation (only where the fonts have `halt`),
    unbreakable groups, and in vertical text the numbers of at most `upright` digits set upright."""

    gaps: bool = True
    compress: bool = True
    # Taiwan's and Hong Kong's faces centre `，。、；：？！`: next to a bracket, the bracket gives up the
    # half em (`scripts.compressed_marks`).
    centred: bool = False
    keep: bool = True
    # An opening mark that starts a block (its first line) set half width in a heading (`trim_headings`)
    # or in any other block (`trim_blocks`): the theme's `line_start_opening`s. The PDF's layout hook trims
    # the marks that start a later line; a browser, with `text-spacing-trim`.
    trim_headings: bool = False
    trim_blocks: bool = False
    bind_gaps: bool = False  # no line break at a gap: for layouts that cannot drop one at a line's edge
    # The gap as a generated space (`sg`) rather than a margin: a browser breaks a line after it and
    # hangs it at the line's end, as it cannot drop a margin there, so no Han/Latin boundary is bound.
    gap_spaces: bool = False
    latin_units: bool = False  # Chinese text: a Latin word after a number and a space is its unit (`−0.07 pct`)
    # A browser, which cannot refit a line, keeps a number only with the head of its unit (`scripts.unit_head`:
    # `9000多亿` of `9000多亿元`, `1.8亿` of `1.8亿吨`): a longer group that cannot fit at a line's end
    # leaves the line before it letter-spaced; the rest of the unit may start the next line.
    unit_heads: bool = False
    upright: int = 0  # vertical text: the longest number set upright in one cell (0: none)
    # Refitting lines (the PDF, `pdf.refit`): each kept group is numbered in document order, from 0; with
    # `keep_ids` its `nobr` span says its number (`data-keep`). A group in `soft` keeps its numbers whole
    # but lets the line break before their units; `squeeze` lists, per group, the marks before it to set
    # half width (how many letters and marks, spaces and joiners not counted, stand between each mark
    # and the group: 0 for the one right before it; -1 for the group's first character, -2 for the
    # next, and so on), so that the group fits on the line before.
    keep_ids: bool = False
    soft: frozenset[int] = frozenset()
    squeeze: tuple[tuple[int, tuple[int, ...]], ...] = ()
    # With `keep_ids`, each block-level element says its number too (`data-cjk`), so that a line may be
    # refitted before any character: `squeeze_at` lists marks to set half width, as `squeeze` does, before
    # the character that is the n-th letter or mark of element e's own text (spaces, joiners and
    # footnotes not counted; an object counts one): ((e, n), distances).
    squeeze_at: tuple[tuple[tuple[int, int], tuple[int, ...]], ...] = ()
    # A layout that breaks lines by UAX #14 alone (Pango: the PDF) never breaks next to a curly quote;
    # with `break_hints` a U+200B ZERO WIDTH SPACE lets it where Chinese text may (`scripts.quote_breaks`);
    # in headings, which `pdf.balance` evens out as Pango breaks them, only at the edges of a short quoted
    # phrase glued to the words around it (`scripts.quoted_phrase_edges`), which is held whole.
    break_hints: bool = False
    # English words in Chinese text in a span `hy`, which the PDF's CSS gives a language to hyphenate
    # them in (`scripts.hyphenatable_words`); a browser's `hyphens` follows the element's own language.
    hyphenate: bool = False
    # Korean breaks lines at its spaces, never between the syllables of a word (CSS `word-break: keep-all`,
    # which WeasyPrint 70 ignores): with `word_joins`, a U+2060 WORD JOINER between the letters of each
    # word that holds Hangul (`계획이라고`), which Pango honours (UAX #14 LB11).
    word_joins: bool = False
    # A headline (`<h1>`) of clauses (`scripts.heading_clauses`) has each clause in a span `clause`:
    # "held", the PDF's, which holds each on one line (`white-space: nowrap`) when `pdf.balance.holds_clauses`
    # measured that each fits and costs no line; "browser", where a clause is an inline block, which
    # breaks inside only when wider than the line, when that costs at most one line at any width
    # (`scripts.clause_line_cost`: a headline may take a line more to break where its writer marked a
    # phrase, never two); "": none.
    clauses: str = ""


def typesetting(doc: m.Document, theme: Theme, *, check_fonts: bool = True, browser: bool = False,
                vertical: bool = False) -> Typesetting:
    """The typesetting of an article: punctuation is compressed in Chinese and Japanese articles (JIS X
    4051 compresses adjacent marks as clreq does) when the theme asks for it and (`check_fonts`, for
    editions whose fonts are this machine's) the CJK faces that set the text, in the article's regional
    forms, have the `halt` feature; where one has not, the article is warned once and its marks left
    full width. A `browser` lays the text out itself (EPUB, HTML page): CSS cannot drop a gap's margin
    at a line's edge as the PDF's layout hook does: in horizontal text the gap is a space it hangs
    there, in vertical text no line breaks at a gap. `vertical`: the text is set in vertical columns,
    its short numbers upright as the theme asks."""
    cjk_text = is_cjk_language(doc.meta.lang)
    compress = cjk_text and theme.cjk.compress_punctuation
    if compress and check_fonts:
        lacking = faces_without_feature(theme, "halt", doc.meta.lang)
        if lacking:
            warn(f"punctuation not compressed: the font {', '.join(lacking)} has no 'halt' feature "
                 "(adjacent marks stay full width)")
            compress = False
    upright = theme.cjk.upright_digits if vertical and cjk_text else 0  # and tategaki
    cjk = theme.cjk
    return Typesetting(compress=compress, centred=han_standard(doc.meta.lang) in ("TC", "HK"),
                       trim_headings=compress and cjk.heading_line_start_opening == "half",
                       trim_blocks=compress and cjk.line_start_opening == "half",
                       bind_gaps=browser and vertical, gap_spaces=browser and not vertical,
                       latin_units=doc.is_chinese, unit_heads=browser, upright=upright,
                       break_hints=cjk_text and not browser, hyphenate=doc.is_chinese and not browser,
                       word_joins=primary_language(doc.meta.lang) == "ko" and not browser,
                       clauses="browser" if browser and not vertical and doc.is_chinese else "")


def faces_without_feature(theme: Theme, feature: str, lang: str = "") -> list[str]:
    """The installed CJK faces setting body text and headings (each stack's first CJK family, in the
    weight it is set in) that lack an OpenType `feature`."""
    lacking = []
    for role, bold in (("body", False), ("headings", theme.headings.weight >= 600)):
        families = [family for family in theme.script_stack(role, True, lang) if is_cjk_family(family)]
        face = stack_font(families, bold) or stack_font(families, False)
        if face is not None and feature not in layout_features(face) and face.family not in lacking:
            lacking.append(face.family)
    return lacking


def typeset(markup: str, setting: Typesetting = Typesetting()) -> str:
    """`markup` with the Chinese typesetting of `setting` marked up in the text of each block."""
    parts = _TAG.split(markup)
    out = list(parts)
    elements = _Elements()
    block = _Block(elements=elements)
    groups = [0]  # how many kept groups the blocks before have numbered
    opaque: list[str] = []
    open_inline: list[tuple[str, bool]] = []  # (name, is a footnote) of the inline elements open now
    for index, part in enumerate(parts):
        if not index % 2:  # text
            if opaque:
                continue
            block.add_text(index, unescape(part))
            continue
        closing, name = _tag(part)
        void = part.rstrip().endswith("/>")
        if opaque:
            if name == opaque[-1] and not void:
                if closing:
                    opaque.pop()
                else:
                    opaque.append(name)
            continue
        if name in _OPAQUE:
            if not closing and not void:
                opaque.append(name)
                block.add_object(index)
            continue
        if name in _INLINE:
            footnote = name == "span" and 'class="footnote"' in part
            if closing:
                if open_inline and open_inline[-1][0] == name:
                    _, was_footnote = open_inline.pop()
                    if was_footnote:
                        block.finish(out, setting, groups)
                        block = _Block(elements=elements, element=elements.current)
                        continue
            elif not void:
                open_inline.append((name, footnote))
                if footnote:
                    block.finish(out, setting, groups)
                    block = _Block(elements=elements)  # a footnote's text is no part of its element's
                    continue
            block.add_tag(index, closing, void)
            continue
        if name in _OBJECTS:
            block.add_object(index)
            continue
        block.finish(out, setting, groups)  # a block-level tag ends the block before it and starts the next
        if closing:
            elements.leave(name)
        elif not void and name not in _VOID:
            ident = elements.enter(name)
            if setting.keep_ids:
                out[index] = _TAG_NAME.sub(lambda tag: f'{tag.group(0)} data-cjk="{ident}"', part, count=1)
        block = _Block(name if not closing else "", elements=elements, element=elements.current,
                       furniture=not closing and _FURNITURE in part)
    block.finish(out, setting, groups)
    return "".join(out)


def _tag(part: str) -> tuple[bool, str]:
    match = _TAG_NAME.match(part)
    return (bool(match.group(1)), match.group(2).lower()) if match else (False, "")


@dataclass
class _Elements:
    """The block-level elements open at a point of the markup, innermost last, numbered in document
    order, and how many letters and marks of each one's own text come before that point."""

    open: list[tuple[str, int]] = field(default_factory=list)
    seen: dict[int, int] = field(default_factory=dict)

    @property
    def current(self) -> int | None:
        return self.open[-1][1] if self.open else None

    def enter(self, name: str) -> int:
        ident = len(self.seen)
        self.open.append((name, ident))
        self.seen[ident] = 0
        return ident

    def leave(self, name: str) -> None:
        if any(open_name == name for open_name, _ in self.open):
            while self.open and self.open.pop()[0] != name:
                pass

    def count(self, element: int | None, char: str) -> int | None:
        """The place of `char` among the letters and marks of `element`'s text (None for a space, a
        joiner, or text of no element)."""
        if element is None or char.isspace() or char in _INVISIBLE:
            return None
        self.seen[element] += 1
        return self.seen[element] - 1


@dataclass
class _Block:
    """The text of one block: its characters, which markup part each came from, the tags between."""

    name: str = ""
    elements: _Elements = field(default_factory=_Elements)
    element: int | None = None  # the block-level element whose text this is (None: a footnote's)
    furniture: bool = False  # the PDF's running header: one line, its words never broken
    at: list[int | None] = field(default_factory=list)  # per char: its place in the element (`_Elements.count`)
    text: list[str] = field(default_factory=list)
    where: list[tuple[int, int]] = field(default_factory=list)  # (part index, offset in the part) per char
    tags: list[tuple[int, int, bool, bool]] = field(default_factory=list)  # (char position, part, closing, void)
    texts: dict[int, str] = field(default_factory=dict)
    first: dict[int, int] = field(default_factory=dict)  # part index -> its first char's position

    def add_text(self, index: int, text: str) -> None:
        self.texts[index] = text
        self.first[index] = len(self.text)
        for offset, char in enumerate(text):
            self.text.append(char)
            self.where.append((index, offset))
            self.at.append(self.elements.count(self.element, char))

    def add_object(self, index: int) -> None:
        self.text.append(_OBJECT)
        self.where.append((index, -1))
        self.at.append(self.elements.count(self.element, _OBJECT))

    def add_tag(self, index: int, closing: bool, void: bool) -> None:
        self.tags.append((len(self.text), index, closing, void))

    # ------------------------------------------------------------ marking up
    def finish(self, out: list[str], setting: Typesetting, groups: list[int]) -> None:
        text = "".join(self.text)
        if setting.word_joins and self.texts and _HANGUL.search(text) and not self.furniture:
            self.join_words(out, text)
            return
        if not self.texts or not (CJK_LETTER.search(text) or _DIGIT.search(text)):
            return
        spaced = setting.gaps and setting.gap_spaces
        classes = {i: f"sg-{side}" for i, side in gap_sides(text).items()} if setting.gaps and not spaced else {}
        spaces = set(gap_positions(text)) if spaced else set()
        if setting.compress:
            for position in compressed_marks(text, centred=setting.centred):
                classes[position] = "pc"
        trim_start = setting.trim_headings if self.name in _HEADINGS else setting.trim_blocks and not self.furniture
        if trim_start:
            first = next((position for position, char in enumerate(text)
                          if not (char.isspace() or char in _INVISIBLE)), None)
            if first is not None and mark_kind(text[first]) == "opening":
                classes[first] = "pc"
        places = {place: position for position, place in enumerate(self.at) if place is not None}
        for (element, place), distances in setting.squeeze_at:
            if element == self.element and place in places:
                for position in _before(text, places[place], distances):
                    classes[position] = "pc"
        upright = self.upright(text, setting.upright)
        for start, end in upright:
            for position in range(start, end):
                classes.pop(position, None)
        opens: dict[int, list[str]] = {}
        closes: dict[int, list[str]] = {}
        around: dict[int, list[str]] = {}  # before (part index) or after (minus part index) a tag
        kept: list[tuple[int, int]] = []
        if setting.keep:
            words = heading_words(text) if self.name in _PHRASED else []
            if setting.gaps and setting.bind_gaps:
                words += gap_bindings(text)
            words += interpunct_bindings(text)
            words += upright  # no group ends inside an upright number
            squeeze = dict(setting.squeeze)
            soft = keep_together(text, words, soft=True, latin_units=setting.latin_units,
                                 loose_compounds=True) if setting.soft else []
            if setting.unit_heads:  # the numbers whole (`soft`), each with its unit's head as a word
                words += [(start, unit_head(text, start, number_end, end))
                          for start, number_end, end in number_parts(text, setting.latin_units)]
            for start, end in keep_together(text, words, soft=setting.unit_heads, latin_units=setting.latin_units):
                kept.append((start, end))
                ident, groups[0] = groups[0], groups[0] + 1
                for position in _before(text, start, squeeze.get(ident, ())):
                    classes[position] = "pc"
                pieces = [(a, b) for a, b in soft if start <= a and b <= end] if ident in setting.soft else [(start, end)]
                if ident in setting.soft:  # a range breaks after its dash too (`pdf.refit`'s last resort), its
                    # second number kept with the unit (`2018—` / `2023年`) when the first alone is what fits
                    pieces = [piece for a, b in pieces for piece in _split(a, b, range_breaks(text, a, b))]
                for number, (a, b) in enumerate(pieces):
                    if number and pieces[number - 1][1] == a and text[a - 1].isalnum() and text[a].isalnum():
                        opens.setdefault(a, []).insert(0, ZERO_WIDTH_SPACE)  # `61` / `km/h`: UAX #14 keeps them
                    if _OBJECT not in text[a:b]:
                        self.group(a, b, opens, closes, around, ident if setting.keep_ids and not number else None)
        clauses = self.clauses(text, setting.clauses)
        if any(a < edge < b for a, b in kept for span in clauses for edge in span):
            clauses = []  # a clause's edge inside a group (`3.5` / ` GHz`) would leave its span open: none held
        for start, end in clauses:  # outermost: opened before and closed after any group at its edges
            opens.setdefault(start, []).insert(0, '<span class="clause">')
            closes.setdefault(end - 1, []).append("</span>")
        if setting.break_hints and CJK_LETTER.search(text):  # in headings, only at a held phrase's edges
            heading = self.name in _HEADINGS
            for position in quoted_phrase_edges(text) if heading else quote_breaks(text):
                if not any(start < position < end for start, end in kept + clauses):  # a heading's text is its PDF
                    opens.setdefault(position, []).insert(0, "<wbr/>" if heading else ZERO_WIDTH_SPACE)  # bookmark
        if setting.hyphenate and self.name not in _HEADINGS and CJK_LETTER.search(text):
            for start, end in hyphenatable_words(text):
                crossed = any(a < end and start < b and not (a <= start and end <= b) for a, b in kept)
                if not crossed and len({self.where[position][0] for position in range(start, end)}) == 1:
                    opens.setdefault(start, []).append('<span class="hy">')
                    closes.setdefault(end - 1, []).insert(0, "</span>")
        for start, end in upright:  # innermost: opened after and closed before any group at its edges
            opens.setdefault(start, []).append('<span class="tcy">')
            closes.setdefault(end - 1, []).insert(0, "</span>")
        runs = self.gap_runs(text, classes, opens, closes)
        for index, part in self.texts.items():
            out[index] = self.render(index, part, classes, opens, closes, spaces, runs)
        for key, markers in around.items():
            if key >= 0:
                out[key] = "".join(markers) + out[key]
            else:
                out[-key] = out[-key] + "".join(markers)

    def join_words(self, out: list[str], text: str) -> None:
        """A Korean block: a word joiner between each two letters of a word that holds Hangul."""
        joins = {position: [WORD_JOINER] for position in range(1, len(text))
                 if text[position - 1].isalnum() and text[position].isalnum()
                 and (_HANGUL.match(text[position - 1]) or _HANGUL.match(text[position]))}
        for index, part in self.texts.items():
            out[index] = self.render(index, part, {}, joins, {})

    def clauses(self, text: str, how: str) -> list[tuple[int, int]]:
        """The clauses of a headline to mark up (`Typesetting.clauses`), without the space that ends
        one (a line breaks there): none unless the tags inside each are balanced."""
        if not how or self.name != "h1" or not CJK_LETTER.search(text):
            return []
        spans = [(start, start + len(text[start:end].rstrip())) for start, end in heading_clauses(text)]
        if how == "browser" and clause_line_cost(text, spans) > 1:
            return []
        if not all(_balanced([tag for tag in self.tags if start < tag[0] < end]) and _OBJECT not in text[start:end]
                   for start, end in spans):
            return []
        return spans

    def upright(self, text: str, longest: int) -> list[tuple[int, int]]:
        """The short numbers of a Chinese block to set upright, each within one text part (one span
        cannot hold `<b>1</b>2`)."""
        if not longest or not CJK_LETTER.search(text):
            return []
        return [(start, end) for start, end in upright_numbers(text, longest)
                if len({self.where[position][0] for position in range(start, end)}) == 1]

    def group(self, start: int, end: int, opens: dict[int, list[str]], closes: dict[int, list[str]],
              around: dict[int, list[str]], ident: int | None = None) -> None:
        """Keep text[start:end] on one line: one `nobr` span if it can enclose the tags inside the group
        (with the tags that open right before it or close right after it, if that balances them), else
        a `nobr` span per piece and a word joiner at each edge between pieces."""
        inside = [tag for tag in self.tags if start < tag[0] < end]
        at_start = [tag for tag in self.tags if tag[0] == start]
        at_end = [tag for tag in self.tags if tag[0] == end]
        lead = _run(at_start[::-1], closing=False)[::-1]  # the elements opening right before the group
        trail = _run(at_end, closing=True)  # the ones closing right after it
        candidates = [([], []), (lead, []), ([], trail), (lead, trail)]
        span = '<span class="nobr">' if ident is None else f'<span class="nobr" data-keep="{ident}">'
        for before, after in candidates:
            if (before is lead and not lead) or (after is trail and not trail) or not _balanced(before + inside + after):
                continue
            if before:
                around.setdefault(before[0][1], []).append(span)
            else:
                opens.setdefault(start, []).append(span)
            if after:
                around.setdefault(-after[-1][1], []).append("</span>")
            else:
                closes.setdefault(end - 1, []).insert(0, "</span>")
            return
        piece = start
        for position in range(start + 1, end + 1):
            if position == end or self.where[position][0] != self.where[position - 1][0]:
                opens.setdefault(piece, []).append(span if piece == start else '<span class="nobr">')
                joiner = position < end and _breakable(self.text[position - 1], self.text[position])
                closes.setdefault(position - 1, []).insert(0, (WORD_JOINER if joiner else "") + "</span>")
                piece = position

    def gap_runs(self, text: str, classes: dict[int, str], opens: dict[int, list[str]],
                 closes: dict[int, list[str]]) -> dict[int, int]:
        """Latin runs with Han on both sides, to be one `sg-lr` span (first position: last): `第<span
        class="sg-lr">100</span>个`, not a span on `1` and one on `0`, three boxes where one does. Each span is
        an inline box WeasyPrint lays out, draws and tags, ~0.5 ms each (a seed-shaped article has ~130).
        Only a run of one text part without spaces, nothing opening or closing inside it; `classes`
        changes to match."""
        runs: dict[int, int] = {}
        for start in sorted(position for position, name in classes.items() if name == "sg-l"):
            end = start + 1
            while end < len(text) and end not in classes and not (text[end].isspace() or CJK_LETTER.match(text[end])):
                end += 1
            if (end < len(text) and classes.get(end) == "sg-r" and self.where[start][0] == self.where[end][0]
                    and not any(position in opens for position in range(start + 1, end + 1))
                    and not any(position in closes for position in range(start, end))):
                del classes[end]
                classes[start] = "sg-lr"
                runs[start] = end
        return runs

    def render(self, index: int, part: str, classes: dict[int, str], opens: dict[int, list[str]],
               closes: dict[int, list[str]], spaces: set[int] = frozenset(),  # type: ignore[assignment]
               runs: dict[int, int] | None = None) -> str:
        """A text part marked up; a gap space (`spaces`: before these characters) stands outside a
        group that starts at its character, so that a line may break after it; a gap run (`runs`) is one span."""
        first = self.first[index]
        pieces = []
        run_end = -1
        for offset, char in enumerate(part):
            position = first + offset
            if position in spaces:
                pieces.append(GAP_SPACE)
            pieces.extend(opens.get(position, ()))
            shown = escape(char, quote=False)
            if runs and position in runs:
                run_end = runs[position]
                pieces.append(f'<span class="{classes[position]}">{shown}')
            elif position in classes:  # none inside a run (`gap_runs`)
                pieces.append(f'<span class="{classes[position]}">{shown}</span>')
            else:
                pieces.append(shown)
            if position == run_end:
                pieces.append("</span>")
            pieces.extend(closes.get(position, ()))
        return "".join(pieces)


def _before(text: str, start: int, distances: tuple[int, ...]) -> list[int]:
    """The positions of the marks that stand `distances` letters and marks before text[start] (spaces and
    word joiners not counted; nothing before an object character), or, for a negative distance -n, that
    are the n-th such character from text[start] on."""
    found, counted = [], -1
    for position in range(start, len(text)):
        char = text[position]
        if char == _OBJECT or counted < min(distances, default=0):
            break
        if char.isspace() or char in _INVISIBLE:
            continue
        if counted in distances and mark_kind(char):
            found.append(position)
        counted -= 1
    counted = 0
    for position in range(start - 1, -1, -1):
        char = text[position]
        if char == _OBJECT:
            break
        if char.isspace() or char in _INVISIBLE:
            continue
        if counted in distances and mark_kind(char):
            found.append(position)
        counted += 1
    return found


def _split(start: int, end: int, at: list[int]) -> list[tuple[int, int]]:
    """[start, end) cut before each index of `at`."""
    edges = [start, *at, end]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]


def _run(tags: list[tuple[int, int, bool, bool]], closing: bool) -> list[tuple[int, int, bool, bool]]:
    """The leading tags of `tags` that are all closing (or all opening) tags of elements."""
    run = []
    for tag in tags:
        if tag[3] or tag[2] != closing:
            break
        run.append(tag)
    return run


def _breakable(before: str, after: str) -> bool:
    """Whether a line could break between two characters (not before a closing mark or after an
    opening one, which kinsoku forbids anyway)."""
    return after not in CLOSING_MARKS + CLOSING_PUNCTUATION and before not in OPENING_MARKS + OPENING_PUNCTUATION


def _balanced(tags: list[tuple[int, int, bool, bool]]) -> bool:
    """Whether every element opened among `tags` is closed among them and nothing else is closed."""
    depth = 0
    for _, _, closing, void in tags:
        if void:
            continue
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0
