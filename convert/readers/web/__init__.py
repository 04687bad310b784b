"""A web page reduced to its article before it enters the model.

`is_whole_page` decides by the page: navigation, a site header or footer, page furniture, many links
or scripts mean a whole page; a fragment or a clean article page is read as it is. `read_page`
then runs the steps of `web_meta` (what the page says about the article) and `web_body` (the body in
the page's own markup, figures and captions included); trafilatura's metadata and htmldate fill what
the page's markup leaves unsaid. The result is still HTML: it goes through our sanitizer and pandoc
like any other, and the article conventions (`编辑：`, `（图：…）`, bylines) still run on it.
"""
from __future__ import annotations

import copy
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ...dates import parse_date_line, split_trailing_date
from ...errors import ConvertError, warn
from ...scripts import has_han, is_chinese
from . import body as web_body, figures as web_figures, meta as web_meta, state as web_state
from .dom import BLOCKS, class_words, component_words, normal
from .meta import PageMeta, parse, split_names, text_of

MIN_ARTICLE_CHARS = 80  # less than this kept: the extraction failed, keep the page whole
# What a script-rendered page shows until its scripts run (`<div class="loading">加载中...</div>`) and its
# logo: no words of an article
_PLACEHOLDER_WORDS = {"logo", "loading", "loader", "spinner", "skeleton", "placeholder"}
_LOADING = re.compile(r"^(?:加载中|加載中|載入中|正在加载|正在加載|正在載入|Loading)\W*$", re.I)
# Site chrome: navigation, and a page header, footer or aside with links in it (pandoc's title block
# `<header id="title-block-header">` is an article's header: it has none).
# Chrome named only by its class or id (`<ul class="gnb">`, `<div id="footer">`), outside the article.
CHROME_WORDS = {"nav", "navbar", "navigation", "menu", "gnb", "lnb", "snb", "topbar", "masthead", "footer",
                "copyright", "popular", "ranking", "mostread", "most-read", "trending"}
# A WeChat article, saved or pasted: its text in `#js_content`, its account, time, "follow us" lines, QR
# codes and "more reading" lists around and under it, and none of them marked as navigation or footer.
_WECHAT_XPATH = "//*[@id='js_content' or contains(concat(' ', normalize-space(@class), ' '), ' rich_media_content ')]"
# What only a site's own furniture says, on a page laid out without a class to tell it by (an old
# government site's tables): a Chinese site's licence number (`京ICP备12345678号`, `京公网安备 1101…号`),
# the breadcrumb's `当前位置：`
_SITE_TEXT = re.compile(r"ICP[备備证證]\s*\d|公网安备|公網安備|(?:当前|當前|您的|您现在的|您現在的)位置\s*[:：]")
# A page's header is also a `<div id="header">` (Baidu's, Sina's): named so whole, not as a part of a word
# (`article-header` is the article's).
_CHROME_XPATH = ("//nav|//*[@role='navigation' or @role='banner' or @role='contentinfo']"
                 "|//*[self::header or self::footer or self::aside or @id='header'"
                 " or contains(concat(' ', normalize-space(@class), ' '), ' header ')]"
                 "[not(ancestor::article)][count(.//a[@href]) >= 2]")


@dataclass(frozen=True)
class Page:
    """An article taken out of a page: HTML for the sanitizer and pandoc, and its metadata."""

    html: str
    # None: the page's head is read as for any HTML file (`<title>`, `<meta>`); a page that is no whole
    # page has at most its title here (`_top_heading`)
    meta: PageMeta | None
    extracted: bool  # False: the page was kept whole (a fragment, a clean page, or --no-extract)


