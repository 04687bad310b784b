"""A twelfth round's saved news pages (an old portal's table layout, a script-rendered page, a live
blog, pages with promotion boxes, lazy pictures and captions in their own blocks), each shape written
small and tested at the step that now reads it right."""
from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.errors import ConvertError, collect_warnings

FURNITURE = """<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/biz">财经</a> |
<a href="/tech">科技</a> | <a href="/sport">体育</a></div>"""
FOOTER = """<div class="footer"><a href="/about">关于我们</a> - <a href="/ad">广告服务</a> - <a href="/jobs">招聘</a>
<br>Copyright © 2025 版权所有 京ICP证030367号</div>"""

PARAGRAPHS = [
    "中国人民银行3月18日宣布，决定于3月25日下调金融机构存款准备金率0.5个百分点，此次下调后，金融机构加权平均存款准备金率约为6.2%。",
    "央行有关负责人表示，此次降准将向市场提供长期流动性约1万亿元，有助于保持银行体系流动性合理充裕，降低金融机构资金成本。",
    "这是央行年内第一次全面降准，也是自2024年9月以来的又一次降准。市场此前普遍预期，一季度末前后将出台降准措施。",
    "中金公司首席经济学家在接受记者采访时表示，降准释放的长期资金将对冲3月份约2.3万亿元的中期借贷便利到期和税期因素。",
]
AFTER = [
    "此外，央行还宣布将科技创新和技术改造再贷款额度由5000亿元增加至8000亿元，并将支农支小再贷款利率下调0.25个百分点至1.5%。",
    "多位受访人士指出，结构性工具与总量工具的配合，体现出货币政策适度宽松的基调，后续政策效果仍有待信贷需求的恢复。",
    "截至2月末，广义货币余额同比增长7.0%，人民币贷款余额同比增长7.3%，均较上月末有所回落。",
]


def _page(tmp_path: Path, html: str, name: str = "page.html", encoding: str = "utf-8") -> m.Document:
    (path := tmp_path / name).write_bytes(html.encode(encoding))
    return convert.read(str(path), offline=True)


def _paragraphs(items: list[str]) -> str:
    return "".join(f"<p>\u3000\u3000{p}</p>\n" for p in items)


# ---------------------------------------------------------------- 1. a related box between paragraphs


OLD_PORTAL = """<html><head><meta charset="utf-8"><title>央行宣布降准0.5个百分点-某某财经</title></head><body>
{furniture}
<table width="950"><tr><td width="640" valign="top"><table width="100%">
<tr><td align="center"><h1>央行宣布降准0.5个百分点</h1></td></tr>
<tr><td class="f14" id="contentText">
{before}
<p>\u3000\u3000<b>相关阅读：</b></p>
<p>\u3000\u3000<a href="http://example.com/n123.shtml">2月金融数据出炉：新增贷款低于预期</a></p>
<p>\u3000\u3000<a href="http://example.com/n122.shtml">政府工作报告：实施适度宽松的货币政策</a></p>
{after}
<p align="right">(责任编辑：张燕)</p>
</td></tr></table></td>
<td width="300"><table class="side"><tr><td><b>要闻排行</b></td></tr><tr><td>1.<a href="#">A股三大指数集体收涨</a></td></tr>
<tr><td>2.<a href="#">人民币汇率中间价上调</a></td></tr></table></td></tr></table>
{footer}</body></html>"""


def test_a_related_box_between_paragraphs_leaves_the_paragraphs_after_it(tmp_path: Path) -> None:
    """An old portal sets `<p><b>相关阅读：</b></p>` and two lines of links between its paragraphs; the three
    paragraphs after the box were lost with it in every edition, without a word."""
    doc = _page(tmp_path, OLD_PORTAL.format(furniture=FURNITURE, footer=FOOTER, before=_paragraphs(PARAGRAPHS),
                                            after=_paragraphs(AFTER)), encoding="gb18030")
    text = m.visible_text(doc)
    for paragraph in PARAGRAPHS + AFTER:
        assert paragraph in text
    assert "相关阅读" not in text and "新增贷款低于预期" not in text and "适度宽松的货币政策" not in text


