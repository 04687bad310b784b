"""Unseen inputs, twelfth round: what testers' new inputs showed wrong (see each test's docstring)."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.dates import parse_date_line
from convert.errors import collect_warnings

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


@pytest.mark.parametrize(("line", "stamp"), [
    ("2024年11月24日 晚間11:45", "2024-11-24T23:45"),  # Taiwan's evening: the line was a section heading
    ("2024年11月24日夜間9:05", "2024-11-24T21:05"), ("2024年11月24日 淩晨1:10", "2024-11-24T01:10"),
    ("2024年11月24日 清晨6:00", "2024-11-24T06:00"), ("2024年11月24日 深夜11:30", "2024-11-24T23:30"),
    ("2024年11月24日 深夜12:30", "2024-11-24T00:30"), ("2024年11月24日 深夜1:05", "2024-11-24T01:05"),
])
def test_every_part_of_the_day_a_chinese_date_line_names(line: str, stamp: str) -> None:
    assert parse_date_line(line) == stamp


def test_a_bold_taiwan_date_line_is_the_articles_date(tmp_path: Path) -> None:
    (path := tmp_path / "a.md").write_text("# 中華隊奪冠\n\n**2024年11月24日 晚間11:45**\n\n中華隊今晚在東京巨蛋以4比0擊敗"
                                          "日本隊，奪得冠軍。\n\n全場比賽精彩。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.date == "2024-11-24T23:45" and not [b for b in doc.body if type(b).__name__ == "Heading"]


@pytest.mark.parametrize(("line", "text"), [
    ("Plain text with {key=value} braces and {i=1} here.", "Plain text with {key=value} braces and {i=1} here."),
    ("中文{重点}和{a=b}文字", "中文{重点}和{a=b}文字"),
    ("公式 $$a_{i} + b_{x=y}$$ 照录", "公式 $$a_{i} + b_{x=y}$$ 照录"),  # maths is shown as typed
    ('配置项 x{#id .c k="v w"} 生效', '配置项 x{#id .c k="v w"} 生效'),
])
def test_braces_in_text_are_kept(tmp_path: Path, line: str, text: str) -> None:
    """`commonmark_x` reads `{key=value}` after a word as its attributes: the braces and what was in them
    were gone from every edition, with no warning."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"# 标题\n\n{line}\n\n![图](a.png){{width=50%}}\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert m.plain_text(doc.body[0].content) == text
    assert doc.figures  # attributes where they belong still are


def test_code_keeps_its_indentation_beside_raw_html(tmp_path: Path) -> None:
    """Raw HTML anywhere in an article sends it through pandoc's HTML writer, whose highlighted code lost
    every indent (`def f(x):` / `if x:` / `return 1`) and its language (`sourceCode`)."""
    from convert import model as m

    code = "def f(x):\n    if x:\n        return 1\n    return 0"
    (path := tmp_path / "a.md").write_text(f"# 代码\n\n说明。\n\n```python\n{code}\n```\n\n<!-- 编辑：核对 -->\n\n结束。\n",
                                          encoding="utf-8")
    [block] = [b for b in convert.read(str(path)).body if isinstance(b, m.CodeBlock)]
    assert (block.text, block.language) == (code, "python")


