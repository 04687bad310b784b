"""What a .docx holds that pandoc prints, loses or misplaces, put right in its XML before pandoc reads it.

- Hidden text (`w:vanish`, directly or by a character style): an editor's note hidden in the copy was
  printed in every edition. It is removed, and a paragraph whose mark is hidden too goes with it.
- A content control still showing its placeholder (`w:showingPlcHdr`: `单击或点击此处输入文字。`) is
  removed: the placeholder is Word's prompt, not the writer's text.
- Tracked changes, accepted as Word accepts them: pandoc kept a row deleted as a change as an empty row,
  and joined two paragraphs whose mark was deleted with a space (`内的 城市`); the joined paragraph takes
  the following paragraph's mark, as in Word. Pending changes and comments are reported once (`notes`).
- Fields: a `w:fldSimple`'s result (a date) was lost; it is kept as text. A table of contents (a `TOC`
  field, or a content control of the table-of-contents gallery) is the document's own and no article
  text: it is left out (the editions make their own). A cross-reference (`REF`, `PAGEREF`, `NOTEREF`)
  is kept as its text: its target bookmark does not reach the editions.
- Ruby (`w:ruby`): pandoc lost base and reading (`缂(kè)丝` -> `丝`); it is written as an edition that
  cannot set ruby prints it, the reading in brackets after its base.
- Text boxes and shapes with text (`w:txbxContent`, DrawingML or VML): pandoc kept the box's text and
  lost the text of the paragraph anchoring it, or lost the box. The box's paragraphs follow the
  paragraph that anchors it, which keeps its own text.
"""
from __future__ import annotations

import unicodedata
from contextvars import ContextVar

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
VML = "urn:schemas-microsoft-com:vml"

HIDDEN, TRACKED, COMMENTS = "hidden", "tracked", "comments"
_MAX_BOX_DEPTH = 8  # text boxes inside text boxes, taken out one level a round
_FALSE = ("0", "false", "off")
_CROSS_REFERENCES = ("REF", "PAGEREF", "NOTEREF")
_TOC_HEADINGS = ("toc heading", "contents heading")  # Word's and WPS's; LibreOffice's


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(element: etree._Element | None) -> bool:
    """A toggle property that is set (`<w:vanish/>`, not `<w:vanish w:val="0"/>`)."""
    return element is not None and (element.get(_w("val")) or "true").lower() not in _FALSE


_EDITS: ContextVar[list[str] | None] = ContextVar("docx_text_edits", default=None)  # every change ends here


def _remove(element: etree._Element) -> None:
    """`element` out of its parent."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
        _edited()


def _edited() -> None:
    edits = _EDITS.get()
    if edits is not None and not edits:
        edits.append("edited")


def _unwrap(element: etree._Element) -> None:
    """`element` replaced by its children."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)
    _edited()


def style_facts(styles: bytes | None, parser: etree.XMLParser) -> tuple[set[str], set[str]]:
    """(styles that hide their text, character or paragraph, their own or by the style they are based
    on; paragraph styles of a table of contents' heading)."""
    toc_headings: set[str] = {"TOCHeading"}
    if not styles:
        return set(), toc_headings
    try:
        root = etree.fromstring(styles, parser)
    except etree.XMLSyntaxError:
        return set(), toc_headings
    own: dict[str, bool] = {}
    based: dict[str, str] = {}
    for style in root.iterfind(_w("style")):
        ident = style.get(_w("styleId"), "")
        vanish = style.find(f"{_w('rPr')}/{_w('vanish')}")
        if vanish is not None:
            own[ident] = _on(vanish)
        if (base := style.find(_w("basedOn"))) is not None:
            based[ident] = base.get(_w("val"), "")
        name = style.find(_w("name"))
        if name is not None and " ".join((name.get(_w("val")) or "").lower().split()) in _TOC_HEADINGS:
            toc_headings.add(ident)
    hidden = set()
    for ident in {*own, *based}:
        seen, current = set(), ident
        while current not in own and current in based and current not in seen:
            seen.add(current)
            current = based[current]
        if own.get(current):
            hidden.add(ident)
    return hidden, toc_headings


def corrected(root: etree._Element, hidden_styles: set[str], toc_headings: set[str]) -> set[str]:
    """Put `root` (the body, the notes) right in place; what it held that an editor should be told of:
    `HIDDEN`, `TRACKED`, `COMMENTS`."""
    return edited(root, hidden_styles, toc_headings)[0]


def edited(root: etree._Element, hidden_styles: set[str], toc_headings: set[str]) -> tuple[set[str], bool]:
    """`corrected`'s notes, and whether it changed anything (every change removes or unwraps an element)."""
    edits: list[str] = []
    token = _EDITS.set(edits)
    try:
        notes = _corrected(root, hidden_styles, toc_headings)
    finally:
        _EDITS.reset(token)
    return notes, bool(edits)