def test_a_related_list_at_the_articles_end_still_ends_it(tmp_path: Path) -> None:
    """Under the box, teasers (a link, then its summary, and again) are no article going on."""
    teasers = ("<p>\u3000\u3000<a href='/a'>楼市新政密集出台</a></p><p>多地出台楼市新政，业内人士认为短期内市场成交将有所回暖，"
               "但长期走势仍取决于居民收入预期的改善情况。</p><p>\u3000\u3000<a href='/b'>人民币汇率中间价上调</a></p>"
               "<p>人民币对美元汇率中间价报7.17，较上一交易日上调42个基点，创近两个月新高，市场情绪有所好转。</p>")
    doc = _page(tmp_path, OLD_PORTAL.format(furniture=FURNITURE, footer=FOOTER, before=_paragraphs(PARAGRAPHS),
                                            after=teasers))
    text = m.visible_text(doc)
    assert PARAGRAPHS[-1] in text and "楼市新政" not in text and "上调42个基点" not in text


# ---------------------------------------------------------------- 2. an article only in the page's state


STATE_TEXT = ["3月18日上午9时12分，东方航空MU5137航班从上海虹桥国际机场起飞，这是国产大飞机C919首次执飞京沪快线常态化商业航班。",
              "东航方面介绍，该航班使用的是东航接收的第10架C919飞机，采用两舱布局，执飞当日客座率达到97%。"]
SCRIPT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>C919首飞京沪快线 - 今日头条</title></head>
<body><div id="root"><div class="header"><div class="logo">今日头条</div><div class="nav"><a href="/">首页</a>
<a href="/app">下载头条APP</a><a href="/login">登录</a></div></div><div class="main"><div class="loading">加载中...</div></div></div>
{state}
<script src="/static/index.js"></script><div class="footer">© 2025 今日头条 京ICP备12025439号-3</div></body></html>"""


def _state(content: str = "") -> dict:
    content = content or "".join(f"<p>{p}</p>" for p in STATE_TEXT) + \
        '<div class="pgc-img"><img src="https://example.com/c919.jpeg"><p class="pgc-img-caption">C919飞机停靠在虹桥机场。</p></div>'
    return {"data": {"title": "C919首飞京沪快线", "content": content, "publishTime": "1742263925",
                     "source": "民航资源网", "abstract": "C919首次执飞京沪快线。"}, "common": {"loginInfo": {}}}


def _script(kind: str) -> str:
    state = json.dumps(_state(), ensure_ascii=False)
    if kind == "render-data":  # Toutiao: URL-encoded
        return f'<script id="RENDER_DATA" type="application/json">{urllib.parse.quote(state)}</script>'
    if kind == "next":
        return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps({"props": {"pageProps": _state()}})}</script>'
    return f"<script>window.__INITIAL_STATE__ = {state};window.__X__=1;</script>"


@pytest.mark.parametrize("kind", ["render-data", "next", "initial-state"])
def test_an_article_only_in_the_pages_state_is_read_from_it(tmp_path: Path, kind: str) -> None:
    """A script-rendered page (Toutiao's `RENDER_DATA`, Next.js's `__NEXT_DATA__`, `window.__INITIAL_STATE__`)
    holds its article as HTML in a JSON state; the page shows a menu and `加载中...`. It became an edition of
    the menus, with a warning that spoke of --no-extract, which nobody had passed."""
    with collect_warnings() as warnings:
        doc = _page(tmp_path, SCRIPT_PAGE.format(state=_script(kind)))
    text = m.visible_text(doc)
    assert all(p in text for p in STATE_TEXT) and "加载中" not in text and "下载头条APP" not in text
    assert not [w for w in warnings if "no article" in str(w)]
    assert doc.meta.title == "C919首飞京沪快线"
    assert doc.meta.date == "2025-03-18T10:12:05+08:00"
    figures = [b for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Figure)]
    assert [m.plain_text(f.caption) for f in figures] == ["C919飞机停靠在虹桥机场。"]


def test_a_script_rendered_page_with_no_article_in_its_state_is_an_error(tmp_path: Path) -> None:
    """No article in the state either: the page says only `加载中...` under its menu, which is no edition."""
    state = '<script id="RENDER_DATA" type="application/json">{"data": {"title": "x", "content": "<p>短</p>"}}</script>'
    with pytest.raises(ConvertError, match="found no article in the page"):
        _page(tmp_path, SCRIPT_PAGE.format(state=state))


# ---------------------------------------------------------------- 3. a live blog's entries and badge


ENTRIES = [("21:45", "台风中心已于21时40分前后在广东台山沿海登陆，登陆时中心附近最大风力14级，中心最低气压955百帕。"),
           ("21:20", "香港天文台表示，十号飓风信号将维持至少至午夜。天文台录得维多利亚港东部最高阵风每小时167公里。"),
           ("20:30", "深圳地铁宣布，全线网于20时30分起暂停运营，恢复时间另行通知。此前深圳已实行五停措施。"),
           ("17:30", "本直播开始。我们将持续更新台风登陆前后的最新情况，请读者留意各地发布的预警信息。")]
LIVE_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>直播：台风在广东台山登陆</title></head>
<body><header class="site-header"><a class="logo">南方+</a><nav><a href="/">首页</a><a href="/gd">广东</a><a href="/live">直播</a></nav></header>
<main><div class="live-head"><span class="live-badge">直播中</span><h1>直播：台风在广东台山登陆</h1>
<p class="live-dek">台风7日晚在广东台山沿海登陆，粤港澳多地停工停课，交通大面积停运。</p></div>
<div class="live-feed">{entries}</div></main>
<footer><p>南方报业传媒集团 版权所有 <a href="/a">关于</a> <a href="/b">联系</a></p></footer></body></html>"""
ENTRY = """<article class="live-post"><header class="live-post__header"><time datetime="2025-09-07T{time}:00+08:00">{time}</time>
<span class="live-post__author">记者 王敏</span></header><div class="live-post__body"><p>{text}</p></div>
<div class="live-post__share"><a href="#">分享此条</a><a href="#">复制链接</a></div></article>"""


