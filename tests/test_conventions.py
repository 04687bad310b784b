"""News-article conventions on the user's seed and the team's samples."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.enrich.bylines import byline_fields, lead_dateline
from convert.enrich.captions import split_credit
from convert.enrich.conventions import is_junk_alt, iso_date

from conftest import SEEDS


def test_user_seed_model(user_seed: Path) -> None:
    doc = convert.read(str(user_seed))
    meta = doc.meta
    assert meta.title == "马上消费上榜“2023年中国互联网综合实力前百家企业”"
    assert meta.editor == "许楠楠"
    assert meta.date == "2023-10-30T10:57"
    assert meta.source_url == "https://finance.caijing.com.cn/20231030/4968026.shtml"
    assert meta.lang == "zh-CN"
    figures = doc.figures
    assert [f.number for f in figures] == [1]
    assert m.plain_text(figures[0].caption) == "马上消费上榜“2023年中国互联网综合实力前百家企业”"
    headings = [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Heading)]
    assert headings == ["自研大模型，释放数据价值", "聚焦数字化建设，做科技创新实践者"]
    notices = [b for b in doc.blocks if isinstance(b, m.Notice)]
    assert len(notices) == 1 and "本文系企业供稿" in m.plain_text(notices[0].content)
    text = m.visible_text(doc)
    assert "1698661773964" not in text
    assert "编辑：许楠楠" not in text and "(编辑：许楠楠)" not in text  # byline and closing line left the body
    assert "关键字" not in text
    assert meta.keywords == ()
    # the caption line was consumed, not left as a paragraph
    assert "（图：" not in text


def test_chinese_sample_conventions() -> None:
    doc = convert.read(str(SEEDS / "zh-news-harbor" / "article.md"))
    assert doc.meta.editor == "王晓明" and doc.meta.keywords == ("港口", "绿色航运", "岸电")
    assert doc.meta.date.startswith("2024-11-18T")
    assert [f.number for f in doc.figures] == [1, 2]
    assert all(m.plain_text(f.caption) and not is_junk_alt(m.plain_text(f.caption)) for f in doc.figures)
    assert not any("logo" in f.src for f in doc.figures)  # trailing site logo is decoration
    assert sum(isinstance(b, m.Heading) for b in doc.blocks) >= 2
    assert any(isinstance(b, m.Notice) for b in doc.blocks)


def test_front_matter_wins_and_english_caption_line() -> None:
    doc = convert.read(str(SEEDS / "en-budget-report" / "article.md"))
    assert doc.meta.lang == "en" and len(doc.meta.authors) == 2
    assert doc.meta.keywords and doc.meta.description
    figure = doc.figures[0]
    caption = m.plain_text(figure.caption)
    assert caption and not caption.startswith(("(", "Photo:"))
    assert len(doc.footnotes) >= 3
    assert any(isinstance(b, m.Table) and b.header and b.caption for b in doc.blocks)


def test_mixed_sample_author_and_bare_caption_line() -> None:
    doc = convert.read(str(SEEDS / "mixed-dev-notes" / "article.md"))
    assert doc.meta.authors and all("（" not in a or "）" in a for a in doc.meta.authors)
    assert doc.meta.lang == "zh-CN"
    assert m.plain_text(doc.figures[0].caption)
    assert any(isinstance(b, m.CodeBlock) for b in doc.blocks)


def test_front_matter_can_turn_conventions_off(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Given\narticle-conventions: false\n---\n\n**编辑：某人**\n\n正文。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.title == "Given" and doc.meta.editor == ""
    assert "编辑：某人" in m.visible_text(doc)


def test_front_matter_wins_over_inferred_values(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: 前言标题\neditor: 甲\ndate: 2024-01-02\n---\n\n# 正文标题\n\n**编辑：乙**\n\n"
                    "**2023-10-30 10:57**\n\n正文第一段。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.title, doc.meta.editor, doc.meta.date) == ("前言标题", "甲", "2024-01-02")
    assert "编辑：乙" not in m.visible_text(doc)


def test_byline_variants(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# T\n\n记者：王晓明 李华\n\n来源：新华网\n\n2024年3月5日 08:30\n\n正文。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("王晓明", "李华")
    assert doc.meta.source_site == "新华网" and doc.meta.date == "2024-03-05T08:30"
    path.write_text("# Title\n\nBy Ann Lee and Bob Ray\n\nhttps://example.org/story\n\nBody text here.\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("Ann Lee", "Bob Ray") and doc.meta.source_url == "https://example.org/story"
    assert doc.meta.lang == "en"


def test_caption_line_variants(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    body = "# 标题\n\n正文。\n\n![123456](a.png)\n\n（图：甲）\n\n![IMG_2041.jpg](b.png)\n\n(图：乙)\n\n" \
           "![](c.png)\n\n图：丙\n\n![d](d.png)\n\n(Photo: Reuters)\n\n结尾。\n"
    path.write_text(body, encoding="utf-8")
    doc = convert.read(str(path))
    assert [m.plain_text(f.caption) for f in doc.figures] == ["甲", "乙", "丙", "d"]
    assert [f.credit for f in doc.figures] == ["", "", "", "Reuters"]  # `(Photo: Reuters)` credits, not captions
    assert [f.number for f in doc.figures] == [1, 2, 3, 4]


def test_a_caption_line_that_only_credits_keeps_the_alt_as_the_caption(tmp_path: Path) -> None:
    """`（圖：中央氣象署提供）` under `![颱風路徑潛勢預報圖](…)`: the line says who supplied the picture; what
    it shows is the alt text's."""
    path = tmp_path / "a.md"
    path.write_text("# 颱風\n\n正文。\n\n![颱風路徑潛勢預報圖](a.png)\n\n（圖：中央氣象署提供）\n\n"
                    "![港口夜景](b.png)\n\n（圖：港口夜景全貌，讀者提供）\n\n結尾。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert [(m.plain_text(f.caption), f.credit) for f in doc.figures] == [("颱風路徑潛勢預報圖", "中央氣象署提供"),
                                                                           ("港口夜景全貌", "讀者提供")]
    from convert.wording import credit_text
    assert credit_text("中央氣象署提供", "zh-TW") == "中央氣象署提供" and credit_text("王某", "zh-TW") == "攝影：王某"