def _corrected(root: etree._Element, hidden_styles: set[str], toc_headings: set[str]) -> set[str]:
    notes: set[str] = set()
    if _accept_changes(root):
        notes.add(TRACKED)
    if next(root.iter(_w("commentReference"), _w("commentRangeStart")), None) is not None:
        notes.add(COMMENTS)
    if _remove_hidden(root, hidden_styles):
        notes.add(HIDDEN)
    _remove_placeholders(root)
    _move_text_boxes(root)
    _fields(root, toc_headings)
    _ruby(root)
    return notes


# ---------------------------------------------------------------- tracked changes


def _accept_changes(root: etree._Element) -> bool:
    found = False
    for row in list(root.iter(_w("tr"))):
        properties = row.find(_w("trPr"))
        if properties is not None and properties.find(_w("del")) is not None:
            _remove(row)
            found = True
    for element in list(root.iter(_w("del"), _w("moveFrom"))):
        parent = element.getparent()
        if parent is None or etree.QName(parent).localname in ("rPr", "trPr"):
            continue  # a mark on a paragraph's mark or a row, handled on its own
        _remove(element)
        found = True
    for element in list(root.iter(_w("ins"), _w("moveTo"))):
        parent = element.getparent()
        found = True
        if parent is not None and etree.QName(parent).localname not in ("rPr", "trPr"):
            _unwrap(element)
    if next(root.iter(_w("pPrChange"), _w("rPrChange"), _w("tblPrChange"), _w("sectPrChange")), None) is not None:
        found = True
    for paragraph in list(root.iter(_w("p"))):
        mark = paragraph.find(f"{_w('pPr')}/{_w('rPr')}")
        if mark is None or (mark.find(_w("del")) is None and mark.find(_w("moveFrom")) is None):
            continue
        found = True
        following = paragraph.getnext()
        if following is None or following.tag != _w("p"):
            continue
        content = [child for child in paragraph if child.tag != _w("pPr")]
        anchor = following.find(_w("pPr"))
        index = following.index(anchor) + 1 if anchor is not None else 0
        for offset, child in enumerate(content):
            following.insert(index + offset, child)
        _remove(paragraph)
    return found


# ---------------------------------------------------------------- hidden text and placeholders


def _hidden_run(run: etree._Element, hidden_styles: set[str]) -> bool:
    """Hidden by its own `w:vanish`, else by its character style, else by its paragraph's style."""
    properties = run.find(_w("rPr"))
    vanish = properties.find(_w("vanish")) if properties is not None else None
    if vanish is not None:
        return _on(vanish)
    style = properties.find(_w("rStyle")) if properties is not None else None
    if style is not None and style.get(_w("val"), "") in hidden_styles:
        return True
    if not hidden_styles:
        return False
    paragraph = next(run.iterancestors(_w("p")), None)
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}") if paragraph is not None else None
    return style is not None and style.get(_w("val"), "") in hidden_styles


def _remove_hidden(root: etree._Element, hidden_styles: set[str]) -> bool:
    found = False
    for run in list(root.iter(_w("r"))):
        if _hidden_run(run, hidden_styles) and (_has_text(run) or run.find(_w("tab")) is not None):
            _remove(run)
            found = True
    for paragraph in list(root.iter(_w("p"))):
        if _on(paragraph.find(f"{_w('pPr')}/{_w('rPr')}/{_w('vanish')}")) and not _has_content(paragraph):
            parent = paragraph.getparent()
            if parent is not None and parent.tag == _w("tc") and len(parent.findall(_w("p"))) == 1:
                continue  # a cell keeps its one paragraph
            _remove(paragraph)
    return found


def _remove_placeholders(root: etree._Element) -> None:
    for control in list(root.iter(_w("sdt"))):
        if not _on(control.find(f"{_w('sdtPr')}/{_w('showingPlcHdr')}")):
            continue
        content = control.find(_w("sdtContent"))
        for run in list(content.iter(_w("r"))) if content is not None else ():
            _remove(run)


def _has_text(element: etree._Element) -> bool:
    return any((t.text or "").strip() for t in element.iter(_w("t"), _w("instrText"), _w("delText")))


def _has_content(paragraph: etree._Element) -> bool:
    return _has_text(paragraph) or next(paragraph.iter(_w("drawing"), _w("pict"), _w("object")), None) is not None


# ---------------------------------------------------------------- text boxes


