"""A seventh round of inputs nothing before had: a wire story (新华社…电), a WeChat account's post, a
government notice; and what they showed was wrong, tested at the step that now reads it right."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

import convert
from convert import model as m
from convert.enrich.widths import dashes_and_ellipses
from convert.errors import collect_warnings
from convert.readers import read_text


def _applied(text: str) -> str:
    replaced = dashes_and_ellipses(text)
    return "".join(replaced.get(i, c) for i, c in enumerate(text))


@pytest.mark.parametrize("text", [
    "该船已开通上海—济州—福冈、上海—长崎等6条航线",  # a route: a chain of names
    "京—港—澳高速",
    "第二届中国—东盟博览会",  # a place and a body's abbreviation
    "沪—昆高铁全线贯通",
    "深圳—香港两地",
    "北京—雄安城际铁路",  # jieba does not know 雄安 for a place: what follows says it is one
    "記者自臺北—高雄航線獲悉",  # Traditional, read through Simplified
])
def test_a_dash_that_joins_names_stays_one_em(text: str) -> None:
    """GB/T 15834 §4.13: the one-em dash joins places and bodies; before, every lone dash beside Chinese
    text became the two-em dash of a sentence (`上海——济州——福冈`)."""
    assert _applied(text) == text


def test_an_en_dash_that_joins_names_becomes_the_one_em_dash() -> None:
    assert _applied("武汉–孝感城际") == "武汉—孝感城际"


@pytest.mark.parametrize("text, expected", [
    ("他说—我们会继续努力", "他说——我们会继续努力"),
    ("港珠澳大桥—连接三地的纽带", "港珠澳大桥——连接三地的纽带"),  # a name, then a phrase about it
    ("东临港—零碳码头的样板", "东临港——零碳码头的样板"),
    ("他的家乡—一个小山村—如今已通公路", "他的家乡——一个小山村——如今已通公路"),  # an aside: a long phrase
    ("球在门线—经裁判确认", "球在门线——经裁判确认"),
])
def test_a_lone_dash_of_a_sentence_still_takes_two_ems(text: str, expected: str) -> None:
    assert _applied(text) == expected


def test_the_route_reaches_every_edition_with_one_em_dashes() -> None:
    doc = convert.prepare(read_text("# 邮轮\n\n该船已开通上海—济州—福冈、上海—长崎等6条航线，中国—东盟合作持续深化。\n"))
    assert m.plain_text(doc.body[0].content) == "该船已开通上海—济州—福冈、上海—长崎等6条航线，中国—东盟合作持续深化。"  # type: ignore[attr-defined]


# ---------------------------------------------------------------- a WeChat post, pasted

WECHAT = """点击上方蓝字 关注我们

# 重磅！这座城市宣布：公积金贷款最高额度提高到120万元

原创 城市观察 城市观察 2024年11月26日 18:30 浙江

11月26日，杭州市住房公积金管理中心发布《关于调整住房公积金贷款政策的通知》，自12月1日起施行。

**01 额度提高**

缴存职工家庭购买首套住房的，公积金贷款最高额度由原来的100万元提高至120万元。

你怎么看？欢迎在评论区留言👇

END

往期推荐

杭州地铁三期规划获批，这些区域迎来利好

2024年杭州人才新政全文来了
"""


def test_a_wechat_header_that_ends_with_the_province_gives_the_account_and_the_time() -> None:
    """Since 2022 WeChat prints where a post was sent from after its time; the header stayed a paragraph."""
    doc = convert.prepare(read_text(WECHAT))
    assert doc.meta.source_site == "城市观察" and not doc.meta.authors  # the account wrote it: named twice
    assert doc.meta.date == "2024-11-26T18:30"
    texts = [m.plain_text(m.block_inlines(block)) for block in doc.body]
    assert not any("原创" in text for text in texts)


def test_the_call_for_comments_and_the_titles_of_more_reading_are_dropped() -> None:
    """Pasted as text, the "more reading" links are plain titles; they stayed under the article."""
    doc = convert.prepare(read_text(WECHAT))
    texts = [m.plain_text(m.block_inlines(block)) for block in doc.body]
    assert texts[-1].startswith("缴存职工家庭")
    assert not any("评论区" in text or "地铁" in text or "人才新政" in text for text in texts)


def test_a_sentence_about_comments_stays() -> None:
    doc = convert.prepare(read_text("# 标题\n\n正文第一段，说明情况。\n\n编辑部欢迎读者来信。\n\n欢迎在评论区留言。\n"))
    texts = [m.plain_text(m.block_inlines(block)) for block in doc.body]
    assert "编辑部欢迎读者来信。" in texts


def test_a_section_number_does_not_split_the_word_after_it() -> None:
    """`01 额度提高`: jieba's dictionary has `度提高`, and the word after a number was split as if `额` were its
    unit (`01 额` / `度提高`), so the heading could break inside `额度`. Only a unit or measure word may be."""
    from convert.scripts import heading_words, number_parts

    text = "01 额度提高"
    assert [text[a:b] for a, b in heading_words(text)] == ["额度", "提高"]
    assert [text[a:e] for a, _, e in number_parts(text, True)] == ["01 额度"]
    text = "2024年前三季度营收"  # a measure word: the unit, and the next phrase's start, as before
    assert [text[a:e] for a, _, e in number_parts(text, True)] == ["2024年"]


# ---------------------------------------------------------------- a government notice

NOTICE = """# 关于推动制造业数字化转型的实施意见

