"""A tenth round of inputs nothing before had: a Taiwan wire's dateline reprinted in a portal's brackets,
a Hong Kong report signed under its text, articles in Japanese, Korean and Arabic, a Big5 text file, a
UTF-16 Markdown file; and what they showed was wrong, tested at the step that now reads it right."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.enrich.bylines import lead_dateline

# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize("lead", [
    "（中央社記者陳怡君台北28日電）台北市長今天宣布，明年起調漲停車費。",
    "【中央社記者陳怡君台北28日電】台北市長今天宣布，明年起調漲停車費。",  # a portal's reprint
])
def test_a_taiwan_wires_dateline_names_its_reporter_in_any_brackets(lead: str) -> None:
    assert lead_dateline(lead) == {"place": "台北", "source_site": "中央社", "authors": ("陳怡君",),
                                   "reported": True}


def test_a_wires_dateline_with_no_reporter_names_no_one() -> None:
    assert "authors" not in lead_dateline("【中央社台北28日電】台北市長今天宣布，明年起調漲停車費。")


HK_REPORT = """# 港鐵東涌綫延線下年通車

【本報訊】港鐵東涌綫延線工程接近完成，預計明年第一季通車。住喺東涌西嘅陳太話：「以前返工要搭巴士轉車。」

港鐵發言人表示，延線全長約1.3公里，每日可服務約五萬人次。

{closing}
"""


@pytest.mark.parametrize(("closing", "authors"), [
    ("記者　李嘉欣", ("李嘉欣",)),
    ("记者 王浩宇", ("王浩宇",)),
    ("（記者 李嘉欣）", ("李嘉欣",)),
    ("李嘉欣", ()),  # a name alone is no signature: it stays text
])
def test_a_reporter_signing_under_the_report_is_its_author(tmp_path: Path, closing: str,
                                                           authors: tuple[str, ...]) -> None:
    (path := tmp_path / "hk.md").write_text(HK_REPORT.format(closing=closing), encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == authors
    assert (closing in convert.model.visible_text(doc)) == (not authors)
