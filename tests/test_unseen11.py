"""An eleventh round of inputs nothing before had: Obsidian's and Typora's highlights (`==重点==`), and
what they showed was wrong, tested at the step that now reads it right."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as Word
from docx.oxml.ns import qn

import convert
from convert.errors import collect_warnings
from convert import model as m
from convert.theme import load_theme

# ---------------------------------------------------------------- highlights


def _highlighted(doc: m.Document) -> list[str]:
    found: list[str] = []

    def visit(inlines: tuple[m.Inline, ...]) -> None:
        for node in inlines:
            if isinstance(node, m.Highlight):
                found.append(m.plain_text(node.content))
            visit(m.inline_children(node))
    for block in m.walk_blocks(doc.blocks):
        visit(m.block_inlines(block))
    return found


MARKED = """# 标注

这是==重点内容==，还有==**加粗的重点**==。代码 `x == y` 不变，式子 a == b 也不变，==没有配对的也不变。

- 列表里的==高亮==
- ==一== 与 ==二==

| 项目 | 说明 |
|---|---|
| 甲 | ==表格里的标注== |

English ==highlighted words== here.
"""


def test_markdown_highlights_are_marked_text(tmp_path: Path) -> None:
    """`==…==` (Obsidian, Typora, pandoc's `mark`) printed its equals signs: `commonmark_x` has no `mark`."""
    (path := tmp_path / "a.md").write_text(MARKED, encoding="utf-8")
    doc = convert.read(str(path))
    assert _highlighted(doc) == ["重点内容", "加粗的重点", "高亮", "一", "二", "表格里的标注", "highlighted words"]
    text = m.visible_text(doc)
    assert "x == y" in text and "a == b" in text and "==没有配对的也不变" in text
    assert "==重点" not in text and "标注==" not in text


@pytest.mark.parametrize("text", ["a == b == c", "==", "x ==y == z", "a ==== b", "a ==\nb== c"])
def test_equals_signs_that_mark_nothing_stay_text(tmp_path: Path, text: str) -> None:
    (path := tmp_path / "a.md").write_text(f"# 题\n\n{text}\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert not _highlighted(doc)
    assert m.visible_text(doc).count("=") == text.count("=")


def test_a_pages_mark_is_marked_text(tmp_path: Path) -> None:
    (path := tmp_path / "a.html").write_text(
        "<html><head><title>标注</title></head><body><article><h1>标注</h1>"
        "<p>会议强调，<mark>要把安全放在首位</mark>，确保万无一失。</p></article></body></html>", encoding="utf-8")
    assert _highlighted(convert.read(str(path))) == ["要把安全放在首位"]


def test_every_edition_sets_highlights_on_the_themes_colour(tmp_path: Path) -> None:
    (source := tmp_path / "a.md").write_text(MARKED, encoding="utf-8")
    colour = load_theme("default").colors.highlight.lstrip("#").upper()
    html = Path(convert.convert(str(source), to="html", output=str(tmp_path / "a.html"), offline=True)).read_text("utf-8")
    assert "<mark>重点内容</mark>" in html and f"mark {{ background: #{colour.lower()}" in html.lower()
    epub = convert.convert(str(source), to="epub", output=str(tmp_path / "a.epub"), offline=True)
    with zipfile.ZipFile(epub) as book:
        assert any("<mark>重点内容</mark>" in book.read(name).decode("utf-8") for name in book.namelist()
                   if name.endswith(".xhtml"))
    word = Word(convert.convert(str(source), to="docx", output=str(tmp_path / "a.docx"), offline=True))
    shaded = [run.text for p in word.paragraphs for run in p.runs
              if (shd := run._r.find(f"{qn('w:rPr')}/{qn('w:shd')}")) is not None and shd.get(qn("w:fill")) == colour]
    assert shaded[:3] == ["重点内容", "加粗的重点", "高亮"]
    pdf = convert.convert(str(source), to="pdf", output=str(tmp_path / "a.pdf"), offline=True)
    rgb = tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    with pdfplumber.open(pdf) as book:
        page = book.pages[0]
        filled = [r for r in page.rects if r.get("fill") and r.get("non_stroking_color")
                  and all(abs(a - b) < 0.01 for a, b in zip(r["non_stroking_color"], rgb))]
        behind = ["".join(c["text"] for c in page.chars if r["x0"] <= (c["x0"] + c["x1"]) / 2 <= r["x1"]
                          and r["top"] <= (c["top"] + c["bottom"]) / 2 <= r["bottom"]) for r in filled]
    assert behind[:3] == ["重点内容", "加粗的重点", "高亮"]


# ---------------------------------------------------------------- a commentary's author and who they are

COMMENTARY = """# 港口复苏的信号

{byline}

今年以来，全国港口货物吞吐量稳步增长，集装箱航线持续加密，外贸进出口回升向好。

业内人士认为，港口是经济的晴雨表。
"""


@pytest.mark.parametrize(("byline", "authors", "note"), [
    ("本文作者：张三，系中国人民大学经济学院教授", ("张三",), "中国人民大学经济学院教授"),
    ("作者：张三，系中国人民大学经济学院教授。", ("张三",), "中国人民大学经济学院教授"),
    ("文｜张三（中国人民大学经济学院教授）", ("张三",), "中国人民大学经济学院教授"),
    ("作者：欧阳明，现任某科技公司首席执行官", ("欧阳明",), "现任某科技公司首席执行官"),
    ("作者：张三，李四", ("张三", "李四"), ""),  # two authors, no note
    ("作者：张三，李四，王五", ("张三", "李四", "王五"), ""),
    ("作者：陈一舟（Chen Yizhou）", ("陈一舟（Chen Yizhou）",), ""),  # a name in two scripts
])
def test_a_commentarys_author_is_named_apart_from_who_they_are(tmp_path: Path, byline: str,
                                                                authors: tuple[str, ...], note: str) -> None:
    """`作者：张三，系中国人民大学经济学院教授` made the note a second author; `本文作者：` was no byline."""
    (path := tmp_path / "a.md").write_text(COMMENTARY.format(byline=byline), encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.authors, doc.meta.author_note) == (authors, note)
    assert byline not in m.visible_text(doc)


def test_the_byline_says_who_the_author_is_and_the_metadata_names_them(tmp_path: Path) -> None:
    (source := tmp_path / "a.md").write_text(COMMENTARY.format(byline="本文作者：张三，系中国人民大学经济学院教授"),
                                             encoding="utf-8")
    word = Word(convert.convert(str(source), to="docx", output=str(tmp_path / "a.docx"), offline=True))
    assert "作者：张三（中国人民大学经济学院教授）" in [p.text for p in word.paragraphs]
    assert word.core_properties.author == "张三"
    epub = convert.convert(str(source), to="epub", output=str(tmp_path / "a.epub"), offline=True)
    with zipfile.ZipFile(epub) as book:
        opf = next(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".opf"))
    assert ">张三</dc:creator>" in opf


# ---------------------------------------------------------------- a reporter's notes app

NOTES = """---
title: 听证会采访笔记
---

> [!NOTE] 采访背景
> 11月19日上午，市发展改革委召开城市轨道交通票价调整听证会。

> [!WARNING]
> 以下数据为现场记录，需与发改委核对。

> [!tip]- 可折叠的提示
> 折叠的内容。

听证会提出两套方案%%私人：会后再约专访%%，核心都是起步价不变。

![[线路图.png]]

参见 [[2023年公交票价调整]] 和 [[轨道交通补贴|补贴测算]]。同比增长5%%，环比增长3%%。

%%
这一段是私人备注：邹处长会后说可以再约一次专访。
%%

```
代码里的 %% 不是备注 %%
```
"""


def test_a_notes_apps_comments_never_reach_an_edition(tmp_path: Path) -> None:
    """Obsidian's `%% … %%` is a comment the app never shows: it was printed, a private note published."""
    (folder := tmp_path / "vault").mkdir()
    (path := folder / "笔记.md").write_text(NOTES, encoding="utf-8")
    text = m.visible_text(convert.read(str(path)))
    assert "私人" not in text and "邹处长" not in text
    assert "听证会提出两套方案，核心都是起步价不变。" in text
    assert "同比增长5%%，环比增长3%%。" in text  # doubled percent signs are no comment
    assert "代码里的 %% 不是备注 %%" in text


def test_a_notes_apps_links_pictures_and_callouts(tmp_path: Path) -> None:
    from PIL import Image

    (folder := tmp_path / "vault").mkdir()
    (folder / "attachments").mkdir()
    Image.new("RGB", (64, 40), (30, 90, 160)).save(folder / "attachments" / "线路图.png")
    (path := folder / "笔记.md").write_text(NOTES, encoding="utf-8")
    doc = convert.read(str(path))
    text = m.visible_text(doc)
    assert "参见 2023年公交票价调整 和 补贴测算。" in text and "[[" not in text
    figures = [b for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Figure)]
    assert [f.src for f in figures] == ["attachments/线路图.png"]
    quotes = [b for b in doc.blocks if isinstance(b, m.BlockQuote)]
    headings = [m.plain_text(m.block_inlines(q.content[0])) for q in quotes]
    assert headings == ["采访背景", "警告", "可折叠的提示"]  # the writer's title, else the kind in the text's language
    assert all(isinstance(q.content[0].content[0], m.Strong) for q in quotes)  # type: ignore[attr-defined]
    assert "[!" not in text and "Warning" not in text
    assert m.plain_text(m.block_inlines(quotes[0].content[1])).startswith("11月19日上午")
    pdf = convert.convert(str(path), to="pdf", output=str(tmp_path / "a.pdf"), offline=True)
    with pdfplumber.open(pdf) as book:
        assert any(page.images for page in book.pages)


