"""A fourth round of inputs nothing before had (`tests/data/unseen4/`), Chinese news as a newsroom gets
it: a WeChat article saved with its `<section>` soup, "follow us" lines, animated banners, QR code and
"more reading" list; saved pages shaped like Xinhua (`原标题：`, `【责任编辑：X】`, a credit under the
picture), Sina (GBK declared in a meta tag only, the headline only in og:title, `责任编辑：张明 SN225` in
the byline's element) and the Liberty Times (Big5, `〔記者X／台北報導〕` opening the lead); Markdown with
numbered section lines (`一、`), a press release with `①②` notes and `（完）`, a correction with an HTML
table, a picture whose file name has a space and `<ruby>`; a GB18030 text file with a BOM, CRLF line ends
and ASCII punctuation between Han characters; a Q&A, a live blog, a 32,000-character report, a one-line
article and one that is only a table.

What they showed was wrong is tested at the step that now reads it right."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

import convert
import convert.enrich
import convert.readers
from convert import model as m
from convert.enrich.captions import split_credit
from convert.enrich.widths import full_width_punctuation

from conftest import ROOT, block_texts as blocks, every_edition, invalid_editions

UNSEEN = ROOT / "tests" / "data" / "unseen4"


def read(name: str) -> m.Document:
    return convert.read(str(UNSEEN / name))


# ---------------------------------------------------------------- saved pages


def test_wechat_article_is_its_text_without_the_accounts_chrome() -> None:
    """A WeChat article has no `<nav>` or footer: it was read whole, so `点击上方蓝字关注我们`, `—END—`, the
    `往期推荐` list, the QR code's line, `分享、点赞、在看` and `阅读原文 阅读 3205` were article text, the
    account's line `原创 滨江发布 2025-03-13 08:00` a paragraph, and the page had no date or site."""
    doc = read("wechat-soup.html")
    assert (doc.meta.title, doc.meta.source_site, doc.meta.date, doc.meta.editor) == \
        ("滨江区老旧小区加装电梯提速 今年将完成120台", "滨江发布", "2025-03-13T08:00+08:00", "李想")
    text = m.visible_text(doc)
    for chrome in ("点击上方蓝字", "END", "往期推荐", "封闭施工", "二维码", "在看", "阅读原文", "3205", "原创"):
        assert chrome not in text, chrome
    assert not doc.figures  # the animated "follow us" banner (mmbiz_gif, no alt) and the QR code
    # the section head's full-width indent (`<strong>　　审批…</strong>`) is not part of the heading
    assert ("Heading", "审批时间缩短一半") in blocks(doc)
    paragraphs = [t for kind, t in blocks(doc) if kind == "Paragraph"]
    assert paragraphs[0] == "记者从区住建局获悉，今年滨江区计划在老旧小区完成加装电梯120台，比去年多出近一倍。🏢"
    # the source line names another source than the account: it stays; the reviewer's line (`审核：王强`) is a
    # credit of the desk's, which goes with the editor's line (`enrich.bylines._STAFF`)
    assert paragraphs[-1] == "来源：滨江区住建局" and "审核" not in text


def test_wire_page_with_original_title_credit_and_bracketed_editor() -> None:
    """`原标题：` above the lead hid the lead's dateline (no authors); the line under the picture ending in
    `新华社记者 王松 摄` was a paragraph, not its caption; `【责任编辑：刘洋】` stayed in the text; and
    `<title>…-新华网</title>` gave the site `-新华网`."""
    doc = read("xinhua-like.html")
    assert (doc.meta.authors, doc.meta.place, doc.meta.editor, doc.meta.source_site) == \
        (("林凡", "张晓"), "福州", "刘洋", "新华网")
    [figure] = doc.figures
    assert (m.plain_text(figure.caption), figure.credit) == ("4月18日，工人在泉州湾跨海大桥上作业。", "新华社记者 王松")
    text = m.visible_text(doc)
    assert "责任编辑" not in text and "新华社记者 王松 摄" not in text
    for chrome in ("首页", "微博", "下一页", "相关新闻", "联调联试，确保年内开通运营。福厦", "关于我们"):
        assert chrome not in text, chrome
    # the portal's note of the wire's own headline is no text of the edition's (it was kept until 2026-11-29)
    assert "原标题" not in text and blocks(doc)[0][1].startswith("新华社福州4月18日电")


