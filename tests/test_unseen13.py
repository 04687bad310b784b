"""Unseen inputs, thirteenth round: what testers' new inputs, and the last round's notes, showed wrong
(see each test's docstring)."""

from __future__ import annotations

from pathlib import Path

import pytest

import convert

STANZA = "国破山河在，城春草木深。\n感时花溅泪，恨别鸟惊心。\n烽火连三月，家书抵万金。\n白头搔更短，浑欲不胜簪。"


def test_every_line_of_a_centred_stanza_is_centred_alike(tmp_path: Path) -> None:
    """A line that ends at a forced break (`<br>`) had its closing `。` set full width, the stanza's last
    line half width (the layout hook found the break's empty box at the line's end, not the mark): the
    last line sat a quarter em right of the others."""
    import pdfplumber

    (path := tmp_path / "poem.txt").write_text(f"春望\n\n读杜甫。\n\n{STANZA}\n\n雨还没有停。\n", encoding="utf-8")
    pdf = convert.convert(str(path), to="pdf", output=str(tmp_path / "poem.pdf"), offline=True)
    with pdfplumber.open(pdf) as document:
        lines: dict[int, list[dict]] = {}
        for char in document.pages[0].chars:
            lines.setdefault(round(char["top"]), []).append(char)
    starts = {"".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])):
              min(c["x0"] for c in chars) for chars in lines.values()}
    stanza = [starts[line] for line in STANZA.splitlines()]
    assert max(stanza) - min(stanza) < 0.3, stanza


@pytest.mark.parametrize(("text", "shown"), [
    ("歼-20战机和运-20运输机", "歼-20战机和运-20运输机"),  # was 歼−20: a minus sign in a model's name
    ("殲-20、紅旗-9與米格-29", "殲-20、紅旗-9與米格-29"),
    ("江苏-3.2%", "江苏\u22123.2%"), ("气温降至-5度", "气温降至\u22125度"),  # figures keep their sign
    ("直-5℃", "直\u22125℃"), ("同比-20", "同比\u221220"),
])
def test_a_series_model_number_keeps_its_hyphen(text: str, shown: str) -> None:
    from convert.enrich.minus import minus_signs

    assert minus_signs(text) == shown


WEIBO = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>五年，一万棵树 - 微博</title>
<meta property="og:title" content="五年，一万棵树"></head><body>
<div class="WB_global_nav"><a>首页</a><a>视频</a><a>发现</a><a>登录</a></div>
<div class="WB_artical"><div class="main_toppic"><div class="title">五年，一万棵树</div>
<div class="W_fl"><em class="W_autocut">治沙少年阿木</em> <span class="time">2025-03-12 20:48</span> <span>阅读数：8.6万</span></div></div>
<div class="WB_editor_iframe_new" node-type="contentBody">
<p>3月12日是植树节。今年，我们团队在内蒙古库布其沙漠边缘种下了第一万棵梭梭树。</p>
<p>这件事要从五年前说起。那时我还在北京一家互联网公司上班，一次出差让我第一次见到了沙尘暴的威力。</p>
<p>种树远比想象中难。第一年种下的三千棵树，成活率不到四成。我们请教了当地的老牧民和林业专家。</p>
<p>如今，当年的沙地上已经能看到成片的绿色，一些野兔和沙蜥也回来了。感谢所有支持过我们的人。</p>
</div>
<div class="DCI_v2"><p>本文仅代表作者观点，不代表新浪网立场</p></div>
<div class="WB_feed_handle"><a>转发 362</a><a>评论 511</a><a>赞 4218</a></div>
<div class="list_box"><div class="WB_text">@阳光小太阳：太感动了，支持！</div><div class="WB_text">@绿色地球：明年想一起去种树</div></div>
</div></body></html>"""


def test_a_posts_meta_line_names_its_poster_and_its_readers_comments_go(tmp_path: Path) -> None:
    """A Weibo article: its meta line (`<em>poster</em> date 阅读数：8.6万`) stayed the body's first paragraph
    and the byline named no author; the readers' two comments under the disclaimer were body text."""
    from convert import model as m

    (path := tmp_path / "weibo.html").write_text(WEIBO, encoding="utf-8")
    doc = convert.read(str(path))
    text = m.visible_text(doc)
    assert doc.meta.authors == ("治沙少年阿木",) and doc.meta.date == "2025-03-12T20:48"
    assert "阅读数" not in text and "阳光小太阳" not in text and "绿色地球" not in text
    assert m.plain_text(doc.body[0].content).startswith("3月12日是植树节")


