"""Chinese copy of kinds the seeds do not have (`tests/data/unseen/`): a Hong Kong news item (Cantonese,
English names, HK$ figures, `下午3時15分`), a mainland financial report (figures, ranges, a table,
footnotes, a long product name and URL), a page pasted from the web (ASCII quotes and brackets,
full-width digits, `……` and `——`, notes written as `[1]`, no heading) and a Taiwan feature (「『』」
nested, `記者X／Y報導`). Each is read, built in every edition, validated and measured; and what they
showed was wrong is tested on its own below."""
from __future__ import annotations

import collections
import functools
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import convert
from convert import model as m
from convert.checks.typography import (browser_blocks, browser_lines, closing_line_ends, last_lines, mark_pairs,
                                       page_break_splits, pdf_lines, single_character, single_character_last_lines,
                                       split_numbers)
from convert.enrich.bylines import byline_fields
from convert.enrich.textnotes import text_notes
from convert.enrich.titles import reads_as_headline
from convert.enrich.widths import full_width_brackets, half_width_alphanumerics, normalize_widths
from convert.scripts import script_gaps, unjoined
from convert.theme import load_theme

from conftest import ROOT, every_edition, invalid_editions

UNSEEN = ROOT / "tests" / "data" / "unseen"
MM = 72 / 25.4
# file: (language, glyph standard of its faces, title, authors, date)
ARTICLES = {
    "hk-harbourfront.md": ("zh-HK", "HK", "灣仔海濱新單車徑下月開放\u3000市民：「終於唔使同啲車爭路」", ("黃家朗",),
                           "2024-03-05T15:15"),
    "cn-quarterly.md": ("zh-CN", "SC", "锦程银行2024年三季报：净利润同比增长6.8%，不良率降至1.12%", ("周文博",),
                        "2024-10-29T19:45"),
    "web-paste.txt": ("zh-CN", "SC", "暑期“研学游”火了，家长却直呼“看不懂”……", (), "2024-07-16T08:30"),
    "tw-feature.md": ("zh-TW", "TC", "老街書店「最後一夜」\u3000店主：『堅持』不是口號", ("林佳蓉",), "2024-11-02T21:40"),
}
EDITIONS = [("pdf", "print"), ("pdf", "ereader"), ("epub", "horizontal"), ("epub", "vertical"), ("docx", "horizontal"),
            ("docx", "ereader")]


@functools.lru_cache(maxsize=None)
def built(name: str, fmt: str, edition: str = "horizontal") -> bytes:
    return convert.convert(UNSEEN / name, to=fmt, offline=True, edition=edition)  # type: ignore[return-value]


# ---------------------------------------------------------------- read


@pytest.mark.parametrize("name", ARTICLES)
def test_read_title_language_byline(name: str) -> None:
    lang, _, title, authors, date = ARTICLES[name]
    doc = convert.read(str(UNSEEN / name))
    assert (doc.meta.lang, doc.meta.title, doc.meta.authors, doc.meta.date) == (lang, title, authors, date)
    text = m.visible_text(doc)
    assert not re.search(r'["\'＂]', text.replace("O'", "")), "an ASCII quotation mark is left in Chinese text"
    assert not re.search("[０-９Ａ-Ｚａ-ｚ]", text)


def test_pasted_page_is_read_as_an_article() -> None:
    doc = convert.read(str(UNSEEN / "web-paste.txt"))
    assert doc.meta.source_site == "网络" and "阅读量" not in m.visible_text(doc)
    first = m.plain_text(m.block_inlines(doc.body[0]))
    assert first.startswith("进入7月") and "6800元至12800元" in first and "——价格" in first
    text = m.visible_text(doc)
    assert "（约占41%）" in text and "2,400条" in text and "（如旅行社业务经营许可证）" in text
    assert "‘只要把安全和质量放在第一位，研学市场才能走得更远。’" in text and "体系……“现在" in text
    assert [n.number for n in doc.footnotes] == [1, 2] and "[1]" not in text and "[2]" not in text
    assert m.plain_text(doc.footnotes[1].content[0].content) == "受访者要求匿名。"
    assert m.plain_text(m.block_inlines(doc.body[-1])) == "（本文转载自网络，如有侵权请联系删除）"


def test_regional_conventions() -> None:
    hk = convert.read(str(UNSEEN / "hk-harbourfront.md"))
    assert hk.meta.place == "香港" and hk.meta.editor == "何詠詩"
    assert "Bernadette Linn（甯漢豪）" in m.visible_text(hk) and "HK$1.86億" in m.visible_text(hk)
    tw = convert.read(str(UNSEEN / "tw-feature.md"))
    assert tw.meta.place == "台南" and "「很多人問我為什麼撐這麼久，我總是回答『堅持』不是口號" in m.visible_text(tw)
    figure = tw.figures[0]
    assert figure.credit == "吳宗翰" and m.plain_text(figure.caption) == "府城書房門口，讀者排隊等候入場"


# ---------------------------------------------------------------- what the samples showed, one by one


def test_full_width_letters_and_digits_become_ascii() -> None:
    assert half_width_alphanumerics("报价６８００元，超过２，４００条，约占４１％，ＡＩ，１２．５万") == \
        "报价6800元，超过2,400条，约占41%，AI，12.5万"
    assert half_width_alphanumerics("1，2，3，甲。") == "1，2，3，甲。"  # a Chinese comma between ASCII digits stays


def test_ascii_brackets_around_han_text_become_full_width() -> None:
    assert full_width_brackets("(约占41%)、(JWIAP)、[1]、(如(某)许可证)、(未闭合") == \
        "（约占41%）、(JWIAP)、[1]、（如（某）许可证）、(未闭合"
    english = m.Document(meta=m.Meta(title="T", lang="en"), blocks=(m.Paragraph((m.Text("The (约 41%) share"),)),))
    assert normalize_widths(english) is english  # only Chinese articles are rewritten