def test_gbk_page_titled_in_og_title_whose_byline_element_names_the_editor() -> None:
    """Sina's `<p class="show_author">责任编辑：张明 SN225</p>` was taken for the author (`责任编辑：张明 Sn`,
    after trafilatura's casing); the reporters of `本报讯（记者 赵磊 通讯员 孙婷）` were not found."""
    doc = read("sina-gbk.html")
    assert (doc.meta.title, doc.meta.authors, doc.meta.editor, doc.meta.date) == \
        ("暴雨致京港澳高速部分路段封闭 交警发布绕行提示", ("赵磊", "孙婷"), "张明", "2025-07-22T09:15+08:00")
    text = m.visible_text(doc)
    for chrome in ("新浪首页", "相关阅读", "我要评论", "SINA", "SN225"):
        assert chrome not in text, chrome


def test_big5_page_whose_lead_opens_with_the_bracketed_reporter() -> None:
    """`〔記者陳怡君／台北報導〕台北捷運…`: the reporter and place were found on a line of their own only, and
    `〔點我看更多自由時報新聞〕` stayed in the article."""
    doc = read("ltn-big5.html")
    assert (doc.meta.authors, doc.meta.place, doc.meta.reported, doc.meta.lang) == \
        (("陳怡君",), "台北", True, "zh-Hant-TW")
    text = m.visible_text(doc)
    assert "看更多" not in text and "APP" not in text and "相關新聞" not in text
    assert text.count("台北捷運板南線") == 1


# ---------------------------------------------------------------- Markdown and text


def test_wechat_article_pasted_as_text() -> None:
    """Copied out of WeChat and pasted: `点击上方蓝字关注我们` was the article's title, the account's line
    `原创 城建观察 2025-04-02 07:30` a paragraph, and `—END—`, the `往期推荐` links, the QR code, its
    `长按识别二维码关注我们`, `分享、点赞、在看…` and `阅读原文` were article text."""
    doc = read("wechat-paste.md")
    assert (doc.meta.title, doc.meta.source_site, doc.meta.date, doc.meta.editor) == \
        ("今年我市将新建口袋公园50个", "城建观察", "2025-04-02T07:30", "孙悦")
    assert [t[:8] for _, t in blocks(doc)] == ["记者从市园林局获", "“下楼就能遛弯，", "据介绍，口袋公园", "来源：市园林局"]
    assert not doc.figures


def test_lines_that_only_mention_promotion_words_stay() -> None:
    source = convert.readers.read_text("""# 扫码乘车全面推广

点击上方的按钮即可开通扫码乘车。

市民可在车站长按识别二维码领取乘车卡，工作人员介绍，这一功能上线一个月，已有12万人次使用，分享、点赞的市民很多。

阅读原文需要登录。
""", name="scan.md")
    doc = convert.enrich.prepare(source)
    assert len([b for b in doc.body if isinstance(b, m.Paragraph)]) == 3


def test_numbered_section_lines_are_headings() -> None:
    """`一、支持企业吸纳就业` on its own line is how a report heads a section; it was a paragraph, so no edition
    had headings or bookmarks. Numbered sentences (`（一）发放…补助。对…`, `1.鼓励…。`) stay paragraphs."""
    doc = read("heads-as-paragraphs.md")
    assert [t for kind, t in blocks(doc) if kind == "Heading"] == \
        ["一、支持企业吸纳就业", "二、拓宽就业渠道", "三、加强就业服务"]
    assert ("Paragraph", "（二）延续降低失业保险费率政策。") in blocks(doc)
    release = read("press-release.md")  # `一、申报范围为…小区②。`: sentences, no heads
    assert not [b for b in release.body if isinstance(b, m.Heading)]


def test_circled_number_notes_and_the_wires_end_mark() -> None:
    """`…申报工作①` with `①根据…` at the end: notes, as `[1]` ones are; and `（完）` ends the copy (it was
    printed as the last paragraph)."""
    doc = read("press-release.md")
    assert [m.plain_text(n.content[0].content) for n in doc.footnotes] == \
        ["根据《城市更新行动方案》确定。", "不含已列入拆迁计划的小区。"]
    text = m.visible_text(doc)
    assert "①" not in text and "②" not in text and "（完）" not in text
    assert blocks(doc)[-1] == ("Paragraph", "2025年4月10日")


def test_picture_with_a_space_in_its_file_name_and_ruby() -> None:
    """`![充电站 夜景](充电站 夜景.png)` was text (CommonMark wants `<…>` around such an address) and its
    brackets were then made full width: `![充电站 夜景]（充电站 夜景.png）` in every edition. `<ruby>` read as
    `缂kè丝`, the reading run into the word."""
    doc = read("correction-table.md")
    [figure] = doc.figures
    assert (figure.alt, m.plain_text(figure.caption), figure.credit) == ("充电站 夜景", "城东充电站夜景", "李响")
    text = m.visible_text(doc)
    assert "png" not in text
    assert "“缂（kè）丝”与“緙（ㄎㄜˋ）絲”" in text
    # the picture itself is found (pandoc URL-encodes the address; the gate decodes it), no placeholder
    html = convert.convert(UNSEEN / "correction-table.md", to="html", offline=True).decode()  # type: ignore[union-attr]
    assert '<figure id="fig-1">\n<img src="data:image/png;base64,' in html