各区人民政府，市政府各部门：

为深入贯彻落实国家关于加快推进制造业数字化转型的决策部署，结合本市实际，提出如下意见。

本意见自2025年1月1日起施行，有效期5年。

附件：1.重点任务分工表
　　　2.政策申报指南

XX市人民政府
2024年11月20日

（此件公开发布）
"""


def test_lines_lined_up_with_ideographic_spaces_stay_lines_set_unindented(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Markdown joined `　　　2.政策申报指南` to the line above (`east_asian_line_breaks` drops the break
    between two CJK characters): the attachments read as one line with a hole in it."""
    doc = convert.prepare(read_text(NOTICE))
    attachments = next(b for b in doc.body if m.plain_text(b.content).startswith("附件"))  # type: ignore[attr-defined]
    assert attachments.role == "aligned"  # type: ignore[attr-defined]
    lines = [m.plain_text(line) for line in m.split_lines(attachments.content)]  # type: ignore[attr-defined]
    assert lines == ["附件：1.重点任务分工表", "\u3000\u3000\u30002.政策申报指南"]
    (tmp_path / "notice.md").write_text(NOTICE, encoding="utf-8")
    html = convert.convert(tmp_path / "notice.md", to="html", offline=True).decode()  # type: ignore[union-attr]
    assert '<p class="aligned">附件' in html and "<br />\u3000\u3000\u30002." in html


def test_the_issuer_and_date_typed_one_under_the_other_sign_off_above_a_note() -> None:
    """Markdown makes the two lines one (`XX市人民政府 2024年11月20日`), and the note under them
    (`（此件公开发布）`) hid them from the sign-off: they were a body paragraph, flush left."""
    doc = convert.prepare(read_text(NOTICE))
    *_, signoff, note = doc.body
    assert signoff.role == "signoff"  # type: ignore[attr-defined]
    assert [m.plain_text(line) for line in m.split_lines(signoff.content)] == ["XX市人民政府", "2024年11月20日"]  # type: ignore[attr-defined]
    assert m.plain_text(note.content) == "（此件公开发布）" and not note.role  # type: ignore[attr-defined]


def test_a_sentence_ending_with_a_date_is_no_sign_off() -> None:
    doc = convert.prepare(read_text("# 标题\n\n正文第一段，说明情况。\n\n会议定于 2024年11月20日\n"))
    assert not doc.body[-1].role  # type: ignore[attr-defined]


# ---------------------------------------------------------------- a table of figures

STANDINGS = """# 积分榜

| 排名 | 球队 | 积分 | 净胜球 | 备注 |
|---|---|---|---|---|
| 1 | 上海海港 | 68 | +41 | — |
| 2 | 上海申花 | 65 | +35 | — |
| 3 | 成都蓉城 | 59 | 24.5% | 升级 |

| 项目 | 金额 |
|---|:-:|
| 研发 | 3,006亿元 |
"""