def test_a_github_alert_in_english_keeps_its_english_heading(tmp_path: Path) -> None:
    (path := tmp_path / "a.md").write_text("# Notes\n\n> [!IMPORTANT]\n> Check the figures with the ministry.\n",
                                           encoding="utf-8")
    quote = next(b for b in convert.read(str(path)).blocks if isinstance(b, m.BlockQuote))
    assert m.plain_text(m.block_inlines(quote.content[0])) == "Important"


# ---------------------------------------------------------------- a WeChat article pasted as text

WECHAT_PASTE = """县城里的“小饭桌”：一个托管班的十年
原创 刘思远 南方周末 2024年11月22日 18:30 广东
点击上方蓝字关注我们

原标题：县城“小饭桌”生存实录：从20个孩子到3家店
来源：南方周末
作者：刘思远
实习生：黄可欣

下午4点10分，湖南省邵阳县塘渡口镇第二小学的放学铃刚响，46岁的谢春梅就已经站在校门口。

这是谢春梅经营托管班的第十年。2014年，她在镇上租下一套两室一厅，最初只接了5个孩子。

晚上7点半，最后一个孩子被奶奶接走。“孩子们吃得好，家长在外面才放心。”

—END—

往期推荐
县城婚礼，彩礼18万8还算少的？
“我在县城开了一家书店”

编辑：杨静茹
责任编辑：张晓宇
审核：陈立

分享、点赞、在看，三连走起！
"""


