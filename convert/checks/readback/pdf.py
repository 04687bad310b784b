"""Style values read back from a PDF edition's character data (pdfplumber).

- body family, size and colour: those of most characters at the start of the article's body
  paragraphs (found by their first characters; white space aside);
- line height: the most common distance between consecutive baselines of body-size lines;
- first-line indent: where each body paragraph's first character stands, from the left edge of the
  body text, in em of its size (the median over the paragraphs);
- headings: the PDF outline (WeasyPrint bookmarks h1-h6) gives texts and levels; the characters at
  each bookmark's destination give size, colour and face;
- captions: the printed text ending in each figure's caption, and its size;
- code blocks, table cells, notices: their printed text, found in reading order; the size of most
  of its characters, and the line height as the most common distance between the baselines of
  one block's (one cell's) consecutive lines at that size;
- list indent: where the first-level list items' first characters stand, from the left edge of the
  body text, in em of their size (the median);
- page: the media box; left and right margins from the extent of body text (justified lines reach
  the right margin; a full-width closing mark counts to half an em after its start, since a line's
  end sets it half width and pdfplumber's `x1` is the glyph's nominal width), the top margin from
  the title's bookmark (the top of the first box on page 1; an upper bound under a kicker), the bottom margin as bounds: above the
  page number's top, below the lowest text or image of every page the article continues after.
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from typing import Any, Callable, Iterable

from ... import model as m
from ...scripts import direction, mark_kind, rtl_letter
from . import (BODY_SAMPLE, MM_PER_PT, Margin, ONE_LINE_EACH, CaptionSeen, HeadingSeen, PageSeen, Reading, code_lines,
               dominant, family_name, hex_color, list_item_starts, median, normalize, notices, paragraph_starts,
               squeeze, table_cells)


_HYPHENS = "-\u2010\u00ad"

# Vowel signs drawn before the consonant (cluster) they follow in the text: Devanagari, Bengali, Gurmukhi,
# Gujarati, Oriya, Tamil, Malayalam, Sinhala, Myanmar.
_PRE_BASE = frozenset("\u093f\u09bf\u09c7\u09c8\u0a3f\u0abf\u0b47\u0bc6\u0bc7\u0bc8\u0d46\u0d47\u0d48"
                      "\u0dd9\u0dda\u0ddb\u1031")
_VIRAMA_OR_NUKTA = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0d4d\u0dca\u1039"
                             "\u093c\u09bc\u0a3c\u0abc\u0b3c")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc") and ch not in _PRE_BASE


def _expanded(text: str) -> str:
    """Thai and Lao sara am as the two characters fonts draw it with (NFKD)."""
    return "".join(unicodedata.normalize("NFKD", ch) if "\u0e00" <= ch <= "\u0eff" else ch for ch in text)


def logical_order(items: list[Any], char: Callable[[Any], str], drawn: bool = True) -> list[Any]:
    """`items` (characters, or anything `char` reads one from) in the order the text is written, from the
    order a PDF draws them (`drawn`): a vowel sign drawn before its consonant cluster moved after it; and
    each run of combining marks in code order (a font stacks them in its own order)."""
    items = list(items)
    i = 0
    while drawn and i < len(items):
        if char(items[i]) in _PRE_BASE and i + 1 < len(items) and unicodedata.category(char(items[i + 1])) == "Lo":
            end = i + 2
            while end + 1 < len(items) and char(items[end]) in _VIRAMA_OR_NUKTA and \
                    unicodedata.category(char(items[end + 1])) == "Lo":
                end += 2
            if end < len(items) and char(items[end]) in _VIRAMA_OR_NUKTA:
                end += 1
            items[i:end] = items[i + 1:end] + [items[i]]
            i = end
            continue
        i += 1
    i = 0
    while i < len(items):
        if _is_mark(char(items[i])):
            end = i
            while end < len(items) and _is_mark(char(items[end])):
                end += 1
            items[i:end] = sorted(items[i:end], key=char)
            i = end
        else:
            i += 1
    return items


def comparable(text: str) -> str:
    """`text` (as the article has it) in the form `_Stream` gives the PDF's text: no white space, Thai
    sara am decomposed, combining marks in code order."""
    return "".join(logical_order(list(_expanded(squeeze(text))), str, drawn=False))


class _Stream:
    """The characters of the PDF in reading order, as one string without white space (and in the
    written order of `logical_order`), with the character behind each position."""

    def __init__(self, pages: list[Any], rtl: bool = False) -> None:
        pairs: list[tuple[str, dict[str, Any]]] = []
        for page in pages:
            for char in (_right_to_left(page.chars) if rtl else page.chars):
                pairs.extend((ch, char) for ch in _expanded(squeeze(char["text"])))
        self._drawn = {id(char): n for n, (_ch, char) in enumerate(pairs)}
        pairs = logical_order(pairs, lambda pair: pair[0])
        self.text_parts: list[str] = [ch for ch, _char in pairs]
        self.chars: list[dict[str, Any]] = [char for _ch, char in pairs]
        self.text = "".join(self.text_parts)

    def first_drawn(self, index: int) -> dict[str, Any]:
        """The character drawn first of those written from `index` on in its line: where the line starts
        when a vowel sign is drawn before the consonant it follows."""
        line = [c for c in self.chars[index:index + 4] if abs(c["top"] - self.chars[index]["top"]) < 1]
        return min(line, key=lambda c: self._drawn[id(c)])

    def printed(self, start: int, end: int) -> str:
        """The text from `start` to `end` without the hyphens added where a word breaks at a line end."""
        kept = []
        for index in range(start, min(end, len(self.text))):
            following = self.chars[index + 1] if index + 1 < len(self.chars) else None
            if self.text[index] in _HYPHENS and following is not None and \
                    abs(following["top"] - self.chars[index]["top"]) > 1:
                continue
            kept.append(self.text[index])
        return "".join(kept)

    def find(self, wanted: str, start: int = 0) -> tuple[int, int] | None:
        """Where `wanted` (white space removed) is printed, allowing a hyphen at a line break."""
        wanted = comparable(wanted)
        if not wanted:
            return None
        pattern = f"[{_HYPHENS}]?".join(re.escape(ch) for ch in wanted)
        match = re.compile(pattern).search(self.text, start)
        return (match.start(), match.end()) if match else None


def _right_to_left(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The characters of a right-to-left page in reading order. A PDF draws glyphs where they stand, so a
    line of Arabic reads backwards from left to right: each line is read from its right end, and each run
    of left-to-right text in it (Latin, digits: `2015`, `1.2`) turned back to its own order."""
    ordered: list[dict[str, Any]] = []
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: c["top"]):
        if lines and char["top"] - lines[-1][0]["top"] < 0.5 * max(char["size"], 1):
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: -c["x0"])
        run: list[dict[str, Any]] = []
        for index, char in enumerate(line + [None]):  # type: ignore[operator]
            if char is not None and _left_to_right(line, index):
                run.append(char)
                continue
            ordered.extend(reversed(run))
            run = []
            if char is not None:
                ordered.append(char)
    return ordered