def test_a_live_blogs_entries_keep_their_times_and_its_badge_goes(tmp_path: Path) -> None:
    """Each entry's `<time>` was lost (trafilatura keeps no time alone), and the `直播中` badge over the
    headline was the kicker and a paragraph of the body."""
    doc = _page(tmp_path, LIVE_PAGE.format(entries="".join(ENTRY.format(time=t, text=x) for t, x in ENTRIES)))
    lines = [m.plain_text(m.block_inlines(b)) for b in doc.blocks if isinstance(b, (m.Paragraph, m.Heading))]
    assert lines == [line for entry in ENTRIES for line in entry]  # each time a line of its own (a bold one: a heading)
    assert "直播中" not in m.visible_text(doc) and not doc.meta.kicker


def test_a_single_storys_time_line_stays_out(tmp_path: Path) -> None:
    """One `<time>` in an article's header is its date, which the byline shows: no line of its own."""
    doc = _page(tmp_path, LIVE_PAGE.format(entries=ENTRY.format(time=ENTRIES[0][0], text=ENTRIES[0][1] * 2)))
    assert "21:45" not in [m.plain_text(m.block_inlines(b)) for b in doc.blocks if isinstance(b, (m.Paragraph, m.Heading))]


# ---------------------------------------------------------------- 4, 9, 10. a byline box, a podcast box, pictures


TW_TEXT = ["台北市政府18日宣布，捷運環狀線北環段工程進度已達52%，預計2030年底前完工通車，屆時將串連新北市五股、泰山、新莊。",
           "台北市捷運工程局長在市政會議後的記者會上表示，北環段目前最困難的是穿越基隆河的潛盾段，施工團隊已完成隧道貫通。",
           "學者認為，軌道建設應與沿線都市更新同步推動，捷運站周邊的容積獎勵若規劃得當，可帶動老舊社區更新。"]
