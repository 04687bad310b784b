"""Two testers' bylines, caption credits, titles and quotes (round 13): author bio boxes taken for the
author, an editor folded into the author, a reprint's note of its fields unread, a page's `<meta name=author>`
naming fewer reporters than the text, labels kept with a name, padded names, bracketed flashes, a closing
photographer's credit, the desk's credits glued to an editor, each written small."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.enrich.bylines import byline_fields
from convert.readers.web import meta as web_meta

PARAGRAPHS = [
    "6月20日，A股三大指数早盘震荡，午后小幅回落。截至收盘，沪指跌0.47%，报2962.99点；深证成指跌0.97%，创业板指跌1.35%。",
    "盘面上，电力、公用事业、银行板块逆势走强，半导体、消费电子、汽车零部件板块跌幅居前。全市场超过3800只个股下跌。",
    "个股方面，高股息资产继续受到资金青睐。长江电力盘中创出历史新高，收盘涨2.01%；工商银行、建设银行均涨超1%。",
    "资金面上，北向资金全天净卖出41.6亿元，连续第四个交易日净卖出；主力资金净流出超过300亿元，其中电子行业净流出居首。",
]


def _paragraphs(items: list[str] = PARAGRAPHS) -> str:
    return "".join(f"<p>{p}</p>\n" for p in items)


def _page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> m.Document:
    html = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>收评：沪指跌0.47% 电力板块逆势走强_第一财经</title>'
            f'<meta property="og:site_name" content="第一财经">{head}</head><body><div class="nav"><a href="/">首页</a></div>'
            f'<h1>收评：沪指跌0.47% 电力板块逆势走强</h1>{body}</body></html>')
    (path := tmp_path / name).write_text(html, encoding="utf-8")
    return convert.read(str(path), offline=True)


def _text(tmp_path: Path, text: str, name: str = "a.md") -> m.Document:
    (path := tmp_path / name).write_text(text, encoding="utf-8")
    return convert.read(str(path), offline=True)


def _body(doc: m.Document) -> list[str]:
    return [m.plain_text(m.block_inlines(b)) for b in doc.body]


def test_author_box_bio_is_no_author(tmp_path: Path) -> None:
    """An author box under the article (`<div class="m-author"><h4>周卫</h4><p>第一财经记者，关注A股市场与公募
    基金。</p>`) gave the author `关注A股市场与公募基金。`; the byline line `作者：周卫　　责编：王奇` names him."""
    doc = _page(tmp_path, '<p class="names">作者：<a href="/author/1.html">周卫</a>　　责编：<span>王奇</span></p>'
                + _paragraphs() + '<div class="m-author"><div><h4>周卫</h4><p>第一财经记者，关注A股市场与公募基金。</p></div></div>')
    assert doc.meta.authors == ("周卫",) and doc.meta.editor == "王奇"


def test_editor_not_folded_into_author(tmp_path: Path) -> None:
    """Without the box, the author read `周卫　责编：王奇`: the editor's field ran into the author's."""
    doc = _page(tmp_path, '<p class="names">作者：<a href="/author/1.html">周卫</a>　　责编：<span>王奇</span></p>' + _paragraphs())
    assert doc.meta.authors == ("周卫",) and doc.meta.editor == "王奇"
    assert web_meta.split_names("作者：周卫　责编：王奇") == ("周卫",)


@pytest.mark.parametrize("name", ["长期关注教育公平与校园治理", "关注A股市场与公募基金。"])
def test_bio_is_no_person(name: str) -> None:
    """trafilatura took an author box's bio for a second author (`张子谦、长期关注教育公平与校园治理`)."""
    assert web_meta.person_names(("张子谦", name), "新京报", "标题") == ("张子谦",)


