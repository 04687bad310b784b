"""Unseen inputs, twelfth round: what testers' new inputs showed wrong (see each test's docstring)."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.dates import parse_date_line

NOTICE = """关于开展冬季城镇燃气安全专项检查的通知

各区人民政府，市政府各委、办、局：

为切实做好冬季城镇燃气安全工作，防范和遏制燃气事故发生，经研究，决定开展专项检查。现将有关事项通知如下。

请各单位高度重视，认真组织，确保检查工作取得实效。

{issuer}
{date}
"""


@pytest.mark.parametrize(("date", "day"), [
    ("2024年11月25日", "2024-11-25"),
    ("二〇二四年十一月二十五日", "2024-11-25"),  # an older notice's, or a letter's, in Chinese numerals
])
def test_a_notice_is_dated_by_the_date_it_signs(tmp_path: Path, date: str, day: str) -> None:
    """A notice's only date is under its issuer's name: its editions had no date at all."""
    (path := tmp_path / "notice.txt").write_text(NOTICE.format(issuer="市应急管理局", date=date), encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.date == day and doc.body[-1].role == "signoff"


def test_a_notices_own_date_is_kept_over_its_signoffs(tmp_path: Path) -> None:
    (path := tmp_path / "notice.md").write_text("---\ndate: 2024-11-26\n---\n\n" + NOTICE.format(
        issuer="市应急管理局", date="2024年11月25日"), encoding="utf-8")
    assert convert.read(str(path)).meta.date == "2024-11-26"


@pytest.mark.parametrize(("line", "day"), [
    ("二〇二四年十一月二十日", "2024-11-20"), ("二○二三年十二月三十一日", "2023-12-31"), ("二〇二四年一月十日", "2024-01-10"),
    ("二〇二四年二月三十日", ""), ("二〇二四年十十月一日", ""), ("二〇二四年十一月", ""),
])
def test_a_day_in_chinese_numerals_is_a_date_line(line: str, day: str) -> None:
    assert parse_date_line(line) == day


def test_a_signed_date_is_not_repeated_in_the_byline(tmp_path: Path) -> None:
    from pypdf import PdfReader

    (path := tmp_path / "notice.txt").write_text(NOTICE.format(issuer="市应急管理局", date="2024年11月25日"),
                                                 encoding="utf-8")
    pdf = convert.convert(str(path), to="pdf", output=str(tmp_path / "n.pdf"), offline=True)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert text.replace(" ", "").count("2024年11月25日") == 1  # under the issuer, not in the byline too
    assert PdfReader(pdf).metadata["/CreationDate"].startswith("D:20241125")
