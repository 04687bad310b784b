"""A tenth round of inputs nothing before had: a Taiwan wire's dateline reprinted in a portal's brackets,
a Hong Kong report signed under its text, articles in Japanese, Korean and Arabic, a Big5 text file, a
UTF-16 Markdown file; and what they showed was wrong, tested at the step that now reads it right."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import convert
from convert.enrich.bylines import lead_dateline

# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize("lead", [
    "（中央社記者陳怡君台北28日電）台北市長今天宣布，明年起調漲停車費。",
    "【中央社記者陳怡君台北28日電】台北市長今天宣布，明年起調漲停車費。",  # a portal's reprint
])
def test_a_taiwan_wires_dateline_names_its_reporter_in_any_brackets(lead: str) -> None:
    assert lead_dateline(lead) == {"place": "台北", "source_site": "中央社", "authors": ("陳怡君",),
                                   "reported": True}


def test_a_wires_dateline_with_no_reporter_names_no_one() -> None:
    assert "authors" not in lead_dateline("【中央社台北28日電】台北市長今天宣布，明年起調漲停車費。")


HK_REPORT = """# 港鐵東涌綫延線下年通車

【本報訊】港鐵東涌綫延線工程接近完成，預計明年第一季通車。住喺東涌西嘅陳太話：「以前返工要搭巴士轉車。」

港鐵發言人表示，延線全長約1.3公里，每日可服務約五萬人次。

{closing}
"""


@pytest.mark.parametrize(("closing", "authors"), [
    ("記者　李嘉欣", ("李嘉欣",)),
    ("记者 王浩宇", ("王浩宇",)),
    ("（記者 李嘉欣）", ("李嘉欣",)),
    ("李嘉欣", ()),  # a name alone is no signature: it stays text
])
def test_a_reporter_signing_under_the_report_is_its_author(tmp_path: Path, closing: str,
                                                           authors: tuple[str, ...]) -> None:
    (path := tmp_path / "hk.md").write_text(HK_REPORT.format(closing=closing), encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == authors
    assert (closing in convert.model.visible_text(doc)) == (not authors)


# ---------------------------------------------------------------- BBC's labels for screen readers

BBC_PAGE = """<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">
<title>气候变化：全球冰川融化速度创新高 - BBC News 中文</title>
<meta property="og:site_name" content="BBC News 中文"></head><body>
<header role="banner"><nav><ul><li><a href="/">主页</a></li><li><a href="/world">国际</a></li></ul></nav></header>
<main role="main"><h1>气候变化：全球冰川融化速度创新高</h1>
<div><ul role="list"><li><span class="bbc-1ff36h2">{author_label}</span><span>马特·麦格拉思（Matt McGrath）</span></li>
<li><span class="bbc-1ff36h2">Role，</span><span>BBC环境事务记者</span></li></ul></div>
<time datetime="2024-03-19">2024年3月19日</time>
<figure><div><img src="glacier.png" alt="瑞士阿莱奇冰川" width="800" height="450"><p role="text">
<span class="bbc-m04vo2">图像来源，</span><span lang="en-GB">Getty Images</span></p></div>
<figcaption><span class="bbc-m04vo2">图像加注文字，</span><p>瑞士阿莱奇冰川是阿尔卑斯山最大的冰川。</p></figcaption></figure>
<div><p>世界气象组织周二发布的报告显示，2023年全球冰川损失的冰量为有记录以来最多，这是连续第二年创下纪录。</p></div>
<div><p>报告说，2023年是有记录以来最热的一年，全球平均气温比工业化前水平高出约1.45摄氏度。</p></div>
</main><footer role="contentinfo"><a href="/a">关于</a><a href="/b">隐私</a></footer></body></html>"""


def test_bbcs_byline_list_and_labelled_caption_and_credit(tmp_path: Path) -> None:
    """BBC's pages label the byline, a picture's caption and its source for screen readers (`作者，`,
    `图像加注文字，`, `图像来源，`): the byline was a list at the top with the date line under it, the
    picture's source was lost and its caption kept its label."""
    (tmp_path / "glacier.png").write_bytes(_png())
    (page := tmp_path / "bbc.html").write_text(BBC_PAGE.format(author_label="作者，"), encoding="utf-8")
    doc = convert.read(str(page))
    assert doc.meta.authors == ("马特·麦格拉思（Matt McGrath）",)
    figure = next(b for b in doc.body if isinstance(b, convert.model.Figure))
    assert (convert.model.plain_text(figure.caption), figure.credit) == ("瑞士阿莱奇冰川是阿尔卑斯山最大的冰川。", "Getty Images")
    text = convert.model.visible_text(doc)
    assert not any(word in text for word in ("作者，", "Role", "图像", "2024年3月19日"))
    assert isinstance(doc.body[0], convert.model.Figure)


