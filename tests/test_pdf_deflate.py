"""The PDF's streams are deflated once, at zlib's level 6, in the finisher (writers/pdf/deflate.py): the same
pages and text as pydyf's level 9, in about half the time."""
from __future__ import annotations

import io
import zlib

import pydyf
import pytest
from pypdf import PdfReader

import convert
from convert.writers.pdf import deflate

BODY = "港口集团近日发布绿色航运三年行动方案，提出岸电覆盖率在年内达到百分之九十。Shore power 5G。"


def _pdf(tmp_path, monkeypatch) -> bytes:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = tmp_path / "a.md"
    source.write_text(f"# 零碳码头\n\n{BODY * 6}\n\n## 岸电\n\n{BODY * 3}\n", encoding="utf-8")
    return convert.convert(source, to="pdf", offline=True)  # type: ignore[return-value]


def _streams(data: bytes) -> list[tuple[bytes, bytes]]:
    """(as stored, decoded) for each page's content and each embedded font file, in order."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        contents = page["/Contents"].get_object()
        for content in contents if isinstance(contents, list) else [contents]:
            content = content.get_object()
            found.append((content._data, content.get_data()))
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object().get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        file = descriptor[key].get_object()
                        assert file["/Filter"] == "/FlateDecode"
                        found.append((file._data, file.get_data()))
    return found


def test_the_fonts_and_pages_are_deflated_at_level_6_with_the_same_content(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ours = _pdf(tmp_path, monkeypatch)
    monkeypatch.setattr(deflate, "deflate_streams", lambda pdf, level=deflate.LEVEL: None)
    theirs = _pdf(tmp_path, monkeypatch)  # pydyf deflates at write time, at level 9

    stored = _streams(ours)
    big = [(raw, plain) for raw, plain in stored if len(plain) > 50_000]
    assert big, "the CJK font subsets are deflated streams"
    for raw, plain in big:
        assert raw == zlib.compress(plain, 6)
    assert [plain for _, plain in stored] == [plain for _, plain in _streams(theirs)]
    assert len(ours) < len(theirs) * 1.01
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(ours)).pages]
    assert pages == [page.extract_text() for page in PdfReader(io.BytesIO(theirs)).pages]
    assert "零碳码头" in pages[0]


def test_a_stream_of_other_parts_or_already_filtered_is_left_to_pydyf() -> None:
    pdf = pydyf.PDF()
    mixed = pydyf.Stream([b"BT", pydyf.String("F1"), b"ET"], compress=True)
    plain = pydyf.Stream([b"raw"], compress=False)
    packed = pydyf.Stream([b"q 1 0 0 1 0 0 cm Q"] * 50, compress=True)
    for stream in (mixed, plain, packed):
        pdf.add_object(stream)
    deflate.deflate_streams(pdf)
    assert mixed.compress and len(mixed.stream) == 3
    assert not plain.compress and plain.stream == [b"raw"] and "Filter" not in plain.extra
    assert not packed.compress and packed.extra["Filter"] == "/FlateDecode"
    assert zlib.decompress(packed.stream[0]) == b"\n".join([b"q 1 0 0 1 0 0 cm Q"] * 50)
    out = io.BytesIO()
    pdf.write(out, compress=True)
    assert b"/FlateDecode" in out.getvalue()


@pytest.mark.parametrize("level", [1, 6, 9])
def test_any_level_reads_back(level: int) -> None:
    pdf = pydyf.PDF()
    stream = pydyf.Stream([b"0 0 m 10 10 l S"] * 20, compress=True)
    pdf.add_object(stream)
    deflate.deflate_streams(pdf, level)
    assert zlib.decompress(stream.stream[0]) == b"\n".join([b"0 0 m 10 10 l S"] * 20)
