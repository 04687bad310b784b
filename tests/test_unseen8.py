"""An eighth round of inputs nothing before had: a company's quarterly results (ranges of figures), a tech
blog post (its byline line of fields), a portal's page reprinting a wire story, an essay with a verse; and
what they showed was wrong, tested at the step that now reads it right."""
from __future__ import annotations

import pytest

import convert
from convert import model as m
from convert.enrich.bylines import byline_fields
from convert.enrich.widths import range_hyphens
from convert.readers import read_text

# ---------------------------------------------------------------- ranges of figures (GB/T 15834 §4.13)


@pytest.mark.parametrize(("text", "expected"), [
    ("碳酸锂价格回落至7万-8万元/吨", "碳酸锂价格回落至7万～8万元/吨"),
    ("复合增长率将达到30%-40%。", "复合增长率将达到30%～40%。"),
    ("净息差处于1.80%–1.90%目标区间", "净息差处于1.80%～1.90%目标区间"),  # an en dash too
    ("预计3-5年内", "预计3～5年内"),
    ("排名第3-5名", "排名第3～5名"),
    ("阵风5-6级", "阵风5～6级"),
    ("续航5-10km", "续航5～10km"),
    ("预计2024-2026年储能电池出货量", "预计2024—2026年储能电池出货量"),  # a span of years: one em
    ("1-10月份，全国规模以上工业增加值", "1—10月份，全国规模以上工业增加值"),  # of months too
    ("3-6个月", "3～6个月"),  # a number of months is a value
    ("开放时间9:00-17:00", "开放时间9:00—17:00"), ("夜班22:00–6:00", "夜班22:00—6:00"),  # a span of the day's time
])
def test_a_range_of_figures_takes_the_wave_dash_and_a_span_of_time_the_one_em_dash(text: str, expected: str) -> None:
    """Pasted copy joins a range with a hyphen; Chinese typesetting sets a range of values with the wave
    dash and a span of years or months with the one-em dash, both set apart from a minus or a code."""
    assert range_hyphens(text) == expected


@pytest.mark.parametrize("text", [
    "GB/T 15834-2011", "2024-11-20发布", "电话010-12345678", "热线400-820-8820", "COVID-19疫情",
    "F-16战机", "以2-1击败对手", "88-1号", "3-5号楼", "Windows 10-11", "2024-26年", "比分3-5", "1.80-1.90",
])
def test_a_hyphen_that_is_no_range_of_figures_stays(text: str) -> None:
    """A code, a date, a phone or house number, a score, a falling pair, or a pair with no unit after it."""
    assert range_hyphens(text) == text


def test_the_ranges_reach_the_edition() -> None:
    doc = convert.prepare(read_text("# 三季报\n\n营收增长30%-40%，预计2024-2026年保持增长。\n"))
    assert m.plain_text(doc.body[0].content) == "营收增长30%～40%，预计2024—2026年保持增长。"  # type: ignore[attr-defined]


# ---------------------------------------------------------------- a blog's byline line


def test_a_byline_of_fields_set_apart_by_bars_gives_the_author_and_the_date() -> None:
    """`作者：李想 | 2024-11-20 | 阅读时间 8 分钟` was one author, named with the date and the reading time."""
    assert byline_fields("作者：李想 | 2024-11-20 | 阅读时间 8 分钟", chinese=True) == {
        "authors": ("李想",), "date": "2024-11-20", "counter": "阅读时间 8 分钟"}
    doc = convert.prepare(read_text("# 迁移记\n\n*作者：李想 | 2024-11-20 | 阅读时间 8 分钟*\n\n过去一年，我们迁移了核心模块。\n"))
    assert doc.meta.authors == ("李想",) and doc.meta.date == "2024-11-20"
    assert [m.plain_text(m.block_inlines(b)) for b in doc.body] == ["过去一年，我们迁移了核心模块。"]


@pytest.mark.parametrize("text", ["阅读时间 8 分钟", "预计阅读：5分钟", "约3分钟读完", "6 min read"])
def test_a_reading_time_is_furniture_of_the_byline(text: str) -> None:
    assert byline_fields(text, chinese=True) == {"counter": text}


def test_a_bar_before_a_part_that_is_no_field_keeps_the_author_line_as_it_was() -> None:
    assert byline_fields("文 | 许嘉宁", chinese=True) == {"authors": ("许嘉宁",)}
    assert byline_fields("作者：王某　李某", chinese=True) == {"authors": ("王某", "李某")}


# ---------------------------------------------------------------- a portal's page reprinting a wire story