@pytest.mark.parametrize("blank_lines", [False, True])
def test_a_wechat_article_pasted_as_text_is_its_story(tmp_path: Path, blank_lines: bool) -> None:
    """The headline ran into the account's line and `点击上方蓝字关注我们` (the title was all three), the
    reprint's header lines into one paragraph, and the recommended titles and the second editor stayed."""
    text = WECHAT_PASTE.replace("\n", "\n\n") if blank_lines else WECHAT_PASTE
    (path := tmp_path / "paste.txt").write_text(text, encoding="utf-8")
    doc = convert.read(str(path))
    meta = doc.meta
    assert (meta.title, meta.authors, meta.editor, meta.source_site, meta.date) == (
        "县城里的“小饭桌”：一个托管班的十年", ("刘思远", "黄可欣"), "杨静茹", "南方周末", "2024-11-22T18:30")
    paragraphs = [m.plain_text(b.content) for b in doc.body if isinstance(b, m.Paragraph)]
    assert paragraphs[0].startswith("下午4点10分") and paragraphs[-1].startswith("晚上7点半")
    assert len(paragraphs) == 3


def test_short_chinese_lines_between_blank_lines_stay_apart(tmp_path: Path) -> None:
    """A notice's two issuers, typed one under the other, were set as one line (`市住房和城乡建设委员会市应急管理局`)."""
    (path := tmp_path / "notice.txt").write_text(
        "关于开展燃气安全专项检查的通知\n\n各区住房城乡建设委：\n\n现将有关事项通知如下。请认真贯彻执行。\n\n"
        "市住房和城乡建设委员会\n市应急管理局\n2024年11月25日\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert [(b.role, m.plain_text(b.content)) for b in doc.body[-3:]] == [  # type: ignore[union-attr]
        ("signoff", "市住房和城乡建设委员会"), ("signoff", "市应急管理局"), ("signoff", "2024年11月25日")]


def test_a_latin_texts_wrapped_lines_stay_one_paragraph(tmp_path: Path) -> None:
    (path := tmp_path / "a.txt").write_text("Title\n\nThe port reopened on Monday after\nthree weeks of repairs.\n",
                                            encoding="utf-8")
    assert [m.plain_text(b.content) for b in convert.read(str(path)).body] == [  # type: ignore[union-attr]
        "The port reopened on Monday after three weeks of repairs."]


# ---------------------------------------------------------------- credits

@pytest.mark.parametrize(("line", "caption", "shown"), [
    ("11月28日，新装的电梯投入使用。澎湃新闻记者 顾嘉懿 图", "11月28日，新装的电梯投入使用。", "摄影：澎湃新闻记者 顾嘉懿"),
    ("正在施工的加装电梯井道。受访者供图", "正在施工的加装电梯井道。", "受访者供图"),  # was `摄影：受访者`
    ("融资事件统计。图源：IT桔子", "融资事件统计。", "图源：IT桔子"),  # a chart's source, no photographer
    ("蔡依林將第4度登上台北跨年舞台。（圖／翻攝自蔡依林IG）", "蔡依林將第4度登上台北跨年舞台。", "翻攝自蔡依林IG"),
    ("北捷跨年夜將42小時不停駛。（圖／資料照）", "北捷跨年夜將42小時不停駛。", "資料照"),
    ("去年跨年煙火吸引大批人潮。（圖／記者林敬旻攝，下同）", "去年跨年煙火吸引大批人潮。", "摄影：記者林敬旻"),
    ("城区规划示意图", "城区规划示意图", ""),  # no credit
])
def test_a_credit_says_what_its_line_says(line: str, caption: str, shown: str) -> None:
    from convert.enrich.captions import split_credit
    from convert.wording import credit_text

    found, credit = split_credit(line)
    assert (found, credit_text(credit, "zh-CN") if credit else "") == (caption, shown)


