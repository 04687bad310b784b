"""What note-taking apps add to Markdown that CommonMark reads as text: Obsidian's and Typora's
highlights (`==重点==`), comments (`%% 私人备注 %%`), embedded pictures (`![[图.png]]`), links between notes
(`[[笔记|文字]]`) and callouts (`> [!NOTE] 标题`); GitHub's alerts (`> [!WARNING]`) too.

A reporter's notes come out of such an app; printed as they were typed, the private comment was
published, the picture was its file name, and the callout showed `[!NOTE]`. Each is read here from
pandoc's AST (or, for comments, from the text outside code, before pandoc: `%%` is no Markdown), never by a
parser of our own.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from .ast_text import inline_text

HIGHLIGHT_CLASS = "mark"  # pandoc's span for `<mark>`, and for Markdown's `==…==`
CALLOUT_CLASS = "convert-callout"  # a callout's Div: its kind a class beside this one, its own title the `title`

# A comment (`增长5%%`, a doubled percent sign, opens none) or a titled callout's first line
_PREPARED = re.compile(r"(?P<comment>(?<![\d%])%%.*?(?<![\d%])%%)"
                       r"|(?P<callout>^[ \t]{0,3}(?:>[ \t]?)+\[![A-Za-z][\w-]{0,20}\][+-]?[ \t]+\S[^\n]*?(?<!\\)"
                       r"(?=\n[ \t]{0,3}>))", re.S | re.M)
_PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".avif"}
_EMBED_SEARCH_DEPTH = 3  # folders below the note's own that an embedded picture's bare name is looked for in


def prepared(text: str, verbatim: Callable[[str], list[tuple[int, int]]]) -> str:
    """`text` without Obsidian's comments (`%% … %%`, on one line or over several), which the app never
    shows: a reporter's private note; and with a callout's title line ended by a hard break (`> [!tip]- 标题`),
    which pandoc would otherwise run into the callout's first line (Chinese lines join with no space).
    `verbatim(text)` gives the offsets of code, which stays as it is."""
    if "%%" not in text and "[!" not in text:
        return text
    protected = verbatim(text)

    def change(match: re.Match[str]) -> str:
        if any(low <= match.start() < high for low, high in protected):
            return match[0]
        return "" if match["comment"] else match[0] + "\\"

    return _PREPARED.sub(change, text)


# ---------------------------------------------------------------- on pandoc's AST


def rewritten(node: dict[str, Any], folder: Path) -> dict[str, Any]:
    """One node of the AST with its highlights, embeds and callouts as the rest of `convert` reads them
    (for `pandoc._rewritten`)."""
    kind = node.get("t")
    if kind == "BlockQuote" or kind == "Div":
        return _callout(node)
    place = _INLINE_LISTS.get(kind or "", -1)
    if place == -1:
        return node
    inlines = node["c"] if place is None else node["c"][place]
    if not isinstance(inlines, list):
        return node
    changed = _embedded(_paired_marks(inlines), folder)
    return {**node, "c": changed if place is None else [*node["c"][:place], changed, *node["c"][place + 1:]]}


_INLINE_LISTS = {"Para": None, "Plain": None, "Emph": None, "Strong": None, "Strikeout": None,
                 "Header": 2, "Span": 1, "Link": 1, "Quoted": 1}  # where a node's inlines are in its "c"
_MARK = re.compile(r"(?<![=\\])==(?!=)")


def _paired_marks(inlines: list[Any]) -> list[Any]:
    """`==重点==` as a highlight span; a `==` no pair closes (`a == b`) stays text."""
    if not any(i.get("t") == "Str" and "==" in i["c"] for i in inlines):
        return inlines
    pieces: list[Any] = []  # pandoc's inlines, with each `==` a None between them
    for item in inlines:
        if item.get("t") != "Str" or "==" not in item["c"]:
            pieces.append(item)
            continue
        for index, text in enumerate(_MARK.split(item["c"])):
            if index:
                pieces.append(None)
            if text:
                pieces.append({"t": "Str", "c": text})

    def blank(piece: Any) -> bool:
        return piece is None or piece.get("t") in ("Space", "SoftBreak", "LineBreak")

    out: list[Any] = []
    opened: int | None = None  # where in `out` the `==` that may open a highlight is
    for index, piece in enumerate(pieces):
        if piece is not None:
            out.append(piece)
            continue
        before = pieces[index - 1] if index else None
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        if opened is not None and not blank(before) and len(out) > opened + 1:
            out[opened:] = [{"t": "Span", "c": [["", [HIGHLIGHT_CLASS], []], out[opened + 1:]]}]
            opened = None
            continue
        if not blank(after):
            opened = len(out)
        out.append({"t": "Str", "c": "=="})  # text, unless a pair closes it
    return out


def _embedded(inlines: list[Any], folder: Path) -> list[Any]:
    """`![[图.png]]` (pandoc: `!` then a wiki link) as the picture, found by its name as Obsidian finds it:
    beside the note or in a folder under it (`attachments/`); any other wiki link is its text."""
    out: list[Any] = []
    for item in inlines:
        previous = out[-1] if out else None
        if item.get("t") == "Link" and "wikilink" in item["c"][0][1] and previous and previous.get("t") == "Str" \
                and previous["c"].endswith("!") and Path(target := item["c"][2][0]).suffix.lower() in _PICTURE_SUFFIXES:
            if previous["c"] == "!":
                out.pop()
            else:
                out[-1] = {"t": "Str", "c": previous["c"][:-1]}
            out.append({"t": "Image", "c": [["", [], []], [], [_found(target, folder), ""]]})
            continue
        out.append(item)
    return out


def _found(name: str, folder: Path) -> str:
    """The path of an embedded file relative to the note's folder: as written when it is there, else the
    first file of that name in the folders under it (sorted, so the same one each time)."""
    if "/" in name or (folder / name).exists():
        return name
    for depth in range(1, _EMBED_SEARCH_DEPTH + 1):
        found = sorted(folder.glob("/".join(["*"] * depth) + "/" + _glob_escaped(name)))
        if found:
            return found[0].relative_to(folder).as_posix()
    return name


def _glob_escaped(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


# GitHub's alerts (pandoc's `alerts`: a Div of the kind, its first child a Div "title" holding the English
# word) and Obsidian's callouts, which may carry a title and fold (`> [!faq]- 标题`), which pandoc leaves a quote
_ALERTS = {"note", "tip", "important", "warning", "caution"}
_CALLOUT_MARK = re.compile(r"^\[!([A-Za-z][\w-]{0,20})\]([+-]?)$")


def _callout(node: dict[str, Any]) -> dict[str, Any]:
    if node["t"] == "Div":
        (_, classes, _), blocks = node["c"]
        kinds = [k for k in classes if k in _ALERTS]
        first = blocks[0] if blocks else None
        if not kinds or not first or first.get("t") != "Div" or "title" not in first["c"][0][1]:
            return node
        return _callout_div(kinds[0], "", blocks[1:])
    blocks = node["c"]
    first = blocks[0] if blocks else None
    if not first or first.get("t") not in ("Para", "Plain") or not first["c"] or first["c"][0].get("t") != "Str" \
            or not (mark := _CALLOUT_MARK.match(first["c"][0]["c"])):
        return node
    rest = first["c"][1:]
    title_end = next((i for i, n in enumerate(rest) if n.get("t") in ("SoftBreak", "LineBreak")), len(rest))
    title = inline_text(rest[:title_end])
    body = rest[title_end + 1:]
    return _callout_div(mark[1].lower(), title.strip(), ([{**first, "c": body}] if body else []) + blocks[1:])


def _callout_div(kind: str, title: str, blocks: list[Any]) -> dict[str, Any]:
    return {"t": "Div", "c": [["", [CALLOUT_CLASS, kind], [["title", title]] if title else []], blocks]}
