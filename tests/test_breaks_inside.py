"""Breaks left wrong after the second round (issue 12): a headline split inside a quoted phrase glued to
the letters around it (`打造“智慧` / `港口”`), a race time broken between its parts (`10秒` / `08`), a range
broken after its dash (`10–` / `15 个基点`, `2024-` / `2025年`). None may happen in any edition."""
from __future__ import annotations

import functools
import subprocess
import io
import zipfile
from pathlib import Path

import pytest

import convert
from convert.checks.typography import browser_blocks, browser_lines, pdf_lines, split_numbers
from convert.scripts import joined_numbers, keep_together, number_groups, range_breaks, unjoined
from convert.theme import load_theme

from conftest import ROOT
from docx_layout import MEASURES_MM, layouts

SAMPLE = ROOT / "tests" / "data" / "breaks" / "harbour-sprint.md"
# The sample's `2024-2025年度` is set `2024—2025年度` (a span of years: `enrich.widths.range_hyphens`).
WHOLE = ["9秒83", "10秒08", "1分23秒45", "3:1", "2-1", "10–15", "2024—2025年度", "3～5", "2024—2025赛季"]


@pytest.mark.parametrize("text, group", [("他跑出10秒08，", "10秒08"), ("用时1分23秒45，", "1分23秒45"),
                                         ("跑出1'23\"45的成绩", "1'23\"45"), ("跑出1’23”45的成绩", "1’23”45"),
                                         ("以2小时05分30秒完赛", "05分30秒"), ("比分3:1", "3:1"),
                                         ("主队以2-1取胜", "2-1"), ("下调10–15 个基点", "10–15 个"),
                                         ("约3～5天", "3～5天"), ("2024—2025赛季", "2024—2025赛季"),
                                         ("2024-2025年度", "2024-2025年度"), ("增长3%-5%。", "3%-5%")])
def test_times_scores_and_ranges_are_one_group(text: str, group: str) -> None:
    assert any(text[a:b].startswith(group) for a, b in number_groups(text)), number_groups(text)
    number = group.rstrip("个天赛季年度 ")  # the number itself: a hard keep, even where its unit may go down
    start = text.index(number)
    assert any(a <= start and start + len(number) <= b for a, b in keep_together(text, soft=True, latin_units=True))


def test_a_race_time_takes_no_unit_after_it_and_dates_still_break_between_parts() -> None:
    assert [t[a:b] for t in ["他以10秒08夺冠"] for a, b in number_groups(t)] == ["10秒08"]
    dates = "2025年3月12日，下午3時15分，2013年至2015年"
    assert [dates[a:b] for a, b in number_groups(dates)] == ["2025年", "3月", "12日", "3時", "15分", "2013年", "2015年"]
    assert range_breaks("（2024—2026）》") == [6]


def test_the_docx_joins_a_number_wherever_word_could_break_inside_it() -> None:
    joiner, held = "\u200d", "\u200d\u2060"  # Word's no-break joiner; before a digit, LibreOffice's too
    assert joined_numbers("跑出10秒08，") == f"跑出10{joiner}秒{held}08，"
    assert joined_numbers("下调10–15 个基点") == f"下调10–{held}15\u00a0个基点"
    assert joined_numbers("约3～5天") == f"约3{joiner}～{held}5{joiner}天"
    assert unjoined(joined_numbers("约3～5天", gap="\u00a0")) == "约3～5天"
    # the Han/Latin gap inside a race time is a narrow no-break space (LibreOffice breaks digits after U+00A0)
    assert joined_numbers("以10秒08（", gap="\u00a0") == f"以10{joiner}\u202f秒{held}\u202f08（"
    assert unjoined(joined_numbers("以10秒08（", gap="\u00a0")) == "以10秒08（"


def test_the_docx_through_libreoffice_breaks_inside_no_time_score_or_range(tmp_path: Path) -> None:
    derby = ROOT / "tests" / "data" / "unseen2" / "sports-derby.md"
    documents = {"sample": convert.convert(SAMPLE, to="docx", offline=True),
                 "derby": convert.convert(derby, to="docx", offline=True)}
    measured = layouts(documents, tmp_path)  # type: ignore[arg-type]
    assert len(measured) == 2 * len(MEASURES_MM)
    assert [(layout.name, layout.splits) for layout in measured if layout.splits and "sample" in layout.name] == []
    # the Han/Latin gap on both sides of a race time's digits (`以10‍秒`: one side only, with no gap inside)
    assert [(layout.name, layout.one_sided) for layout in measured if layout.one_sided] == []


