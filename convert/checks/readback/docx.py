"""Style values read back from a DOCX edition: styles.xml and the paragraphs' own properties.

Every value is what Word would apply: a run's direct formatting, then its character style, then its
paragraph's style and the styles that one is based on, then the document defaults, merged attribute
by attribute (a theme font attribute such as `w:eastAsiaTheme` counts as not the theme's family).
Han characters take the `w:eastAsia` face, Arabic, Hebrew, Thai and Devanagari letters the `w:cs` one, others the `w:ascii`
face, as Word sets them.

- body family, size and colour: those of most characters of the article's body paragraphs (the
  Word paragraphs that start as the model's paragraphs do);
- line height: the body paragraphs' `w:spacing/@w:line` over their size (exact or at-least
  spacing) or as a multiple of single spacing (auto);
- first-line indent: `w:ind/@w:firstLineChars` (hundredths of a character, which Word prefers) and
  `@w:firstLine` (twips, which LibreOffice uses); they must agree;
- headings: paragraphs in Title (level 1) and Heading n (level n + 1), Word's own heading styles;
- captions: paragraphs in the Caption style (their text includes the SEQ field's cached number),
  except a table's (the one right before its table);
- code blocks, table cells and notices: the paragraphs holding their text (found as body paragraphs
  are; a cell's in `w:tc`): the size of most of their characters and their line height, as above;
- list indent: the first-level items' `w:ind/@w:left` (or `@w:start`), from the paragraph itself,
  else from its numbering level in numbering.xml, else from its style, in em of the item's size;
- page: the body's section (`w:pgSz`, `w:pgMar`).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from typing import Iterable

from lxml import etree

from ... import model as m
from ...scripts import complex_letter, is_wide, unjoined
from . import (MM_PER_PT, CaptionSeen, HeadingSeen, PageSeen, Reading, body_paragraphs, code_blocks, dominant,
               hex_color, list_item_starts, matching, median, normalize, notices, squeeze, table_cells)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_HEADING_STYLE = re.compile(r"^Heading([1-9])$")
Props = dict[str, dict[str, str]]  # element local name -> attribute local name -> value


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _props(container: etree._Element | None) -> Props:
    """The property elements under `w:pPr` or `w:rPr`, as {element: {attribute: value}}."""
    found: Props = {}
    if container is None:
        return found
    for child in container:
        if not isinstance(child.tag, str) or child.tag in (_q("rPr"), _q("pPrChange"), _q("rPrChange"),
                                                           _q("sectPr")):
            continue
        local = etree.QName(child).localname
        found[local] = {etree.QName(name).localname: value for name, value in child.attrib.items()}
    return found


def _merge(base: Props, over: Props) -> Props:
    out = {name: dict(attrs) for name, attrs in base.items()}
    for name, attrs in over.items():
        merged = out.setdefault(name, {})
        for key, value in attrs.items():
            if name == "rFonts" and not key.endswith("Theme"):
                merged.pop(f"{key}Theme", None)  # an explicit face replaces an inherited theme font
            merged[key] = value
    return out


class _Styles:
    """styles.xml: each style's paragraph and run properties, resolved through `w:basedOn`."""

    def __init__(self, xml: bytes) -> None:
        root = etree.fromstring(xml)
        defaults = root.find("w:docDefaults", NS)
        self.default_ppr = _props(defaults.find("w:pPrDefault/w:pPr", NS)) if defaults is not None else {}
        self.default_rpr = _props(defaults.find("w:rPrDefault/w:rPr", NS)) if defaults is not None else {}
        self.styles = {style.get(_q("styleId")): style for style in root.iterfind("w:style", NS)}
        self.default_paragraph = next((sid for sid, style in self.styles.items()
                                       if style.get(_q("type")) == "paragraph" and style.get(_q("default")) in ("1", "true")),
                                      "Normal")

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and those it is based on, the most basic first."""
        chain: list[etree._Element] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            style = self.styles[style_id]
            chain.insert(0, style)
            based = style.find("w:basedOn", NS)
            style_id = based.get(_q("val")) if based is not None else None
        return chain

    def ppr(self, style_id: str | None) -> Props:
        props = self.default_ppr
        for style in self.chain(style_id):
            props = _merge(props, _props(style.find("w:pPr", NS)))
        return props

    def rpr(self, style_id: str | None, char_style: str | None = None) -> Props:
        props = self.default_rpr
        for style in [*self.chain(style_id), *self.chain(char_style)]:
            props = _merge(props, _props(style.find("w:rPr", NS)))
        return props


class _Paragraph:
    def __init__(self, element: etree._Element, styles: _Styles) -> None:
        self.element = element
        ppr = element.find("w:pPr", NS)
        style = ppr.find("w:pStyle", NS) if ppr is not None else None
        self.style_id = style.get(_q("val")) if style is not None else styles.default_paragraph
        self.ppr = _merge(styles.ppr(self.style_id), _props(ppr))
        self.runs: list[tuple[str, Props]] = []
        for run in element.iterfind(".//w:r", NS):
            text = "".join(t.text or "" for t in run.iterfind("w:t", NS))
            if not text:
                continue
            rpr = run.find("w:rPr", NS)
            char_style = rpr.find("w:rStyle", NS) if rpr is not None else None
            props = _merge(styles.rpr(self.style_id, char_style.get(_q("val")) if char_style is not None else None),
                           _props(rpr))
            self.runs.append((text, props))
        self.text = unjoined("".join(text for text, _ in self.runs))  # the article's text, without `joined_numbers`' gaps

    def sizes(self) -> Counter[float]:
        return Counter({size: count for size, count in _weighted(
            (_size(props), len(squeeze(text))) for text, props in self.runs).items() if size is not None})

    def size(self) -> float | None:
        return dominant(self.sizes())

    def faces(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for text, props in self.runs:
            for ch in squeeze(text):
                counts[_face(props, ch)] += 1
        return counts

    def colors(self) -> Counter[str]:
        return Counter({color: count for color, count in _weighted(
            (_color(props), len(squeeze(text))) for text, props in self.runs).items() if color is not None})


def _weighted(pairs: Iterable[tuple[object, int]]) -> Counter:  # type: ignore[type-arg]
    counts: Counter = Counter()  # type: ignore[type-arg]
    for key, weight in pairs:
        counts[key] += weight
    return counts


def _size(props: Props) -> float | None:
    value = props.get("sz", {}).get("val")
    return int(value) / 2 if value and value.isdigit() else None


def _color(props: Props) -> str | None:
    value = props.get("color", {}).get("val")
    return hex_color(value) if value and value != "auto" else "auto" if value else None


def _face(props: Props, ch: str) -> str:
    fonts = props.get("rFonts", {})
    slot = "eastAsia" if is_wide(ch) else "cs" if complex_letter(ch) else "ascii"
    if f"{slot}Theme" in fonts:
        return f"theme font {fonts[slot + 'Theme']}"
    return fonts.get(slot, "(none)")


def read_docx(data: bytes, doc: m.Document) -> Reading:
    reading = Reading("docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = _Styles(package.read("word/styles.xml"))
        document = etree.fromstring(package.read("word/document.xml"))
        numbering = (etree.fromstring(package.read("word/numbering.xml"))
                     if "word/numbering.xml" in package.namelist() else None)
    body = document.find("w:body", NS)
    paragraphs = [_Paragraph(p, styles) for p in body.iter(_q("p"))]

    found = body_paragraphs(doc, paragraphs, lambda paragraph: paragraph.text)
    if not found:
        reading.notes.append("DOCX: no body paragraph found; body values are those of most characters")
    sample = found or paragraphs
    sizes: Counter[float] = Counter()
    for paragraph in sample:
        sizes.update(paragraph.sizes())
    reading.body_size_pt = dominant(sizes)
    faces: Counter[str] = Counter()
    colors: Counter[str] = Counter()
    for paragraph in sample:
        for text, props in paragraph.runs:
            if _size(props) == reading.body_size_pt:
                for ch in squeeze(text):
                    faces[_face(props, ch)] += 1
                colors[_color(props) or "auto"] += len(squeeze(text))
    reading.body_family = dominant(faces)
    reading.body_color = dominant(colors)
    reading.indent_em = _indent(found)
    reading.line_height = _line_height(found)
    reading.headings = _headings(paragraphs)
    reading.captions = [CaptionSeen(normalize(p.text), p.size()) for p in paragraphs
                        if p.style_id == "Caption" and not _before_table(p.element)]
    reading.page = _page(body)
    _set_apart(reading, doc, paragraphs, styles, numbering)
    return reading


def _set_apart(reading: Reading, doc: m.Document, paragraphs: list[_Paragraph], styles: _Styles,
               numbering: etree._Element | None) -> None:
    """Code blocks, table cells, notices and lists: the blocks set apart from the body text."""
    def text(paragraph: _Paragraph) -> str:
        return paragraph.text

    code = matching(code_blocks(doc), paragraphs, text)
    reading.code_size_pt, reading.code_line_height = _text_size(code), _line_height(code)
    cells = _cell_paragraphs(table_cells(doc), paragraphs)
    reading.table_size_pt, reading.table_line_height = _text_size(cells), _line_height(cells)
    reading.notice_size_pt = _text_size(matching(notices(doc), paragraphs, text))
    items = matching(list_item_starts(doc), paragraphs, text)
    indent = median([value for value in (_list_indent(p, styles, numbering) for p in items) if value is not None])
    reading.list_indent_em = round(indent, 3) if indent is not None else None


def _cell_paragraphs(cells: list[str], paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """The paragraphs of the table cells (`w:tc`) that hold `cells`, found by their text in turn."""
    owners: dict[etree._Element, list[_Paragraph]] = {}
    for paragraph in paragraphs:
        cell = next(paragraph.element.iterancestors(_q("tc")), None)
        if cell is not None:
            owners.setdefault(cell, []).append(paragraph)
    found = matching(cells, list(owners), lambda cell: "".join(t.text or "" for t in cell.iter(_q("t"))))
    return [paragraph for cell in found for paragraph in owners[cell]]


def _text_size(paragraphs: list[_Paragraph]) -> float | None:
    sizes: Counter[float] = Counter()
    for paragraph in paragraphs:
        sizes.update(paragraph.sizes())
    return dominant(sizes)


def _list_indent(paragraph: _Paragraph, styles: _Styles, numbering: etree._Element | None) -> float | None:
    """Where a list item's text starts, in em of its size: Word takes the paragraph's own indent, else
    its numbering level's, else its style's."""
    size = paragraph.size()
    if not size:
        return None
    own = _props(paragraph.element.find("w:pPr", NS)).get("ind", {})
    indent = own if ("left" in own or "start" in own) else (
        _numbering_indent(paragraph, styles, numbering) or paragraph.ppr.get("ind", {}))
    left = indent.get("left", indent.get("start"))
    return int(left) / 20 / size if left and left.lstrip("-").isdigit() else None


def _numbering_indent(paragraph: _Paragraph, styles: _Styles,
                      numbering: etree._Element | None) -> dict[str, str] | None:
    """The `w:ind` of the numbering level a paragraph takes: its own `w:numPr`, else its style's."""
    if numbering is None:
        return None
    num_pr = paragraph.element.find("w:pPr/w:numPr", NS)
    for style in reversed(styles.chain(paragraph.style_id)):
        if num_pr is not None:
            break
        num_pr = style.find("w:pPr/w:numPr", NS)
    if num_pr is None:
        return None

    def value(element: etree._Element | None, default: str | None = None) -> str | None:
        return element.get(_q("val"), default) if element is not None else default

    num = numbering.find(f"w:num[@w:numId='{value(num_pr.find('w:numId', NS))}']", NS)
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{value(num.find('w:abstractNumId', NS))}']", NS) \
        if num is not None else None
    level = value(num_pr.find("w:ilvl", NS), "0")
    ind = abstract.find(f"w:lvl[@w:ilvl='{level}']/w:pPr/w:ind", NS) if abstract is not None else None
    return {etree.QName(name).localname: v for name, v in ind.attrib.items()} if ind is not None else None


