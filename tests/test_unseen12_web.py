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