BBC_PAGE = """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>台北捷運環狀線北環段延至2030年通車 - BBC News 中文</title>
<meta property="og:site_name" content="BBC News 中文"></head><body>
<header role="banner"><nav><a href="/">首頁</a><a href="/a">國際</a><a href="/b">兩岸</a></nav></header>
<main role="main"><div><h1 id="content">台北捷運環狀線北環段延至2030年通車</h1></div>
<div data-testid="byline"><ul><li><span>作者，</span><span>李思</span></li><li><span>Role，</span><span>BBC中文記者 台北</span></li></ul>
<time datetime="2025-03-18">2025年3月18日</time><span>更新 2025年3月18日</span></div>
<figure><div><div><span role="text"><span>圖像來源，</span>Getty Images</span><picture>
<source srcSet="img/t_small.jpg 480w, img/t.jpg 976w" type="image/webp"/><img alt="捷運工地" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
srcSet="img/t_small.jpg 480w, img/t.jpg 976w" loading="lazy" width="976" height="549"/></picture></div></div>
<figcaption><span>圖像加註文字，</span>捷運環狀線北環段預計2030年底前完工通車。</figcaption></figure>
{text}
<section aria-labelledby="podcast" class="bbc-podcast"><h2>BBC中文播客</h2><p>收聽更多內容：大洋兩岸</p></section>
</main><footer role="contentinfo"><a href="/">BBC News, 中文</a><ul><li><a href="/t">使用條款</a></li><li><a href="/p">隱私政策</a></li></ul></footer>
</body></html>"""


def test_a_byline_box_a_podcast_box_and_a_lazy_lead_picture(tmp_path: Path) -> None:
    """BBC's byline box (`作者，李思`, its role, `更新 …`) named no author and its date line opened the body;
    its podcast box under the text was a heading and a paragraph; its lead picture (a `data:` pixel with
    a `srcSet`, in boxes inside the figure, its credit beside it) was in no edition."""
    (tmp_path / "img").mkdir()
    for name in ("t_small.jpg", "t.jpg"):
        (tmp_path / "img" / name).write_bytes(b"\xff\xd8\xff")
    doc = _page(tmp_path, BBC_PAGE.format(text=_paragraphs(TW_TEXT)))
    assert doc.meta.authors == ("李思",)
    texts = [m.plain_text(m.block_inlines(b)) for b in doc.blocks if isinstance(b, (m.Paragraph, m.Heading))]
    assert texts == TW_TEXT
    figure = doc.blocks[0]
    assert isinstance(figure, m.Figure) and figure.src.endswith("img/t.jpg")
    assert (m.plain_text(figure.caption), figure.credit) == ("捷運環狀線北環段預計2030年底前完工通車。", "Getty Images")


CNA_PAGE = """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>北環段工程 | 中央社 CNA</title></head><body>
<div class="nav"><a href="/">首頁</a><a href="/a">政治</a><a href="/b">社會</a></div>
<div class="centralContent"><h1><span>北環段工程進度過半</span></h1>
<div class="fullPic"><picture><source srcset="img/cna1.jpg"><img data-src="img/cna1.jpg" src="https://imgcdn.example.com/images/pic_fb.jpg" alt="工地"></picture>
<div class="picinfo">台北捷運環狀線北環段施工現場。</div></div>
<div class="paragraph"><p>{first}</p>
<div class="wrap"><img data-src="img/cna2.jpg" src="https://imgcdn.example.com/images/pic_fb.jpg" alt="局長"><div class="picinfo">捷運局長說明工程進度。</div></div>
<p>{second}</p><p>{third}</p></div></div>
<div class="footer"><a href="/about">關於我們</a> <a href="/privacy">隱私權</a> Copyright © 2025 中央通訊社</div></body></html>"""


def test_a_lazy_pictures_own_address_beats_the_sites_placeholder(tmp_path: Path) -> None:
    """CNA's pictures have the site's `pic_fb.jpg` as their `src` and their own in `data-src` (a file
    beside the saved page): the placeholder was printed, and the lead picture was lost."""
    doc = _page(tmp_path, CNA_PAGE.format(first=TW_TEXT[0], second=TW_TEXT[1], third=TW_TEXT[2]))
    figures = [b for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Figure)]
    assert [Path(f.src).name for f in figures] == ["cna1.jpg", "cna2.jpg"]
    assert all(p in m.visible_text(doc) for p in TW_TEXT)