def test_reprint_note_names_author_and_editor(tmp_path: Path) -> None:
    """A reprint's note (`本文来自微信公众号：X（ID：…），作者：林晓，编辑：周舟，题图来自：视觉中国`) named the author,
    but only the editor was read: the byline showed `编辑：周舟`, the PDF's Author the site. Its repeat at
    the end goes too."""
    assert byline_fields("本文来自微信公众号：新消费日报（ID：xinxiaofei2018），作者：林晓，编辑：周舟，题图来自：视觉中国") == {
        "source_site": "新消费日报", "authors": ("林晓",), "editor": "周舟", "absent_picture_credit": "题图来自：视觉中国"}
    doc = _text(tmp_path, "# 县城咖啡，卷不动了？\n\n本文来自微信公众号：新消费日报（ID：xinxiaofei2018），作者：林晓，编辑：周舟，"
                "题图来自：视觉中国\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n本文来自微信公众号：新消费日报（ID：xinxiaofei2018），作者：林晓\n")
    assert doc.meta.authors == ("林晓",) and doc.meta.editor == "周舟" and doc.meta.responsible == ("林晓",)
    assert not any("本文来自" in t for t in _body(doc))


def test_text_reporters_outnumber_meta_author(tmp_path: Path) -> None:
    """`<meta name="author" content="王琳">` won over the dateline's `（记者 马越 王琳）`: 马越 was lost."""
    doc = _page(tmp_path, "<p>中国日报西宁5月20日电（记者 马越 王琳）</p>" + _paragraphs(),
                head='<meta name="author" content="王琳">')
    assert doc.meta.authors == ("马越", "王琳")


@pytest.mark.parametrize("line", ["报导：潘家辉", "報導：潘家辉"])
def test_reporter_label_not_in_name(tmp_path: Path, line: str) -> None:
    """Malaysia's `<span class="author">报导：潘家辉</span>` gave the author `报导：潘家辉`, label and all."""
    doc = _page(tmp_path, f'<div class="meta"><span class="author">{line}</span><span class="time">2024/06/29 18:25</span></div>'
                + _paragraphs())
    assert doc.meta.authors == ("潘家辉",)
    assert byline_fields(line) == {"authors": ("潘家辉",)}
    assert byline_fields("报道：今天上午，市政府召开发布会") == {}  # (a sentence after the label names no one)


@pytest.mark.parametrize("line, editor", [("【责任编辑：齐磊】", "齐磊"), ("【编辑:张燕玲】", "张燕玲")])
def test_bracketed_editor_on_page(line: str, editor: str) -> None:
    """A page's `<div class="zrbj">【责任编辑：齐磊】</div>` was not read: the bracket closed the name."""
    tree = web_meta.parse(f'<html><body><h1>标题</h1>{_paragraphs()}<div class="zrbj">{line}</div></body></html>')
    assert web_meta.page_editor(tree) == editor


def test_desk_credit_not_glued_to_editor() -> None:
    """`编辑：刘畅 校对 | 孙晴` gave the editor `刘畅 校对 | 孙晴`; `校对 / 卢茜` closing a page stayed as text."""
    assert byline_fields("编辑：刘畅 校对 | 孙晴") == {"editor": "刘畅", "counter": "校对 | 孙晴"}
    assert byline_fields("文 | 周晓岚　　编辑 | 刘畅　　校对 | 孙晴")["editor"] == "刘畅"
    assert byline_fields("校对 / 卢茜") == {"counter": "校对 / 卢茜"}


def test_closing_proofreader_goes(tmp_path: Path) -> None:
    doc = _text(tmp_path, "# 高校食堂推小份菜\n\n作者 | 张子谦\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n编辑 / 马小龙\n\n校对 / 卢茜\n")
    assert doc.meta.editor == "马小龙" and _body(doc)[-1] == PARAGRAPHS[-1]


@pytest.mark.parametrize("line, authors", [
    ("【本报讯】记者 许文静", ("许文静",)),
    ("【明報專訊】記者 梁嘉欣", ("梁嘉欣",)),
    ("记者 张 敏 扬州报道", ("张敏",)),
    ("（北京晚报记者 马 骁）", ("马骁",)),
    ("记者 张　敏 刘 洋", ("张敏", "刘洋")),
])
def test_reporter_lines(line: str, authors: tuple[str, ...]) -> None:
    """A bracketed flash before the reporter (`【本报讯】记者 许文静`) and a two-character name padded to three
    (`张 敏`, as Chinese papers set it) were no byline: the lines stayed as body text."""
    assert byline_fields(line)["authors"] == authors


