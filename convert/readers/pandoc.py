"""Running pandoc, the parser of every input: the binary bundled by pypandoc-binary, always with
`--sandbox`, its JSON checked to be the AST version `walk` reads.

Markdown is read as CommonMark (pandoc's `commonmark_x`: GitHub's tables, footnotes, front matter,
attributes), so every heading the CommonMark spec sees (setext headings over several lines, indented
`#`, a heading right after a paragraph) is a heading here too. Pandoc's `Table: caption` line, which
CommonMark lacks, still captions the table beside it.

Raw HTML is never passed through: a Markdown article that holds any is sent through pandoc's HTML
writer, cleaned by `sanitize`, and read back with pandoc's HTML reader.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Callable

from ..errors import ConvertError, warn
from ..model import CHECKED_BOX, UNCHECKED_BOX
from ..scripts import display_width, has_han, is_verse, is_wide
from .ast_text import inline_text
from .cjk_markdown import (CJK_OPENING, CODE_INDENT, cjk_friendly, code_offsets, needs_help, unindent_prose,
                           unwrap_presentational)
from .notes_apps import rewritten as notes_apps_rewritten
from .notes_apps import prepared as notes_apps_prepared

PANDOC_API = (1, 23)  # the pandoc-types version whose JSON `walk` reads
MAX_NESTING = 60
PANDOC_TIMEOUT_S = 120
# news: $ is money, not TeX; `:name:` is text, not an emoji
# ... and `[[笔记|文字]]` is a link between notes (`notes_apps`)
MARKDOWN = "commonmark_x+east_asian_line_breaks-implicit_figures-tex_math_dollars-emoji+wikilinks_title_after_pipe"
HTML = "html-raw_html"


def pandoc_version() -> str:
    import pypandoc

    return pypandoc.get_pandoc_version()


@lru_cache(maxsize=1)
def _pandoc_path() -> str:
    """pypandoc-binary's own pandoc, found without importing pypandoc (its import and its search, which
    runs `pandoc --version` on every candidate, cost more than parsing an article); pypandoc's search
    when that binary is absent or PYPANDOC_PANDOC names another."""
    spec = find_spec("pypandoc")
    if not os.environ.get("PYPANDOC_PANDOC") and spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            bundled = Path(folder) / "files" / "pandoc"
            if os.access(bundled, os.X_OK):
                return str(bundled.resolve())
    import pypandoc

    return pypandoc.get_pandoc_path()


def _pandoc_run(path: Path, args: list[str], stdin: str | bytes) -> str:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    try:
        done = subprocess.run([_pandoc_path(), "--sandbox", *args], input=data, capture_output=True,
                              timeout=PANDOC_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise ConvertError(path, f"pandoc took longer than {PANDOC_TIMEOUT_S} s to parse it") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConvertError(path, f"pandoc cannot parse it: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8")


def markdown_ast(path: Path, text: str) -> dict[str, Any]:
    """Markdown to pandoc's AST. Raw HTML in it goes out through pandoc's HTML writer, is cleaned by
    `sanitize`, and comes back through pandoc's HTML reader; the front matter stays from the first pass."""
    if path.suffix.lower() == ".txt":
        text = lines_as_paragraphs(bullet_lines(text))
    def sourcepos_ast(source: str) -> dict[str, Any]:  # where code and raw HTML are, for `cjk_markdown`
        return json.loads(_pandoc_run(path, ["-f", MARKDOWN + "+sourcepos", "-t", "json"], source))

    text = unwrap_presentational(text, sourcepos_ast)  # `<center>![…](…)</center>`
    text = unindent_prose(text, sourcepos_ast)  # Chinese paragraphs indented by four spaces
    text = notes_apps_prepared(text, lambda source: code_offsets(source, sourcepos_ast))  # `%% … %%`, `> [!NOTE] 标题`
    text = nested_notes(path, text, lambda source: code_offsets(source, sourcepos_ast))  # `[^a]: 参见[^b]。`
    if needs_help(text):  # `**“加粗”**文字`, `#标题`: see `cjk_markdown`
        text = cjk_friendly(text, sourcepos_ast)
    out = _pandoc_run(path, ["-f", MARKDOWN, "-t", "json"], text)
    ast = _parse_ast(path, out)
    if '"t":"RawBlock"' in out or '"t":"RawInline"' in out:  # quotes inside JSON strings are escaped
        from .sanitize import sanitize_html  # lxml and nh3: for raw HTML only

        notes: list[Any] = []
        marked = json.dumps({**ast, "blocks": _notes_as_marks(ast["blocks"], notes)})
        html = _pandoc_run(path, ["-f", "json", "-t", "html5", "--syntax-highlighting=none"], marked)  # code as typed
        ast["blocks"] = _marks_as_notes(_pandoc_json(path, sanitize_html(html, path.name), HTML)["blocks"], notes)
    ast["blocks"] = table_captions(_task_boxes(ast["blocks"]))  # after the round trip, where a box would go
    ast["blocks"] = _rewritten(ast["blocks"], lambda node: notes_apps_rewritten(node, path.parent))
    return ast