def test_junk_alt_text() -> None:
    for junk in ("1698661773964", "IMG_2041.JPG", "d41d8cd98f00b204e9800998ecf8427e", "image", "图片1"):
        assert is_junk_alt(junk), junk
    for real in ("港口夜景", "A bus at dusk"):
        assert not is_junk_alt(real), real


def test_iso_dates() -> None:
    assert iso_date("2023-10-30 10:57") == "2023-10-30T10:57"
    assert iso_date("2023/1/5") == "2023-01-05"
    assert iso_date("2023年10月30日") == "2023-10-30"
    assert iso_date("发布时间：2023-10-30 10:57:08") == "2023-10-30T10:57:08"
    assert iso_date("2023-13-40") == ""
    assert iso_date("not a date") == ""


def test_lead_sentences_that_start_like_bylines_stay_in_the_body(tmp_path: Path) -> None:
    """`编辑部…`, `Editorial…` and `By Tuesday, …` begin sentences; only a separator or capitalised names make a byline."""
    path = tmp_path / "a.md"
    for lead in ("编辑部认为，这是一个好消息。", "Editorial boards agree on little.", "By Tuesday, all flights had resumed."):
        path.write_text(f"# T\n\n{lead}\n\nBody text.\n", encoding="utf-8")
        doc = convert.read(str(path))
        assert (doc.meta.editor, doc.meta.authors) == ("", ()), lead
        assert lead in m.visible_text(doc)
    for line, editor in (("编辑 张三", "张三"), ("编辑张三", "张三"), ("Edited by John Smith", "John Smith")):
        path.write_text(f"# T\n\n{line}\n\nBody text.\n", encoding="utf-8")
        assert convert.read(str(path)).meta.editor == editor, line
    path.write_text("# T\n\nBy Ludwig van Beethoven\n\nBody text.\n", encoding="utf-8")
    assert convert.read(str(path)).meta.authors == ("Ludwig van Beethoven",)


# ---------------------------------------------------------------- credits