@pytest.mark.parametrize(("lines", "kept"), [
    ("@人民日报：转发。\n\n@新华社：点赞。", True),  # two quoted posts ending an article: its own text
    ("@甲：一。\n\n@乙：二。\n\n@丙：三。", False),  # three readers' replies under it
])
def test_replies_ending_an_article_are_comments_only_in_a_run(tmp_path: Path, lines: str, kept: bool) -> None:
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"# 标题在此\n\n正文第一段，说明了事情的经过。\n\n{lines}\n", encoding="utf-8")
    assert ("@乙" in m.visible_text(convert.read(str(path))) or "@新华社" in m.visible_text(convert.read(str(path)))) == kept


@pytest.mark.parametrize("head", [
    "引题：东部通勤\n\n主题：深圳地铁14号线东延段开通\n\n副题：坪山进入“地铁时代”",  # a paragraph each
    "【引题】东部通勤  \n【主题】深圳地铁14号线东延段开通  \n【副题】坪山进入“地铁时代”",  # one, lines apart
    "主標題：深圳地铁14号线东延段开通\n\n副標題：坪山进入“地铁时代”\n\n肩題：东部通勤",
])
def test_a_manuscripts_labelled_headline_lines_are_its_headline(tmp_path: Path, head: str) -> None:
    """A newsroom manuscript labels its headline lines (`引题：`, `主题：`, `副题：`): the edition was titled
    `引题：东部通勤`, label and all, and the title and subtitle were body paragraphs."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"{head}\n\n本报记者 陈晓婷\n\n3月18日，深圳地铁14号线东延段正式开通运营。\n",
                                           encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.kicker, doc.meta.title, doc.meta.subtitle) == ("东部通勤", "深圳地铁14号线东延段开通", "坪山进入“地铁时代”")
    assert m.plain_text(doc.body[0].content).startswith("3月18日") and doc.meta.authors == ("陈晓婷",)


def test_a_labelled_line_without_a_title_line_is_left_as_written(tmp_path: Path) -> None:
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 深圳地铁开通\n\n副题：坪山进入地铁时代\n\n正文第一段。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.title == "深圳地铁开通" and "副题：坪山进入地铁时代" in m.visible_text(doc)


def test_a_pages_kicker_is_shown_without_its_label(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="utf-8"><title>深圳地铁14号线东延段开通，坪山进入“地铁时代”_界面新闻</title></head><body>'
            '<div class="article-header"><p class="article-sub-title">引题：东部通勤</p>'
            '<h1>深圳地铁14号线东延段开通，坪山进入“地铁时代”</h1></div><div class="article-content">'
            + "".join(f"<p>第{n}段：3月18日，深圳地铁14号线东延段正式开通运营，坪山区居民的通勤时间大为缩短，市民纷纷前往体验。</p>"
                      for n in range(1, 6)) + "</div></body></html>")
    (path := tmp_path / "jiemian.html").write_text(page, encoding="utf-8")
    assert convert.read(str(path)).meta.kicker == "东部通勤"


PHONE = "新款旗舰手机发布：3.5 GHz芯片、120 Hz屏幕与5,000 mAh电池能否撑起￥5999的定价？"


def test_a_space_inside_latin_text_is_no_phrase_space() -> None:
    from convert.scripts import heading_clauses, phrase_spaces

    assert phrase_spaces(PHONE) == []  # `3.5 GHz`: a number and its unit, not two phrases
    assert phrase_spaces("10年來首度調漲 4月起") == [8] and phrase_spaces("海港 “上海德比”") == [2]
    assert all(not PHONE[start:end].startswith(("GHz", "Hz", "mAh")) for start, end in heading_clauses(PHONE))


def test_a_headline_with_spaced_units_stays_on_the_page(tmp_path: Path) -> None:
    """The headline's clauses were cut at each number's space (`3.5 ` / `GHz芯片…`), inside the group that
    holds `3.5 GHz` together: the first clause's span never closed, the whole headline was held on one
    line, and the PDF cut it off at the page's edge (`…与 5,000 mA`)."""
    import pdfplumber

    (path := tmp_path / "phone.md").write_text(f"# {PHONE}\n\n记者 王晓峰\n\n新款手机昨日发布。\n", encoding="utf-8")
    pdf = convert.convert(str(path), to="pdf", output=str(tmp_path / "p.pdf"), offline=True)
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        big = [c for c in page.chars if c["size"] > 15]
        assert "".join(c["text"] for c in big).replace(" ", "") == PHONE.replace(" ", "")
        assert max(c["x1"] for c in big) < page.width - 30