CREDITED_PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>组屋转售价连续上涨</title></head>
<body><article><h1>组屋转售价连续上涨</h1>
<p>建屋发展局今天公布的数据显示，第三季组屋转售价按季上涨2.7%，是连续第19个季度上涨。</p>
<figure><img src="a.png" alt=""><figcaption>{caption}</figcaption></figure>
<p>分析师认为，明年转售价涨幅将放缓，预计全年上涨4%至6%。</p>
<p>建屋局表示，将继续推出更多预购组屋单位，以满足市场需求。</p></article></body></html>"""


@pytest.mark.parametrize(("caption", "text", "credit"), [
    ("第三季组屋转售价按季上涨。（档案照片）<span class=\"credit\">（海峡时报）</span>", "第三季组屋转售价按季上涨。（档案照片）", "海峡时报"),
    ("在深圳的一个港口。<span class=\"photo-credit\">Qilai Shen for The New York Times</span>", "在深圳的一个港口。",
     "Qilai Shen for The New York Times"),
    ("<p>蕭爾茨在總理府發表講話</p><span class=\"copyright\">圖像來源: Michael Kappeler/dpa</span>", "蕭爾茨在總理府發表講話",
     "Michael Kappeler/dpa"),
    # where the picture is from, kept as a caption line's `图源：` is (no photographer: not `摄影：IT桔子`)
    ("融资事件统计<span class=\"credit\">图源: IT桔子</span>", "融资事件统计", "图源：IT桔子"),
])
def test_a_captions_credit_element_is_the_figures_credit(tmp_path: Path, caption: str, text: str, credit: str) -> None:
    """Run into the caption: `…講話圖像來源: Michael Kappeler/dpa`, `…（档案照片）（海峡时报）`."""
    from PIL import Image

    Image.new("RGB", (640, 400), "#3a7").save(tmp_path / "a.png")
    (path := tmp_path / "page.html").write_text(CREDITED_PAGE.format(lang="zh", caption=caption), encoding="utf-8")
    [figure] = convert.read(str(path)).figures
    assert (m.plain_text(figure.caption), figure.credit) == (text, credit)


# ---------------------------------------------------------------- pages: deks, authors, times, notices

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="新闻网">
{head}</head><body>
<header class="site"><nav><a href="/">首页</a><a href="/world">国际</a><a href="/china">中国</a></nav></header>
<main><article><header><h1>{title}</h1>{dek}</header>
<div class="rich-text">
<p>第一段正文。今年以来，全国港口货物吞吐量稳步增长，集装箱航线持续加密，外贸进出口回升向好。</p>
<p>第二段正文。业内人士认为，港口是经济的晴雨表，吞吐量的增长说明外贸需求正在回暖。</p>
<p>第三段正文。交通运输部表示，将继续推进港口智能化改造，提升码头作业效率和服务水平。</p>
{tail}</div></article></main>
<footer><p>© 2024 新闻网 | <a>隐私声明</a> | <a>联系我们</a></p></footer></body></html>"""


def _page(tmp_path: Path, *, lang: str = "zh-CN", title: str = "港口吞吐量稳步增长", head: str = "", dek: str = "",
          tail: str = "") -> m.Document:
    (path := tmp_path / "page.html").write_text(PAGE.format(lang=lang, title=title, head=head, dek=dek, tail=tail),
                                                encoding="utf-8")
    return convert.read(str(path))


@pytest.mark.parametrize(("dek", "subtitle"), [
    ('<p class="teaser-text">交通运输部数据显示，前十个月全国港口完成货物吞吐量145亿吨，同比增长3.5%。</p>',
     "交通运输部数据显示，前十个月全国港口完成货物吞吐量145亿吨，同比增长3.5%。"),  # DW's dek
    ('<h2 class="subtitle">港口观察系列（上）</h2>', "港口观察系列（上）"),  # nine characters: a dek
])
def test_a_pages_dek_under_its_headline_is_the_subtitle(tmp_path: Path, dek: str, subtitle: str) -> None:
    """DW's `.teaser-text` and The Reporter's nine-character `h2.subtitle` were in no edition."""
    assert _page(tmp_path, dek=dek).meta.subtitle == subtitle


def test_the_fuller_byline_of_a_page_names_every_author(tmp_path: Path) -> None:
    """`article:author` named the first of the two the page's byline names (NYT's `meta name="byline"`)."""
    head = '<meta property="article:author" content="KEITH BRADSHER"><meta name="byline" content="KEITH BRADSHER, JOY DONG">'
    assert _page(tmp_path, head=head).meta.authors == ("KEITH BRADSHER", "JOY DONG")


@pytest.mark.parametrize("notice", [
    "© 2024年德國之聲版權聲明：本文所有內容受到著作權法保護，如無德國之聲特別授權，不得擅自使用。",
    "本文来自微信公众号“智能涌现”（ID：AIEmergence），作者：邓咏仪，编辑：苏建勋，36氪经授权发布。",
])
def test_a_rights_line_is_a_notice(tmp_path: Path, notice: str) -> None:
    doc = _page(tmp_path, tail=f"<p>{notice}</p>")
    assert [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Notice)] == [notice]


@pytest.mark.parametrize(("lang", "shown"), [("zh-CN", "2024年11月8日 04:12"), ("zh-TW", "2024年11月8日 04:12"),
                                             ("en", "7 November 2024, 20:12 UTC")])