# How deep the passes over pandoc's JSON go: past it the article nests deeper than `MAX_NESTING` blocks,
# which `walk` refuses (a Python recursion that deep would fail first)
AST_DEPTH = 4 * MAX_NESTING


def _rewritten(node: Any, change: Callable[[dict[str, Any]], Any], depth: int = 0) -> Any:
    """`node` (pandoc's JSON) with `change` applied to each object in it, outermost first, and the walk
    going on into what `change` returns; down to `AST_DEPTH`."""
    if depth > AST_DEPTH:
        return node
    if isinstance(node, list):
        return [_rewritten(item, change, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: _rewritten(value, change, depth + 1) for key, value in change(node).items()}


_CHECKED = ({"t": "Str", "c": "[x]"}, {"t": "Str", "c": "[X]"})
_UNCHECKED = [{"t": "Str", "c": "["}, {"t": "Space"}, {"t": "Str", "c": "]"}]


def _task_boxes(blocks: list[Any]) -> list[Any]:
    """Task list items (`- [x] 完成`, `- [ ] 撰写`) with the boxes pandoc's `task_lists` gives (☒, ☐): in
    `commonmark_x` (pandoc 3.9) the `fancy_lists` extension keeps `task_lists` from reading them, and
    `[x]` stayed text."""
    return _rewritten(blocks, _boxed)


def _boxed(node: dict[str, Any]) -> dict[str, Any]:
    if node.get("t") != "BulletList":
        return node
    items = []
    for item in node["c"]:
        first = item[0] if item and item[0].get("t") in ("Plain", "Para") else None
        inlines = first["c"] if first else []
        box = (CHECKED_BOX if inlines[:1] and inlines[0] in _CHECKED and inlines[1:2] == [{"t": "Space"}] else
               UNCHECKED_BOX if inlines[:4] == [*_UNCHECKED, {"t": "Space"}] else "")
        if first is not None and box:
            rest = inlines[1:] if box == CHECKED_BOX else inlines[3:]
            item = [{**first, "c": [{"t": "Str", "c": box}, *rest]}, *item[1:]]
        items.append(item)
    return {**node, "c": items}


NOTE_CLASS = "convert-note"  # a footnote's place through the HTML round trip, which keeps no notes


def _notes_as_marks(blocks: list[Any], notes: list[Any]) -> list[Any]:
    """`blocks` with each footnote (`Note`) replaced by a span of its number, the note kept in `notes`:
    pandoc's HTML writer sets notes as a list of links at the end, which its HTML reader reads back as
    a list, the notes lost (`[^1]` in an article with a `<br>` or a comment in it)."""
    def mark(node: dict[str, Any]) -> dict[str, Any]:
        if node.get("t") != "Note":
            return node
        notes.append(node)
        return {"t": "Span", "c": [["", [NOTE_CLASS], []], [{"t": "Str", "c": str(len(notes) - 1)}]]}
    return _rewritten(blocks, mark)


def _marks_as_notes(blocks: list[Any], notes: list[Any]) -> list[Any]:
    def note(node: dict[str, Any]) -> dict[str, Any]:
        if node.get("t") != "Span" or NOTE_CLASS not in node["c"][0][1]:
            return node
        index = inline_text(node["c"][1])
        return notes[int(index)] if index.isdigit() and int(index) < len(notes) else {"t": "Str", "c": ""}
    return _rewritten(blocks, note)


_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)
# (a line indented as code that opens with CJK text is a paragraph's typed indent: `cjk_markdown.unindent_prose`)
_BLOCK_MARKUP = re.compile(f"^(?:{CODE_INDENT}(?!{CJK_OPENING})"
                           r"| {0,3}(?:[|>]|```|~~~|[-*+][ \t]|\d{1,9}[.)][ \t]|[-=_*]{3,}\s*$))")


# A footnote's definition, its first line and the indented lines that go on with it
_NOTE_DEFINITION = re.compile(r"^\[\^(?P<id>[^\]\s]{1,40})\]:[ \t]*(?P<text>[^\n]*(?:\n(?:    |\t)[^\n]*)*)", re.M)
_NOTE_CALL = re.compile(r"\[\^(?P<id>[^\]\s]{1,40})\](?!:)")


