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
