"""A sixth round of inputs nothing before had (`tests/data/unseen6/`), and what probe 5 left: a
`一、二、三、` list, a chart's credit (`制图：`), a tracking pixel among the photos, an article that is one
line or a table only.

What they showed was wrong is tested at the step that now reads it right."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

from PIL import Image as PILImage

import convert
from convert import model as m
from convert.errors import collect_warnings

from conftest import ROOT, every_edition, invalid_editions

UNSEEN = ROOT / "tests" / "data" / "unseen6"


def _picture(path: Path, size: tuple[int, int], colour: str = "steelblue") -> None:
    PILImage.new("RGB", size, colour).save(path)


def _pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


# ---------------------------------------------------------------- pictures that show nothing


def _tracked(tmp_path: Path) -> Path:
    _picture(tmp_path / "photo.jpg", (400, 300))
    _picture(tmp_path / "pixel.png", (1, 1), "white")
    _picture(tmp_path / "spacer.gif", (600, 1), "white")
    article = tmp_path / "tracked.md"
    article.write_text("# 新区公园开放\n\n![游客在湖边散步](photo.jpg)\n\n![](pixel.png)\n\n![跟踪](spacer.gif)\n\n"
                       "公园面积约120公顷。![](pixel.png)\n\n![夜景灯光](photo.jpg)\n", encoding="utf-8")
    return article


def test_a_tracking_pixel_is_no_figure(tmp_path: Path) -> None:
    """A web page's 1×1 tracking pixel and a 600×1 spacer were numbered figures over nothing (`图 2`,
    `图 3`), and the photo after them `图 4`."""
    article = _tracked(tmp_path)
    with collect_warnings() as warnings:
        pdf = convert.convert(article, to="pdf", offline=True)
    assert re.findall(r"^图\s*(\d)", _pdf_text(pdf), re.M) == ["1", "2"]
    assert sum("tracking pixel" in w for w in warnings) == 2  # said once per picture
    with zipfile.ZipFile(io.BytesIO(convert.convert(article, to="docx", offline=True))) as word:  # type: ignore[arg-type]
        body = word.read("word/document.xml").decode()
    assert body.count("<pic:pic") == 2
    assert re.findall(r"SEQ 图[^<]*</w:instrText>.*?<w:t[^>]*>(\d+)</w:t>", body, re.S) == ["1", "2"]
    with zipfile.ZipFile(io.BytesIO(convert.convert(article, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert re.findall(r'<figure id="(fig-\d)"', text) == ["fig-1", "fig-2"] and text.count("<img") == 2


# ---------------------------------------------------------------- a chart's credit


def test_a_charts_maker_is_its_credit(tmp_path: Path) -> None:
    """`（制图：张三）` stayed in the caption, and `制图/王五` lost `制` to a credit `图/王五` (`王五`, shown
    as `摄影：王五`): a chart is drawn, not photographed; its credit keeps its own role."""
    _picture(tmp_path / "chart.png", (600, 400))
    article = tmp_path / "charts.md"
    article.write_text("# 今冬供暖面积再扩大\n\n全市供暖面积达到3.2亿平方米。\n\n![供暖示意图（制图：张三）](chart.png)\n\n"
                       "![全市管网分布 制图/王五](chart.png)\n\n![各区供暖面积](chart.png)\n\n（新华社发 王琪 制图）\n\n"
                       "![面積](chart.png)\n\n製圖：陳大文\n\n![港口夜景（新华社记者 李明 摄）](chart.png)\n", encoding="utf-8")
    doc = convert.read(str(article))
    assert [(m.plain_text(f.caption), f.credit) for f in doc.figures] == [
        ("供暖示意图", "制图：张三"), ("全市管网分布", "制图：王五"), ("各区供暖面积", "制图：新华社发 王琪"),
        ("面積", "製圖：陳大文"), ("港口夜景", "新华社记者 李明")]
    text = _pdf_text(convert.convert(article, to="pdf", offline=True))  # type: ignore[arg-type]
    assert "制图：张三" in text and "摄影：新华社记者 李明" in text and "摄影：制图" not in text
    assert "制图：新华社发 王琪" in text and "摄影：张三" not in text


# ---------------------------------------------------------------- an article with no headline


def test_a_chinese_article_without_a_headline_is_titled_by_its_first_sentence(tmp_path: Path) -> None:
    """A one-line notice or a table alone was titled after its file name: `News 0412`, `Table`, an
    English name on a Chinese article's cover, contents and running header."""
    cases = {
        "news-0412.md": ("今天上午，市气象台发布暴雨橙色预警信号，预计未来三小时全市大部分地区将出现50毫米以上降水，"
                         "请市民注意防范。\n", "今天上午，市气象台发布暴雨橙色预警信号"),
        "tz.md": ("明日停水。\n", "明日停水"),
        "table.md": ("| 城市 | GDP（亿元） | 增速 |\n|---|---|---|\n| 北京 | 43760 | 5.2% |\n", "城市、GDP（亿元）、增速"),
        "市政府通知.md": ("明日停水。\n", "市政府通知"),  # a Chinese file name is the writer's own title
    }
    for name, (text, title) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        doc = convert.read(str(tmp_path / name))
        assert doc.meta.title == title, name
        assert len(doc.body) == 1, name  # the sentence, or the table, stays in the body
    english = tmp_path / "storm.md"
    english.write_text("Schools were closed on Friday as a storm brought heavy snow.\n", encoding="utf-8")
    assert convert.read(str(english)).meta.title == "Storm"


