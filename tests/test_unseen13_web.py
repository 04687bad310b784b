"""A thirteenth round's saved news pages (a WeChat article's captions in their own small grey lines,
lazy pictures behind a placeholder file, a gallery's slides and thumbnails, pages built of components
with hashed class names, a summary list, a paged article), each shape written small and tested at the
step that now reads it right."""
from __future__ import annotations

from pathlib import Path

import convert
from convert import model as m
from convert.errors import collect_warnings
from convert.readers.promotion import is_promotion
from convert.readers.web import figures as web_figures, read_page

NAV = """<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/biz">财经</a> |
<a href="/tech">科技</a> | <a href="/sport">体育</a></div>"""
FOOTER = """<div class="footer"><a href="/about">关于我们</a> - <a href="/ad">广告服务</a>
<br>Copyright © 2025 版权所有</div>"""
PARAGRAPHS = [
    "早上七点半，家住静安区彭浦新村的82岁老人王秀英，第一次不用扶着楼梯扶手一步一歇地下楼。电梯门打开，她拎着菜篮子走了进去。",
    "王秀英所在的这栋楼建于1987年，共六层，住着24户人家，其中60岁以上的老人有31位。加装电梯的事情在楼里讨论过不下十次。",
    "转机出现在去年春天。街道引入了第三方专业机构，先请设计单位出了三套方案，把电梯井道往北侧挪了1.2米，一楼的采光影响降到最低。",
    "按照最终方案，加装一部电梯总造价约98万元，其中政府补贴约40万元，剩余部分由二楼以上住户按楼层递增分摊，一楼住户不出资。",
]
ENGLISH = [
    "Toxic forever chemicals have been found in rivers across England at levels that would breach a proposed new safety limit.",
    "The chemicals, known as PFAS, were detected at more than 1,200 monitoring sites tested by the Environment Agency last year.",
    "PFAS are used in products ranging from non-stick pans to firefighting foams and waterproof clothing, and do not break down.",
    "The highest concentrations were found downstream of industrial sites and sewage treatment works, the analysis found.",
]


def _write(tmp_path: Path, html: str, name: str = "page.html", pictures: tuple[str, ...] = ()) -> Path:
    for picture in pictures:
        (tmp_path / picture).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / picture).write_bytes(b"\xff\xd8\xff")
    (path := tmp_path / name).write_text(html, encoding="utf-8")
    return path


def _read(tmp_path: Path, html: str, pictures: tuple[str, ...] = ()) -> m.Document:
    return convert.read(str(_write(tmp_path, html, pictures=pictures)), offline=True)


def _page(article: str, title: str = "一栋老楼的加梯六年", head: str = "", lang: str = "zh-CN") -> str:
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>{NAV}'
            f"<h1>{title}</h1>{article}{FOOTER}</body></html>")


def _paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>\n" for p in items)


def _figures(doc: m.Document) -> list[m.Figure]:
    return [b for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Figure)]


def _texts(doc: m.Document) -> str:
    return "\n".join(m.plain_text(m.block_inlines(b)) for b in m.walk_blocks(doc.blocks))


# ---------------------------------------------------------------- 1. captions in lines of their own


WECHAT_PICTURE = """<section style="text-align: center;margin-bottom: 8px;"><img class="rich_pages wxw-img" data-ratio="0.66"
data-src="https://mmbiz.qpic.cn/sz_mmbiz_jpg/abc/640?wx_fmt=jpeg" src="img/640.jpeg" alt="图片"></section>
{caption}"""
SMALL_GREY = ('<section style="text-align: center;"><span style="font-size: 12px;color: rgb(136, 136, 136);">'
              '彭浦新村加装的电梯于本月正式投入使用。</span></section><section style="text-align: center;">'
              '<span style="font-size: 12px;color: rgb(136, 136, 136);">摄影 / 周晓岚</span></section>')


def _wechat(caption: str) -> str:
    body = (f'<div class="rich_media_content" id="js_content">{_paragraphs(PARAGRAPHS[:2])}'
            f"{WECHAT_PICTURE.format(caption=caption)}{_paragraphs(PARAGRAPHS[2:])}</div>")
    return _page(body)


def test_a_wechat_caption_in_small_grey_lines_under_the_picture_is_its_caption(tmp_path: Path) -> None:
    """WeChat sets a caption as a small grey centred line under the picture (`<section style="text-align:
    center"><span style="font-size:12px;color:#888">`) and its credit in a second one (`摄影 / 周晓岚`):
    trafilatura keeps neither, and the figures showed only `图 1` with the caption nowhere."""
    figure, = _figures(_read(tmp_path, _wechat(SMALL_GREY), ("img/640.jpeg",)))
    assert m.plain_text(figure.caption) == "彭浦新村加装的电梯于本月正式投入使用。"
    assert "周晓岚" in figure.credit