def nested_notes(path: Path, text: str, verbatim: Callable[[str], list[tuple[int, int]]]) -> str:
    """`text` with a note that a footnote cites (`[^a]: 第一条注释，参见[^b]。`) set inside it in brackets
    (`参见（内层注释）`), when no text but footnotes cites it: pandoc nests no note in a note, and its
    text was gone from every edition, unsaid. A note the text cites too stays a footnote of its own;
    the citing note then only lost its call, which is said."""
    def cited_inside(definitions: dict[str, re.Match[str]]) -> list[tuple[str, re.Match[str]]]:
        return [(d["id"], call) for d in definitions.values() for call in _NOTE_CALL.finditer(text, d.start("text"), d.end())
                if call["id"] in definitions and call["id"] != d["id"]]

    if "[^" not in text or not cited_inside({d["id"]: d for d in _NOTE_DEFINITION.finditer(text)}):
        return text
    code = verbatim(text)
    definitions: dict[str, re.Match[str]] = {}
    for found in _NOTE_DEFINITION.finditer(text):  # the first of each, outside code
        if not any(a <= found.start() < b for a, b in code):
            definitions.setdefault(found["id"], found)
    inside = cited_inside(definitions)
    spans = [(d.start(), d.end()) for d in definitions.values()]
    cited_outside = {call["id"] for call in _NOTE_CALL.finditer(text)
                     if not any(a <= call.start() < b for a, b in spans + code)}
    out, last = [], 0
    for outer, call in sorted(inside, key=lambda item: item[1].start()):
        if any(a <= call.start() < b for a, b in code):
            continue
        if call["id"] in cited_outside:
            warn(f"{path.name}: footnote [^{outer}] cites footnote [^{call['id']}], which no note can hold; the call is left out")
            continue
        inner = " ".join(_NOTE_CALL.sub("", definitions[call["id"]]["text"]).split())
        wide = any(is_wide(char) for char in inner)
        out += [text[last:call.start()], f"（{inner.rstrip('。')}）" if wide else f" ({inner})"]
        last = call.end()
    return "".join(out) + text[last:]


def lines_as_paragraphs(text: str) -> str:
    """A plain-text article (.txt) whose every line is a paragraph (as content systems export it, and as
    Chinese copy is pasted) keeps its lines apart: the first line is then the headline it is, not the
    start of one long paragraph. So do the lines of Chinese text between blank lines where Markdown would
    run them into one: the group at the top (headline, `原创 刘思远 南方周末…`, `点击上方蓝字关注我们`) unless
    it is one paragraph wrapped to a width, and any group of short lines (`编辑：X` over `审核：Y`, a list of
    titles). A group of long lines (a paragraph copied out of a PDF, wrapped mid-sentence) is left to
    `walk`, which cuts it where a line ends a block. Text that marks blocks as Markdown does (lists,
    quotes, tables, code, rules) is left as it is, and so is Latin text, whose lines wrap its paragraphs."""
    front = _FRONT_MATTER.match(text)
    head, body = (text[:front.end()], text[front.end():]) if front else ("", text)
    lines = body.strip("\n").split("\n")
    if any(_BLOCK_MARKUP.match(line) for line in lines):
        return text
    if len(lines) >= 3 and all(line.strip() for line in lines):
        return head + "\n\n".join(lines) + "\n"
    groups = re.split(r"\n[ \t]*\n", body.strip("\n"))
    apart = [_lines_apart(group, top=index == 0) for index, group in enumerate(groups)]
    return text if apart == groups else head + "\n\n".join(apart) + "\n"


_WRAP_WIDTH = 40  # display columns (20 Han characters): a line this wide may be one a paragraph wraps
# A line opening with a short label and a colon (`来源：南方周末`, `实习生：黄可欣`, `原标题：…`, `记者：请问…`)
_LABELLED = re.compile(r"^[ \t\u3000]*[^\s:：，。,.]{1,6}：")


def _lines_apart(group: str, *, top: bool) -> str:
    lines = group.split("\n")
    if len(lines) < 2 or not all(has_han(line) for line in lines) or is_verse([line.strip() for line in lines]):
        return group  # (verse: `walk` keeps its lines in one paragraph)
    widths = [display_width(line.strip()) for line in lines]
    if top and not (min(widths[:-1]) >= _WRAP_WIDTH and min(widths[:-1]) >= 0.9 * max(widths[:-1])) \
            or max(widths) < _WRAP_WIDTH:
        return "\n\n".join(lines)
    return "".join(("\n\n" if _LABELLED.match(line) else "\n") + line if index else line
                   for index, line in enumerate(lines))