def _before_table(paragraph: etree._Element) -> bool:
    """A table's caption: Word puts it right before its table."""
    following = paragraph.getnext()
    return following is not None and following.tag == _q("tbl")


def _indent(paragraphs: list[_Paragraph]) -> float | str | None:
    values: list[float] = []
    for paragraph in paragraphs:
        indent = paragraph.ppr.get("ind", {})
        size = paragraph.size()
        chars = indent.get("firstLineChars")
        twips = indent.get("firstLine")
        hanging = indent.get("hanging")
        by_twips = (int(twips) / 20 / size if twips and size else
                    -int(hanging) / 20 / size if hanging and size else 0.0)
        if chars is not None and int(chars) != 0:
            by_chars = int(chars) / 100
            if abs(by_chars - by_twips) > 0.05:
                return f"firstLineChars {by_chars:g} em but firstLine {by_twips:.2f} em"
        values.append(by_twips)
    indent = median(values)
    return round(indent, 3) if indent is not None else None


def _line_height(paragraphs: list[_Paragraph]) -> float | None:
    values = []
    for paragraph in paragraphs:
        spacing = paragraph.ppr.get("spacing", {})
        line, rule, size = spacing.get("line"), spacing.get("lineRule", "auto"), paragraph.size()
        if not line or not size:
            continue
        values.append(int(line) / 240 if rule == "auto" else int(line) / 20 / size)
    value = median(values)
    return round(value, 3) if value is not None else None


def _headings(paragraphs: list[_Paragraph]) -> list[HeadingSeen]:
    found = []
    for paragraph in paragraphs:
        match = _HEADING_STYLE.match(paragraph.style_id or "")
        level = 1 if paragraph.style_id == "Title" else int(match.group(1)) + 1 if match else None
        if level is None or not paragraph.text.strip():
            continue
        found.append(HeadingSeen(level, normalize(paragraph.text), paragraph.size(), dominant(paragraph.colors()),
                                 dominant(paragraph.faces())))
    return found


def _page(body: etree._Element) -> PageSeen | None:
    section = body.find("w:sectPr", NS)
    if section is None:
        return None
    size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)

    def mm(element: etree._Element | None, name: str) -> float | None:
        value = element.get(_q(name)) if element is not None else None
        return round(int(value) / 20 * MM_PER_PT, 2) if value and value.lstrip("-").isdigit() else None

    width, height = mm(size, "w"), mm(size, "h")
    if width is None or height is None:
        return None
    return PageSeen(round(width, 1), round(height, 1),
                    (mm(margins, "top"), mm(margins, "right"), mm(margins, "bottom"), mm(margins, "left")))
