"""The steps of article extraction one by one: deciding by the page, metadata sources, decorations,
charsets, file names from addresses; and what extraction must never damage (fragments, clean pages)."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from conftest import SEEDS
from convert import model as m
from convert.errors import collect_warnings
from convert.readers import read_text, url_stem
from convert.readers.web import is_whole_page, read_page
from convert.readers.web.figures import is_decoration
from convert.readers.web.charset import declared_charset, page_text
from convert.readers.web.meta import clean_title, iso_datetime, page_metadata, parse, split_names

PAGES = SEEDS / "pages"

FRAGMENT = """<h2>Harbour notes</h2>
<p>The <b>ferry</b> timetable changes on <a href="https://example.org/t">Monday</a>.</p>
<ul><li>Early boat at 6:10</li><li>Last boat at 23:40</li></ul>
<figure><img src="map.png" alt="Route map"><figcaption>The new route.</figcaption></figure>
<table><tr><th>Pier</th><th>Minutes</th></tr><tr><td>North</td><td>12</td></tr></table>"""

CLEAN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry timetable changes</title>
<meta name="author" content="Ann Lee"></head><body><article><header><h1>Ferry timetable changes</h1>
<p class="byline">By Ann Lee</p></header>
<p>The ferry timetable changes on Monday, the harbour office said, after a summer of late sailings.</p>
<p>Passengers with season tickets keep them; the <a href="https://example.org/fares">fares</a> stay as they are.</p>
<figure><img src="pier.jpg" alt="The north pier" width="800" height="500"><figcaption>The north pier.</figcaption></figure>
<h2>What changes</h2><ol><li>The early boat leaves at 6:10.</li><li>The last boat leaves at 23:40.</li></ol>
</article></body></html>"""


@pytest.mark.parametrize("html", [FRAGMENT, CLEAN_PAGE], ids=["fragment", "clean-page"])
def test_fragments_and_clean_pages_are_not_touched(html: str) -> None:
    assert not is_whole_page(parse(html))
    assert read_page(html).html == html and not read_page(html).extracted
    extracted, whole = read_text(html, fmt="html"), read_text(html, fmt="html", extract=False)
    assert extracted.document == whole.document


def test_a_pandoc_standalone_page_is_a_clean_page() -> None:
    """pandoc's `-s` output has a `<header>` outside any `<article>`: the article's title block, not site
    chrome (it holds no links)."""
    page = ('<html><head><title>Budget</title></head><body><header id="title-block-header"><h1 class="title">'
            'Budget</h1><p class="author">Ann Lee</p></header><p>The council passed the budget.</p>'
            '<table><tr><td>Transit</td><td>96.1</td></tr></table></body></html>')
    assert not is_whole_page(parse(page))
    with_nav = page.replace("<header", "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><header")
    assert is_whole_page(parse(with_nav))


def test_data_tables_survive_extraction() -> None:
    rows = "".join(f"<tr><td>{name}</td><td>{n}.5</td><td>+{n}%</td></tr>" for n, name in enumerate(
        ["Transit", "Parks", "Housing", "Police", "Libraries"], start=3))
    page = ("<html><body><nav><a href='/'>Home</a><a href='/a'>A</a></nav><article><h1>Budget passes</h1>"
            + "<p>The council passed a budget that spends more on buses and less on offices, after a long debate.</p>" * 3
            + f"<table><tr><th>Department</th><th>Millions</th><th>Change</th></tr>{rows}</table>"
            + "<p>Hearings on the capital plan begin next week at city hall, the clerk said on Friday.</p></article>"
            + "<footer><a href='/about'>About</a> <a href='/privacy'>Privacy</a></footer></body></html>")
    result = read_page(page)
    assert result.extracted and result.html.count("<tr>") == 6 and "Libraries" in result.html
    assert "Privacy" not in result.html


def test_the_clean_page_keeps_its_heading_figure_list_and_head_metadata() -> None:
    document = read_text(CLEAN_PAGE, fmt="html").document
    assert document.meta.title == "Ferry timetable changes" and document.meta.authors == ("Ann Lee",)
    kinds = [type(b).__name__ for b in document.blocks]
    assert "Figure" in kinds and "ListBlock" in kinds and "Heading" in kinds


@pytest.mark.parametrize("name", ["millbrook-courier-flood-barrier.html", "netease-shanghai-port.html",
                                  "wechat-harbour-robots.html"])
def test_saved_news_pages_are_whole_pages(name: str) -> None:
    assert is_whole_page(parse((PAGES / name).read_text(encoding="utf-8")))


def test_a_page_with_chrome_but_no_article_is_kept_whole_with_a_warning() -> None:
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><p>Hi.</p>"
            "<footer>© Site</footer></body></html>")
    with collect_warnings() as warnings:
        result = read_page(page, name="empty.html")
    assert not result.extracted and "Hi." in result.html
    assert any("no article" in w for w in warnings)


