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


# ---------------------------------------------------------------- a WeChat post pasted, a notice typed

WECHAT = """点击上方蓝字关注我们\u200b

# 一座小城的咖啡生意

\u200b\u200b编者按：过去三年，县城咖啡店数量增长了两倍多。我们走访了西南一座小城。

文 | 陈小雨　　图 | 受访者提供

早上八点，27岁的刘畅已经在店里忙碌。她的咖啡店开在老城区的一条巷子里。

👇👇👇

![](cup.png)

▲刘畅在店里制作咖啡

“刚开始一天只卖十几杯，”她说。
"""


def test_a_pasted_wechat_posts_invisible_spaces_editors_note_and_picture_credit(tmp_path: Path) -> None:
    """`\\u200b\\u200b编者按：` was no editor's note (the zero-width spaces opened the paragraph), `图 |
    受访者提供` (provided by the interviewee) was an author, and `👇👇👇` a paragraph of the text."""
    from convert import model as m

    (tmp_path / "cup.png").write_bytes(_PNG)
    (source := tmp_path / "wechat.md").write_text(WECHAT, encoding="utf-8")
    doc = convert.read(str(source))
    assert doc.meta.authors == ("陈小雨",)
    assert isinstance(doc.body[0], m.Notice) and m.plain_text(doc.body[0].content).startswith("编者按：过去三年")
    texts = [m.plain_text(m.block_inlines(b)) for b in doc.body if isinstance(b, m.Paragraph)]
    assert texts == ["早上八点，27岁的刘畅已经在店里忙碌。她的咖啡店开在老城区的一条巷子里。", "“刚开始一天只卖十几杯，”她说。"]


@pytest.mark.parametrize(("line", "expected"), [
    ("文 | 陈小雨　　图 | 受访者提供", {"authors": ("陈小雨",), "counter": "图 | 受访者提供"}),
    ("作者：陈小雨　图片：视觉中国", {"authors": ("陈小雨",), "counter": "图片：视觉中国"}),
    ("撰文：陈小雨　摄影：李四", {"authors": ("陈小雨", "李四")}),  # a photographer is named, as `文/X 图/Y` is
    ("文字 | 陈小雨　编辑 | 王五", {"authors": ("陈小雨",), "editor": "王五"}),
    ("文｜陈小雨　　编辑｜王五　　审核｜赵强", {"authors": ("陈小雨",), "editor": "王五", "counter": "审核｜赵强"}),
    ("图：刘畅在店里制作咖啡", {}),  # a caption
])
def test_a_magazines_byline_line_of_labelled_credits(line: str, expected: dict[str, object]) -> None:
    from convert.enrich.bylines import byline_fields

    assert byline_fields(line, chinese=True) == expected


def test_a_notices_attachments_typed_one_under_the_other_with_ascii_numbers() -> None:
    """`附件：1. 任务清单` / `      2. 责任人名单`: Markdown ran the two into one line; in English text a line
    that opens with a number (`version` / `2. The results`) stays joined."""
    from convert import model as m
    from convert.readers import read_text

    doc = convert.prepare(read_text("# 通知\n\n正文。\n\n附件：1. 中心城区易涝点改造任务清单\n      2. 排水防涝工作责任人名单\n\n"
                                    "We tested it in version\n2. The results follow.\n"))
    assert [m.plain_text(m.block_inlines(b)) for b in doc.body] == [
        "正文。", "附件：1. 中心城区易涝点改造任务清单\n\u3000\u3000\u30002. 排水防涝工作责任人名单",  # one under the other
        "We tested it in version 2. The results follow."]


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005"
                     "0001ff5ba3e0a90000000049454e44ae426082")


