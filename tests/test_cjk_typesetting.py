"""Chinese typesetting in every edition: compressed punctuation (clreq §3.1.6), breaks (no single
character on a last line, no number split from its unit or inside), the same Han/Latin gap in body,
running head, cover and EPUB. Measured in the PDF's character data, in the EPUB as headless Chromium
lays it out, and in the DOCX's settings."""
from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import pytest

import convert
from convert.checks.typography import (Line, browser_blocks, browser_gaps, browser_lines, closing_line_ends, last_lines,
                                       letter_spaced_lines, mark_pairs, page_break_splits, paragraph_lines, pdf_lines,
                                       ragged_lines, script_gaps, single_character, single_character_last_lines,
                                       split_numbers, widened_gaps)
from convert.errors import collect_warnings
from convert.scripts import (GAP_NO_BREAK, compressed_marks, heading_words, keep_together, last_line_tail,
                             number_groups, unjoined)
from convert.theme import load_theme
from convert.writers import cjk
from convert.writers.cjk import WORD_JOINER, Typesetting, typeset, typesetting

from conftest import ARTICLES, SAMPLES, article_id

MM = 72 / 25.4
CHINESE = [a for a in ARTICLES if convert.read(str(a)).is_chinese]
MIXED = next(a for a in SAMPLES if a.parent.name == "zh-mixed-figures")


@functools.lru_cache(maxsize=None)
def built(path: Path, fmt: str, **options: str) -> bytes:
    return convert.convert(path, to=fmt, offline=True, **options)  # type: ignore[return-value]


# ---------------------------------------------------------------- the rules, on text


def test_adjacent_marks_lose_the_blank_that_faces_the_other() -> None:
    text = "下称“报告”），并揭晓“榜单”、“报告”。（“甲”）"
    halved = {text[i] + text[i + 1] for i in compressed_marks(text)}
    # closing before closing or opening: the first's trailing blank goes
    assert {"”）", "），", "”、", "、“", "”。", "。（"} <= {text[i:i + 2] for i in compressed_marks(text)}
    # opening after opening: the second's leading blank goes
    index = text.index("（“")
    assert index + 1 in compressed_marks(text) and index not in compressed_marks(text)
    assert "“报" not in halved and compressed_marks("（）") == []  # blanks facing outwards: nothing to take
    assert compressed_marks("甲，乙。") == []  # single marks keep their width inside a line


def test_numbers_stay_with_their_units_and_whole() -> None:
    text = "排名第36位，超1.8亿，共1,200项，占52%，见https://x.cn/2023/1030/1698.jpg，v2.0版"
    groups = [text[a:b] for a, b in number_groups(text)]
    assert groups == ["第36位", "1.8亿", "1,200项", "52%"]
    units = "平均4.6小时就能离港，提升至1.8亿吨，下降了12分贝，7到8个小时"  # a unit of two characters is whole
    assert [units[a:b] for a, b in number_groups(units)] == ["4.6小时", "1.8亿吨", "12分贝", "8个"]
    dates = "2025年3月12日 15:15，下午3時15分，2013年至2015年"  # each date part keeps its unit; the next number may follow
    assert [dates[a:b] for a, b in number_groups(dates)] == ["2025年", "3月", "12日", "15:15", "3時", "15分",
                                                              "2013年", "2015年"]


def test_last_line_keeps_two_units() -> None:
    assert last_line_tail("前百家企业”") == (3, 6)
    assert last_line_tail("用户好评率提升23%。") is None  # ends with a number: never a lone character
    tail = last_line_tail("我们用 Python 写")
    assert tail and "我们用 Python 写"[tail[0]:tail[1]] == "Python 写"
    heading = "聚焦数字化建设，做科技创新实践者"
    spans = [heading[a:b] for a, b in keep_together(heading, heading_words(heading))]
    assert "实践者" in spans and "数字化" in spans


def test_headings_keep_relative_time_words_whole() -> None:
    """jieba cuts 下 / 月 (and glues 下 to an unknown word before it: 径下 / 月); a headline must not
    break inside 下月, 上月, 上午, 今年 in any edition (heading_words feeds the PDF, EPUB and balance)."""
    def words(text: str) -> list[str]:
        return [text[a:b] for a, b in heading_words(text)]

    assert "下月" in words("灣仔海濱新單車徑下月開放　市民：「終於唔使同啲車爭路」")
    assert "上月" in words("公司上月營收創新高")
    assert {"本月", "下月"} <= set(words("本月中旬到下月"))
    assert "上月" not in words("屋顶上月光如水")  # 月 of a word jieba knows (月光如水) stays in it
    heading = "海濱單車徑下月開放"
    spans = [heading[a:b] for a, b in keep_together(heading, heading_words(heading))]
    assert "下月" in spans


def test_markup_halves_marks_and_holds_groups() -> None:
    out = typeset('<p>（下称“报告”），排名第36位，前百家<b>企</b>业。</p><p>前百家企业。</p>')
    assert '“报告<span class="pc">”</span><span class="pc">）</span>，' in out
    assert '<span class="nobr">第<span class="sg-lr">36</span>位</span>' in out
    assert '<span class="nobr"><b>企</b>业。</span>' in out  # the group encloses the element it crosses
    assert '<span class="nobr">企业。</span>' in out
    crossing = typeset("<p>前百<i>家企</i>业。</p>")
    assert f'<i>家<span class="nobr">企{WORD_JOINER}</span></i><span class="nobr">业。</span>' in crossing
    assert re.sub(r"<[^>]+>|\u2060", "", crossing) == "前百家企业。"