def is_whole_page(tree: Any) -> bool:
    """A page with site furniture around its article (as opposed to a fragment or a clean article)."""
    body = tree.find("body")
    if body is None or not (text := text_of(body)):
        return False
    if tree.xpath(_CHROME_XPATH) or tree.xpath(_WECHAT_XPATH) or _SITE_TEXT.search(text):
        return True
    furniture = sum(1 for e in tree.iter() if isinstance(e.tag, str) and e.tag not in ("html", "body")
                    and class_words(e) & web_body.BOILERPLATE_WORDS)
    chrome = sum(1 for e in tree.iter() if isinstance(e.tag, str) and e.tag not in ("html", "body")
                 and class_words(e) & CHROME_WORDS and not e.xpath("ancestor::article"))
    if furniture + chrome >= 2:
        return True
    links = tree.xpath("//body//a[@href]")
    link_text = sum(len(normal(a.text_content())) for a in links)
    all_text = len(normal(tree.find("body").text_content())) or 1
    scripts = [s for s in tree.iter("script") if (s.get("type") or "").lower() != "application/ld+json"]
    return len(links) >= 30 or link_text / all_text > 0.3 or len(scripts) >= 4


def read_page(html: str, *, url: str = "", extract: bool = True, name: str = "page") -> Page:
    """The article of `html` (a page saved or fetched from `url`), or the page whole when it is not a
    whole page or `extract` is off. Relative addresses are resolved against `url` (or `<base href>`)."""
    tree = parse(html)
    base = _base(tree, url)
    whole = is_whole_page(tree)
    meta = web_meta.page_metadata(tree, url) if whole else None
    if meta is not None and extract:
        article = _extract(tree, meta, url, name)
        if article is None:
            article = _json_ld_body(tree)
        if article is None:
            article = _state_body(tree, meta)
        if article is not None:
            web_body.absolute_addresses(article, base or "https:", only_scheme_relative=not base)
            return Page(_serialise(article, meta.lang), meta, True)
        if not _text_besides_chrome(tree):
            raise ConvertError(name, "found no article in the page (no text but its menus, headings and footer, "
                                     "none in its JSON-LD or its scripts' data); --no-extract converts the page whole")
        warn(f"{name}: found no article in the page, so the whole page is converted, menus and all "
             "(--no-extract does so without this warning)")
    if base or (whole and tree.xpath("//img[starts-with(@src, '//')]")):
        web_body.absolute_addresses(tree, base or "https:", only_scheme_relative=not base)
        html = lxml_html.tostring(tree, encoding="unicode")
    if meta is None and (headline := _top_heading(tree)):
        meta = PageMeta(title=headline, found={"title": "h1"})
    return Page(html, meta, False)


def _top_heading(tree: Any) -> str:
    """The headline of a page that is no whole page, when its `<title>` says something else: its one
    `<h1>`, opening the body (at most a kicker's 80 characters before it). A reader takes the heading
    at the top for the title; the `<title>` is the browser tab's (`Notes – draft 3`). Several `<h1>`s
    are the sections of a longer page, which its `<title>` names."""
    body, head = tree.find("body"), web_meta.head_title(tree)
    headings = [h for h in body.iter("h1") if text_of(h)] if body is not None else []
    if len(headings) != 1 or not head or normal(text_of(headings[0])) == normal(head):
        return ""
    before, around = 0, set(headings[0].iterancestors())  # an ancestor's tail follows the heading
    for node in body.iter():
        if node is headings[0]:
            return text_of(node) if before <= 80 else ""
        if isinstance(node.tag, str) and node.tag not in ("script", "style", "template"):
            before += len(normal(node.text or "")) + (0 if node in around else len(normal(node.tail or "")))
    return ""


