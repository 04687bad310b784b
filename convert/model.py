"""The document model every reader produces and every writer consumes.

Frozen dataclasses, so a transform returns a new document instead of editing one in place.
Nothing here knows pandoc, HTML or any output format.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Iterator, Union

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Strikeout:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Highlight:
    """Marked text (`==重点==`, `<mark>`), set on the theme's highlight colour."""

    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Superscript:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Subscript:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Link:
    content: tuple[Inline, ...]
    url: str
    title: str = ""


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class NoteRef:
    """A footnote reference; the note itself is the `Footnote` block with the same `id`."""

    id: str
    number: int


@dataclass(frozen=True)
class InlineImage:
    src: str
    alt: str = ""


@dataclass(frozen=True)
class Ruby:
    """Text with its reading set over it (`<ruby>漢<rt>hàn</rt></ruby>`: pinyin, furigana, zhuyin). An edition
    that cannot set ruby prints the reading in brackets after the text (`ruby_as_text`)."""

    content: tuple[Inline, ...]
    reading: str


Inline = Union[Text, Emphasis, Strong, Strikeout, Highlight, Superscript, Subscript, Code, Link, LineBreak,
               NoteRef, InlineImage, Ruby]

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    level: int
    content: tuple[Inline, ...]
    id: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; `role` "salutation": the addressees opening a notice or a letter (`各位用户：`),
    set unindented; "signoff": the issuer's name or the date that closes a notice or a statement
    (`东城区自来水有限公司` / `2024年5月1日`), set flush with the end of the line; "centered" and "flush-end":
    a short paragraph its page set centred (a kicker, a verse) or flush right; "table-note": a note or
    source line under a table (`注：…`, `数据来源：…`), set as the table's text is; "aligned": lines the writer
    lined up with ideographic spaces (`附件：1.…` / `　　　2.…`), set unindented so the spaces line them up."""

    content: tuple[Inline, ...]
    role: str = ""


@dataclass(frozen=True)
class Figure:
    """An image shown as a figure of its own, with an optional caption.

    `number` is None for a figure that is not numbered (the transforms number them 1..n).
    `alt` is the text alternative; it is never shown as the caption.
    `credit` names who made the picture (`新华社记者 王某`, `Reuters`), without a label: it is shown
    apart from the caption, worded by `wording.credit_text`.
    """

    src: str
    caption: tuple[Inline, ...] = ()
    alt: str = ""
    number: int | None = None
    id: str = ""
    credit: str = ""


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (`ordered=False`) or numbered list; each item is a tuple of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1


CHECKED_BOX, UNCHECKED_BOX = "☒", "☐"  # a task list's boxes (`- [x] 完成`, `- [ ] 撰写`), as pandoc's `task_lists` gives them


def is_task_list(block: ListBlock) -> bool:
    """A bulleted list whose every item opens with a task's box: the boxes stand where the bullets would."""
    return not block.ordered and bool(block.items) and all(
        item and isinstance(item[0], Paragraph) and item[0].content and isinstance(item[0].content[0], Text)
        and item[0].content[0].text[:1] in (CHECKED_BOX, UNCHECKED_BOX) for item in block.items)


@dataclass(frozen=True)
class TableCell:
    content: tuple[Block, ...]
    align: str = ""  # "", "left", "center", "right"
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table; `number` is None until the transforms number the tables 1..n (`表 1`, `Table 1`)."""

    header: tuple[tuple[TableCell, ...], ...]
    body: tuple[tuple[TableCell, ...], ...]
    caption: tuple[Inline, ...] = ()
    id: str = ""
    number: int | None = None


@dataclass(frozen=True)
class BlockQuote:
    content: tuple[Block, ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str
    language: str = ""


@dataclass(frozen=True)
class HorizontalRule:
    pass


@dataclass(frozen=True)
class Footnote:
    """A footnote definition; writers place it where their format puts notes."""

    id: str
    number: int
    content: tuple[Block, ...]


@dataclass(frozen=True)
class Notice:
    """A notice set apart from the body, such as a publisher's disclaimer."""

    content: tuple[Inline, ...]
    kind: str = "disclaimer"