def test_columns_of_figures_are_set_flush_right_head_and_all(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A Markdown table without `---:` set its figures flush left (`68` under `6`): a column that holds only
    figures (a sign, separators, a per cent or a unit) is right-aligned, its heading with it; a column
    of words, one of dashes only, and one the writer aligned are left as they are."""
    doc = convert.prepare(read_text(STANDINGS))
    standings, amounts = (b for b in doc.body if isinstance(b, m.Table))
    assert [cell.align for cell in standings.header[0]] == ["right", "", "right", "right", ""]
    assert {tuple(cell.align for cell in row) for row in standings.body} == {("right", "", "right", "right", "")}
    assert [cell.align for cell in amounts.body[0]] == ["", "center"]  # the writer's own
    (tmp_path / "t.md").write_text(STANDINGS, encoding="utf-8")
    html = convert.convert(tmp_path / "t.md", to="html", offline=True).decode()  # type: ignore[union-attr]
    assert re.search(r'<td style="text-align: right">(<span class="nobr">)?68<', html)
    document = zipfile.ZipFile(io.BytesIO(convert.convert(tmp_path / "t.md", to="docx", offline=True))).read(  # type: ignore[arg-type]
        "word/document.xml").decode()
    assert document.count('w:jc w:val="right"') >= 12  # 3 columns × (head + 3 rows)


def test_an_interviews_closing_reporter_line_is_its_byline() -> None:
    """`（本报记者 刘洋 采访整理）` under a Q&A: `采访整理` (interviewed and wrote up) is what the reporter did,
    no name; the line stayed at the foot of the text and the byline named no one."""
    from convert.enrich.bylines import reporter_fields

    assert reporter_fields("（本报记者 刘洋 采访整理）") == {"authors": ("刘洋",), "reported": True}
    assert reporter_fields("記者 林佳蓉 採訪") == {"authors": ("林佳蓉",), "reported": True}
    doc = convert.prepare(read_text("# 专访：量子计算\n\n**记者：** 您如何评价？\n\n**张明：** 意义重大。\n\n"
                                    "（本报记者 刘洋 采访整理）\n"))
    assert doc.meta.authors == ("刘洋",)
    assert "刘洋" not in m.plain_text(m.block_inlines(doc.body[-1]))


def test_a_docx_line_that_ends_at_a_break_is_not_spread_to_the_margin(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A justified paragraph's line before a line break (`附件：1.重点任务分工表`) was spread across the page
    by LibreOffice (and Word) letter by letter; the PDF and the EPUB set such a line as a last line.
    Word's compatibility setting `doNotExpandShiftReturn`, which LibreOffice reads too."""
    import subprocess

    from docx_layout import libreoffice_pdfs

    (tmp_path / "notice.md").write_text(NOTICE, encoding="utf-8")
    data = convert.convert(tmp_path / "notice.md", to="docx", offline=True)
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()  # type: ignore[arg-type]
    assert "<w:doNotExpandShiftReturn/>" in settings
    pdf = libreoffice_pdfs({"notice": data}, tmp_path / "lo")["notice"]  # type: ignore[dict-item]
    words = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    found = [(float(y), text) for y, text in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]+)</word>', words)]
    top = next(y for y, text in found if text.startswith("附件"))
    line = [text for y, text in found if abs(y - top) < 1]
    assert len(line) <= 2 and "".join(line) == "附件：1.重点任务分工表", line  # spread, it is ten words


# ---------------------------------------------------------------- a Weibo news post

WEIBO = """# #杭州亚运会#中国队金牌数突破200枚！

【#杭州亚运会#中国队金牌数突破200枚】据@央视新闻 消息，10月7日下午，林雨薇以12秒74的成绩夺冠。

截至发稿，中国代表团共获得200金111银71铜。

#亚运会# #中国骄傲#
"""


def test_a_weibo_posts_repeated_title_and_closing_topics_leave_the_text() -> None:
    """The post repeats its headline in brackets at the top of its text, and ends with a line of topics:
    both were body text. The topics are the article's keywords."""
    doc = convert.prepare(read_text(WEIBO))
    texts = [m.plain_text(m.block_inlines(block)) for block in doc.body]
    assert texts[0].startswith("据@央视新闻") and len(texts) == 2
    assert doc.meta.keywords == ("亚运会", "中国骄傲")


def test_a_bracketed_lead_that_is_not_the_title_stays() -> None:
    doc = convert.prepare(read_text("# 港口集团发布三年行动方案\n\n【独家】据报道，港口集团近日发布方案。\n"))
    assert m.plain_text(m.block_inlines(doc.body[0])).startswith("【独家】")


