"""The format map: how the tests read an edition of each format.

Generic tests (test_every_writer, test_hostile, test_properties, test_golden) run over
`convert.registry.names()` and read editions only through this map, so a new writer is tested by adding
its entry here and nothing else (test_format_map proves it with writers registered by entry point). A
registered format without an entry fails test_every_registered_format_is_in_the_format_map, and every
generic test that asks for it through `of`, with a message naming this file.

Each entry says:
- `text`: the article as a reader reads it, in order, without page furniture (PDF: poppler's text less
  running headers and page numbers; EPUB: the spine's documents; DOCX: the body and the notes, note
  numbers as Word shows them; HTML: the body);
- `carried`: every byte the edition carries, decompressed, as searchable text (PDF: every object, every
  stream decoded, plus the raw file and the extracted text; zips: every member inflated; HTML: the page
  with each data: URI decoded; images inside any of them add their metadata (PNG text chunks, EXIF)
  and `pixels_key`, so a test can ask whether a given picture is in an edition);
  a test that looks for a leaked string searches this, never the edition's raw bytes;
- `opens`: raises unless the edition opens in the reader its format's users would use;
- `structure`: a small JSON-able outline for the golden files (test_golden.py);
- `pictures`: whether the edition carries the pictures it shows (HTML: as data: URIs).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from lxml import etree

MAP_FILE = "tests/formats.py"


@dataclass(frozen=True)
class Extractor:
    text: Callable[[bytes], str]
    carried: Callable[[bytes], str]
    opens: Callable[[bytes], None]
    structure: Callable[[bytes], Any]
    pictures: bool = True


# The hyphen WeasyPrint adds where it breaks an English word at a line's end (`Pan-` / `doc`): ASCII's, the
# PDF's `hyphenate-character` (U+2010 before). A word's own hyphen there (`pass-` / `through`) goes too.
HYPHENATED = "(?<=[A-Za-z])[-\u2010]\n(?=[a-z])"


def unhyphenated(text: str) -> str:
    """Squeezed text without hyphens, to compare with the PDF's, where a word's own hyphen at a line's end
    cannot be told from one the layout added."""
    return re.sub("[-\u2010]", "", text)


def squeeze(text: str) -> str:
    """Text compared across editions: NFKC, no whitespace, no soft or line-end hyphens, no zero-width
    joiners (the DOCX's keep numbers with their units: `scripts.joined_numbers`)."""
    return re.sub(r"[\s\u00ad\u200d\u2060]+", "", unicodedata.normalize("NFKC", text))


# ---------------------------------------------------------------- bytes of any kind as searchable text

IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"II*\x00", b"MM\x00*")


def blob_text(data: bytes) -> str:
    """A part's bytes as text (UTF-8 when they are, else byte for byte), an image's metadata, a zip's members."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    extra = []
    if data.startswith(IMAGE_MAGIC):
        extra.append(_image_metadata(data))
    elif data.startswith(b"PK\x03\x04"):
        extra.append(_zip_carried(data))
    return "\n".join([text, *extra])


def pixels_key(image: Any) -> str:
    """A picture's identity whatever file carries it: a digest of its pixels as RGBA."""
    return f"pixels:{image.width}x{image.height}:" + hashlib.sha256(image.convert("RGBA").tobytes()).hexdigest()[:20]


def _image_metadata(data: bytes) -> str:
    """What an image carries besides its bytes: text it holds compressed (PNG zTXt/iTXt, EXIF), which
    Pillow inflates, and its pixels' key."""
    from PIL import Image
    try:
        with Image.open(io.BytesIO(data)) as image:
            values = [str(v) for v in image.info.values() if isinstance(v, (str, bytes))]
            values += [blob_text(v) if isinstance(v, bytes) else str(v) for v in image.getexif().values()]
            values.append(pixels_key(image))
    except Exception:  # noqa: BLE001  not an image after all: its bytes are already searched
        return ""
    return "\n".join(values)


def _zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip_carried(data: bytes) -> str:
    return "\n".join(name + "\n" + blob_text(part) for name, part in _zip_members(data).items())


# ---------------------------------------------------------------- PDF