def test_a_centred_line_under_a_picture_is_its_caption_where_the_text_is_not_centred(tmp_path: Path) -> None:
    """A plain centred `<p>` under the picture, no smaller type: a caption too (it was lost), unless the
    account centres all its paragraphs, where a centred line is the text."""
    caption = '<p style="text-align: center;"><span>彭浦新村加装的电梯于本月正式投入使用。</span></p>'
    figure, = _figures(_read(tmp_path, _wechat(caption), ("img/640.jpeg",)))
    assert m.plain_text(figure.caption) == "彭浦新村加装的电梯于本月正式投入使用。"
    centred = _wechat(caption).replace("<p>", '<p style="text-align:center">')
    doc = _read(tmp_path, centred, ("img/640.jpeg",))
    assert "彭浦新村加装的电梯于本月正式投入使用。" in _texts(doc)
    assert not any(m.plain_text(f.caption) for f in _figures(doc))
    line = '<p style="font-size:12px;color:#888">彭浦新村加装的电梯于本月正式投入使用。</p>'
    small = _wechat(line).replace("<p>", '<p style="font-size:12px;color:#888">')  # an old site's small grey text
    doc = _read(tmp_path, small, ("img/640.jpeg",))
    assert "彭浦新村加装的电梯于本月正式投入使用。" in _texts(doc)
    assert not any(m.plain_text(f.caption) for f in _figures(doc))


def test_a_picture_in_an_inline_wrapper_with_a_caption_block_under_it_is_a_figure(tmp_path: Path) -> None:
    """Huanqiu's `<p style="text-align:center"><i class="pic-con"><img></i></p><p class="pic-desc">…</p>`: the
    picture was an inline image in emphasis and its caption a plain paragraph."""
    body = (f'<div class="article-content">{_paragraphs(PARAGRAPHS[:2])}<p style="text-align:center"><i class="pic-con">'
            f'<img src="img/ev.jpeg" alt=""></i></p><p class="pic-desc" style="text-align:center">6月12日，停放在江苏太仓港'
            f"等待装船出口的新能源汽车。（图源：视觉中国）</p>{_paragraphs(PARAGRAPHS[2:])}</div>")
    figure, = _figures(_read(tmp_path, _page(body), ("img/ev.jpeg",)))
    assert m.plain_text(figure.caption) == "6月12日，停放在江苏太仓港等待装船出口的新能源汽车。"
    assert "视觉中国" in figure.credit


# ---------------------------------------------------------------- 2. a placeholder file as `src`


def test_a_lazy_pictures_placeholder_file_gives_way_to_its_real_address(tmp_path: Path) -> None:
    """IT之家's second picture has `src="…_files/grey.gif"` (a 1×1 pixel saved beside the page) and its own
    address in `data-original`: the pixel was shown, dropped as too small, and its caption with it."""
    body = (f'<div class="post_content">{_paragraphs(PARAGRAPHS[:2])}<p><img src="p_files/grey.gif" class="lazy" '
            f'data-original="p_files/b9c8.jpg" alt="工作人员在中国空间技术研究院对返回器进行开舱。"></p>'
            f"{_paragraphs(PARAGRAPHS[2:])}</div>")
    figure, = _figures(_read(tmp_path, _page(body), ("p_files/grey.gif", "p_files/b9c8.jpg")))
    assert figure.src.endswith("p_files/b9c8.jpg")
    gif = body.replace("grey.gif", "g.gif")  # a GIF standing for a photograph of another name
    assert _figures(_read(tmp_path, _page(gif), ("p_files/g.gif", "p_files/b9c8.jpg")))[0].src.endswith("b9c8.jpg")


# ---------------------------------------------------------------- 3. galleries


MINGPAO = """<div id="lower"><div class="album_big"><ul><li><a href="https://fs.example.com/gaa1.jpg" class="fancybox">
<img src="img/gaa1_r.jpg" alt="調查發現約三成劏房面積少於8平方米。（楊柏賢攝）"></a>
<div class="imgcaption">調查發現約三成劏房面積少於8平方米。（楊柏賢攝）</div></li></ul></div></div>
<article class="txt4">{first}<div class="album_big"><ul><li><a class="fancybox" href="https://fs.example.com/gaa2.jpg">
<img src="img/gaa2_r.jpg" alt="社協昨日公布劏房住戶調查結果。（社協提供）"></a><div class="imgcaption">社協昨日公布劏房住戶調查結果。（社協提供）</div>
</li></ul></div>{rest}</article>"""