def test_a_word_joiner_stays_out_of_the_pdf_text_and_the_docx(tmp_path: Path) -> None:
    """A group crossing an element's edge (`家*企*业。`, `港*口3*6位`) is held with U+2060 in the markup;
    the PDF's extracted text and the DOCX (which is not built from the markup) never carry it."""
    import docx
    from pypdf import PdfReader

    source = tmp_path / "a.md"
    source.write_text("# 标题\n\n前百家企业推进数字化转型，其中前百*家企*业。\n\n第二段在*港口3*6位。\n", encoding="utf-8")
    html = convert.convert(source, to="html", offline=True).decode()
    assert f"企{WORD_JOINER}</span></em>" in html  # the markup holds the group with it
    pdf = PdfReader(io.BytesIO(convert.convert(source, to="pdf", offline=True)))
    pdf_text = "".join(page.extract_text() for page in pdf.pages)
    assert WORD_JOINER not in pdf_text and "其中前百家企业。" in "".join(pdf_text.split())
    word = docx.Document(io.BytesIO(convert.convert(source, to="docx", offline=True)))  # type: ignore[arg-type]
    text = "".join(paragraph.text for paragraph in word.paragraphs)
    assert WORD_JOINER not in text and "其中前百家企业。" in text


def test_code_and_footnotes_are_blocks_apart() -> None:
    out = typeset('<p>用<code>a“b”）</code>写<span class="footnote">注释第3条</span>。</p>')
    assert "<code>a“b”）</code>" in out
    assert '<span class="footnote">注释<span class="nobr">第<span class="sg-lr">3</span>条</span></span>' in out


