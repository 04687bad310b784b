"""WordprocessingML building blocks for the DOCX writer: elements in schema order, safe text, fields.

Word refuses a package whose `w:pPr`/`w:rPr` children are out of schema order, and lxml refuses
control characters; every element and string of the DOCX writer goes through here, so neither can
happen elsewhere.
"""
from __future__ import annotations

import copy
import re
from typing import Iterable

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml import etree

Element = etree._Element

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed and handled by `text_runs`).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# Child order of the property elements the writer builds (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28, ...).
_ORDER: dict[str, list[str]] = {
    "w:pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange"],
    "w:rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "w:pBdr": ["top", "left", "bottom", "right", "between", "bar"],
    "w:tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
                "tblLook"],
    "w:tblBorders": ["top", "left", "bottom", "right", "insideH", "insideV"],
    "w:tcBorders": ["top", "left", "bottom", "right", "insideH", "insideV", "tl2br", "tr2bl"],
    "w:tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
               "textDirection", "tcFitText", "vAlign", "hideMark"],
    "w:style": ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
                "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
                "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"],
}


def clean(text: str) -> str:
    """`text` without the characters XML cannot hold (dropped, never fatal)."""
    return _XML_INVALID.sub("", text)


def el(tag: str, *children: Element | None, **attributes: object) -> Element:
    """A `w:`-namespaced element; attribute names are local (`val=`, `eastAsia=`) unless they hold a colon
    (pass those through `attrs()`). Children that are None are skipped; known property elements are
    put in schema order."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        if value is not None:
            element.set(qn(f"w:{name}"), clean(str(value)))
    append(element, children)
    return element


def attrs(element: Element, **qualified: object) -> Element:
    """Set namespaced attributes given as `r_id=...` -> `r:id`."""
    for name, value in qualified.items():
        prefix, _, local = name.partition("_")
        element.set(qn(f"{prefix}:{local}"), clean(str(value)))
    return element


def append(parent: Element, children: Iterable[Element | None]) -> Element:
    for child in children:
        if child is not None:
            parent.append(child)
    order = _ORDER.get(_prefixed(parent.tag))
    if order:
        rank = {name: i for i, name in enumerate(order)}
        ordered = sorted(parent, key=lambda child: rank.get(etree.QName(child).localname, len(order)))
        for child in ordered:
            parent.append(child)  # re-appending moves the element: a stable sort in place
    return parent


def _prefixed(tag: str) -> str:
    return "w:" + etree.QName(tag).localname if tag.startswith("{http://schemas.openxmlformats.org/wordprocessingml") else tag


# ---------------------------------------------------------------- units and tokens


def twips(points: float) -> int:
    """Twentieths of a point: Word's unit for spacing and indents."""
    return round(points * 20)


def half_points(points: float) -> int:
    return round(points * 2)


def hex_color(css: str) -> str:
    """`#7a1f1f` -> `7A1F1F` (three-digit colours expanded)."""
    value = css.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return value.upper()


def fonts(latin: str, east_asian: str, complex_script: str | None = None) -> Element:
    """`w:rFonts` with the Latin, East Asian and complex-script (Arabic, Hebrew; the Latin one unless
    given) faces named (and no theme-font attributes, which would win)."""
    return el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=complex_script or latin)


def size(points: float) -> list[Element]:
    return [el("w:sz", val=half_points(points)), el("w:szCs", val=half_points(points))]


def border(side: str, *, color: str, eighths: int = 4, space_pt: int = 0, kind: str = "single") -> Element:
    """A paragraph or table border: width in eighths of a point, space in points."""
    return el(f"w:{side}", val=kind, sz=eighths, space=min(space_pt, 31), color=hex_color(color))


def shading(color: str) -> Element:
    return el("w:shd", val="clear", color="auto", fill=hex_color(color))


def spacing(*, before: float | None = None, after: float | None = None, line: float | None = None,
            rule: str = "atLeast") -> Element:
    """Paragraph spacing in points; `line` is a height in points (`atLeast`/`exact`) or a multiple (`auto`)."""
    line_value = None if line is None else (round(line * 240) if rule == "auto" else twips(line))
    return el("w:spacing", before=None if before is None else twips(before),
              after=None if after is None else twips(after), line=line_value,
              lineRule=None if line is None else rule)


# ---------------------------------------------------------------- runs, fields, bookmarks


def run_properties(*children: Element | None) -> Element | None:
    present = [c for c in children if c is not None]
    return el("w:rPr", *present) if present else None


def text_runs(text: str, rpr: Element | None = None) -> list[Element]:
    """One run holding `text`: newlines become `w:br`, tabs `w:tab`, invalid characters vanish."""
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text:
        return []
    run = el("w:r", _copy(rpr))
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(el("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                run.append(el("w:tab"))
            if piece:
                t = el("w:t")
                t.text = piece
                if piece != piece.strip():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                run.append(t)
    return [run]


def field_runs(instruction: str, cached: str, rpr: Element | None = None) -> list[Element]:
    """A complex field (`SEQ Figure`, `PAGE`, ...) whose result is already filled in, so it shows without
    an update and Word still recomputes it."""
    def char(kind: str) -> Element:
        return el("w:r", _copy(rpr), el("w:fldChar", fldCharType=kind))

    instr = el("w:instrText")
    instr.text = f" {clean(instruction)} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [char("begin"), el("w:r", _copy(rpr), instr), char("separate"), *text_runs(cached, rpr), char("end")]


def bookmark(paragraph: Element, name: str, bookmark_id: int) -> None:
    """Wrap the content of `paragraph` in a bookmark (a target for internal links and cross-references)."""
    start = el("w:bookmarkStart", id=bookmark_id, name=name)
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(el("w:bookmarkEnd", id=bookmark_id))


def bookmark_name(identifier: str) -> str:
    """A Word bookmark name for an element id: a letter, then letters, digits and underscores (Han
    characters are letters to Word too), at most 40 characters."""
    name = re.sub(r"\W", "_", clean(identifier))
    if not name[:1].isalpha():
        name = "b" + name
    return name[:40]


def _copy(element: Element | None) -> Element | None:
    return None if element is None else copy.deepcopy(element)
