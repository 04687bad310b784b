"""Style values read back from an EPUB edition: its compiled CSS applied to its XHTML.

The package is opened the way a reading system opens it (container.xml, the OPF's spine, each
document's linked stylesheets); the stylesheets are parsed with tinycss2 and matched against the
documents with cssselect2 (both WeasyPrint's own), and a small cascade computes, for the elements
that matter, the inherited properties the check compares: font-size (pt, em, rem, %, px), font-family,
color, line-height, text-indent. An EPUB has no page: its page is "n/a".

- body family, size, colour, line height and first-line indent: those of the `<p>` elements that
  hold the article's body paragraphs (found by their first characters), most characters deciding;
  the family of a character is the one of the computed list that would set it (`setting_family`);
- headings: `h1`-`h6` in spine order; captions: `figcaption` elements;
- code blocks (`pre`), table cells (`td`, `th`) and notices (the `p` holding each): the size of most
  of their characters and the line height of their text; found by their text, as paragraphs are;
- list indent: the first-level items' (`li`) margin and padding on the left (right, for right-to-left
  text) and their lists', less a body paragraph's, in em of the item's size.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from ... import model as m
from . import (NOT_APPLICABLE, CaptionSeen, HeadingSeen, Reading, body_paragraphs, code_blocks, dominant,
               hex_color, list_item_starts, matching, median, normalize, notices, squeeze, table_cells)
from ...scripts import complex_letter, direction, is_cjk_family, is_wide, script_face

OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "c": "urn:oasis:names:tc:opendocument:xmlns:container"}
XHTML = "http://www.w3.org/1999/xhtml"
INITIAL_SIZE_PT = 12.0  # CSS `medium`, 16px
INHERITED = ("font-size", "font-family", "color", "line-height", "text-indent")
SIDE_BOX = ("margin", "margin-left", "margin-right", "padding", "padding-left", "padding-right")  # per element
Rank = tuple[int, tuple[int, int, int], int, int]  # !important, specificity, rule order, declaration order
_LENGTH = re.compile(r"^(-?\d*\.?\d+)(pt|px|em|rem|%|mm|cm|in)?$")


@dataclass
class Computed:
    """The computed values the check needs; lengths in points, line-height as a ratio."""

    font_size: float = INITIAL_SIZE_PT
    font_family: list[str] = field(default_factory=lambda: ["serif"])
    color: str = "#000000"
    line_height: float | None = None  # None: `normal`
    text_indent: float = 0.0


def spine_documents(data: bytes) -> list[tuple[str, etree._ElementTree, str]]:
    """(path, parsed XHTML, its CSS text) for each XHTML document of the spine, in reading order."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        container = etree.fromstring(package.read("META-INF/container.xml"))
        opf_path = container.find(".//c:rootfile", OPF_NS).get("full-path")
        opf = etree.fromstring(package.read(opf_path))
        base = posixpath.dirname(opf_path)
        manifest = {item.get("id"): item for item in opf.iterfind(".//opf:manifest/opf:item", OPF_NS)}
        found = []
        for ref in opf.iterfind(".//opf:spine/opf:itemref", OPF_NS):
            item = manifest.get(ref.get("idref"))
            if item is None or item.get("media-type") != "application/xhtml+xml":
                continue
            path = posixpath.normpath(posixpath.join(base, item.get("href")))
            tree = etree.parse(io.BytesIO(package.read(path)),
                               etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
            css = []
            for element in tree.iter():
                if element.tag == f"{{{XHTML}}}link" and "stylesheet" in (element.get("rel") or "").split():
                    href = posixpath.normpath(posixpath.join(posixpath.dirname(path), element.get("href", "")))
                    if href in package.namelist():
                        css.append(package.read(href).decode("utf-8", "replace"))
                elif element.tag == f"{{{XHTML}}}style":
                    css.append(element.text or "")
            found.append((path, tree, "\n".join(css)))
    return found


class Cascade:
    """Computed style of elements of one document under its stylesheets (the subset the check needs)."""

    def __init__(self, css: str, tree: etree._ElementTree) -> None:
        import cssselect2
        import tinycss2

        self.matcher = cssselect2.Matcher()
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        for order, rule in enumerate(rules):
            if rule.type != "qualified-rule":
                continue  # @font-face, @page, @media: nothing the check reads
            declarations = {}
            for index, declaration in enumerate(tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True)):
                if declaration.type == "declaration":
                    declarations[declaration.lower_name] = (tinycss2.serialize(declaration.value).strip(),
                                                            declaration.important, index)
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            for selector in selectors:
                self.matcher.add_selector(selector, (order, declarations))
        self.root = cssselect2.ElementWrapper.from_xml_root(tree)
        self.wrappers = {wrapper.etree_element: wrapper for wrapper in self.root.iter_subtree()}
        self._cache: dict[Any, Computed] = {}

    def computed(self, element: etree._Element) -> Computed:
        if element in self._cache:
            return self._cache[element]
        parent = element.getparent()
        inherited = self.computed(parent) if parent is not None else Computed()
        declared = self._declared(element)
        style = Computed(inherited.font_size, list(inherited.font_family), inherited.color, inherited.line_height,
                         inherited.text_indent)
        if "font-size" in declared:
            size = _length(declared["font-size"], inherited.font_size, self._root_size())
            style.font_size = size if size is not None else style.font_size
        if "font-family" in declared:
            style.font_family = [part.strip().strip("\"'") for part in declared["font-family"].split(",")]
        if "color" in declared:
            style.color = _css_color(declared["color"]) or style.color
        if "line-height" in declared:
            value = declared["line-height"]
            if value == "normal":
                style.line_height = None
            elif re.fullmatch(r"\d*\.?\d+", value):
                style.line_height = float(value)
            else:
                length = _length(value, style.font_size, self._root_size())
                style.line_height = length / style.font_size if length is not None else style.line_height
        if "text-indent" in declared:
            length = _length(declared["text-indent"], style.font_size, self._root_size())
            style.text_indent = length if length is not None else style.text_indent
        self._cache[element] = style
        return style

    def _declared(self, element: etree._Element) -> dict[str, str]:
        return {name: value for name, (_rank, value) in self._ranked(element, INHERITED).items()}

    def _ranked(self, element: etree._Element, names: tuple[str, ...]) -> dict[str, tuple[Rank, str]]:
        """The winning declaration of each of `names` for `element`, with its rank in the cascade."""
        wrapper = self.wrappers.get(element)
        if wrapper is None:
            return {}
        matches = [(specificity, order, payload) for specificity, order, pseudo, payload
                   in self.matcher.match(wrapper) if pseudo is None]
        values: dict[str, tuple[Rank, str]] = {}
        for specificity, _order, (rule_order, declarations) in matches:
            for name, (value, important, index) in declarations.items():
                if name not in names:
                    continue
                rank = (int(important), specificity, rule_order, index)
                if name not in values or rank >= values[name][0]:
                    values[name] = (rank, value)
        style_attribute = element.get("style")
        if style_attribute:
            import tinycss2
            for declaration in tinycss2.parse_declaration_list(style_attribute, skip_whitespace=True):
                if declaration.type == "declaration" and declaration.lower_name in names:
                    values[declaration.lower_name] = ((0, (9, 9, 9), 0, 0),
                                                      tinycss2.serialize(declaration.value).strip())
        return values

    def start_inset(self, element: etree._Element, rtl: bool = False) -> float:
        """`margin` plus `padding` of `element` on the side lines start at (left; right for right-to-left
        text), in points (a longhand or a shorthand's value for that side, whichever the cascade puts
        last)."""
        side = "right" if rtl else "left"
        declared = self._ranked(element, SIDE_BOX)
        size = self.computed(element).font_size
        total = 0.0
        for box in ("margin", "padding"):
            candidates: list[tuple[Rank, str]] = []
            if box in declared:
                rank, value = declared[box]
                candidates.append((rank, _side_value(value, side)))
            if f"{box}-{side}" in declared:
                candidates.append(declared[f"{box}-{side}"])
            if candidates:
                length = _length(max(candidates, key=lambda pair: pair[0])[1], size, self._root_size())
                total += length or 0.0
        return total

    def _root_size(self) -> float:
        """The root element's font size once computed (rem); the initial size while computing it."""
        root = self._cache.get(self.root.etree_element)
        return root.font_size if root is not None else INITIAL_SIZE_PT