def test_the_epub_breaks_inside_no_time_score_or_range(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(convert.convert(SAMPLE, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        book.extractall(tmp_path)
    chapter = next(tmp_path.rglob("text.xhtml"))
    for width in (360, 480):
        blocks = browser_blocks(chapter, width)
        lines = browser_lines(blocks)
        assert split_numbers(lines, units=False) == [], width
        texts = ["".join(char[0] for char in line) for block in blocks for line in block["lines"]]
        assert not _broken(texts), (width, texts)
        heading = next(block for block in blocks if block["tag"] == "h1")
        assert any("“智慧港口”" in "".join(char[0] for char in line) for line in heading["lines"])


def _broken(texts: list[str]) -> list[tuple[str, str]]:
    return [(whole, text) for whole in WHOLE for n, text in enumerate(texts[:-1]) for cut in range(1, len(whole))
            if text.endswith(whole[:cut]) and texts[n + 1].startswith(whole[cut:])]


@functools.lru_cache(maxsize=None)
def built(edition: str) -> bytes:
    return convert.convert(SAMPLE, to="pdf", offline=True, edition=edition)  # type: ignore[return-value]


def lines(edition: str) -> list[tuple[str, float]]:
    return [(line.text, line.size) for line in pdf_lines(built(edition))]


@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_the_pdf_breaks_inside_no_time_score_or_range(edition: str) -> None:
    texts = [text for text, _ in lines(edition)]
    body = "".join(texts)
    assert all(whole in body for whole in WHOLE)
    assert not _broken(texts), texts
    assert split_numbers(pdf_lines(built(edition)), units=False) == []


def test_the_ereader_headline_keeps_its_glued_quoted_phrase_whole() -> None:
    theme = load_theme()
    size = theme.ereader.size_pt * theme.headings.scale[0]
    headline = [text for text, line_size in lines("ereader") if abs(line_size - size) < 0.2]
    assert len(headline) >= 2 and any("“智慧港口”" in line for line in headline), headline


KOREAN = ROOT / "tests" / "data" / "breaks" / "ko-transit.md"


@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_the_korean_pdf_breaks_at_spaces_only(edition: str) -> None:
    """Korean breaks lines between words (`word-break: keep-all`, which WeasyPrint 70 ignores): main broke
    13 words of this article between syllables in print and 23 on the e-reader (`밝` / `혔다`, `조치라` / `고`)."""
    words = set(KOREAN.read_text(encoding="utf-8").split())
    data = convert.convert(KOREAN, to="pdf", offline=True, edition=edition)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 20 and "\u2060" not in text  # the running header too has no joiner to copy
    split = [(a.split()[-1], b.split()[0]) for a, b in zip(lines, lines[1:]) if a.split()[-1] + b.split()[0] in words]
    assert split == []


STOCKS = "".join(f"{'涨' * (k % 23)}寒武纪-U{'跌' * (k % 7)}九号公司-WD，" for k in range(40))


def test_a_company_names_board_suffix_stays_with_it(tmp_path: Path) -> None:
    """`寒武纪-U` (a 科创板 company not yet in profit): line breaking allows a break after the hyphen; no
    edition takes it. Forty names at every offset of a line."""
    assert [STOCKS[a:b] for a, b in keep_together(STOCKS)][:2] == ["纪-U", "司-WD"]
    assert joined_numbers("寒武纪-U涨") == "寒武纪-\u200dU涨"
    source = tmp_path / "article.md"
    source.write_text(f"# 科创板\n\n{STOCKS}\n", encoding="utf-8")
    texts = [line.text for line in pdf_lines(convert.convert(source, to="pdf", offline=True))]  # type: ignore[arg-type]
    ends = [(text[-3:], after[:2]) for text, after in zip(texts, texts[1:])]
    assert len(texts) > 20
    assert not [pair for pair in ends if pair[0].endswith(("-", "－")) or pair[1].startswith(("-", "－"))], ends
    with zipfile.ZipFile(io.BytesIO(convert.convert(source, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        book.extractall(tmp_path / "book")
    blocks = browser_blocks(next((tmp_path / "book").rglob("text.xhtml")), 360)
    shown = ["".join(char[0] for char in line) for block in blocks for line in block["lines"]]
    assert not [text for text in shown if text.endswith(("-", "－"))], shown