def test_a_gallery_list_with_lightbox_links_gives_the_lead_figure_and_figures_not_list_items(tmp_path: Path) -> None:
    """Ming Pao's pictures are `<div class="album_big"><ul><li><a class="fancybox" href="…/gaa1.jpg"><img></a>
    <div class="imgcaption">…</div></li></ul></div>`: the lead one above the article was lost with its caption
    (a picture inside a link was never a lead), the one in the body was a list item with a bullet and its
    caption came again as a paragraph under it."""
    html = _page(MINGPAO.format(first=_paragraphs(PARAGRAPHS[:2]), rest=_paragraphs(PARAGRAPHS[2:])), "劏房調查")
    doc = _read(tmp_path, html, ("img/gaa1_r.jpg", "img/gaa2_r.jpg"))
    figures = _figures(doc)
    assert [m.plain_text(f.caption) for f in figures] == ["調查發現約三成劏房面積少於8平方米。", "社協昨日公布劏房住戶調查結果。"]
    assert not any(isinstance(b, m.ListBlock) for b in doc.blocks)
    assert _texts(doc).count("社協昨日公布劏房住戶調查結果") == 1


ONCC = """<div class="gallery"><div class="swiper-wrapper">{slides}</div><ul class="thumbnails">{thumbs}</ul></div>
<div class="breakingNewsContent"><div class="paragraph">{text}</div></div>"""
SLIDE = ('<div class="photo swiper-slide"><img src="img/{n}b.jpg" alt=""><div class="caption"><span class="index">{n}/3</span>'
         "<p>赤柱正灘第{n}場賽事一早已擠滿觀眾，主辦單位估計全日入場人次超過3萬。（東網記者攝）</p></div></div>")
ONCC_TEXT = ["端午節龍舟競渡今日於全港多個地點舉行，赤柱、大澳、西貢及大埔等地均吸引大批市民及遊客圍觀打氣。", "以下為東網記者於各區拍攝的現場情況："]
THUMB = '<li><a href="#slide{n}"><img src="img/{n}s.jpg" width="120" height="80" alt=""></a></li>'


def _gallery(tmp_path: Path, text: list[str]) -> m.Document:
    """on.cc's gallery page of three captioned slides and their thumbnails over `text`, read: its figures
    are the three slides, each with its caption (and no `1/6` counter), never a thumbnail."""
    html = _page(ONCC.format(slides="".join(SLIDE.format(n=n) for n in (1, 2, 3)),
                             thumbs="".join(THUMB.format(n=n) for n in (1, 2, 3)), text=_paragraphs(text)), "龍舟競渡")
    doc = _read(tmp_path, html, tuple(f"img/{n}{s}.jpg" for n in (1, 2, 3) for s in "bs"))
    figures = _figures(doc)
    assert [Path(f.src).name for f in figures] == ["1b.jpg", "2b.jpg", "3b.jpg"]
    assert all(m.plain_text(f.caption).startswith("赤柱正灘") for f in figures)
    return doc


def test_a_galleries_thumbnails_are_no_figures_and_its_slide_counters_no_caption(tmp_path: Path) -> None:
    """on.cc's gallery: six slides, each captioned `<span class="index">1/6</span>…`, then a strip of 120×80
    thumbnails linking to the slides (`<a href="#slide0">`): the thumbnails were six more uncaptioned figures
    in a bulleted list, and each caption began `1/6`."""
    _gallery(tmp_path, ONCC_TEXT)


def test_a_video_players_button_is_no_caption_of_its_still(tmp_path: Path) -> None:
    """NHK's player over the summary: `<div class="nhk-player"><img><p class="play">動画を再生する</p></div>`:
    the still was captioned `動画を再生する` ("play the video")."""
    body = ('<section class="module--content"><div class="content--thumb"><div class="nhk-player"><img src="img/v.jpg" alt="">'
            '<p class="play">動画を再生する</p></div></div><div class="content--detail-body">'
            f"{_paragraphs(PARAGRAPHS)}</div></section>")
    doc = _read(tmp_path, _page(body, lang="ja"), ("img/v.jpg",))
    assert "動画を再生する" not in _texts(doc)


# ---------------------------------------------------------------- 4. pages built of components