# ---------------------------------------------------------------- lists numbered 一、二、三、


def test_a_word_list_numbered_in_chinese_keeps_its_numbers() -> None:
    """WPS's `chineseCounting` list (`一、增开…`) came out `1. 2. 3.` in every edition: pandoc knows no
    Chinese numbers. Its numbers are written into the items, as Word shows them."""
    wps = ROOT / "tests" / "data" / "unseen5" / "wps-newsroom.docx"
    doc = convert.read(str(wps))
    texts = [m.plain_text(b.content) for b in doc.body if isinstance(b, m.Paragraph)]
    assert texts[2:5] == ["一、增开早高峰加班列车", "二、缩短行车间隔至2分钟", "三、试点错峰出行优惠"]
    assert not any(isinstance(b, m.ListBlock) for b in doc.body)
    assert "一、增开早高峰加班列车" in _pdf_text(convert.convert(wps, to="pdf", offline=True))  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(convert.convert(wps, to="docx", offline=True))) as word:  # type: ignore[arg-type]
        body = word.read("word/document.xml").decode()
    assert "一、增开早高峰加班列车" in body and "<w:numPr>" not in body


def test_chinese_list_numbers_count_as_word_counts() -> None:
    from convert.readers.docx_numbers import counting, written_numbers

    assert [counting(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = (f'<w:numbering {w}><w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
                 '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/>'
                 '</w:lvlOverride></w:num></w:numbering>').encode()

    def p(num: int, level: int, text: str) -> str:
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
                f'<w:r><w:t>{text}</w:t></w:r></w:p>')

    document = (f'<w:document {w}><w:body>' + p(1, 0, "甲") + p(1, 1, "乙") + p(1, 1, "丙") + p(1, 2, "丁")
                + p(1, 0, "戊") + p(1, 1, "己") + p(2, 0, "庚") + '</w:body></w:document>').encode()
    from lxml import etree

    root = etree.fromstring(written_numbers(document, numbering))
    lines = ["".join(p.itertext()) for p in root.iter("{*}p")]
    assert lines == ["一、甲", "（一）乙", "（二）丙", "丁", "二、戊", "（一）己", "九、庚"]
    assert len(root.findall(".//{*}numPr")) == 1  # the decimal item stays a list's


def test_a_list_whose_items_carry_their_own_numbers(tmp_path: Path) -> None:
    """`- 一、提高认识` was drawn `• 一、提高认识`, two numbers on a line; and three `一、` lines one under the
    other, a list's items, were made three section headings with nothing under them."""
    article = tmp_path / "own.md"
    article.write_text("# 市政府部署今冬供暖工作\n\n会议要求：\n\n- 一、提高认识\n- 二、压实责任\n- 三、强化督查\n\n"
                       "会议指出：\n\n1. （一）加强监测\n2. （二）及时回应\n\n工作安排：\n\n一、检修管网\n二、落实补贴\n\n"
                       "- 一位市民\n- 二号线乘客\n", encoding="utf-8")
    doc = convert.read(str(article))
    kinds = [(type(b).__name__, m.plain_text(m.block_inlines(b))) for b in doc.body]
    assert kinds[1:4] == [("Paragraph", "一、提高认识"), ("Paragraph", "二、压实责任"), ("Paragraph", "三、强化督查")]
    assert kinds[5:7] == [("Paragraph", "（一）加强监测"), ("Paragraph", "（二）及时回应")]
    assert kinds[8:10] == [("Paragraph", "一、检修管网"), ("Paragraph", "二、落实补贴")]  # lines, not heads
    assert isinstance(doc.body[10], m.ListBlock)  # `一位` is no number
    assert not any(isinstance(b, m.Heading) for b in doc.body)


# ---------------------------------------------------------------- a long picture that fits a page


def test_a_long_picture_legible_on_one_page_is_shown_whole(tmp_path: Path) -> None:
    """A 750×2400 infographic was cut into pieces at the full text width, over three pages, each cut
    through its lines; shown most of a page tall it is a third of the text width, legible, whole."""
    from convert.resources.images import pieces, prepare_image

    def image(size: tuple[int, int]):  # type: ignore[no-untyped-def]
        out = io.BytesIO()
        PILImage.new("RGB", size, "white").save(out, "PNG")
        return prepare_image(out.getvalue())

    a4, a4_tall = 110 / 170, 0.8 * (297 - 22 - 24) / 170  # the default theme's figure and page
    assert len(pieces(image((750, 2400)), a4, a4_tall)) == 1
    assert len(pieces(image((750, 2400)), a4)) > 1  # no page to fit: cut, as before
    assert len(pieces(image((750, 9000)), a4, a4_tall)) > 1 and len(pieces(image((300, 6000)), a4, a4_tall)) > 1

    _picture(tmp_path / "long.png", (750, 2400))
    article = tmp_path / "long.md"
    article.write_text("# 一图读懂政府工作报告\n\n今年的报告提出十项民生举措。\n\n![一图读懂十大民生举措](long.png)\n\n完。\n",
                       encoding="utf-8")
    import pikepdf

    with pikepdf.open(io.BytesIO(convert.convert(article, to="pdf", offline=True))) as pdf:  # type: ignore[arg-type]
        shown = [(float(operands[0]), float(operands[3])) for page in pdf.pages
                 for operands, operator in pikepdf.parse_content_stream(page, "cm")
                 if abs(float(operands[0])) > 50 and abs(float(operands[3])) > 50]
    shown = [(abs(w) * 0.75, abs(h) * 0.75) for w, h in shown]  # WeasyPrint draws in CSS px: 0.75 pt
    text_width, figure_height = 170 * 72 / 25.4, 110 * 72 / 25.4
    assert len(shown) == 1 and shown[0][1] > figure_height * 1.5 and shown[0][0] >= text_width / 3 - 1
    with zipfile.ZipFile(io.BytesIO(convert.convert(article, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        chapter = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert '<figure id="fig-1" class="tall-picture">' in chapter and chapter.count("<img") == 1
    assert "figure.tall-picture img" in book_css(convert.convert(article, to="epub", offline=True))  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(convert.convert(article, to="docx", offline=True))) as word:  # type: ignore[arg-type]
        body = word.read("word/document.xml").decode()
    heights = [int(cy) for cy in re.findall(r'<wp:extent cx="\d+" cy="(\d+)"', body)]
    assert len(heights) == 1 and heights[0] > 110 * 36000 * 1.5


def book_css(epub: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        return " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".css"))


# ---------------------------------------------------------------- the six new articles


def _read(name: str) -> m.Document:
    return convert.read(str(UNSEEN / name))


def _texts(doc: m.Document) -> list[tuple[str, str]]:
    return [(type(b).__name__, m.plain_text(m.block_inlines(b))) for b in doc.body]


def test_numbered_lines_typed_one_under_the_other_stay_lines(tmp_path: Path) -> None:
    """`１．消费持续回暖` and its `（１）…` `（２）…` typed on lines of their own were joined into one run-on
    paragraph (Markdown joins a paragraph's lines, and drops the break between two Chinese characters)."""
    texts = _texts(_read("fullwidth.md"))
    start = texts.index(("Paragraph", "1．消费持续回暖"))
    assert [text for _, text in texts[start:start + 7]] == [
        "1．消费持续回暖", "（1）社会消费品零售总额增长7.8%；", "（2）网上零售额增长12.1%。", "2．投资稳中有进",
        "（1）固定资产投资增长4.5%；", "（2）高技术产业投资增长18.9%。", "3．外贸结构优化"]
    article = tmp_path / "wrapped.md"  # a paragraph wrapped where a number goes on is one paragraph
    article.write_text("# 标题\n\n今年一季度，全市新能源汽车销量比去年\n1、2月份合计还多，其中一款车型获评\n一、二等奖，"
                       "详见\n第一条的规定。\n", encoding="utf-8")
    assert [kind for kind, _ in _texts(convert.read(str(article)))] == ["Paragraph"]


def test_a_line_break_after_a_sentence_starts_a_paragraph(tmp_path: Path) -> None:
    """`各位居民：<br>春节期间…供水。<br>如遇停水…。` was one paragraph whose later lines stood flush left
    under its indented first line; two `<br/>` at a paragraph's end were two empty lines. A sign-off's
    lines (`市自来水公司<br>2024年1月30日`) stay one block."""
    doc = _read("html-fragments.md")
    paragraphs = [b.content for b in doc.body if isinstance(b, m.Paragraph)]
    assert [m.plain_text(p) for p in paragraphs[1:6]] == [
        "各位居民：", "春节期间（2月9日至2月17日），我公司将正常供水。", "如遇停水，请拨打服务热线：96116。",
        "请各位居民提前储备少量饮用水，以备不时之需。", "抢修电话24小时有人值守。"]
    assert [type(node).__name__ for node in paragraphs[-1]] == ["Text", "LineBreak", "Text"]
    assert not any(isinstance(p[-1], m.LineBreak) for p in paragraphs)
    english = tmp_path / "notice.md"  # a Latin paragraph's breaks are the writer's layout (an address, a verse)
    english.write_text("# Notice\n\nDear residents:<br>Water is supplied as usual.<br>Call 96116.\n", encoding="utf-8")
    assert len(convert.read(str(english)).body) == 1


def test_a_tables_empty_row_labels_join_the_label_above() -> None:
    """`| 东城区 | 地区生产总值 |…` then `|  | 一般公共预算收入 |…`: the empty label cells were cells of their own,
    ruled off, so `东城区` seemed to name one row. They join its cell, as in the table copied from; the
    `合计` row's empty second cell is no label's."""
    table = next(b for b in _read("table-units.md").body if isinstance(b, m.Table))
    shape = [[(m.plain_text(m.block_inlines(c.content[0])) if c.content else "", c.rowspan) for c in row][:2]
             for row in table.body]
    assert [row[0] for row in shape] == [("东城区", 3), ("一般公共预算收入", 1), ("常住人口", 1), ("西城区", 3),
                                         ("一般公共预算收入", 1), ("常住人口", 1), ("合计", 1)]
    assert shape[-1] == [("合计", 1), ("", 1)] and len(table.body[-1]) == 4
    epub = convert.convert(UNSEEN / "table-units.md", to="epub", offline=True)
    with zipfile.ZipFile(io.BytesIO(epub)) as book:  # type: ignore[arg-type]
        chapter = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert chapter.count('rowspan="3"') == 2
    with zipfile.ZipFile(io.BytesIO(convert.convert(UNSEEN / "table-units.md", to="docx", offline=True))) as word:  # type: ignore[arg-type]
        body = word.read("word/document.xml").decode()
    assert body.count('<w:vMerge w:val="restart"/>') == 2 and body.count("<w:vMerge/>") == 4


def test_merging_row_labels_leaves_other_tables_alone(tmp_path: Path) -> None:
    article = tmp_path / "t.md"
    article.write_text("# 表\n\n| 名次 | 选手 | 成绩 |\n|---|---|---|\n| 1 | 张三 | 9.8 |\n|  |  |  |\n| 2 | 李四 | 9.9 |\n\n"
                       "| 项目 | 说明 |\n|---|---|\n| 甲 | 一 |\n|  | 二 |\n", encoding="utf-8")
    first, second = [b for b in convert.read(str(article)).body if isinstance(b, m.Table)]
    assert all(c.rowspan == 1 for row in first.body for c in row) and len(first.body[1]) == 3  # a spacer row
    assert second.body[0][0].rowspan == 2 and len(second.body[1]) == 1


def test_an_email_address_may_wrap() -> None:
    """`tongjiju_data@example.gov.cn` was one unbreakable word: on a phone's screen the justified line
    before it was spread letter by letter (`查 询 ， 或 发 送 邮 件 至`). It breaks before its `@` and
    periods, as a web address does before its slashes."""
    from convert.scripts import url_breaks

    text = "或发送邮件至tongjiju_data@example.gov.cn索取，或写信给ann.lee@mail.example.org。"
    cuts = [text[i] for i in url_breaks(text)]
    assert cuts == ["_", "@", ".", ".", ".", "@", ".", "."]
    assert url_breaks("价格为5.2元，比例1:2@会场") == []  # no address, no break
    epub = convert.convert(UNSEEN / "fullwidth.md", to="epub", offline=True)
    with zipfile.ZipFile(io.BytesIO(epub)) as book:  # type: ignore[arg-type]
        chapter = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "tongjiju<wbr/>_data<wbr/>@example<wbr/>.gov<wbr/>.cn" in chapter


def test_a_hong_kong_report_keeps_its_word() -> None:
    """`記者 陳嘉欣 香港報道` was shown `記者：陳嘉欣／香港報導`: Taiwan's word for a Hong Kong paper's."""
    from convert.wording import labels

    assert _read("hk-cantonese.md").meta.lang == "zh-HK"
    text = _pdf_text(convert.convert(UNSEEN / "hk-cantonese.md", to="pdf", offline=True))  # type: ignore[arg-type]
    assert "香港報道" in text and "報導" not in text
    assert labels("zh-TW")["reported_from"] == "／{place}報導" and labels("zh-Hant-MO")["reported_from"] == "／{place}報道"


def test_a_tables_caption_is_centred_in_the_pdf_as_in_the_other_editions() -> None:
    """The PDF set `表 1` at the table's left edge, where the EPUB (a reader's own style for `caption`)
    and the DOCX (its Caption style) centre it, as Chinese papers set a table's title."""
    pdf = convert.convert(UNSEEN / "table-units.md", to="pdf", offline=True)
    box = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    page = re.search(r'<page width="([\d.]+)"', box)
    label = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">表</word>\s*'
                      r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', box)
    assert page and label
    middle = (float(label[1]) + float(label[2])) / 2
    assert abs(middle - float(page[1]) / 2) < 10  # the default theme's margins are alike left and right


def test_a_picture_wrapped_as_old_content_systems_wrap_it(tmp_path: Path) -> None:
    """`<center>![…](…)</center>` printed the picture's Markdown as text (CommonMark reads none inside an
    HTML block), and `<img …><br>图：说明` in one `<div>` was a picture set inline at its pixel size, its
    caption a line of text beside it."""
    _picture(tmp_path / "photo.jpg", (400, 300))
    article = tmp_path / "wrapped.md"
    article.write_text("# 图片居中\n\n<center>![市民在公园晨练](photo.jpg)</center>\n\n<center>\n![第二张](photo.jpg)\n</center>\n\n"
                       '<div align="center"><img src="photo.jpg" alt="第三张"><br>图：第三张的说明</div>\n\n'
                       "<font color=\"red\">**重要：**</font>正文内容。\n\n```html\n<center>代码</center>\n```\n", encoding="utf-8")
    doc = convert.read(str(article))
    assert [(f.alt, m.plain_text(f.caption)) for f in doc.figures] == [
        ("市民在公园晨练", "市民在公园晨练"), ("第二张", "第二张"), ("第三张", "第三张的说明")]
    assert "![" not in m.visible_text(doc) and "正文内容。" in m.visible_text(doc)
    assert any(isinstance(b, m.CodeBlock) and "<center>代码</center>" in b.text for b in doc.body)  # code as written
    two = tmp_path / "two.md"  # lines of text between pictures stay one paragraph, with their break
    two.write_text('# 两图\n\n<div><img src="photo.jpg" alt="甲"><br>第一行<br>第二行<br><img src="photo.jpg" alt="乙"></div>\n',
                   encoding="utf-8")
    kinds = [(type(b).__name__, [type(n).__name__ for n in getattr(b, "content", ())]) for b in convert.read(str(two)).body]
    assert kinds == [("Figure", []), ("Paragraph", ["Text", "LineBreak", "Text"]), ("Figure", [])]


# ---------------------------------------------------------------- every edition


NAMES = ("hk-cantonese.md", "statement.md", "fullwidth.md", "emoji.md", "table-units.md", "html-fragments.md")


def _built(name: str, fmt: str, edition: str) -> bytes:
    return convert.convert(UNSEEN / name, to=fmt, offline=True)  # type: ignore[return-value]


def test_every_edition_is_valid(tmp_path: Path) -> None:
    editions = [("pdf", "print"), ("epub", "horizontal"), ("docx", "horizontal")]
    assert invalid_editions(every_edition(tmp_path, NAMES, editions, _built)) == {}