# ---------------------------------------------------------------- metadata


@pytest.mark.parametrize("title, site, expected", [
    ("Council delays vote | Millbrook Courier", "Millbrook Courier", "Council delays vote"),
    ("上海港吞吐量创新高_网易财经", "网易财经", "上海港吞吐量创新高"),
    ("Millbrook Courier - Council delays vote", "Millbrook Courier", "Council delays vote"),
    ("A title: with a colon", "Courier", "A title: with a colon"),
    ("Courier", "Courier", "Courier"),
])
def test_site_names_are_taken_off_titles(title: str, site: str, expected: str) -> None:
    assert clean_title(title, site) == expected


def test_the_title_tag_is_the_last_resort_and_loses_its_suffix() -> None:
    page = ("<html><head><title>港口新闻标题_网易财经</title><meta property='og:site_name' content='网易财经'>"
            "</head><body><h1>a</h1><h1>b</h1></body></html>")
    assert page_metadata(parse(page)).title == "港口新闻标题"


@pytest.mark.parametrize("value, expected", [
    ("2024-03-12T07:45:00-05:00", "2024-03-12T07:45-05:00"),
    ("2024-04-15 10:32:15", "2024-04-15T10:32:15"),
    ("2024-04-15T10:32:15+0800", "2024-04-15T10:32:15+08:00"),
    ("2024-05-01T02:00:00Z", "2024-05-01T02:00Z"),
    ("2024-05-01", "2024-05-01"),
    ("2024-06-03T08:15:00.000Z", "2024-06-03T08:15Z"),
    ("Mon, 03 Jun 2024 08:15:00 +0800", "2024-06-03T08:15+08:00"),
    ("last Tuesday", ""),
])
def test_dates_keep_their_zone(value: str, expected: str) -> None:
    assert iso_datetime(value) == expected


def test_json_ld_graph_people_and_organisations() -> None:
    page = """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "Harbour Daily"},
      {"@type": ["NewsArticle"], "headline": "Pier reopens", "datePublished": "2024-06-01T08:00:00+01:00",
       "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Organization", "name": "Wire Service"},
                  {"@type": "Person", "name": "Bo Chen"}],
       "publisher": {"@type": "Organization", "name": "Harbour Daily"}, "articleSection": "Local"}]}
    </script></head><body><p>x</p></body></html>"""
    meta = page_metadata(parse(page))
    assert (meta.title, meta.authors, meta.date, meta.site, meta.section) == (
        "Pier reopens", ("Ann Lee", "Bo Chen"), "2024-06-01T08:00+01:00", "Harbour Daily", "Local")


def test_wechat_time_and_account() -> None:
    meta = page_metadata(parse((PAGES / "wechat-harbour-robots.html").read_text(encoding="utf-8")))
    assert meta.date == "2024-05-15T11:30+08:00" and meta.found["date"] == "wechat"
    assert meta.site == "海港观察" and meta.authors == ("王晓",)


def test_a_brand_in_the_author_tag_is_not_an_author() -> None:
    meta = page_metadata(parse((PAGES / "netease-shanghai-port.html").read_text(encoding="utf-8")))
    assert meta.authors == ("陈静", "李明") and meta.found["authors"] == "byline" and meta.editor == "王晓明"


def test_a_news_organisation_in_the_author_tag_is_not_an_author() -> None:
    page = ("<html><head><meta property='article:author' content='中国新闻网'>"
            "<meta property='og:title' content='Headline - Daily Post'></head><body><h1>Headline</h1>"
            "<p class='byline'>记者 张三</p></body></html>")
    meta = page_metadata(parse(page))
    assert meta.authors == ("张三",) and meta.title == "Headline"


def test_new_wechat_pages_state_create_time() -> None:
    page = '<html><head><script>var create_time = "1715743800" * 1;</script></head><body><p>x</p></body></html>'
    assert page_metadata(parse(page)).date == "2024-05-15T11:30+08:00"


@pytest.mark.parametrize("text, names", [
    ("By Jane Ortiz and Samuel Achebe", ("Jane Ortiz", "Samuel Achebe")),
    ("作者：陈静 李明", ("陈静", "李明")),
    ("记者 王某／北京报道", ("王某",)),
    ("Ann Lee, Bo Chen", ("Ann Lee", "Bo Chen")),
    ("张三 2025-03-12", ("张三",)),  # the date a page prints after the name (trafilatura's author field)
    ("记者 张三 2025-03-12 08:30", ("张三",)),
])
def test_byline_names(text: str, names: tuple[str, ...]) -> None:
    assert split_names(text) == names


# ---------------------------------------------------------------- body


