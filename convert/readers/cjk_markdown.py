"""Two CommonMark rules that misread Chinese Markdown as newsrooms paste it, and the way around them.

Emphasis. CommonMark lets `**` open emphasis only where it is not followed by punctuation unless
preceded by space or punctuation (and close it only where it is not preceded by punctuation unless
followed by space or punctuation). Latin text puts spaces around emphasis; Chinese text has none, and
puts its punctuation inside it: `这是**“加粗”**文字` and `**重点：**内容` come out with literal asterisks
and the emphasis paired wrongly (the spec's open issue on East Asian text; pandoc's own `markdown`
reader reads them as meant, but its headings differ from CommonMark's, see `pandoc`). An invisible mark
(U+034F COMBINING GRAPHEME JOINER) goes between such a delimiter run and the punctuation that blocks it,
where a CJK character stands on either side: neither space nor punctuation to the spec, so the run opens
or closes as the writer meant. (Pandoc's CommonMark reader refuses format characters such as U+2060 or
U+2063 there; a combining mark it takes as a letter.) `walk` drops the mark again.

Headings. `#标题` and `##第一部分`, without the space CommonMark wants after the hashes, are how many
Chinese editors type headings; the line came out as a paragraph (and as the title with its `#`). A
space is put after the hashes where a CJK character follows them (`#hashtag` in Latin text stays).

Addresses with spaces. `![充电站 夜景](充电站 夜景.png)`, a picture named as a camera or a Chinese
editor names files, is text to CommonMark (a destination with spaces must be written `<…>`): the picture
was lost and its address printed. Such a destination, without a title, is put in angle brackets.

Code and raw HTML are left as they are: pandoc says where they are (`sourcepos`).

Indented prose. Chinese text pasted with each paragraph indented by four spaces or a tab (a first-line
indent typed with spaces, as forums and plain-text copies carry it) is an indented code block to
CommonMark: the article came out as code. Such a block, outside lists and quotes, whose every line opens
with a CJK letter or mark, a digit or an opening quote or bracket and is mostly CJK, is unindented; code
(`def f():`, `# 注释`) and fenced blocks stay code.

Old presentational tags. `<center>![市民晨练](photo.jpg)</center>` and `<font color="red">**通知**</font>`, as
old content systems and forum editors wrap a picture or a line: CommonMark reads no Markdown inside an
HTML block, and the picture was printed as its own Markdown text. `<center>` and `<font>` say nothing
any edition keeps (the HTML cleaner drops them), so they are taken out, outside code, before reading.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

from ..scripts import CJK_LETTERS, CJK_PUNCTUATION, is_wide

SEPARATOR = "\u034f"  # COMBINING GRAPHEME JOINER: invisible, and a letter's mark to CommonMark
_RUN = re.compile(r"\*+")
# Worth a second look only where an asterisk touches a full-width mark or a curly quote.
_MARKS = CJK_PUNCTUATION + "\u2018-\u201f"
_CANDIDATE = re.compile(f"\\*[{_MARKS}]|[{_MARKS}]\\*")
# Up to three spaces, one to six hashes, then at once a CJK letter or mark (`#标题`, `##「專訪」`); not a
# Weibo topic, whose closing hash follows its words (`#两会# 代表委员说…`).
_TIGHT_HEADING = re.compile(f"^ {{0,3}}#{{1,6}}(?=[{CJK_LETTERS}{CJK_PUNCTUATION}])" r"(?![^#\n]*[^\s#]#)", re.M)
# `![alt](a b.png)`, `[text](my file.pdf)`: a destination with a space, no title, no brackets already
_SPACED_DESTINATION = re.compile(r"(!?\[[^\]\n]*\]\()([^()<>\n\"']*?[^\s()<>\n\"'] +[^()<>\n\"']*?)(\))")
# Code and raw HTML need a backquote, a tilde fence, an angle bracket or a line indented as code.
_MAYBE_VERBATIM = re.compile(r"[`~<]|^(?: {4}|\t)", re.M)
_POSITION = re.compile(r"^(\d+):(\d+)-(\d+):(\d+)$")
_PRESENTATIONAL = re.compile(r"</?(?:center|font)(?:\s[^<>]*)?>", re.I)


CODE_INDENT = r"(?: {4}|\t)"  # what makes a line indented code to CommonMark
CJK_OPENING = f"[ \\t\u3000]*[{CJK_LETTERS}{CJK_PUNCTUATION}]"  # ... and CJK text after it, past more indent
_INDENTED_CJK = re.compile(f"^{CODE_INDENT}{CJK_OPENING}", re.M)  # a line indented as code that opens with CJK text
_PROSE_LINE = re.compile(f"^[{CJK_LETTERS}{CJK_PUNCTUATION}0-9“‘「『（(《〈【]")
_CJK_CHAR = re.compile(f"[{CJK_LETTERS}{CJK_PUNCTUATION}]")


def unindent_prose(text: str, sourcepos_ast: Callable[[str], dict[str, Any]]) -> str:
    """`text` with Chinese prose indented as code unindented (see the module docstring)."""
    if not _INDENTED_CJK.search(text):
        return text
    lines = text.split("\n")
    for node in sourcepos_ast(text).get("blocks", []):
        # sourcepos wraps a block in a Div holding its position when the block has no attributes of its own
        inner = node["c"][1][0] if node.get("t") == "Div" and len(node["c"][1]) == 1 else node
        if inner.get("t") != "CodeBlock" or not _is_prose(inner["c"][1]):
            continue
        # `3:5-5:1;5:5-6:1`: the block's pieces, line by line; an end at column 1 is the line before's end
        position = next((v for k, v in inner["c"][0][2] + node["c"][0][2] if k == "data-pos"), "")
        pieces = [_POSITION.match(piece) for piece in position.split(";")]
        if not pieces or None in pieces:
            continue
        first = int(pieces[0][1]) - 1  # type: ignore[index]
        last = int(pieces[-1][3]) - (2 if pieces[-1][4] == "1" else 1)  # type: ignore[index]
        if lines[first].lstrip().startswith(("```", "~~~")):
            continue  # fenced: code as the writer marked it
        for index in range(first, min(last + 1, len(lines))):
            lines[index] = lines[index].lstrip(" \t")
    return "\n".join(lines)


def _is_prose(code: str) -> bool:
    lines = [line.strip() for line in code.split("\n") if line.strip()]
    chars = sum(len(line.replace(" ", "")) for line in lines)
    return bool(lines) and all(_PROSE_LINE.match(line) for line in lines) \
        and len(_CJK_CHAR.findall(code)) * 2 >= chars


def unwrap_presentational(text: str, sourcepos_ast: Callable[[str], dict[str, Any]]) -> str:
    """`text` without `<center>` and `<font>` tags outside code (see the module docstring)."""
    if not _PRESENTATIONAL.search(text):
        return text
    protected = code_offsets(text, sourcepos_ast)
    return _PRESENTATIONAL.sub(lambda match: match.group(0) if any(low <= match.start() < high for low, high in protected)
                               else "", text)


def code_offsets(text: str, sourcepos_ast: Callable[[str], dict[str, Any]]) -> list[tuple[int, int]]:
    """Where in `text` its code spans and blocks are, as (start, end) offsets: no pandoc run where there
    can be none."""
    if not re.search(r"[`~]|^(?: {4}|\t)", text, re.M):
        return []
    return _positions(text, _verbatim_positions(sourcepos_ast(text), raw_html=False))


def _positions(text: str, spans: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """(line, column, end line, end column) spans as offsets into `text`."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return [(starts[a - 1] + b - 1, starts[c - 1] + d - 1) for a, b, c, d in spans if c - 1 < len(starts)]