@pytest.mark.parametrize("name", ["阿贝贝·蒂鲁内什", "基普罗诺‧图瓦", "マイケル・ジョーダン"])
def test_a_names_interpunct_never_starts_a_line(name: str) -> None:
    """The e-reader PDF broke `…阿贝贝` / `·蒂鲁内什`: UAX #14 lets a line break before `·` beside Han."""
    from convert.writers.cjk import Typesetting, typeset

    import re

    out = typeset(f"<p>女子冠军由埃塞俄比亚选手{name}夺得。</p>", Typesetting())
    at = next(index for index, char in enumerate(name) if char in "·‧・")
    held = [re.sub("<[^>]+>", "", group) for group in re.findall(r'<span class="nobr"[^>]*>(.*?)</span>', out)]
    assert any(name[at - 1:at + 1] in group for group in held), out


def test_a_particle_after_a_closing_quote_goes_with_it() -> None:
    """A heading broke `…“被掐尖”` / `的角色互换`: a particle is held to the word before it, but not to a quote."""
    from convert.scripts import heading_words

    text = "从“掐尖”到“被掐尖”的角色互换"
    at = text.index("的")
    assert any(start < at < end for start, end in heading_words(text))


def test_a_marathons_time_may_break_after_its_hours() -> None:
    """`2小时08分17秒` was one unbreakable group, 7 em wide: at a phone's width the EPUB letter-spaced the
    line before it by up to 0.96 em (`最 终 ， 肯 尼 亚 …`). Its hours are a number with its unit now, as
    a date's year is; minutes and seconds stay whole."""
    from convert.scripts import number_groups

    text = "图瓦以2小时08分17秒夺冠"
    assert [text[a:b] for a, b in number_groups(text)] == ["2小时", "08分17秒"]


def test_the_vertical_docx_sets_no_gap_beside_an_upright_number(tmp_path: Path) -> None:
    """The vertical DOCX set each short number upright (縦中横) and a no-break space after it as the
    Han/Latin gap: `23 棟` and `10 月 25 日` showed a hole in the column."""
    import zipfile

    (path := tmp_path / "a.md").write_text("# 老街新貌\n\n記者陳怡君／台北報導\n\n這條老街共有23棟老房子，於10月25日重新開放。\n",
                                           encoding="utf-8")
    xml = {edition: zipfile.ZipFile(convert.convert(str(path), to="docx", edition=edition, offline=True,
                                                    output=str(tmp_path / f"{edition}.docx"))).read("word/document.xml")
           .decode() for edition in ("horizontal", "vertical")}
    assert "\u00a0" in xml["horizontal"] and "\u00a0" not in xml["vertical"] and "w:vert=" in xml["vertical"]


def test_a_subscript_or_superscript_ends_a_latin_word_for_the_gap() -> None:
    """`以 CO₂和 CH₄的`: the gap stood before `CO₂` and not after it, the subscript read as no Latin."""
    from convert.scripts import gap_sides

    text = "以CO₂和CH₄的排放，面积100m²的房子"
    assert {text[i] + str(i) for i, side in gap_sides(text).items() if "r" in side} == {"₂3", "₄7", "²18"}


def test_a_theme_may_ask_for_a_docx_without_joiners(tmp_path: Path) -> None:
    """Three testers flagged the DOCX's invisible joiners (U+200D), which Word's Find and a copy carry:
    a theme may now ask for plain text."""
    import zipfile

    (path := tmp_path / "a.md").write_text("# 标题\n\n全市共有36位代表，投资1.8亿元。\n", encoding="utf-8")
    (theme := tmp_path / "plain.toml").write_text('name = "plain"\nextends = "default"\n\n[cjk]\ndocx_joiners = false\n',
                                                  encoding="utf-8")
    xml = {style: zipfile.ZipFile(convert.convert(str(path), to="docx", offline=True, theme=style,
                                                  output=str(tmp_path / f"{Path(style).stem}.docx")))
           .read("word/document.xml").decode() for style in ("default", str(theme))}
    assert "\u200d" in xml["default"] and "\u200d" not in xml[str(theme)] and "36位代表" in xml[str(theme)]