POEM = "国破山河在，城春草木深。\n感时花溅泪，恨别鸟惊心。\n烽火连三月，家书抵万金。\n白头搔更短，浑欲不胜簪。"


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_verse_typed_line_under_line_keeps_its_lines(tmp_path: Path, suffix: str) -> None:
    """《春望》 typed line under line ran into one paragraph (Markdown joins a paragraph's lines), or in a
    .txt became four paragraphs, each indented as prose; a quotation's `——杜甫《偶题》` ran into its line."""
    from convert import model as m

    (path := tmp_path / f"a{suffix}").write_text(
        f"春望\n\n文｜沈青禾\n\n重读杜甫，是在一个下雨的秋夜：\n\n{POEM}\n\n短短四十个字，写尽了无力。\n\n"
        "文章千古事，得失寸心知。\n——杜甫《偶题》\n\n雨还没有停。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.title, doc.meta.authors) == ("春望", ("沈青禾",))  # a two-character headline
    verse = [b for b in doc.body if isinstance(b, m.Paragraph) and b.role == "centered"]
    assert [m.plain_text(b.content) for b in verse] == [POEM, "文章千古事，得失寸心知。"]
    assert [m.plain_text(b.content) for b in doc.body if getattr(b, "role", "") == "flush-end"] == ["——杜甫《偶题》"]


@pytest.mark.parametrize("lines", [
    "编辑：孙丽\n审核：赵强",  # fields, not verse
    "今年以来，全国港口货物吞吐量稳步增长，集装箱航线持续加密。\n外贸进出口回升向好，业内人士认为这是好事。",  # prose
    "他说：好。\n我说：不。",  # short, but its clauses differ
    "第一，稳增长。\n第二，调结构，促改革。",
    "第一，稳增长。\n第二，调结构。",  # a list typed short
])
def test_short_lines_that_are_no_verse_are_not_centred(tmp_path: Path, lines: str) -> None:
    (path := tmp_path / "a.md").write_text(f"# 标题\n\n正文第一段。\n\n{lines}\n\n正文最后一段。\n", encoding="utf-8")
    assert not [b for b in convert.read(str(path)).body if getattr(b, "role", "") == "centered"]


@pytest.mark.parametrize(("line", "text"), [
    ('业内称为"七日游"--商品被买走。', "业内称为“七日游”——商品被买走。"),  # pandoc's en dash after a quotation
    ("业内称为“七日游”--商品被买走。", "业内称为“七日游”——商品被买走。"),
    ('他说"好"，2024-2026年如此。', "他说“好”，2024—2026年如此。"),  # a range stays a range
])
def test_a_pasted_dash_after_a_quotation_is_the_chinese_dash(tmp_path: Path, line: str, text: str) -> None:
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"# 标题\n\n{line}\n", encoding="utf-8")
    assert m.plain_text(convert.read(str(path)).body[0].content) == text


def test_an_ideographic_space_after_a_comma_goes(tmp_path: Path) -> None:
    """`试玩版，　现场`: a pasted full-width space after a comma showed a gap of 1.5 em; a line's indent
    after a break stays (a notice's aligned lines)."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 标题\n\n试玩版，　现场很热闹；　　大家都来了（真的。） 在他看来。\n",
                                          encoding="utf-8")
    assert m.plain_text(convert.read(str(path)).body[0].content) == "试玩版，现场很热闹；大家都来了（真的。）在他看来。"


def test_the_covers_byline_is_parted_as_the_pages_is() -> None:
    """The page's `北京报道 · 编辑：孙悦` was `北京报道 编辑：孙悦` on the EPUB's cover."""
    from convert import model as m
    from convert.writers.epub.cover import cover_text

    meta = m.Meta(title="标题", authors=("王某",), editor="孙悦", lang="zh-CN", place="北京", reported=True)
    assert cover_text(meta)["people"] == "记者：王某\u3000北京报道 · 编辑：孙悦"


def test_converting_the_script_leaves_web_addresses_as_they_are(tmp_path: Path) -> None:
    """`--script hant` printed `https://example.com/軟體/資訊`, an address that does not exist."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 软件信息\n\n访问 https://example.com/软件/信息 了解，或见<https://example.com/软件/信息>。\n",
                                          encoding="utf-8")
    text = m.plain_text(convert.read(str(path), script="hant").body[0].content)
    assert text.count("https://example.com/软件/信息") == 2 and "軟體" not in text and "訪問" in text


@pytest.mark.parametrize(("caption", "text", "credit"), [
    ("台北捷運環狀線北環段施工現場。（中央社記者王飛華攝　114年3月18日）", "台北捷運環狀線北環段施工現場。", "中央社記者王飛華 114年3月18日"),
    ("中国人民银行总部大楼。图：视觉中国", "中国人民银行总部大楼。", "视觉中国"),  # Caixin's credit after its sentence
    ("图：港口作业", "图：港口作业", ""),  # a caption line, read as one elsewhere
    ("他说图：不清楚", "他说图：不清楚", ""),
])
def test_a_captions_credit_as_cna_and_caixin_write_it(caption: str, text: str, credit: str) -> None:
    from convert.enrich.captions import split_credit

    assert split_credit(caption) == (text, credit)