@pytest.mark.parametrize("text, caption, credit", [
    ("港口夜景（新华社记者 王某 摄）", "港口夜景", "新华社记者 王某"),
    ("港口夜景。王某/摄", "港口夜景。", "王某"),
    ("摄影：王某", "", "王某"),
    ("攝影：王某", "", "王某"),
    ("港口夜景，摄影：王某", "港口夜景", "王某"),
    ("图/文：王某", "", "王某"),
    # who supplied the picture, said so (`摄影：受访者` named the interviewee its photographer; since 2026-11-29)
    ("视觉中国供图", "", "视觉中国供图"),
    ("（受访者供图）", "", "受访者供图"),
    ("中央氣象署提供", "", "中央氣象署提供"),  # who supplied it (Taiwan's and Hong Kong's papers), shown so
    ("（照片由讀者提供）", "", "讀者提供"),
    ("港口夜景。市政府提供", "港口夜景。", "市政府提供"),
    ("免费接驳车由市政府提供", "免费接驳车由市政府提供", ""),  # a sentence, not a credit
    ("市政府为市民提供", "市政府为市民提供", ""),
    ("(Photo: Reuters)", "", "Reuters"),
    ("A harbour at night (Photo: Xinhua/Li Ming)", "A harbour at night", "Xinhua/Li Ming"),
    ("City Hall at dusk. Photo by Ravi Shankar for the Riverton Ledger.", "City Hall at dusk.",
     "Ravi Shankar for the Riverton Ledger"),
    ("Credit: Getty Images", "", "Getty Images"),
    ("(Photo: A bus at dusk)", "(Photo: A bus at dusk)", ""),  # a caption, not a name
    ("Image: a chart of rates", "Image: a chart of rates", ""),
    ("王某 摄影作品展", "王某 摄影作品展", ""),
    ("拍摄地点在港口", "拍摄地点在港口", ""),
    # a picture agency at a portal caption's end (The Paper: `共享充电宝。视觉中国 资料`)
    ("共享充电宝。视觉中国 资料", "共享充电宝。", "视觉中国"),
    ("港口夜景。东方IC", "港口夜景。", "东方IC"),
    ("他在视觉中国工作", "他在视觉中国工作", ""),
])
def test_credits_are_split_from_captions(text: str, caption: str, credit: str) -> None:
    assert split_credit(text) == (caption, credit)


CREDITED = """# 港口岸电覆盖率年内将达90%

东临港今天宣布，所有泊位均已接通岸电。

![港口夜景（新华社记者 王某 摄）](a.png)

记者在现场看到，一艘集装箱船正在接入岸电。

![](b.png)

（图：岸电接口）

摄影：张三

![码头](c.png)

视觉中国供图

港口方面表示，明年将继续推进。
"""


@pytest.fixture
def credited(tmp_path: Path) -> Path:
    from PIL import Image

    for name in "abc":
        Image.new("RGB", (640, 400), "#3a7").save(tmp_path / f"{name}.png")
    path = tmp_path / "credited.md"
    path.write_text(CREDITED, encoding="utf-8")
    return path


def test_credits_are_their_own_field(credited: Path) -> None:
    doc = convert.read(str(credited))
    assert [(m.plain_text(f.caption), f.credit) for f in doc.figures] == [
        ("港口夜景", "新华社记者 王某"), ("岸电接口", "张三"), ("码头", "视觉中国供图")]
    assert doc.figures[0].alt == "港口夜景"  # the credit is no description of the picture
    text = m.visible_text(doc)
    assert "摄影：张三" not in text and text.count("新华社记者 王某") == 1


def test_credits_are_styled_apart_from_the_caption_in_every_edition(credited: Path) -> None:
    import io
    import zipfile

    import docx
    from lxml import html as lxml_html
    from pypdf import PdfReader

    from conftest import convert_bytes

    expected = ["摄影：新华社记者 王某", "摄影：张三", "视觉中国供图"]
    page = lxml_html.fromstring(convert_bytes(credited, "html"))
    assert [span.text_content() for span in page.find_class("credit")] == expected
    assert [" ".join(c.text_content().split()) for c in page.iter("figcaption")] == ["图 1 港口夜景", "图 2 岸电接口", "图 3 码头"]
    with zipfile.ZipFile(io.BytesIO(convert_bytes(credited, "epub"))) as book:
        text = book.read("EPUB/text.xhtml").decode()
        css = book.read("EPUB/style/article.css").decode() if "EPUB/style/article.css" in book.namelist() else \
            "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".css"))
    credits = lxml_html.fromstring(text.encode()).find_class("credit")  # text, not markup: marks and groups are spans
    assert [span.text_content() for span in credits] == expected
    from convert.theme import load_theme
    theme = load_theme()  # the EPUB sizes text relative to the reader's own: the credit in em of the body
    assert ".credit {" in css and f"font-size: {theme.credit.size_pt / theme.ereader.size_pt:.4g}em" in css
    word = docx.Document(io.BytesIO(convert_bytes(credited, "docx")))
    lines = [p for p in word.paragraphs if p.style is not None and p.style.style_id == "CreditLine"]
    assert [p.text for p in lines] == expected
    assert all(run.style.style_id == "Credit" for p in lines for run in p.runs)
    credit_style = word.styles["Credit"]
    assert credit_style.font.size.pt == 7.5
    captions = [p.text for p in word.paragraphs if p.style is not None and p.style.style_id == "Caption"]
    assert captions == ["图 1　港口夜景", "图 2　岸电接口", "图 3　码头"]
    pdf_text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(convert_bytes(credited, "pdf"))).pages)
    for credit in expected:
        assert credit.replace(" ", "") in pdf_text