@pytest.mark.parametrize(("tail", "kept"), [
    ("![](photo.jpg)", 1), ("![](a.jpg)\n\n![](b.jpg)", 2),  # the writer's own photos after the text
    ("![](images/logo.png)", 0), ("![](qrcode.jpg)", 0),  # a site's logo, its QR code
    ("![](https://example.com/2014/114048455.jpg)", 0),  # pasted from the web with the text
])
def test_a_photo_after_the_last_paragraph_is_kept(tmp_path: Path, tail: str, kept: int) -> None:
    """Every picture with no alt text after the article's last text was taken for a site's logo and
    deleted, with no warning: a 1600×1200 photo, three of them, an article that is only a photo."""
    from PIL import Image

    for name in ("photo.jpg", "a.jpg", "b.jpg", "qrcode.jpg"):
        Image.new("RGB", (1600, 1200), "teal").save(tmp_path / name)
    (tmp_path / "images").mkdir()
    Image.new("RGB", (120, 40), "red").save(tmp_path / "images" / "logo.png")
    (path := tmp_path / "a.md").write_text(f"# 港口新闻\n\n码头今天恢复作业。\n\n{tail}\n", encoding="utf-8")
    assert len(convert.read(str(path)).figures) == kept


def test_the_epub_names_the_author_the_other_editions_name(tmp_path: Path) -> None:
    """An unsigned story of a named outlet: the PDF and the DOCX named the outlet as its author, the
    EPUB its editor (dc:creator), or no one."""
    import zipfile

    from pypdf import PdfReader

    (path := tmp_path / "a.md").write_text("---\ntitle: 劏房調查\nsource: 明報新聞網\neditor: 何詠詩\n---\n\n社協昨日公布調查結果。\n",
                                           encoding="utf-8")
    epub = zipfile.ZipFile(convert.convert(str(path), to="epub", offline=True, output=str(tmp_path / "a.epub")))
    opf = epub.read("EPUB/content.opf").decode()
    pdf = PdfReader(convert.convert(str(path), to="pdf", offline=True, output=str(tmp_path / "a.pdf")))
    assert pdf.metadata["/Author"] == "明報新聞網"
    assert '<dc:creator id="creator-1">明報新聞網</dc:creator>' in opf
    assert '<dc:contributor id="contributor-2">何詠詩</dc:contributor>' in opf


def test_a_pasted_full_stop_after_a_quotation_closing_on_a_figure() -> None:
    """Word-pasted `…备货准确率达到了92%”.` kept its ASCII full stop: only a quotation that closes on a
    Han character was a Chinese sentence's end."""
    from convert.enrich.widths import full_width_punctuation

    assert full_width_punctuation("准确率达到了92%”.") == "准确率达到了92%”。"
    assert full_width_punctuation("the rate is 92%.") == "the rate is 92%."


def _word(path: Path, lines: list[tuple[str, str]], title: str = "") -> Path:
    """A .docx of (style, text) lines: 'bold' is a Normal paragraph in bold, as a headline is typed."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for style, text in lines:
        if style == "bold":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text, style=style)
    document.save(path)
    return path


def test_a_word_headline_typed_big_and_bold_titles_it_over_its_section_headings(tmp_path: Path) -> None:
    """Its sections in `Heading 1`, a Word document was titled by its first section (`第1部分　调查所见`),
    its real headline and kicker a kicker, its byline lost."""
    from convert import model as m

    path = _word(tmp_path / "a.docx", [
        ("Normal", "坚持绿色发展"), ("bold", "黄河生态保护治理取得新进展"), ("Normal", "——沿黄九省区协同推进生态修复"),
        ("Normal", "本报记者 蒋八　孟九"), ("Normal", "黄河流域生态环境明显改善。"), ("Heading 1", "上游：水源涵养"),
        ("Normal", "上游水源涵养能力持续提升。")])
    doc = convert.read(str(path))
    assert (doc.meta.kicker, doc.meta.title, doc.meta.subtitle) == (
        "坚持绿色发展", "黄河生态保护治理取得新进展", "——沿黄九省区协同推进生态修复")
    assert doc.meta.authors == ("蒋八", "孟九") and m.plain_text(doc.body[0].content) == "黄河流域生态环境明显改善。"


def test_a_word_headline_under_the_same_title_property_is_not_repeated(tmp_path: Path) -> None:
    """Word's (or LibreOffice's) title property equal to the big bold first line: the headline was set
    twice, the second time as a section heading, and the date under it was left in the body."""
    path = _word(tmp_path / "a.docx", [("bold", "黄河生态保护治理取得新进展"), ("Normal", "本报记者 蒋八"),
                                       ("Normal", "2025年6月5日"), ("Normal", "黄河流域生态环境明显改善。")],
                 title="黄河生态保护治理取得新进展")
    doc = convert.read(str(path))
    from convert import model as m

    assert m.plain_text(doc.body[0].content) == "黄河流域生态环境明显改善。" and doc.meta.date == "2025-06-05"


def test_a_docx_editions_byline_reads_back(tmp_path: Path) -> None:
    """An edited DOCX edition, built again: its byline (`记者：赵六、钱七 · 2025年1月14日`, the editions' own
    separator) came back as a body paragraph, the authors and the date lost."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 高铁春运\n\n记者 赵六 钱七\n\n2025年1月14日\n\n春运首日，各大车站客流平稳。\n",
                                           encoding="utf-8")
    first = convert.read(str(path))
    docx = convert.convert(str(path), to="docx", offline=True, output=str(tmp_path / "back.docx"))
    again = convert.read(str(docx))
    assert (again.meta.authors, again.meta.date) == (first.meta.authors, first.meta.date) == (("赵六", "钱七"), "2025-01-14")
    assert m.plain_text(again.body[0].content) == "春运首日，各大车站客流平稳。"