def test_ascii_punctuation_in_a_gb18030_text_with_bom_and_crlf() -> None:
    """Commas, colons and question marks after Han were made full width; the full stops were not
    (`聚居区.`, `价格也实在."`)."""
    doc = read("canteen-gb18030.txt")
    assert (doc.meta.title, doc.meta.authors, doc.meta.source_site, doc.meta.editor, doc.meta.date) == \
        ("社区食堂试点扩大到30个街道", ("周敏",), "晨报", "吴桐", "2025-09-03T10:20")
    paragraphs = [t for kind, t in blocks(doc) if kind == "Paragraph"]
    assert paragraphs[0].endswith("主要老年人聚居区。")
    assert paragraphs[2] == "“吃得放心，价格也实在。”正在用餐的刘大爷说。"
    assert "." not in "".join(paragraphs)


@pytest.mark.parametrize(("text", "expected"), [
    ("聚居区.", "聚居区。"), ("实在.\"他说", "实在。\"他说"), ("“好的”.下", "“好的”。下"), ("优惠.”", "优惠。”"),
    ("新华网.com", "新华网.com"), ("达到3.2万个", "达到3.2万个"), ("好转...但", "好转...但"), ("1.鼓励", "1.鼓励"),
    ("中国.Next", "中国.Next"), ("U.S.", "U.S."),
])
def test_full_stop_after_chinese(text: str, expected: str) -> None:
    assert full_width_punctuation(text) == expected


def test_credit_closing_an_unlabelled_caption() -> None:
    assert split_credit("4月18日，工人在大桥上作业。新华社记者 王松 摄") == ("4月18日，工人在大桥上作业。", "新华社记者 王松")
    assert split_credit("市民在公园赏花。王松/摄") == ("市民在公园赏花。", "王松")
    assert split_credit("他说，这是我们自己拍摄的。") == ("他说，这是我们自己拍摄的。", "")


def test_interview_speakers_in_bold() -> None:
    """`问：` `答：` `记者：` and the answering `王玉珍：` were plain text: the questions did not stand out."""
    doc = read("interview-qa.md")
    labels = [m.plain_text(b.content[0].content) for b in doc.body
              if isinstance(b, m.Paragraph) and isinstance(b.content[0], m.Strong)]
    assert labels == ["记者：", "王玉珍：", "问：", "答：", "问：", "答："]
    assert ("Paragraph", "问：现在年轻人愿意学吗？") in blocks(doc)  # the text itself unchanged
    assert not [b for b in read("heads-as-paragraphs.md").body  # `来源：` and the like are no speakers
                if isinstance(b, m.Paragraph) and isinstance(b.content[0], m.Strong)]


def test_a_desk_before_the_authors_name_is_no_author() -> None:
    """`作者：经济部 孙立` gave two authors, `经济部` and `孙立`."""
    assert read("long-report.md").meta.authors == ("经济部 孙立",)


def test_long_report_keeps_every_paragraph() -> None:
    doc = read("long-report.md")
    source = (UNSEEN / "long-report.md").read_text(encoding="utf-8")
    assert len(source) > 30000
    paragraphs = [t for kind, t in blocks(doc) if kind == "Paragraph"]
    assert len(paragraphs) == 40 and all(p.startswith(f"（{i}）") for i, p in enumerate(paragraphs, 1))
    assert sum(len(p) for p in paragraphs) > 29000
    assert [t for kind, t in blocks(doc) if kind == "Heading"] == ["新兴产业增势强劲", "消费市场持续回暖", "下一步工作安排"]


# ---------------------------------------------------------------- editions


NAMES = ("wechat-soup.html", "wechat-paste.md", "xinhua-like.html", "ltn-big5.html", "heads-as-paragraphs.md", "press-release.md",
         "correction-table.md", "canteen-gb18030.txt", "one-line.md", "only-table.md")
EDITIONS = [("pdf", "print"), ("epub", "horizontal"), ("docx", "horizontal")]


@functools.lru_cache(maxsize=None)
def built(name: str, fmt: str, edition: str = "horizontal") -> bytes:
    return convert.convert(UNSEEN / name, to=fmt, offline=True)  # type: ignore[return-value]


def test_every_edition_is_valid(tmp_path: Path) -> None:
    assert invalid_editions(every_edition(tmp_path, NAMES, EDITIONS, built)) == {}