def test_padded_names_unpadded(tmp_path: Path) -> None:
    """`记者 张 敏 扬州报道` and the date under it stayed in the body; `（编辑：刘 洋）` named `刘 洋`."""
    doc = _text(tmp_path, "# 老字号的数字化转型\n\n记者 张 敏 扬州报道\n\n2024年11月12日\n\n" + "\n\n".join(PARAGRAPHS)
                + "\n\n（编辑：刘 洋）\n")
    assert doc.meta.authors == ("张敏",) and doc.meta.editor == "刘洋" and doc.meta.date == "2024-11-12"
    assert _body(doc) == PARAGRAPHS


def test_closing_reporter_padded(tmp_path: Path) -> None:
    """A closing `（北京晚报记者 马 骁）` was set as body text."""
    doc = _text(tmp_path, "# 冒充客服诈骗\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n（北京晚报记者 马 骁）\n")
    assert doc.meta.authors == ("马骁",) and _body(doc) == PARAGRAPHS


def test_bracketed_flash_and_dated_line(tmp_path: Path) -> None:
    """`【明報專訊】記者 梁嘉欣` and `2024年11月26日 星期二` under it stayed as indented body paragraphs."""
    doc = _text(tmp_path, "# 新盤開價低過二手\n\n【明報專訊】記者 梁嘉欣\n\n2024年11月26日 星期二\n\n" + "\n\n".join(PARAGRAPHS)
                + "\n\n（攝影：李浩然）\n\n（編輯：何詠詩）\n")
    assert doc.meta.authors[0] == "梁嘉欣" and doc.meta.date == "2024-11-26" and doc.meta.editor == "何詠詩"
    assert _body(doc) == PARAGRAPHS + ["（攝影：李浩然）"]


def test_closing_photographer_is_no_reporter(tmp_path: Path) -> None:
    """With no picture in the article, a closing `（攝影：李浩然）` had made the photographer a second reporter
    (`記者：梁嘉欣、李浩然`, two authors in every edition's metadata): the line stays as written."""
    doc = _text(tmp_path, "# 新盤\n\n【明報專訊】記者 梁嘉欣\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n（攝影：李浩然）\n\n（編輯：何詠詩）\n")
    assert doc.meta.authors == ("梁嘉欣",) and _body(doc) == PARAGRAPHS + ["（攝影：李浩然）"]


def test_closing_photographer_credits_the_pictures(tmp_path: Path) -> None:
    """A closing `（攝影：郭子豪）` under an article whose picture names no credit is that picture's credit."""
    (tmp_path / "a.png").write_bytes(PNG)
    doc = _text(tmp_path, "# 眷村\n\n記者林佳穎／新竹報導\n\n" + PARAGRAPHS[0] + "\n\n![修復後的老屋](a.png)\n\n"
                + "\n\n".join(PARAGRAPHS[1:]) + "\n\n（攝影：郭子豪）\n\n（編輯：劉怡君）\n")
    figure = next(b for b in doc.body if isinstance(b, m.Figure))
    assert doc.meta.authors == ("林佳穎",) and figure.credit == "郭子豪"
    assert [m.plain_text(b.content) for b in doc.body if isinstance(b, m.Paragraph)] == PARAGRAPHS


def test_pointer_mark_leaves_figcaption(tmp_path: Path) -> None:
    """A page's `<figcaption>▲某高校食堂推出的小份菜窗口。图/IC photo</figcaption>` kept its `▲` in the caption."""
    (tmp_path / "a.png").write_bytes(PNG)
    doc = _text(tmp_path, "# 小份菜\n\n" + PARAGRAPHS[0] + '\n\n<figure><img src="a.png" alt=""><figcaption>▲某高校食堂推出的小份菜窗口。'
                "图/IC photo</figcaption></figure>\n\n" + PARAGRAPHS[1] + "\n")
    figure = next(b for b in doc.body if isinstance(b, m.Figure))
    assert m.plain_text(figure.caption) == "某高校食堂推出的小份菜窗口。" and figure.credit == "IC photo"


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201d4a0f7d70000000049454e44ae426082")


@pytest.mark.parametrize("caption, text, credit", [
    ("安华在布城首相署发表特别文告。（图：首相署）", "安华在布城首相署发表特别文告。", "首相署"),
    ("Photo Credit: Shutterstock / 達志影像", "", "Shutterstock / 達志影像"),
])
def test_credit_split_from_caption(caption: str, text: str, credit: str) -> None:
    """`…文告。（图：首相署）` kept its credit in the caption; `Photo Credit: Shutterstock / 達志影像` was taken
    for the caption (a Han agency's name read as no credit's word)."""
    from convert.enrich.captions import split_credit
    assert split_credit(caption) == (text, credit)


