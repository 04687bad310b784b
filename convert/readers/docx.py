"""A .docx input is a zip archive: checked before pandoc reads it.

- Its parts must not inflate beyond `MAX_INFLATED_BYTES` in all. The sizes the archive declares are
  checked first, then every part is inflated as a stream (never held whole) from its own compressed
  bytes, so a part whose header understates its size (a zip bomb that lies) is caught too: pandoc
  would otherwise inflate a 1.5 GB `document.xml` from a 1.5 MB file into several GB of memory.
- Heading styles named in Chinese (`标题 1`) and floating pictures are restated for pandoc
  (`docx_shapes`); hidden text, placeholders, tracked changes, fields, ruby and text boxes are put right
  (`docx_text`), with a warning for what an editor should know (hidden text left out, changes accepted,
  comments left out).
- A package without its main part, or whose main part is not well-formed XML, is refused naming the
  part and the line: pandoc said only `DocxError`.
- External relationships (`TargetMode="External"`) that point at files (`file:`, `\\\\server\\share`,
  a path) or at loopback and private addresses are removed, with a warning: a document we did not
  write must not make us read a local file or reach into the newsroom's network.
"""
from __future__ import annotations

import io
import ipaddress
import posixpath
import socket
import struct
import urllib.parse
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import ConvertError, warn
from .docx_shapes import RESTATED_PARTS, restated
from .docx_text import COMMENTS, HIDDEN, TRACKED, edited, style_facts

