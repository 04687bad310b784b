"""A table too wide for the page (twelve months of figures): every edition sets it as several tables, each
led by the rows' names, the later ones labelled `表1（续）`; no number is broken or runs into the next."""
from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

import convert
from convert import model as m
from convert.checks.typography import pdf_lines
from convert.theme import load_theme
from convert.writers.columns import column_groups

from formats import pdf_text, squeeze

MONTHS = [f"{month}月" for month in range(1, 13)]


def monthly(tmp_path: Path) -> Path:
    generator = random.Random(7)
    rows = ["|指标|" + "|".join(MONTHS) + "|", "|---|" + "---:|" * 12]
    for name in ("工业增加值（亿元）", "社会消费品零售总额（亿元）", "出口总额（亿美元）", "CPI同比（%）"):
        rows.append(f"|{name}|" + "|".join(f"{generator.uniform(1000, 99999):,.1f}" for _ in MONTHS) + "|")
    path = tmp_path / "monthly.md"
    path.write_text("# 2024年主要经济指标月度数据\n\n国家统计局今日发布数据。\n\n" + "\n".join(rows)
                    + "\n\n以上数据为初步核算结果。\n", encoding="utf-8")
    return path


def table(path: Path) -> m.Table:
    return next(b for b in convert.read(str(path), offline=True).blocks if isinstance(b, m.Table))


def test_groups_fit_the_measure_lead_with_the_names_and_are_even(tmp_path: Path) -> None:
    theme = load_theme()
    wide = table(monthly(tmp_path))
    for measure in (0.0, 51.0):  # the e-reader's page, the print page's
        groups = column_groups(wide, theme, True, measure)
        assert len(groups) > 1 and all(group[0] == 0 for group in groups)
        assert [i for group in groups for i in group[1:]] == list(range(1, 13))  # each month once, in order
        sizes = [len(group) for group in groups]
        assert max(sizes) - min(sizes) <= 1
    assert len(column_groups(wide, theme, True, 51.0)) < len(column_groups(wide, theme, True))
    narrow = tmp_path / "narrow.md"
    narrow.write_text("# 表\n\n|地区|数值|\n|---|---:|\n|北京|1,234.5|\n", encoding="utf-8")
    assert column_groups(table(narrow), theme, True) == []


@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_pdf_numbers_neither_overlap_nor_break(tmp_path: Path, edition: str) -> None:
    data = convert.convert(monthly(tmp_path), to="pdf", offline=True, edition=edition)
    lines = pdf_lines(data)  # type: ignore[arg-type]
    for line in lines:  # the cells of a row: before, each number ran into the next
        for a, b in zip(line.chars, line.chars[1:]):
            assert a["x1"] <= b["x0"] + 0.5, line.text
    text = "\n".join(line.text for line in lines)
    numbers = re.findall(r"\d[\d,]*\.\d", text)
    assert len(numbers) == 48 and all(re.fullmatch(r"\d{1,2},\d{3}\.\d|\d{1,3}\.\d", n) for n in numbers)
    words = squeeze(pdf_text(data))  # type: ignore[arg-type]
    parts = sum(1 for line in lines if line.text.startswith("指标"))
    assert parts > 1 and words.count("表1(续)") == parts - 1  # NFKC and words.count("表1") == parts


def test_epub_and_docx_split_alike_with_the_label_continued(tmp_path: Path) -> None:
    source = monthly(tmp_path)
    epub = convert.convert(source, to="epub", offline=True)
    with zipfile.ZipFile(io.BytesIO(epub)) as book:  # type: ignore[arg-type]
        tree = etree.fromstring(book.read("EPUB/text.xhtml"))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    tables = tree.findall(".//h:table", ns)
    assert len(tables) > 1
    assert [t.get("id") is not None for t in tables] == [True] + [False] * (len(tables) - 1)  # ids stay unique
    captions = ["".join(t.find("h:caption", ns).itertext()).replace(" ", "") for t in tables]
    assert captions[0] == "表1" and set(captions[1:]) == {"表1（续）"}
    heads = [[re.sub(r"\s", "", "".join(th.itertext())) for th in t.findall(".//h:th", ns)] for t in tables]
    assert all(row[0] == "指标" for row in heads) and [h for row in heads for h in row[1:]] == MONTHS
    document = docx.Document(io.BytesIO(convert.convert(source, to="docx", offline=True)))  # type: ignore[arg-type]
    assert len(document.tables) == 2  # the A4 page holds six months beside the names
    assert document.tables[0].rows[0].cells[0].text.replace("\u200d", "") == "指标"  # joined: a word of the heading
    assert [re.sub("[\u200d\u00a0]", "", c.text) for t in document.tables for c in t.rows[0].cells[1:]] == MONTHS
    assert any(p.text.replace(" ", "") == "表1（续）" for p in document.paragraphs)