def test_visible_dek_and_label() -> None:
    """A Chinese page's `<div class="intro">` and `<div class="introduce"><span>核心提示：</span>…</div>`, and the
    Guardian's `<div data-gu-name="standfirst">`, were not read as the dek; the Guardian's section link over
    the headline's wrapper (`Pollution`) is its kicker."""
    page = ('<html><body><div class="title"><h1>高校食堂推小份菜</h1></div><div class="introduce"><span>核心提示：</span>'
            '推广小份菜也要算清“经济账”，需要学校在管理上给予支持。</div><p>正文。</p></body></html>')
    assert web_meta.visible_dek(web_meta.parse(page), "高校食堂推小份菜") == "推广小份菜也要算清“经济账”，需要学校在管理上给予支持。"
    page = '<html><body><h1>收评：沪指跌0.47%</h1><div class="intro">高股息资产继续受到资金青睐，长江电力创历史新高。</div></body></html>'
    assert web_meta.visible_dek(web_meta.parse(page), "收评：沪指跌0.47%") == "高股息资产继续受到资金青睐，长江电力创历史新高。"
    title = "‘Forever chemicals’ found in a third of England’s river samples"
    page = (f'<html><body><div data-gu-name="title"><a href="/environment/pollution"><span>Pollution</span></a></div>'
            f'<div data-gu-name="headline"><h1>{title}</h1></div><div data-gu-name="standfirst"><div><p>Exclusive: Study of '
            '1,200 sites finds levels above proposed safety limit</p></div></div><p>Text.</p></body></html>')
    tree = web_meta.parse(page)
    assert web_meta.visible_dek(tree, title) == "Exclusive: Study of 1,200 sites finds levels above proposed safety limit"
    assert web_meta.visible_kicker(tree, title) == "Pollution"


def test_source_line_over_wrapped_headline_is_no_kicker() -> None:
    """(A line over the headline's wrapper that is no section's link stays out of the kicker: `来源：新华网`.)"""
    page = ('<html><body><div class="source">来源：新华网</div><div class="head-line"><h1>新闻分析：全球供应链重构</h1></div>'
            '<p>正文。</p></body></html>')
    assert web_meta.visible_kicker(web_meta.parse(page), "新闻分析：全球供应链重构") == ""


def test_word_paste_nested_quote() -> None:
    """A Word paste's marks all alike (`”说这是”坏了祖宗的规矩”。”李国华笑着说，”…”`) came out reversed inside
    the quotation, `说这是”坏了祖宗的规矩“。”`: the quote inside it is `‘坏了祖宗的规矩’`."""
    from convert.enrich.quotes import requote
    text = "”一开始老师傅们不同意，说这是”坏了祖宗的规矩”。”李国华笑着说，”后来一看销量，大家都不说话了。”"
    assert requote([text]) == ["“一开始老师傅们不同意，说这是‘坏了祖宗的规矩’。”李国华笑着说，“后来一看销量，大家都不说话了。”"]
    assert requote(['"好"，她说"不"']) == ["“好”，她说“不”"]


@pytest.mark.parametrize("lead, title", [
    ("昨天下午三点左右，家住朝阳区望京街道的刘女士接到一个自称“快递客服”的电话，对方称她网购的羽绒服丢失。", "昨天下午三点左右"),
    ("家住朝阳区望京街道的刘女士昨天下午接到一个自称“快递客服”的电话对方称她网购的羽绒服丢失。",
     "家住朝阳区望京街道的刘女士昨天下午接到一个自称“快递客服”…"),
    ("家住朝阳区望京街道的刘女士昨天下午三点多接到一个自称“快递公司客服”的电话。", "家住朝阳区望京街道的刘女士昨天下午三点多接到一个自称…"),
])
def test_title_from_first_clause(lead: str, title: str) -> None:
    """A `.txt` without a title was titled `昨天下午三点左右，家住…的刘女士接到一个自称“快…`: cut inside the word
    快递 and the quote left open, where the README promises the first clause."""
    from convert.enrich.titles import first_sentence
    assert first_sentence([m.Paragraph((m.Text(lead),))]) == title