def test_a_font_without_halt_is_warned_once_and_marks_stay(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    monkeypatch.setattr(cjk, "layout_features", lambda face: frozenset({"kern"}))
    source = tmp_path / "a.md"
    source.write_text("# 标题“甲”）\n\n他说“好”），然后“走”）。\n", encoding="utf-8")
    with collect_warnings() as warnings:
        html = convert.convert(source, to="html", offline=True)
        data = convert.convert(source, to="pdf", offline=True)
    assert b'class="pc"' in html  # the browser's fonts are not this machine's: marked up all the same
    assert [w for w in warnings if "halt" in w] == [w for w in warnings if "halt" in w][:1] and \
        any("no 'halt' feature" in w for w in warnings)
    assert mark_pairs(pdf_lines(data)).compressed == 0


# ---------------------------------------------------------------- the PDF


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_pdf_compresses_punctuation_and_breaks_well(path: Path, edition: str) -> None:
    data = built(path, "pdf", edition=edition)
    lines = pdf_lines(data)
    pairs = mark_pairs(lines)
    assert pairs.share >= 0.95, pairs.missed
    theme = load_theme()
    margins = theme.ereader.margin_mm if edition == "ereader" else theme.page.margin_mm
    width = theme.ereader.page_size_mm[0] if edition == "ereader" else 210
    assert single_character_last_lines(lines, {margins[3] * MM}) == []
    assert split_numbers(lines, units=edition == "print") == []  # the e-reader may let a unit go (refit)
    half, full = closing_line_ends(lines, (width - margins[1]) * MM, left=margins[3] * MM)
    assert full == 0, "a closing mark ends a justified line full width"
    size = theme.ereader.size_pt if edition == "ereader" else theme.text.size_pt
    splits = page_break_splits(lines, size, margins[3] * MM, theme.text.indent_em * size)
    assert all(before >= 2 and after >= 2 for _, before, after in splits), splits  # no widow, no orphan


def headline_widths(data: bytes, size: float) -> list[float]:
    """The width of each line of the headline (page 1, in its size), a closing mark ending one counted
    at its half-width advance."""
    return [line.right_edge() - line.x0 for line in pdf_lines(data)
            if line.page == 0 and abs(line.size - size) < 0.11]  # `size` is rounded to 0.1


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_pdf_headline_is_balanced(path: Path, edition: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A headline of several lines takes as many lines as WeasyPrint alone sets it in, and its lines are
    of even length: the last is at least 60% of the longest, and no line is shorter than unbalanced."""
    from convert.writers.pdf import css

    theme = load_theme()
    size = (theme.ereader.size_pt if edition == "ereader" else theme.text.size_pt) * theme.headings.scale[0]
    balanced = headline_widths(built(path, "pdf", edition=edition), size)
    monkeypatch.setattr(css, "balanced_title_width", lambda *args, **kwargs: None)
    plain = headline_widths(convert.convert(path, to="pdf", offline=True, edition=edition), size)  # type: ignore[arg-type]
    assert len(balanced) == len(plain) >= 1
    if len(plain) > 1:
        assert balanced[-1] >= 0.6 * max(balanced), balanced
        assert min(balanced) / max(balanced) >= min(plain) / max(plain) - 0.01, (balanced, plain)


def test_seed_pairs_and_line_ends(user_seed: Path) -> None:
    """The issue's count: 0 of 9 adjacent pairs compressed in the seed's PDF before; now all of them,
    and closing marks ending lines are half width with the line still flush."""
    lines = pdf_lines(built(user_seed, "pdf", edition="ereader"))
    pairs = mark_pairs(lines)
    assert pairs.pairs >= 9 and pairs.share >= 0.95, pairs.missed
    half, full = closing_line_ends(lines, (90 - 6) * MM)
    assert half >= 5 and full == 0


def test_seed_pages_break_with_two_lines_either_side(user_seed: Path) -> None:
    """On the e-reader's small pages the seed's paragraphs are split by page breaks, each leaving at
    least two lines on both pages (the CSS's `orphans`/`widows`, measured)."""
    theme = load_theme()
    size, left = theme.ereader.size_pt, theme.ereader.margin_mm[3] * MM
    splits = page_break_splits(pdf_lines(built(user_seed, "pdf", edition="ereader")), size, left,
                               theme.text.indent_em * size)
    assert len(splits) >= 3 and all(before >= 2 and after >= 2 for _, before, after in splits), splits


def test_page_break_splits_count_each_side() -> None:
    def line(page: int, top: float, x0: float, x1: float = 200) -> Line:
        return Line(page, top, ({"text": "甲", "x0": x0, "x1": x0 + 10, "size": 10.0, "top": top},
                                {"text": "乙", "x0": x1 - 10, "x1": x1, "size": 10.0, "top": top}))

    lines = [line(0, 700, 40), line(0, 716, 20), line(0, 732, 20),  # a paragraph: indent, then two lines
             line(1, 50, 20, 120),  # one line after the break: a widow
             line(1, 66, 40), line(1, 82, 20), line(1, 400, 20)]  # a new paragraph; a far line is not its
    assert page_break_splits(lines, 10.0, 20, 20) == [("甲乙", 3, 1)]
    # A paragraph whose last line stops short ends at the break: an unindented one (`附件：…`) starts the page.
    lines = [line(0, 700, 40), line(0, 716, 20, 120), line(1, 50, 20), line(1, 66, 20, 90)]
    assert page_break_splits(lines, 10.0, 20, 20) == []


def test_running_head_has_the_body_gap(user_seed: Path) -> None:
    theme = load_theme()
    lines = [line for line in pdf_lines(built(user_seed, "pdf")) if line.page == 1]
    header = lines[0]
    assert header.size < theme.text.size_pt and "2023" in header.text
    gaps = script_gaps([header])
    assert gaps and all(abs(gap - theme.text.script_gap_em) < 0.05 for gap in gaps), gaps


def test_letter_spacing_is_bounded(user_seed: Path) -> None:
    """No line's gaps between Han characters widen by more than the theme's bound."""
    bound = load_theme().cjk.max_stretch_em
    for line in pdf_lines(built(user_seed, "pdf", edition="ereader")):
        chars = line.chars
        widened = [(b["x0"] - a["x0"]) / a["size"] - 1 for a, b in zip(chars, chars[1:])
                   if re.match("[\u4e00-\u9fff]", a["text"]) and re.match("[\u4e00-\u9fff]", b["text"])]
        assert not widened or sorted(widened)[len(widened) // 2] <= bound + 0.01, line.text


# ---------------------------------------------------------------- refitting lines a kept group leaves short

# Text of our own, not in the samples: numbers with units and measure words after marks, in Simplified
# and Traditional script, set on the e-reader's narrow page.
REFIT_TEXT = {
    "hans": ("# 前三季度经济数据\n\n"
             "据市统计局发布的数据，前三季度全市实现地区生产总值3,256.78亿元，同比增长5.6%，比上半年加快"
             "0.4个百分点。全市规模以上工业企业共1,487家，实现营业收入9,876.5亿元，利润总额612.4亿元。"
             "新开工项目共356个，计划总投资达4,120亿元；完成投资超过10亿元的重大项目有47个，累计完成投资"
             "1,583.2亿元。全市新建基站2,318座，累计达到18,905座，位居全省第2位。\n\n"
             "对外贸易方面，进出口总值4,567.8亿元，增长3.2个百分点；其中出口2,981.4亿元，进口1,586.4亿元。"
             "城乡居民人均可支配收入为42,186元，其中城镇居民56,723元，农村居民28,914元。全市城镇新增就业"
             "12.48万人，接待游客达到6,852.3万人次，旅游收入为892.6亿元。\n"),
    "hant": ("# 高雄港貨櫃吞吐量創新高\n\n"
             "高雄港務分公司今日公布，前三季貨櫃裝卸量達755.3萬個，全港共有26座貨櫃碼頭、118座橋式起重機，"
             "第七貨櫃中心啟用後，年處理能力增加456萬個，每小時平均裝卸32.5個貨櫃。港務公司表示，今年投入"
             "新台幣87.6億元更新自動化設備，預計完成全部19座碼頭改造；岸電設施已建置48套，年減碳約3.2萬公噸，"
             "相當於種植265萬棵樹。航商指出，亞歐航線運費一度達每個櫃8,250美元，近期已回落至約4,100美元，"
             "全年吞吐量可望突破1,020萬個。\n"),
}


def ereader_lines(data: bytes) -> tuple[list[Line], float, float, float, float]:
    """The e-reader PDF's lines, with its body size, left and right margins and first-line indent."""
    theme = load_theme()
    size = theme.ereader.size_pt
    margins = theme.ereader.margin_mm
    return (pdf_lines(data), size, margins[3] * MM, (theme.ereader.page_size_mm[0] - margins[1]) * MM,
            theme.text.indent_em * size)


def test_a_unit_is_found_on_the_simplified_form_of_traditional_text() -> None:
    text = "設置27座車站，約34.8公里"
    assert [text[a:b] for a, b in number_groups(text)] == ["27座", "34.8公里"]  # not `27座車`
    from convert.scripts import number_parts
    assert [(text[a:b], text[a:c]) for a, b, c in number_parts(text)] == [("27", "27座"), ("34.8", "34.8公里")]
    text = "共1,385億元，由中央與地方分攤"
    assert keep_together(text)[0] == (1, 8) and keep_together(text, soft=True)[0] == (1, 6)  # the number alone


def test_the_markup_can_squeeze_marks_and_let_a_unit_go() -> None:
    markup = "<p>甲，乙、设置27座车站，丙。</p>"
    plain = typeset(markup, Typesetting(keep_ids=True))
    assert '<span class="nobr" data-keep="0">' in plain and "27</span></span>" not in plain
    # group 0 is `27座`: its number stays whole, the unit may go; the marks 2 and 4 characters before it,
    # and the comma after it (its 6th character from the group's first), set half width
    refit = typeset(markup, Typesetting(keep_ids=True, soft=frozenset({0}), squeeze=((0, (2, 4, -6)),)))
    assert '<span class="pc">，</span>乙<span class="pc">、</span>' in refit
    assert '<span class="sg-lr">27</span></span>座车<span class="nobr" data-keep="1">站<span class="pc">，</span>丙。' in refit
    assert typeset(markup) == re.sub(r' data-(keep|cjk)="\d+"', "", plain)


def test_the_markup_can_squeeze_marks_before_any_character() -> None:
    """`squeeze_at` names a character by its block-level element (`data-cjk`) and its place among the
    element's letters and marks (spaces, joiners and footnotes not counted), as `pdf.refit` counts the
    laid-out lines: a line before `Sarah` or `统”），` is refitted as one before a kept group is."""
    markup = '<h1>标题</h1><p>甲，乙、设置<b>A B</b>车站<span class="footnote">注“释”</span>，丙丁戊。<br/>己庚</p>'
    plain = typeset(markup, Typesetting(keep_ids=True))
    assert '<h1 data-cjk="0">' in plain and '<p data-cjk="1">' in plain
    # 设 is the 5th letter or mark of the paragraph (place 4): the marks 0 and 2 before it; 戊 is place
    # 13 (the footnote's letters not counted): the 2nd character from it on, 。
    out = typeset(markup, Typesetting(keep_ids=True, squeeze_at=(((1, 4), (0, 2)), ((1, 13), (-2,)))))
    assert '甲<span class="pc">，</span>乙<span class="pc">、</span>设置' in out
    assert '丁戊<span class="pc">。</span>' in out and out.count('class="pc"') == 3


@pytest.mark.parametrize("path", [a for a in CHINESE if a.parent.name in ("zh-hant-metro", "zh-news-harbor")],
                         ids=article_id)
def test_ereader_lines_a_kept_group_follows_are_flush(path: Path) -> None:
    """`設置` / `27 座` left the line before short: its marks are set half width to pull the group up,
    or the number comes up without its unit."""
    lines, size, left, right, indent = ereader_lines(built(path, "pdf", edition="ereader"))
    assert ragged_lines(lines, size, left, right, indent) == []
    assert split_numbers(lines, units=False) == []


def test_ereader_lines_before_a_latin_word_or_a_closing_mark_are_flush() -> None:
    """`分析师 / Sarah Mitchell`, `（Digital / Twin）`, `调度系 / 统”），` left the line before short (no
    kept group follows them): the line's marks are set half width to pull the word (or the character
    with the marks no line may start with) up, and a Latin phrase breaks between its words."""
    lines, size, left, right, indent = ereader_lines(built(MIXED, "pdf", edition="ereader"))
    assert ragged_lines(lines, size, left, right, indent) == []
    assert any(line.text.endswith("Sarah") for line in lines)
    assert not any(line.text.endswith("调度系") for line in lines)


def test_a_latin_phrase_is_justified_by_its_word_spaces(tmp_path: Path) -> None:
    """A line of an English name in Chinese text (`“Jincheng Wealth Intelligent`) has few gaps between
    Han characters to widen: its word spaces are widened further (at most `max_space_stretch_em`), as a
    typographer sets a Latin line, and it ends at the margin instead of short of it."""
    source = tmp_path / "latin.md"
    source.write_text("# 标题\n\n该行于今年6月上线的新一代企业级财富管理平台“Jincheng Wealth Intelligent Advisory "
                      "Platform (JWIAP) Enterprise Edition”已覆盖全部分行。\n", encoding="utf-8")
    lines, size, left, right, indent = ereader_lines(convert.convert(source, to="pdf", offline=True,
                                                                     edition="ereader"))  # type: ignore[arg-type]
    line = next(line for line in lines if "Wealth" in line.text)
    assert abs(right - line.right_edge()) < 0.6, line.text
    words = [b["x0"] - a["x1"] for a, b in zip(line.chars, line.chars[1:]) if b["x0"] - a["x1"] > 0.2 * size]
    bound = load_theme().cjk
    assert words and max(words) <= (0.35 + bound.max_space_stretch_em) * size  # a space of about ¼ em, widened
    assert min(words) > (0.25 + bound.max_stretch_em) * size  # more than a gap between characters may be


def test_a_gap_dropped_at_a_line_start_is_room_the_line_breaker_did_not_have() -> None:
    """`240部單車，…管理` / `預約。`: the line breaker measured the line with the ¼ em gap before `2`,
    which is dropped at the line's start only afterwards, so the refit took the line for one the group
    would fit on and changed nothing; counting without that gap, it sets `。` half width and the group
    comes up. The one line left short is before `HK$2,000。`, wider than its line's marks can make room for."""
    path = Path(__file__).parent / "data" / "unseen" / "hk-harbourfront.md"
    lines, size, left, right, indent = ereader_lines(built(path, "pdf", edition="ereader"))
    assert not any(line.text.endswith("應用程式管理") for line in lines)
    assert [line for line in ragged_lines(lines, size, left, right, indent) if "罰款" not in line] == []


def test_english_words_in_chinese_text_are_hyphenated_in_the_pdf() -> None:
    """`默认情况下 / Pandoc会把` left the e-reader's line 22 pt short: the word had no break, and was too
    wide for what the line had left. As an English word it is hyphenated (`Pan-` / `doc`), never an
    address or a file name, and the paragraphs' inner lines all end at the margin."""
    markup = typeset("<p>默认情况下 Pandoc会把 example.com 与 a.pdf 和 Sarah 说</p>", Typesetting(hyphenate=True))
    assert '<span class="hy">Pando<span class="sg-r">c</span></span>' in markup
    assert '<span class="hy">Sarah</span>' in markup and markup.count('class="hy"') == 2
    path = next(a for a in SAMPLES if a.parent.name == "mixed-dev-notes")
    lines, size, left, right, indent = ereader_lines(built(path, "pdf", edition="ereader"))
    # ASCII's hyphen, which the Latin face has: U+2010 came small and raised from the CJK face (`pre‐`)
    assert any(line.text.endswith("Pan-") for line in lines)
    assert ragged_lines(lines, size, left, right, indent) == []


@pytest.mark.parametrize("sample", ["zh-mixed-figures", "mixed-dev-notes"])
def test_refit_counts_each_line_start_as_the_markup_does(sample: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`refit` names where a line starts by its element and place (`_line_places`), counted on the laid-out
    boxes; the markup counts the same text (`cjk._Elements.count`). They must agree on every line, past
    footnotes, tables (a header row repeated on each page), code, hyphenated words and the running head,
    or marks would be squeezed in the wrong line."""
    from weasyprint.formatting_structure import boxes

    import convert.writers.pdf as pdf_writer
    from convert.writers.pdf import refit

    counted: dict[tuple[int, int], str] = {}
    count = cjk._Elements.count

    def recording(self: cjk._Elements, element: int | None, char: str) -> int | None:
        place = count(self, element, char)
        if place is not None:
            counted[(element, place)] = char  # type: ignore[index]
        return place

    checked, wrong = [0], []

    def checking(document, options, done=None):  # type: ignore[no-untyped-def]
        places = refit._line_places(document)

        def walk(box) -> None:  # type: ignore[no-untyped-def]
            for child in getattr(box, "children", None) or []:
                if isinstance(child, boxes.LineBox) and id(child) in places:
                    text = "".join(leaf.text or "" for leaf in refit.leaves(child)
                                   if isinstance(leaf, boxes.TextBox) and "::" not in (leaf.element_tag or ""))
                    first = next((c for c in text if not c.isspace() and c not in "\u2060\u200b"), None)
                    if first is not None:
                        checked[0] += 1
                        if counted.get(places[id(child)]) != first:
                            wrong.append((places[id(child)], counted.get(places[id(child)]), text[:12]))
                elif not isinstance(child, boxes.LineBox):
                    walk(child)

        for page in document.pages:
            walk(page._page_box)
        return refit.refits(document, options, done)

    monkeypatch.setattr(cjk._Elements, "count", recording)
    monkeypatch.setattr(pdf_writer, "refits", checking)
    path = next(a for a in SAMPLES if a.parent.name == sample)
    convert.convert(path, to="pdf", offline=True, edition="ereader")
    assert checked[0] > 50 and wrong == []


@pytest.mark.parametrize("script", sorted(REFIT_TEXT))
def test_refitted_lines_of_text_not_in_the_samples(script: str, tmp_path: Path) -> None:
    source = tmp_path / f"refit-{script}.md"
    source.write_text(REFIT_TEXT[script], encoding="utf-8")
    data = convert.convert(source, to="pdf", offline=True, edition="ereader")
    lines, size, left, right, indent = ereader_lines(data)  # type: ignore[arg-type]
    assert ragged_lines(lines, size, left, right, indent) == []
    assert split_numbers(lines, units=False) == []  # never inside a number
    bound = load_theme().cjk.max_stretch_em
    for line, _ in paragraph_lines(lines, size, left, indent):
        assert max(widened_gaps(line), default=0) <= bound + 0.01, line.text
    flush = {id(line) for line, inner in paragraph_lines(lines, size, left, indent)
             if inner and abs(right - line.right_edge()) < 0.6}
    for split in split_numbers(lines):  # a unit left its number only for a line that came out flush
        line = next(line for line in lines if split.split(" ", 1)[1].startswith(line.text[-8:]))
        assert id(line) in flush, split


def test_the_pdf_breaks_before_an_opening_quote_after_han(tmp_path: Path) -> None:
    """Pango breaks on neither side of “ ” (UAX #14 LB19), so `水平“已` went down whole and left the line
    before a character short; in Chinese text a line breaks before “ as before （ (clreq), and after ”."""
    out = typeset("<p>自动化水平“已接近”他说：“好”，就走了</p>", Typesetting(break_hints=True, compress=False))
    assert out.startswith("<p>自动化水平\u200b“已接近”\u200b他说：\u200b“好”，")
    assert typeset("<p>他说“OK”了没有人</p>", Typesetting(break_hints=True)).count("\u200b") == 2
    assert "\u200b" not in typeset("<p>he said “OK”</p>", Typesetting(break_hints=True))
    source = tmp_path / "quote.md"  # 3 + 15 characters after a 2 em indent: 平 ends the e-reader's first line
    source.write_text("# 标题\n\n甲甲甲港务集团表示新码头的自动化水平“已接近鹿特丹港”他说，"
                      + "项目进展顺利" * 6 + "。\n", encoding="utf-8")
    lines, size, left, right, indent = ereader_lines(convert.convert(source, to="pdf", offline=True,
                                                                     edition="ereader"))  # type: ignore[arg-type]
    first = next(index for index, line in enumerate(lines) if line.text.startswith("甲甲甲"))
    assert lines[first].text.endswith("自动化水平") and lines[first + 1].text.startswith("“已接近")
    assert ragged_lines(lines, size, left, right, indent) == []
    assert "\u200b" not in "".join(line.text for line in lines)


# ---------------------------------------------------------------- the EPUB in a browser


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_epub_in_chromium(path: Path, chromium: str, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(built(path, "epub"))) as book:
        book.extractall(tmp_path)
    folder = next(tmp_path.rglob("text.xhtml")).parent
    for width in (360, 640):  # the title block opens text.xhtml
        blocks = browser_blocks(folder / "text.xhtml", width, chromium)
        lines = browser_lines(blocks)
        pairs = mark_pairs(lines)
        assert pairs.share >= 0.95, (width, pairs.missed)
        assert [line for line in last_lines(blocks) if single_character(line)] == [], width
        assert any(block["tag"] == "h1" for block in blocks), width
        for block in (block for block in blocks if block["tag"] == "h1" and len(block["lines"]) > 1):
            widths = [sum(char[2] for char in line) for line in block["lines"]]
            assert widths[-1] >= 0.6 * max(widths), (width, widths)  # balanced (`text-wrap: balance`)
        assert split_numbers(lines) == [], width  # nor a unit from its number
        gaps = sorted(script_gaps(lines))  # also across a space (`2023 年` in dates) or `　` (captions)
        gap = load_theme().text.script_gap_em
        assert not gaps or (gaps[0] > 0.2 and abs(gaps[len(gaps) // 2] - gap) < 0.05), (width, gaps[:3])


def test_a_browser_gets_each_gap_as_a_space_to_break_at() -> None:
    """A browser cannot drop a margin at a line's edge: the EPUB's Han/Latin gap is a space CSS generates
    in an empty span (`sg`, set to the theme's width) that a line may break after and that the browser
    hangs at the line's end; it is no part of the text. So no boundary is bound, no chain of bindings makes a wide cluster (`至2024年10`,
    `量1,240万TEU`), and a number keeps its unit whatever its width; a gap before a kept group stands
    outside it. A percentage takes no unit (`85%以上`)."""
    from lxml import html as lhtml

    text = "港作机械电动化比例提升至85%以上，截至2024年10月底，吞吐量1,240万TEU，约38吨，第36位，下降 −0.07 pct，排名靠前。"
    markup = typeset(f"<p>{text}</p>", Typesetting(gap_spaces=True, latin_units=True))
    assert "sg-" not in markup and re.sub(r"<[^>]+>", "", markup) == text  # the gap is generated: no text
    clusters = [span.text_content() for span in lhtml.fromstring(markup).iter("span") if span.get("class") == "nobr"]
    assert clusters == ["85%", "2024年", "10月底", "1,240万TEU", "38吨", "第36位", "−0.07 pct", "靠前。"]
    assert '至<span class="sg"></span><span class="nobr">85%</span><span class="sg"></span>以上' in markup
    assert '<span class="nobr">1,240<span class="sg"></span>万<span class="sg"></span>TEU</span>' in markup
    assert typesetting(convert.read(str(CHINESE[0])), load_theme(), check_fonts=False, browser=True).gap_spaces
    vertical = typesetting(convert.read(str(CHINESE[0])), load_theme(), check_fonts=False, browser=True,
                           vertical=True)
    assert vertical.bind_gaps and not vertical.gap_spaces  # columns keep the margins, bound


def test_the_gap_space_is_the_themes_gap() -> None:
    """`word-spacing` widens or narrows the face's space to the theme's gap, in body and headings."""
    from convert.resources.fonts import space_width_em, stack_font
    from convert.theme.css import gap_space_css

    theme = load_theme()
    css = gap_space_css(theme)
    body = space_width_em(stack_font(theme.script_stack("body", True)))  # type: ignore[arg-type]
    assert body is not None and f".sg {{ word-spacing: {theme.text.script_gap_em - body:.3g}em; }}" in css
    assert '.sg::before { content: " "; }' in css
    assert "h2 .sg" in css and "thead th .sg" in css


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_epub_lines_are_not_letter_spaced_in_chromium(path: Path, chromium: str, tmp_path: Path) -> None:
    """At a phone's width (360 px, in a frame as the preview's) and an e-reader's (480 px), a justified
    line's Han gaps widen beyond the PDF's bound only by as much as the group starting the next line
    could not come up: its width (a number with the head of its unit, a Latin word, inline code, as
    Chinese text has no hyphenation; else one character), spread over the line's gaps, and never by a
    chain of bindings wider than that; no inner line ends short (the gap space hangs), and no number is
    broken inside or split from its unit's head."""
    with zipfile.ZipFile(io.BytesIO(built(path, "epub"))) as book:
        book.extractall(tmp_path)
    bound = load_theme().cjk.max_stretch_em
    for width in (360, 480):
        blocks = browser_blocks(next(tmp_path.rglob("text.xhtml")), width, chromium)
        assert max(char[1] + char[2] for block in blocks for line in block["lines"] for char in line) <= width + 1
        for block in (block for block in blocks if block["tag"] == "p" and block["align"] == "justify"):
            for line in block["lines"][:-1]:
                if not re.match("[A-Za-z/.:-]", line[-1][0]):  # (a URL cut)
                    short = (block["right"] - line[-1][1] - line[-1][2]) / line[-1][3]
                    assert short < 0.2, (width, "".join(char[0] for char in line), short)  # the gap space hangs
        assert letter_spaced_lines(blocks, bound) == [], width
        assert split_numbers(browser_lines(blocks)) == [], width


# A number whose unit is long (`9000多亿元`, `1500余件`) stood at a line's end in one piece, and when it
# could not fit, the line before it was letter-spaced (0.31 em a gap in the user's seed at 360 px).
NUMBERS_AT_LINE_ENDS = "累计放款金额9000多亿元，累计申请发明专利1500余件，资产总额达到12.36万亿元，运量可望突破25万人次。"
FILLER = "据了解截至目前该公司在科研方面按照年收入的比例进行投入"


def test_epub_keeps_a_number_only_with_its_units_head_at_a_phones_width(chromium: str, tmp_path: Path) -> None:
    """Paragraphs whose numbers fall at every place of a 360 px line (the same sentence after 0 to 27
    characters): a browser cannot refit a line as the PDF does, so it keeps a number only with the
    head of its unit (`9000多亿` / `元`, `1500余` / `件`, `12.36万亿`, never `12.36万` / `亿`), and no
    line is widened by more than that head could not come up; no number is split from that head."""
    source = tmp_path / "numbers.md"
    source.write_text("# 数字\n\n" + "\n\n".join(FILLER[:n] + NUMBERS_AT_LINE_ENDS for n in range(len(FILLER) + 1))
                      + "\n", encoding="utf-8")
    data = convert.convert(source, to="epub", offline=True)
    with zipfile.ZipFile(io.BytesIO(data)) as book:  # type: ignore[arg-type]
        book.extractall(tmp_path / "book")
    blocks = browser_blocks(next(tmp_path.rglob("text.xhtml")), 360, chromium)
    bound = load_theme().cjk.max_stretch_em
    lines = browser_lines(blocks)
    assert letter_spaced_lines(blocks, bound) == []
    assert split_numbers(lines) == []
    ends = [line.text for line in lines if re.search("[0-9][万亿多余]+$", line.text)]
    assert any(end.endswith(("9000多亿", "1500余", "12.36万亿", "25万")) for end in ends), ends  # the tail came down
    assert not any(re.search("12.36万$", line.text) for line in lines)
    widest = max(max(browser_gaps(line), default=0) for block in blocks if block["tag"] == "p"
                 for line in block["lines"][:-1])
    # `12.36万亿` (4.7 em) not fitting after 20 em of a 24.5 em line widens 17 gaps by 0.27 em; whole units
    # with their comma (`12.36万亿元，`, 6.7 em) widened them by up to 0.44 em, on 10 lines of 64, not 3. A
    # group of 4 em or less keeps its whole unit (`1500余件，`: 0.33 em at worst): `4.2万` / `元` parted a
    # number from what it counts, which a typographer reads as a bad break.
    assert widest < 0.35, widest


def test_a_browser_keeps_a_number_with_its_units_head() -> None:
    """The head of a unit: the magnitudes and approximations after the number, which are its own, else
    the whole unit (a two-character one, `小时`, is one word); a Latin unit whole; a group of 4 em or
    less whole (`1500余件`, `1.8亿吨`). The PDF, which refits
    its lines, keeps whole units where it can (`pdf.refit`)."""
    from lxml import html as lhtml

    text = ("放款9000多亿元，专利1500余件，总额12.36万亿元，突破25萬人次，约3万多元，平均4.6小时，提升至1.8亿吨，"
            "截至2024年10月底，吞吐量1,240万TEU，排名第36位，下降 −0.07 pct，占52%，排名靠前。")
    markup = typeset(f"<p>{text}</p>", Typesetting(gap_spaces=True, latin_units=True, unit_heads=True))
    assert re.sub(r"<[^>]+>", "", markup) == text
    clusters = [span.text_content() for span in lhtml.fromstring(markup).iter("span") if span.get("class") == "nobr"]
    assert clusters == ["9000多亿", "1500余件", "12.36万亿", "25萬人次", "3万多元", "4.6小时", "1.8亿吨", "2024年", "10月底",
                        "1,240万", "第36位", "−0.07 pct", "52%", "靠前。"]
    doc = convert.read(str(CHINESE[0]))
    assert typesetting(doc, load_theme(), check_fonts=False, browser=True).unit_heads
    assert not typesetting(doc, load_theme(), check_fonts=False).unit_heads


# ---------------------------------------------------------------- DOCX and cover


def test_docx_asks_word_for_its_own_compression_and_spacing() -> None:
    with zipfile.ZipFile(io.BytesIO(built(CHINESE[0], "docx"))) as package:
        settings = package.read("word/settings.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert '<w:characterSpacingControl w:val="compressPunctuation"/>' in settings
    defaults = re.search(r"<w:pPrDefault>.*?</w:pPrDefault>", styles, re.S).group(0)  # type: ignore[union-attr]
    assert "<w:kinsoku/>" in defaults and "<w:autoSpaceDE/>" in defaults and "<w:autoSpaceDN/>" in defaults


def test_docx_keeps_numbers_with_their_units_in_libreoffice(tmp_path: Path) -> None:
    """Set 64 to 124 mm wide, LibreOffice breaks no line inside a number of our own text, nor between
    a number and its unit (Word's No-Width Non Break, U+200D, between them), and the text read back
    is the article's once the joiners are dropped."""
    import docx

    from convert.checks.readback import normalize

    from docx_layout import libreoffice_pdfs, narrowed

    source = tmp_path / "numbers.md"
    source.write_text(REFIT_TEXT["hans"], encoding="utf-8")
    data = convert.convert(source, to="docx", offline=True)
    pages = {f"numbers-{width}": narrowed(data, width - 12) for width in range(64, 125, 12)}  # pages 64-124 mm
    for name, pdf in libreoffice_pdfs(pages, tmp_path).items():
        lines = pdf_lines(pdf)
        assert len(lines) > 10
        assert split_numbers(lines) == [], name
    body = [p for p in docx.Document(io.BytesIO(data)).paragraphs if "3,256.78" in p.text]  # type: ignore[arg-type]
    assert body and f"3,256.78{GAP_NO_BREAK}亿\u200d元" in body[0].text  # the gap after the joiner; 亿元 one unit
    assert normalize(unjoined(body[0].text)) in REFIT_TEXT["hans"]


def test_cover_sets_the_gap_and_halves_marks() -> None:
    from convert.writers import textlines
    from PIL import ImageFont

    from convert.resources.fonts import stack_font

    face = stack_font(load_theme().stack("headings"), True)
    assert face is not None
    font = ImageFont.truetype(face.path, 100, index=face.index)
    spacing = (0.25, True, False, False)  # gap, compressed, not centred, no start trim
    assert textlines.line_width("第36位", font, spacing) == pytest.approx(
        textlines.line_width("第36位", font, (0, False, False, False)) + 50, abs=1)
    assert textlines.line_width("“榜单”）", font, spacing) == pytest.approx(500 - 50 - 50, abs=2)  # ” before ）; ） ends
    assert textlines.wrap("马上消费上榜“2023年中国互联网综合实力前百家企业”", font, 800, spacing)[-1] != "业”"


def test_a_latin_run_between_han_characters_is_one_gap_span() -> None:
    """`第100个`: one span with the gap on both sides, not one on `1` and one on `0` around a bare `0`
    (three inline boxes for WeasyPrint where one does, ~0.5 ms each). A run that a group or an element
    opens or closes inside, or that holds a space, keeps a span on each edge character."""
    out = typeset("<p>完成第100个航次，大型LNG动力船舶，建设<b>5</b>G码头，超Wealth Advisory平台。</p>")
    assert '第<span class="sg-lr">100</span>个' in out
    assert '型<span class="sg-lr">LNG</span>动' in out
    assert '设<b><span class="sg-l">5</span></b><span class="sg-r">G</span>码' in out  # an element closes inside
    assert '超<span class="sg-l">W</span>ealth Advisor<span class="sg-r">y</span>' in out  # a space inside