# A bullet a word processor or web page leaves in pasted text (`• 孕妇及5岁以下儿童;`).
_TEXT_BULLET = re.compile(r"^[ \t]*[•●▪■◆◇○・◦‣][ \t\u3000]*(?=\S)", re.M)


def bullet_lines(text: str) -> str:
    """Plain text's bulleted lines as Markdown list items, so that they are a list, not one paragraph
    run together with its bullets."""
    return _TEXT_BULLET.sub("- ", text)


_CAPTION_MARK = re.compile(r"^(?:[Tt]able)?:$")


def table_captions(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pandoc Markdown's table caption: a paragraph starting `Table:` (or `:`) just after a table
    without a caption (else just before it) becomes that caption."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        previous = out[-1] if out else None
        if _caption_paragraph(block) and previous is not None and _uncaptioned_table(previous):
            _set_caption(previous, block)
            continue
        if _uncaptioned_table(block) and previous is not None and _caption_paragraph(previous):
            _set_caption(block, out.pop())
        out.append(block)
    return out


def _caption_paragraph(block: dict[str, Any]) -> bool:
    content = block.get("c") if block.get("t") == "Para" else None
    return bool(content) and content[0].get("t") == "Str" and bool(_CAPTION_MARK.match(content[0]["c"]))


def _uncaptioned_table(block: dict[str, Any]) -> bool:
    return block.get("t") == "Table" and not block["c"][1][1]


def _set_caption(table: dict[str, Any], paragraph: dict[str, Any]) -> None:
    inlines = paragraph["c"][1:]
    while inlines and inlines[0].get("t") in ("Space", "SoftBreak"):
        inlines = inlines[1:]
    table["c"][1][1] = [{"t": "Plain", "c": inlines}] if inlines else []


_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.I | re.S)


def html_ast(path: Path, html: str) -> dict[str, Any]:
    """HTML, cleaned by `sanitize`, to pandoc's AST; the <title> and <meta> of its head become metadata
    (and the <title> only that: the sanitizer would keep its text as the body's first line)."""
    from .sanitize import sanitize_html

    from .linked_notes import linked_notes

    ast = _pandoc_json(path, sanitize_html(_TITLE_ELEMENT.sub("", html), path.name), HTML)
    ast["blocks"] = linked_notes(ast["blocks"])  # `<sup><a href="#note-1">1</a></sup>` to `<li id="note-1">`
    ast["meta"] = {**_html_head_meta(html), **ast.get("meta", {})}
    return ast


def _pandoc_json(path: Path, stdin: str | bytes, fmt: str) -> dict[str, Any]:
    return _parse_ast(path, _pandoc_run(path, ["-f", fmt, "-t", "json"], stdin))


def _parse_ast(path: Path, out: str) -> dict[str, Any]:
    try:
        ast = json.loads(out)
    except RecursionError:
        raise ConvertError(path, f"the article nests deeper than {MAX_NESTING} levels") from None
    version = tuple(ast.get("pandoc-api-version", ()))[:2]
    if version != PANDOC_API:
        raise ConvertError(path, f"pandoc speaks AST version {version}; convert reads {PANDOC_API} "
                                 f"(install the pypandoc-binary version from pyproject.toml)")
    return ast


def _html_head_meta(html: str) -> dict[str, Any]:
    """<title> and <meta name=author|description|keywords> of an HTML page, as pandoc meta values."""
    from .sanitize import head_metadata

    return {key: {"t": "MetaString", "c": value} for key, value in head_metadata(html).items()}




def docx_ast(path: Path, data: bytes) -> dict[str, Any]:
    """A .docx to pandoc's AST, once `docx.checked_docx` has bounded its size and dropped the external
    relationships it must not follow."""
    from .docx import checked_docx
    from .docx_alignment import aligned_texts, marked, property_title
    from .walk import ALIGN_CLASS

    checked = checked_docx(path, data)
    ast = _pandoc_json(path, checked, "docx")
    ast["blocks"] = marked(ast["blocks"], aligned_texts(checked), ALIGN_CLASS)  # a centred issuer and date
    if "title" not in ast.get("meta", {}) and not any(b.get("t") == "Header" and b["c"][0] == 1 for b in ast["blocks"]) \
            and (title := property_title(checked, ast["blocks"])):
        ast.setdefault("meta", {})["title"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": title}]}
    return ast