@pytest.mark.parametrize(("line", "authors", "editor", "site"), [
    ("每经记者｜李可愚 每经编辑｜陈星", ("李可愚",), "陈星", ""),  # a short outlet name before the role (每经)
    ("凤凰网科技讯 作者｜赵晨", ("赵晨",), "", "凤凰网"),  # a flash's outlet and desk, then the author
    ("南方周末记者 刘文 南方周末实习生 蔡佳", ("刘文", "蔡佳"), "", ""),  # was one author, titles and all
    ("界面新闻记者 | 陈晓婷 实习记者 | 何昕", ("陈晓婷", "何昕"), "", ""),  # the second was lost
])
def test_a_portals_byline_line_names_its_people(tmp_path: Path, line: str, authors: tuple[str, ...], editor: str,
                                                 site: str) -> None:
    """Each line stayed the article's first paragraph, and its article had no author."""
    (path := tmp_path / "a.md").write_text(f"# 港口吞吐量稳步增长\n\n{line}\n\n今年以来，全国港口货物吞吐量稳步增长。\n\n"
                                          "第二段正文。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.authors, doc.meta.editor, doc.meta.source_site, len(doc.body)) == (authors, editor, site, 2)


@pytest.mark.parametrize("line", ["记者会上，发言人表示", "这位记者王某说", "本次记者招待会 于周五举行"])
def test_a_sentence_about_reporters_is_no_byline(line: str) -> None:
    from convert.enrich.bylines import byline_fields

    assert byline_fields(line, chinese=True) == {}


def test_a_note_a_footnote_cites_is_set_inside_it(tmp_path: Path) -> None:
    """Pandoc nests no note in a note: `[^a]: …参见[^b]。` lost the text of [^b] in every edition, unsaid."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 标题\n\n正文[^a]。另见[^c]。\n\n[^a]: 第一条注释，参见[^b]。\n[^b]: 内层注释。\n"
                                          "[^c]: See also[^d].\n[^d]: the inner note.\n\n```\n[^a]: 参见[^b]\n```\n",
                                          encoding="utf-8")
    doc = convert.read(str(path))
    assert [m.plain_text(m.block_inlines(n.content[0])) for n in doc.footnotes] == [
        "第一条注释，参见（内层注释）。", "See also (the inner note.)."]
    assert "[^a]: 参见[^b]" in [b.text for b in doc.body if isinstance(b, m.CodeBlock)][0]


def test_a_note_the_text_cites_too_stays_its_own_and_the_loss_is_said(tmp_path: Path) -> None:
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 标题\n\n正文[^a]，又见[^b]。\n\n[^a]: 参见[^b]。\n[^b]: 内层注释。\n", encoding="utf-8")
    with collect_warnings() as warnings:
        doc = convert.read(str(path))
    assert [m.plain_text(m.block_inlines(n.content[0])) for n in doc.footnotes] == ["参见。", "内层注释。"]
    assert any("[^a] cites footnote [^b]" in w for w in warnings)


def test_a_raw_html_tables_header_rows_stay_its_header(tmp_path: Path) -> None:
    """`<th>` rows over a table without `<thead>` were plain rows: the PDF's table had no header cell
    (pdfua UA-15-003) and its spans no head to hang from."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text(
        "# 各港口季度数据\n\n下表列出数据。\n\n<table>\n<tr><th rowspan=\"2\">港口</th><th colspan=\"2\">吞吐量</th></tr>\n"
        "<tr><th>一季度</th><th>二季度</th></tr>\n<tr><td>上海</td><td>100</td><td>120</td></tr>\n"
        "<tr><td rowspan=\"2\">宁波</td><td>80</td><td>90</td></tr>\n<tr><td>85</td><td>95</td></tr>\n</table>\n",
        encoding="utf-8")
    [table] = [b for b in convert.read(str(path)).body if isinstance(b, m.Table)]
    spans = [[(m.plain_text(m.block_inlines(c.content[0])), c.colspan, c.rowspan) for c in row] for row in table.header]
    assert spans == [[("港口", 1, 2), ("吞吐量", 2, 1)], [("一季度", 1, 1), ("二季度", 1, 1)]] and len(table.body) == 3


JAPANESE_AND_KOREAN = ("# 东京来信\n\n今年春天，我收到了一位日本朋友的来信。她在信中回忆了我们一起在东京看樱花的日子，字里行间满是怀念。她写道：\n\n"
                       "> ありがとうございました。東京の桜はとても綺麗でした。\n\n前几天，一位韩国演员在北京参加电影节活动时，用韩语向现场观众"
                       "表达了感谢。他说：\n\n> 정말 감사합니다. 다음에 또 만나요.\n\n这些跨越语言的问候，让人感到温暖。\n")