GUARDIAN = """<div data-gu-name="meta" class="dcr-1s5p4ek"><div class="dcr-1rzz3ao"><img src="img/dc.png" alt="Damian Carrington">
<address aria-label="Contributor info"><a rel="author" href="/profile/dc">Damian Carrington</a> Environment editor</address></div></div>
<div data-gu-name="body" class="dcr-1oi7q7n"><div id="maincontent" class="dcr-1jl528t">{first}
<a href="#EmailSignup-skip-link-12" class="dcr-jzxpee">skip past newsletter promotion</a><div id="EmailSignup-skip-link-12"
class="dcr-1d0a5ek"><p class="dcr-1ewbmbq">Sign up to <span>Down to Earth</span></p><p class="dcr-x98ks4">Free weekly newsletter</p>
<p class="dcr-16r3cd5">The planet's most important stories. Get all the week's environment news - the good, the bad and the essential</p>
<p><strong>Privacy Notice: </strong>Newsletters may contain info about charities, online ads, and content funded by outside parties.</p>
</div>{rest}</div></div>"""


def test_a_newsletter_box_named_only_by_its_id_goes_with_its_skip_link(tmp_path: Path) -> None:
    """The Guardian's classes are hashed (`dcr-1d0a5ek`); its newsletter box is named by its id
    (`EmailSignup-skip-link-12`) and trafilatura keeps its text: `Sign up to Down to Earth`, `Free weekly
    newsletter` and the privacy notice were paragraphs of the article, under a `skip past newsletter
    promotion` link whose target was gone. And the author's face beside the byline was Figure 1."""
    html = _page(GUARDIAN.format(first=_paragraphs(ENGLISH[:2]), rest=_paragraphs(ENGLISH[2:])),
                 "Forever chemicals found in rivers", lang="en")
    doc = _read(tmp_path, html, ("img/dc.png",))
    text = _texts(doc)
    assert ENGLISH[3] in text
    assert not any(s in text for s in ("skip past", "Sign up", "Free weekly newsletter", "Privacy Notice"))
    assert not _figures(doc)


SCMP = """<ul data-qa="GenericArticle-Summary" class="css-summary"><li>Ferry operator says rising fuel costs and falling passenger
numbers make 2 routes unviable</li><li>Lawmakers urge government to step in with subsidies to protect residents</li></ul>
<div class="css-tools"><img src="img/headphones.png" alt=""><span>Listen to this article</span><span>3 min</span></div>
<div data-qa="GenericArticle-Content" class="css-content">{first}<div class="css-promo" data-qa="NewsletterSignupPromo">
<p>Get the latest insights and analysis from our Hong Kong newsletter</p><a>Sign up</a>
<p>By registering, you agree to our T&amp;C and Privacy Policy</p></div>{rest}</div>"""


def test_a_summary_list_under_the_headline_opens_the_body_and_a_component_promo_goes(tmp_path: Path) -> None:
    """SCMP's summary bullets (`<ul data-qa="GenericArticle-Summary">`) were lost, neither dek nor body; its
    newsletter box, named only by `data-qa="NewsletterSignupPromo"`, was three paragraphs of the article;
    its `Listen to this article` headphones icon was Figure 1."""
    html = _page(SCMP.format(first=_paragraphs(ENGLISH[:2]), rest=_paragraphs(ENGLISH[2:])), "Ferry routes at risk", lang="en")
    doc = _read(tmp_path, html, ("img/headphones.png",))
    first = doc.blocks[0]
    assert isinstance(first, m.ListBlock) and len(first.items) == 2
    text = _texts(doc)
    assert "Lawmakers urge government" in text and ENGLISH[3] in text
    assert not any(s in text for s in ("latest insights", "Sign up", "By registering"))
    assert not _figures(doc)


# ---------------------------------------------------------------- 5. promotion and dek lines


def test_promotion_lines_of_the_site_in_brackets_and_in_a_small_box() -> None:
    """Storm Media's `（相關報導：<a>…</a>｜<a>更多文章</a>）` between paragraphs and Sspai's closing box of calls
    (`下载少数派客户端、关注少数派公众号…` over `实用、好用的正版软件，少数派为你呈现`) were paragraphs of the article."""
    assert is_promotion("（相關報導： 台電再喊漲？經長：電價審議會10月召開｜更多文章 ）")
    assert is_promotion("> 下载少数派 客户端、关注 少数派公众号，解锁全新阅读体验📰")
    assert not is_promotion("（相关报道见第5版）")
    assert not is_promotion("用户可下载“国家反诈中心”APP举报，关注公众号获取信息。")
    box = ('<blockquote><p>&gt; 下载少数派 <a href="/client">客户端</a>、关注 <a href="/s/J71e">少数派公众号</a>，解锁全新阅读体验</p>'
           '<p>&gt; 实用、好用的 <a href="/mall">正版软件</a>，少数派为你呈现</p></blockquote>')
    page = read_page(_page(f'<div class="article-body">{_paragraphs(PARAGRAPHS)}{box}</div>'), name="sspai")
    assert "正版软件" not in page.html and PARAGRAPHS[3] in page.html