def _move_text_boxes(root: etree._Element) -> None:
    for _ in range(_MAX_BOX_DEPTH):
        runs = [run for run in root.iter(_w("r")) if next(run.iter(_w("txbxContent")), None) is not None
                and not any(a.tag == _w("txbxContent") for a in run.iterancestors())]
        if not runs:
            return
        after: dict[etree._Element, etree._Element] = {}
        for run in runs:
            paragraph = next((a for a in run.iterancestors(_w("p"))), None)
            if paragraph is None:
                continue
            boxes = _boxes(run)
            previous = after.get(paragraph, paragraph)
            for box in boxes:
                for block in list(box):
                    if block.tag in (_w("p"), _w("tbl"), _w("sdt")):
                        previous.addnext(block)
                        previous = block
            after[paragraph] = previous
            if next(run.iter(f"{{{PIC}}}pic", f"{{{VML}}}imagedata"), None) is None:
                _remove(run)
            else:
                for box in list(run.iter(_w("txbxContent"))):
                    _remove(box)


def _boxes(run: etree._Element) -> list[etree._Element]:
    """The run's outermost text boxes, each once: a shape written twice (`mc:Choice` and its VML
    `mc:Fallback`) gives its first writing's."""
    outer = [box for box in run.iter(_w("txbxContent"))
             if not any(a.tag == _w("txbxContent") for a in _ancestors_within(box, run))]
    chosen = [box for box in outer if not any(a.tag == f"{{{MC}}}Fallback" for a in _ancestors_within(box, run))]
    return chosen or outer


def _ancestors_within(element: etree._Element, top: etree._Element) -> list[etree._Element]:
    out = []
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        out.append(ancestor)
    return out


# ---------------------------------------------------------------- fields


def _instruction_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


def _fields(root: etree._Element, toc_headings: set[str]) -> None:
    toc = False
    for control in list(root.iter(_w("sdt"))):
        gallery = control.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
        if gallery is not None and "table of contents" in (gallery.get(_w("val")) or "").lower():
            _remove(control)
            toc = True
    for simple in list(root.iter(_w("fldSimple"))):
        name = _instruction_name(simple.get(_w("instr")) or "")
        if name == "TOC":
            _remove(simple)
            toc = True
        elif name != "HYPERLINK":
            _unwrap(simple)
    toc = _complex_fields(root) or toc
    if toc:
        for paragraph in list(root.iter(_w("p"))):
            style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
            if style is not None and style.get(_w("val"), "") in toc_headings:
                _remove(paragraph)


def _complex_fields(root: etree._Element) -> bool:
    """Complex fields (`w:fldChar` begin, `w:instrText`, separate, end): a table of contents removed with
    the paragraphs it fills; a cross-reference left as its result's text. Whether there was a TOC."""
    stack: list[dict] = []
    doomed: list[etree._Element] = []
    toc = False
    for run in list(root.iter(_w("r"))):
        char = run.find(_w("fldChar"))
        kind = char.get(_w("fldCharType")) if char is not None else None
        if kind == "begin":
            stack.append({"instruction": "", "code": [], "result": [], "separated": False})
        for field in stack:
            field["result" if field["separated"] else "code"].append(run)
        if not stack:
            continue
        for text in run.iterfind(_w("instrText")):
            stack[-1]["instruction"] += text.text or ""
        if kind == "separate":
            stack[-1]["separated"] = True
        elif kind == "end":
            field = stack.pop()
            name = _instruction_name(field["instruction"])
            if name == "TOC":
                doomed.extend(field["code"] + field["result"])
                toc = True
            elif name in _CROSS_REFERENCES:
                doomed.extend(field["code"] + [run])
    touched: dict[etree._Element, None] = {}
    for run in dict.fromkeys(doomed):
        paragraph = next(run.iterancestors(_w("p")), None)
        if paragraph is not None:
            touched[paragraph] = None
        _remove(run)
    for paragraph in touched:
        for link in list(paragraph.iter(_w("hyperlink"))):
            if not len(link):
                _remove(link)
        if not _has_content(paragraph) and paragraph.getparent() is not None:
            _remove(paragraph)
    return toc


# ---------------------------------------------------------------- ruby


def _ruby(root: etree._Element) -> None:
    for ruby in list(root.iter(_w("ruby"))):
        run = ruby.getparent()
        base = ruby.find(_w("rubyBase"))
        reading = "".join(t.text or "" for t in ruby.iterfind(f"{_w('rt')}//{_w('t')}")).strip()
        base_runs = list(base.iterfind(_w("r"))) if base is not None else []
        text = "".join(t.text or "" for r in base_runs for t in r.iter(_w("t")))
        if run is None or run.tag != _w("r"):
            continue
        previous = run
        for base_run in base_runs:
            previous.addnext(base_run)
            previous = base_run
        if reading:
            wide = any(unicodedata.east_asian_width(ch) in "WF" for ch in text)
            shown = etree.Element(_w("r"))
            if base_runs and (properties := base_runs[-1].find(_w("rPr"))) is not None:
                shown.append(etree.fromstring(etree.tostring(properties)))
            node = etree.SubElement(shown, _w("t"))
            node.text = f"\uff08{reading}\uff09" if wide else f" ({reading})"
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            previous.addnext(shown)
        _remove(run)
