"""Chinese typesetting faults found on a generated corpus nobody had seen (`benchmarks/cjk_corpus.py`,
issue 12), each written here small."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.enrich.minus import minus_signs
from formats import docx_text, epub_text, html_text, pdf_text, squeeze

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
    assert "COVID-19" in text and "2020-2024" in text


def test_latin_text_keeps_its_hyphen_minus(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("# Quarterly results\n\nRevenue fell -2.3% on the year.\n", encoding="utf-8")
    assert "-2.3%" in html_text(convert.convert(source, to="html", offline=True))  # type: ignore[arg-type]