def test_a_japanese_or_korean_quotation_in_a_chinese_article_says_its_language(tmp_path: Path) -> None:
    """Tagged zh-CN with the article: its kanji drawn in Chinese forms, a screen reader reading it as Chinese."""
    import re
    import zipfile

    (path := tmp_path / "a.md").write_text(JAPANESE_AND_KOREAN, encoding="utf-8")
    page = convert.convert(str(path), to="html", output=str(tmp_path / "a.html"), offline=True).read_text(encoding="utf-8")
    assert re.search(r'<p lang="ja"[^>]*>ありがとう', page) and re.search(r'<p lang="ko"[^>]*>정말', page)
    word = convert.convert(str(path), to="docx", output=str(tmp_path / "a.docx"), offline=True)
    xml = zipfile.ZipFile(word).read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="ja"' in xml and 'w:eastAsia="ko"' in xml


@pytest.mark.parametrize(("text", "groups"), [
    ("氣象署上午8:30發布海上警報", ["上午8:30"]),  # the time of day with its clock; a time counts nothing after it
    ("今天晚上 9:05 开会", ["晚上 9:05"]),
    ("排名第36位", ["第36位"]),
])
def test_a_clock_time_keeps_its_part_of_the_day(text: str, groups: list[str]) -> None:
    """`氣象署上午` / `8:30 發布` on the cover, a line break between the part of the day and its time."""
    from convert.scripts import number_parts

    assert [text[start:end] for start, _, end in number_parts(text, True)] == groups


def test_the_covers_title_breaks_between_its_clauses() -> None:
    """`深水埗劏房戶捱` / `租貴　關注組促…` on the EPUB's cover, where the page's headline breaks at the space."""
    from convert.resources.fonts import stack_font
    from convert.theme import load_theme
    from convert.writers.epub.cover import _title_lines
    from convert.writers.textlines import NO_SPACING

    face = stack_font(load_theme().stack("headings", "zh-HK"), bold=True)
    _, lines = _title_lines("深水埗劏房戶捱租貴　關注組促政府加快落實「簡樸房」規管", face, 984, 114, NO_SPACING)
    assert lines[0] == "深水埗劏房戶捱租貴" and not any(line.startswith("租") for line in lines)


@pytest.mark.parametrize(("source", "script", "text"), [
    ("市政府今天举行新闻发布会，发布了最新的软件产业报告。", "hant-tw", "市政府今天舉行新聞發布會，發布了最新的軟體產業報告。"),
    ("好多住喺深水埗嘅劏房戶，依家仲未知自己間屋合唔合格。", "hans", "好多住喺深水埗嘅劏房户，依家仲未知自己间屋合唔合格。"),
])
def test_converting_the_script_keeps_newsrooms_words(tmp_path: Path, source: str, script: str, text: str) -> None:
    """Taiwan's phrases gave `新聞釋出會` (`发布` read as software's release); Simplified gave `㓥房`."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"# 本地新聞\n\n{source}\n", encoding="utf-8")
    assert m.plain_text(convert.read(str(path), script=script).body[0].content) == text


@pytest.mark.parametrize(("text", "word"), [
    ("当一条有着三百年历史的巷子遇上拆迁", "历史的"),  # the headline's line started `的巷子遇上拆迁…`
    ("从明代的织造作坊到国营厂", "明代的"),
    ("一件衣服的七日游", "衣服的"),
])
def test_a_headings_particle_goes_with_the_word_before_it(text: str, word: str) -> None:
    from convert.scripts import heading_words, number_parts

    assert word in [text[a:b] for a, b in heading_words(text)]
    assert [("2024年的经济")[a:c] for a, _, c in number_parts("2024年的经济", True)] == ["2024年"]  # a unit's group stays


def test_an_address_never_breaks_after_its_hyphen(tmp_path: Path) -> None:
    """`press@auto-` / `expo.example.cn` read as a hyphenated word; an address breaks before its hyphen
    (Chicago 6.8.2), or at its other places, and its text stays whole."""
    import re

    from convert.writers.html import breakable

    markup = breakable("请联系press@auto-expo.example.cn或访问www.auto-expo.example.cn", hold_hyphens=True)  # the PDF
    assert "-<wbr />" not in markup and markup.count("<wbr />-\u2060expo") == 2
    assert re.sub("<wbr />|\u2060", "", markup) == "请联系press@auto-expo.example.cn或访问www.auto-expo.example.cn"
    assert "\u2060" not in breakable("www.auto-expo.example.cn")  # a browser's copy of the address keeps no joiner


@pytest.mark.parametrize(("caption", "text", "credit"), [
    ("東涌東站月台。（圖：港鐵公司提供）", "東涌東站月台。", "港鐵公司提供"),  # `東涌東站月台。（圖：` was left dangling
    ("金管局指香港金融體系穩健。（資料圖片）", "金管局指香港金融體系穩健。", "資料圖片"),  # a file picture, said in brackets
    ("港口。（资料图）", "港口。", "资料图"),
    ("他提供了帮助（资料）", "他提供了帮助（资料）", ""),
])
def test_a_bracketed_source_after_the_caption_is_its_credit(caption: str, text: str, credit: str) -> None:
    from convert.enrich.captions import split_credit

    assert split_credit(caption) == (text, credit)


def test_an_attribution_a_blank_line_under_verse_signs_off(tmp_path: Path) -> None:
    """`——杜甫《月夜忆舍弟》` a blank line under the poem was an indented paragraph of prose."""
    (path := tmp_path / "a.md").write_text(f"# 春望\n\n重读杜甫，是在一个下雨的秋夜：\n\n{POEM}\n\n——杜甫《春望》\n\n雨还没有停。\n",
                                          encoding="utf-8")
    roles = [getattr(b, "role", "") for b in convert.read(str(path)).body]
    assert roles == ["", "centered", "flush-end", ""]


@pytest.mark.parametrize(("source", "script", "text"), [
    ("马拉松项目中，他以2小时05分夺冠。", "hant-tw", "馬拉松項目中，他以2小時05分奪冠。"),  # not 專案, a project
])
def test_converting_the_script_keeps_a_sports_event(tmp_path: Path, source: str, script: str, text: str) -> None:
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"# 体育新闻\n\n{source}\n", encoding="utf-8")
    assert m.plain_text(convert.read(str(path), script=script).body[0].content) == text


def test_a_hong_kong_finance_report_is_hong_kongs() -> None:
    """`【明報專訊】`, 恒生指數, 港交所, 本港, HK$: tagged zh-Hant and set in TC faces, not zh-HK's."""
    from convert.scripts import detect_region

    assert detect_region("【明報專訊】恒生指數昨日收報21133點，港交所成交額1200億元，本港銀行股領漲。") == "HK"


