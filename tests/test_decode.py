"""Encodings a newsroom meets, and the inputs that must be refused with a clear message."""
from __future__ import annotations

import pytest

from convert.readers.decode import decode_text
from convert.errors import ConvertError

SIMPLIFIED = "近日，中国互联网企业综合实力指数发布会在厦门召开。会上，协会正式发布了年度报告，并揭晓了榜单。"
TRADITIONAL = "傳統中文的新聞稿件，臺灣媒體報導指出，今年的經濟成長率預計將達到百分之三，出口持續成長。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_simplified_chinese_in_every_common_encoding(encoding: str) -> None:
    assert decode_text(SIMPLIFIED.encode(encoding), "a.md") == SIMPLIFIED


def test_big5_traditional_chinese_is_detected() -> None:
    assert decode_text(TRADITIONAL.encode("big5"), "a.md") == TRADITIONAL


def test_crlf_and_cr_newlines_are_normalised() -> None:
    assert decode_text("一\r\n二\r三".encode("utf-8"), "a.md") == "一\n二\n三"


def test_bom_is_not_part_of_the_text() -> None:
    assert decode_text(("\ufeff# 标题").encode("utf-8"), "a.md") == "# 标题"


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t \r\n", "empty"),
    ("\ufeff  \n".encode("utf-8"), "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50, "binary"),
])
def test_bad_input_raises_one_line_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(ConvertError) as caught:
        decode_text(data, "news/bad.md")
    text = str(caught.value)
    assert text.startswith("news/bad.md: ") and message in text and "\n" not in text


def test_mostly_utf8_with_a_broken_byte_is_kept_as_utf8() -> None:
    data = (SIMPLIFIED * 10).encode("utf-8") + b"\xe4\xb8" + "。结尾".encode("utf-8")
    text = decode_text(data, "a.md")
    assert text.startswith(SIMPLIFIED) and text.endswith("。结尾") and text.count("\ufffd") == 1


def test_undecodable_bytes_are_refused() -> None:
    noise = b"\x80\x81" * 300  # a lone 0x80 lead byte or 0x81 is invalid in every candidate encoding
    with pytest.raises(ConvertError, match="cannot decode"):
        decode_text(noise, "a.md")


@pytest.mark.parametrize("chinese", ["港口", "记者 王晓明 报道。"])
def test_english_with_a_few_gbk_chinese_words_keeps_them(chinese: str) -> None:
    """Mostly ASCII: the few GBK bytes were read as damaged UTF-8 (U+FFFD) or as Big5/cp1252 mojibake."""
    text = "The harbor authority said on Monday that shore power would reach every berth. " * 30 + chinese + "\n"
    assert decode_text(text.encode("gbk"), "a.md") == text


@pytest.mark.parametrize("text, encoding", [("Café résumé naïve, déjà vu. " * 20, "cp1252"),
                                            ("Harbor news. " * 200 + "記者 王曉明 報導。", "big5")])
def test_mostly_ascii_in_other_encodings_is_not_taken_for_gbk(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding), "a.md") == text


# ---------------------------------------------------------------- control bytes


def test_a_few_control_bytes_are_removed_with_a_warning_naming_the_file() -> None:
    from convert.errors import collect_warnings

    data = "# 标题\n\n正文\x00第一段。\x07\n\nSecond\x1b paragraph.\n".encode("utf-8")
    with collect_warnings() as warnings:
        text = decode_text(data, "news/nul.md")
    assert text == "# 标题\n\n正文第一段。\n\nSecond paragraph.\n"
    assert len(warnings) == 1 and warnings[0].startswith("news/nul.md: ") and "3 control" in warnings[0]


def test_control_bytes_in_a_legacy_encoding_are_removed_too() -> None:
    from convert.errors import collect_warnings

    data = (SIMPLIFIED * 3).encode("gbk") + b"\x00\x01"
    with collect_warnings() as warnings:
        assert decode_text(data, "gbk.md") == SIMPLIFIED * 3
    assert any(w.startswith("gbk.md: ") for w in warnings)


def test_nul_padding_after_the_text_is_dropped() -> None:
    from convert.errors import collect_warnings

    with collect_warnings() as warnings:
        assert decode_text("# T\n\nBody.\n".encode("utf-8") + b"\x00" * 8000, "pad.md") == "# T\n\nBody.\n"
    assert warnings == ["pad.md: removed 8000 NUL byte(s) padding the end of the file"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding: str) -> None:
    text = "# Harbor\n\nThe port said 港口 would open on Monday.\n"
    assert decode_text(text.encode(encoding), "a.md") == text


def test_input_that_is_mostly_not_text_is_refused() -> None:
    import io
    import os

    from PIL import Image

    jpeg = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(jpeg, "JPEG")
    for data in (jpeg.getvalue(), os.urandom(4096), b"\x00\x01\x02text\x03\x04\x05" * 100):
        with pytest.raises(ConvertError, match="binary"):
            decode_text(data, "a.md")


def test_an_article_with_control_bytes_converts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io
    import zipfile

    import convert
    from convert import model as m

    path = tmp_path / "nul.md"
    path.write_bytes("# 港口\x00新闻\n\n正文\x00第一段。\n".encode("utf-8"))
    doc = convert.read(str(path))
    assert doc.meta.title == "港口新闻" and "正文第一段。" in m.visible_text(doc)
    with zipfile.ZipFile(io.BytesIO(convert.convert(path, to="docx"))) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "港口新闻" in body and "\x00" not in body
    assert "港口新闻" in convert.convert(path, to="html").decode()