def test_a_time_a_page_gives_in_utc_is_shown_in_the_readers_zone_or_marked(tmp_path: Path, lang: str, shown: str) -> None:
    """`2024-11-07T20:12:33Z` was shown `2024年11月7日 20:12`, eight hours off for a reader in Beijing or Taipei."""
    from convert.wording import byline

    doc = _page(tmp_path, lang=lang, head='<meta property="article:published_time" content="2024-11-07T20:12:33Z">')
    assert doc.meta.date == "2024-11-07T20:12:33Z"  # the metadata keeps the instant as the page gave it
    assert [p.value for p in byline(doc.meta) if p.kind == "date"] == [shown]


def test_an_epub_shows_a_dek_once(tmp_path: Path) -> None:
    """36Kr's summary is its dek: the EPUB showed it twice, as the subtitle and as the standfirst."""
    dek = "本轮融资将主要用于人形机器人的量产和海外市场拓展。"
    (path := tmp_path / "page.html").write_text(PAGE.format(
        lang="zh-CN", title="港口吞吐量稳步增长", head=f'<meta name="description" content="{dek}">',
        dek=f'<p class="summary">{dek}</p>', tail=""), encoding="utf-8")
    epub = convert.convert(str(path), to="epub", output=str(tmp_path / "a.epub"), offline=True)
    from lxml import html as lxml_html

    with zipfile.ZipFile(epub) as book:
        text = "".join(lxml_html.fromstring(book.read(n)).text_content() for n in book.namelist() if n.endswith(".xhtml"))
    assert text.count(dek) == 1


# ---------------------------------------------------------------- a page's linked notes

NOTED_PAGE = """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>偏鄉醫療</title></head>
<body><article><h1>偏鄉醫療</h1>
<p>兩縣合計的心臟內科專科醫師僅42人<sup><a href="#note-1">1</a></sup>，神經外科醫師更只有17人。</p>
<p>2023年花東地區共啟動空中轉診136架次<a href="#note-2">[2]</a>。但直升機受天候限制。</p>
<p>見<a href="#top">1</a>頁首。</p>
<div class="notes"><h3>註釋</h3><ol>
<li id="note-1">衛生福利部，〈112年醫事人員執業登記統計〉，2024年5月。<a href="#ref-1">↩</a></li>
<li id="note-2">內政部空中勤務總隊，〈空中緊急醫療救護任務統計〉，2024年3月。</li>
</ol></div></article></body></html>"""


def test_a_pages_linked_notes_are_footnotes(tmp_path: Path) -> None:
    """The Reporter's `<sup><a href="#note-1">1</a></sup>` linked to nowhere in every edition, and its notes
    stayed a list under a `註釋` heading."""
    (path := tmp_path / "page.html").write_text(NOTED_PAGE, encoding="utf-8")
    doc = convert.read(str(path))
    assert [m.plain_text(m.block_inlines(f.content[0])) for f in doc.footnotes] == [
        "衛生福利部，〈112年醫事人員執業登記統計〉，2024年5月。", "內政部空中勤務總隊，〈空中緊急醫療救護任務統計〉，2024年3月。"]
    refs = [i for b in doc.body for i in m.block_inlines(b) if isinstance(i, m.NoteRef)]
    assert [r.number for r in refs] == [1, 2]
    text = m.visible_text(doc)
    assert "註釋" not in text and "↩" not in text and not any(isinstance(b, m.ListBlock) for b in doc.body)
    assert "見1頁首。" in text  # a link to an anchor that holds no note stays text


def test_a_reporters_byline_element_names_the_reporters_not_their_roles(tmp_path: Path) -> None:
    """The Paper's `<meta name="author">` names the reporter, its byline the intern too: the intern was lost,
    then `实习生` was taken for a name."""
    head = '<meta name="author" content="澎湃新闻记者 顾嘉懿">'
    doc = _page(tmp_path, head=head, dek='<div class="index_author__QCfaE">澎湃新闻记者 顾嘉懿 实习生 林若曦</div>')
    assert doc.meta.authors == ("顾嘉懿", "林若曦")


# ---------------------------------------------------------------- a table of results

RESULTS = """# 全国游泳冠军赛收官

新华社杭州11月24日电 2024年全国游泳冠军赛24日在杭州闭幕。

| 项目 | 冠军 | 代表队 | 成绩 | 亚军 | 成绩 | 季军 | 成绩 |
|--|--|--|--|--|--|--|--|
| 男子200米蛙泳 | 覃海洋 | 上海 | 2:07.05 | 董志豪 | 2:08.91 | 杨家驹 | 2:09.44 |
| 男子1500米自由泳 | 费立纬 | 浙江 | 14:53.30 | 张展硕 | 15:02.18 | 卢尚青 | 15:10.77 |
| 女子4×100米混合泳接力 | 上海队 | 上海 | 3:56.43 | 浙江队 | 3:57.10 | 广东队 | 3:59.88 |
| 女子100米蝶泳 | 张雨霏 | 江苏 | 56.21 | 王一淳 | 57.33 | 余依婷 | 57.60 |
"""