def test_a_list_that_is_no_byline_stays_at_the_top(tmp_path: Path) -> None:
    (tmp_path / "glacier.png").write_bytes(_png())
    page = BBC_PAGE.format(author_label="要点：").replace("Role，", "第二点：")
    (path := tmp_path / "bbc.html").write_text(page, encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == () and isinstance(doc.body[0], convert.model.ListBlock)


@pytest.mark.parametrize(("caption", "shown", "credit"), [
    ("Image caption, A glacier in the Alps. Image source, Getty Images", "A glacier in the Alps.", "Getty Images"),
    ("圖像加註文字，瑞士的冰川。 圖像來源，Reuters", "瑞士的冰川。", "Reuters"),
    ("图像来源，EPA", "", "EPA"),
    ("他说图像来源不清楚。", "他说图像来源不清楚。", ""),  # no label: a sentence
])
def test_bbcs_caption_labels_in_a_figure_of_markdown(tmp_path: Path, caption: str, shown: str, credit: str) -> None:
    (tmp_path / "a.png").write_bytes(_png())
    (path := tmp_path / "a.md").write_text(f"# 冰川\n\n![{caption}](a.png)\n\n正文第一段。\n", encoding="utf-8")
    figure = next(b for b in convert.read(str(path)).body if isinstance(b, convert.model.Figure))
    assert (convert.model.plain_text(figure.caption), figure.credit) == (shown, credit)


@pytest.mark.parametrize(("inside", "caption"), [
    ('<img src="a.png" alt="港口"><p>港口夜景。（新华社记者 王某 摄）</p>', "港口夜景。"),  # no figcaption
    ('<div><img src="a.png" alt="港口"><p>新华社记者 王某 摄</p></div><figcaption>港口夜景。</figcaption>', "港口夜景。"),
])
def test_text_beside_a_figures_picture_is_its_caption_or_credit(tmp_path: Path, inside: str, caption: str) -> None:
    (tmp_path / "a.png").write_bytes(_png())
    html = f"<html><body><h1>港口</h1><figure>{inside}</figure><p>正文第一段，港口运转正常。</p></body></html>"
    (path := tmp_path / "a.html").write_text(html, encoding="utf-8")
    doc = convert.read(str(path))
    figure = next(b for b in doc.body if isinstance(b, convert.model.Figure))
    assert (convert.model.plain_text(figure.caption), figure.credit) == (caption, "新华社记者 王某")
    assert "王某" not in convert.model.visible_text(convert.model.Document(blocks=tuple(
        b for b in doc.body if not isinstance(b, convert.model.Figure))))


# ---------------------------------------------------------------- a portal page's header and calls


BAIJIAHAO = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>90后小伙返乡种草莓，年销售额突破200万</title></head>
<body><div id="header"><a href="https://www.baidu.com/">百度首页</a><a href="/login">登录</a></div>
<div class="article" id="article"><div class="article-title"><h2>90后小伙返乡种草莓，年销售额突破200万</h2></div>
<div class="article-source"><p class="author-name">乡村振兴观察</p><span class="date">发布时间: 11-26</span></div>
<div class="article-content">
<p><span class="bjh-p">冬日的皖南，大棚里的草莓已经挂满枝头，前来采摘的游客络绎不绝。</span></p>
<p><span class="bjh-p">今年29岁的程浩，2019年从上海辞职回到安徽黄山老家，流转了30亩土地种草莓。</span></p>
<p><span class="bjh-p">五年过去，他的草莓园已发展到120亩，年销售额突破200万元，还带动周边20多户村民就业。</span></p>
<p><span class="bjh-p">你觉得年轻人返乡创业靠谱吗？欢迎在评论区留言讨论！</span></p></div>
<div class="article-end"><p>举报/反馈</p></div></div>
<div class="recommend"><h3>相关推荐</h3><a href="/x">返乡青年的新农人之路</a></div></body></html>"""


def test_a_page_whose_header_is_a_div_named_header_is_reduced_to_its_article(tmp_path: Path) -> None:
    """Baidu's Baijiahao page has no `<nav>` nor `<header>`: its `<div id="header">` of links is the
    site's, and the page was read whole (`百度首页登录`, `举报/反馈`, its recommendations)."""
    (page := tmp_path / "bjh.html").write_text(BAIJIAHAO, encoding="utf-8")
    text = convert.model.visible_text(convert.read(str(page)))
    assert "草莓园已发展到120亩" in text
    assert not any(junk in text for junk in ("百度首页", "举报", "相关推荐", "新农人之路", "评论区"))


@pytest.mark.parametrize(("line", "promotion"), [
    ("你觉得年轻人返乡创业靠谱吗？欢迎在评论区留言讨论！", True),
    ("对此你怎么看？欢迎留言", True),
    ("不用抽 不用搶 現在用APP看新聞 保證天天中獎　點我下載APP　按我看活動辦法", True),
    ("☆自由時報電子報APP☆ 歡迎下載", True),
    ("市府歡迎下載「台北通」APP申辦，並表示將持續優化功能。", False),
    ("他问大家：你们来过吗？欢迎欢迎，这里是我们的新家。", False),
])
def test_calls_for_comments_and_app_downloads(line: str, promotion: bool) -> None:
    from convert.readers.promotion import is_promotion

    assert is_promotion(line) == promotion


def _png() -> bytes:
    from PIL import Image
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------- pasted Chinese text's indents and footers


def _read_md(tmp_path: Path, text: str) -> convert.model.Document:
    (path := tmp_path / "a.md").write_text(text, encoding="utf-8")
    return convert.read(str(path))


def test_chinese_paragraphs_indented_by_four_spaces_are_no_code(tmp_path: Path) -> None:
    """A first-line indent typed with spaces made the whole article an indented code block."""
    doc = _read_md(tmp_path, "# 标题\n\n    北京时间11月28日，国家统计局发布数据，**前三季度**GDP同比增长4.8%。\n\n"
                             "\t“分季度看，一季度增长5.3%。”\n\n普通段落。\n\n    def f(x):\n        return x\n\n"
                             "    # 注释：这是代码\n    x = 1\n\n```\n    北京时间，围栏里的原样文字。\n```\n")
    kinds = [(type(b).__name__, convert.model.plain_text(convert.model.block_inlines(b))[:6]
              if isinstance(b, convert.model.Paragraph) else getattr(b, "text", "")[:10]) for b in doc.body]
    assert kinds == [("Paragraph", "北京时间11"), ("Paragraph", "“分季度看，"), ("Paragraph", "普通段落。"),
                     ("CodeBlock", "def f(x):\n"), ("CodeBlock", "    北京时间，围")]
    assert "# 注释：这是代码\nx = 1" in doc.body[3].text  # one code block with the function above it
    assert any(isinstance(i, convert.model.Strong) for i in doc.body[0].content)  # read as Markdown


@pytest.mark.parametrize("rule", ["————————————————", "─────────", "= = = = =", "～～～～"])
def test_a_typed_divider_line_is_a_rule(tmp_path: Path, rule: str) -> None:
    doc = _read_md(tmp_path, f"# 标题\n\n第一段正文。\n\n{rule}\n\n第二段正文。\n")
    assert [type(b).__name__ for b in doc.body] == ["Paragraph", "HorizontalRule", "Paragraph"]


def test_a_chinese_dash_is_no_rule(tmp_path: Path) -> None:
    doc = _read_md(tmp_path, "# 标题\n\n第一段正文。\n\n——\n\n第二段正文。\n")
    assert [type(b).__name__ for b in doc.body] == ["Paragraph", "Paragraph", "Paragraph"]


def test_a_blogs_licence_and_source_link_under_the_text(tmp_path: Path) -> None:
    doc = _read_md(tmp_path, "# Python 3.13 正式发布\n\nPython 3.13 于 10 月 7 日正式发布。\n\n————————————————\n\n"
                             "                            版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，"
                             "转载请附上原文出处链接和本声明。\n\n原文链接：https://blog.csdn.net/example/article/details/1\n")
    assert doc.meta.source_url == "https://blog.csdn.net/example/article/details/1"
    assert [type(b).__name__ for b in doc.body] == ["Paragraph", "HorizontalRule", "Notice"]
    assert "原文链接" not in convert.model.visible_text(doc)


@pytest.mark.parametrize(("footer", "site", "rights"), [
    ("作者：林间观鸟人\n链接：https://www.zhihu.com/question/1/answer/2\n来源：知乎\n"
     "著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。", "知乎", "著作权归作者所有。"),
    ("作者：林间观鸟人\n链接：https://www.jianshu.com/p/abc\n来源：简书\n"
     "简书著作权归作者所有，任何形式的转载都请联系作者获得授权并注明出处。", "简书", "简书著作权归作者所有，"),
])
def test_the_footer_zhihu_and_jianshu_append_to_copied_text(tmp_path: Path, footer: str, site: str, rights: str) -> None:
    doc = _read_md(tmp_path, f"# 为什么城市里的鸟越来越多了？\n\n北京的鸟类记录已经增加到515种。\n\n{footer}\n")
    assert (doc.meta.authors, doc.meta.source_site) == (("林间观鸟人",), site)
    assert doc.meta.source_url.startswith("https://www.")
    notice = doc.body[-1]
    assert isinstance(notice, convert.model.Notice) and convert.model.plain_text(notice.content).startswith(rights)
    assert "链接" not in convert.model.visible_text(doc)


# ---------------------------------------------------------------- a note in a vertical e-book

VERTICAL_NOTE = """# 夜雨寄北

君問歸期未有期[^1]，巴山夜雨漲秋池。何當共剪西窗燭，卻話巴山夜雨時。這首詩寫於唐宣宗大中五年。

[^1]: 一說此詩為寄妻之作，亦有人認為是寄友人。
"""

_STYLES_SCRIPT = """
const pick = (selector) => { const e = document.querySelector(selector); const s = getComputedStyle(e);
  return [s.textOrientation, s.textUnderlinePosition, s.textCombineUpright]; };
const out = document.createElement('pre'); out.id = 'convert-measure';
out.textContent = JSON.stringify({back: pick('.footnote-back'), ref: pick('.noteref'), refnum: pick('.noteref .tcy')});
document.body.appendChild(out);
"""


def test_a_notes_way_back_stands_upright_in_a_vertical_ebook(tmp_path: Path, chromium: str) -> None:
    """The note's backlink (↩) lay on its side in the column, and the links' underlines ran on the left of
    it, where no side line goes in Chinese or Japanese vertical text; the note's number is one upright cell."""
    import zipfile

    from convert.checks.typography import _measure

    (source := tmp_path / "poem.md").write_text(VERTICAL_NOTE, encoding="utf-8")
    epub = convert.convert(str(source), to="epub", output=str(tmp_path / "poem.epub"), edition="vertical", offline=True)
    with zipfile.ZipFile(epub) as book:
        book.extractall(tmp_path / "book")
    styles = _measure(next((tmp_path / "book").rglob("text.xhtml")), _STYLES_SCRIPT, (800, 600), chromium)
    assert styles["back"][:2] == ["upright", "right"]
    assert styles["ref"][1] == "right" and styles["refnum"][2] == "all"


# ---------------------------------------------------------------- a task list's boxes

TASKS = "# 项目周报\n\n## 本周完成\n\n- [x] 完成数据清洗脚本\n- [x] 上线新版推荐算法\n- [ ] 撰写技术文档\n\n## 下周\n\n- 发布\n- [x] 一项\n"


def test_a_task_lists_boxes_stand_where_its_bullets_would(tmp_path: Path) -> None:
    """Bullets and boxes both were shown (`· ☒ 完成…`)."""
    from docx import Document as Word

    (source := tmp_path / "tasks.md").write_text(TASKS, encoding="utf-8")
    html = Path(convert.convert(str(source), to="html", output=str(tmp_path / "t.html"), offline=True)).read_text("utf-8")
    assert html.count('<ul class="task-list">') == 1  # the second list has a bulleted item
    word = Word(convert.convert(str(source), to="docx", output=str(tmp_path / "t.docx"), offline=True))
    items = [p for p in word.paragraphs if p.text[:1] in "☒☐"]
    assert len(items) == 4 and all(p._p.pPr.numPr is None for p in items[:3])
    assert all(p._p.pPr.numPr is not None for p in word.paragraphs if p.text in ("发布", "☒ 一项"))  # a list of both
    import pdfplumber

    pdf = Path(convert.convert(str(source), to="pdf", output=str(tmp_path / "t.pdf"), offline=True))
    with pdfplumber.open(pdf) as book:
        assert "".join(c["text"] for c in book.pages[0].chars).count("•") == 2  # the second list's two bullets


@pytest.mark.parametrize(("line", "heading"), [
    ("📌 **新规一：个税专项附加扣除标准提高**", "📌 新规一：个税专项附加扣除标准提高"),
    ("▶ **延迟退休正式实施**", "▶ 延迟退休正式实施"),
    ("👉 **点击这里查看全文，马上就能知道答案了。**", ""),  # a sentence: no title
    ("据介绍 **延迟退休**", ""),  # words before the bold: no ornament
])
def test_a_bold_line_after_an_ornament_is_a_section_title(tmp_path: Path, line: str, heading: str) -> None:
    doc = _read_md(tmp_path, f"# 新规\n\n第一段正文，说明背景。\n\n{line}\n\n第二段正文。\n")
    headings = [convert.model.plain_text(b.content) for b in doc.body if isinstance(b, convert.model.Heading)]
    assert headings == ([heading] if heading else [])


# ---------------------------------------------------------------- bold and italics set by style

GOOGLE_DOCS = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">
<style type="text/css">.c1{font-weight:700}.c2{font-style:italic}.c0{padding-top:0pt;line-height:1.15}
p .c4{color:#333}div.c6{font-weight:700}</style></head>
<body class="c7 doc-content"><h1 class="c0">城市更新进入“微改造”时代</h1>
<p class="c0"><span class="c1">老旧小区改造提速</span></p>
<p class="c0"><span>今年以来，全市共启动项目</span><span class="c1">312个</span><span>，惠及居民</span>
<span style="font-weight: bold">12.6万户</span><span class="c6">，</span><span class="c4">总投资约</span>
<span style="font-weight:400">48亿元</span>。</p>
<p class="c0"><span class="c2">本文数据截至11月20日。</span></p></body></html>"""


def test_bold_and_italics_set_by_style_or_by_a_class_stay(tmp_path: Path) -> None:
    """Google Docs' export makes its bold and italics by classes of its own style sheet; pages set them
    by a span's style: the cleaner kept no style, and a bold section title came out as a plain line."""
    M = convert.model
    (page := tmp_path / "doc.html").write_text(GOOGLE_DOCS, encoding="utf-8")
    body = convert.read(str(page)).body
    assert isinstance(body[0], M.Heading) and M.plain_text(body[0].content) == "老旧小区改造提速"
    bold = [M.plain_text(i.content) for i in body[1].content if isinstance(i, M.Strong)]
    assert bold == ["312个", "12.6万户"]  # not `div.c6`'s (a div's rule), not the weight of 400
    assert isinstance(body[2].content[0], M.Emphasis)


# ---------------------------------------------------------------- a notice's attachments

NOTICE = """# 关于进一步加强城市排水防涝工作的通知

各区人民政府，市政府各委、办、局：

为切实做好今年汛期城市排水防涝工作，现就有关事项通知如下。

各区政府是本辖区排水防涝工作的责任主体，对工作不力、造成严重后果的，依法依规追究责任。

附件：1. 中心城区易涝点改造任务清单
      2. 排水防涝工作责任人名单
      3. 应急物资储备表

市人民政府办公厅

2024年5月20日
"""


def test_a_notices_attachments_line_up_under_the_first_number(tmp_path: Path) -> None:
    """GB/T 9704 sets a notice's second attachment's number under the first's (`附件：1.…` / `　　　2.…`):
    typed with ASCII spaces, each was a paragraph of its own, indented as text."""
    import pdfplumber

    M = convert.model
    (source := tmp_path / "notice.md").write_text(NOTICE, encoding="utf-8")
    doc = convert.read(str(source))
    attachments = next(b for b in doc.body if isinstance(b, M.Paragraph) and M.plain_text(b.content).startswith("附件"))
    assert attachments.role == "aligned" and len(M.split_lines(attachments.content)) == 3
    assert [b.role for b in doc.body[-2:]] == ["signoff", "signoff"]
    pdf = convert.convert(str(source), to="pdf", output=str(tmp_path / "n.pdf"), offline=True)
    with pdfplumber.open(pdf) as book:
        chars = book.pages[0].chars
    starts = [next(c["x0"] for c in chars if c["text"] == digit and abs(c["top"] - line["top"]) < 1)
              for digit, line in (("1", next(c for c in chars if c["text"] == "附")),
                                  *((d, next(c for c in chars if c["text"] == d and c["x0"] < 200)) for d in "23"))]
    assert max(starts) - min(starts) < 1, starts


# ---------------------------------------------------------------- `-o report.pdf`


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "convert", "--offline", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_o_naming_an_editions_file_writes_that_file(tmp_path: Path) -> None:
    """`convert a.md -o report.pdf`, as pandoc is used, made a folder named `report.pdf` holding `a.html`."""
    from pypdf import PdfReader

    (tmp_path / "a.md").write_text("# 港口复航\n\n港口今日恢复通航，首批货轮已经靠泊。\n", encoding="utf-8")
    done = _cli("a.md", "-o", "out/report.pdf", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "report.pdf").is_file() and sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.pdf"]
    assert "港口今日恢复通航" in PdfReader(tmp_path / "out" / "report.pdf").pages[0].extract_text()
    assert '"report.pdf"' in done.stdout or "out/report.pdf" in done.stdout
    assert _cli("a.md", "-o", "b.epub", "--to", "epub", cwd=tmp_path).returncode == 0 and (tmp_path / "b.epub").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (("a.md", "-o", "r.docx", "--to", "pdf"), "-o r.docx names one docx edition, and --to asks for pdf"),
    (("a.md", "b.md", "-o", "r.docx"), "-o r.docx names one edition, and the input holds 2 articles"),
])
def test_o_naming_a_file_that_cannot_hold_the_editions_is_a_usage_error(tmp_path: Path, args: tuple[str, ...],
                                                                         message: str) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# 标题\n\n正文。\n", encoding="utf-8")
    done = _cli(*args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]  # nothing written, no folder left