def needs_help(text: str) -> bool:
    """Whether `text` has an asterisk touching Chinese punctuation, a heading's hashes touching a CJK
    character or a link's address with a space in it (else `cjk_friendly` changes nothing)."""
    return bool(_CANDIDATE.search(text) or _TIGHT_HEADING.search(text) or _SPACED_DESTINATION.search(text))


def cjk_friendly(text: str, sourcepos_ast: Callable[[str], dict[str, Any]]) -> str:
    """`text` as CommonMark reads it the way a Chinese writer meant (see the module docstring).
    `sourcepos_ast` parses Markdown with pandoc's `+sourcepos` (to find code and raw HTML)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    protected = [(starts[a - 1] + b - 1, starts[c - 1] + d - 1)
                 for a, b, c, d in _verbatim_positions(sourcepos_ast(text)) if c - 1 < len(starts)] \
        if _MAYBE_VERBATIM.search(text) else []  # no pandoc run (~0.06 s) to find no code

    def verbatim(position: int) -> bool:
        return any(low <= position < high for low, high in protected)

    text = _TIGHT_HEADING.sub(lambda match: match.group(0) if verbatim(match.start()) else match.group(0) + " ", text)
    text = _SPACED_DESTINATION.sub(lambda match: match.group(0) if verbatim(match.start())
                                   else f"{match[1]}<{match[2].strip()}>{match[3]}", text)
    out, last = [], 0
    for match in _RUN.finditer(text):
        start, end = match.span()
        if verbatim(start):
            continue
        before, after = text[start - 1] if start else "", text[end] if end < len(text) else ""
        if not (is_wide(before) or is_wide(after)):
            continue  # Latin text: the rule works as the spec means it
        opens = _punctuation(after) and before and not before.isspace() and not _punctuation(before)
        closes = _punctuation(before) and after and not after.isspace() and not _punctuation(after)
        if opens or closes:
            out.append(text[last:start])
            out.append((SEPARATOR if closes else "") + match.group(0) + (SEPARATOR if opens else ""))
            last = end
    out.append(text[last:])
    return "".join(out)


def _punctuation(char: str) -> bool:
    """CommonMark's Unicode punctuation: general categories P and S."""
    return bool(char) and unicodedata.category(char)[0] in "PS"


def _verbatim_positions(ast: dict[str, Any], raw_html: bool = True) -> list[tuple[int, int, int, int]]:
    """(line, column, end line, end column) of every code span, code block and raw HTML (unless not
    `raw_html`) in `ast`."""
    found: list[tuple[int, int, int, int]] = []

    def verbatim(node: dict[str, Any]) -> bool:
        kind = node.get("t")
        if kind in ("Code", "CodeBlock"):
            return True
        if not raw_html:
            return False
        # Raw HTML has no attributes of its own: sourcepos wraps it in a Span (Div) that has them.
        return kind in ("Span", "Div") and bool(node["c"][1]) and all(
            isinstance(child, dict) and child.get("t") in ("RawInline", "RawBlock") for child in node["c"][1])

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if verbatim(node):
                for key, value in node["c"][0][2]:
                    if key == "data-pos" and (match := _POSITION.match(value)):
                        found.append(tuple(int(g) for g in match.groups()))  # type: ignore[arg-type]
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(ast.get("blocks", []))
    return found
