"""pandoc's JSON AST walked into the document model (`model`): blocks, inlines, footnotes, metadata.

Unsafe and invalid links are dropped (their text kept: `https://../`, `http://[`, a host with spaces
would make an invalid EPUB or DOCX), control characters removed, nesting bounded.
"""
from __future__ import annotations

import ipaddress
import re
import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import model as m
from ..dates import has_time, parse_date, parse_date_line
from ..errors import ConvertError, warn
from ..scripts import ATTRIBUTION_LINE, CJK_LETTERS, OWN_NUMBER, TYPED_BULLET, guess_language, is_verse, is_wide
from ..wording import FIGURE_LABEL_WORDS, SOURCE_LABELS, callout_label
from .ast_text import inline_text
from .notes_apps import CALLOUT_CLASS, HIGHLIGHT_CLASS
from .pandoc import AST_DEPTH, MAX_NESTING

ALIGN_CLASS = "convert-align-"  # + "center" / "end": `sanitize`'s wrapper around a paragraph the page aligns
ALIGNED_MAX_WIDTH = 80  # a paragraph set centred or flush right: at most 80 Latin characters or 40 Han ones
RUBY_CLASS = "convert-ruby"  # `sanitize`'s span for a ruby's text, its reading in the span's title
CREDIT_CLASS = "convert-credit"  # `web.figures.mark_credits`' span for a page's credit element in a caption

_SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:", "#")
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$", re.I)
_MAIL_ADDRESS = re.compile(r"^[^\s@]+@[^\s@]+$")
# A line of dashes or box-drawing rules typed as a divider, which Markdown reads as no rule (it wants `---`)
_RULE_LINE = re.compile(r"(?:[—―─━═－＝＿=~～]\s*){4,}")
# a picture's caption, typed with its label
_FIGURE_LABEL = re.compile(r"^\s*(?:" + "|".join(map(re.escape, FIGURE_LABEL_WORDS)) + r")\s*[0-9０-９]{1,3}(?![0-9])")
_FIGURE_TEXT_MAX = 200  # characters of text beside a figure's picture that are still its caption and credit


def valid_link(url: str) -> bool:
    """A link target a reader can follow and every edition can hold: `#fragment`, `mailto:` an address,
    or http(s) with a well-formed host (a name whose labels IDNA accepts, or an IP address) and port."""
    if url.startswith("#"):
        return not any(ch.isspace() for ch in url)
    if url.lower().startswith("mailto:"):
        return bool(_MAIL_ADDRESS.match(urllib.parse.unquote(url[7:].split("?", 1)[0])))
    try:
        parts = urllib.parse.urlsplit(url)
        host, _ = parts.hostname, parts.port
    except ValueError:  # `http://[`, a port that is no number
        return False
    if parts.scheme.lower() not in ("http", "https") or not host or any(ch.isspace() for ch in parts.netloc):
        return False
    if parts.netloc.endswith("]") or ":" in host:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    ascii_host = host.rstrip(".")
    if not ascii_host.isascii():  # IDNA for a name in another script only (its codec takes ~0.005 s to import)
        try:
            ascii_host = ascii_host.encode("idna").decode("ascii")
        except UnicodeError:
            return False
    return all(_HOST_LABEL.match(label) for label in ascii_host.split("."))


def to_document(path: Path, ast: dict[str, Any]) -> tuple[m.Document, bool]:
    """The document, and whether the article conventions apply to it (front matter
    `article-conventions: false` turns them off)."""
    meta_values = {key: _meta_value(value) for key, value in ast.get("meta", {}).items()}
    builder = _Builder(path)
    blocks = builder.blocks(ast["blocks"], 0)
    document = m.Document(meta=_meta(meta_values), blocks=tuple(blocks) + tuple(builder.notes))
    conventions = meta_values.get("article-conventions", True) not in (False, "false", "no")
    return document, conventions


def _meta_value(value: dict[str, Any]) -> Any:
    kind, content = value["t"], value.get("c")
    if kind == "MetaMap":
        return {k: _meta_value(v) for k, v in content.items()}
    if kind == "MetaList":
        return [_meta_value(v) for v in content]
    if kind == "MetaBool":
        return content
    if kind == "MetaString":
        return content
    if kind == "MetaInlines":
        return m.plain_text(tuple(_Builder(Path("meta")).inlines(content, 0)))
    if kind == "MetaBlocks":
        return "\n".join(m.plain_text(m.block_inlines(b)) for b in _Builder(Path("meta")).blocks(content, 0))
    return ""


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, "", False):
        return ()
    if isinstance(value, list):
        return tuple(s for v in value for s in _strings(v))
    if isinstance(value, dict):
        return _strings(value.get("name", ""))
    return tuple(part.strip() for part in str(value).replace("，", ",").split(",") if part.strip())