def test_a_remote_pictures_address_stays_when_its_lazy_one_is_remote_too(tmp_path: Path) -> None:
    page = CNA_PAGE.format(first=TW_TEXT[0], second=TW_TEXT[1], third=TW_TEXT[2]).replace(
        'data-src="img/cna2.jpg" src="https://imgcdn.example.com/images/pic_fb.jpg"',
        'data-src="https://cdn.example.com/a-small.jpg" src="https://cdn.example.com/a.jpg"')
    doc = _page(tmp_path, page)
    assert "https://cdn.example.com/a.jpg" in [f.src for f in m.walk_blocks(doc.blocks) if isinstance(f, m.Figure)]


# ---------------------------------------------------------------- 5. the headline the page shows


HEADLINE_PAGE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{head}</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "{ld}",
"datePublished": "2025-03-17T09:00:00+08:00", "description": "旧摘要：将于明日开通。", "publisher": {{"@type": "Organization", "name": "界面新闻"}}}}</script>
<meta property="og:title" content="{og}"><meta name="description" content="开通后坪山至福田最快38分钟。"></head><body>
<ul class="header-nav"><li><a href="/">首页</a></li><li><a href="/k">快讯</a></li><li><a href="/c">城市</a></li></ul>
<div class="article-view"><div class="article-header"><h1>{h1}</h1>
<div class="article-info"><span class="date">2025/03/18 12:05</span></div></div>
<div class="article-content">{text}</div></div><div class="footer"><a href="/a">关于</a> <a href="/b">联系</a></div></body></html>"""


def test_a_stale_json_ld_headline_gives_way_to_the_one_the_page_shows(tmp_path: Path) -> None:
    """Jiemian's JSON-LD kept an earlier version's headline, dek and date; the `<h1>` and `og:title` agree
    on the story's own, and the page shows its time."""
    shown = "深圳地铁14号线东延段开通，坪山进入“地铁时代”"
    doc = _page(tmp_path, HEADLINE_PAGE.format(head=shown + "|界面新闻", ld="深圳地铁14号线东延段明日开通", og=shown,
                                               h1=shown, text=_paragraphs(PARAGRAPHS)))
    assert (doc.meta.title, doc.meta.date) == (shown, "2025-03-18T12:05")
    assert doc.meta.description != "旧摘要：将于明日开通。"


def test_a_json_ld_headline_cut_short_gives_way_to_the_whole_one(tmp_path: Path) -> None:
    """RFI: the JSON-LD headline is the `<h1>`'s first clause; the `<h1>` and `og:title` are whole."""
    whole = "港珠澳大橋首季旅客破700萬人次 「港車北上」帶動跨境自駕遊"
    doc = _page(tmp_path, HEADLINE_PAGE.format(head=whole, ld="港珠澳大橋首季旅客破700萬人次", og=whole, h1=whole,
                                               text=_paragraphs(PARAGRAPHS)))
    assert doc.meta.title.replace(" ", "") == whole.replace(" ", "") and doc.meta.date.startswith("2025-03-17")


def test_a_json_ld_headline_the_page_agrees_with_stays(tmp_path: Path) -> None:
    doc = _page(tmp_path, HEADLINE_PAGE.format(head="央行降准 释放流动性|界面新闻", ld="央行宣布降准0.5个百分点",
                                               og="央行宣布降准0.5个百分点", h1="央行降准 释放流动性", text=_paragraphs(PARAGRAPHS)))
    assert doc.meta.title == "央行宣布降准0.5个百分点"