def test_o_naming_a_file_for_a_bad_article_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"\xff\xfe not a word file")
    done = _cli("bad.docx", "-o", "r.pdf", cwd=tmp_path)
    assert done.returncode == 1 and "bad.docx: not a valid .docx file" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx"]


def test_paragraphs_written_as_double_breaks_with_typed_indents(tmp_path: Path) -> None:
    """An old page's paragraphs in one `<p>`, set apart by `<br><br>`, each indented by ideographic spaces:
    the second and third were set unindented (`aligned`, as if the spaces lined them up under a line),
    opening with the spaces and an empty line."""
    M = convert.model
    (page := tmp_path / "a.html").write_text(
        "<h1>冬季供暖今日启动</h1>\n<p>　　今天起，全市正式进入供暖季。<br><br>　　据介绍，今年供暖季将持续到明年3月15日<br><br>"
        "　　市民如遇暖气不热，可拨打12345热线反映。</p>\n", encoding="utf-8")
    body = convert.read(str(page)).body
    assert [(b.role, M.plain_text(b.content)) for b in body] == [
        ("", "今天起，全市正式进入供暖季。"), ("", "据介绍，今年供暖季将持续到明年3月15日"), ("", "市民如遇暖气不热，可拨打12345热线反映。")]


# ---------------------------------------------------------------- a portal's page names the article's source