def _strings_whole(value: Any) -> tuple[str, ...]:
    """A front-matter field's texts, commas kept (`title: [a, b]`, `editor: {name: X}` name theirs)."""
    if value in (None, "", False):
        return ()
    if isinstance(value, list):
        return tuple(s for v in value for s in _strings_whole(v))
    if isinstance(value, dict):
        return _strings_whole(value.get("name", value.get("text", "")))
    return (str(value).strip(),) if str(value).strip() else ()


def _meta(values: dict[str, Any]) -> m.Meta:
    def text(*keys: str) -> str:
        for key in keys:
            if key in values and not isinstance(values[key], bool):
                return ", ".join(_strings_whole(values[key]))
        return ""

    title, subtitle = text("title"), text("subtitle")
    if isinstance(values.get("title"), list) and len(parts := _strings_whole(values["title"])) > 1:
        # `title: [Headline, Second line]`: the first is the headline, the rest its subtitle (else lost)
        title, subtitle = parts[0], subtitle or ", ".join(parts[1:])
        warn(f"front matter: the title is a list; {title!r} is the title"
             + ("" if text("subtitle") else f", {subtitle!r} the subtitle"))
    authors = _strings(values.get("author", values.get("authors")))
    source_url = text("source-url", "source_url", "url")
    if source_url and not valid_link(source_url):
        warn(f"front matter: ignored the source URL {source_url[:80]}, which is not a valid web address")
        source_url = ""
    return m.Meta(title=title, subtitle=subtitle, kicker=text("kicker"), authors=authors,
                  editor=text("editor"), date=_front_matter_date(text("date")),
                  source_url=source_url,
                  source_site=text("source", "site", "source-site", "publisher"),
                  lang=text("lang", "language"), keywords=_strings(values.get("keywords")),
                  description=text("description", "abstract"), disclaimer=text("disclaimer"))


# ISO 8601 as every edition's metadata writes it: extended, the date's parts and the time's apart
_EXTENDED_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")


def _front_matter_date(value: str) -> str:
    """The front matter's date as ISO 8601, which every edition's metadata needs: extended ISO as given
    (`2024-11-18`, `2024-11-18T09:30` with or without its offset), basic ISO written extended (`date:
    20240315` was `<time datetime="20240315">` in the EPUB, which EPUBCheck refuses), else read as articles
    write dates (`2023年10月30日`, `2023/10/30`, `Oct 30, 2023`); anything else is left out with a warning (an
    EPUB's `datetime` holding `不是日期` is invalid)."""
    if not value or _EXTENDED_ISO.fullmatch(value):
        return value
    if (stamp := parse_date(value)) is not None:
        return (stamp.isoformat(timespec="seconds" if stamp.second else "minutes") if has_time(value)
                else stamp.date().isoformat())
    if iso := parse_date_line(value):
        return iso
    warn(f"front matter: ignored the date {value[:40]!r}, which is not a date")
    return ""


TEXT_SUFFIXES = (".md", ".markdown", ".txt")  # typed text, whose line breaks the writer typed
_ASCII_ITEM = re.compile(r"[0-9]{1,2}[.)]")  # `2.` opening a typed line of a Chinese list


