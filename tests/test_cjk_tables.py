"""A table of figures in Chinese text, in every edition: no number broken inside or split from its unit
(a Latin one after a space too: `−0.07 pct`), header and cells broken between words (`2024 年` /
`前三季度`, never `2024 年前` / `三季度`), and the checks reading a table's row cell by cell. Measured in
the PDF (print and e-reader), the EPUB as Chromium lays it out at a phone's width, and the DOCX as
LibreOffice sets it on a page as narrow as the e-reader's."""
from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest

import convert
from convert.checks.typography import Line, browser_blocks, browser_lines, pdf_lines, row_cells, split_numbers
from convert.scripts import heading_words, joined_numbers, keep_together, number_parts
from convert.theme import load_theme
from convert.writers.cjk import Typesetting, typeset

from conftest import ROOT
from docx_layout import libreoffice_pdfs, narrowed

QUARTERLY = ROOT / "tests" / "data" / "unseen" / "cn-quarterly.md"
MM = 72 / 25.4
# Of our own, not in the samples: a header that jieba segments `年前` / `三季度`, Latin units, a
# magnitude with a Latin unit, words a narrow column must not split.
OWN = """# 港口前三季度运营数据

据港务集团发布的数据，前三季度集装箱吞吐量继续增长。

| 项目 | 2023年前三季度 | 2024年前三季度 | 变动 |
|:---|---:|---:|---:|
| 集装箱吞吐量 | 1,186万TEU | 1,240万TEU | +4.6% |
| 岸电使用率 | 71.3% | 78.4% | +7.1 pct |
| 平均在港时间 | 26.5 h | 24.8 h | −1.7 h |
| 单位能耗 | 2.91 kgce | 2.75 kgce | −0.16 kgce |
| 港区噪声 | 68 dB | 56 dB | −12 dB |
"""


