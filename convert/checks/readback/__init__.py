"""What an edition shows, read back from its bytes: the style values the consistency check compares.

`pdf`, `epub` and `docx` each turn one edition into a `Reading`, measured
from the output alone (character data, compiled CSS, Word styles). The document model is used only
to know *where* to look (which paragraph starts a paragraph, which text is a caption), never for the
values themselves. The theme is never consulted by a reader, except to give a measured font its
family name when it belongs to one of the theme's stacks.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Hashable, Iterable, Sequence, TypeVar

from ... import model as m
from ...scripts import NO_WIDTH_NON_BREAK, WORD_JOINER

MM_PER_PT = 25.4 / 72
BODY_SAMPLE = 40  # characters from the start of each body paragraph that measure the body text
NOT_APPLICABLE = "n/a"  # a property the edition does not have (an EPUB has no page)
ONE_LINE_EACH = "one line each"  # a line height the PDF cannot show: no cell (or block) has two lines

_ASCII_SPACE = re.compile(r"[ \t\r\n\f]+")
_STYLE_SUFFIX = re.compile(r"[-,]?(regular|bold|italic|oblique|light|medium|semibold|black|thin|extralight|"
                           r"demilight|heavy|book)+$", re.I)
K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@dataclass(frozen=True)
class HeadingSeen:
    level: int  # 1 is the title, 2 the first level of headings in the body (h2)
    text: str
    size_pt: float | None
    color: str | None
    family: str | None


@dataclass(frozen=True)
class CaptionSeen:
    text: str
    size_pt: float | None


Margin = float | tuple[float | None, float | None] | None  # a length, or bounds (low, high), in mm


@dataclass(frozen=True)
class PageSeen:
    width_mm: float
    height_mm: float
    margins_mm: tuple[Margin, Margin, Margin, Margin]  # top, right, bottom, left
    bottom_is_bound: bool = False


@dataclass
class Reading:
    """The style values one edition shows; None where they could not be measured."""

    edition: str
    body_family: str | None = None
    body_size_pt: float | None = None
    body_color: str | None = None
    line_height: float | None = None  # times the body size
    indent_em: float | str | None = None  # first-line indent of body paragraphs, in em of their size
    headings: list[HeadingSeen] = field(default_factory=list)
    captions: list[CaptionSeen] = field(default_factory=list)
    page: PageSeen | str | None = None
    # the blocks set apart from the body text, measured where the article has them
    code_size_pt: float | None = None  # code blocks
    code_line_height: float | str | None = None  # times the code size
    table_size_pt: float | None = None  # table cells
    table_line_height: float | str | None = None  # times the table size
    notice_size_pt: float | None = None
    list_indent_em: float | str | None = None  # first-level list items' text from the body's edge, in body em
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- text


def normalize(text: str) -> str:
    """ASCII white space collapsed (U+3000 and no-break spaces are kept: they are the theme's), the
    zero-width joiners dropped that only keep a line from breaking (`scripts.joined_numbers`)."""
    return _ASCII_SPACE.sub(" ", text.replace(WORD_JOINER, "").replace(NO_WIDTH_NON_BREAK, "")).strip()


def squeeze(text: str) -> str:
    """Every kind of white space removed: how text is compared with a PDF's, whose spaces are
    positions rather than characters at line ends."""
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch) in ("Zs", "Cf")))


def paragraph_starts(doc: m.Document, length: int = 8) -> list[str]:
    """The first characters (white space removed) of the article's top-level body paragraphs:
    where each reader looks for a paragraph's first line."""
    starts = []
    for block in doc.body:
        if isinstance(block, m.Paragraph):
            text = squeeze(m.plain_text(block.content))
            if len(text) >= 4:
                starts.append(text[:length])
    return starts


def body_paragraphs(doc: m.Document, candidates: Sequence[T], text: Callable[[T], str]) -> list[T]:
    """The candidates (an edition's paragraphs, in reading order) that hold the article's body
    paragraphs: for each of `paragraph_starts`, the first candidate after the last one found whose
    text, white space removed, starts so."""
    return matching(paragraph_starts(doc), candidates, text)


def code_lines(doc: m.Document) -> list[list[str]]:
    """The lines of each of the article's code blocks, white space removed, empty ones left out."""
    blocks = [[text for line in b.text.splitlines() if (text := squeeze(line))]
              for b in doc.body if isinstance(b, m.CodeBlock)]
    return [lines for lines in blocks if lines]


def code_blocks(doc: m.Document) -> list[str]:
    """The text of the article's code blocks (white space removed)."""
    return ["".join(lines) for lines in code_lines(doc)]


def notices(doc: m.Document) -> list[str]:
    return [text for b in doc.body if isinstance(b, m.Notice) and (text := squeeze(m.plain_text(b.content)))]


def table_cells(doc: m.Document) -> list[str]:
    """The text of every cell of the article's tables, row by row (white space removed)."""
    cells = []
    for table in (b for b in doc.body if isinstance(b, m.Table)):
        for row in table.header + table.body:
            for cell in row:
                text = squeeze("".join(m.plain_text(m.block_inlines(block)) for block in cell.content))
                if text:
                    cells.append(text)
    return cells


def list_item_starts(doc: m.Document, length: int = 12) -> list[str]:
    """The first characters of the items of the article's first-level lists (white space removed)."""
    starts = []
    for block in doc.body:
        if isinstance(block, m.ListBlock):
            for item in block.items:
                if item and isinstance(item[0], m.Paragraph) and (text := squeeze(m.plain_text(item[0].content))):
                    starts.append(text[:length])
    return starts


def matching(starts: Sequence[str], candidates: Sequence[T], text: Callable[[T], str]) -> list[T]:
    """For each of `starts` in turn, the first candidate after the last one found whose text, white
    space removed, starts so."""
    found = []
    index = 0
    for start in starts:
        for position in range(index, len(candidates)):
            if squeeze(text(candidates[position])).startswith(start):
                found.append(candidates[position])
                index = position + 1
                break
    return found


def expected_headings(doc: m.Document) -> list[tuple[int, str]]:
    """(level, text) of the title and every body heading, as the model has them."""
    found = [(1, normalize(doc.meta.title))] if doc.meta.title else []
    found += [(b.level, normalize(m.plain_text(b.content))) for b in doc.body if isinstance(b, m.Heading)
              and m.plain_text(b.content).strip()]
    return found


# ---------------------------------------------------------------- values


def family_name(raw: str, known: Iterable[str]) -> str:
    """A measured font name as a family: `ABCDEF+Noto-Serif-CJK-SC-Bold` -> `Noto Serif CJK SC` when
    that family is among `known` (the longest that fits); otherwise the name without subset tag."""
    name = raw.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", raw) else raw
    key = _font_key(name)
    best = ""
    for family in known:
        family_key = _font_key(family)
        if family_key and (key == family_key or _font_key(_STYLE_SUFFIX.sub("", name)) == family_key
                           or key.startswith(family_key)) and len(family_key) > len(_font_key(best)):
            best = family
    return best or name


def _font_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def hex_color(value: object) -> str | None:
    """`#rrggbb` from a PDF colour (gray or RGB floats 0-1), Word's `RRGGBB`, or CSS RGBA floats."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().lstrip("#")
        if re.fullmatch(r"[0-9a-fA-F]{6}", text):
            return "#" + text.lower()
        if re.fullmatch(r"[0-9a-fA-F]{3}", text):
            return "#" + "".join(c * 2 for c in text.lower())
        return value
    components = [float(c) for c in value]  # type: ignore[union-attr]
    if len(components) == 1:
        components *= 3
    if len(components) != 3:
        return None
    return "#" + "".join(f"{max(0, min(255, round(c * 255))):02x}" for c in components)


def dominant(counts: Counter[K]) -> K | None:
    """The most common key; ties go to the first seen."""
    return counts.most_common(1)[0][0] if counts else None


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