def _numbered_lines(nodes: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A paragraph's inlines cut before each line that starts with an item's own number (`１．消费回暖`
    `（１）零售额增长` typed one under the other, `scripts.OWN_NUMBER`): Markdown joins the lines of a
    paragraph, and a Chinese list typed so was one run-on paragraph, `1. 消费回暖（1）零售额增长…2. 投资…`;
    or with a bullet typed as a character (`• 第一点` / `• 第二点`, `scripts.TYPED_BULLET`). Cut after a
    line too that is a numbered heading (`一、检查时间`: short, no closing mark) or that opens the
    paragraph naming its addressees (`各乡镇人民政府，县直各有关单位：`), as text pasted from a PDF has them.
    A line break is a SoftBreak, or nothing between two words where `east_asian_line_breaks` dropped
    it between two CJK characters (a Str after a Str)."""
    parts: list[list[dict[str, Any]]] = [[]]
    line: list[dict[str, Any]] = []  # the current line's nodes
    first_line = True
    for index, node in enumerate(nodes):
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        numbered = (following is not None and following.get("t") == "Str"
                    and (bool(OWN_NUMBER.match(following["c"])) and not following["c"].startswith("第")
                         or bool(TYPED_BULLET.match(following["c"]))  # `…依照\n第一条的规定`: a clause the text names
                         # `附件：1. 任务清单` / `      2. 责任人名单`: an ASCII number and a space open a typed line
                         or node.get("t") == "SoftBreak" and bool(_ASCII_ITEM.fullmatch(following["c"]))
                         and _chinese_item(nodes[index + 2:index + 4])))
        boundary = node.get("t") == "SoftBreak" or (node.get("t") == "Str" and following is not None
                                                      and following.get("t") == "Str")
        if node.get("t") != "SoftBreak":
            line.append(node)
        ends = boundary and following is not None and _closing_line(line, first_line, following)
        if boundary:
            line, first_line = [], False
        if (numbered or ends) and node.get("t") == "SoftBreak" and parts[-1]:
            parts.append([])
            continue
        parts[-1].append(node)
        if (numbered or ends) and node.get("t") == "Str":
            parts.append([])
    return [part for part in parts if part]


def _verse_lines(nodes: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The lines of a typed paragraph that is verse (`scripts.is_verse`), which Markdown ran into one
    line; [] when it is not."""
    lines: list[list[dict[str, Any]]] = [[]]
    for index, node in enumerate(nodes):
        if node.get("t") == "SoftBreak":
            lines.append([])
            continue
        if node.get("t") != "Str":
            return []
        lines[-1].append(node)
        if index + 1 < len(nodes) and nodes[index + 1].get("t") == "Str":  # a break `east_asian_line_breaks` dropped
            lines.append([])
    return lines if is_verse([inline_text(line).strip() for line in lines]) else []


_HEADING_LINE_CHARS = 20
_ADDRESSEE_LINE_CHARS = 40


def _closing_line(line: list[dict[str, Any]], first: bool, following: dict[str, Any]) -> bool:
    """Whether a typed paragraph's line ends a block of its own: a numbered heading (`一、检查时间`), or
    a first line naming the addressees, ending with a colon, not before a quotation (`他说：` / `“…”`)."""
    text = inline_text(line).strip()
    if not text or text[-1] in "。！？；，、.!?;,":
        return False
    if OWN_NUMBER.match(text) and not text.startswith("第") and len(text) <= _HEADING_LINE_CHARS and text[-1] not in "：:":
        return True
    opens_quote = following.get("t") == "Quoted" or following.get("t") == "Str" and following["c"][:1] in "“「『\"'‘"
    return (first and text[-1] in "：:" and len(text) <= _ADDRESSEE_LINE_CHARS and not opens_quote
            and not re.search("[。！？]", text))


def _chinese_item(after: list[dict[str, Any]]) -> bool:
    """Whether the nodes after an ASCII item number are a space and Chinese text: `2. The` in English text
    wrapped after `version` is no item."""
    return (len(after) == 2 and after[0].get("t") == "Space" and after[1].get("t") == "Str"
            and is_wide(after[1]["c"][0]))


def _aligned_line(before: dict[str, Any], node: dict[str, Any]) -> bool:
    """Whether `node` starts a typed line that ideographic spaces indent to line up under the one before
    (`附件：1.重点任务分工表` / `　　　2.政策申报指南`): a line of its own, which Markdown joined to the one
    before (a SoftBreak; or nothing, where `east_asian_line_breaks` dropped it between two CJK characters).
    Only in typed text (`TEXT_SUFFIXES`): in a web page a new line of the markup is a space."""
    return (node.get("t") == "Str" and node["c"].startswith("\u3000")
            and before.get("t") in ("Str", "SoftBreak"))


class _Builder:
    """Walks pandoc's JSON blocks and inlines into model nodes, collecting footnotes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.typed = path.suffix.lower() in TEXT_SUFFIXES  # its line breaks are the writer's, not markup's
        self.notes: list[m.Footnote] = []

    def _deeper(self, depth: int) -> int:
        if depth >= MAX_NESTING:
            raise ConvertError(self.path, f"the article nests deeper than {MAX_NESTING} levels")
        return depth + 1

    # blocks ---------------------------------------------------------------
    def blocks(self, nodes: list[dict[str, Any]], depth: int) -> list[m.Block]:
        depth = self._deeper(depth)
        out: list[m.Block] = []
        for node in nodes:
            out.extend(self.block(node, depth))
        return out

    def block(self, node: dict[str, Any], depth: int) -> list[m.Block]:
        kind, c = node["t"], node.get("c")
        if kind == "Para" and self.typed and (verse := _verse_lines(c)):
            return self._verse(verse, depth)
        if kind == "Para" and self.typed and len(lines := _numbered_lines(c)) > 1:
            return [b for line in lines for b in self.block({"t": kind, "c": line}, depth)]
        if kind in ("Para", "Plain"):
            inlines = _trim(self.inlines(c, depth))
            if len(inlines) == 1 and isinstance(inlines[0], m.Text) and _RULE_LINE.fullmatch(inlines[0].text):
                return [m.HorizontalRule()]  # `————————` (CSDN's line over its licence)
            return [b for line in _picture_lines(inlines) for b in _line_blocks(line)] if inlines else []
        if kind == "Header":
            level, (ident, _, _), content = c
            inlines = _trim(self.inlines(content, depth))
            if not inlines:  # `#` alone: no heading to show, and an empty one in every edition's outline
                return []
            return [m.Heading(min(max(level, 1), 6), inlines, ident)]
        if kind == "CodeBlock":
            (_, classes, _), text = c
            return [m.CodeBlock(_clean(text), classes[0] if classes else "")]
        if kind == "BlockQuote":
            return [m.BlockQuote(tuple(self.blocks(c, depth)))]
        if kind in ("BulletList", "OrderedList"):
            ordered = kind == "OrderedList"
            items = c[1] if ordered else c
            start = c[0][0] if ordered else 1
            return [m.ListBlock(tuple(tuple(self.blocks(item, depth)) for item in items), ordered, start)]
        if kind == "DefinitionList":
            # A glossary as news sets it: the term run in, in bold, before its definition (`Surge: Water
            # pushed ashore…`). A term alone on its line would read as a section heading (and be made one:
            # bold lines are headings), and a definition is no quotation.
            out: list[m.Block] = []
            for term, definitions in c:
                head = m.Strong(_trim(self.inlines(term, depth)))
                body = [block for d in definitions for block in self.blocks(d, depth)]
                if body and isinstance(body[0], m.Paragraph):
                    mark = {":": " ", "：": ""}.get(m.plain_text(head.content)[-1:], ": ")
                    out.append(m.Paragraph((head, m.Text(mark), *body[0].content)))
                    out.extend(body[1:])
                else:
                    out.append(m.Paragraph((head,)))
                    out.extend(body)
            return out
        if kind == "LineBlock":
            content: list[m.Inline] = []
            for line in c:
                if content:
                    content.append(m.LineBreak())
                content.extend(self.inlines(line, depth))
            return [m.Paragraph(tuple(content))] if content else []
        if kind == "HorizontalRule":
            return [m.HorizontalRule()]
        if kind == "Table":
            return [self.table(c, depth)]
        if kind == "Figure":
            return self.figure(c, depth)
        if kind == "Div":
            blocks = self.blocks(c[1], depth)
            if CALLOUT_CLASS in c[0][1]:  # a note-taking app's callout: a quote under its heading
                return [m.BlockQuote((_callout_heading(c[0], blocks), *blocks))]
            aligned = [k[len(ALIGN_CLASS):] for k in c[0][1] if k.startswith(ALIGN_CLASS)]  # `sanitize`'s mark
            if aligned:
                role = {"center": "centered", "end": "flush-end"}.get(aligned[0], "")
                blocks = [replace(b, role=role) if isinstance(b, m.Paragraph) and not b.role else b for b in blocks]
            return blocks
        if kind == "RawBlock":
            warn(f"{self.path.name}: dropped a raw {c[0]} block")
            return []
        return []

    def figure(self, c: list[Any], depth: int) -> list[m.Block]:
        (ident, _, _), (_, caption_blocks), content = c
        credits: list[Any] = []  # the page's credit elements in the caption (`web.figures.mark_credits`)
        caption_blocks = _without_credits(caption_blocks, credits)
        credit = _credit(m.plain_text(tuple(i for node in credits for i in self.inlines(node, depth))))
        caption = _trim(tuple(i for b in self.blocks(caption_blocks, depth) for i in m.block_inlines(b)))
        inner = self.blocks(content, depth)
        pictures = [b for b in inner if isinstance(b, m.Figure)]
        beside = [b.content for b in inner if isinstance(b, m.Paragraph)]
        if len(pictures) == 1 and len(pictures) + len(beside) == len(inner) \
                and sum(len(m.plain_text(t)) for t in beside) <= _FIGURE_TEXT_MAX:
            # Short text beside the picture inside the figure is the figure's: its credit (BBC's
            # `<p>图像来源，Getty Images</p>` by the image), or its caption where no figcaption is.
            found = pictures[0]
            own = found.caption if m.plain_text(found.caption) != found.alt else ()  # a nested figure's
            parts = [part for part in (caption, own, *beside) if part]
            joined = tuple(i for n, part in enumerate(parts) for i in ((m.Text(" "),) if n else ()) + tuple(part))
            return [m.Figure(src=found.src, caption=joined, alt=found.alt, id=ident, credit=credit or found.credit)]
        caption = caption + ((m.Text(" " + credit),) if credit else ())
        return inner + ([m.Paragraph(caption)] if caption else [])

    def table(self, c: list[Any], depth: int) -> m.Table:
        (ident, _, _), (_, caption_blocks), colspecs, head, bodies, foot = c
        aligns = [_ALIGN.get(spec[0]["t"], "") for spec in colspecs]

        def rows(raw_rows: list[Any]) -> tuple[tuple[m.TableCell, ...], ...]:
            out = []
            for _, cells in raw_rows:
                row = []
                for index, (_, align, rowspan, colspan, content) in enumerate(cells):
                    cell_align = _ALIGN.get(align["t"], "") or (aligns[index] if index < len(aligns) else "")
                    row.append(m.TableCell(tuple(self.blocks(content, depth)), cell_align, colspan, rowspan))
                out.append(tuple(row))
            return tuple(out)

        header = rows(head[1])
        body: tuple[tuple[m.TableCell, ...], ...] = ()
        for _, _, head_rows, body_rows in bodies:
            body += rows(head_rows) + rows(body_rows)
        body += rows(foot[1])
        if not header and len(body) > 1 and _heads_columns(body[0]):
            header, body = body[:1], body[1:]
        caption = _trim(tuple(i for b in self.blocks(caption_blocks, depth) for i in m.block_inlines(b)))
        figures = [block for row in header + body for cell in row for block in cell.content if isinstance(block, m.Figure)]
        if len(figures) == 1 and _FIGURE_LABEL.match(m.plain_text(caption)):
            # Word's `图 3 广州南站` caption under a table that lays out one picture: the picture's (pandoc
            # gives a caption paragraph beside a table to the table)
            picture = replace(figures[0], caption=caption)
            header, body = (tuple(tuple(replace(cell, content=tuple(picture if block is figures[0] else block
                                                                     for block in cell.content)) for cell in row)
                                  for row in rows_) for rows_ in (header, body))
            caption = ()
        return m.Table(header=header, body=body, caption=caption, id=ident)

    def _verse(self, lines: list[list[dict[str, Any]]], depth: int) -> list[m.Block]:
        """Verse typed line under line, centred with its lines kept; an attribution under it (`——杜甫《偶题》`)
        a paragraph of its own, flush with the line's end."""
        attribution = ATTRIBUTION_LINE.match(inline_text(lines[-1]).strip())
        verse = lines[:-1] if attribution else lines
        content: list[m.Inline] = []
        for line in verse:
            content += [*([m.LineBreak()] if content else []), *self.inlines(line, depth)]
        out: list[m.Block] = [m.Paragraph(_trim(tuple(content)), role="centered")]
        if attribution:
            out.append(m.Paragraph(_trim(self.inlines(lines[-1], depth)), role="flush-end"))
        return out

    # inlines --------------------------------------------------------------
    def inlines(self, nodes: list[dict[str, Any]], depth: int) -> tuple[m.Inline, ...]:
        depth = self._deeper(depth)
        out: list[m.Inline] = []
        for index, node in enumerate(nodes):
            if self.typed and index and _aligned_line(nodes[index - 1], node) and out \
                    and not isinstance(out[-1], m.LineBreak):
                if isinstance(out[-1], m.Text):
                    out[-1] = m.Text(out[-1].text.rstrip(" "))  # the SoftBreak's space
                out.append(m.LineBreak())
            for inline in self.inline(node, depth):
                if isinstance(inline, m.Text) and out and isinstance(out[-1], m.Text):
                    # a space inside a span's edge and one outside it (`<span>爱否科技 </span> <span>`) are one
                    text = inline.text[1:] if out[-1].text.endswith(" ") and inline.text.startswith(" ") else inline.text
                    out[-1] = m.Text(out[-1].text + text)
                elif not (isinstance(inline, m.Text) and not inline.text):
                    out.append(inline)
        return tuple(out)

    def inline(self, node: dict[str, Any], depth: int) -> list[m.Inline]:
        kind, c = node["t"], node.get("c")
        if kind == "Str":
            return [m.Text(_clean(c))]
        if kind in ("Space", "SoftBreak"):
            return [m.Text(" ")]
        if kind == "LineBreak":
            return [m.LineBreak()]
        if kind in _WRAPPERS:
            inner = self.inlines(c, depth)
            if kind == "Subscript" and _TILDE_RANGE.search(m.plain_text(inner)):
                return [m.Text("~"), *inner, m.Text("~")]  # `5℃~8℃，…15~20分钟`: two ranges, no subscript
            return [_WRAPPERS[kind](inner)]
        if kind in ("Underline", "SmallCaps"):
            return list(self.inlines(c, depth))
        if kind == "Span":
            (_, classes, attributes), content = c
            if RUBY_CLASS in classes and (reading := dict(attributes).get("title", "").strip()):
                return [m.Ruby(self.inlines(content, depth), _clean(reading))]
            if HIGHLIGHT_CLASS in classes:
                return [m.Highlight(self.inlines(content, depth))]
            if ["wrapper", "1"] in attributes or ("wrapper", "1") in attributes:
                return [*self.inlines(content, depth), m.Text(_attributes_text(c[0]))]
            return list(self.inlines(content, depth))
        if kind == "Cite":
            return list(self.inlines(c[1], depth))
        if kind == "Quoted":
            open_mark, close_mark = ("“", "”") if c[0]["t"] == "DoubleQuote" else ("‘", "’")
            return [m.Text(open_mark), *self.inlines(c[1], depth), m.Text(close_mark)]
        if kind in ("Code", "Math"):
            return [m.Code(_clean(c[1]))]
        if kind == "Link":
            _, content, (url, title) = c
            inner = self.inlines(content, depth)
            url = url.strip()
            if not url.lower().startswith(_SAFE_LINK_SCHEMES):
                if ":" in url.split("/")[0]:
                    warn(f"{self.path.name}: dropped a link to {url.split(':')[0]}: (kept its text)")
                return list(inner)
            if not valid_link(url):
                warn(f"{self.path.name}: dropped an invalid link to {url[:80]} (kept its text)")
                return list(inner) or [m.Text(url)]
            return [m.Link(inner, url, title)]
        if kind == "Image":
            _, alt, (src, title) = c
            src = src.strip()
            text = m.plain_text(self.inlines(alt, depth)).strip() or _clean(title).strip()
            if src.lower().startswith(("http://", "https://")) and not valid_link(src):
                warn(f"{self.path.name}: dropped a picture with an invalid address {src[:80]} (kept its text)")
                return [m.Text(text)] if text else []
            return [m.InlineImage(src, text)]
        if kind == "Note":
            number = len(self.notes) + 1
            note_id = f"fn{number}"
            self.notes.append(m.Footnote(note_id, number, tuple(self.blocks(c, depth))))
            return [m.NoteRef(note_id, number)]
        if kind == "RawInline":
            warn(f"{self.path.name}: dropped raw {c[0]} text")
        return []


def _without_credits(node: Any, credits: list[Any], depth: int = 0) -> Any:
    """`node` (pandoc's JSON) without the spans marked as credits, whose contents go to `credits`."""
    if depth > AST_DEPTH:
        return node
    if isinstance(node, list):
        kept = []
        for item in node:
            if isinstance(item, dict) and item.get("t") == "Span" and CREDIT_CLASS in item["c"][0][1]:
                credits.append(item["c"][1])
            else:
                kept.append(_without_credits(item, credits, depth + 1))
        return kept
    if isinstance(node, dict):
        return {key: _without_credits(value, credits, depth + 1) for key, value in node.items()}
    return node


def _attributes_text(attributes: list[Any]) -> str:
    """Braces in text as the writer typed them (`with {key=value} braces`, `b_{x=y}`), which `commonmark_x`'s
    attributes extension took for the attributes of the word or space before them (a `wrapper` span) and
    which were gone from every edition."""
    ident, classes, pairs = attributes
    parts = ([f"#{ident}"] if ident else []) + [f".{name}" for name in classes]
    parts += [f'{key}="{value}"' if not value or any(ch.isspace() or ch in "\"'{}" for ch in value) else f"{key}={value}"
              for key, value in pairs if (key, value) != ("wrapper", "1")]
    return "{" + " ".join(parts) + "}"


# A credit element's own label or brackets: `圖像來源: X`, `（海峡时报）`, `Photo: X`, `Credit: X`
# (a label that says where the picture is from, `图源：X`, stays, as `enrich.captions` keeps it: wording.SOURCE_LABELS)
_CREDIT_LABEL = re.compile(r"^(?:(?P<source>" + "|".join(SOURCE_LABELS) + r")|图像来源|圖像來源|来源|來源|摄影|攝影|图|圖|"
                           r"Photo(?:graph)?|Image|Picture|Credit|Source)s?\s*[:：，,/／|｜]\s*", re.I)


def _credit(text: str) -> str:
    text = " ".join(text.split())
    while len(text) > 2 and text[0] in "（(［[" and text[-1] in "）)］]":
        text = text[1:-1].strip()
    return _CREDIT_LABEL.sub(lambda label: f"{label['source']}：" if label["source"] else "", text).strip()


def _callout_heading(attributes: list[Any], blocks: list[m.Block]) -> m.Paragraph:
    (_, classes, pairs) = attributes
    kind = next((k for k in classes if k != CALLOUT_CLASS), "note")
    text = " ".join(m.plain_text(m.block_inlines(b)) for b in m.walk_blocks(tuple(blocks)))
    title = _clean(dict(pairs).get("title", "")) or callout_label(kind, guess_language(text))
    return m.Paragraph((m.Strong((m.Text(title),)),))


_WRAPPERS = {"Emph": m.Emphasis, "Strong": m.Strong, "Strikeout": m.Strikeout,
             "Superscript": m.Superscript, "Subscript": m.Subscript}
# A subscript (`H~2~O`, `x~i~`) is a few letters or digits; what pandoc pairs between the tildes of Chinese
# ranges (`6~8℃`, `30%~50%`: the wave dash of GB/T 15834 typed as ASCII) holds other text: it stays text.
_TILDE_RANGE = re.compile(r"[^\w+\-−=()]|[^\x00-\x7f]")
_ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center", "AlignDefault": ""}


# C0 controls but tab and newline, DEL, C1 controls, and non-characters: invalid in XML, invisible in print.
# And U+034F, which `cjk_markdown` put beside Chinese punctuation for CommonMark's emphasis rule.
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), *range(127, 160), 0xFFFE, 0xFFFF, 0x034F])


