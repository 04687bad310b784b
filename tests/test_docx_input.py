"""A .docx input is an archive we did not write: its inflated size is bounded before pandoc reads it, and
its external relationships (files, shares, private addresses) are never followed."""
from __future__ import annotations

import io
import re
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from PIL import Image

import convert
from convert import model as m
from convert.errors import ConvertError, collect_warnings
from convert.readers import docx as docx_reader
from convert.readers import pandoc

from conftest import convert_bytes

MIB = 1024 * 1024


def word_parts(heading: str = "Linked things") -> dict[str, bytes]:
    """The parts of a small real Word document: a heading, a paragraph, a picture, a closing paragraph."""
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "#3a7").save(picture, "PNG")
    document = docx.Document()
    document.add_heading(heading, 1)
    document.add_paragraph("The harbour opened its new berths on Monday.")
    document.add_picture(io.BytesIO(picture.getvalue()), width=Mm(20))
    document.add_paragraph("End.")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


# ---------------------------------------------------------------- zip bombs


def spaces_deflated(size_mib: int) -> tuple[bytes, int]:
    """A raw deflate stream inflating to `size_mib` MiB of spaces, built without compressing them all:
    after a full flush, every MiB compresses to the same bytes. Returns (stream, CRC-32 of the spaces)."""
    chunk = b" " * MIB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH) == segment
    stream = segment * size_mib + compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(size_mib):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def hand_zipped(parts: dict[str, bytes], raw: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip archive of `parts` (deflated here) and of `raw` parts given as (deflate stream, CRC, the
    inflated size to declare), whatever that size really is."""
    entries = {}
    for name, data in parts.items():
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        entries[name] = (compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))
    entries.update(raw)
    body, directory = io.BytesIO(), io.BytesIO()
    for name, (stream, crc, declared) in entries.items():
        encoded = name.encode()
        offset = body.tell()
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), declared,
                               len(encoded), 0) + encoded + stream)
        directory.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(stream), declared,
                                    len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), directory.tell(), body.tell(), 0)
    return body.getvalue() + directory.getvalue() + end


def bomb(tmp_path: Path, *, declared: int | None) -> Path:
    """A real Word document whose document.xml inflates to 200 MiB (its header saying so, or `declared`)."""
    parts = word_parts()
    del parts["word/document.xml"]
    stream, crc = spaces_deflated(200)
    path = tmp_path / "bomb.docx"
    path.write_bytes(hand_zipped(parts, {"word/document.xml": (stream, crc, declared or 200 * MIB)}))
    assert path.stat().st_size < 1 * MIB
    return path


def refused_quickly(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    def never(*args: object) -> str:
        raise AssertionError("pandoc must not read an archive that failed the size check")

    monkeypatch.setattr(pandoc, "_pandoc_run", never)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ConvertError) as caught:
            convert.read(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 15
    assert peak < 32 * MIB, f"the check held {peak // MIB} MiB"
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_a_docx_declaring_a_huge_part_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    message = refused_quickly(bomb(tmp_path, declared=None), monkeypatch)
    assert re.search(r"declare 20\d MiB inflated; the limit is 128 MiB", message)


def test_a_bomb_whose_header_lies_is_caught_while_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = bomb(tmp_path, declared=4096)
    with zipfile.ZipFile(path) as archive:
        assert sum(info.file_size for info in archive.infolist()) < docx_reader.MAX_INFLATED_BYTES
    message = refused_quickly(path, monkeypatch)
    assert "too large" in message and "word/document.xml" in message


def test_the_limit_counts_every_part_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_INFLATED_BYTES", 64 * 1024)
    parts = word_parts()
    parts["word/media/padding1.bin"] = b"x" * 40_000
    parts["word/media/padding2.bin"] = b"y" * 40_000
    path = tmp_path / "many.docx"
    path.write_bytes(zipped(parts))
    with pytest.raises(ConvertError, match="too large"):
        convert.read(str(path))


def test_a_damaged_archive_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    with pytest.raises(ConvertError) as caught:
        convert.read(str(path))
    assert "not a valid .docx" in str(caught.value) and "\n" not in str(caught.value)


def test_an_ordinary_docx_still_converts(tmp_path: Path) -> None:
    path = tmp_path / "ordinary.docx"
    path.write_bytes(zipped(word_parts("Harbor berths open")))
    doc = convert.read(str(path))
    assert doc.meta.title == "Harbor berths open"
    assert len(doc.figures) == 1 and "The harbour opened" in m.visible_text(doc)
    assert convert_bytes(path, "html").count(b"<img") == 1


# ---------------------------------------------------------------- external relationships

RELS = "word/_rels/document.xml.rels"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def with_external_targets(picture_target: str, links: dict[str, str]) -> bytes:
    """A Word document whose picture is linked from `picture_target` and which links to each of `links`
    (relationship id -> target), all as external relationships."""
    parts = word_parts()
    rels = parts[RELS].decode()
    rels = re.sub(r'(Type="[^"]+/image" Target=")[^"]+"',
                  lambda found: f'{found[1]}{picture_target}" TargetMode="External"', rels)
    extra = "".join(f'<Relationship Id="{rid}" Type="{HYPERLINK}" Target="{target}" TargetMode="External"/>'
                    for rid, target in links.items())
    parts[RELS] = rels.replace("</Relationships>", extra + "</Relationships>").encode()
    runs = "".join(f'<w:hyperlink r:id="{rid}"><w:r><w:t xml:space="preserve"> link-{rid} </w:t></w:r></w:hyperlink>'
                   for rid in links)
    parts["word/document.xml"] = parts["word/document.xml"].decode().replace(
        "<w:t>End.</w:t></w:r>", "<w:t>End.</w:t></w:r>" + runs).replace("r:embed=", "r:link=").encode()
    return zipped(parts)


@pytest.mark.parametrize("picture", ["file:///etc/passwd", r"\\server\share\photo.png", "http://192.168.1.10/p.png",
                                     "http://localhost/p.png", "http://127.1/p.png", "../../secret.png"])
def test_external_relationships_to_files_and_private_hosts_are_ignored(tmp_path: Path, picture: str) -> None:
    links = {"rId90": "file:///etc/passwd", "rId91": r"\\intranet\docs\plan.docx", "rId92": "http://10.0.0.8/admin",
             "rId93": "https://example.org/story"}
    path = tmp_path / "linked.docx"
    path.write_bytes(with_external_targets(picture, links))
    with collect_warnings() as warnings:
        doc = convert.read(str(path))
        html = convert_bytes(path, "html").decode()
    ignored = [w for w in warnings if "ignored an external" in w]
    assert len(ignored) == 4 and all(w.startswith("linked.docx: ") for w in ignored)
    assert any(picture[:20] in w for w in ignored)
    urls = [node.url for block in m.walk_blocks(doc.blocks) for node in _inlines(m.block_inlines(block))
            if isinstance(node, m.Link)]
    assert urls == ["https://example.org/story"]  # the public web link stays a link
    assert not doc.figures
    for secret in ("/etc/passwd", "server", "192.168", "10.0.0.8", "localhost", "127.1", "secret"):
        assert secret not in html
    assert "link-rId90" in html  # the link's text stays


def test_unsafe_external_targets() -> None:
    unsafe = ["file:///etc/passwd", "FILE:/c:/x", r"\\server\share", "//server/share", "C:\\x.png", "images/a.png",
              "smb://nas/x", "http://[::1]/", "http://169.254.169.254/latest", "http://intranet/", "http://0x7f.1/",
              "https://printer.local/", "http://[", "ftp://example.org/x"]
    safe = ["https://example.org/a.png", "http://news.example.com/x", "mailto:desk@example.org", "https://8.8.8.8/"]
    assert [t for t in unsafe if not docx_reader.unsafe_external_target(t)] == []
    assert [t for t in safe if docx_reader.unsafe_external_target(t)] == []


def _inlines(nodes: tuple[m.Inline, ...]) -> list[m.Inline]:
    out: list[m.Inline] = []
    for node in nodes:
        out.append(node)
        out += _inlines(m.inline_children(node))
    return out