def _extract(tree: Any, meta: PageMeta, url: str, name: str) -> Any | None:
    # The page read twice: whole (the furniture kept), then pruned. When pruning took the article away,
    # the whole page's reading is the article's, as it was already made: it is not prepared and read
    # again. trafilatura's metadata comes from the pruned reading either way (it does not depend on
    # which text was kept, and the pruned page has less furniture to take a byline from).
    whole = web_body.prepare(tree, furniture=False)
    unpruned, _ = web_body.kept_texts(whole, url or None, metadata=False)
    prepared = web_body.prepare(tree, article=web_body.Kept(unpruned))
    texts, document = web_body.kept_texts(prepared, url or None)
    if _changed_its_mind(texts, unpruned):
        prepared, texts = whole, unpruned
    _fill_from_trafilatura(meta, document, tree)
    kept = web_body.Kept(texts)
    article = web_body.article_element(prepared, kept) if texts else None
    if article is None or sum(len(t) for t in texts) < MIN_ARTICLE_CHARS:
        return None
    _time_from_the_page(meta, prepared, article)
    _warn_of_later_pages(tree, name)
    body = web_body.clean_body(article, kept, logo=meta.publisher_logo, site=meta.site, title=meta.title, name=name)
    lead = web_figures.lead_figure(article, meta.publisher_logo, meta.site)
    if lead is not None and not _holds_image(body, lead):
        body.insert(0, lead)
    web_figures.flatten_figures(body, meta.publisher_logo, meta.site)
    if (summary := _summary_above(prepared, article, meta)) is not None:
        body.insert(0, summary)
    _drop_repeated_dek(body, meta)
    _headline_over_head_title(body, meta)
    _drop_byline_block(body, meta)
    fields_line = _fields_line(prepared, article)
    if fields_line and not meta.source and meta.found.get("site") == "title":  # (a portal's channel, `…-搜狐财经`)
        from ...enrich.bylines import byline_fields
        if isinstance(source := byline_fields(fields_line).get("source_site"), str) and source and " " not in source:
            meta.source, meta.found["source"] = source, "fields line"  # Sohu's `来源：财新网` beside the date
    for line in (fields_line, _reporter_line(prepared, article)):
        if line:
            paragraph = lxml_html.Element("p")
            paragraph.text = line
            body.insert(0, paragraph)
    return body


# The article's points in brief, listed under its headline (SCMP's `<ul data-qa="GenericArticle-Summary">`)
_SUMMARY_WORDS = {"summary", "highlights", "keypoints", "takeaways", "bullets", "standfirst", "dek", "abstract"}
_SUMMARY_CHARS = 600


def _summary_above(prepared: Any, article: Any, meta: PageMeta) -> Any | None:
    """A list of the article's points between its headline and its body, named as a summary and made of
    sentences (not links), when the dek does not already say it: it opens the body as a list. trafilatura
    keeps it with neither, and it was lost (SCMP's bullets over every story)."""
    headline_seen = False
    for node in prepared.iter():
        if node is article:
            return None
        if not isinstance(node.tag, str):
            continue
        if node.tag == "h1":
            headline_seen = True
        if node.tag not in ("ul", "ol") or not headline_seen or node.xpath("ancestor::ul|ancestor::ol") \
                or not (component_words(node) & _SUMMARY_WORDS):
            continue
        items = [text_of(li) for li in node.iter("li")]
        links = sum(len(normal(a.text_content())) for a in node.iter("a"))
        if len(items) < 1 or any(len(item) < 20 for item in items) or sum(map(len, items)) > _SUMMARY_CHARS \
                or links * 2 > sum(len(normal(item)) for item in items):
            continue
        if meta.subtitle and any(normal(item) in normal(meta.subtitle) for item in items):
            return None
        summary = lxml_html.Element(node.tag)
        for item in items:
            etree.SubElement(summary, "li").text = item
        return summary
    return None


# A multi-page article's pager: `第1页/共3页`, `共3页`, `Page 1 of 3`
_PAGER = re.compile(r"第\s*(?P<page>\d{1,3})\s*[页頁]\s*[/／]?\s*共\s*(?P<pages>\d{1,3})\s*[页頁]"
                    r"|共\s*(?P<only>\d{1,3})\s*[页頁]"
                    r"|\bPage\s+(?P<en_page>\d{1,3})\s+of\s+(?P<en_pages>\d{1,3})\b", re.I)
_PAGER_CHARS = 200
_COMMENT_WORDS = {"comment", "comments", "reply", "replies", "discuss", "disqus", "forum"}