PORTAL = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>秋粮收购进度过半 多地启动最低收购价执行预案_新浪新闻</title><meta name="author" content="新浪财经"></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a></div><article>
<h1>秋粮收购进度过半 多地启动最低收购价执行预案</h1>
<p>新华社北京11月26日电（记者 于文静）记者从国家粮食和物资储备局获悉，截至11月25日，主产区各类粮食企业累计收购秋粮1.2亿吨，收购进度过半。</p>
<p>今年秋粮收购呈现“新粮上市集中、收购主体多元、价格总体稳定”的特点。其中，中晚稻收购4100万吨，玉米收购6200万吨。</p>
<p>国家粮食和物资储备局有关负责人表示，目前安徽、江西等5省已在部分地区启动中晚稻最低收购价执行预案。</p>
</article><div class="related"><h3>相关阅读</h3><a href="/a1">全国秋粮收获进度超九成</a></div>
<div class="footer">Copyright © 1996-2024 SINA Corporation 新浪公司 版权所有</div></body></html>"""


def test_a_portals_channel_is_no_author_and_the_wire_reporter_is(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`<meta name="author" content="新浪财经">` names the portal's finance channel; the byline read
    `记者：新浪财经　北京报道`, the reporter the dateline names left out."""
    (page := tmp_path / "page.html").write_text(PORTAL, encoding="utf-8")
    doc = convert.read(str(page))
    assert doc.meta.authors == ("于文静",) and doc.meta.place == "北京"


# ---------------------------------------------------------------- an essay: a verse and its closing note

ESSAY = """# 故乡的秋天

秋天总是从村口那棵老槐树开始的。

> 空山新雨后，天气晚来秋。\\
> 明月松间照，清泉石上流。
>
> ——王维《山居秋暝》

如今离家二十年，每到秋天，总会想起那棵树。

*2024年秋，写于北京*
"""