def test_the_credit_style_comes_from_the_theme() -> None:
    from convert.theme import load_theme
    from convert.theme.css import article_css

    theme = load_theme("default")
    custom = replace(theme, credit=replace(theme.credit, size_pt=6.5, color="#123456", italic=True, align="left"))
    css = article_css(custom)
    assert ".credit { font-size: 6.5pt; color: #123456;" in css and "text-align: left" in css
    assert "html:not(:lang(zh)) .credit { font-style: italic; }" in css
    assert ".credit { font-size: 7.5pt; color: " + theme.colors.muted in article_css(theme)


# ---------------------------------------------------------------- bylines, datelines, dates


@pytest.mark.parametrize("line, fields", [
    ("记者 王某 北京报道", {"authors": ("王某",), "reported": True, "place": "北京"}),
    ("本报记者 王某", {"authors": ("王某",), "reported": True}),
    ("本报记者 王某 李某", {"authors": ("王某", "李某"), "reported": True}),
    ("新华社记者 王某", {"authors": ("王某",), "reported": True}),
    ("记者王某／上海报道", {"authors": ("王某",), "reported": True, "place": "上海"}),
    ("（记者 赵六）", {"authors": ("赵六",), "reported": True}),
    ("记者 王某 通讯员 李某", {"authors": ("王某", "李某"), "reported": True}),
    ("新华社北京11月26日电", {"place": "北京", "source_site": "新华社", "dateline": "新华社北京11月26日电"}),
    ("新华社北京11月26日电（记者 王某 李某）", {"place": "北京", "source_site": "新华社", "authors": ("王某", "李某"), "reported": True,
                                      "dateline": "新华社北京11月26日电"}),
    ("本报上海2024年3月5日电", {"place": "上海", "date": "2024-03-05", "dateline": "本报上海2024年3月5日电"}),
    ("By Ann Lee and Bo Chen", {"authors": ("Ann Lee", "Bo Chen")}),
    ("By Ann Lee, Bo Chen and Cy Dee", {"authors": ("Ann Lee", "Bo Chen", "Cy Dee")}),
    ("记者会上，发言人表示欢迎。", {}),
    ("记者们在现场看到了什么", {}),
    ("记者手记", {}),
    ("记者看到", {}),
    ("By Tuesday, all flights had resumed.", {}),
    # A byline with its date after it, as web pages print them:
    ("记者 张三 2025-03-12", {"authors": ("张三",), "reported": True, "date": "2025-03-12"}),
    ("记者 张三 2025-03-12 08:30", {"authors": ("张三",), "reported": True, "date": "2025-03-12T08:30"}),
    ("作者：李四 2024年1月5日", {"authors": ("李四",), "date": "2024-01-05"}),
    ("By Jane Ortiz March 12, 2025", {"authors": ("Jane Ortiz",), "date": "2025-03-12"}),
    ("记者会上 2025-03-12", {}),
    ("张三 2025-03-12", {}),
])
def test_reporter_and_dateline_lines(line: str, fields: dict) -> None:
    assert byline_fields(line) == fields


@pytest.mark.parametrize("lead, fields", [
    ("新华社北京11月26日电（记者 王某）国家统计局今天发布数据……",
     {"place": "北京", "source_site": "新华社", "authors": ("王某",), "reported": True}),
    ("本报讯（记者 王某）昨天，港口……", {"authors": ("王某",), "reported": True}),  # the byline says 记者
    ("RIVERTON — Mayor Elena Vasquez on Tuesday unveiled a plan.", {"place": "Riverton"}),
    ("BEIJING, Nov. 26 (Xinhua) -- China's exports rose.", {"place": "Beijing", "source_site": "Xinhua"}),
    ("The mayor — who spoke on Tuesday — unveiled a plan.", {}),
    ("新华社北京12月16日（韩洁、王优玲）16日闭幕的会议……", {"place": "北京", "source_site": "新华社", "authors": ("韩洁", "王优玲")}),
    ("新华社北京１０月２２日电中共中央政治局２２日召开会议", {"place": "北京", "source_site": "新华社"}),
    ("北京12月16日（星期三）举行会议", {}),
    ("【明報專訊】港鐵東鐵綫今早發生訊號故障", {"source_site": "明報"}),
    ("【香港01訊】港鐵今早", {"source_site": "香港01"}),
    ("【环球网快讯】据报道", {"source_site": "环球网"}),
    ("【本报讯】（记者 王某）今天", {"authors": ("王某",), "reported": True}),
    ("【快讯】今天凌晨", {}),
    ("【独家】今天凌晨", {}),
])
def test_datelines_opening_the_lead_paragraph(lead: str, fields: dict) -> None:
    assert lead_dateline(lead) == fields