def test_a_docx_edition_read_back_has_each_caption_once(tmp_path: Path) -> None:
    """An editor edits the DOCX and builds again from it: every caption came out twice (the picture's alt
    text, then Word's caption line `**图 1**　…`), a table's read `表 1　表 1　…`, and the joiners that hold a
    number to its unit in Word were text (`2024‍ 年`)."""
    from PIL import Image

    from convert import model as m

    Image.new("RGB", (640, 400), "#3a7").save(tmp_path / "a.png")
    (tmp_path / "a.md").write_text(
        "# 港口吞吐量稳步增长\n\n2024年一季度，全国港口货物吞吐量稳步增长。\n\n![2024年一季度集装箱吞吐量走势](a.png)\n\n"
        "表1　主要港口一季度吞吐量\n\n| 港口 | 吞吐量（万吨） |\n|:--|--:|\n| 上海 | 12,000 |\n| 宁波 | 10,500 |\n\n"
        "第二段正文，业内人士认为港口是经济的晴雨表。\n", encoding="utf-8")
    word = convert.convert(str(tmp_path / "a.md"), to="docx", output=str(tmp_path / "b.docx"), offline=True)
    doc = convert.read(str(word))
    [figure] = doc.figures
    [table] = [b for b in doc.body if isinstance(b, m.Table)]
    assert (m.plain_text(figure.caption), m.plain_text(table.caption)) == ("2024年一季度集装箱吞吐量走势", "主要港口一季度吞吐量")
    assert not [b for b in doc.body if isinstance(b, m.Paragraph) and m.plain_text(b.content).startswith(("图", "表"))]
    assert "\u200d" not in m.visible_text(doc) and "2024年一季度" in m.visible_text(doc)


@pytest.mark.parametrize(("line", "promotion"), [
    ("举报/反馈", True),  # 百家号's button under the text
    ("Our Standards: The Thomson Reuters Trust Principles.", True),
    ("他举报了违法行为。", False),
])
def test_a_pages_buttons_and_standards_line_are_promotion(line: str, promotion: bool) -> None:
    from convert.readers.promotion import PROMOTION

    assert bool(PROMOTION.match(line)) is promotion