def test_a_table_of_race_times_sets_its_times_as_figures_and_its_events_on_one_line(tmp_path: Path) -> None:
    """Times (`2:07.05`) were set flush left while the other tables' figures stood flush right; and the
    print page took the e-reader's column floors, which sum past its measure for this table: the events
    ran three lines deep (`女子 / 4×100米 / 混合泳 / 接力`) beside half-empty columns of times."""
    (source := tmp_path / "a.md").write_text(RESULTS, encoding="utf-8")
    [table] = [b for b in convert.read(str(source)).blocks if isinstance(b, m.Table)]
    assert [cell.align for cell in table.body[0]] == ["", "", "", "right", "", "right", "", "right"]
    pdf = convert.convert(str(source), to="pdf", output=str(tmp_path / "a.pdf"), offline=True)
    with pdfplumber.open(pdf) as book:
        lines = book.pages[0].extract_text().split("\n")
    assert any("女子4×100米混合泳接力" in line.replace(" ", "") and "3:56.43" in line for line in lines), lines


# ---------------------------------------------------------------- a report written in Word

def test_a_docxs_centred_and_flush_right_lines_keep_their_alignment(tmp_path: Path) -> None:
    """Pandoc's docx reader keeps no alignment: the issuer and date centred under a report's title, and the
    signature flush right under its text, came out as indented body paragraphs."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word = docx.Document()
    word.add_paragraph("2024年全市港口运行情况报告", style="Title")
    for text in ("市交通运输局", "2024年11月25日"):
        word.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph("今年以来，全市港口货物吞吐量稳步增长，集装箱航线持续加密，外贸进出口回升向好。")
    word.add_paragraph("下一步，我们将继续推进港口智能化改造。").alignment = WD_ALIGN_PARAGRAPH.CENTER  # short: as set
    word.add_paragraph("确保全年目标任务顺利完成。" * 8).alignment = WD_ALIGN_PARAGRAPH.CENTER  # long: the layout's
    for text in ("市交通运输局", "2024年11月25日"):
        word.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    word.save(path := tmp_path / "report.docx")
    doc = convert.read(str(path))
    assert [(b.role, m.plain_text(b.content)[:6]) for b in doc.body] == [  # type: ignore[union-attr]
        ("centered", "市交通运输局"), ("centered", "2024年1"), ("", "今年以来，全"), ("centered", "下一步，我们"),
        ("", "确保全年目标"), ("signoff", "市交通运输局"), ("signoff", "2024年1")]
    out = Word(convert.convert(str(path), to="docx", output=str(tmp_path / "out.docx"), offline=True))
    centred = [p.text for p in out.paragraphs if p.alignment is not None and p.alignment == WD_ALIGN_PARAGRAPH.CENTER]
    assert "市交通运输局" in centred


# ---------------------------------------------------------------- a second tester's inputs

def test_a_web_page_saved_as_markdown_is_read_as_a_page(tmp_path: Path) -> None:
    page = PAGE.format(lang="zh-CN", title="港口吞吐量稳步增长", head="", dek="", tail="")
    (path := tmp_path / "saved.md").write_text(page, encoding="utf-8")
    doc = convert.read(str(path))
    text = m.visible_text(doc)
    assert doc.meta.title == "港口吞吐量稳步增长" and "首页" not in text and "隐私声明" not in text and "<p>" not in text


def test_a_docx_with_no_title_paragraph_takes_its_properties_title(tmp_path: Path) -> None:
    """It was titled after its first sentence (`新华社宁波1月8日电 记者从…获悉`); a template's title
    (`文档1`), or one in another script than the text, is no title of its."""
    import docx

    for title, expected in (("港口集装箱吞吐量创新高", "港口集装箱吞吐量创新高"), ("文档1", None), ("Report", None)):
        word = docx.Document()
        word.core_properties.title = title
        word.add_paragraph("新华社宁波1月8日电 记者从宁波舟山港集团获悉，2023年宁波舟山港完成集装箱吞吐量3530万标准箱。")
        word.add_paragraph("这是该港集装箱吞吐量连续多年位居全球第三。")
        word.save(path := tmp_path / "a.docx")
        got = convert.read(str(path)).meta.title
        assert got == expected if expected else got.startswith("新华社宁波1月8日电"), (title, got)


@pytest.mark.parametrize(("line", "fields"), [
    ("本文来源：中国新闻网 责任编辑：王凤枝_NN1280", {"source_site": "中国新闻网", "editor": "王凤枝"}),
    ("2024-08-02 10:12:00　来源: 中国新闻网 举报 0 分享至 微信", {"date": "2024-08-02T10:12:00", "source_site": "中国新闻网"}),
])
def test_netease_byline_lines(line: str, fields: dict[str, object]) -> None:
    from convert.enrich.bylines import byline_fields

    assert byline_fields(line) == fields


def test_a_portals_page_credits_the_outlet_it_shows_and_its_closing_lines_go(tmp_path: Path) -> None:
    """NetEase's `来源: 中国新闻网` beside the date: the page credited `网易新闻`, and its closing
    `本文来源：中国新闻网` and `责任编辑：王凤枝_NN1280` (a staff code) stayed in the text."""
    doc = _page(tmp_path, dek='<div class="post_info">2024-08-02 10:12:00　来源: <a>中国新闻网</a> 举报 <a>0</a></div>',
                tail="<p>本文来源：中国新闻网</p><p>本文来源：中国新闻网 责任编辑：王凤枝_NN1280</p>")
    assert (doc.meta.source_site, doc.meta.editor) == ("中国新闻网", "王凤枝")
    assert "本文来源" not in m.visible_text(doc) and "NN1280" not in m.visible_text(doc)


def test_an_aggregators_page_credits_the_provider(tmp_path: Path) -> None:
    head = ('<script type="application/ld+json">{"@type":"NewsArticle","headline":"港口吞吐量稳步增长",'
            '"provider":{"@type":"Organization","name":"中央社"}}</script>')
    assert _page(tmp_path, head=head).meta.source_site == "中央社"


def test_a_face_or_a_logo_in_a_name_box_is_no_figure(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (400, 300), "#888").save(tmp_path / "face.jpg")
    dek = ('<div class="author-intro"><img src="face.jpg"><p>王文</p><p>中国人民大学重阳金融研究院执行院长</p></div>'
           '<div class="caas-attr-provider"><img src="face.jpg" alt="中央社"><span>中央社</span></div>')
    assert not _page(tmp_path, dek=dek).figures


def test_a_reprints_rights_line_is_a_notice(tmp_path: Path) -> None:
    notice = "本文系观察者网独家稿件，文章内容纯属作者个人观点，不代表平台观点，未经授权，不得转载，否则将追究法律责任。"
    doc = _page(tmp_path, tail=f"<p><strong>{notice}</strong></p>")
    assert [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Notice)] == [notice]


def test_a_reporters_credit_with_摄_run_on_is_split_off_its_caption() -> None:
    from convert.enrich.captions import split_credit

    assert split_credit("6月12日，求职者了解岗位信息。新华社记者　季春鹏摄") == ("6月12日，求职者了解岗位信息。", "新华社记者 季春鹏")
    assert split_credit("他是一名记者摄") == ("他是一名记者摄", "")


def test_a_cna_closing_with_its_date_code_leaves_the_text() -> None:
    from convert.enrich.conventions import apply_conventions

    doc = m.Document(meta=m.Meta(title="台積電", lang="zh-TW"), blocks=(
        m.Paragraph((m.Text("台積電今年第3季合併營收新台幣7596.9億元，優於財測預期。（編輯：林淑媛）1131017"),),),))
    done = apply_conventions(doc)
    assert done.meta.editor == "林淑媛" and m.visible_text(done).endswith("優於財測預期。")


def test_an_editor_is_no_author_in_an_editions_metadata(tmp_path: Path) -> None:
    """`Author: 王凤枝` (the 责任编辑) in the PDF and DOCX of an unsigned NetEase story; the story's author
    is its outlet. The editor stays one where nothing else names who made it."""
    from pypdf import PdfReader

    (source := tmp_path / "a.md").write_text("---\ntitle: 港口\neditor: 王凤枝\nsource: 中国新闻网\n---\n\n"
                                             "港口吞吐量稳步增长。\n", encoding="utf-8")
    pdf = convert.convert(str(source), to="pdf", output=str(tmp_path / "a.pdf"), offline=True)
    word = Word(convert.convert(str(source), to="docx", output=str(tmp_path / "a.docx"), offline=True))
    assert (PdfReader(pdf).metadata.author, word.core_properties.author) == ("中国新闻网", "中国新闻网")
    page = convert.convert(str(source), to="html", output=str(tmp_path / "a.html"), offline=True)
    assert '<meta name="author" content="中国新闻网" />' in page.read_text(encoding="utf-8")  # it named no one
    (source := tmp_path / "b.md").write_text("---\ntitle: 港口\neditor: 王凤枝\n---\n\n港口吞吐量稳步增长。\n", encoding="utf-8")
    pdf = convert.convert(str(source), to="pdf", output=str(tmp_path / "b.pdf"), offline=True)
    assert PdfReader(pdf).metadata.author == "王凤枝"


@pytest.mark.parametrize(("line", "authors"), [
    ("【文/观察者网专栏作者 王文】", ("王文",)),  # was a section title, in the contents
    ("作者：特约评论员 王文", ("王文",)),  # `特约评论员` was a second author
    ("文｜本报评论员 李四", ("李四",)),
    ("【记者连线】", ()),  # a section's label
])
def test_a_columnists_byline_names_the_columnist(line: str, authors: tuple[str, ...]) -> None:
    from convert.enrich.bylines import byline_fields

    assert byline_fields(line).get("authors", ()) == authors


def test_a_missing_glyphs_hint_fits_the_characters() -> None:
    """`𠀀` (U+20000) was said to need `fonts-noto-color-emoji for emoji`."""
    from convert.writers.pdf import _font_hint

    assert "hanazono" in _font_hint(["\U00020000"]) and "emoji" not in _font_hint(["\U00020000"])
    assert "emoji" in _font_hint(["😀"])


VIDEO_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>神舟十八号发射成功_央视网</title></head>
<body><div class="header_nav"><a>央视网</a><a>新闻</a><a>体育</a><a>综艺</a><a>直播</a></div>
<div class="playingVideo"><video poster="still.jpg" src="https://example.com/v.m3u8" controls></video></div>
<div class="video_title"><h1>神舟十八号发射成功</h1><div class="info">来源：央视网 | 2024年04月25日 21:23</div></div>
<div class="text_box"><p>据中国载人航天工程办公室消息，4月25日20时59分，搭载神舟十八号载人飞船的长征二号F遥十八运载火箭在酒泉卫星发射中心点火发射，约10分钟后，神舟十八号载人飞船与火箭成功分离，进入预定轨道，航天员乘组状态良好，发射取得圆满成功。</p></div>
<div class="footer">央视网 版权所有 Copyright © 1996-2024</div></body></html>"""