SINA = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>新能源汽车下乡活动启动 首批车型公布_新浪财经_新浪网</title>
{mediaid}</head><body>
<div class="top-nav"><a href="/">新浪首页</a><a href="/n">新闻</a><a href="/s">体育</a><a href="/f">财经</a></div>
<div class="main-content"><h1 class="main-title">新能源汽车下乡活动启动 首批车型公布</h1>
<div class="date-source"><span class="date">2024年06月01日 09:15</span>{shown}</div>
<div class="article" id="artibody">
<p>　　5月31日，工业和信息化部等五部门联合发布通知，启动2024年新能源汽车下乡活动，共有99款车型入选。</p>
<p>　　据了解，本次活动将持续至2024年12月，在山西、吉林、江苏等地举办若干场专场活动。</p>
<p>　　业内人士认为，新能源汽车下乡将进一步释放农村消费潜力，带动相关产业发展。</p>
<div class="appendQr_wrap"><p>海量资讯、精准解读，尽在新浪财经APP</p></div>
<p>来源：证券日报</p>
<p class="show_author">责任编辑：王翔 </p></div></div>
<div id="footer">新浪简介｜About Sina｜广告服务 Copyright © 1996-2024 SINA Corporation</div></body></html>"""


@pytest.mark.parametrize(("mediaid", "shown"), [
    ("", '<a href="/m" class="source ent-source">证券日报</a>'),  # Sina shows it beside the date
    ('<meta name="mediaid" content="证券日报">', ""),  # Sina and Sohu name it in a meta tag
])
def test_a_portals_page_names_the_outlet_the_article_came_from(tmp_path: Path, mediaid: str, shown: str) -> None:
    """A portal's page hosts another outlet's article: its source was the portal (`新浪网`, from the title),
    and the article's own closing `来源：证券日报` stayed in the text as a line, naming another source."""
    (page := tmp_path / "sina.html").write_text(SINA.format(mediaid=mediaid, shown=shown), encoding="utf-8")
    doc = convert.read(str(page))
    assert (doc.meta.source_site, doc.meta.editor) == ("证券日报", "王翔")
    text = convert.model.visible_text(doc)
    assert "来源" not in text and "APP" not in text and "释放农村消费潜力" in text