@pytest.mark.parametrize("markup, decoration", [
    ('<img src="a/site-logo.png" width="320" height="60">', True),
    ('<img src="share.png" width="24" height="24" alt="Share">', True),
    ('<img src="t.gif" width="1" height="1">', True),
    ('<img src="x/qrcode.png" width="430" height="430">', True),
    ('<img src="divider.gif" data-ratio="0.05">', True),
    ('<img src="">', True),
    ('<img src="photos/harbour.jpg" width="1200" height="800" alt="The harbour">', False),
    ('<img src="photos/harbour.jpg">', False),
])
def test_decorations_are_never_figures(markup: str, decoration: bool) -> None:
    assert is_decoration(lxml_html.fragment_fromstring(markup)) is decoration


def test_lazy_images_and_a_base_href_are_resolved_against_the_page() -> None:
    page = (PAGES / "wechat-harbour-robots.html").read_text(encoding="utf-8").replace(
        "<head>", '<head><base href="/media/">', 1)
    result = read_page(page, url="https://mp.example.org/s/abc")
    document = read_text(result.html, fmt="html").document
    assert [f.src for f in document.figures] == ["https://mp.example.org/media/wechat-harbour-robots_files/night-cranes.jpg",
                                                 "https://mp.example.org/media/wechat-harbour-robots_files/control-room.jpg"]


def test_scheme_relative_pictures_of_a_saved_page_get_https() -> None:
    page = (PAGES / "millbrook-courier-flood-barrier.html").read_text(encoding="utf-8").replace(
        'src="millbrook-courier-flood-barrier_files/pump-station.jpg"', 'src="//cdn.example.org/pump-station.jpg"')
    document = read_text(read_page(page).html, fmt="html").document
    assert [f.src for f in document.figures][1] == "https://cdn.example.org/pump-station.jpg"
    assert document.figures[0].src == "millbrook-courier-flood-barrier_files/flood-barrier-lead.jpg"


@pytest.mark.parametrize("wrapper, caption, credit", [
    ('<div class="img_wrapper"><img src="//n.sinaimg.example/p.jpg" alt="p"><span class="img_descr">'
     '港口夜景。记者 张三 摄</span></div>', "港口夜景", "张三"),
    ('<table><tr><td><img src="p.jpg"></td></tr><tr><td class="picdesc">港口夜景</td></tr></table>', "港口夜景", ""),
    ('<section><p><img data-src="p.jpg"></p><p>图：港口夜景（摄影：王晓）</p></section>', "港口夜景", "王晓"),
])
def test_a_picture_and_its_caption_in_one_wrapper_are_one_figure(wrapper: str, caption: str, credit: str) -> None:
    paragraph = "<p>上海港一季度集装箱吞吐量同比增长，洋山港区自动化码头作业效率持续提升，绿色低碳转型加快。</p>"
    page = (f"<html><body><nav><a href='/'>首页</a><a href='/n'>新闻</a></nav><div class='article'>"
            f"{paragraph * 2}{wrapper}{paragraph * 2}</div><footer><a href='/a'>关于</a><a href='/b'>联系</a>"
            "</footer></body></html>")
    document = read_text(page, fmt="html").document
    from convert.enrich import prepare
    from convert.readers import Source
    figures = prepare(Source(path=PAGES / "x.html", document=document, root=PAGES)).figures
    assert len(figures) == 1 and m.plain_text(figures[0].caption).startswith(caption)
    assert credit in m.plain_text(figures[0].caption) + figures[0].credit  # the credit: a field or the caption's
    assert not figures[0].src.startswith("//")


def test_extraction_can_be_turned_off_for_a_whole_page() -> None:
    html = (PAGES / "netease-shanghai-port.html").read_text(encoding="utf-8")
    whole = read_text(html, fmt="html", extract=False).document
    assert "网易公司版权所有" in m.visible_text(whole)
    assert whole.meta.title == "上海港一季度集装箱吞吐量同比增长12% 创历史同期新高"  # the page's metadata still


# ---------------------------------------------------------------- charsets and names


def test_declared_charsets_header_first_then_meta() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>港口</p></body></html>'.encode("gb18030")
    assert declared_charset(page) == "gb18030"
    assert declared_charset(page, "text/html; charset=UTF-8") == "utf-8"
    assert "港口" in page_text(page, "", "p.html")
    assert "港口" in page_text(page, "text/html; charset=utf-8", "p.html")  # a wrong header: guessed instead


@pytest.mark.parametrize("url, stem", [
    ("https://example.org/news/local/2024/03/12/council-delays-flood-barrier-vote", "council-delays-flood-barrier-vote"),
    ("https://example.org/news/123.html", "news-123"),
    ("https://www.163.com/money/article/J0A1B2C3.html", "J0A1B2C3"),
    ("https://mp.weixin.qq.com/s?__biz=abc&mid=1", "mp.weixin.qq.com-s"),
    ("https://example.org/", "example.org"),
    ("https://example.org/story/index.html", "story"),
])
def test_file_names_from_addresses(url: str, stem: str) -> None:
    assert url_stem(url) == stem