def _pdf_objects(data: bytes) -> list[Any]:
    """Every object the PDF's cross-reference tables name, referenced from the pages or not."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    reader = PdfReader(io.BytesIO(data))
    numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
    numbers |= {(num, 0) for num in reader.xref_objStm}
    objects = [reader.trailer]
    for num, gen in sorted(numbers):
        found = reader.get_object(IndirectObject(num, gen, reader))
        if found is not None:
            objects.append(found)
    return objects


def _pdf_object_text(obj: Any, out: list[str]) -> None:
    """Names, strings and decoded streams of one object, not following references (each is listed)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if isinstance(obj, IndirectObject):
        return
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            out.append(str(key))
            _pdf_object_text(value, out)
        if isinstance(obj, StreamObject):
            try:
                decoded = obj.get_data()
            except Exception:  # noqa: BLE001  a filter pypdf cannot undo: search the bytes as stored
                decoded = obj._data
            out.append(blob_text(decoded))
            if obj.get("/Subtype") == "/Image":
                try:
                    out.append(pixels_key(obj.decode_as_image()))
                except Exception:  # noqa: BLE001  a kind of image pypdf cannot draw: its bytes are searched
                    pass
    elif isinstance(obj, ArrayObject):
        for item in obj:
            _pdf_object_text(item, out)
    elif isinstance(obj, bytes):
        out.append(obj.decode("latin-1"))
    else:
        out.append(str(obj))


def pdf_carried(data: bytes) -> str:
    out = [data.decode("latin-1")]  # whatever is stored uncompressed, inside an object or not
    for obj in _pdf_objects(data):
        _pdf_object_text(obj, out)
    out.extend(pdf_pages(data))  # the text drawn, furniture included
    return "\n".join(out)


def pdf_faces(path: Path) -> Callable[[str], set[str]]:
    """The faces (subset prefix dropped) the PDF at `path` sets the first occurrence of a phrase in."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)

    def faces(phrase: str) -> set[str]:
        start = text.index(phrase)
        return {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in chars[start:start + len(phrase)]}
    return faces


def pdf_pages(data: bytes) -> list[str]:
    """poppler's text of each page in content-stream order, words hyphenated at a line end joined again."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: `make setup` installs poppler-utils"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        done = subprocess.run([pdftotext, "-enc", "UTF-8", "-raw", handle.name, "-"], capture_output=True,
                              check=True)
    pages = re.sub(HYPHENATED, "", done.stdout.decode("utf-8")).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", squeeze(line))


def pdf_text(data: bytes) -> str:
    """The article's text as a reader reads it: the pages' text without the running header and page
    number, which WeasyPrint draws last on each page and which would split a paragraph that turns a page.
    They are found as closing lines that recur (digits aside) on two pages or more."""
    pages = [page.splitlines() for page in pdf_pages(data)]
    endings: dict[str, int] = {}
    for lines in pages:
        for key in {_furniture_key(line) for line in lines[-3:]}:
            endings[key] = endings.get(key, 0) + 1
    furniture = {key for key, count in endings.items() if count >= 2 and key}
    kept = []
    for lines in pages:
        while lines and (_furniture_key(lines[-1]) in furniture or not lines[-1].strip()):
            lines = lines[:-1]
        kept.append("\n".join(lines))
    return "\n".join(kept)


def poppler(tool: str, data: bytes, *args: str) -> str:
    """What a poppler tool (`pdftotext`, `pdffonts`, `pdfinfo`) prints about the PDF `data`."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        done = subprocess.run([tool, *args, handle.name, *(["-"] if tool == "pdftotext" else [])],
                              capture_output=True, text=True, check=True)
    return done.stdout


def pdf_opens(data: bytes) -> None:
    from pypdf import PdfReader
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1


def pdf_structure(data: bytes) -> dict[str, Any]:
    """Metadata, outline, page size, pictures and links: what a lost heading, figure or link shows in.
    Not the page count, the page breaks nor the fonts: they move with the installed fonts' versions and
    fallbacks (see test_golden); test_pdf and test_consistency check the layout and the faces."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    info = reader.metadata or {}

    def titles(items: list, depth: int = 0) -> list[str]:
        out: list[str] = []
        for item in items:
            out.extend(titles(item, depth + 1) if isinstance(item, list) else ["  " * depth + item.title])
        return out

    links = []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.append(str(action["/URI"]))
    box = reader.pages[0].mediabox
    return {"metadata": {key: str(info[key]) for key in ("/Title", "/Author", "/Subject", "/Keywords")
                         if key in info},
            "lang": str(reader.trailer["/Root"].get("/Lang", "")),
            "page_size_mm": [round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)],
            "outline": titles(reader.outline),
            "pictures": sorted({image.name: f"{image.image.width}x{image.image.height}"  # each picture once
                                for page in reader.pages for image in page.images}.values()),
            "links": links}


# ---------------------------------------------------------------- EPUB

OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
          "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def _epub_package(parts: dict[str, bytes]) -> tuple[str, etree._Element]:
    container = etree.fromstring(parts["META-INF/container.xml"])
    path = container.find(".//{*}rootfile").get("full-path")
    return path, etree.fromstring(parts[path])


def _epub_spine(parts: dict[str, bytes]) -> list[str]:
    """The spine's documents, as member names."""
    path, package = _epub_package(parts)
    folder = path.rpartition("/")[0]
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind(".//opf:manifest/opf:item", OPF_NS)}
    return [f"{folder}/{hrefs[ref.get('idref')]}".lstrip("/") for ref in package.iterfind(".//opf:spine/opf:itemref",
                                                                                         OPF_NS)]


def epub_text(data: bytes) -> str:
    parts = _zip_members(data)
    return "\n".join("".join(etree.fromstring(parts[name]).find("x:body", OPF_NS).itertext())
                     for name in _epub_spine(parts))


def epub_opens(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype" and archive.testzip() is None
    parts = _zip_members(data)
    for name in _epub_spine(parts):
        etree.fromstring(parts[name])  # every document in the spine is well-formed XHTML


def epub_structure(data: bytes) -> dict[str, Any]:
    """The OPF's metadata, manifest and spine, the navigation, and the text's block outline."""
    parts = _zip_members(data)
    path, package = _epub_package(parts)
    folder = path.rpartition("/")[0]
    metadata = package.find("opf:metadata", OPF_NS)
    meta = []
    for element in metadata:
        if not isinstance(element.tag, str) or element.get("name") == "generator":  # ebooklib's version
            continue
        name = etree.QName(element).localname
        label = element.get("property") or element.get("name") or ""
        meta.append(f"{name}{'[' + label + ']' if label else ''}: {element.text or element.get('content') or ''}")
    nav_item = package.find(".//opf:item[@properties='nav']", OPF_NS)
    nav = etree.fromstring(parts[f"{folder}/{nav_item.get('href')}".lstrip("/")])
    toc = [f"{a.get('href')}: {''.join(a.itertext()).strip()}"
           for a in nav.iterfind(".//x:nav[@epub:type='toc']//x:a", OPF_NS)]
    manifest = sorted(re.sub(r"[0-9a-f]{8,}", "…", f"{item.get('href')} {item.get('media-type')} "  # not the
                             f"{item.get('properties') or ''}").strip()  # digest in a picture's name
                      for item in package.iterfind(".//opf:manifest/opf:item", OPF_NS))
    spine = [ref.get("idref") for ref in package.iterfind(".//opf:spine/opf:itemref", OPF_NS)]
    documents = {name: markup_outline(etree.fromstring(parts[name]).find("x:body", OPF_NS))
                 for name in _epub_spine(parts)}
    return {"metadata": meta, "manifest": manifest, "spine": spine, "toc": toc, "documents": documents}


# ---------------------------------------------------------------- DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph: etree._Element, numbers: dict[str, str]) -> str:
    """A paragraph's text as Word shows it: note references as their numbers, tabs and breaks as spaces."""
    out = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{W}t":
            out.append(node.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            out.append(numbers.setdefault(f"{tag}:{node.get(f'{W}id')}", str(len(numbers) + 1)))
        elif tag in (f"{W}footnoteRef", f"{W}endnoteRef"):
            note = next(a for a in node.iterancestors() if a.tag in (f"{W}footnote", f"{W}endnote"))
            kind = "footnoteReference" if note.tag == f"{W}footnote" else "endnoteReference"
            out.append(numbers.get(f"{W}{kind}:{note.get(f'{W}id')}", ""))
    return "".join(out)


def docx_text(data: bytes) -> str:
    """The body, then the notes (running headers and footers are page furniture, as in the PDF)."""
    parts = _zip_members(data)
    numbers: dict[str, str] = {}
    lines = [_paragraph_text(p, numbers) for p in etree.fromstring(parts["word/document.xml"]).iter(f"{W}p")]
    for name in ("word/footnotes.xml", "word/endnotes.xml"):
        if name in parts:
            lines += [_paragraph_text(p, numbers) for p in etree.fromstring(parts[name]).iter(f"{W}p")]
    return "\n".join(lines)


def docx_opens(data: bytes) -> None:
    import docx
    docx.Document(io.BytesIO(data))


def docx_structure(data: bytes) -> dict[str, Any]:
    """Each body paragraph's style and text, tables, notes, core properties."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = _zip_members(data)
    numbers: dict[str, str] = {}
    body = []
    for child in document.element.body:
        if child.tag == f"{W}p":
            style = child.find(f"{W}pPr/{W}pStyle")
            body.append(f"{style.get(f'{W}val') if style is not None else 'Normal'}: {_paragraph_text(child, numbers)}")
        elif child.tag == f"{W}tbl":
            rows = child.findall(f"{W}tr")
            body.append(f"table {len(rows)} rows: " + " | ".join(
                _paragraph_text(p, numbers) for p in rows[0].iter(f"{W}p")) if rows else "table")
    notes = []
    if "word/footnotes.xml" in parts:
        for note in etree.fromstring(parts["word/footnotes.xml"]).findall(f"{W}footnote"):
            if note.get(f"{W}type") is None:
                notes.append(" ".join(_paragraph_text(p, numbers) for p in note.iter(f"{W}p")).strip())
    core = document.core_properties
    section = document.sections[0]
    return {"body": body, "footnotes": notes,
            "properties": {"title": core.title, "author": core.author, "language": core.language,
                           "keywords": core.keywords, "created": core.created.isoformat() if core.created else ""},
            "page_mm": [round(section.page_width.mm), round(section.page_height.mm)]}


# ---------------------------------------------------------------- HTML

DATA_URI = re.compile(r"data:[\w/+.-]+;base64,([A-Za-z0-9+/=\s]+)")


def _html_tree(data: bytes) -> etree._Element:
    import html5lib
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml cannot name the attribute xml:lang; it is not looked at
        return html5lib.parse(data.decode("utf-8"), treebuilder="lxml", namespaceHTMLElements=False)


def html_text(data: bytes) -> str:
    body = _html_tree(data).find(".//body")
    for hidden in body.iter("script", "style", "template"):
        hidden.text = ""
    return "".join(body.itertext())


def data_uri_carried(data: bytes) -> str:
    page = data.decode("utf-8")
    decoded = []
    for match in DATA_URI.finditer(page):
        try:
            decoded.append(blob_text(base64.b64decode(re.sub(r"\s", "", match.group(1)), validate=True)))
        except binascii.Error:
            decoded.append(match.group(1))
    return "\n".join([page, *decoded])


def html_opens(data: bytes) -> None:
    import html5lib
    html5lib.HTMLParser(strict=True).parse(data.decode("utf-8"))


BLOCKS = {"article", "header", "section", "div", "aside", "p", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
          "figcaption", "img", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "th", "td",
          "blockquote", "pre", "hr", "nav"}


def markup_outline(element: etree._Element, depth: int = 0) -> list[str]:
    """Block elements as indented lines: tag, class, id, and the first words of a leaf's text."""
    lines = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = etree.QName(child).localname
        if tag not in BLOCKS:
            continue
        label = tag + "".join(f".{c}" for c in (child.get("class") or "").split())
        label += f"#{child.get('id')}" if child.get("id") else ""
        inner = markup_outline(child, depth + 1)
        if not inner:
            text = " ".join("".join(child.itertext()).split())
            label += f": {text[:40]}" if text else ""
        lines.append("  " * depth + label)
        lines.extend(inner)
    return lines


def html_structure(data: bytes) -> dict[str, Any]:
    tree = _html_tree(data)
    head = tree.find(".//head")
    meta = sorted(f"{m.get('name')}: {m.get('content')}" for m in head.iter("meta") if m.get("name"))
    return {"lang": tree.getroot().get("lang"), "title": head.findtext("title"), "meta": meta,
            "body": markup_outline(tree.find(".//body"))}


# ---------------------------------------------------------------- the map

FORMATS: dict[str, Extractor] = {
    "pdf": Extractor(text=pdf_text, carried=pdf_carried, opens=pdf_opens, structure=pdf_structure),
    "epub": Extractor(text=epub_text, carried=_zip_carried, opens=epub_opens, structure=epub_structure),
    "docx": Extractor(text=docx_text, carried=_zip_carried, opens=docx_opens, structure=docx_structure),
    "html": Extractor(text=html_text, carried=data_uri_carried, opens=html_opens, structure=html_structure),
}


def missing_message(fmt: str) -> str:
    return f"add an extractor for format {fmt!r} to {MAP_FILE} (the generic tests read every edition through it)"


def of(fmt: str) -> Extractor:
    """The map's entry for `fmt`; a format without one fails the test that asked, naming the fix."""
    if fmt not in FORMATS:
        pytest.fail(missing_message(fmt), pytrace=False)
    return FORMATS[fmt]