PRINT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>南方周末 - 打印版 - 降准之后：银行净息差还能守住吗</title></head><body>
<div class="noprint" id="printbar"><a href="javascript:doPrint()">打印本页</a> | <a href="javascript:window.close()">关闭窗口</a></div>
<table width="700" align="center"><tr><td><img src="https://example.com/images/logo_print.gif" alt="南方周末"><br>
<div align="center"><font size="5"><b>降准之后：银行净息差还能守住吗</b></font></div>
<div align="center">发表时间：2025-03-20 16:42:09</div>
<div align="center" class="lead">降准释放的资金能否缓解银行的息差压力？多位银行人士给出了不同的答案。</div>
<div id="content">{text}</div><hr><div align="center">南方周末版权所有，未经书面授权禁止转载。粤ICP备11004365号</div>
</td></tr></table></body></html>"""


def test_a_print_pages_headline_is_the_part_of_its_title_it_shows(tmp_path: Path) -> None:
    """`<title>南方周末 - 打印版 - 标题</title>` over a `<font size=5><b>` headline: the title was the whole line;
    the `<div class="lead">` under it was lost."""
    text = "<br><br>".join(f"\u3000\u3000{p}" for p in PARAGRAPHS)
    doc = _page(tmp_path, PRINT_PAGE.format(text=text), encoding="gb18030")
    assert doc.meta.title == "降准之后：银行净息差还能守住吗"
    assert doc.meta.subtitle == "降准释放的资金能否缓解银行的息差压力？多位银行人士给出了不同的答案。"
    assert m.visible_text(doc).count("多位银行人士给出了不同的答案") <= 1


# ---------------------------------------------------------------- 7, 11. a lead picture's caption, a source


LEAD_BOX_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>央行全面降准0.5个百分点_金融频道_财新网</title>
<meta property="og:site_name" content="财新网"></head><body>
<div class="head_nav"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/j">经济</a></li><li><a href="/r">金融</a></li></ul></div>
<div class="comMain"><div class="conlf"><div id="conTit"><h1>央行全面降准0.5个百分点</h1>
<div class="artInfo">2025年03月18日 19:45 <a class="source">来源于 财新网</a></div></div>
<div class="media pip"><img src="https://img.example.com/2025-03-18/pboc.jpg" alt=""><div class="pip-desc">中国人民银行总部大楼。</div></div>
<div id="Main_Content_Val" class="text">{text}</div></div></div>
<div class="footer"><a href="/a">关于我们</a> <a href="/b">联系我们</a></div></body></html>"""


def test_a_lead_pictures_caption_in_its_box_is_its_caption(tmp_path: Path) -> None:
    """A lead picture over the text with its caption beside it in one box (Caixin's `pip-desc`,
    Jiemian's `article-img`) was printed as `图1` with no caption; `来源于 财新网` was the source."""
    doc = _page(tmp_path, LEAD_BOX_PAGE.format(text=_paragraphs(PARAGRAPHS)))
    figure = doc.blocks[0]
    assert isinstance(figure, m.Figure) and m.plain_text(figure.caption) == "中国人民银行总部大楼。"
    assert doc.meta.source_site == "财新网"


# ---------------------------------------------------------------- 6, 7. a portal's line of fields


def test_a_portals_line_of_fields_names_its_source_and_no_comment_link(tmp_path: Path) -> None:
    """Sohu's line under the headline: `来源：财新网　作者：王小明　林晓　我来说两句(86)`. The comment link was an
    author's name, and the byline's source was the portal's name in the `<title>` (某某财经)."""
    fields = ('<tr><td align="center" class="c9">2025年03月18日17:05\u3000\u3000来源：<a href="http://www.caixin.com/">财新网</a>'
              '\u3000\u3000作者：<a>王小明</a>\u3000<a>林晓</a>\u3000\u3000<a href="#comment">我来说两句(86)</a></td></tr>')
    page = OLD_PORTAL.format(furniture=FURNITURE, footer=FOOTER, before=_paragraphs(PARAGRAPHS), after=_paragraphs(AFTER))
    doc = _page(tmp_path, page.replace('<tr><td class="f14"', fields + '<tr><td class="f14"'))
    assert doc.meta.authors == ("王小明", "林晓") and doc.meta.source_site == "财新网"
    assert "我来说两句" not in m.visible_text(doc)


# ---------------------------------------------------------------- promotion between and under the paragraphs

