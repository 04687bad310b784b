"""A ninth round of inputs nothing before had: a Hong Kong paper's saved page (its date line with the
weekday), a press conference's transcript with answers in English, a Traditional novel's chapter, a
sports report with a standings table, an HTML article with ruby; and what they showed was wrong, tested
at the step that now reads it right."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import convert
from convert.dates import date_times_in
from convert.errors import collect_warnings
from convert.scripts import east_asian_marks, latin_marks

# ---------------------------------------------------------------- a page's date line with its weekday

PAGE = """<!DOCTYPE html><html lang="zh-HK"><head><meta charset="utf-8">
<title>港鐵東鐵綫今晨信號故障 - 明報新聞網</title><meta property="og:site_name" content="明報新聞網"></head>
<body><div class="nav"><a href="/">首頁</a> <a href="/news">港聞</a> <a href="/world">國際</a></div>
<div id="main"><h1>港鐵東鐵綫今晨信號故障</h1><div class="date">{date}</div><article>
<p>【明報專訊】港鐵東鐵綫今晨繁忙時間發生信號故障，上水至紅磡方向列車服務一度延誤逾40分鐘，逾萬名乘客受阻。</p>
<p>港鐵表示，故障於早上7時52分發生，至8時35分修復，事件原因仍在調查。立法會議員要求港鐵在兩星期內提交報告。</p>
<p>運輸及物流局表示，已要求港鐵盡快查明原因，並會按機制考慮是否罰款，最高可罰2,500萬元。</p>
</article></div><div class="footer">© 2024 明報新聞網 版權所有</div></body></html>"""


@pytest.mark.parametrize(("shown", "expected"), [
    ("2024年11月28日星期四 12:30", "2024-11-28T12:30"),
    ("2024年11月28日（星期四）12:30", "2024-11-28T12:30"),
    ("2024年11月28日 星期四 下午3:15", "2024-11-28T15:15"),
])
def test_a_pages_date_line_with_its_weekday_dates_the_article(tmp_path: Path, shown: str, expected: str) -> None:
    """The date under a Hong Kong paper's headline names the weekday between the day and the time; the
    page had no date at all (no meta, and htmldate's quick search finds none)."""
    (page := tmp_path / "mingpao.html").write_text(PAGE.format(date=shown), encoding="utf-8")
    assert convert.read(str(page)).meta.date == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("发布时间：2024年06月06日05:52 | 来源：新华网", ["2024-06-06T05:52"]),
    ("2024-04-15 10:32:07", ["2024-04-15T10:32:07"]),
    ("2025年3月19日 14時05分　文：佐藤美咲", ["2025-03-19T14:05"]),
    ("2024年11月28日 上午9:05　更新：2024年11月28日 下午1:20", ["2024-11-28T09:05", "2024-11-28T13:20"]),
    ("2024-11-28", []),  # a day alone is no time
    ("12024-11-28 12:30", []),  # inside a longer number
    ("2024-13-28 12:30", []),  # no such month
])
def test_the_days_with_their_times_inside_a_line(text: str, expected: list[str]) -> None:
    assert list(date_times_in(text)) == expected


# ---------------------------------------------------------------- marks of English inside Chinese text


@pytest.mark.parametrize(("text", "latin", "east_asian"), [
    ("毛宁：I don’t have any information.", ["’"], []),
    ("他说：“It’s fine.”然后走了", ["’"], ["“", "”"]),
    ("“OK”他说", [], ["“", "”"]),  # a pair goes together: the opening one stands by no Han
    ("彭博社问 said “hello” to", ["“", "”"], []),
    ("西安（Xi’an）", ["’"], []),
    ("马克·吐温说“暗伤”", [], ["·", "“", "”"]),
])
def test_the_shared_marks_of_english_text_are_told_from_those_of_chinese(
        text: str, latin: list[str], east_asian: list[str]) -> None:
    assert [text[a:b] for a, b in latin_marks(text)] == latin
    assert [text[a:b] for a, b in east_asian_marks(text)] == east_asian


PRESSER = ("# 例行记者会\n\n**彭博社记者：**Can you confirm reports that the meeting will take place in Geneva?\n\n"
           "**毛宁：**I don’t have any information to offer at the moment.\n\n"
           "**法新社记者：**中方对此有何回应？\n")


def test_an_apostrophe_in_english_inside_a_chinese_paragraph_is_set_in_the_latin_face(tmp_path: Path) -> None:
    """The CJK face comes first in a Chinese article and drew `’` a full em wide: `I don’ t have`."""
    import pdfplumber

    (source := tmp_path / "a.md").write_text(PRESSER, encoding="utf-8")
    out = convert.convert(source, to="pdf", output=tmp_path / "a.pdf", offline=True)
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    apostrophe = next(c for c in chars if c["text"] == "’")
    assert "CJK" not in apostrophe["fontname"]
    assert apostrophe["width"] < 0.4 * apostrophe["size"]
    html = convert.convert(source, to="html", offline=True)
    html = html if isinstance(html, str) else html.decode()
    assert re.search(r'don<span class="lang" lang="en">’</span>t', html)  # the EPUB's markup too


# ---------------------------------------------------------------- an HTML article's head


def test_an_html_articles_head_is_no_dropped_content(tmp_path: Path) -> None:
    """`<meta charset>` in an article saved as HTML warned `dropped <meta> from raw HTML`: a head's
    furniture is never shown. A `<meta>` or `<style>` in the body is still reported."""
    body = "<p>在我的家乡，人们把一种竹制的渔具叫作罾。这些字，城里长大的孩子多半不认得。</p>"
    (plain := tmp_path / "a.html").write_text(
        f'<html lang="zh-CN"><head><meta charset="utf-8"><title>乡愁</title><link rel="stylesheet" href="a.css">'
        f"<style>p {{}}</style></head><body><article><h1>乡愁</h1>{body}</article></body></html>", encoding="utf-8")
    with collect_warnings() as warnings:
        convert.read(str(plain))
    assert warnings == []
    (odd := tmp_path / "b.html").write_text(f'<html><body><article><h1>乡愁</h1>{body}'
                                            '<meta http-equiv="refresh" content="0"></article></body></html>',
                                            encoding="utf-8")
    with collect_warnings() as warnings:
        convert.read(str(odd))
    assert any("dropped <meta>" in w for w in warnings)