def test_a_taiwan_papers_further_reading_in_brackets_leaves_with_its_titles() -> None:
    """`【延伸閱讀】` and the related story's title under it (a link, pasted as text) closed the article
    as a section of its own."""
    doc = convert.prepare(read_text("# 台積電法說會\n\n台積電今日舉行法人說明會，預估營收季增約13%。\n\n"
                                    "資料來源：台積電\n\n【延伸閱讀】\n\n台積電ADR收盤大漲9.8% 市值首度突破1兆美元\n"))
    texts = [m.plain_text(m.block_inlines(block)) for block in doc.body]
    assert not any("延伸閱讀" in text or "ADR" in text for text in texts), texts


def test_in_a_web_page_a_new_line_before_ideographic_spaces_is_no_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Only typed text keeps its lines: in a page's markup a new line is a space, whatever follows it."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>标题</h1><p>第一句。<br>\n\u3000\u3000第二句话。</p><p>甲\n\u3000\u3000乙</p>"
                    "</body></html>", encoding="utf-8")
    doc = convert.read(str(page), offline=True)
    assert not any(isinstance(node, m.LineBreak) for block in doc.body for node in block.content)  # type: ignore[attr-defined]
    assert [m.plain_text(block.content) for block in doc.body] == ["第一句。", "第二句话。", "甲 \u3000\u3000乙"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text, expected", [
    ('他说："这是"暗伤"吗？"', "他说：“这是‘暗伤’吗？”"),  # a quotation inside a quotation, all in ASCII marks
    ('"这是"关键"的一步。"', "“这是‘关键’的一步。”"),
    ('他说"好"，她说"不"。', "他说“好”，她说“不”。"),  # two quotations, one after the other
    ('狂奔的龙湖集团"暗伤"曝露', "狂奔的龙湖集团“暗伤”曝露"),
    ('新区"智慧港口"一期投产。据介绍（下称"调度系统"），年', "新区“智慧港口”一期投产。据介绍（下称“调度系统”），年"),  # terms
])
def test_ascii_quotes_nested_in_a_quotation_take_single_marks(text: str, expected: str) -> None:
    """GB/T 15834 §4.1: a quote inside a quote takes single marks. The inner pair of ASCII marks was taken
    for a close and an open (`“这是”暗伤“吗？”`)."""
    from convert.enrich.quotes import requote

    assert "".join(requote([text])) == expected


def test_lines_indented_with_ideographic_spaces_are_paragraphs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Text copied from Word or a Chinese page into a .txt has one paragraph per line, each indented with two
    ideographic spaces, and no blank line between: Markdown made them one run-on paragraph with holes in it
    (`…说明情况。　　第二段…`). Each line is a paragraph of its own, its indent left to the edition."""
    source = tmp_path / "pasted.txt"
    source.write_text("标题：测试\n\n　　第一段内容，说明情况。\n　　第二段内容，继续说明。\n　　第三段：\n　　1.项目一\n",
                      encoding="utf-8")
    doc = convert.read(str(source))
    assert [m.plain_text(m.block_inlines(b)) for b in doc.body] == [
        "第一段内容，说明情况。", "第二段内容，继续说明。", "第三段：", "1.项目一"]


def test_a_weibo_post_pasted_without_a_heading_is_titled_by_its_bracketed_headline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Pasted as text, the post has no `#` heading: its title was its first sentence, cut
    (`【#杭州亚运会#中国队金牌数突破200枚】据@央视新闻 消息…`). The bracketed headline is the title, its topic
    marks dropped, and the lead loses the repeat; a wire's flash mark in brackets is no headline."""
    source = tmp_path / "weibo.txt"
    source.write_text("【#杭州亚运会#中国队金牌数突破200枚】据@央视新闻 消息，林雨薇以12秒74的成绩夺冠。\n\n"
                      "截至发稿，中国代表团共获得200金111银71铜。\n\n#亚运会# #中国骄傲#\n", encoding="utf-8")
    with collect_warnings():
        doc = convert.read(str(source))
    assert doc.meta.title == "杭州亚运会中国队金牌数突破200枚"
    assert m.plain_text(m.block_inlines(doc.body[0])).startswith("据@央视新闻")
    source.write_text("【新华社北京11月27日电】记者27日从有关部门获悉，邮轮完成第100个航次。\n", encoding="utf-8")
    with collect_warnings():
        assert convert.read(str(source)).meta.title.startswith("【新华社北京11月27日电】记者")  # its first sentence