@pytest.mark.parametrize(("line", "addressed"), [
    ("各区人民政府，市政府各委、办、局：", True),
    ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", True),
    ("市教育局，各区县教育局：", True),
    ("记者了解到，今年的情况是：", False),  # a sentence that leads into the next paragraph
    ("据介绍，主要措施包括：", False),
])
def test_a_notices_addressees_listed_with_commas_are_set_flush(line: str, addressed: bool) -> None:
    """GB/T 9704 sets the addressees (主送机关) flush with the start of the line; a list of them with
    commas was indented as body text (only a short line without commas was read as the salutation)."""
    from convert import model as m
    from convert.readers import read_text

    doc = convert.prepare(read_text(f"# 关于做好排水防涝工作的通知\n\n{line}\n\n为切实做好今年汛期城市排水防涝工作，现通知如下。\n"))
    assert isinstance(doc.body[0], m.Paragraph) and (doc.body[0].role == "salutation") == addressed


# ---------------------------------------------------------------- an old government site laid out in tables

GOVERNMENT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于加强排水防涝工作的通知_通知公告_某某市人民政府门户网站</title>
<meta name="ArticleTitle" content="关于加强排水防涝工作的通知"><meta name="PubDate" content="2024-05-20 16:30">
<meta name="ContentSource" content="市政府办公厅"><meta name="SiteName" content="某某市人民政府门户网站">
<meta name="ColumnName" content="通知公告"></head><body>
<table width="1000"><tr><td><img src="banner.jpg"> <a href="/">首页</a> | <a href="/zwgk">政务公开</a> |
<a href="/zwfw">政务服务</a> | <a href="/hdjl">互动交流</a></td></tr></table>
<table width="1000"><tr><td>当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/tzgg">通知公告</a></td></tr></table>
<table width="1000" class="main">
<tr><td class="bt" align="center"><font size="5"><b>关于加强排水防涝工作的通知</b></font></td></tr>
<tr><td align="center">发布日期：2024-05-20　　来源：市政府办公厅　　【字体：大 中 小】　　【打印】</td></tr>
<tr><td id="zoom">
<p>各区人民政府，市政府各委、办、局：</p>
<p>　　为切实做好今年汛期城市排水防涝工作，保障人民群众生命财产安全，经市政府同意，现就有关事项通知如下。</p>
<p>　　<strong>一、突出工作重点</strong></p>
<p>　　2024年底前，全面完成中心城区127处易涝点改造任务，新建改造雨水管网120公里。各区要健全工作机制，汛期实行24小时值班制度。</p>
<table border="1"><tr><td><p>区</p></td><td><p>易涝点</p></td></tr><tr><td><p>东城区</p></td><td><p>42</p></td></tr>
<tr><td><p>西城区</p></td><td><p>85</p></td></tr></table>
<p align="right">市人民政府办公厅</p><p align="right">2024年5月20日</p>
</td></tr></table>
<table width="1000"><tr><td><a href="/map">网站地图</a> | <a href="/lxwm">联系我们</a><br>
主办：某某市人民政府办公厅　网站标识码：1234000001　京ICP备12345678号</td></tr></table>
</body></html>"""


def test_an_old_government_page_laid_out_in_tables_gives_its_notice(tmp_path: Path) -> None:
    """No class named its furniture, so the page was read as an article, whole: four tables of banner,
    breadcrumb, headline and footer. A Chinese site's licence number says it is a site's page; its
    layout tables are blocks; its fields are the ones the guideline for government sites names."""
    from convert import model as m

    (page := tmp_path / "notice.html").write_bytes(GOVERNMENT_PAGE.encode("gb2312"))
    doc = convert.read(str(page))
    assert (doc.meta.title, doc.meta.date, doc.meta.source_site) == ("关于加强排水防涝工作的通知", "2024-05-20T16:30", "市政府办公厅")
    kinds = [type(b).__name__ for b in doc.body]
    assert kinds == ["Paragraph", "Paragraph", "Heading", "Paragraph", "Table", "Paragraph", "Paragraph"], kinds
    assert [getattr(b, "role", "") for b in doc.body] == ["salutation", "", "", "", "", "signoff", "signoff"]
    table = doc.body[4]
    assert isinstance(table, m.Table) and len(table.body) + len(table.header) == 3  # the figures stay a table
    text = m.visible_text(doc)
    assert "ICP" not in text and "当前位置" not in text and "政务服务" not in text


# ---------------------------------------------------------------- a forum's thread

FORUM_PAGE = """<html><head><meta charset="utf-8"><title>老街的记忆 - 城市文史论坛</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/bbs">论坛</a> <a href="/wenshi">文史</a> <a href="/login">登录</a></div>
<div class="post"><h2 class="post-title">老街的记忆</h2>
<div class="post-info">楼主：老城故事　发表于 2024-10-12 21:05</div>
<div class="post-content">
　　我家住在老街的尽头，门前有一棵百年的老槐树。小时候，每到夏天，街坊们就搬着竹椅在树下乘凉，讲古论今。<br><br>
　　那时候街上有一家铁匠铺，打铁的师傅姓周，大家都叫他周师傅。他的铺子从早到晚叮叮当当响个不停，火星四溅。<br><br>
　　后来老街改造，铁匠铺拆了，老槐树也移走了。如今走在宽阔的马路上，我常常想起那些叮当声和蝉鸣声。
</div>
<div class="pages">共3页: 上一页 <a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a> <a href="?p=2">下一页</a></div></div>
<div class="reply"><div class="reply-author">游客甲</div><div class="reply-content">写得真好，我也是在老街长大的。</div></div>
<div class="footer"><a href="/about">关于我们</a> © 2024 城市文史论坛</div></body></html>"""


def test_a_forum_threads_poster_is_its_author_and_its_page_links_go(tmp_path: Path) -> None:
    """The first reply's `<div class="reply-author">` named the author, and `共3页: 上一页 1 2 3 下一页`
    closed the text; the thread's poster is `楼主：老城故事`."""
    from convert import model as m

    (page := tmp_path / "thread.html").write_text(FORUM_PAGE, encoding="utf-8")
    doc = convert.read(str(page))
    assert doc.meta.authors == ("老城故事",) and doc.meta.date == "2024-10-12T21:05"
    texts = [m.plain_text(m.block_inlines(b)) for b in doc.body]
    assert len(texts) == 3 and texts[-1].startswith("后来老街改造"), texts