def test_a_pictures_source_is_no_articles_source(tmp_path: Path) -> None:
    page = SINA.format(mediaid="", shown="").replace(
        '<p>　　据了解', '<figure><img src="a.jpg" width="600" height="400"><figcaption><span class="source">视觉中国</span>'
        '</figcaption></figure><p>　　据了解')
    (path := tmp_path / "sina.html").write_text(page, encoding="utf-8")
    assert convert.read(str(path)).meta.source_site != "视觉中国"


@pytest.mark.parametrize(("lead", "expected"), [
    ("中新网11月28日电 据日本共同社报道，日本政府28日宣布…", {"source_site": "中新网"}),  # an outlet, no place
    ("中国日报网11月28日电 综合外媒报道，…", {"source_site": "中国日报网"}),
    ("烟台11月28日电（记者王浩宇）烟台港今年…", {"place": "烟台", "authors": ("王浩宇",), "reported": True}),
    ("新京报讯（记者 王浩宇 实习生 李明）11月28日，…", {"source_site": "新京报", "authors": ("王浩宇", "李明"),
                                              "reported": True}),
    ("央视网消息：11月28日，国家统计局发布…", {"source_site": "央视网"}),
    ("据新华社电 国家统计局28日发布数据…", {"source_site": "新华社"}),
    ("据介绍，人民网消息称…", {}),
])
def test_datelines_of_outlets_that_name_no_place(lead: str, expected: dict[str, object]) -> None:
    assert lead_dateline(lead) == expected