MAX_INFLATED_BYTES = 128 * 1024 * 1024  # every part of the archive together, inflated
MAX_PARTS = 10_000
_CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a zip local file header, 30 bytes
_LOCAL_SIGNATURE = b"PK\x03\x04"
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def checked_docx(path: Path, data: bytes) -> bytes:
    """The archive as pandoc may read it: refused (ConvertError) when it is no zip or inflates beyond
    the limit; without the external relationships it must not follow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ConvertError(path, "not a valid .docx file (not a zip archive)") from None
    if len(infos) > MAX_PARTS:
        raise ConvertError(path, f"the .docx holds {len(infos)} parts; the limit is {MAX_PARTS}")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_INFLATED_BYTES:
        raise ConvertError(path, _too_large(f"its parts declare {_mib(declared)} inflated"))
    inflated = 0
    for info in infos:
        inflated += _inflated_size(path, data, info, MAX_INFLATED_BYTES - inflated)
    return _without_unsafe_relationships(path, data, archive, infos)


MAIN_PART = "word/document.xml"
NOTE_PARTS = ("word/footnotes.xml", "word/endnotes.xml")
_NOTES = {
    HIDDEN: "hidden text (Word's Hidden font) is left out",
    TRACKED: "it had tracked changes not yet accepted or rejected: they are read as accepted",
    COMMENTS: "its comments are left out",
}


def _main_part(path: Path, archive: zipfile.ZipFile) -> etree._Element:
    """The document's body part, parsed (here, to name what is wrong with it: pandoc says only `DocxError`)."""
    try:
        xml = archive.read(MAIN_PART)
    except KeyError:
        raise ConvertError(path, f"{MAIN_PART} is missing: the .docx holds no document body "
                                 "(a damaged file, or not a Word document)") from None
    try:
        return etree.fromstring(xml, _SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else "?"
        reason = (getattr(error, "msg", "") or str(error)).split(",")[0].strip()
        raise ConvertError(path, f"{MAIN_PART}: not well-formed XML at line {line} ({reason[:80]}): "
                                 "the .docx is damaged") from None


def _corrected_part(xml: bytes | etree._Element, facts: tuple[set[str], set[str]], notes: set[str]) -> bytes | None:
    """The body or notes part (or its parsed root) with hidden text, placeholders, changes, fields, ruby and
    text boxes put right (`docx_text`); None when it needs nothing (or is not XML)."""
    try:
        root = etree.fromstring(xml, _SAFE_PARSER) if isinstance(xml, bytes) else xml
    except etree.XMLSyntaxError:
        return None
    found, changed = edited(root, *facts)
    notes |= found
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else None


def _too_large(what: str) -> str:
    return f"the .docx is too large to read: {what}; the limit is {_mib(MAX_INFLATED_BYTES)}"


def _mib(size: int) -> str:
    return f"{size / 1048576:.0f} MiB"


def _inflated_size(path: Path, data: bytes, info: zipfile.ZipInfo, allowance: int) -> int:
    """How many bytes the part inflates to, counted from its compressed bytes (its header's sizes are
    not trusted); raises once it passes `allowance`."""
    start = _data_offset(path, data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        size = min(info.compress_size, len(data) - start)
        if size > allowance:
            raise ConvertError(path, _too_large(f"{info.filename} alone is {_mib(size)}"))
        return size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ConvertError(path, f"{info.filename} in the .docx uses a compression Word never writes "
                                 f"(method {info.compress_type})")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    position = start
    try:
        while not inflater.eof and position < len(data):
            pending = data[position:position + _CHUNK]
            position += len(pending)
            while pending and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                if size > allowance:
                    raise ConvertError(path, _too_large(f"{info.filename} inflates beyond it"))
                pending = inflater.unconsumed_tail
    except zlib.error:
        raise ConvertError(path, f"{info.filename} in the .docx is damaged (not valid deflate data)") from None
    return size


def _data_offset(path: Path, data: bytes, info: zipfile.ZipInfo) -> int:
    """Where the part's compressed bytes start: after its local header, whose name and extra field
    lengths may differ from the central directory's."""
    header = data[info.header_offset:info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        raise ConvertError(path, f"not a valid .docx file ({info.filename} has no local header)")
    fields = _LOCAL_HEADER.unpack(header)
    name_length, extra_length = fields[-2], fields[-1]
    return info.header_offset + _LOCAL_HEADER.size + name_length + extra_length


# ---------------------------------------------------------------- relationships


def _without_unsafe_relationships(path: Path, data: bytes, archive: zipfile.ZipFile,
                                  infos: list[zipfile.ZipInfo]) -> bytes:
    """The archive without unsafe external targets, and with what pandoc would miss restated
    (`docx_shapes`: localized heading style names, floating pictures)."""
    replaced: dict[str, bytes] = {}
    names = {info.filename for info in infos}
    main = _main_part(path, archive)
    numbering = archive.read("word/numbering.xml") if "word/numbering.xml" in names else None
    styles = archive.read("word/styles.xml") if "word/styles.xml" in names else None
    facts = style_facts(styles, _SAFE_PARSER)
    notes: set[str] = set()
    styles_read = (restated("word/styles.xml", styles) or styles) if styles else None
    for info in infos:
        name = info.filename
        if name.endswith(".rels"):
            cleaned = _clean_relationships(path, archive.read(info), name, archive)
        elif name == MAIN_PART:
            text = _corrected_part(main, facts, notes)
            cleaned = restated(name, text or archive.read(info), numbering, styles_read) or text
        elif name in NOTE_PARTS:
            cleaned = _corrected_part(archive.read(info), facts, notes)
        elif name == "word/styles.xml":
            cleaned = styles_read if styles_read is not styles else None
        else:
            cleaned = restated(name, archive.read(info), numbering) if name in RESTATED_PARTS else None
        if cleaned is not None:
            replaced[name] = cleaned
    for note in (HIDDEN, TRACKED, COMMENTS):
        if note in notes:
            warn(f"{path.name}: {_NOTES[note]}")
    if not replaced:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for info in infos:
            rebuilt.writestr(info, replaced.get(info.filename) or archive.read(info))
    return out.getvalue()


def _clean_relationships(path: Path, xml: bytes, name: str = "", archive: zipfile.ZipFile | None = None) -> bytes | None:
    """The relationships part without unsafe external targets, nor pictures pointing at parts the
    package does not hold (warned: pandoc drops such a picture without a word); None when it keeps
    them all."""
    try:
        root = etree.fromstring(xml, _SAFE_PARSER)
    except etree.XMLSyntaxError:
        return None  # pandoc reports a broken part itself
    dropped = False
    for relationship in root.iterfind(f"{{{_RELATIONSHIPS_NS}}}Relationship"):
        target = (relationship.get("Target") or "").strip()
        if (relationship.get("TargetMode") or "").lower() != "external":
            if archive is not None and (relationship.get("Type") or "").endswith("/image"):
                part = _part_name(name, target)
                if part is None or part not in archive.NameToInfo:
                    picture = _picture_name(archive, _source_part(name), relationship.get("Id") or "")
                    warn(f"{path.name}: the picture {picture} is left out: it points to {target[:80]!r}, "
                         "which is not in the document (a damaged or hand-made .docx)")
                    root.remove(relationship)
                    dropped = True
            continue
        if unsafe_external_target(target):
            kind = (relationship.get("Type") or "").rsplit("/", 1)[-1] or "relationship"
            warn(f"{path.name}: ignored an external {kind} pointing to {target[:80]}")
            root.remove(relationship)
            dropped = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if dropped else None


def _source_part(rels_name: str) -> str:
    """The part a relationships part belongs to: `word/_rels/document.xml.rels` -> `word/document.xml`."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _part_name(rels_name: str, target: str) -> str | None:
    """The package part a relationship's target names, or None when it leads out of the package."""
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(_source_part(rels_name)), urllib.parse.unquote(target))
    normal = posixpath.normpath(joined)
    return None if normal.startswith("../") or normal in ("..", ".") else normal


def _picture_name(archive: zipfile.ZipFile, part: str, rid: str) -> str:
    """How the document names the picture of relationship `rid` (its name or description), for a warning."""
    try:
        root = etree.fromstring(archive.read(part), _SAFE_PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError):
        return rid
    for blip in root.iterfind(".//{*}blip"):
        if rid in blip.attrib.values():
            drawing = next((a for a in blip.iterancestors() if etree.QName(a).localname in ("inline", "anchor")), None)
            names = drawing.iterfind("{*}docPr") if drawing is not None else iter(())
            for element in names:
                label = element.get("descr") or element.get("name")
                if label:
                    return f"{label!r} ({rid})"
    return rid


def unsafe_external_target(target: str) -> bool:
    """A target outside the public web: a file, a share, a path, or a loopback, private, link-local or
    intranet (dot-less) host. Web addresses and mail addresses are safe."""
    if target.lower().startswith("mailto:"):
        return False
    try:
        parts = urllib.parse.urlsplit(target)
        host = parts.hostname or ""
    except ValueError:
        return True
    if parts.scheme.lower() not in ("http", "https") or not host:
        return True  # file:, \\server\share, C:\..., a relative path, smb:, ...
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:  # the shorthand forms a resolver accepts: 127.1, 0x7f.0.0.1, 2130706433
            address = ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return host == "localhost" or host.endswith((".localhost", ".local", ".internal")) or "." not in host
    return not address.is_global
