"""What a newsroom's .docx says that pandoc does not read, restated the way pandoc reads it.

- Heading styles named in the writer's language: pandoc finds headings and the title by the style's
  name (`heading 1`, `Title`). WPS, and templates made in a Chinese, Japanese or Korean Word, name
  them `标题 1`, `標題 2`, `見出し 1`, `제목 1`, `标题`, or `一级标题` with an outline level: every such
  heading was read as a plain paragraph. A paragraph style is renamed after its localized name, else
  after its outline level (`w:outlineLvl` 0-5, which is what Word's navigation pane goes by).
- A floating (anchored) picture inside a paragraph of text: pandoc puts it inline at the start of the
  paragraph, where every edition set a photo as a letter of the text. It is moved into a paragraph of
  its own just before, where it is read as a figure like any other picture; just after, when a caption
  paragraph (Word's `Caption` style, LibreOffice's `Caption1`, WPS's `题注`) follows the paragraph: the
  caption is the picture's, and a figure is captioned by the paragraph under it.
- A list numbered in Chinese (`一、`): see `docx_numbers`.
"""
from __future__ import annotations

import re

from lxml import etree

from .docx_numbers import written_numbers

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

_HEADING = re.compile(r"^(?:标题|標題|見出し|제목|titre|überschrift|título|titolo|заголовок)\s*([1-9])$", re.I)
_TITLES = {"标题": "Title", "標題": "Title", "表題": "Title", "제목": "Title", "titre": "Title", "titel": "Title",
           "副标题": "Subtitle", "副標題": "Subtitle", "副題": "Subtitle", "부제": "Subtitle"}
_ENGLISH = re.compile(r"^(?:heading\s*[1-9]|title|subtitle)$", re.I)
RESTATED_PARTS = ("word/styles.xml", "word/document.xml")
MAX_OUTLINE_HEADING = 5  # outline levels 0-5 are headings 1-6; 9 is body text


def restated(name: str, xml: bytes, numbering: bytes | None = None, styles: bytes | None = None) -> bytes | None:
    """The part rewritten as pandoc reads it, or None when it needs nothing (or is not XML);
    `numbering` is the document's `word/numbering.xml` (`docx_numbers`: lists numbered `一、`), `styles`
    its styles as restated here (a heading style's own numbering, `第一章`)."""
    if name == "word/styles.xml":
        return _styles(xml)
    if name == "word/document.xml":
        numbered = written_numbers(xml, numbering, styles) if numbering else None
        return _floating_pictures(numbered or xml, _caption_styles(styles)) or numbered
    return None


def _parse(xml: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return None  # pandoc reports a broken part itself


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def heading_name(name: str, outline_level: int | None) -> str | None:
    """The English name pandoc knows for a paragraph style named `name`, or None to keep it."""
    plain = " ".join(name.split())
    if _ENGLISH.match(plain):
        return None
    match = _HEADING.match(plain)
    if match:
        return f"heading {match.group(1)}"
    if plain.lower() in _TITLES:
        return _TITLES[plain.lower()]
    if outline_level is not None and 0 <= outline_level <= MAX_OUTLINE_HEADING:
        return f"heading {outline_level + 1}"
    return None


def _styles(xml: bytes) -> bytes | None:
    root = _parse(xml)
    if root is None:
        return None
    changed = False
    for style in root.iterfind(f"{{{W}}}style"):
        if style.get(f"{{{W}}}type") != "paragraph":
            continue
        name = style.find(f"{{{W}}}name")
        if name is None:
            continue
        level = style.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
        try:
            outline = int(level.get(f"{{{W}}}val", "")) if level is not None else None
        except ValueError:
            outline = None
        english = heading_name(name.get(f"{{{W}}}val", ""), outline)
        if english:
            name.set(f"{{{W}}}val", english)
            changed = True
    return _serialise(root) if changed else None


_CAPTION_NAMES = ("caption", "题注", "題注", "図表番号", "캡션")


def _caption_styles(styles: bytes | None) -> set[str]:
    """The ids of the paragraph styles that are captions."""
    root = _parse(styles) if styles else None
    found = {"Caption"}
    for style in root.iterfind(f"{{{W}}}style") if root is not None else ():
        name = style.find(f"{{{W}}}name")
        ident = style.get(f"{{{W}}}styleId", "")
        plain = " ".join((name.get(f"{{{W}}}val", "") if name is not None else "").split()).lower()
        if plain in _CAPTION_NAMES or re.fullmatch(r"caption\d*", ident, re.I):
            found.add(ident)
    return found


def _captioned(paragraph: etree._Element, captions: set[str]) -> bool:
    """Whether the paragraph after `paragraph` is a caption."""
    following = paragraph.getnext()
    style = following.find(f"{{{W}}}pPr/{{{W}}}pStyle") if following is not None and following.tag == f"{{{W}}}p" else None
    return style is not None and style.get(f"{{{W}}}val", "") in captions


def _floating_pictures(xml: bytes, captions: set[str] = frozenset({"Caption"})) -> bytes | None:
    root = _parse(xml)
    if root is None:
        return None
    changed = False
    for paragraph in list(root.iter(f"{{{W}}}p")):
        runs = [run for run in paragraph.iterfind(f"{{{W}}}r")
                if run.find(f"{{{W}}}drawing/{{{WP}}}anchor//{{{PIC}}}pic") is not None]
        if not runs or not _has_text(paragraph):
            continue
        own = etree.Element(f"{{{W}}}p")
        for run in runs:
            run.getparent().remove(run)
            own.append(run)
        if _captioned(paragraph, captions):
            paragraph.addnext(own)
        else:
            paragraph.addprevious(own)
        changed = True
    return _serialise(root) if changed else None


def _has_text(paragraph: etree._Element) -> bool:
    return any((text.text or "").strip() for text in paragraph.iter(f"{{{W}}}t"))