@pytest.mark.parametrize(("line", "links"), [
    ("共3页：上一页 1 2 3 下一页", True), ("首页 上一页 [1] [2] 下一页 尾页", True), ("上一页 下一页", True),
    ("上一页：国足输了", False), ("1 2 3", False), ("第1页", False),
])
def test_a_multi_page_articles_page_links_are_no_text(line: str, links: bool) -> None:
    from convert.readers.promotion import is_promotion

    assert is_promotion(line) == links


# ---------------------------------------------------------------- brackets around codes in Chinese text


@pytest.mark.parametrize(("text", "expected"), [
    ("贵州茅台(600519.SH)上涨1.2%", "贵州茅台（600519.SH）上涨1.2%"),
    ("人工智能(AI)正在改变新闻业", "人工智能（AI）正在改变新闻业"),
    ("(1)加快设施建设", "（1）加快设施建设"),
    ("Python(3.11)发布", "Python(3.11)发布"),  # bound to a Latin word: a version, a call
    ("f(x)的值", "f(x)的值"),
    ("调用 f(x) 函数", "调用 f(x) 函数"),
])
def test_ascii_brackets_by_han_text_become_full_width(text: str, expected: str) -> None:
    """Only brackets holding Han text were set full width: `贵州茅台(600519.SH)` kept its ASCII ones,
    which a Chinese paper sets `（600519.SH）`."""
    from convert.enrich.widths import full_width_brackets

    assert full_width_brackets(text) == expected


# ---------------------------------------------------------------- a team's weekly report in Markdown

REPORT = """# 项目周报

- [x] 完成数据清洗脚本
- [ ] 撰写技术文档

日活跃用户达到 1.2 万[^1]，环比增长 15%。
{raw}
[^1]: 数据来源：后台统计，截至 11 月 24 日。
"""


