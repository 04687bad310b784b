"""What pandoc's docx reader does not keep of a .docx, read from its parts:

- the short paragraphs it sets centred or flush right (a report's issuer and date under its title, a
  notice's signature): they came out as body paragraphs, indented like the text. Marked here as
  `sanitize` marks a web page's (a Div of `walk.ALIGN_CLASS`), so every edition sets them as written;
- the title in its properties (`docProps/core.xml`), for a document with no title paragraph: it was
  titled after its first sentence.
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from lxml import etree

from .ast_text import inline_text

from ..scripts import display_width, has_han
from .docx_shapes import W
from .walk import ALIGNED_MAX_WIDTH  # a longer paragraph's alignment is the layout's

_ALIGNMENTS = {"center": "center", "right": "end", "end": "end"}  # `w:jc` values; `both`, `left`: none
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def aligned_texts(data: bytes) -> list[tuple[str, str]]:
    """The text of each paragraph of the body, in order, with its alignment when it is short and the
    document aligns it (directly, or by its style or the style that style is based on): "center", "end"
    or ""."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = etree.fromstring(archive.read("word/document.xml"), _PARSER)
            names = set(archive.namelist())
            styles = etree.fromstring(archive.read("word/styles.xml"), _PARSER) if "word/styles.xml" in names else None
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return []
    by_style = _style_alignments(styles) if styles is not None else {}
    found: list[tuple[str, str]] = []
    body = document.find(f"{{{W}}}body")
    for paragraph in body.iterfind(f"{{{W}}}p") if body is not None else ():
        text = " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())
        if not text:
            continue
        properties = paragraph.find(f"{{{W}}}pPr")
        jc = properties.find(f"{{{W}}}jc") if properties is not None else None
        style = properties.find(f"{{{W}}}pStyle") if properties is not None else None
        value = jc.get(f"{{{W}}}val") if jc is not None else by_style.get(style.get(f"{{{W}}}val", "") if style is not None
                                                                          else "", "")
        align = _ALIGNMENTS.get(value or "", "")
        found.append((text, align if display_width(text) <= ALIGNED_MAX_WIDTH else ""))
    return found if any(align for _, align in found) else []


def _style_alignments(styles: Any) -> dict[str, str]:
    """Each paragraph style's `w:jc`, its own or its base style's."""
    own: dict[str, str] = {}
    based: dict[str, str] = {}
    for style in styles.iterfind(f"{{{W}}}style"):
        ident = style.get(f"{{{W}}}styleId", "")
        jc = style.find(f"{{{W}}}pPr/{{{W}}}jc")
        if jc is not None:
            own[ident] = jc.get(f"{{{W}}}val", "")
        if (base := style.find(f"{{{W}}}basedOn")) is not None:
            based[ident] = base.get(f"{{{W}}}val", "")
    return {ident: own.get(ident) or own.get(based.get(ident, ""), "") for ident in {*own, *based}}


def marked(blocks: list[Any], aligned: list[tuple[str, str]], align_class: str) -> list[Any]:
    """`blocks` (pandoc's top-level blocks) with each paragraph the document aligns in a Div of
    `align_class` + its alignment: pandoc's paragraphs matched to the document's in order, by their text
    (the same line may be centred under the title and flush right under the text)."""
    if not aligned:
        return blocks
    out, next_index = [], 0
    for block in blocks:
        if isinstance(block, dict) and block.get("t") in ("Para", "Plain"):
            text = " ".join(inline_text(block["c"]).split())
            index = next((i for i in range(next_index, len(aligned)) if aligned[i][0] == text), None)
            if index is not None:
                next_index = index + 1
                if align := aligned[index][1]:
                    block = {"t": "Div", "c": [["", [align_class + align], []], [block]]}
        out.append(block)
    return out


_CORE_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_TEMPLATE_TITLE = re.compile(r"^(?:Microsoft Word\s*-|PowerPoint|Document\d*$|Doc\d*$|文档\d*$|新建|无标题|未命名)", re.I)


def property_title(data: bytes, blocks: list[Any]) -> str:
    """The title the document's properties give, when it is one of this document's: not a template's
    (`Microsoft Word - 1.doc`, `文档1`), and in the body's script (an English title over Chinese text is a
    template's left behind)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = etree.fromstring(archive.read("docProps/core.xml"), _PARSER)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return ""
    found = core.find(_CORE_TITLE)
    title = " ".join((found.text or "").split()) if found is not None else ""
    if not title or _TEMPLATE_TITLE.match(title) or display_width(title) > 2 * ALIGNED_MAX_WIDTH:
        return ""
    body = " ".join(inline_text(b["c"]) for b in blocks[:8] if isinstance(b, dict) and b.get("t") in ("Para", "Plain"))
    return title if has_han(title) == has_han(body) else ""
