"""Chinese typography in the DOCX edition, as written and as LibreOffice lays it out (Word is not
available here): numbers kept with their units, the Han/Latin gap on both sides of a number, words
of table headings kept whole, Word's own punctuation compression asked for. Laid out at the measures
64 to 124 mm by `docx_layout` (one soffice run for the module)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

import convert
from convert.checks.readback import docx as readback_docx
from convert.errors import collect_warnings
from convert.scripts import GAP_NO_BREAK, NO_WIDTH_NON_BREAK, joined_numbers, unjoined

from conftest import ROOT, SAMPLES
from docx_layout import Layout, layouts

CHINESE = [path for path in SAMPLES if convert.read(str(path)).is_chinese]
OWN = """# 港口前三季度集装箱吞吐量同比增长

作者：王晓明 · 2024年10月15日 09:30

截至9月末，港口共完成3006亿元投资，集装箱吞吐量达1,240万TEU，企业2022年起第36位。

| 项目名称 | 2023年前三季度 | 2024年前三季度 |
|:---|---:|---:|
| 集装箱吞吐量 | 1,186万TEU | 1,240万TEU |
| 岸电使用率 | 71.3% | 78.4% |
"""


def docx_of(path: Path) -> bytes:
    with collect_warnings():
        return convert.convert(path, to="docx", offline=True)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("own") / "port.md"
    path.write_text(OWN, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def laid_out(own: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Layout]:
    documents = {path.parent.name: docx_of(path) for path in [*CHINESE, own]}
    return layouts(documents, tmp_path_factory.mktemp("libreoffice"))


# ---------------------------------------------------------------- the text written


def test_a_number_keeps_its_unit_and_the_gap_on_both_sides() -> None:
    joined = joined_numbers("共3006亿元，第36位，1,240万TEU。", gap=GAP_NO_BREAK)
    assert joined == (f"共3006{GAP_NO_BREAK}亿{NO_WIDTH_NON_BREAK}元，第{GAP_NO_BREAK}36{GAP_NO_BREAK}位，"
                      f"1,240{GAP_NO_BREAK}万{GAP_NO_BREAK}TEU。")
    assert unjoined(joined) == "共3006亿元，第36位，1,240万TEU。"
    assert joined_numbers("第36位") == "第\u200d36\u200d位"  # without a gap, as before (a theme with no gap)
    assert joined_numbers("2024 年") == "2024\u00a0年"  # a space the article has stays a (no-break) space


def test_heading_words_are_joined_between_their_characters() -> None:
    assert joined_numbers("集装箱吞吐量", words=True) == "集\u200d装\u200d箱吞\u200d吐\u200d量"
    joined = joined_numbers("2024年前三季度", gap=GAP_NO_BREAK, words=True)  # the unit 年, then 前三季度
    assert joined == f"2024{GAP_NO_BREAK}年前\u200d三\u200d季\u200d度" and unjoined(joined) == "2024年前三季度"


def test_byline_date_running_head_and_table_are_joined(own: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(own))) as package:
        document = package.read("word/document.xml").decode()
        header = "".join(package.read(name).decode() for name in package.namelist() if "header" in name)
    assert f"2024{GAP_NO_BREAK}年10{GAP_NO_BREAK}月15{GAP_NO_BREAK}日" in document  # the byline's date
    assert f"1,240{GAP_NO_BREAK}万{GAP_NO_BREAK}TEU" in document  # body and table cell
    assert document.count(f"1,240{GAP_NO_BREAK}万{GAP_NO_BREAK}TEU") == 2
    assert "项\u200d目\u200d名\u200d称" in document and "前\u200d三\u200d季\u200d度" in document  # heading words
    assert "港口前三季度" in unjoined(re.sub("<[^>]+>", "", header)) or not header


def test_readback_drops_the_gaps_it_was_given() -> None:
    paragraph = readback_docx._Paragraph  # the article's text, as the checks compare it
    xml = (f'<w:p xmlns:w="{readback_docx.W}"><w:r><w:t>共3006{GAP_NO_BREAK}亿{NO_WIDTH_NON_BREAK}元，'
           f'2024\u00a0年</w:t></w:r></w:p>')
    styles = readback_docx._Styles(f'<w:styles xmlns:w="{readback_docx.W}"/>'.encode())
    from lxml import etree
    assert paragraph(etree.fromstring(xml.encode()), styles).text == "共3006亿元，2024\u00a0年"


def test_docx_asks_for_words_punctuation_compression() -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(CHINESE[0]))) as package:
        settings = package.read("word/settings.xml").decode()
    assert '<w:characterSpacingControl w:val="compressPunctuation"/>' in settings


# ---------------------------------------------------------------- as LibreOffice lays it out


def test_no_number_has_the_gap_on_one_side_only(laid_out: list[Layout]) -> None:
    one_sided = [f"{layout.name}: {item}" for layout in laid_out for item in layout.one_sided]
    assert len(laid_out) >= 6 * (len(CHINESE) + 1) and one_sided == []