def _length(value: str, relative_to: float, root_size: float) -> float | None:
    """A CSS length in points; em and % relative to `relative_to`."""
    keywords = {"medium": 12.0, "small": 10.0, "large": 14.4, "x-large": 18.0, "xx-large": 24.0, "x-small": 7.5}
    if value in keywords:
        return keywords[value]
    match = _LENGTH.match(value.replace(" ", ""))
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    factors = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
    if unit == "em":
        return number * relative_to
    if unit == "rem":
        return number * root_size
    if unit == "%":
        return number / 100 * relative_to
    return number * factors[unit]


def _side_value(shorthand: str, side: str) -> str:
    """The left or right value of a `margin` or `padding` shorthand (one to four values)."""
    values = shorthand.split()
    if not values:
        return ""
    return values[{1: 0}.get(len(values), 1) if side == "right" else {1: 0, 2: 1, 3: 1}.get(len(values), 3)]


def _css_color(value: str) -> str | None:
    import tinycss2.color3

    parsed = tinycss2.color3.parse_color(value)
    if parsed is None or isinstance(parsed, str):
        return None
    return hex_color((parsed.red, parsed.green, parsed.blue))


def setting_family(families: list[str], ch: str) -> str:
    """The family of a CSS list that sets `ch`, as a browser with the theme's fonts would choose:
    the first family for Latin text (a CJK face has Latin too), the first CJK family for Han, the first
    Arabic (Hebrew, Thai, Devanagari) family for a letter of that script."""
    if is_wide(ch):
        return next((family for family in families if is_cjk_family(family)), families[0])
    script = complex_letter(ch)
    return (script_face(families, script) if script else None) or families[0]