def test_a_video_pages_player_is_shown_by_its_still_and_its_fields_line_is_read(tmp_path: Path) -> None:
    """CCTV's player over the headline was dropped without a word, and the page read as text alone."""
    from PIL import Image

    Image.new("RGB", (640, 360), "#135").save(tmp_path / "still.jpg")
    (path := tmp_path / "page.html").write_text(VIDEO_PAGE, encoding="utf-8")
    with collect_warnings() as warnings:
        doc = convert.read(str(path))
    assert [f.src for f in doc.figures] == ["still.jpg"]
    assert any("poster picture" in w or "dropped <video>" in w for w in warnings), warnings
    assert (doc.meta.source_site, doc.meta.date) == ("央视网", "2024-04-25T21:23")
    assert "来源" not in m.visible_text(doc)


def test_a_portals_content_tag_is_no_part_of_the_title(tmp_path: Path) -> None:
    assert _page(tmp_path, title="[视频]神舟十八号发射成功").meta.title == "神舟十八号发射成功"
    assert _page(tmp_path, title="【独家】神舟十八号发射成功").meta.title.endswith("神舟十八号发射成功")


def test_udns_credit_leaves_the_caption() -> None:
    """UDN's `記者X／攝影` stayed in the caption."""
    from convert.enrich.captions import split_credit

    assert split_credit("強颱凱米逼近，台北市民排隊購買沙包。記者林俊良／攝影") == ("強颱凱米逼近，台北市民排隊購買沙包。", "記者林俊良")


