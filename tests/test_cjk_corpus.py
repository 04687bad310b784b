"""Chinese typesetting faults found on a generated corpus nobody had seen (`benchmarks/cjk_corpus.py`,
issue 12), each written here small."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.checks.typography import Line, kept_lead, pdf_lines, ragged_lines, split_numbers
from convert.enrich.minus import minus_signs
from formats import docx_text, epub_text, html_text, pdf_text, poppler, squeeze

MINUS = "\u2212"


# ---------------------------------------------------------------- the minus sign


def test_a_negative_number_in_chinese_text_takes_the_minus_sign_and_nothing_else_does() -> None:
    assert minus_signs("同比下降-2.3%，环比-0.5个百分点") == f"同比下降{MINUS}2.3%，环比{MINUS}0.5个百分点"
    assert minus_signs("-25.4%") == f"{MINUS}25.4%"  # a table cell
    assert minus_signs("（-0.07 pct）气温 -3～-5℃") == f"（{MINUS}0.07 pct）气温 {MINUS}3～{MINUS}5℃"
    for kept in ("COVID-19", "2020-2024年", "010-12345678", "report-2024.pdf", "3%-5%", "２０２０-２０２４",
                 "A-1", "Wi-Fi 6"):
        assert minus_signs(kept) == kept


@pytest.mark.parametrize("to", ["html", "epub", "docx", "pdf"])
def test_every_edition_prints_the_minus_and_keeps_hyphens(tmp_path: Path, to: str) -> None:
    source = tmp_path / "a.md"
    source.write_text("# 季度营收同比下降-2.3%\n\n受COVID-19影响，营收同比下降-2.3%，2020-2024年累计增长12.8%。\n\n"
                      "| 指标 | 同比 |\n|:--|--:|\n| 净利润 | -25.4% |\n", encoding="utf-8")
    data = convert.convert(source, to=to, offline=True)
    text = squeeze({"html": html_text, "epub": epub_text, "docx": docx_text, "pdf": pdf_text}[to](data))  # type: ignore[arg-type]
    assert f"下降{MINUS}2.3%" in text and f"{MINUS}25.4%" in text
    assert "下降-2.3" not in text and "-25.4" not in text
    assert "COVID-19" in text and "2020—2024" in text  # a span of years takes the one-em dash (enrich.widths)


def test_latin_text_keeps_its_hyphen_minus(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("# Quarterly results\n\nRevenue fell -2.3% on the year.\n", encoding="utf-8")
    assert "-2.3%" in html_text(convert.convert(source, to="html", offline=True))  # type: ignore[arg-type]


# ---------------------------------------------------------------- the measures: what is a number, what a line could take


def _line(top: float, text: str) -> Line:
    return Line(0, top, tuple({"text": ch, "x0": 20 + 10 * i, "x1": 30 + 10 * i, "size": 10.0, "top": top}
                              for i, ch in enumerate(text)))


def test_digits_in_a_name_or_a_web_address_are_no_number_to_split() -> None:
    def split(end: str, start: str, units: bool = True) -> list[str]:
        return split_numbers([_line(100, end), _line(117, start)], units=units)

    assert split("受COVID-19", "疫情影响，客流") == []  # a name: a break after it parts no figure from a unit
    assert split("详情可登录http://example.com/report-2024", ".pdf查询", units=False) == []
    assert split("news.example.cn/a/20240601/123456", ".shtml查询", units=False) == []
    assert split("新款iPhone15", "在杭州首发") == []
    # numbers still are
    assert split("排名第36", "位，较去年") == ["p1 排名第36 / 位，较去年"]
    assert split("营收增长12", ".5%，环比", units=False) == ["p1 营收增长12 / .5%，环比"]
    assert split("总投资1,2", "00亿元", units=False) == ["p1 总投资1,2 / 00亿元"]


def test_the_lead_a_line_could_not_give_up_holds_a_currency_a_code_and_an_address_piece() -> None:
    def lead(text: str) -> str:
        return text[:kept_lead(text)]

    assert lead("¥4,544，全天成交额") == "¥4,544，"  # a currency is one with its number
    assert lead("（603695.SH）股价收于") == "（603695.SH）"  # a stock code is one word
    assert lead(".pdf查询，陈") == ".pdf"  # an address breaks before its next `.` or `/`, not inside a piece
    assert lead("/20240601/123456.shtml") == "/20240601"
    assert lead("COVID-19疫情影响") == "COVID-19"  # a word, not the Han text after it


# ---------------------------------------------------------------- the PDF's text layer


def test_an_ellipsized_running_head_leaves_the_bodys_ellipses_their_text(tmp_path: Path) -> None:
    """The e-reader's running head is ellipsized (`…提速低空…`): Pango draws its `…` with the hidden text
    (`经济`) as its cluster, and every `……` of the body after the first head was extracted as `经济经济`."""
    plain = "各地纷纷出台政策支持产业发展，推动相关产业高质量发展，多个项目陆续落地。\n\n" * 14
    later = "业内人士认为，这一轮调整……仍将持续一段时间。\n\n" * 4
    source = tmp_path / "a.md"
    source.write_text(f"# 第4届跨境电商论坛开幕，哈尔滨城市更新提速低空经济\n\n{plain}{later}", encoding="utf-8")
    text = poppler("pdftotext", convert.convert(source, to="pdf", offline=True, edition="ereader"))  # type: ignore[arg-type]
    assert "提速低空…" in text  # the running head is ellipsized: the case is made
    assert text.count("调整……仍将") == 4 and "经济经济" not in text


# ---------------------------------------------------------------- breaks: a range with its unit


def test_a_range_with_a_unit_may_break_after_its_dash_rather_than_leave_the_line_short(tmp_path: Path) -> None:
    """`…预计` / `2018—2023年内建成`: the range and its unit were kept whole, and the e-reader's line before
    it was left 3.6 em short. As a last resort the dash ends the line (`预计2018—` / `2023年`), the
    second number kept with its unit, as a range with no unit already did."""
    from convert.theme import load_theme

    source = tmp_path / "a.md"
    source.write_text("# 项目进展\n\n上午8:00，青岛跨境电商大会在会展中心开幕，星河半导体（600038.SH）股价收于"
                      "2025年12月24日，全天成交额58个百分点。该项目总投资59.3万元，预计2018—2023年内建成投产。\n",
                      encoding="utf-8")
    lines = pdf_lines(convert.convert(source, to="pdf", offline=True, edition="ereader"))  # type: ignore[arg-type]
    theme = load_theme()
    mm = 72 / 25.4
    size, margins = theme.ereader.size_pt, theme.ereader.margin_mm
    short = ragged_lines(lines, size, margins[3] * mm, (theme.ereader.page_size_mm[0] - margins[1]) * mm,
                         theme.text.indent_em * size, tolerance=0.5 * size)
    assert short == []
    assert any(line.text.endswith("2018—") for line in lines)  # the case is made: the range is at a line's end
    assert split_numbers(lines, units=False) == []


def test_a_range_between_numbers_with_units_keeps_its_dash() -> None:
    """`2016年-2018年`, `5月20日-31日` (GNE's 163 and qq pages) are ranges: no sign after a number's unit."""
    for text in ("同比科技2016年-2018年的营业收入", "5月20日-31日，匝道封闭", "1万元-2万元", "3岁-6岁儿童"):
        assert minus_signs(text) == text
    assert minus_signs("利润为-3.2亿元，气温-5℃") == f"利润为{MINUS}3.2亿元，气温{MINUS}5℃"
