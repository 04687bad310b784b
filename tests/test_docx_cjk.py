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
from convert.scripts import GAP_NO_BREAK as GAP, joined_numbers, unjoined

from conftest import SAMPLES
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
    joined = joined_numbers("共3006亿元，第36位，1,240万TEU。", gap="\u00a0")
    assert joined == (f"共3006{GAP}亿\u200d元，第{GAP}36{GAP}位，1,240{GAP}万{GAP}TEU。")
    assert unjoined(joined) == "共3006亿元，第36位，1,240万TEU。"
    assert joined_numbers("第36位") == "第\u200d36\u200d位"  # no gap asked for: the joiners alone
    assert joined_numbers("2024 年", gap="\u00a0") == "2024\u00a0年"  # a space the article has: a no-break space


def test_heading_words_are_joined_between_their_characters() -> None:
    assert joined_numbers("集装箱吞吐量", words=True) == "集\u200d装\u200d箱吞\u200d吐\u200d量"
    joined = joined_numbers("2024年前三季度", words=True, gap="\u00a0")  # the unit 年, then the word 前三季度
    assert joined == f"2024{GAP}年前\u200d三\u200d季\u200d度" and unjoined(joined) == "2024年前三季度"


def test_byline_date_and_table_are_joined_the_running_head_is_plain(own: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(docx_of(own))) as package:
        document = package.read("word/document.xml").decode()
        header = "".join(package.read(name).decode() for name in package.namelist() if "header" in name)
    assert f"2024{GAP}年10{GAP}月15{GAP}日" in document  # the byline's date
    assert document.count(f"1,240{GAP}万{GAP}TEU") == 2  # body and table cell
    assert "项\u200d目\u200d名\u200d称" in document and "前\u200d三\u200d季\u200d度" in document  # heading words
    header_text = re.sub("<[^>]+>", "", header)  # one line, shown whole: no joiners to copy or search
    assert "港口前三季度集装箱吞吐量同比增长" in header_text and unjoined(header_text) == header_text


def test_readback_drops_the_joiners_and_gaps() -> None:
    from lxml import etree

    xml = f'<w:p xmlns:w="{readback_docx.W}"><w:r><w:t>共3006{GAP}亿\u200d元，2024\u00a0年</w:t></w:r></w:p>'
    styles = readback_docx._Styles(f'<w:styles xmlns:w="{readback_docx.W}"/>'.encode())
    assert readback_docx._Paragraph(etree.fromstring(xml.encode()), styles).text == "共3006亿元，2024\u00a0年"


def test_docx_asks_for_words_punctuation_compression(tmp_path: Path) -> None:
    """Word's own compression (`compressPunctuation`; LibreOffice 7.4 reads the setting and does not
    apply it), and at a line's start where the theme trims an opening mark (`w:topLinePunct`)."""
    def package_parts(**options: object) -> tuple[str, str]:
        with collect_warnings():
            data = convert.convert(CHINESE[0], to="docx", offline=True, **options)  # type: ignore[arg-type]
        with zipfile.ZipFile(io.BytesIO(data)) as package:  # type: ignore[arg-type]
            return package.read("word/settings.xml").decode(), package.read("word/styles.xml").decode()

    settings, styles = package_parts()
    defaults = re.search(r"<w:pPrDefault>.*?</w:pPrDefault>", styles, re.S).group(0)  # type: ignore[union-attr]
    assert '<w:characterSpacingControl w:val="compressPunctuation"/>' in settings and "topLinePunct" not in defaults
    theme = tmp_path / "trim.toml"
    theme.write_text('name = "trim"\nextends = "default"\n[cjk]\nline_start_opening = "half"\n', encoding="utf-8")
    _, styles = package_parts(theme=str(theme))
    defaults = re.search(r"<w:pPrDefault>.*?</w:pPrDefault>", styles, re.S).group(0)  # type: ignore[union-attr]
    assert "<w:kinsoku/><w:topLinePunct/><w:autoSpaceDE/>" in defaults


# ---------------------------------------------------------------- as LibreOffice lays it out


def test_no_number_has_the_gap_on_one_side_only(laid_out: list[Layout]) -> None:
    one_sided = [f"{layout.name}: {item}" for layout in laid_out for item in layout.one_sided]
    assert len(laid_out) >= 6 * (len(CHINESE) + 1) and one_sided == []


def test_a_titles_clauses_take_a_line_each_when_it_does_not_fit_one() -> None:
    # `九巴申請加價4.8%　運輸及物流局：…` broke `運輸及` / `物流局` in the PDF and `市` / `民負擔` in the DOCX. The
    # clauses' characters were joined (U+200D, which Word honours), but LibreOffice 7.4 breaks between Han
    # characters whatever joins them: a title too long for its line breaks between its clauses, a line break
    # in the place of the space between them, as the PDF's lines break
    data = convert.convert(Path(__file__).parent / "data" / "breaks" / "hk-bus-fare.md", to="docx", offline=True)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()  # type: ignore[arg-type]
    title = re.search(r'<w:pStyle w:val="Title"/>.*?</w:p>', xml, re.S).group(0)  # type: ignore[union-attr]
    lines = [unjoined("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", line))) for line in title.split("<w:br/>")]
    assert lines == ["九巴申請加價4.8%", "運輸及物流局：會「審慎考慮」市民負擔"]