def test_a_quotations_attribution_and_an_essays_closing_note_are_set_flush_right(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Both were indented body lines, set as the text around them."""
    doc = convert.prepare(read_text(ESSAY))
    quote = next(b for b in doc.body if isinstance(b, m.BlockQuote))
    assert [p.role for p in quote.content][-2:] == ["", "flush-end"]  # type: ignore[attr-defined]
    assert doc.body[-1].role == "signoff"  # type: ignore[attr-defined]
    (essay := tmp_path / "essay.md").write_text(ESSAY, encoding="utf-8")
    html = convert.convert(essay, to="html", offline=True)
    html = html if isinstance(html, str) else html.decode()
    assert '<p class="flush-end">——王维' in html and '<p class="signoff">' in html


@pytest.mark.parametrize("text", ["他说，这本书作于1949年", "我们于是出发了。", "2024年我们于北京举办了大会，共有3000人参加。"])
def test_a_closing_sentence_is_no_note_of_where_it_was_written(text: str) -> None:
    doc = convert.prepare(read_text(f"# 标题\n\n第一段正文，说明情况。\n\n{text}\n"))
    assert doc.body[-1].role == ""  # type: ignore[attr-defined]


def test_a_quotation_that_ends_with_its_own_words_keeps_them_as_set() -> None:
    doc = convert.prepare(read_text("# 标题\n\n> 第一句话。\n>\n> 第二句话，不是出处。\n\n正文。\n"))
    quote = next(b for b in doc.body if isinstance(b, m.BlockQuote))
    assert [p.role for p in quote.content] == ["", ""]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- a headline of two clauses, in the DOCX


def _docx_title(path) -> str:  # type: ignore[no-untyped-def]
    import zipfile

    from lxml import etree

    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    title = body.xpath('//w:p[w:pPr/w:pStyle/@w:val="Title"]', namespaces=ns)[0]
    text = "".join("\n" if node.tag.endswith("}br") else node.text or ""
                   for node in title.iter() if node.tag.endswith(("}t", "}br")))
    return "\n".join("".join(ch for ch in line if ch.isalnum() or ch in "%") for line in text.split("\n"))


def test_a_docx_headline_too_long_for_a_line_breaks_between_its_clauses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice broke `…新能源业务收入首` / `破千亿`: it breaks between Han characters held by joiners.
    The PDF and the EPUB break between the clauses; now the DOCX does, with a line break."""
    (source := tmp_path / "a.md").write_text(
        "# 前三季度净利润同比增长12.3%　新能源业务收入首破千亿\n\n正文第一段。\n", encoding="utf-8")
    out = convert.convert(source, to="docx", output=tmp_path / "a.docx", offline=True)
    assert _docx_title(out) == "前三季度净利润同比增长123%\n新能源业务收入首破千亿"  # letters and digits, line by line


def test_a_docx_headline_that_fits_its_line_is_not_broken(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (source := tmp_path / "a.md").write_text("# 净利润增长12.3%　收入首破千亿\n\n正文第一段。\n", encoding="utf-8")
    out = convert.convert(source, to="docx", output=tmp_path / "a.docx", offline=True)
    assert "\n" not in _docx_title(out)


# ---------------------------------------------------------------- a news site's page: its byline in JSON-LD


def test_a_json_ld_author_named_with_the_outlet_and_role_is_the_reporter() -> None:
    """`"author": {"name": "澎湃新闻记者 何梦舒"}` was no person (it holds the site's name), and the byline
    named no reporter."""
    from convert.readers.web.meta import split_names

    assert split_names("澎湃新闻记者 何梦舒") == ("何梦舒",)
    assert split_names("新华社记者 王某") == ("王某",)


@pytest.mark.parametrize("name", ["李志文", "张文", "张台文"])
def test_a_name_that_ends_with_wen_keeps_it(name: str) -> None:
    """`文` after a name and a slash or a space says who wrote it (`王某/文`); a name may end with it."""
    from convert.readers.web.meta import split_names

    assert split_names(name) == (name,)
    assert split_names(f"{name}/文") == (name,) and split_names(f"{name} 文") == (name,)


@pytest.mark.parametrize("line", ["（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）", "扫码下载澎湃新闻客户端，阅读更多深度报道"])
def test_a_call_to_install_the_sites_app_is_promotion(line: str) -> None:
    from convert.readers.promotion import is_promotion

    assert is_promotion(line)


@pytest.mark.parametrize("line", ["用户可下载“国家反诈中心”APP进行举报。", "公司推出的APP下载量突破1亿次，更多功能将陆续上线。"])
def test_a_sentence_about_an_app_is_no_promotion(line: str) -> None:
    from convert.readers.promotion import is_promotion

    assert not is_promotion(line)


# ---------------------------------------------------------------- emphasis in Chinese text

EMPHASIS = "# 强调的写法\n\n正文里有一处*需要强调的话*，还有一处**加粗的话**。\n\n> 引文中的*重点*也一样。\n"


def test_emphasis_in_chinese_text_is_set_upright_in_the_other_face_in_the_pdf(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """WeasyPrint slants no Han face: `*需要强调的话*` came out as the text around it, its emphasis lost
    (while a browser and Word slant it). Now it is set in the other stack (黑体 in 宋体 text) everywhere."""
    from formats import pdf_faces

    (source := tmp_path / "a.md").write_text(EMPHASIS, encoding="utf-8")
    out = convert.convert(source, to="pdf", output=tmp_path / "a.pdf", offline=True)
    faces = pdf_faces(out)

    assert faces("需要强调的话") == {"Noto-Sans-CJK-SC"} and faces("重点") == {"Noto-Sans-CJK-SC"}
    assert faces("正文里有一处") == {"Noto-Serif-CJK-SC"} and faces("加粗的话") == {"Noto-Serif-CJK-SC-Bold"}


def test_emphasis_in_chinese_text_is_the_same_face_upright_in_the_epub_and_the_docx(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    (source := tmp_path / "a.md").write_text(EMPHASIS, encoding="utf-8")
    css = convert.convert(source, to="html", offline=True)
    css = css if isinstance(css, str) else css.decode()
    assert "em:lang(zh), i:lang(zh) { font-style: normal; font-family: \"Noto Sans CJK SC\"" in css
    docx = convert.convert(source, to="docx", output=tmp_path / "a.docx", offline=True)
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    run = xml[:xml.index("需要强调的话")]
    run = run[run.rindex("<w:r>"):]
    assert 'w:eastAsia="Noto Sans CJK SC"' in run and "<w:i/>" not in run


def test_a_theme_may_name_the_stack_of_emphasis() -> None:
    import dataclasses

    from convert.theme import load_theme

    theme = load_theme("default")
    assert theme.emphasis_stack == "sans" and load_theme("modern").emphasis_stack == "serif"  # the body's other
    named = dataclasses.replace(theme, fonts=dataclasses.replace(theme.fonts, emphasis="serif"))
    assert named.emphasis_stack == "serif" and named.stack("emphasis") == list(theme.fonts.serif)


def test_emphasis_in_english_text_stays_italic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    (source := tmp_path / "a.md").write_text("# Title\n\nSome *stressed* words.\n", encoding="utf-8")
    docx = convert.convert(source, to="docx", output=tmp_path / "a.docx", offline=True)
    assert "<w:i/>" in zipfile.ZipFile(docx).read("word/document.xml").decode()


def test_an_attachment_line_above_the_issuer_is_no_part_of_the_sign_off() -> None:
    """`附件：优秀新闻作品推荐表` / `总编辑室` / `2025年12月1日`: the attachment was set flush right with them."""
    doc = convert.prepare(read_text("# 通知\n\n现将有关事项通知如下。\n\n联系人：王敏。\n\n附件：优秀新闻作品推荐表\n\n"
                                    "总编辑室\n\n2025年12月1日\n"))
    assert [b.role for b in doc.body[-3:]] == ["", "signoff", "signoff"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("line", "editor"), [
    ("编辑：孙丽  审核：赵强", "孙丽"),
    ("责任编辑：李跃群　审核：王强　终审：张伟", "李跃群"),
    ("责任编辑：张三　来源：新华网", "张三"),
])
def test_the_desks_other_credits_beside_the_editor_are_not_the_editors_name(line: str, editor: str) -> None:
    """`编辑：孙丽  审核：赵强` gave the editor `孙丽 审核：赵强`; a line led by `责任编辑：` was never read field by
    field, since its label holds `编辑：`, which was taken for a second label inside the field."""
    assert byline_fields(line, chinese=True)["editor"] == editor


def test_a_reviewers_line_alone_is_furniture_and_a_sentence_is_not() -> None:
    assert byline_fields("审核：赵强", chinese=True) == {"counter": "审核：赵强"}
    assert byline_fields("审核：必须严格把关。", chinese=True) == {}


# ---------------------------------------------------------------- bullets typed as characters; a paper's byline mark


@pytest.mark.parametrize("text", [
    "# 访谈\n\n正文。\n\n• 第一点：续航\n• 第二点：智驾\n\n结尾。\n",  # typed one under the other
    "# 访谈\n\n正文。\n\n● 第一点：续航\n\n● 第二点：智驾\n\n结尾。\n",  # a paragraph each
    "# 访谈\n\n正文。\n\n· 第一点：续航\n· 第二点：智驾\n\n结尾。\n",
])
def test_lines_that_start_with_a_typed_bullet_are_a_list(text: str) -> None:
    """Markdown knows `•` for no list marker: `• 第一点：续航 • 第二点：智驾` was one paragraph."""
    doc = convert.prepare(read_text(text))
    assert [type(b).__name__ for b in doc.body] == ["Paragraph", "ListBlock", "Paragraph"]
    items = doc.body[1].items  # type: ignore[attr-defined]
    assert [m.plain_text(item[0].content) for item in items] == ["第一点：续航", "第二点：智驾"]


@pytest.mark.parametrize("text", [
    "# 标题\n\n正文。\n\n• 只有一点\n\n结尾。\n",  # one is no list
    "# 标题\n\n● 第一点\n\n■ 第二点\n",  # two kinds of bullet
    "# 标题\n\n阿卜杜拉·本·扎耶德到访。\n\n·他说\n",  # a middle dot in a name, one before a word
])
def test_a_lone_bullet_or_a_middle_dot_makes_no_list(text: str) -> None:
    doc = convert.prepare(read_text(text))
    assert not any(isinstance(b, m.ListBlock) for b in doc.body)


def test_a_papers_mark_before_its_byline_is_no_part_of_it() -> None:
    """`■本报记者 王某` stayed a paragraph, and the article named no author."""
    doc = convert.prepare(read_text("# 标题\n\n■本报记者 王某\n\n正文第一段。\n"))
    assert doc.meta.authors == ("王某",) and len(doc.body) == 1


# ---------------------------------------------------------------- Hong Kong's Big5


def test_a_text_in_hong_kongs_big5_is_decoded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Big5-HKSCS holds the characters of Hong Kong's names and speech (`𨋢`, a lift); the file was refused
    as no known encoding."""
    text = "# 香港：邨、峯與𨋢\n\n港島某屋邨的𨋢（升降機）維修，居民「苦不堪言」。\n"
    (source := tmp_path / "a.txt").write_bytes(text.encode("big5hkscs"))
    doc = convert.read(str(source))
    assert doc.meta.title == "香港：邨、峯與𨋢" and doc.meta.lang == "zh-HK"
    assert m.plain_text(doc.body[0].content) == "港島某屋邨的𨋢（升降機）維修，居民「苦不堪言」。"  # type: ignore[attr-defined]


@pytest.mark.parametrize("closing", ["（编辑：孙丽　审核：赵强）", "责任编辑：孙丽　审核：王强　终审：张伟"])
def test_a_closing_editors_line_with_the_desks_credits_gives_the_editor_and_leaves(closing: str) -> None:
    """`（编辑：孙丽　审核：赵强）` gave the editor `孙丽　审核：赵强`; without brackets the line stayed in the text."""
    doc = convert.prepare(read_text(f"# 标题\n\n正文第一段，说明情况。\n\n{closing}\n"))
    assert doc.meta.editor == "孙丽"
    assert [m.plain_text(m.block_inlines(b)) for b in doc.body] == ["正文第一段，说明情况。"]


# ---------------------------------------------------------------- a Taiwan paper's page


def test_a_reporters_place_is_not_the_word_for_a_report_sent_at_once() -> None:
    """`記者簡永祥／台北即時報導`: the place is 台北; it was `台北即時` (即時, at once)."""
    assert byline_fields("記者簡永祥／台北即時報導", chinese=True)["place"] == "台北"
    assert byline_fields("記者陳怡君／台北報導", chinese=True)["place"] == "台北"


@pytest.mark.parametrize("line", ["▪ 延伸閱讀：台積電美國廠進度超前", "• 延伸阅读：如何选购新能源车", "● 相關新聞｜油價下週調降"])
def test_a_bulleted_line_pointing_at_another_article_is_promotion(line: str) -> None:
    """Two `▪ 延伸閱讀：…` lines closing a page's text became a list of the titles of other articles."""
    from convert.readers.promotion import is_promotion

    assert is_promotion(line) and not is_promotion("延伸阅读这本书的人很多。")
    assert not is_promotion("延伸阅读：地铁错峰出行优惠如何申领？")  # a newsroom's sidebar (`tests/test_unseen5.py`)


def test_a_docx_headline_that_just_fits_its_line_once_marks_are_compressed_is_not_broken(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`专访｜“我们不是在造车，而是在造一台会跑的电脑”` fits the line in LibreOffice, its adjacent marks
    compressed; the DOCX broke it after `，`, the estimate counting each mark a whole em."""
    (source := tmp_path / "a.md").write_text("# 专访｜“我们不是在造车，而是在造一台会跑的电脑”\n\n正文第一段。\n",
                                             encoding="utf-8")
    out = convert.convert(source, to="docx", output=tmp_path / "a.docx", offline=True)
    assert "\n" not in _docx_title(out)


def test_an_epub_with_embedded_fonts_carries_the_faces_of_its_bold_and_its_emphasis(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`--embed-fonts` subset the body, heading and code faces: bold body text had no face of its own in
    the book (a reader honouring the book's fonts made it up), nor emphasis in the other face."""
    import io
    import zipfile

    from fontTools.ttLib import TTFont

    (source := tmp_path / "a.md").write_text(EMPHASIS, encoding="utf-8")
    book = zipfile.ZipFile(io.BytesIO(convert.convert(source, to="epub", offline=True, embed_fonts=True)))  # type: ignore[arg-type]
    fonts = {name: book.read(name) for name in book.namelist() if name.startswith("EPUB/fonts/")}

    def covers(name: str, text: str) -> bool:
        return {ord(ch) for ch in text} <= set(TTFont(io.BytesIO(fonts[name])).getBestCmap())

    assert covers("EPUB/fonts/noto-serif-cjk-sc-700.otf", "加粗的话")
    assert covers("EPUB/fonts/noto-sans-cjk-sc-400.otf", "需要强调的话重点")
    css = book.read("EPUB/style.css").decode()
    assert css.count("@font-face") == len(fonts) == 4


def test_taiwans_and_hong_kongs_copy_keeps_its_range_hyphens() -> None:
    """GB/T 15834 is the mainland's standard; Taiwan's and Hong Kong's papers print `1-10月`, `30%-40%`."""
    doc = convert.prepare(read_text("# 標題\n\n台積電今年1-10月營收約2.35兆元，年增30%-40%。\n"))
    assert m.plain_text(doc.body[0].content) == "台積電今年1-10月營收約2.35兆元，年增30%-40%。"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("line", "caption", "credit"), [
    ("资料图（新华社发）", "资料图", "新华社发"),
    ("港口夜景（视觉中国）", "港口夜景", "视觉中国"),
])
def test_a_picture_agency_in_brackets_ends_a_caption_as_its_credit(line: str, caption: str, credit: str) -> None:
    """`资料图（新华社发）` under a picture stayed a body paragraph: the agency was read only after a sentence
    end or a space."""
    from convert.enrich.captions import split_credit

    assert split_credit(line) == (caption, credit)