@pytest.mark.parametrize("raw", ["", "<!-- 内部备注：不要公开 -->\n", "第二段<br>换行。\n"])
def test_footnotes_and_task_boxes_survive_raw_html(raw: str) -> None:
    """With any raw HTML in the article (a comment, a `<br>`), it went through pandoc's HTML writer and
    reader, which keep no footnotes: the note became a list at the end with a `↩︎` link, its call a
    bare number. And `- [x]` stayed text (`commonmark_x`'s `fancy_lists` keeps `task_lists` from
    reading it)."""
    from convert import model as m
    from convert.readers import read_text

    doc = convert.prepare(read_text(REPORT.format(raw=raw)))
    assert [b.number for b in doc.footnotes] == [1]
    assert m.plain_text(m.block_inlines(doc.footnotes[0].content[0])) == "数据来源：后台统计，截至 11 月 24 日。"
    paragraph = next(b for b in doc.body if isinstance(b, m.Paragraph))
    assert any(isinstance(i, m.NoteRef) for i in paragraph.content)
    assert not any(isinstance(b, m.HorizontalRule) for b in doc.body) and "↩" not in m.visible_text(doc)
    tasks = next(b for b in doc.body if isinstance(b, m.ListBlock))
    assert [m.plain_text(m.block_inlines(item[0])) for item in tasks.items] == ["☒ 完成数据清洗脚本", "☐ 撰写技术文档"]


# ---------------------------------------------------------------- a notice copied out of a PDF

FROM_PDF = """关于开展2024年度安全生产大检查的通知

各乡镇人民政府，县直各有关单位：
为深入贯彻落实安全生产工作部署，切实防范化解重大安全风险，坚
决遏制重特大事故发生，县政府决定开展安全生产大检查。现将有关事项通知如下：
一、检查时间
2024年6月1日至6月30日。

— 1 —

二、检查范围
全县所有生产经营单位，重点是危险化学品、建筑施工、道路交通、
消防等重点行业领域。

第 2 页 共 3 页
"""


def test_a_notice_copied_out_of_a_pdf_keeps_its_blocks(tmp_path: Path) -> None:
    """Its lines joined into run-on paragraphs (`一、检查时间 2024年6月1日…`, the addressees and the text),
    and its page numbers (`— 1 —`) stood between them."""
    from convert import model as m

    (source := tmp_path / "notice.txt").write_text(FROM_PDF, encoding="utf-8")
    doc = convert.read(str(source))
    blocks = [(type(b).__name__, getattr(b, "role", ""), m.plain_text(m.block_inlines(b))[:8]) for b in doc.body]
    assert blocks == [("Paragraph", "salutation", "各乡镇人民政府，"), ("Paragraph", "", "为深入贯彻落实安"),
                      ("Heading", "", "一、检查时间"), ("Paragraph", "", "2024年6月1"),
                      ("Heading", "", "二、检查范围"), ("Paragraph", "", "全县所有生产经营")]


@pytest.mark.parametrize("text", [
    "他说：\n“我们会继续努力。”这是他第三次参加比赛。\n",  # a quotation after the colon: one paragraph
    "（一）加快设施建设。2024年底前，全面完成中心城区\n127处易涝点改造任务。\n",  # a numbered sentence, not a heading
])
def test_a_typed_line_that_ends_no_block(text: str) -> None:
    from convert import model as m
    from convert.readers import read_text

    doc = convert.prepare(read_text("# 标题\n\n正文第一段。\n\n" + text))
    assert len(doc.body) == 2 and isinstance(doc.body[1], m.Paragraph)


@pytest.mark.parametrize(("line", "button"), [
    ("【纠错】", True), ("[打印] [关闭]", True), ("返回顶部", True), ("【打印本页】【关闭窗口】", True),
    ("纠错是一种能力", False), ("打印机销量增长", False),
])
def test_a_pages_buttons_copied_under_the_text_are_no_text(line: str, button: bool) -> None:
    """Xinhua's `【纠错】` button, pasted under the article, became its last section heading."""
    from convert.readers.promotion import is_promotion

    assert is_promotion(line) == button