def test_a_reporters_line_naming_the_paper_before_each_role() -> None:
    from convert.enrich.bylines import byline_fields

    assert byline_fields("光明日报记者 王浩宇 光明日报通讯员 李明", chinese=True) == {
        "authors": ("王浩宇", "李明"), "reported": True}  # `光明日报` was an author


@pytest.mark.parametrize(("line", "expected"), [
    ("撰稿：王浩宇 | 摄影：李明 | 编辑：张三", {"authors": ("王浩宇", "李明"), "editor": "张三"}),
    ("文/图 王浩宇", {"authors": ("王浩宇",)}),  # was `图 王浩宇`
    ("图/文 王浩宇", {"authors": ("王浩宇",)}),
    ("文／图：王浩宇 李明", {"authors": ("王浩宇", "李明")}),
    ("图文：王浩宇", {"authors": ("王浩宇",)}),
    ("策划：李明 统筹：张三 文字：王浩宇", {"counter": "策划：李明", "authors": ("王浩宇",)}),
    ("视频：王浩宇", {"counter": "视频：王浩宇"}),  # a credit of the desk's, no writer of the text
    ("图文 并茂的报道很多", {}),
    ("文 艺演出将于今晚举行", {}),
])
def test_more_labelled_credits_of_a_byline(line: str, expected: dict[str, object]) -> None:
    from convert.enrich.bylines import byline_fields

    assert byline_fields(line, chinese=True) == expected