def _warn_of_later_pages(tree: Any, name: str) -> None:
    """A saved page that is one page of an article split over several (China Daily's `第1页/共3页` with links
    to `…_2.html` and `…_3.html`): the edition holds only this page's part, and says so."""
    for element in tree.iter("div", "p", "span", "td", "nav", "ul", "center"):
        text = " ".join(element.text_content().split())
        if len(text) > _PAGER_CHARS or not (match := _PAGER.search(text)) \
                or any(component_words(a) & _COMMENT_WORDS for a in [element, *element.iterancestors()]):
            continue  # (the readers' comments' pages are no pages of the article)
        numbers = [int(t) for a in element.iter("a") if (t := " ".join(a.text_content().split())).isdigit()]
        if not numbers and (element.getparent() is None or len(text) < 12):
            numbers = [int(t) for a in (element.getparent() if element.getparent() is not None else element).iter("a")
                       if (t := " ".join(a.text_content().split())).isdigit()]
        if not numbers:
            continue  # (`共3页` without links to the pages: a count, not a pager)
        pages = int(match["pages"] or match["only"] or match["en_pages"])
        page = int(match["page"] or match["en_page"] or 0) or next(
            (n for n in range(1, pages + 1) if n not in numbers), 1)
        if page < pages:
            warn(f"{name}: this is page {page} of an article of {pages} pages; the pages after it are not in "
                 "this file, so the edition ends where this page does")
        return


def _changed_its_mind(pruned: list[str], unpruned: list[str]) -> bool:
    """Whether pruning the furniture took the article away: trafilatura then keeps less than half as much
    of the pruned page, or mostly text it did not keep of the whole page (a list of teasers). Pruning
    is meant to take chrome out of what it keeps, which leaves the rest as it was."""
    chars = sum(map(len, pruned))
    whole = web_body.Kept(unpruned)
    new = sum(len(t) for t in pruned if not whole.covers(t))
    return chars * 2 < sum(map(len, unpruned)) or new * 2 > chars


# A reporter's line above the article (`記者許志豪／台北報導`, `〔記者王某／台南報導〕`, `本报记者 王某 北京报道`):
# the role and the place are the article's conventions (`enrich.bylines`), which read it like any other
# byline line when it opens the body; the page's author fields give the name alone.
_REPORTER_LINE = re.compile(r"^[〔［\[（(]?(?:本报|本報|特约|特約|駐\S{1,4}|驻\S{1,4})?(?:记者|記者)\s*[:：]?\s*"
                            r"[^\s:：]{2,}.{0,30}?(?:报道|報導|報道)[)）〕］\]]?$")