# The zero-width joiners (and the no-break gap after one) a DOCX edition holds a number to its unit with
# (`scripts.joined_numbers`: `2024`, U+200D, U+00A0, `年`), found again when such a file is edited and read back: between CJK
# letters, digits and Latin letters only (an emoji's or an Indic script's joiner is its own)
_JOINED = f"{CJK_LETTERS}\u3000-\u303f\uff00-\uffef0-9A-Za-z%"  # (CJK marks too: a table heading's `（` `万吨` `）`)
_JOINER_KEEP = re.compile(f"(?<=[{_JOINED}])\u200d\u2060?[\u00a0\u202f]?(?=[{_JOINED}])")


def _clean(text: str) -> str:
    text = text.translate(_CONTROL)
    return _JOINER_KEEP.sub("", text) if "\u200d" in text else text


# White space and the invisible characters a pasted WeChat post opens its paragraphs with (`\u200b\u200b编者按：`)
_SPACE = "\\s\u200b\u200c\u200d\u2060\ufeff"
_EDGE_SPACE = re.compile(f"[{_SPACE}]+")
_LEADING_SPACE, _TRAILING_SPACE = re.compile(f"^[{_SPACE}]+"), re.compile(f"[{_SPACE}]+$")


def _trim(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """Drop white space at both ends of inline content, line breaks too (`抢修电话24小时有人值守。<br/><br/>`:
    two empty lines at the paragraph's end)."""
    items = list(inlines)

    def blank(item: m.Inline) -> bool:
        return isinstance(item, m.LineBreak) or isinstance(item, m.Text) and not _EDGE_SPACE.sub("", item.text)

    while items and blank(items[0]):
        items.pop(0)
    while items and blank(items[-1]):
        items.pop()
    if items and isinstance(items[0], m.Text):
        items[0] = m.Text(_LEADING_SPACE.sub("", items[0].text))
    if items and isinstance(items[-1], m.Text):
        items[-1] = m.Text(_TRAILING_SPACE.sub("", items[-1].text))
    # `<strong>　　审批时间缩短一半</strong>`: a pasted page's full-width indent inside the bold (or the
    # link) that opens or ends the paragraph, which would indent its heading or bold line
    for index in {0, len(items) - 1} if items else ():
        item = items[index]
        children = m.inline_children(item)
        if children and not isinstance(item, (m.Text, m.Code)):
            trimmed = _trim(children)
            if trimmed and trimmed != children:
                items[index] = replace(item, content=trimmed)  # type: ignore[call-arg]
    return tuple(items)


def _heads_columns(row: tuple[m.TableCell, ...]) -> bool:
    """Whether a table without a header row (a Word table without its header-row look, an HTML table
    of `<td>` only) has one in its first row: short text in every cell, spanning no rows. Without a
    header the PDF's table had no header cell, which PDF/UA refuses (nothing names the columns)."""
    for cell in row:
        if cell.rowspan > 1 or any(not isinstance(block, m.Paragraph) for block in cell.content):
            return False
        text = "".join(m.plain_text(block.content) for block in cell.content if isinstance(block, m.Paragraph))
        if len(text) > 40 or any(isinstance(node, m.NoteRef) for block in cell.content for node in block.content):
            return False
    return True


def _picture_lines(inlines: tuple[m.Inline, ...]) -> list[tuple[m.Inline, ...]]:
    """A paragraph cut at the line breaks around a line that holds pictures only (`<img …><br>图：说明`,
    as an old content system wraps a photo and its caption in one `<div>`): that line is a figure, its
    caption line a paragraph the conventions read as the caption. One piece when there is none."""
    lines: list[list[m.Inline]] = [[]]
    for node in inlines:
        if isinstance(node, m.LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    if len(lines) < 2 or not any(_pictures_alone(tuple(line)) for line in lines if line):
        return [inlines]
    out: list[list[m.Inline]] = []
    for line in lines:  # the lines of text between two pictures stay one paragraph, with their breaks
        if out and out[-1] and not _pictures_alone(tuple(out[-1])) and line and not _pictures_alone(tuple(line)):
            out[-1].extend([m.LineBreak(), *line])
        else:
            out.append(line)
    return [_trim(tuple(line)) for line in out if _trim(tuple(line))]


def _line_blocks(line: tuple[m.Inline, ...]) -> list[m.Block]:
    """A figure for each picture of a line of pictures only, else the line's paragraph."""
    pictures = _pictures_alone(line)
    if pictures:
        return [m.Figure(src=image.src, caption=(m.Text(image.alt),) if image.alt.strip() else (), alt=image.alt)
                for image in pictures]
    return [m.Paragraph(line)]


def _pictures_alone(inlines: tuple[m.Inline, ...]) -> list[m.InlineImage]:
    """The pictures of a paragraph that holds nothing else (spaces and line breaks aside), each of
    them perhaps inside a link of its own: one figure each. Two photos pasted side by side, or a
    picture linked to its larger self (`[![alt](small)](large)`), were set inline at their pixel size,
    without number or caption, and the `图：` line under them captioned nothing."""
    pictures: list[m.InlineImage] = []
    for node in inlines:
        if isinstance(node, m.Link) and len(node.content) == 1:
            node = node.content[0]
        if isinstance(node, m.InlineImage):
            pictures.append(node)
        elif not (isinstance(node, m.LineBreak) or (isinstance(node, m.Text) and not node.text.strip())):
            return []
    return pictures