def test_the_dek_is_not_printed_again_under_a_lead_picture_nor_its_lead_in_label(tmp_path: Path) -> None:
    """NHK's summary (the dek) under its video still and The News Lens' abstract with its `我們想讓你知道的是`
    label were the subtitle and again the body's first paragraph: the first blocks compared with the dek
    were the lead picture's caption, and the label stayed a paragraph of its own."""
    dek = "人文學科訓練的，本來就不是某一種特定職業，而是一種理解世界的能力。"
    head = f'<meta property="og:description" content="{dek}">'
    body = (f'<div class="article-content"><figure><img src="img/cover.jpg" alt=""><figcaption>Photo Credit: Shutterstock'
            f'</figcaption></figure><div class="article-abstract"><p>{dek}</p></div><p>我們想讓你知道的是</p>'
            f"{_paragraphs(PARAGRAPHS)}</div>")
    html = _page(body, "人文學科的價值", head=head).replace('<h1>人文學科的價值</h1>', f'<h1>人文學科的價值</h1><div class="article-abstract"><p>{dek}</p></div>', 1)
    doc = _read(tmp_path, html, ("img/cover.jpg",))
    assert doc.meta.subtitle == dek
    text = _texts(doc)
    assert dek not in text and "我們想讓你知道的是" not in text and PARAGRAPHS[0] in text


# ---------------------------------------------------------------- 6. a paged article


def test_a_saved_page_of_a_paged_article_says_the_rest_is_not_there(tmp_path: Path) -> None:
    """China Daily's `第1页/共3页` with links to `…_2.html` and `…_3.html`: the edition held page 1 of 3 and
    said nothing of the rest."""
    pager = ('<div id="div_currpage"><span class="pagenum">第1页/共3页</span> <a href="javascript:void(0)">上一页</a> '
             '<span>1</span> <a href="https://example.com/a_2.html">2</a> <a href="https://example.com/a_3.html">3</a> '
             '<a href="https://example.com/a_2.html">下一页</a></div>')
    with collect_warnings() as warnings:
        doc = _read(tmp_path, _page(f'<div id="Content">{_paragraphs(PARAGRAPHS)}{pager}</div>'))
    assert PARAGRAPHS[3] in _texts(doc)
    assert any("page 1 of an article of 3 pages" in w for w in warnings)
    with collect_warnings() as warnings:
        _read(tmp_path, _page(f'<div id="Content">{_paragraphs(PARAGRAPHS)}</div>'))
        _read(tmp_path, _page(f'<div id="Content">{_paragraphs(PARAGRAPHS)}</div><div class="comments">{pager}</div>'))
    assert not any("pages" in w for w in warnings)


def test_decorations_by_their_box() -> None:
    """A picture named as the author beside an `<address>` byline is a face; a picture linking to a slide
    (`href="#slide0"`) is a thumbnail; a picture linking to its own larger file is the article's."""
    from convert.readers.web.dom import parse_html

    tree = parse_html('<div><div><img id="a" src="a.png" alt="Ann Lee"><address><a rel="author">Ann Lee</a></address></div>'
                      '<a href="#slide0"><img id="b" src="b.jpg"></a><p><a href="big.jpg"><img id="c" src="c.jpg"></a></p></div>')
    images = {i.get("id"): i for i in tree.iter("img")}
    assert web_figures.is_decoration(images["a"]) and web_figures.is_decoration(images["b"])
    assert not web_figures.is_decoration(images["c"]) and web_figures.picture_link(images["c"].getparent())


def test_a_gallery_above_the_article_gives_every_slide_not_only_the_first(tmp_path: Path) -> None:
    """A gallery of captioned slides above a long article (`<div class="photo swiper-slide"><img><div
    class="caption">…</div></div>` one after another): the first slide was the lead figure and the others,
    pictures and captions, were lost."""
    assert PARAGRAPHS[3] in _texts(_gallery(tmp_path, PARAGRAPHS))