@pytest.mark.parametrize(("line", "notice"), [
    ("图片来源网络，侵删", True),
    ("部分图片来源于网络，如有侵权请联系删除。", True),
    ("法院认为，如有侵权行为，应当依法承担责任。", False),  # a sentence of the report
])
def test_a_posts_note_on_borrowed_pictures_is_a_notice(tmp_path: Path, line: str, notice: bool) -> None:
    doc = _read_md(tmp_path, f"# 标题\n\n第一段正文，说明背景。\n\n第二段正文。\n\n{line}\n")
    assert isinstance(doc.body[-1], convert.model.Notice) == notice


@pytest.mark.parametrize(("line", "caption"), [
    ("图1 某老旧小区改造后外景", "某老旧小区改造后外景"),
    ("圖 2-1　各區項目分布", "各區項目分布"),
    ("图1显示，今年增长明显。", ""),  # a sentence: the picture keeps no caption, the line stays
])
def test_a_reports_numbered_caption_under_its_picture(tmp_path: Path, line: str, caption: str) -> None:
    """A report's picture is captioned `图1 …` under it, numbered; each edition numbers its figures itself,
    and the line stayed text under a figure with no caption (`图 1` over `图1 某…`)."""
    (tmp_path / "a.png").write_bytes(_png())
    doc = _read_md(tmp_path, f"# 调研报告\n\n今年以来，全市共启动项目86个。\n\n![](a.png)\n\n{line}\n\n资金缺口较大。\n")
    figure = next(b for b in doc.body if isinstance(b, convert.model.Figure))
    assert convert.model.plain_text(figure.caption) == caption
    assert (line in convert.model.visible_text(doc)) == (not caption)