def _text_besides_chrome(tree: Any) -> bool:
    """Whether the page has words to read outside its chrome and headings: a 404 or index page (menus,
    `<h1>404</h1>`, a footer) has none, and converting it would print its menus."""
    page = copy.deepcopy(tree.find("body"))
    chrome = page.xpath(_CHROME_XPATH.replace("//", ".//")) + [
        e for e in page.iter() if isinstance(e.tag, str) and (class_words(e) & (
            CHROME_WORDS | web_body.BOILERPLATE_WORDS | _PLACEHOLDER_WORDS) or _LOADING.match(text_of(e)))]
    chrome += [e for e in page.iter("h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "noscript", "template")]
    for element in chrome:
        if element.getparent() is not None:
            element.getparent().remove(element)
    return bool(re.search(r"[^\W\d_]", page.text_content()))


def _state_body(tree: Any, meta: PageMeta) -> Any | None:
    """The article a script-rendered page holds in its application state (`web_state`), its fields filling
    what the page's head left to its `<title>` or to trafilatura's guess (the headline, the site after it
    in the `<title>`, the dek, the source, the time)."""
    found = web_state.state_article(tree, chinese=has_han(meta.title) or is_chinese(meta.lang))
    if found is None:
        return None
    guessed = ("title", "trafilatura", "")
    if found.title and meta.found.get("title", "") in guessed:
        meta.title, meta.found["title"] = found.title, "state"
        if meta.found.get("site", "") in guessed and (site := web_meta.site_from_title(web_meta.head_title(tree), found.title)):
            meta.site, meta.found["site"] = site, "title"
    for name, value in (("description", found.description), ("source", found.source), ("date", found.date)):
        if value and (not getattr(meta, name) or meta.found.get(name) in ("trafilatura", "htmldate")):
            setattr(meta, name, value)
            meta.found[name] = "state"
    web_figures.figures_from_wrappers(found.body, meta.publisher_logo, meta.site)  # `<div class="pgc-img">` + caption
    return found.body


def _json_ld_body(tree: Any) -> Any | None:
    """The article a script-rendered page states only in its JSON-LD (`articleBody`), one paragraph per
    blank-line-separated block (per line when it has none), as text: markup in it is not the page's."""
    text = web_meta.json_ld_article(tree).get("articleBody")
    if not isinstance(text, str) or len(normal(text)) < MIN_ARTICLE_CHARS:
        return None
    text = text.replace("\r\n", "\n").strip()
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    body = lxml_html.Element("div")
    for block in blocks:
        if paragraph := " ".join(block.split()):
            etree.SubElement(body, "p").text = paragraph
    return body


def _reporter_line(prepared: Any, article: Any) -> str:
    """The reporter's line the page shows between its top and the article's body, or ''."""
    for node in prepared.iter():
        if node is article:
            break
        if isinstance(node.tag, str) and node.tag not in ("script", "style", "title", "head", "a"):
            text = normal(node.text_content())
            if len(text) <= 40 and _REPORTER_LINE.match(text):
                return text
    return ""


# (or a read count: a post's meta line, `<em>poster</em> 2025-03-12 20:48 阅读数：8.6万`, labels nothing)
_FIELD_LABELS = re.compile(r"(?:来源|來源|作者|编辑|編輯|责编|責編)\s*[:：]|(?:阅读|閱讀|浏览|瀏覽)(?:量|数|數)\s*[:：]?\s*\d")


def _fields_line(prepared: Any, article: Any) -> str:
    """The line of byline fields the page shows between its top and the article's body (`2019-09-26 12:11
    来源：证券时报网作者：李在山` under the headline), or '': it opens the body, where the article conventions
    read its fields into the byline and take it out, as they do when the line is inside the article."""
    from ...enrich.bylines import byline_fields  # the one reading of byline lines (the reader runs first)
    for node in prepared.iter():
        if node is article:
            break
        if isinstance(node.tag, str) and node.tag not in ("script", "style", "title", "head", "a"):
            text = text_of(node)
            if 8 <= len(text) <= 120 and _FIELD_LABELS.search(text):
                text = _without_comment_links(node)  # `作者：王小明　林晓　<a href="#comment">我来说两句(86)</a>`
                if len(fields := byline_fields(text)) >= 2 and fields.keys() & {"authors", "source_site", "editor"}:
                    return text
    return ""


# A link to the comments in a line of fields (`我来说两句(86)`, `评论(12)`, `86条评论`): no name nor source
_COMMENT_LINK = re.compile(r"^(?:我来说两句|我來說兩句|我要评论|我要評論|发表评论|發表評論|参与评论|參與評論|评论|評論|留言)"
                           r"\s{0,3}[（(]?\s{0,3}\d{0,9}\s{0,3}[)）]?$|^\d{1,9}\s{0,3}条?(?:评论|評論)$")


def _without_comment_links(node: Any) -> str:
    line = copy.deepcopy(node)
    for link in list(line.iter("a")):
        if _COMMENT_LINK.match(text_of(link)):
            link.drop_tree()
    return text_of(line)


def _fill_from_trafilatura(meta: PageMeta, document: Any, tree: Any) -> None:
    """trafilatura's and htmldate's findings, where the page's own markup said nothing."""
    found = document.as_dict() if document is not None else {}
    if not meta.title and found.get("title"):
        meta.title, meta.found["title"] = web_meta.clean_title(found["title"], meta.site), "trafilatura"
    if not meta.authors and found.get("author"):
        shown = _page_words(tree)
        names = web_meta.person_names(tuple(n for part in str(found["author"]).split(";")
                                            if not web_meta.is_editor_line(part) for n in split_names(part)
                                            if normal(n) in shown), meta.site, meta.title)
        if names:
            meta.authors, meta.found["authors"] = names, "trafilatura"
    if not meta.site and found.get("sitename"):
        meta.site, meta.found["site"] = str(found["sitename"]), "trafilatura"
    if not meta.section and found.get("categories"):
        meta.section, meta.found["section"] = str(found["categories"][0]), "trafilatura"
    if not meta.date:
        meta.date = _htmldate(tree)
        if meta.date:
            meta.found["date"] = "htmldate"


def _page_words(tree: Any) -> str:
    """The page's text and its meta tags' values, white space collapsed: trafilatura's author must be
    written there as it gives it. It rewrites what it reads (`Www Example Cn` out of a link's address,
    `Email Com` out of `email@gmail.com`, `Lupa` out of `lupa`), and a name it made up is nobody's."""
    values = [e.get("content") or "" for e in tree.iter("meta")]
    return normal(" ".join([*tree.itertext(), *values]))


def _time_from_the_page(meta: PageMeta, prepared: Any, article: Any) -> None:
    """A date without a time (`publishdate` meta, htmldate) takes the time the page shows for that day
    between its top and the article's first paragraph (`2024年06月06日05:52 | 来源：…`, above the article
    or inside it under the headline); no date at all takes the first date-time shown there."""
    if web_meta.has_time(meta.date):
        return
    texts: list[str] = []
    stop = next(article.iter("p"), article)  # the lines above the article's first paragraph, its own too
    for node in prepared.iter():
        if node is stop:
            break
        if isinstance(node.tag, str) and node.tag not in ("script", "style", "title", "head"):
            texts.extend((node.text or "", node.tail or ""))
    if found := web_meta.visible_time(texts, meta.date[:10] if meta.date else ""):
        meta.date, meta.found["date"] = found, "visible"


def _htmldate(tree: Any) -> str:
    """The publication day htmldate reads from the page (no network: it gets the parsed tree)."""
    from htmldate import find_date
    try:
        return find_date(tree, original_date=True, extensive_search=False) or ""
    except Exception:  # htmldate is a fallback: its failure must not fail the article
        return ""


def _base(tree: Any, url: str) -> str:
    for base in tree.iter("base"):
        if href := (base.get("href") or "").strip():
            joined = urllib.parse.urljoin(url, href) if url else href
            return joined if urllib.parse.urlsplit(joined).scheme in ("http", "https") else url
    return url


def _holds_image(body: Any, figure: Any) -> bool:
    sources = {i.get("src") for i in body.iter("img")}  # (`clean_body` made each video its poster picture)
    return any(i.get("src") in sources for i in figure.iter("img")) or figure.get("poster") in sources


def _headline_over_head_title(body: Any, meta: PageMeta) -> None:
    """A title read only from `<title>` (no JSON-LD, Open Graph or lone `<h1>`) gives way to the headline
    the article opens with (`<h2 class="title">`): the `<title>` is often a shorter search-engine line
    with the site's name (`서울시, 심야버스 노선 확대 : 한강일보`). The heading leaves the body."""
    if meta.found.get("title") != "title":
        return
    for element in body.iter():
        if element is body or not isinstance(element.tag, str) or element.tag in ("div", "section", "header"):
            continue
        if element.tag in ("h1", "h2", "h3") and (headline := text_of(element)):
            meta.title, meta.found["title"] = headline, "heading"
            element.getparent().remove(element)
        return


_REPORTER_WORDS = re.compile(r"记者|記者|报道|報導|報道|通讯员|通訊員|发自|發自")


def _drop_byline_block(body: Any, meta: PageMeta) -> None:
    """The page's byline block left in the body above the article's text when it says no more than the
    metadata does: a `class="byline"` block of the authors' names (`2025年3月19日 14時05分　文：佐藤美咲`), or
    any short block whose every field is a date or an author (`입력 2025.01.15 10:32 | 김민준 기자`, `By X |
    March 4, 2025`). The editions print the byline from the metadata, so it would show twice. A time it
    shows for the metadata's day completes the date. A byline box the page marks as one (BBC's `<div
    data-testid="byline">` of `作者，李思`, `Role，BBC中文記者 台北` and `2025年3月18日 更新 …`) goes whole when it
    names every author, above the text."""
    for element in list(body.iter()):
        if isinstance(element.tag, str) and element is not body and len(normal(element.text or "")) > 80:
            break
        if isinstance(element.tag, str) and _is_byline_box(element) and meta.authors \
                and len(text := text_of(element)) <= 160 and not list(element.iter("img")) \
                and all(name in text for name in meta.authors):
            element.getparent().remove(element)
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element is body:
            continue
        if len(normal(element.text or "")) > 80:
            return  # the article's text has begun
        text = text_of(element)
        if not text or len(text) > 80 or list(element.iter("img")) or not meta.authors or _REPORTER_WORDS.search(text):
            continue  # a reporter's role and place (`記者許志豪／台北報導`) are for `enrich.bylines` to read
        if class_words(element) & {"byline", "author", "writer"} and set(split_names(text)) == set(meta.authors):
            element.getparent().remove(element)
            continue
        dates = []
        for field in (f for f in re.split(r"\s*[|｜·]\s*", text) if f):
            label, date = split_trailing_date(field)
            date = parse_date_line(field) or (date if len(label) <= 12 and not re.search(r"\d", label) else "")
            if date:
                dates.append(date)
            elif not split_names(field) or not set(split_names(field)) <= set(meta.authors):
                break
        else:
            if dates:
                if web_meta.has_time(dates[0]) and not web_meta.has_time(meta.date) and \
                        dates[0][:10] == meta.date[:10]:
                    meta.date, meta.found["date"] = dates[0], "byline"
                element.getparent().remove(element)


def _is_byline_box(element: Any) -> bool:
    marks = " ".join(filter(None, (element.get("data-testid"), element.get("data-component"), element.get("itemprop"))))
    return "byline" in class_words(element) or "byline" in marks.lower()


def _drop_repeated_dek(body: Any, meta: PageMeta) -> None:
    """The first paragraphs or headings that repeat the headline, the dek shown under it or the kicker
    above it."""
    repeated = {normal(value) for value in (meta.title, meta.subtitle, meta.kicker) if value}
    # the first blocks of text (hk01's `<div class="category">社會新聞</div>`, the kicker, was a paragraph too);
    # a lead picture's caption above them is no text of the body's (NHK's video still over its summary)
    leaves = [e for e in body.iter(*BLOCKS) if e is not body and not any(c.tag in BLOCKS for c in e.iterdescendants())
              and e.text_content().strip() and not e.xpath("ancestor-or-self::figure")]
    for element in leaves[:3]:
        text = normal(element.text_content())
        if not text or text not in repeated:
            break
        if meta.subtitle and text == normal(meta.subtitle):
            _drop_dek_label(element)
        element.getparent().remove(element)


# A line that only leads in to the dek beside it (The News Lens' `我們想讓你知道的是` over its abstract): short, and
# ending as a lead-in does (`…的是`, `In short:`), where a byline line (`記者王某／台北報導`) never ends so
_DEK_LABEL = re.compile(r"^.{2,16}(?:的是|是|[:：])$")


def _drop_dek_label(dek: Any) -> None:
    """The lead-in line beside the dek (or beside the box that holds only the dek)."""
    box = dek.getparent()
    alone = box is not None and len([c for c in box if isinstance(c.tag, str)]) == 1
    for element in (dek, box) if alone else (dek,):
        for sibling in (element.getprevious(), element.getnext()):
            if sibling is not None and isinstance(sibling.tag, str) and sibling.tag in ("p", "div", "h2", "h3", "h4") \
                    and not sibling.xpath(".//img") and _DEK_LABEL.match(text_of(sibling)):
                sibling.getparent().remove(sibling)
                return


def _serialise(body: Any, lang: str) -> str:
    root = etree.Element("html")
    if lang:
        root.set("lang", re.sub(r"[^A-Za-z0-9-]", "", lang))
    etree.SubElement(root, "head")
    html_body = etree.SubElement(root, "body")
    html_body.append(body)
    return lxml_html.tostring(root, encoding="unicode")