def test_page_byline_with_several_fields_and_a_counter() -> None:
    assert byline_fields("发布时间：2024-07-16 08:30 来源：网络 阅读量：１２，８０６") == \
        {"date": "2024-07-16T08:30", "source_site": "网络", "counter": "阅读量：１２，８０６"}
    assert byline_fields("2024-07-16 08:30 来源：新华网 作者：张三 责任编辑：李四") == \
        {"date": "2024-07-16T08:30", "source_site": "新华网", "authors": ("张三",), "editor": "李四"}
    assert byline_fields("记者会上，发言人表示：今天") == {} and byline_fields("阅读全文") == {}


def test_a_headline_may_trail_off() -> None:
    assert reads_as_headline("暑期“研学游”火了，家长却直呼“看不懂”……") and reads_as_headline("What came next...")
    assert not reads_as_headline("他说。然后……") and not reads_as_headline("今天天气很好，")


def test_text_notes_only_when_all_are_called() -> None:
    def para(text: str) -> m.Paragraph:
        return m.Paragraph((m.Text(text),))

    blocks: list[m.Block] = [para("正文[1]，又见［2］。"), para("[1] 甲。 [2] 乙。"), para("（完）")]
    body, notes = text_notes(blocks)
    assert [n.number for n in notes] == [1, 2] and len(body) == 2
    assert [type(i).__name__ for i in body[0].content] == ["Text", "NoteRef", "Text", "NoteRef", "Text"]  # type: ignore[union-attr]
    uncalled: list[m.Block] = [para("正文[1]。"), para("[1] 甲。"), para("[2] 乙。")]
    assert text_notes(uncalled) == (uncalled, [])  # [2] is never called: a list, not notes
    assert text_notes([para("[1] 只有一段。")])[1] == []


def test_times_and_division_signs_take_no_script_gap() -> None:
    assert "sg-" not in script_gaps("贷款损失准备÷不良贷款余额×100%")
    assert 'class="sg-r">é</span>中' in script_gaps("Café中文")


# ---------------------------------------------------------------- every edition


def test_every_edition_is_valid(tmp_path: Path) -> None:
    assert invalid_editions(every_edition(tmp_path, ARTICLES, EDITIONS, built)) == {}


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_pdf_typesetting(name: str, edition: str) -> None:
    lang, standard, title, _, _ = ARTICLES[name]
    data = built(name, "pdf", edition)
    lines = pdf_lines(data)
    theme = load_theme()
    pairs = mark_pairs(lines)
    assert pairs.share >= 0.95, pairs.missed
    margins = theme.ereader.margin_mm if edition == "ereader" else theme.page.margin_mm
    width = theme.ereader.page_size_mm[0] if edition == "ereader" else 210
    assert single_character_last_lines(lines, {margins[3] * MM}) == []
    size = theme.ereader.size_pt if edition == "ereader" else theme.text.size_pt
    # Body and headline lines: a table's row is read as one line across its cells (see the report).
    text_lines = [line for line in lines if line.size >= size - 0.05]
    assert split_numbers(text_lines, units=False) == []  # never inside a number
    right = (width - margins[1]) * MM
    for line, following in zip(text_lines, text_lines[1:]):  # a unit leaves its number only to fill a line
        if split_numbers([line, following]):
            assert edition == "ereader" and abs(line.right_edge() - right) < 0.6, (line.text, following.text)
    assert closing_line_ends(lines, (width - margins[1]) * MM)[1] == 0
    splits = page_break_splits(lines, size, margins[3] * MM, theme.text.indent_em * size)
    assert all(before >= 2 and after >= 2 for _, before, after in splits), splits
    faces = collections.Counter(re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for line in lines for c in line.chars
                                if re.match("[\u4e00-\u9fff]", c["text"]))
    assert faces and all(f"CJK-{standard}" in face for face in faces), faces
    flat = "".join(line.text for line in lines)
    assert "".join(title.split())[:12] in flat
    if standard != "SC" and convert.read(str(UNSEEN / name)).figures:
        assert "圖1" in flat  # the Traditional figure label
    assert ("頁" in flat) == (standard != "SC") and ("页" in flat) == (standard == "SC")


@pytest.mark.parametrize("name", ARTICLES)
def test_epub_in_chromium(name: str, chromium: str, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(built(name, "epub"))) as book:
        book.extractall(tmp_path)
    chapter = next(tmp_path.rglob("text.xhtml"))
    for width in (360, 640):
        blocks = browser_blocks(chapter, width, chromium)
        pairs = mark_pairs(browser_lines(blocks))
        assert pairs.share >= 0.95, (width, pairs.missed)
        assert [line for line in last_lines(blocks) if single_character(line)] == [], width
        assert any(block["tag"] == "h1" for block in blocks)


@pytest.mark.parametrize("name", ARTICLES)
def test_docx_language_and_faces(name: str) -> None:
    lang, standard, title, _, _ = ARTICLES[name]
    with zipfile.ZipFile(io.BytesIO(built(name, "docx"))) as word:
        styles = word.read("word/styles.xml").decode()
        document = word.read("word/document.xml").decode()
    assert f'w:eastAsia="{lang}"' in styles and f'w:eastAsia="Noto Serif CJK {standard}"' in styles
    assert ("SEQ 圖" in document) == (standard != "SC") or "SEQ" not in document
    text = unjoined("".join(etree.fromstring(document.encode()).itertext()))  # runs split at marks; numbers joined
    assert title[:6] in text