def test_a_bilingual_pages_english_headline_is_its_subtitle(tmp_path: Path) -> None:
    """The NYT Chinese edition's `h1.en-title` was in no edition, though the text was kept in both languages."""
    dek = '<h1 class="en-title">China’s E.V. Price War Spills Overseas, Squeezing Europe’s Automakers</h1>'
    doc = _page(tmp_path, title="中国电动车价格战蔓延至海外，欧洲车企承压", dek=dek)
    assert doc.meta.subtitle == "China’s E.V. Price War Spills Overseas, Squeezing Europe’s Automakers"


def test_xinhuas_publication_time_is_read(tmp_path: Path) -> None:
    """The time of `<meta name="apub:time" content="2024-04-15 17:32:08">` was lost (the date alone, from the text)."""
    assert _page(tmp_path, head='<meta name="apub:time" content="2024-04-15 17:32:08">').meta.date == "2024-04-15T17:32:08"


def test_two_editors_are_two_contributors_of_the_epub(tmp_path: Path) -> None:
    (source := tmp_path / "a.md").write_text("---\ntitle: 港口\nauthor: 李心萍\neditor: 王震、高雷\n---\n\n港口吞吐量稳步增长。\n",
                                             encoding="utf-8")
    epub = convert.convert(str(source), to="epub", output=str(tmp_path / "a.epub"), offline=True)
    with zipfile.ZipFile(epub) as book:
        opf = next(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".opf"))
    assert ">王震</dc:contributor>" in opf and ">高雷</dc:contributor>" in opf and ">李心萍</dc:creator>" in opf


MIXED = """# 两岸三地青年交流营开营

7月10日，两岸三地青年交流营在厦门开营，来自大陆、台湾和香港的120名大学生参加。

來自台灣的學生林怡萱說：「這是我第一次來廈門，覺得這裡的海很漂亮。」

主办方介绍，本次交流营为期两周，内容包括文化参访、企业实习和志愿服务。
"""


def test_a_traditional_paragraph_in_a_simplified_article_takes_its_scripts_faces(tmp_path: Path) -> None:
    """It was tagged zh-CN and set in the SC faces, its marks bottom-left, in every edition."""
    from formats import pdf_faces

    (source := tmp_path / "a.md").write_text(MIXED, encoding="utf-8")
    html = Path(convert.convert(str(source), to="html", output=str(tmp_path / "a.html"), offline=True)).read_text("utf-8")
    assert html.count('<p lang="zh-Hant"') == 1 and '<p lang="zh-Hant" xml:lang="zh-Hant">來自台灣' in html
    pdf = convert.convert(str(source), to="pdf", output=str(tmp_path / "a.pdf"), offline=True)
    faces = pdf_faces(Path(pdf))
    assert faces("這是我第一次來廈門") == {"Noto-Serif-CJK-TC"} and faces("本次交流营为期两周") == {"Noto-Serif-CJK-SC"}
    word = Word(convert.convert(str(source), to="docx", output=str(tmp_path / "a.docx"), offline=True))
    runs = {p.text[:4]: p.runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}") for p in word.paragraphs if p.runs}
    assert runs["來自台灣"].get(qn("w:eastAsia")).endswith("TC") and runs["主办方介"] is None