# ---------------------------------------------------------------- emphasis inside a heading

HEADING_EMPHASIS = "# 老街故事\n\n## 为什么*保护*比拆除更难\n\n正文里有一处*需要强调的话*。\n"


def test_emphasis_in_a_chinese_heading_is_set_in_the_stack_the_headings_are_not(tmp_path: Path) -> None:
    """Emphasis in Chinese text is set upright in the body's other stack (黑体 in 宋体 text); in a heading,
    already set in 黑体, that was the heading's own face, and the emphasis vanished."""
    import zipfile

    from formats import pdf_faces

    (source := tmp_path / "a.md").write_text(HEADING_EMPHASIS, encoding="utf-8")
    out = convert.convert(source, to="pdf", output=tmp_path / "a.pdf", offline=True)
    faces = pdf_faces(out)

    assert faces("保护") == {"Noto-Serif-CJK-SC-Bold"} and faces("比拆除") == {"Noto-Sans-CJK-SC-Bold"}
    assert faces("需要强调的话") == {"Noto-Sans-CJK-SC"}  # the body's emphasis as before
    docx = convert.convert(source, to="docx", output=tmp_path / "a.docx", offline=True)
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    run = xml[:xml.rindex("保护")]
    assert 'w:eastAsia="Noto Serif CJK SC"' in run[run.rindex("<w:r>"):]
    epub = convert.convert(source, to="epub", output=tmp_path / "a.epub", offline=True, embed_fonts=True)
    names = zipfile.ZipFile(epub).namelist()
    assert "EPUB/fonts/noto-serif-cjk-sc-700.otf" in names  # the heading's emphasis, bold, embedded


@pytest.mark.parametrize(("credit", "shown"), [
    ("資料照片", "資料照片"), ("警方供图", "警方供图"), ("视频截图", "视频截图"), ("中央氣象署提供", "中央氣象署提供"),
    ("記者王小明", "攝影：記者王小明"),
])
def test_a_credit_naming_a_source_takes_no_photographers_label(credit: str, shown: str) -> None:
    """`（圖／資料照片）` (a file picture) was credited `攝影：資料照片`, naming a photographer who is none."""
    from convert.wording import credit_text

    assert credit_text(credit, "zh-TW") == shown


@pytest.mark.parametrize("depth", [100, 400, 900])
@pytest.mark.parametrize("tail", ["文字\n", "文字<br>[^1]\n\n[^1]: 注\n"])
def test_a_deeply_nested_article_is_refused_with_its_reason(tmp_path: Path, depth: int, tail: str) -> None:
    """The passes over pandoc's JSON that read task boxes and carry notes through the raw-HTML round trip
    recursed past Python's limit on 400 nested quotations: an internal error instead of the reason."""
    from convert.errors import ConvertError

    (source := tmp_path / "deep.md").write_text("# 深\n\n" + "> " * depth + tail, encoding="utf-8")
    with pytest.raises(ConvertError, match="nests deeper than"):
        convert.read(str(source))


@pytest.mark.parametrize("text", ["上一页 " + "1" * 26 + "x", "关闭 " * 15 + "x", "2024-11-28" + " " * 3000 + "x"])
def test_the_new_line_patterns_read_hostile_text_in_one_pass(text: str) -> None:
    """Each of these took seconds (growing exponentially with the run) before the patterns were made
    to read every piece one way only, or the white space was collapsed first."""
    from convert.readers.promotion import is_promotion

    assert not is_promotion(text) and list(date_times_in(text)) == []


# ---------------------------------------------------------------- a page saved as one file (MHTML)