@functools.lru_cache(maxsize=None)
def built(path: Path, fmt: str, edition: str = "horizontal") -> bytes:
    return convert.convert(path, to=fmt, offline=True, edition=edition)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("own") / "port-table.md"
    path.write_text(OWN, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the rules, on text


def test_a_latin_unit_after_a_number_stays_with_it_in_chinese_text() -> None:
    parts = lambda text, latin: [text[a:c] for a, _, c in number_parts(text, latin)]  # noqa: E731
    assert parts("−0.07 pct", True) == ["−0.07 pct"] and parts("下降 12 dB，", True) == ["12 dB"]
    assert parts("−0.07 pct", False) == ["−0.07"]  # English text: a number is followed by any word
    assert parts("吞吐量1,240万TEU，", False) == ["1,240万TEU"]  # a magnitude and its Latin unit
    assert [("1,240万TEU"[a:b]) for a, b, _ in number_parts("1,240万TEU")] == ["1,240"]  # the number: a hard keep
    assert parts("见 https://x.cn/2023/1030 a", True) == [] and parts("v2.0 版", True) == []
    assert joined_numbers("下降 −0.07 pct，2024 年") == "下降 −0.07\u00a0pct，2024\u00a0年"  # the DOCX's no-break space


def test_a_year_keeps_its_unit_and_the_phrase_after_it_is_whole() -> None:
    """jieba segments `2024年前三季度` as `2024` `年前` `三季度`: the unit is `年` (its `前` starts the
    dictionary word `前三季`), and the header breaks `2024 年` / `前三季度`. `3年前` and `2024年底`
    keep their two-character units."""
    assert [t[a:c] for t in ["2024年前三季度"] for a, _, c in number_parts(t)] == ["2024年"]
    assert [t[a:c] for t in ["3年前他来过"] for a, _, c in number_parts(t)] == ["3年前"]
    assert [t[a:c] for t in ["2024年底前完成"] for a, _, c in number_parts(t)] == ["2024年底"]
    header = "2024年前三季度"
    assert [header[a:b] for a, b in keep_together(header, heading_words(header))] == ["2024年", "前三季度"]
    cell = "核心一级资本充足率"
    assert [cell[a:b] for a, b in keep_together(cell, heading_words(cell))] == ["核心", "一级", "资本", "充足率"]


def test_cells_are_marked_up_to_break_between_words() -> None:
    markup = typeset("<table><tr><th>2024年前三季度</th><td>核心一级资本充足率</td><td>−0.07 pct</td></tr></table>",
                     Typesetting(latin_units=True))
    assert ('<th><span class="nobr">202<span class="sg-r">4</span>年</span><span class="nobr">前三季度</span></th>'
            in markup)
    assert ('<td><span class="nobr">核心</span><span class="nobr">一级</span><span class="nobr">资本</span>'
            '<span class="nobr">充足率</span></td><td><span class="nobr">−0.07 pct</span></td>') in markup
    paragraph = typeset("<p>核心一级资本充足率为10.27%。</p>")
    assert paragraph.startswith("<p>核心一级资本充足率为<span")  # a paragraph is justified: its words are not held


def test_split_numbers_reads_a_table_row_cell_by_cell() -> None:
    """A row reads as one line across its cells: `−0.07` ends the row's line and `pct` starts the
    next line under it, and only the cells below a cell continue its text, never the next row's."""
    def line(top: float, cells: list[tuple[float, str]]) -> Line:
        chars = [{"text": ch, "x0": x + 5 * i, "x1": x + 5 * i + 5, "size": 10.0, "top": top}
                 for x, text in cells for i, ch in enumerate(text)]
        return Line(0, top, tuple(chars))

    row = line(100, [(20, "不良贷款率"), (120, "1.12%"), (170, "−0.07")])
    assert [cell.text for cell in row_cells(row)] == ["不良贷款率", "1.12%", "−0.07"]
    unit_below = line(114, [(175, "pct")])
    assert split_numbers([row, unit_below]) == ["p1 −0.07 / pct"]
    assert split_numbers([row, unit_below], units=False) == []
    inside = line(114, [(170, "5")])  # `−0.07` / `5`: a number broken inside
    assert split_numbers([row, inside], units=False) == ["p1 −0.07 / 5"]
    next_row = line(135, [(20, "拨备覆盖率"), (120, "238.65%"), (170, "12")])  # a row below: not a continuation
    assert split_numbers([row, next_row]) == []
    assert split_numbers([line(100, [(20, "增长到1,2")]), line(117, [(20, "00亿元")])]) == ["p1 增长到1,2 / 00亿元"]


# ---------------------------------------------------------------- every edition


def table_lines(lines: list[Line], body_size: float) -> list[Line]:
    """The lines set smaller than the body and larger than footnotes: a table's (the running head is
    left out by its page top)."""
    table_size = body_size * load_theme().table.size_em
    return [line for line in lines if abs(line.size - table_size) < 0.6]


@pytest.mark.parametrize("edition", ["print", "ereader"])
@pytest.mark.parametrize("which", ["quarterly", "own"])
def test_pdf_tables_keep_numbers_and_words(edition: str, which: str, own: Path) -> None:
    theme = load_theme()
    data = built(QUARTERLY if which == "quarterly" else own, "pdf", edition)
    size = theme.ereader.size_pt if edition == "ereader" else theme.text.size_pt
    lines = table_lines(pdf_lines(data), size)
    assert len(lines) >= 6
    assert split_numbers(lines) == []  # nor a unit, in a cell
    cells = [cell.text for line in lines for cell in row_cells(line)]
    assert any("前三季度" in cell for cell in cells), cells
    assert not any(cell.endswith("年前") for cell in cells), cells
    if which == "quarterly":
        assert "−0.07pct" in cells, cells
        pieces = [cell for cell in cells if cell and set(cell) <= set("核心一级资本充足率")]
        assert "".join(pieces) == "核心一级资本充足率" and all(  # broken between words only
            piece in {"核心", "一级", "资本", "充足率", "核心一级", "资本充足率", "一级资本", "核心一级资本",
                      "一级资本充足率", "核心一级资本充足率"} for piece in pieces), pieces


@pytest.mark.parametrize("which", ["quarterly", "own"])
def test_epub_tables_at_a_phones_width(which: str, own: Path, chromium: str, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(built(QUARTERLY if which == "quarterly" else own, "epub"))) as book:
        book.extractall(tmp_path)
    chapter = next(tmp_path.rglob("text.xhtml"))
    for width in (360, 480):
        cells = [block for block in browser_blocks(chapter, width, chromium) if block["tag"] in ("td", "th")]
        assert len(cells) >= 20
        assert split_numbers(browser_lines(cells)) == [], width
        texts = ["".join(char[0] for char in line) for block in cells for line in block["lines"]]
        assert any(text.startswith("前三季度") for text in texts) or any("年前三季度" in text for text in texts), texts
        assert not any(text.endswith("年前") for text in texts), (width, texts)
        for block in cells:  # nothing kept whole runs out of its cell
            assert max(char[1] + char[2] for line in block["lines"] for char in line) <= block["right"] + 1, width


def test_docx_tables_in_libreoffice(own: Path, tmp_path: Path) -> None:
    """Set on a page as narrow as the e-reader's (and wider), LibreOffice breaks no number in a cell nor
    splits one from its unit: the columns are sized as in the other editions, and a Latin unit is
    held by a no-break space. (It breaks a cell's Han words where it likes: the joiners Word keeps a
    word whole with, U+200D and U+2060, it ignores between Han characters.)"""
    theme = load_theme()
    pages = {f"{name}-{width:g}": narrowed(built(source, "docx"), width - 12)  # a page `width` mm wide
             for name, source in (("quarterly", QUARTERLY), ("own", own))
             for width in (theme.ereader.page_size_mm[0], 124)}
    for name, pdf in libreoffice_pdfs(pages, tmp_path).items():
        lines = [line for line in pdf_lines(pdf)
                 if line.size < theme.text.size_pt - 0.3 and line.top > 40]  # the table's, not the running head
        assert len(lines) >= 6, name
        assert split_numbers(lines) == [], name