@pytest.mark.parametrize("line, iso", [
    ("2023年10月30日 下午3:15", "2023-10-30T15:15"),
    ("2023年10月30日 上午9:05", "2023-10-30T09:05"),
    ("2023年10月30日 星期一 下午3点15分", "2023-10-30T15:15"),
    ("2023年10月30日 中午12:30", "2023-10-30T12:30"),
    ("发布时间：2023-10-30 15:15 北京时间", "2023-10-30T15:15+08:00"),
    ("北京时间2023年10月30日15:15", "2023-10-30T15:15+08:00"),
    ("2023-10-30 15:15 (UTC+8)", "2023-10-30T15:15+08:00"),
    ("2023-10-30 15:15 GMT+8", "2023-10-30T15:15+08:00"),
    ("2023年10月30日 10:57 CST", "2023-10-30T10:57+08:00"),
    ("March 12, 2025, 8:30 a.m. EST", "2025-03-12T08:30-05:00"),
    ("Published: Mar. 12, 2025 at 8:30 p.m. (GMT-05:00)", "2025-03-12T20:30-05:00"),
    ("Oct 30, 2023 3:15 PM EDT", "2023-10-30T15:15-04:00"),
    ("12 March 2025", "2025-03-12"),
    ("Updated 2025-03-12 08:30 UTC", "2025-03-12T08:30+00:00"),
])
def test_dates_with_periods_of_the_day_and_zones(line: str, iso: str) -> None:
    assert iso_date(line) == iso


def test_a_zoned_date_reaches_the_metadata_as_stated(tmp_path: Path) -> None:
    from convert.dates import published

    path = tmp_path / "a.md"
    path.write_text("# T\n\n2023年10月30日 下午3:15 (UTC+8)\n\n正文。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.date == "2023-10-30T15:15+08:00" and published(doc.meta) == "2023-10-30T15:15:00+08:00"


def test_several_authors_all_kept_in_order_and_the_closing_editor_is_never_one(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# 港口新闻\n\n新华社北京11月26日电（记者 王某 李某）\n\n通讯员 张三\n\n"
                    "正文第一段。\n\n港口方面表示，明年将继续推进。（记者 赵六）\n\n(编辑：许楠楠)\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("王某", "李某", "张三", "赵六")
    assert doc.meta.editor == "许楠楠" and "许楠楠" not in doc.meta.authors
    assert (doc.meta.dateline, doc.meta.place, doc.meta.source_site) == ("新华社北京11月26日电", "北京", "新华社")
    text = m.visible_text(doc)
    assert "（记者 赵六）" not in text and "编辑：许楠楠" not in text and "港口方面表示，明年将继续推进。" in text
    path.write_text("# Harbor\n\nBy Ann Lee, Bo Chen and Cy Dee\n\nBody text.\n\n"
                    "Reporting by Dan Fox; Editing by Sam Poe\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("Ann Lee", "Bo Chen", "Cy Dee", "Dan Fox") and doc.meta.editor == "Sam Poe"


def test_a_bare_closing_editor_line_is_the_editor(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n作者：王某\n\n正文。\n\n责任编辑：李某\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("王某",) and doc.meta.editor == "李某"
    assert "责任编辑" not in m.visible_text(doc)


def test_the_dateline_shows_in_the_byline_of_every_edition(tmp_path: Path) -> None:
    from conftest import convert_bytes

    path = tmp_path / "a.md"
    path.write_text("# 港口新闻\n\n新华社北京11月26日电（记者 王某）\n\n正文第一段。\n", encoding="utf-8")
    from lxml import html as lxml_html

    page = lxml_html.fromstring(convert_bytes(path, "html"))  # the text shown: numbers are held with their units in spans
    assert "新华社北京11月26日电" in page.text_content()
    import io

    import docx

    from convert.scripts import unjoined
    byline = [p.text for p in docx.Document(io.BytesIO(convert_bytes(path, "docx"))).paragraphs
              if p.style is not None and p.style.style_id == "Byline"]
    assert "新华社北京11月26日电" in unjoined(byline[0]) and "王某" in byline[0]  # numbers joined to their units