PROMOTED = """<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>港珠澳大橋首季旅客破700萬</title></head>
<body><header><nav><a href="/">港聞</a><a href="/s">社會新聞</a><a href="/w">即時國際</a></nav></header>
<article><div class="category">社會新聞</div><h1>港珠澳大橋首季旅客破700萬</h1>
{lead}<p>{first}</p>
<amp-ad width="300" height="250" type="doubleclick"><div placeholder>廣告</div><div fallback>廣告載入失敗</div></amp-ad>
<p>{second}</p>
<div class="m-interstitial"><span class="m-interstitial__label">閱讀更多</span><a class="m-interstitial__link" href="/x">澳門賭收連續三個月回升</a></div>
<p>{third}</p>
<p class="before_ir">相關新聞請見：</p><p><a href="/y">〈北市〉社子島開發案 環評再補件</a></p>
<p>{last}</p>
<div class="suggest_pc boxTitle"><p class="tit">一手掌握經濟脈動</p><a href="/yt">點我訂閱自由財經Youtube頻道</a></div>
</article><footer><p>© 2025 新聞網 版權所有</p></footer></body></html>"""
HK_PARAGRAPHS = [
    "根據入境處數字，3月16日單日經大橋香港口岸出入境的旅客達10.2萬人次，其中約六成為香港居民，車流量亦錄得約1.3萬架次。",
    "運輸及物流局局長昨日出席立法會會議時表示，政府正與廣東省及澳門特區政府商討進一步優化口岸通關安排。",
    "不過，有立法會議員關注大橋香港口岸的泊車位不足問題，指停車場在周末經常爆滿，市民被迫在附近違例泊車。",
    "學者認為，軌道建設應與沿線都市更新同步推動，捷運站周邊的容積獎勵若規劃得當，可望帶動地方發展。",  # 50 characters
]


def test_promotion_between_and_under_the_paragraphs_goes_and_the_text_stays(tmp_path: Path) -> None:
    """hk01's AMP advertisement's fallback (`廣告載入失敗`) and its category line (the kicker), RFI's `閱讀更多`
    box, LTN's `相關新聞請見：` (the last paragraph, under it, went with it) and its subscription box were
    paragraphs of every edition."""
    first, second, third, last = HK_PARAGRAPHS
    doc = _page(tmp_path, PROMOTED.format(lead=_paragraphs(PARAGRAPHS), first=first, second=second, third=third,
                                          last=last))
    texts = [m.plain_text(m.block_inlines(b)).strip() for b in doc.body]
    assert texts == PARAGRAPHS + HK_PARAGRAPHS and doc.meta.kicker == "社會新聞"


MEDIUM = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>What the Cut Taught Me | by Margaret Hale |
The Night Desk | Medium</title><meta property="og:site_name" content="{site}"><meta name="author" content="Margaret Hale">
<script type="application/ld+json">{{"@context": "http://schema.org", "@type": "NewsArticle", "headline": "What the Cut
Taught Me", "datePublished": "2025-02-11T14:03:22Z", "author": {{"@type": "Person", "name": "Margaret Hale"}},
"publisher": {{"@type": "Organization", "name": "{publisher}"}}}}</script></head><body>
<nav class="metabar"><a href="/">Medium</a><a href="/write">Write</a><a href="/signin">Sign in</a></nav>
<article><h1>What the Cut Taught Me</h1>{body}</article>
<div class="recommended"><h2>Recommended from Medium</h2><a href="/x">10 Prompts for Journalists</a></div>
<footer><a href="/help">Help</a><a href="/status">Status</a><a href="/about">About</a><a href="/terms">Terms</a></footer>
</body></html>"""
ENGLISH = ["The story came in at 11:40 p.m., twenty minutes before the page closed, and it was three hundred words too long.",
           "We cut the second quote first, then the history, then the paragraph everyone on the desk liked best.",
           "What was left was shorter and, to my surprise, clearer: the reader lost nothing they needed that night.",
           "I have thought about that cut for years, because it taught me what a story is for and who it serves."]


@pytest.mark.parametrize(("site", "publisher", "source"), [
    ("Medium", "The Night Desk", "The Night Desk"),  # the publication on the platform, not the platform
    ("The Courier", "Courier Media Group", "The Courier"),  # a site's own name stays
])
def test_a_platforms_article_names_its_publication(tmp_path: Path, site: str, publisher: str, source: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in ENGLISH)
    doc = _page(tmp_path, MEDIUM.format(site=site, publisher=publisher, body=body))
    assert doc.meta.source_site == source