def test_a_text_file_of_lines_indented_by_four_spaces(tmp_path: Path) -> None:
    """Each line a paragraph, indented with ASCII spaces, no blank line: the indents made the lines
    Markdown's continuation lines, and the whole file one paragraph, its title run into the text."""
    (path := tmp_path / "a.txt").write_text("标题在这里\n    北京时间11月28日，国家统计局发布数据。\n"
                                            "    分季度看，一季度增长5.3%。\n    第三段内容在这里。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.title == "标题在这里"
    assert [convert.model.plain_text(b.content) for b in doc.body] == [
        "北京时间11月28日，国家统计局发布数据。", "分季度看，一季度增长5.3%。", "第三段内容在这里。"]


# ---------------------------------------------------------------- a Hong Kong portal's page

HK01 = """<!DOCTYPE html><html lang="zh-HK"><head><meta charset="utf-8">
<title>天文台：今明兩日最低氣溫跌至12度　市區有霜凍警告 | 香港01 | 社會新聞</title>
<meta property="og:site_name" content="香港01"><meta property="og:title" content="天文台：今明兩日最低氣溫跌至12度　市區有霜凍警告">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"天文台：今明兩日最低氣溫跌至12度　市區有霜凍警告","datePublished":"2024-11-28T07:30:00+08:00",
"author":[{"@type":"Person","name":"陳嘉欣"}],"publisher":{"@type":"Organization","name":"香港01"}}</script></head><body>
<header><nav><a href="/">首頁</a><a href="/zone/1">港聞</a><a href="/zone/2">娛樂</a></nav></header>
<main><article><h1>天文台：今明兩日最低氣溫跌至12度　市區有霜凍警告</h1>
<p>天文台表示，一股強烈東北季候風正影響廣東沿岸，預料今明兩日市區最低氣溫約12度，新界再低兩三度。</p>
<p>天文台高級科學主任李鴻泰表示：「市民外出時應穿著足夠禦寒衣物，長者及長期病患者要特別留意。」</p>
<p>【延伸閱讀】<a href="/x">寒冷天氣警告生效　各區開放臨時避寒中心（附地址）</a></p>
<p>另外，天文台已發出霜凍警告，提醒農友採取預防措施。</p>
<p>上一篇：<a href="/y">港鐵東涌綫延線工程進展</a></p>
</article></main><footer><a href="/about">關於我們</a><a href="/privacy">私隱政策</a></footer></body></html>"""


def test_a_hong_kong_portals_page(tmp_path: Path) -> None:
    """The headline's two clauses keep the full-width space between them (it was made an ASCII space);
    the bracketed `【延伸閱讀】` link and the `上一篇：` link are the page's, not the article's."""
    (page := tmp_path / "hk01.html").write_text(HK01, encoding="utf-8")
    doc = convert.read(str(page))
    assert doc.meta.title == "天文台：今明兩日最低氣溫跌至12度\u3000市區有霜凍警告"
    text = convert.model.visible_text(doc)
    assert "霜凍警告，提醒農友" in text and "延伸閱讀" not in text and "上一篇" not in text


def test_a_video_is_shown_by_its_poster_and_its_fallback_text_goes(tmp_path: Path) -> None:
    """`<video>` vanished without a word, and the text a browser shows in its place
    (`您的浏览器不支持视频播放`) was printed as the article's."""
    from convert.errors import collect_warnings

    (tmp_path / "poster.jpg").write_bytes(_png())
    (page := tmp_path / "a.html").write_text(
        '<h1>台风登陆现场</h1><p>台风今天下午在广东湛江登陆，最大风力14级。</p><video src="a.mp4" poster="poster.jpg" '
        'controls><source src="a.mp4">您的浏览器不支持视频播放</video><p>视频：记者在湛江拍摄的画面。</p>'
        '<audio src="b.mp3">不支持音频</audio><p>当地已转移群众5万人。</p>', encoding="utf-8")
    with collect_warnings() as warnings:
        doc = convert.read(str(page))
    assert [type(b).__name__ for b in doc.body] == ["Paragraph", "Figure", "Paragraph"]
    assert doc.body[1].src == "poster.jpg" and "支持" not in convert.model.visible_text(doc)
    assert convert.model.plain_text(doc.body[1].caption) == "记者在湛江拍摄的画面。"  # its `视频：` line
    assert sorted(w.split(": ", 1)[1] for w in warnings) == ["dropped <audio> from raw HTML", "dropped <video> from raw HTML"]


@pytest.mark.parametrize("tail", ["O网页链接 L北京日报的微博视频 \u200b\u200b\u200b收起全文d", " 展开全文c", "O网页链接"])
def test_a_pasted_weibo_posts_cards_and_fold_switch_go(tmp_path: Path, tail: str) -> None:
    doc = _read_md(tmp_path, "【#北京今冬首场降雪#】今天凌晨，北京迎来今冬首场降雪，延庆等地积雪明显。"
                             f"#北京下雪了# 市民出行请注意安全。{tail}\n")
    assert doc.meta.title == "北京今冬首场降雪"
    assert convert.model.plain_text(doc.body[0].content).endswith("市民出行请注意安全。")


@pytest.mark.parametrize(("lead", "expected"), [
    ("【記者王大明/台北報導】台北市政府今天宣布…", {"authors": ("王大明",), "reported": True, "place": "台北"}),
    ("〔記者王大明／新北報導〕新北市政府今天宣布…", {"authors": ("王大明",), "reported": True, "place": "新北"}),
    ("【记者连线】今天我们来到现场…", {}),  # a section's label, no reporter
])
def test_a_taiwan_papers_reporter_line_in_a_portals_brackets(lead: str, expected: dict[str, object]) -> None:
    assert lead_dateline(lead) == expected


def test_a_headlines_full_width_space_still_finds_the_site_in_the_title(tmp_path: Path) -> None:
    """The headline kept its full-width space while the `<title>` it opens lost it: the site after the
    headline there (`… | 香港01`) was no longer found."""
    page = HK01.replace('<meta property="og:site_name" content="香港01">', "").replace(
        '"publisher":{"@type":"Organization","name":"香港01"}', '"inLanguage":"zh-HK"').replace(" | 社會新聞", "")
    (path := tmp_path / "hk01.html").write_text(page, encoding="utf-8")
    assert convert.read(str(path)).meta.source_site == "香港01"