def _text_owners(body: etree._Element) -> list[tuple[etree._Element, str]]:
    """Each piece of text under `body` with the element whose style sets it."""
    pieces = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text:
            pieces.append((element, element.text))
        for child in element:
            if child.tail:
                pieces.append((element, child.tail))
    return pieces


def read_epub(data: bytes, doc: m.Document) -> Reading:
    reading = Reading("epub", page=NOT_APPLICABLE)
    documents = []
    for path, tree, css in spine_documents(data):
        body = tree.find(f"{{{XHTML}}}body")
        if body is None or "nav" in (body.get("class") or "") or tree.find(f".//{{{XHTML}}}nav") is not None:
            continue
        if tree.find(f".//{{{XHTML}}}svg") is not None or "cover" in (body.get("class") or ""):
            continue  # the cover page: an image
        documents.append((path, tree, Cascade(css, tree)))

    paragraphs = [(p, cascade) for _path, tree, cascade in documents for p in tree.iter(f"{{{XHTML}}}p")]
    found = body_paragraphs(doc, paragraphs, lambda pair: "".join(pair[0].itertext()))
    if not found:
        reading.notes.append("EPUB: no body paragraph found; body values are those of most characters")
    owners = [(element, text, cascade) for paragraph, cascade in found for element, text in _text_owners(paragraph)]
    if not found:
        owners = [(element, text, cascade) for _path, tree, cascade in documents
                  for element, text in _text_owners(tree.find(f"{{{XHTML}}}body"))]
    sizes: Counter[float] = Counter()
    families: Counter[str] = Counter()
    colors: Counter[str] = Counter()
    for element, text, cascade in owners:
        sizes[round(cascade.computed(element).font_size, 2)] += len(squeeze(text))
    reading.body_size_pt = dominant(sizes)
    for element, text, cascade in owners:
        style = cascade.computed(element)
        if round(style.font_size, 2) == reading.body_size_pt:
            for ch in squeeze(text):
                families[setting_family(style.font_family, ch)] += 1
            colors[style.color] += len(squeeze(text))
    reading.body_family = dominant(families)
    reading.body_color = dominant(colors)
    styles = [cascade.computed(paragraph) for paragraph, cascade in found]
    indent = median([style.text_indent / style.font_size for style in styles])
    line_height = median([style.line_height for style in styles if style.line_height is not None])
    reading.indent_em = round(indent, 3) if indent is not None else None
    reading.line_height = round(line_height, 3) if line_height is not None else None

    _set_apart(reading, doc, documents, found)

    for _path, tree, cascade in documents:
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            local = etree.QName(element).localname
            if re.fullmatch(r"h[1-6]", local) and "".join(element.itertext()).strip():
                style = cascade.computed(element)
                text = normalize("".join(element.itertext()))
                family = dominant(Counter(setting_family(style.font_family, ch) for ch in squeeze(text)))
                reading.headings.append(HeadingSeen(int(local[1]), text, round(style.font_size, 2), style.color,
                                                    family))
            elif local == "figcaption":
                style = cascade.computed(element)
                reading.captions.append(CaptionSeen(normalize("".join(element.itertext())),
                                                    round(style.font_size, 2)))
    return reading


