"""A web page's notes as footnotes: a number linked to a list item further down (`…17人<sup><a
href="#note-1">1</a></sup>` and, under the text, `<li id="note-1">衛生福利部，…</li>`), as long-form sites
(The Reporter, Initium, a university's press office) set them. Pandoc reads notes only in its own markup
(`role="doc-noteref"`), which such pages do not use: the number was a link to nowhere in every edition, and
the notes a list at the end. Read here from pandoc's AST of the page."""
from __future__ import annotations

import re
from typing import Any

from .ast_text import inline_text
from .pandoc import AST_DEPTH as _MAX_DEPTH

_NOTE_NUMBER = re.compile(r"^[\[［(（]?\s*(?:注|註)?\s*\d{1,3}\s*[\]］)）]?$")
_BACK = re.compile(r"^\s*(?:↩\ufe0e?|↑|\^|返回|回到正文)\s*$")


def linked_notes(blocks: list[Any]) -> list[Any]:
    """`blocks` with each numbered link to a list item below it made a pandoc `Note` holding that item,
    and the items (and a list, or a notes heading, left empty) taken out."""
    targets = _note_items(blocks)
    if not targets:
        return blocks
    used: set[str] = set()
    blocks = _with_notes(blocks, targets, used, 0)
    if not used:
        return blocks
    return _without_items(blocks, used, 0)


def _note_items(node: Any, found: dict[str, list[Any]] | None = None, depth: int = 0) -> dict[str, list[Any]]:
    """The id of each list item that holds a note (the id pandoc moved onto the item's first span) and
    the item's inlines."""
    found = {} if found is None else found
    if depth > _MAX_DEPTH:
        return found
    if isinstance(node, list):
        for item in node:
            _note_items(item, found, depth + 1)
    elif isinstance(node, dict):
        if node.get("t") in ("OrderedList", "BulletList"):
            items = node["c"][1] if node["t"] == "OrderedList" else node["c"]
            for item in items:
                if (ident := _item_id(item)) is not None:
                    found[ident] = item
        for value in node.values():
            _note_items(value, found, depth + 1)
    return found


def _item_id(item: list[Any]) -> str | None:
    first = item[0] if item and isinstance(item[0], dict) and item[0].get("t") in ("Plain", "Para") else None
    inlines = first["c"] if first else []
    if inlines and inlines[0].get("t") == "Span" and inlines[0]["c"][0][0]:
        return str(inlines[0]["c"][0][0])
    return None


def _with_notes(node: Any, targets: dict[str, list[Any]], used: set[str], depth: int) -> Any:
    if depth > _MAX_DEPTH:
        return node
    if isinstance(node, list):
        return [_with_notes(item, targets, used, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    if (ident := _reference(node)) is not None and ident in targets and ident not in used:
        used.add(ident)
        return {"t": "Note", "c": _note_blocks(targets[ident])}
    return {key: _with_notes(value, targets, used, depth + 1) for key, value in node.items()}


def _reference(node: dict[str, Any]) -> str | None:
    """The id a note number links to: `<a href="#note-1">1</a>`, in a superscript or not."""
    if node.get("t") == "Superscript" and len(node["c"]) == 1:
        node = node["c"][0]
    if node.get("t") != "Link":
        return None
    url = node["c"][2][0]
    text = inline_text(node["c"][1])
    return url[1:] if url.startswith("#") and len(url) > 1 and _NOTE_NUMBER.match(text) else None


def _note_blocks(item: list[Any]) -> list[Any]:
    """A note's list item as the note's blocks: the id's span unwrapped, the link back taken off."""
    out = []
    for block in item:
        if isinstance(block, dict) and block.get("t") in ("Plain", "Para"):
            inlines = [i for i in _unwrapped(block["c"]) if not _is_back_link(i)]
            while inlines and inlines[-1].get("t") in ("Space", "SoftBreak"):
                inlines.pop()
            block = {"t": "Para", "c": inlines}
        out.append(block)
    return out


def _unwrapped(inlines: list[Any]) -> list[Any]:
    if inlines and inlines[0].get("t") == "Span" and inlines[0]["c"][0][0]:
        return [*inlines[0]["c"][1], *inlines[1:]]
    return inlines


def _is_back_link(inline: dict[str, Any]) -> bool:
    if inline.get("t") != "Link" or not inline["c"][2][0].startswith("#"):
        return False
    return bool(_BACK.match(inline_text(inline["c"][1])))


def _without_items(node: Any, used: set[str], depth: int) -> Any:
    """`node` without the list items that became notes; a list left empty goes, and the heading that
    stood over it alone (`註釋`, `Notes`) with it."""
    if depth > _MAX_DEPTH or not isinstance(node, (list, dict)):
        return node
    if isinstance(node, dict):
        return {key: _without_items(value, used, depth + 1) for key, value in node.items()}
    out: list[Any] = []
    for item in node:
        if isinstance(item, dict) and item.get("t") in ("OrderedList", "BulletList"):
            items = item["c"][1] if item["t"] == "OrderedList" else item["c"]
            kept = [i for i in items if _item_id(i) not in used]
            if not kept:
                if out and isinstance(out[-1], dict) and out[-1].get("t") == "Header":
                    out.pop()  # the notes' heading, over nothing now
                continue
            if len(kept) < len(items):
                item = {**item, "c": [item["c"][0], kept] if item["t"] == "OrderedList" else kept}
        out.append(_without_items(item, used, depth + 1))
    return out