def test_a_platforms_line_under_an_accounts_post_is_a_notice(tmp_path: Path) -> None:
    from convert import model as m

    (path := tmp_path / "a.md").write_text(
        "# 县城的年轻人\n\n县城里的年轻人越来越多地选择回乡创业。\n\n这需要政策支持，也需要社会观念的转变。\n\n"
        "本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert isinstance(doc.body[-1], m.Notice) and "澎湃号" not in m.plain_text(m.block_inlines(doc.body[-2]))


def test_an_obituarys_dateline_and_date_in_chinese_numerals_are_read(tmp_path: Path) -> None:
    """`**新华社北京十一月二十六日电**` was a section heading and the article had no date."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text(
        "# 著名作家某某逝世\n\n**新华社北京十一月二十六日电**\n\n著名作家某某因病医治无效，于二〇二四年十一月二十五日在北京逝世。\n\n"
        "某某同志的一生，是光辉的一生。\n\n二〇二四年十一月二十五日\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.dateline, doc.meta.source_site, doc.meta.date) == ("新华社北京十一月二十六日电", "新华社", "2024-11-25")
    assert not [b for b in doc.body if isinstance(b, m.Heading)]


@pytest.mark.parametrize(("title", "shown"), [
    ("林志遠／少子化不是發錢就能解決", "少子化不是發錢就能解決"),  # UDN's column: the byline names him already
    ("張三：少子化不是發錢就能解決", "張三：少子化不是發錢就能解決"),  # someone else, quoted
])
def test_a_columns_headline_loses_its_authors_name(tmp_path: Path, title: str, shown: str) -> None:
    (path := tmp_path / "a.md").write_text(f"---\ntitle: {title}\nauthor: 林志遠\n---\n\n少子化問題日益嚴重，政府推出多項補助。\n",
                                          encoding="utf-8")
    assert convert.read(str(path)).meta.title == shown


def test_an_undated_docx_edition_states_no_creation_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Word showed `created 1980-01-01` (zip's epoch, for a reproducible file), where the PDF and EPUB state none."""
    from docx import Document as Word

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (path := tmp_path / "a.md").write_text("# 标题\n\n正文一段。\n", encoding="utf-8")
    word = Word(convert.convert(str(path), to="docx", output=str(tmp_path / "a.docx"), offline=True))
    assert word.core_properties.created is None and word.core_properties.modified is None
    (path := tmp_path / "b.md").write_text("---\ndate: 2024-11-26\n---\n\n# 标题\n\n正文一段。\n", encoding="utf-8")
    word = Word(convert.convert(str(path), to="docx", output=str(tmp_path / "b.docx"), offline=True))
    assert word.core_properties.created.year == 2024


def test_an_official_documents_title_is_the_one_under_its_masthead(tmp_path: Path) -> None:
    """Titled `青州市人民政府办公室`, the issuer's masthead; its own title was a section heading."""
    (path := tmp_path / "a.md").write_text(
        "# 青州市人民政府办公室\n\n青政办发〔2025〕17号\n\n## 青州市人民政府办公室关于开展2025年度安全生产大检查的通知\n\n"
        "各镇人民政府、街道办事处：\n\n为深入贯彻落实安全生产责任制，决定在全市范围内开展安全生产大检查。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.title, doc.meta.kicker) == ("青州市人民政府办公室关于开展2025年度安全生产大检查的通知", "青州市人民政府办公室")
    assert not [b for b in doc.body if type(b).__name__ == "Heading"]


def test_an_accounts_name_is_no_author_and_its_reporters_line_names_them() -> None:
    """People's Daily's app: the page's author field named the account (`人民号·山东发布`) and the body's
    `作者：人民日报记者 宋朝军 王沛` went, read as one name with the role in it."""
    from convert.enrich.bylines import byline_fields
    from convert.readers.web.meta import person_names

    assert byline_fields("作者：人民日报记者 宋朝军 王沛", chinese=True) == {"authors": ("宋朝军", "王沛"), "reported": True}
    assert person_names(("人民号·山东发布",), "人民日报客户端", "") == ()
    assert person_names(("王沛",), "人民日报客户端", "") == ("王沛",)


@pytest.mark.parametrize(("text", "shown"), [
    ("国产发动机长江-1000A已完成测试", "国产发动机长江-1000A已完成测试"),  # a model's name: was 长江−1000A
    ("东风-41型导弹", "东风-41型导弹"), ("长征-5号火箭", "长征-5号火箭"),
    ("同比下降-2.3%", "同比下降\u22122.3%"),  # a negative number keeps its minus sign
])
def test_a_models_hyphen_is_no_minus_sign(text: str, shown: str) -> None:
    from convert.enrich.minus import minus_signs

    assert minus_signs(text) == shown