Block = Union[Heading, Paragraph, Figure, ListBlock, Table, BlockQuote, CodeBlock, HorizontalRule,
              Footnote, Notice]

# ---------------------------------------------------------------- document


TITLE_MAX_CHARS = 255  # the longest title every edition holds whole (a DOCX core property's limit)


@dataclass(frozen=True)
class Meta:
    """What the article says about itself. `dateline` is a dateline as the article gives it when it
    stands on its own line (`新华社北京11月26日电`), `place` the place a dateline or reporter line names;
    `reported`: the authors are the paper's reporters (`記者陳怡君／台北報導`), so the byline says so and
    names the place they report from."""

    title: str = ""
    subtitle: str = ""
    kicker: str = ""  # a short line set above the title (引题, `独家`, `ANALYSIS`)
    authors: tuple[str, ...] = ()
    author_note: str = ""  # who the author is, as a commentary's byline says (`中国人民大学经济学院教授`)
    editor: str = ""
    date: str = ""  # ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
    source_url: str = ""
    source_site: str = ""
    lang: str = ""  # BCP 47
    keywords: tuple[str, ...] = ()
    description: str = ""
    disclaimer: str = ""
    place: str = ""
    dateline: str = ""
    reported: bool = False
    date_signed: bool = False  # `date` is the one the text signs at its end (a notice's): no byline repeats it

    def with_(self, **changes: object) -> Meta:
        return replace(self, **changes)

    @property
    def responsible(self) -> tuple[str, ...]:
        """Who an edition's metadata names as its author (the PDF's Author, the DOCX's creator, the HTML's
        `author`): the authors; for an unsigned story its outlet; else its editor, never beside authors."""
        return self.authors or tuple(name for name in (self.source_site or self.editor,) if name)


@dataclass(frozen=True)
class Document:
    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()

    @property
    def body(self) -> tuple[Block, ...]:
        """The blocks without footnote definitions."""
        return tuple(b for b in self.blocks if not isinstance(b, Footnote))

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Footnote))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for b in walk_blocks(self.blocks) if isinstance(b, Figure))

    @property
    def is_chinese(self) -> bool:
        from .scripts import is_chinese
        return is_chinese(self.meta.lang)


# ---------------------------------------------------------------- helpers


def child_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks directly nested in `block` (list items, quote, cells, note content)."""
    if isinstance(block, ListBlock):
        return tuple(b for item in block.items for b in item)
    if isinstance(block, (BlockQuote, Footnote)):
        return block.content
    if isinstance(block, Table):
        return tuple(b for row in block.header + block.body for cell in row for b in cell.content)
    return ()


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, in reading order."""
    for block in blocks:
        yield block
        yield from walk_blocks(child_blocks(block))


def inline_children(node: Inline) -> tuple[Inline, ...]:
    return getattr(node, "content", ()) if not isinstance(node, (Text, Code)) else ()


def split_lines(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """`inlines` cut at their line breaks (`<br>`), the breaks left out: one tuple per line."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines]


def block_inlines(block: Block) -> tuple[Inline, ...]:
    """The inline content a block holds directly (not that of nested blocks)."""
    if isinstance(block, (Heading, Paragraph, Notice)):
        return block.content
    if isinstance(block, (Figure, Table)):
        return block.caption
    return ()


def ruby_as_text(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """`inlines` with each run of ruby as its text and the readings after it in brackets (`漢字（hàn zì）`,
    `Tokyo (とうきょう)`): how an edition that cannot set ruby prints it, and what a reader is shown."""
    if not any(isinstance(node, Ruby) for node in inlines):
        return inlines
    out: list[Inline] = []
    run: list[Ruby] = []

    def flush() -> None:
        if run:
            base = tuple(node for ruby in run for node in ruby.content)
            wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in plain_text(base))
            reading = " ".join(ruby.reading for ruby in run)
            out.extend((*base, Text(f"（{reading}）" if wide else f" ({reading})")))
            run.clear()

    for node in inlines:
        if isinstance(node, Ruby):
            run.append(node)
        else:
            flush()
            out.append(node)
    flush()
    return tuple(out)


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The visible text of inline content (images show nothing, line breaks a newline, ruby its text
    and the reading in brackets)."""
    inlines = ruby_as_text(inlines)
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, NoteRef):
            parts.append(str(node.number))
        elif not isinstance(node, InlineImage):
            parts.append(plain_text(inline_children(node)))
    return "".join(parts)