def _left_to_right(line: list[dict[str, Any]], index: int) -> bool:
    """Whether the character at `index` of a line read from the right belongs to a left-to-right run: a
    Latin letter or digit, or a mark joining two of them (`1.2`, `m/s`)."""
    def strong(i: int) -> bool:
        text = line[i]["text"] if 0 <= i < len(line) else ""
        return bool(text) and text[0].isalnum() and not rtl_letter(text[0])

    text = line[index]["text"]
    return strong(index) or (text in ".,:/-+%" and strong(index - 1) and strong(index + 1))


def read_pdf(data: bytes, doc: m.Document, families: Iterable[str]) -> Reading:
    import pdfplumber

    known = list(families)
    reading = Reading("pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        rtl = direction(doc.meta.lang) == "rtl"
        stream = _Stream(pages, rtl)
        firsts = _body(reading, stream, doc, known)
        _line_height(reading, pages)
        start = _Start(float(pages[0].width), rtl) if pages else None
        edge = start.edge(pages, reading.body_size_pt) if start else None
        _indent(reading, firsts, start, edge)
        _set_apart(reading, stream, doc, start, edge)
        outline = _outline(pdf, pages)
        reading.headings = [_heading(level, title, page_index, top, pages, stream, known, rtl)
                            for level, title, page_index, top in outline]
        left = _Start(float(pages[0].width), False).edge(pages, reading.body_size_pt) if rtl and pages else edge
        reading.captions = _captions(stream, doc)
        reading.page = _page(pages, reading, outline, left, kicker=bool(doc.meta.kicker))
    return reading


# ---------------------------------------------------------------- body text


def _body(reading: Reading, stream: _Stream, doc: m.Document, known: list[str]) -> list[dict[str, Any]]:
    """Body size, face and colour: those of most characters at the start of the body paragraphs
    (their first BODY_SAMPLE characters). Returns each paragraph's first character."""
    sample: list[dict[str, Any]] = []
    firsts = []
    position = 0
    for start in paragraph_starts(doc):
        found = stream.find(start, position)
        if found is None:
            continue
        position = found[1]
        firsts.append(stream.first_drawn(found[0]))
        sample += stream.chars[found[0]:found[0] + BODY_SAMPLE]
    if not firsts:
        reading.notes.append("PDF: no body paragraph found; body values are those of most characters")
        sample = stream.chars
    size = dominant(Counter(round(c["size"], 2) for c in sample))
    if size is None:
        reading.notes.append("PDF: no text found")
        return firsts
    body = [c for c in sample if round(c["size"], 2) == size]
    reading.body_size_pt = size
    reading.body_family = dominant(Counter(family_name(c["fontname"], known) for c in body))
    reading.body_color = dominant(Counter(hex_color(c["non_stroking_color"]) for c in body))
    return firsts


def _baselines(page: Any, size: float) -> list[float]:
    """Baselines (from the top of the page) of the lines set at `size` (not of the marks placed above or
    below a letter, such as Arabic vowels: they are drawn off the line's baseline)."""
    height = page.height
    return sorted({round(height - c["matrix"][5], 1) for c in page.chars
                   if abs(c["size"] - size) < 0.01 and c["upright"]
                   and not unicodedata.category(c["text"][:1] or " ").startswith("M")})


def _line_height(reading: Reading, pages: list[Any]) -> None:
    size = reading.body_size_pt
    if not size:
        return
    steps: Counter[float] = Counter()
    for page in pages:
        lines = _baselines(page, size)
        # Lines stand half a size apart at least: a closer "baseline" is a glyph set off its line's (a
        # list's bullet in another face, 1.8 pt lower beside Arabic letters).
        steps.update(round(b - a, 1) for a, b in zip(lines, lines[1:]) if 0.5 * size < b - a < 3 * size)
    # The commonest step; on a tie the smaller one: a paragraph's gap is wider than its line pitch (a
    # short article of two-line paragraphs has as many of one as of the other).
    step = min(steps, key=lambda value: (-steps[value], value)) if steps else None
    reading.line_height = round(step / size, 3) if step else None


class _Start:
    """Where a character stands from the side lines start at: the left edge of the page, or the right one
    for right-to-left text (points)."""

    def __init__(self, width: float, rtl: bool) -> None:
        self.width, self.rtl = width, rtl

    def of(self, char: dict[str, Any]) -> float:
        return self.width - char["x1"] if self.rtl else char["x0"]

    def edge(self, pages: list[Any], size: float | None) -> float | None:
        """Where body-size lines start, the least over all pages."""
        if not size:
            return None
        starts = [self.of(c) for page in pages for c in page.chars if abs(c["size"] - size) < 0.01]
        return min(starts) if starts else None


def _indent(reading: Reading, firsts: list[dict[str, Any]], start: _Start | None, edge: float | None) -> None:
    if start is None or edge is None or not firsts:
        return
    indent = median([(start.of(char) - edge) / char["size"] for char in firsts])
    reading.indent_em = round(indent, 3) if indent is not None else None


# ---------------------------------------------------------------- code, tables, notices, lists


def _set_apart(reading: Reading, stream: _Stream, doc: m.Document, start: _Start | None,
               edge: float | None) -> None:
    """Code blocks, table cells, notices and lists: the blocks set apart from the body text."""
    code = _printed_lines(stream, code_lines(doc))
    reading.code_size_pt = _size(code)
    reading.code_line_height = _leading(code, reading.code_size_pt)
    cells = _printed(stream, table_cells(doc))
    reading.table_size_pt = _size(cells)
    reading.table_line_height = _leading(cells, reading.table_size_pt)
    reading.notice_size_pt = _size(_printed(stream, notices(doc)))
    items = [chars[:1] for chars in _printed(stream, list_item_starts(doc))]
    if start is not None and edge is not None and items:
        indent = median([(start.of(chars[0]) - edge) / chars[0]["size"] for chars in items])
        reading.list_indent_em = round(indent, 3) if indent is not None else None


def _printed(stream: _Stream, texts: list[str]) -> list[list[dict[str, Any]]]:
    """The characters of each of `texts` where it is printed, searched in reading order."""
    found = []
    position = 0
    for text in texts:
        span = stream.find(text, position)
        if span is None:
            continue
        position = span[1]
        found.append(stream.chars[span[0]:span[1]])
    return found


def _printed_lines(stream: _Stream, blocks: list[list[str]]) -> list[list[dict[str, Any]]]:
    """The characters of each block, found line by line: a block that continues on the next page has
    the page's furniture (running header, page number) between its lines."""
    found = []
    position = 0
    for lines in blocks:
        chars: list[dict[str, Any]] = []
        for line in lines:
            span = stream.find(line, position)
            if span is None:
                break
            position = span[1]
            chars += stream.chars[span[0]:span[1]]
        if chars:
            found.append(chars)
    return found


def _size(blocks: list[list[dict[str, Any]]]) -> float | None:
    return dominant(Counter(round(c["size"], 2) for chars in blocks for c in chars))


def _leading(blocks: list[list[dict[str, Any]]], size: float | None) -> float | str | None:
    """The most common distance between the baselines of consecutive lines of one block, over its size."""
    if not blocks or not size:
        return None
    steps: Counter[float] = Counter()
    for chars in blocks:
        lines: dict[int, set[float]] = {}
        for c in chars:
            if abs(c["size"] - size) < 0.01 and c["upright"]:
                lines.setdefault(c["page_number"], set()).add(round(c["matrix"][5], 1))
        for baselines in lines.values():
            ordered = sorted(baselines, reverse=True)
            steps.update(round(a - b, 1) for a, b in zip(ordered, ordered[1:]) if 0 < a - b < 3 * size)
    step = dominant(steps)
    return round(step / size, 3) if step else ONE_LINE_EACH


# ---------------------------------------------------------------- headings and captions


def _outline(pdf: Any, pages: list[Any]) -> list[tuple[int, str, int, float]]:
    """(level, title, page index, top of the destination in points from the page top) per bookmark."""
    from pdfminer.pdftypes import resolve1

    page_ids = {page.page_obj.pageid: number for number, page in enumerate(pages)}
    found = []
    try:
        outlines = list(pdf.doc.get_outlines())
    except Exception:  # pdfminer raises PDFNoOutlines (and others) for a PDF without bookmarks
        return []
    for level, title, dest, _action, _se in outlines:
        dest = resolve1(dest)
        if isinstance(dest, (bytes, str)):
            dest = resolve1(pdf.doc.get_dest(dest))
        if isinstance(dest, dict):
            dest = resolve1(dest.get("D"))
        if not isinstance(dest, list) or not dest:
            continue
        page_ref = dest[0]
        page_index = page_ids.get(getattr(page_ref, "objid", None))
        if page_index is None:
            continue
        y = resolve1(dest[3]) if len(dest) > 3 else None
        top = pages[page_index].height - float(y) if isinstance(y, (int, float)) else 0.0
        found.append((int(level), normalize(str(title)), page_index, top))
    return found


def _heading(level: int, title: str, page_index: int, top: float, pages: list[Any], stream: _Stream,
             known: list[str], rtl: bool = False) -> HeadingSeen:
    """The heading the bookmark points to: the first line of text below the destination."""
    below = sorted((c for c in pages[page_index].chars if c["top"] >= top - 1 and c["text"].strip()),
                   key=lambda c: (round(c["top"]), -c["x1"] if rtl else c["x0"]))
    if not below:
        return HeadingSeen(level, title, None, None, None)
    first = below[0]
    line = [c for c in below if abs(c["top"] - first["top"]) < 1]
    printed = _printed_from(stream, first, title)
    return HeadingSeen(level, title if printed is None else printed,
                       round(dominant(Counter(round(c["size"], 2) for c in line)) or 0, 2) or None,
                       dominant(Counter(hex_color(c["non_stroking_color"]) for c in line)),
                       dominant(Counter(family_name(c["fontname"], known) for c in line)))


def _printed_from(stream: _Stream, first: dict[str, Any], title: str) -> str | None:
    """None when the text printed from `first` on is `title`; otherwise what is printed there."""
    try:
        index = next(i for i, c in enumerate(stream.chars) if c is first)
    except StopIteration:
        return None
    found = stream.find(title, index)
    if found is not None and found[0] == index:
        return None
    return stream.printed(index, index + len(comparable(title)))


def _captions(stream: _Stream, doc: m.Document) -> list[CaptionSeen]:
    """For each figure with a caption, its label and caption as printed: from the label's first character
    (found back from the caption text, see `_label_start`) to the caption's end, and their size."""
    seen = []
    position = 0
    for figure in doc.figures:
        caption = squeeze(m.plain_text(figure.caption))
        if not caption:
            continue
        found = _caption_text(stream, caption, position, figure.number)
        if found is None:
            seen.append(CaptionSeen("", None))
            continue
        start, end = found
        position = end
        label_start = _label_start(stream, start, figure.number) if figure.number is not None else start
        chars = stream.chars[label_start:end]
        size = dominant(Counter(round(c["size"], 2) for c in chars))
        seen.append(CaptionSeen(stream.printed(label_start, end), size))
    return seen


def _caption_text(stream: _Stream, caption: str, position: int, number: int | None) -> tuple[int, int] | None:
    """The caption's text where it is printed as a caption: the first match with the figure number
    just before it (the label), else the first match."""
    if not caption:
        return None
    start = position
    first = None
    while (found := stream.find(caption, start)) is not None:
        first = first or found
        if number is None or _label_start(stream, found[0], number) < found[0]:
            return found
        start = found[0] + 1
    return first


def _label_start(stream: _Stream, caption_start: int, number: int) -> int:
    """Back from the caption text to the start of its label: to the figure number standing at most
    three characters before it (the separator), then over what precedes the number on the same line
    at the same size (the label's word). `caption_start` itself when there is no number."""
    window = stream.text[max(0, caption_start - 24):caption_start]
    at = window.rfind(str(number))
    if at < 0 or len(window) - at - len(str(number)) > 3:
        return caption_start
    index = caption_start - len(window) + at
    while index > 0:
        previous, current = stream.chars[index - 1], stream.chars[index]
        if abs(previous["size"] - current["size"]) > 0.01 or abs(previous["top"] - current["top"]) > 1:
            break
        index -= 1
    return index


# ---------------------------------------------------------------- page


def _page(pages: list[Any], reading: Reading, outline: list[tuple[int, str, int, float]],
          left: float | None, *, kicker: bool = False) -> PageSeen:
    first = pages[0]
    width, height = float(first.width), float(first.height)
    size = reading.body_size_pt
    body = [c for page in pages for c in page.chars if size and abs(c["size"] - size) < 0.01 and c["text"].strip()]
    right = width - max(_advance_end(c) for c in body) if body else None  # a line-end space may hang over
    title = next((entry for entry in outline if entry[0] == 1), None)
    top = title[3] if title is not None and title[2] == 0 else None

    def mm(value: float | None) -> float | None:
        return round(value * MM_PER_PT, 2) if value is not None else None

    # under a kicker the title's box is not the first: the margin is then at most the space above it
    top_margin: Margin = (None, mm(top)) if kicker else mm(top)
    return PageSeen(round(width * MM_PER_PT, 1), round(height * MM_PER_PT, 1),
                    (top_margin, mm(right), _bottom_margin(pages), mm(left)), bottom_is_bound=True)


def _advance_end(char: dict[str, Any]) -> float:
    """Where a character's advance ends: a closing mark's ink and half-width advance end half an em
    after it starts (clreq §3.1.6: it is set so at a line's end), whatever its nominal width."""
    if mark_kind(char["text"]) == "closing":
        return min(char["x1"], char["x0"] + 0.5 * char["size"])
    return char["x1"]


def _bottom_margin(pages: list[Any]) -> tuple[float | None, float | None]:
    """The bottom margin as bounds in mm: it is at least the space under the top of the page number
    (the footer stands in the margin) and at most the space under the lowest text or image of a page
    the article continues after (content never enters the margin)."""
    footers = [_footer_line(page) for page in pages]
    if any(line is None for line in footers) or \
            max(line[0]["top"] for line in footers) - min(line[0]["top"] for line in footers) > 2:  # type: ignore[index]
        footers = [None] * len(pages)
    low = min((page.height - min(c["top"] for c in line) for page, line in zip(pages, footers) if line),
              default=None)
    gaps = []
    for page, line in list(zip(pages, footers))[:-1]:
        furniture = {id(c) for c in line or []}
        bottoms = [c["bottom"] for c in page.chars if id(c) not in furniture and c["text"].strip()]
        bottoms += [image["bottom"] for image in page.images]
        if bottoms:
            gaps.append(page.height - max(bottoms))
    high = min(gaps) if gaps else None
    return (round(low * MM_PER_PT, 2) if low is not None else None,
            round(high * MM_PER_PT, 2) if high is not None else None)


def _footer_line(page: Any) -> list[dict[str, Any]] | None:
    """The characters of the lowest line of text on the page (the page number)."""
    chars = [c for c in page.chars if c["text"].strip()]
    if not chars:
        return None
    lowest = max(c["top"] for c in chars)
    return [c for c in chars if abs(c["top"] - lowest) < 1]