def _mhtml(html: str, picture: bytes) -> bytes:
    """An MHTML file as Chrome writes one: the page quoted-printable, the picture base64, each part named
    by the address it came from."""
    import base64
    import quopri

    boundary = "----MultipartBoundary--q1w2e3----"
    return (f'From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example.hk/a/1.html\r\n'
            f'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n\r\n'
            f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://news.example.hk/a/1.html\r\n\r\n"
            f"{quopri.encodestring(html.encode('utf-8')).decode('ascii')}\r\n"
            f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Location: https://news.example.hk/img/p.png\r\n\r\n{base64.encodebytes(picture).decode()}\r\n"
            f"--{boundary}--\r\n").encode("ascii")


def test_a_page_saved_as_one_file_is_read_with_its_pictures(tmp_path: Path) -> None:
    """Chrome's and Edge's "Webpage, Single File" (.mhtml) was refused as an unsupported input. Its picture
    comes out of the file, offline; the address it was saved from is the source."""
    import zipfile

    from convert import model as m

    page = PAGE.format(date="2024年11月28日星期四 12:30").replace(
        "<p>港鐵表示", '<figure><img src="../img/p.png" alt="月台"><figcaption>大圍站月台擠滿乘客。</figcaption></figure><p>港鐵表示')
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (320, 200), (90, 120, 160)).save(picture, "PNG")
    (saved := tmp_path / "page.mhtml").write_bytes(_mhtml(page, picture.getvalue()))
    doc = convert.read(str(saved), offline=True)
    assert doc.meta.title == "港鐵東鐵綫今晨信號故障" and doc.meta.source_url == "https://news.example.hk/a/1.html"
    figure = next(b for b in doc.body if isinstance(b, m.Figure))
    assert figure.src == "https://news.example.hk/img/p.png"
    with collect_warnings() as warnings:
        epub = convert.convert(saved, to="epub", output=tmp_path / "page.epub", offline=True)
    assert warnings == []  # no picture missing, none fetched
    assert any(n.startswith("EPUB/images/") for n in zipfile.ZipFile(epub).namelist())


def test_a_file_named_mhtml_that_holds_no_page_is_refused(tmp_path: Path) -> None:
    from convert.errors import ConvertError

    (saved := tmp_path / "page.mhtml").write_text("<p>只是一段文字</p>", encoding="utf-8")
    with pytest.raises(ConvertError, match="not an MHTML file"):
        convert.read(str(saved))


# ---------------------------------------------------------------- a portal's photo gallery

GALLERY = """<html><head><meta charset="utf-8"><title>组图：初雪后的故宫_新闻频道_某某网</title>
<meta property="og:title" content="组图：初雪后的故宫"><meta property="og:site_name" content="某某网"></head><body>
<div class="nav"><a href="/">首页</a><a href="/news">新闻</a><a href="/photo">图片</a><a href="/video">视频</a></div>
<div class="gallery"><h1>组图：初雪后的故宫</h1><div class="info">2024-11-26 09:12 来源：某某网 {credit}</div>
<div class="pic"><img src="a.png" alt=""><p class="desc">11月26日，游客在故宫博物院内拍摄雪景。 摄影：赵六</p></div>
<div class="pic"><img src="b.png" alt=""><p class="desc">雪后的角楼银装素裹，吸引了众多摄影爱好者前来拍摄。</p></div>
<div class="pic"><img src="c.png" alt=""><p class="desc">一名小朋友在太和殿广场上堆雪人，玩得十分开心。</p></div></div>
<div class="footer"><a href="/about">关于我们</a> 版权所有</div></body></html>"""


@pytest.mark.parametrize(("credit", "authors"), [("摄影：王五", ("王五",)), ("", ())])
def test_a_gallerys_photographer_in_its_line_of_fields_is_its_author(tmp_path: Path, credit: str,
                                                                     authors: tuple[str, ...]) -> None:
    """`2024-11-26 09:12 来源：某某网 摄影：王五` named no one; a picture's own credit in its caption
    (`… 摄影：赵六`) is no author of the page."""
    (page := tmp_path / "gallery.html").write_text(GALLERY.format(credit=credit), encoding="utf-8")
    assert convert.read(str(page), offline=True).meta.authors == authors