def visible_text(doc: Document) -> str:
    """All the text a reader of any edition sees, for tests and language detection."""
    lines = [doc.meta.kicker, doc.meta.title, doc.meta.subtitle, doc.meta.dateline, doc.meta.editor, *doc.meta.authors,
             doc.meta.author_note]
    for block in walk_blocks(doc.blocks):
        if isinstance(block, CodeBlock):
            lines.append(block.text)
        else:
            lines.append(plain_text(block_inlines(block)))
        if isinstance(block, Figure):
            lines.append(block.credit)
    return "\n".join(line for line in lines if line)


_SPACES = re.compile(r"\s+")


def collapse_spaces(text: str) -> str:
    """`text` with each run of white space one space, and stripped; a run with an ideographic space in
    it stays one (`三讀通過　「這是…」`: a Chinese headline's clauses, set an em apart)."""
    return _SPACES.sub(lambda run: "\u3000" if "\u3000" in run[0] else " ", text).strip()


# Bidi embeddings, overrides and isolates: in a title or a metadata field they only reorder what a
# reader sees (`标题\u202egnp.exe` shown as `标题exe.png`); the body keeps them, where right-to-left text
# may need them (and its marks, U+200E/U+200F, are kept everywhere).
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(text: str) -> str:
    """`text` without bidi embeddings, overrides and isolates (`_BIDI_CONTROLS`)."""
    return text.translate(_BIDI_CONTROLS)


def _cluster_start(text: str, index: int) -> int:
    """The greatest cut at or before `index` that splits no grapheme cluster: none before a mark, a
    variation selector, a skin tone or beside a joiner (`scripts.starts_cluster`), nor before an emoji
    tag (a subdivision flag's), nor inside a flag's two regional indicators."""
    from .scripts import starts_cluster

    while 0 < index < len(text) and (not starts_cluster(text, index) or 0xE0020 <= ord(text[index]) <= 0xE007F):
        index -= 1
    if 0 < index < len(text) and _regional(text[index]) and _regional(text[index - 1]):
        run = index
        while run > 0 and _regional(text[run - 1]):
            run -= 1
        if (index - run) % 2:  # inside a flag
            index -= 1
    return index


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """`text` with its white space collapsed and its bidi controls removed (`without_bidi_controls`),
    cut to at most `limit` characters with `…` at the end when it is longer: at a word's end when one
    lies in the last fifth, else between grapheme clusters (Han text has no spaces; an emoji family is
    never cut apart). The one shortening every edition's title goes through."""
    text = collapse_spaces(without_bidi_controls(text))
    if len(text) <= limit:
        return text
    cut = text[:_cluster_start(text, limit - 1)]
    space = cut.rfind(" ")
    if space >= limit * 4 // 5:
        cut = cut[:space]
    return cut.rstrip(" ,.;:，、；：") + "…"


# ---------------------------------------------------------------- collection


@dataclass(frozen=True)
class Collection:
    """Many articles made into one edition (an issue): the issue's own metadata and the articles in
    reading order, each keeping its own metadata, byline, figures and notes.

    `meta` describes the issue (title, date, language; `source_site` is left empty, `publication`
    names the publisher). `keys[i]` is the prefix of every id of `articles[i]` (`a3-`), so ids, note
    ids and figure anchors never collide; it is also the id of the article's opening in every edition.
    `sources[i]` names the article's input, for messages."""

    meta: Meta
    articles: tuple[Document, ...]
    keys: tuple[str, ...]
    publication: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.articles):
            raise ValueError("a collection needs one key per article")

    @property
    def is_chinese(self) -> bool:
        from .scripts import is_chinese
        return is_chinese(self.meta.lang)

    def as_document(self) -> Document:
        """The issue as one document (its meta, every article's blocks): what metadata helpers that
        summarise a document (headings, images) read."""
        return Document(meta=self.meta, blocks=tuple(b for doc in self.articles for b in doc.blocks))