def test_file_has_han_never_opens_a_fifo(tmp_path: Path) -> None:
    """A FIFO named as an article hung the worker's warm-up, which opened it to look for Chinese."""
    import os

    from convert.scripts import file_has_han

    os.mkfifo(fifo := tmp_path / "article.md")
    assert file_has_han(fifo) is False
    (text := tmp_path / "a.md").write_text("中文", encoding="utf-8")
    assert file_has_han(text) is True


def test_a_word_caption_under_a_table_that_lays_out_one_picture_is_the_pictures(tmp_path: Path) -> None:
    """A picture in a table cell, Word's `图 1 …` caption under the table: pandoc gave the caption to the
    table, which was set `表 1　广州南站…`, and the picture was captioned by its alt text."""
    import docx
    from docx.shared import Cm
    from PIL import Image

    Image.new("RGB", (400, 300), "teal").save(picture := tmp_path / "p.png")
    document = docx.Document()
    document.add_paragraph("铁路部门在各站增开临时列车。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run().add_picture(str(picture), width=Cm(4))
    table.cell(0, 1).text = "广州南站：日均发送旅客35万人次。"
    document.add_paragraph("图 1 广州南站的候车大厅。", style="Caption")
    document.add_paragraph("春运期间客流平稳。")
    document.save(path := tmp_path / "a.docx")
    doc = convert.read(str(path))
    from convert import model as m

    assert [m.plain_text(f.caption) for f in doc.figures] == ["广州南站的候车大厅。"]
    assert not any(isinstance(b, m.Table) and b.caption for b in doc.body)


def test_a_headline_with_bidi_controls_is_not_repeated_as_a_heading(tmp_path: Path) -> None:
    """The title loses its bidi overrides (`标题\u202egnp.exe\u202c`): the heading it came from was then
    taken for a longer headline cut short and kept in the body, where it showed the spoof `标题exe.png`."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text("# 标题\u202egnp.exe\u202c 反转\n\n正文第一段。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.title == "标题gnp.exe 反转" and not any(isinstance(b, m.Heading) for b in doc.body)


@pytest.mark.parametrize(("line", "notice"), [
    ("本内容为作者独立观点，不代表虎嗅立场。未经允许不得转载。", True),
    ("如对本稿件有异议或投诉，请联系tougao@example.com", True),
    ("发言人表示，该言论不代表公司立场。", False),  # a sentence of the report
])
def test_a_platforms_note_under_a_contributors_piece_is_a_notice(tmp_path: Path, line: str, notice: bool) -> None:
    """虎嗅's notes under a contributor's piece stayed body paragraphs: the disclaimer rule did not know them."""
    from convert import model as m

    (path := tmp_path / "a.md").write_text(f"# 标题\n\n正文第一段，说明了事情的经过。\n\n{line}\n", encoding="utf-8")
    assert any(isinstance(b, m.Notice) for b in convert.read(str(path)).body) == notice


@pytest.mark.parametrize("desk", ["本报调查组", "本报评论员", "人民日报评论员", "本报记者调查组"])
def test_a_desk_signing_as_one_is_the_byline(tmp_path: Path, desk: str) -> None:
    """`本报调查组` under a headline stayed a body paragraph, and the edition named no author."""
    (path := tmp_path / "a.md").write_text(f"# 乡村振兴一线调查\n\n{desk}\n\n当地群众表示，道路修通以后，农产品销路明显好转。\n",
                                           encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == (desk,) and len(doc.body) == 1