def _set_apart(reading: Reading, doc: m.Document, documents: list[tuple[str, etree._ElementTree, Cascade]],
               body: list[tuple[etree._Element, Cascade]]) -> None:
    """Code blocks, table cells, notices and lists: the blocks set apart from the body text."""
    def elements(*tags: str) -> list[tuple[etree._Element, Cascade]]:
        wanted = {f"{{{XHTML}}}{tag}" for tag in tags}
        return [(element, cascade) for _path, tree, cascade in documents for element in tree.iter()
                if element.tag in wanted]

    def text(pair: tuple[etree._Element, Cascade]) -> str:
        return "".join(pair[0].itertext())

    code = matching(code_blocks(doc), elements("pre"), text)
    reading.code_size_pt, reading.code_line_height = _size_and_leading(code)
    cells = matching(table_cells(doc), elements("td", "th"), text)
    reading.table_size_pt, reading.table_line_height = _size_and_leading(cells)
    reading.notice_size_pt = _size_and_leading(matching(notices(doc), elements("p"), text))[0]
    items = matching(list_item_starts(doc), elements("li"), text)
    if items and body:
        paragraph, paragraph_cascade = body[0]
        rtl = direction(doc.meta.lang) == "rtl"
        edge = sum(paragraph_cascade.start_inset(e, rtl) for e in _up_to_body(paragraph))
        indent = median([(sum(cascade.start_inset(e, rtl) for e in _up_to_body(item)) - edge)
                         / cascade.computed(item).font_size for item, cascade in items])
        reading.list_indent_em = round(indent, 3) if indent is not None else None


def _up_to_body(element: etree._Element) -> list[etree._Element]:
    """The element and its ancestors below `body`."""
    chain = []
    while element is not None and element.tag != f"{{{XHTML}}}body":
        chain.append(element)
        element = element.getparent()
    return chain


def _size_and_leading(blocks: list[tuple[etree._Element, Cascade]]) -> tuple[float | None, float | None]:
    """The size of most characters of `blocks`, and the line height of those characters."""
    sizes: Counter[float] = Counter()
    leadings: Counter[float] = Counter()
    for block, cascade in blocks:
        for element, text in _text_owners(block):
            style = cascade.computed(element)
            sizes[round(style.font_size, 2)] += len(squeeze(text))
            if style.line_height is not None:
                leadings[round(style.line_height, 3)] += len(squeeze(text))
    return dominant(sizes), dominant(leadings)
