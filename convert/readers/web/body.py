"""The article's body out of a whole web page, in the page's own markup.

trafilatura decides which text is the article (it is the best-measured extractor for this); its own
output drops captions, credits and figures, so we keep the page's markup instead: the smallest element
that holds the text trafilatura kept, less the blocks it left out, with every figure and caption in
it, and the lead figure placed just before it. Steps, each usable alone:

1. `prepare`: lazy-loaded images get their real address; comments, share bars, related links,
   advertising, cookie banners and hidden elements are pruned by their class or id.
2. `kept_texts`: what trafilatura keeps of the prepared page.
3. `article_element`: the smallest element holding those texts.
4. `clean_body`: that element without the blocks trafilatura left out, decorations and promotion
   lines; pictures and their captions as figures (`web_figures`, which also finds the lead figure).
"""
from __future__ import annotations

import copy
import re
import urllib.parse
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ...errors import warn

from ..promotion import PROMOTION as _PROMOTION
from .dom import _NORMAL, BLOCKS, component_words, is_hidden, is_status_badge, normal, reading, remove
from .figures import (captions_under_pictures, drop_picture_controls, drop_scan_codes, figures_from_wrappers, is_decoration,
                      keep_only_figures, kept_images, pictures_out_of_lists)

# Class and id words of page furniture; a class `post_comment` or `ad-slot` splits into its words.
BOILERPLATE_WORDS = {
    "comment", "comments", "discuss", "disqus", "respond", "share", "sharing", "sharebar", "social", "related",
    "relate", "recommend", "recommends", "recommended", "ad", "ads", "advert", "adverts", "advertisement",
    "sponsor", "sponsored", "gg", "newsletter", "signup", "subscribe", "subscription", "cookie", "cookies",
    "consent", "gdpr", "crumb", "crumbs", "breadcrumb", "breadcrumbs", "qrcode", "qr", "jubao", "popup", "modal",
    "dialog", "toolbar", "paywall", "promo", "outbrain", "taboola", "mpda", "sidebar", "widget", "bio",
    "author-bio", "statement", "print", "tags", "tag", "topics", "next", "prev", "pagination", "more", "hot",
    "podcast", "podcasts",  # BBC's `<section class="bbc-podcast">BBC中文播客 收聽更多內容：…</section>` under the text
    "interstitial",  # RFI's `<div class="m-interstitial">閱讀更多 …</div>` between paragraphs
    "suggest",  # LTN's `<div class="suggest_pc">一手掌握經濟脈動 點我訂閱…</div>`
    "nav", "navbar", "navigation", "menu", "topbar",  # a site's menus not in `<nav>` (Weibo's `WB_global_nav`)
}
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url", "data-echo",
                 "data-lazyload", "data-original-src", "data-img-url")

# (a `<video>` stays: `sanitize` shows its poster as a still, or drops it saying so)
_NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "form", "button", "input", "select",
               "textarea", "svg", "canvas", "object", "embed", "audio", "link", "meta",
               # an AMP page's advertisements and trackers (`<div fallback>廣告載入失敗</div>` inside was a paragraph)
               "amp-ad", "amp-embed", "amp-sticky-ad", "amp-auto-ads", "amp-analytics", "amp-pixel")


# ---------------------------------------------------------------- 1. prepare


def prepare(tree: Any, *, furniture: bool = True, article: Kept | None = None) -> Any:
    """A copy of the page with real image addresses, without scripts, forms and media players, and (with
    `furniture`) without the furniture named above. An element a furniture word names is still kept
    when it is mostly `article` text (what trafilatura keeps of the page unpruned): page builders wrap
    every paragraph in an `elementor-widget-wrap`, a layout grid is `c-fixed-sidebar-layout`, a whole
    test report a `Dialog` — words a sidebar, a widget or a pop-up also use."""
    tree = copy.deepcopy(tree)
    for amp in list(tree.iter("amp-img", "amp-anim")):  # an AMP page's pictures (their <noscript> copy inside)
        for child in list(amp):
            amp.remove(child)
        amp.tag = "img"
    shared = _shared_sources(tree)
    for image in tree.iter("img"):
        for attribute in _LAZY_SOURCES:
            if (value := (image.get(attribute) or "").strip()) and not value.startswith("data:"):
                if _placeholder(image.get("src") or "", value, shared):
                    image.set("src", value)
                break
        src = (image.get("src") or "").strip()
        if not src or src.startswith("data:"):
            # BBC's `<img src="data:…gif" srcSet="a_small.jpg 480w, a.jpg 976w">`, or only its `<picture>`'s `<source>`
            sets = [image.get("srcset"), image.get("data-srcset")]
            if (picture := image.getparent()) is not None and picture.tag == "picture":
                sets += [source.get("srcset") or source.get("data-srcset") for source in picture.iter("source")]
            if best := next((b for b in map(largest_candidate, sets) if b), ""):
                image.set("src", best)
    body = tree.find("body")
    scope = body if body is not None else tree
    _unwrap_layout_tables(scope)
    _drop_breadcrumbs(scope)
    page_chars = len(normal(scope.text_content())) or 1
    for element in list(scope.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in ("html", "body"):
            continue
        if element.tag == "noscript" and _is_text(element):
            element.drop_tag()  # Blogger serves its posts' text in `<noscript>`: what a reader without scripts sees
        elif element.tag == "form" and _holds_the_article(element, page_chars):
            element.drop_tag()  # an ASP.NET page is one `<form>` around everything
        elif element.tag in _NOISE_TAGS:
            element.drop_tree()
        elif furniture and (_is_furniture(element) or is_hidden(element)) \
                and not _holds_the_article(element, page_chars) \
                and (not _article_text(element, article) or _sign_up_box(element)):
            element.drop_tree()
    return tree


def _shared_sources(tree: Any) -> set[str]:
    """The `src` several lazy pictures share, each with its own real address: the site's placeholder."""
    real: dict[str, set[str]] = {}
    for image in tree.iter("img"):
        lazy = next((v for a in _LAZY_SOURCES if (v := (image.get(a) or "").strip())), "")
        if lazy and (src := (image.get("src") or "").strip()) and src != lazy:
            real.setdefault(src, set()).add(lazy)
    return {src for src, addresses in real.items() if len(addresses) >= 2}


def _placeholder(src: str, lazy: str, shared: set[str]) -> bool:
    """Whether a picture's `src` only holds its place until a script sets its lazy address: none, a
    `data:` pixel, a loader (`loading.gif`), the one the page's other lazy pictures share (CNA's
    `pic_fb.jpg`), or a remote address where the saved page has its picture as a file beside it
    (`data-src="img/cna2.jpg"`, as a browser saves a page)."""
    src = src.strip()
    if not src or src.startswith("data:") or "loading" in src or src in shared or _stand_in(src, lazy):
        return True
    local = not urllib.parse.urlsplit(lazy).scheme and not lazy.startswith("//")
    remote = urllib.parse.urlsplit(src)
    return local and remote.scheme in ("http", "https") \
        and remote.path.rsplit("/", 1)[-1] != urllib.parse.urlsplit(lazy).path.rsplit("/", 1)[-1]  # (not it, resolved)


# A placeholder's file name (`grey.gif`, `blank.png`, `spacer.gif`, `1x1.png`, `lazy-placeholder.svg`)
_STAND_IN_WORDS = {"grey", "gray", "blank", "spacer", "pixel", "transparent", "trans", "placeholder", "lazy",
                   "lazyload", "loader", "1x1", "empty", "clear", "dot", "default", "holder", "space"}


def _stand_in(src: str, lazy: str) -> bool:
    """A `src` that only stands in for the lazy picture: a file named as a placeholder (IT之家's
    `grey.gif`, a 1×1 pixel saved beside the page), or a GIF standing for a photograph of another name
    (`src="img/g.gif" data-original="img/photo.jpg"`)."""
    name = urllib.parse.urlsplit(src).path.rsplit("/", 1)[-1].lower()
    real = urllib.parse.urlsplit(lazy).path.rsplit("/", 1)[-1].lower()
    if not name or name == real:
        return False
    stem, _, extension = name.rpartition(".")
    if set(re.split(r"[_\-.\s]+", stem or extension)) & _STAND_IN_WORDS:
        return True
    return extension == "gif" and not real.endswith(".gif")


# Between two candidates of a `srcset` (`img/a.jpg 480w, img/a.jpg 976w`): a comma and white space, or a
# comma after a descriptor (a comma inside an address, `w_300,h_200`, parts nothing)
_CANDIDATES = re.compile(r",\s+|(?<=\d[wx]),")


def largest_candidate(srcset: str | None) -> str:
    """The address of a `srcset`'s largest picture (by its `976w` or `2x`), else its first; '' for none."""
    best, size = "", -1.0
    for candidate in _CANDIDATES.split((srcset or "").strip()):
        parts = candidate.split()
        if not parts or parts[0].startswith("data:"):
            continue
        found = re.fullmatch(r"(\d+(?:\.\d+)?)[wx]", parts[1]) if len(parts) > 1 else None
        if (value := float(found[1]) if found else 0.0) > size:
            best, size = parts[0], value
    return best


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
LAYOUT_CELL_CHARS = 150  # a cell of paragraphs longer than this holds text, not a figure


def _unwrap_layout_tables(scope: Any) -> None:
    """Tables that lay a page out, as blocks: an old site (a government's) sets its banner, its
    breadcrumb, the headline, the article and the footer each in a table, and trafilatura kept them as
    tables of the article. A table lays out when each row has one cell, or when a cell holds a heading,
    a table, or paragraphs of some length (a table of figures exported from Word has a `<p>` in each
    short cell). The innermost first, so that a data table inside a layout cell stays a table."""
    for table in reversed(list(scope.iter("table"))):
        rows = [row for row in table.iter("tr") if _own(row, table)]
        cells = [cell for row in rows for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        single = all(sum(1 for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")) <= 1 for row in rows)
        if not cells or not (single or any(_lays_out(cell) for cell in cells)):
            continue
        for element in [table, *(e for e in table.iter(*_TABLE_PARTS[1:]) if _own(e, table))]:
            element.tag = "div"
            for attribute in ("width", "height", "align", "valign", "border", "cellpadding", "cellspacing",
                              "colspan", "rowspan", "bgcolor"):
                element.attrib.pop(attribute, None)


def _lays_out(cell: Any) -> bool:
    if cell.find(".//table") is not None or any(cell.find(f".//h{n}") is not None for n in range(1, 7)):
        return True
    return len(normal(cell.text_content())) > LAYOUT_CELL_CHARS and any(
        cell.find(f".//{tag}") is not None for tag in ("p", "div", "ul", "ol", "blockquote"))


def _own(element: Any, table: Any) -> bool:
    """Whether `element` (a row, a cell) belongs to `table` itself, not to a table inside it."""
    return next(element.iterancestors("table"), None) is table


# A breadcrumb named by its label (`位置：首页 > 新闻动态`, `当前位置：`, `You are here:`), not by its class
_BREADCRUMB = re.compile(r"^(?:当前位置|當前位置|当前的位置|您的位置|你的位置|您现在的位置|你现在的位置|您當前的位置|"
                         r"现在位置|所在位置|位置|位址|You are here)\s*[:：]", re.I)

_TRAIL = re.compile(r"[>›»→/＞]")


def _drop_breadcrumbs(scope: Any) -> None:
    """A line of links labelled as the page's place in the site (`位置：首页 > 新闻动态`), with the block around
    it that holds nothing else to read (a table row with a house icon beside it): a site's furniture,
    which became a figure captioned with the breadcrumb when the article's element held it."""
    for element in list(scope.iter(*BLOCKS)):
        text = normal(element.text_content())
        links = element.findall(".//a")
        if element.getparent() is None or not _BREADCRUMB.match(text) or len(text) > 80 or not links \
                or (len(links) < 2 and not _TRAIL.search(text)):
            continue  # `位置：<a>朝阳区</a>` in a venue's listing is no trail of pages
        if any(_BREADCRUMB.match(normal(child.text_content())) for child in element if isinstance(child.tag, str)):
            continue  # the innermost block holding the label is the breadcrumb
        while element.getparent() is not None and element.getparent() is not scope \
                and normal(element.getparent().text_content()) == text:
            element = element.getparent()
        remove(element)


def _is_text(element: Any) -> bool:
    """An element with paragraphs of text in it (200 characters), not a tracking pixel or a notice."""
    return element.find(".//p") is not None and len(normal(element.text_content())) >= 200


def _article_text(element: Any, article: Kept | None) -> bool:
    """Whether `element` is mostly the article's prose: a paragraph's worth of kept text (100
    characters) that is at least half of all its text (a related-links box with one kept teaser is not)."""
    if article is None:
        return False
    text, bare = normal(element.text_content()), normal(reading(element))
    chars = sum(len(t) for t in article.long if t in text or t in bare)
    return chars >= 100 and chars * 2 >= len(text)


def _holds_the_article(element: Any, page_chars: int) -> bool:
    """Furniture is never most of a page: an element with a furniture word in its class (WordPress
    marks a whole post `tag-news`) or hidden until a script runs is kept when it holds the headline,
    the article's body, or a good part of the page's text."""
    if element.tag in ("article", "main") or element.get("itemprop") == "articleBody":
        return True
    if element.find(".//h1") is not None or element.find(".//*[@itemprop='articleBody']") is not None:
        return True
    return len(normal(element.text_content())) >= 0.3 * page_chars


def _is_furniture(element: Any) -> bool:
    if element.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog"):
        return True
    if element.tag in ("nav", "aside") or (element.tag in ("header", "footer") and not element.xpath("ancestor::article")):
        return True
    return bool(component_words(element) & BOILERPLATE_WORDS) or _skip_link(element)


# A box asking the reader to sign up (a newsletter's, a subscription's): named so, it is never the article's
# prose, however much of its text trafilatura kept (the Guardian's `Sign up to Down to Earth … Privacy Notice`)
_SIGN_UP_WORDS = {"newsletter", "newsletters", "signup", "subscribe", "subscription", "paywall"}


def _sign_up_box(element: Any) -> bool:
    return bool(component_words(element) & _SIGN_UP_WORDS) and len(normal(element.text_content())) <= 600


def _skip_link(element: Any) -> bool:
    """A link for screen readers past a box in the article (`<a href="#EmailSignup-skip-link-12">skip past
    newsletter promotion</a>`): it skips what is pruned, and its target is gone."""
    return element.tag == "a" and (element.get("href") or "").startswith("#") \
        and bool(re.match(r"(?:skip|jump)\b", " ".join(element.text_content().split()), re.I))


# ---------------------------------------------------------------- 2. what trafilatura keeps


def kept_texts(tree: Any, url: str | None = None, *, metadata: bool = True) -> tuple[list[str], Any]:
    """The normalised text of each block trafilatura keeps as the article, and (with `metadata`) its
    metadata document."""
    import trafilatura  # here, not at the top: an article that is no web page never pays its import

    def extraction(favor_recall: bool, with_metadata: bool) -> Any:
        return trafilatura.bare_extraction(copy.deepcopy(tree), url=url, with_metadata=with_metadata,
                                           include_comments=False, include_tables=True, include_images=False,
                                           include_formatting=False, favor_recall=favor_recall, deduplicate=False)

    # Favouring recall keeps more of most articles, but on some pages it settles on one block and keeps
    # a thirtieth of what trafilatura's default finds (a company page: 607 characters of 17,293). Over
    # trafilatura's 990 evaluation pages, taking the default's reading when it is more than twice as
    # long keeps the most of the articles' own lines. The metadata does not depend on the reading.
    document = reading = extraction(True, metadata)
    if _chars(default := extraction(False, False)) > 2 * _chars(document):
        reading = default
    if reading is None or reading.body is None:
        return [], document
    texts = []
    for element in reading.body.iter("p", "head", "item", "cell", "quote", "code", "list", "row"):
        if element.tag in ("list", "row", "quote") and len(element):
            continue
        if text := normal("".join(element.itertext())):
            texts.append(text)
    return texts, document


def _chars(document: Any) -> int:
    return 0 if document is None or document.body is None else len(normal("".join(document.body.itertext())))


class Kept:
    """Answers whether a piece of the page is text trafilatura kept."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = set(texts)
        self.joined = "\x00".join(texts)
        self.long = [t for t in texts if len(t) >= 8]

    def covers(self, text: str) -> bool:
        """All of `text` is kept text."""
        if not text:
            return False
        return text in self.texts or (len(text) >= 8 and text in self.joined)

    def within(self, text: str) -> bool:
        """`text` holds some kept text."""
        return self.covers(text) or any(t in text for t in self.long) or any(t == text for t in self.texts)


# ---------------------------------------------------------------- 3. the article's element


def article_element(tree: Any, kept: Kept, share: float = 0.8) -> Any | None:
    """The deepest element holding `share` of the text trafilatura kept (a stray kept line elsewhere
    on the page must not widen the article to the whole page). Lists of links trafilatura kept (a side
    column's rankings, `<li><em>1</em><a>标题</a></li>`) do not count, unless leaving them out loses
    prose it kept (a lead of 80 characters) from the article: then the element is as they widen it."""
    blocks = list(_kept_blocks(tree, kept))
    whole = _deepest(blocks, share)
    focused = _deepest([(e, c) for e, c in blocks if not (e.tag == "li" and _link_list(e.getparent()))], share)
    if focused is None or whole is None or focused is whole or not _contains(whole, focused):
        return whole
    lost = any(c >= 80 and _contains(whole, e) and not _contains(focused, e) and not _contains(e, focused)
               and not (e.tag == "li" and _link_list(e.getparent())) for e, c in blocks)
    return whole if lost else focused


def _kept_blocks(tree: Any, kept: Kept) -> Any:
    """Each block with text trafilatura kept, and how many of its own characters it kept."""
    for element in tree.iter(*BLOCKS):
        own = normal(_own_text(element))
        if not own:
            continue
        # trafilatura keeps ruby annotations (`子こども`) unless it kept a copy of the text without them
        bare = normal(_own_text(element, ruby=False))
        if kept.covers(own) and (len(own) >= 8 or own in kept.texts):
            chars = len(own)
        elif bare != own and kept.covers(bare) and (len(bare) >= 8 or bare in kept.texts):
            chars = len(bare)
        else:  # a blog's post body: paragraphs as loose text between `<br>`s, each a kept text of its own
            chars = sum(len(t) for t in kept.long if t in own or t in bare)
        if chars:
            yield element, chars


def _deepest(blocks: list[tuple[Any, int]], share: float) -> Any | None:
    tally: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    total = sum(chars for _, chars in blocks)
    for element, chars in blocks:
        ancestors = list(element.iterancestors())
        for level, ancestor in enumerate([element, *ancestors]):
            tally[ancestor] = tally.get(ancestor, 0) + chars
            depth[ancestor] = len(ancestors) - level
    candidates = [e for e, chars in tally.items() if total and chars >= share * total]
    if not candidates:
        return None
    common = max(candidates, key=lambda e: depth[e])
    if common.tag in _INLINE_PARENTS and common.getparent() is not None:
        common = common.getparent()
    return common


def _link_list(parent: Any) -> bool:
    """Whether `parent` is a list of links (three items or more, most of them mostly their link's text):
    a list of other articles, which cannot widen the article to the column (or the page) holding it."""
    items = [i for i in parent if i.tag == "li"] if parent is not None else []
    linked = 0
    for item in items:
        text = len(normal(item.text_content()))
        linked += bool(text) and sum(len(normal(a.text_content())) for a in item.iter("a")) >= 0.7 * text
    return linked >= 3 and linked * 2 >= len(items)


_INLINE_PARENTS = {"p", "li", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}


def _own_text(element: Any, ruby: bool = True) -> str:
    """The text of `element` outside its nested blocks (without ruby annotations unless `ruby`)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCKS:
            parts.append(child.text_content() if ruby else reading(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _contains(ancestor: Any, element: Any) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


# ---------------------------------------------------------------- 4. cleaning the body


def clean_body(element: Any, kept: Kept, *, logo: str = "", site: str = "", title: str = "", name: str = "page") -> Any:
    """A copy of the article's element without left-out blocks, decorations and promotion lines."""
    body = copy.deepcopy(element)
    body.tag = "div"
    _spacers_as_breaks(body)
    _posters_as_pictures(body, name)
    _cut_after_editor_line(body)  # before cleaning: trafilatura seldom keeps the line itself
    drop_scan_codes(body)  # before cleaning: it takes the prompt lines out as promotion
    _drop_boxes_between_paragraphs(body)  # before cleaning: it takes the lines of links out
    drop_picture_controls(body)
    pictures_out_of_lists(body, logo, site)
    captions_under_pictures(body, logo, site)  # before cleaning: trafilatura keeps no caption line
    _drop_promotion_boxes(body)  # before cleaning: it takes the promotion line out and leaves its neighbours
    _entry_times(body, kept)  # before cleaning: trafilatura keeps no time alone
    _clean_children(body, kept, logo, site, title)
    _cut_at_more_reading(body)
    _drop_trailing_headings(body)
    _paragraphs_at_double_breaks(body)
    _free_lone_images(body)
    figures_from_wrappers(body, logo, site)
    return body


# An element the page reader made itself and cleaning keeps (an entry's time line)
_OURS = "data-convert-kept"
_ENTRY_TIME_CHARS = 25  # `21:45`, `9月7日 21:45`, `Sept. 7, 9:45 p.m.`: more is a sentence


def _entry_times(body: Any, kept: Kept) -> None:
    """A live blog's entries (`<article class="live-post">`, `<li class="update">`) each open with the time
    they were posted (`<header><time datetime=…>21:45</time> 记者 王敏</header>`), which trafilatura keeps
    for none, and a live report without its times loses its order in time. Where two entries or more
    of the article each open with a `<time>` outside their text, each keeps it, as a bold line of its
    own in place of the header that held it."""
    entries: list[tuple[Any, Any]] = []
    for time in body.iter("time"):
        text = " ".join(time.text_content().split())
        if not text or len(text) > _ENTRY_TIME_CHARS or not re.search(r"\d", text):
            continue
        block = next((a for a in time.iterancestors() if a.tag in BLOCKS), None)
        if block is None or block is body or kept.within(normal(block.text_content())):
            continue  # a time in a paragraph's text stays in it
        # the header that holds it: the largest block around it with nothing the article kept
        while block.getparent() is not None and block.getparent() is not body \
                and not kept.within(normal(block.getparent().text_content())):
            block = block.getparent()
        entry = block.getparent()
        if entry is None or entry is body or not kept.within(normal(entry.text_content())):
            continue
        entries.append((block, text))
    if len(entries) < 2:
        return
    for block, text in entries:
        line = lxml_html.Element("p", {_OURS: ""})
        etree.SubElement(line, "strong").text = text
        line.tail = block.tail
        block.getparent().replace(block, line)


def _posters_as_pictures(body: Any, name: str) -> None:
    """Each video shown by its poster, as a paper prints a still (CCTV's player over its headline), the
    player itself left out, saying so: the cleaning would drop it, text and all, without a word."""
    for video in list(body.iter("video")):
        if poster := (video.get("poster") or "").strip():
            picture = lxml_html.Element("p")
            etree.SubElement(picture, "img", src=poster, alt="")
            picture.tail = video.tail
            video.getparent().replace(video, picture)
            warn(f"{name}: a video is shown by its poster picture; the video itself is left out")
        else:
            remove(video)
            warn(f"{name}: dropped a video, which no edition plays and which has no poster picture")


# The heading of a list of other articles (`推荐阅读`, `相关新闻`, `Related stories`): the article has ended.
MORE_READING = re.compile(
    r"^(?:推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关新闻|相關新聞|相关文章|相關文章|相关报道|相關報導|延伸阅读|延伸閱讀|"
    r"热点推荐|熱點推薦|精彩推荐|精彩推薦|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|往期回顾|往期回顧|往期推荐|往期推薦|"
    r"更多阅读|更多閱讀|热门文章|熱門文章|今日推荐|今日推薦|为你推荐|為你推薦|相关推荐|相關推薦|大家都在看|"
    r"(?:相关新闻|相關新聞|相关报道|相關報導)(?:请见|請見|请看|請看|见|見)|"  # LTN's `相關新聞請見：`
    r"Related(?: (?:stories|articles|news|coverage|content|posts|reading))?|Read (?:more|next|also)|More (?:stories|news)"
    r"|Recommended(?: (?:for you|stories|reading))?|You (?:may|might) also like|Most (?:read|popular))\s*[:：]?$", re.I)


def _cut_at_more_reading(body: Any) -> None:
    """Everything from a `推荐阅读` / `Related stories` heading on, once the article's text has begun
    above it: a portal's recommendations under the article, which trafilatura keeps when their teasers
    read as paragraphs. Such a heading over the lead (Sina's `相关新闻：`) loses only itself and the
    lines of links under it."""
    total = len(normal(body.text_content())) or 1
    for element in body.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "strong", "b", "span"):
        if MORE_READING.match(normal(element.text_content())) and element.find(".//img") is None:
            break
    else:
        return
    if _text_before(body, element) < min(100, total / 2):  # the article has not begun: a lead is longer
        block = _block_of(element, body)
        for following in list(block.itersiblings()):
            if not _links_only(following):
                break
            remove(following)
        remove(block)
        return
    _cut_after(body, element)
    remove(element)


_PROMOTION_BOX_CHARS = 240


def _drop_promotion_boxes(body: Any) -> None:
    """A small box of the site's calls, one of them a promotion line and each a line with a link to the
    site's own pages (Sspai's closing `<blockquote>`: `下载少数派<a>客户端</a>、关注<a>少数派公众号</a>…` over
    `实用、好用的<a>正版软件</a>，少数派为你呈现`): the whole box is promotion, not only the line the pattern knows."""
    for box in list(body.iter("blockquote", "div", "section", "aside")):
        lines = [c for c in box if isinstance(c.tag, str)]
        if box is body or box.getparent() is None or not 2 <= len(lines) <= 4 \
                or len(normal(box.text_content())) > _PROMOTION_BOX_CHARS or normal(box.text or "") \
                or any(c.tag not in ("p", "div") or c.find(".//a") is None or c.find(".//img") is not None for c in lines):
            continue
        if any(_PROMOTION.match(" ".join(c.text_content().split())) for c in lines):
            remove(box)


def _drop_boxes_between_paragraphs(body: Any) -> None:
    """A `相关阅读` label with its lines of links between the article's paragraphs (an old portal's
    `<p><b>相关阅读：</b></p>`, two `<p><a>…</a></p>`, then the article goes on): the box goes, the
    paragraphs after it stay. Run before cleaning, while the lines of links are still there to tell the
    box by; `_cut_at_more_reading` ends the article at any such label left."""
    for element in list(body.iter("p", "div", "h2", "h3", "h4", "h5", "h6")):
        if element.getparent() is None or not MORE_READING.match(normal(element.text_content())):
            continue
        block = _block_of(element, body)
        if (links := _article_resumes(block)):
            for following in links:
                remove(following)
            remove(block)


_RESUMED_CHARS = 40  # a sentence of prose: LTN's last paragraph, 75 characters under its related line, was lost


def _article_resumes(block: Any) -> list[Any]:
    """The lines of links under a `相关阅读` label `block` when the article's prose goes on after them,
    else none: the blocks after them are paragraphs of prose (`_RESUMED_CHARS` at least, more than half
    of them, no line of links among them), as an old portal sets a related box between the article's
    paragraphs. A list of teasers under its heading is links, each item or each other line."""
    following = [e for e in block.itersiblings() if isinstance(e.tag, str)]
    links = 0
    while links < len(following) and _links_only(following[links]):
        links += 1
    rest = [e for e in following[links:] if normal(e.text_content())]
    if not links or not rest or not all(e.tag in ("p", "div") and not _links_only(e) for e in rest):
        return []
    prose = [e for e in rest if e.tag == "p" and not e.findall(".//a")]
    if sum(len(normal(e.text_content())) for e in prose) < _RESUMED_CHARS or len(prose) * 2 <= len(rest):
        return []
    return following[:links]


# `责任编辑：吴金明`, `[责任编辑：韩保林 PK155]`: a Chinese portal's last line of the article
_EDITOR_LINE = re.compile(r"^[（(【\[［]?\s*(?:责任编辑|責任編輯|责编|責編)\s*[:：].{1,30}$")


def _cut_after_editor_line(body: Any) -> None:
    """Everything after the editor's line that closes a Chinese portal's article (`责任编辑：吴金明`): the
    blocks trafilatura kept after it are the portal's (Sina's `新浪新闻公众号` box, its channel headlines,
    its feedback and copyright lines). The line stays, for the conventions to read the editor from."""
    total = len(normal(body.text_content())) or 1
    for element in body.iter("p", "div", "li"):
        if _EDITOR_LINE.match(" ".join(element.text_content().split())) \
                and _text_before(body, element) >= min(100, total / 2):
            break
    else:
        return
    _cut_after(body, element)


def _cut_after(body: Any, element: Any) -> None:
    """Remove everything in `body` that follows `element` in reading order."""
    node = element
    while node is not None and node is not body:
        for following in list(node.itersiblings()):
            node.getparent().remove(following)
        node = node.getparent()


def _text_before(body: Any, element: Any) -> int:
    chars = 0
    for node in body.iter():
        if node is element:
            return chars
        chars += len(normal(node.text or "")) + (len(normal(node.tail or "")) if node is not body else 0)
    return chars


def _block_of(element: Any, body: Any) -> Any:
    """`element`, or the block holding it when it is inline (`<p><strong>相关新闻：</strong></p>`)."""
    while element.getparent() is not None and element.getparent() is not body and element.tag not in BLOCKS:
        element = element.getparent()
    return element


def _links_only(element: Any) -> bool:
    """A line of links (a related article's title), nothing else to read."""
    text = normal(element.text_content())
    linked = sum(len(normal(a.text_content())) for a in element.iter("a"))
    return bool(text) and linked >= 0.8 * len(text)


def _paragraphs_at_double_breaks(body: Any) -> None:
    """`text<br><br>text`: portals (Korean, Chinese, older CMSs) and blogs separate paragraphs by an empty
    line inside one block; each becomes a paragraph of its own (one `<br>` stays a line break). A
    blog's post body mixes such text with blocks (a centred caption `<div>`, an empty spacer): the blocks
    stay as they are, and the text between them is paragraphs, as a browser shows it."""
    for block in list(body.iter("p", "div")):
        children = list(block)
        has_blocks = any(isinstance(c.tag, str) and c.tag in BLOCKS for c in children)
        loose = has_blocks and any(normal(text) for text in [block.text, *(c.tail for c in children
                                                                             if isinstance(c.tag, str) and c.tag in BLOCKS)])
        if not loose and not any(_double_break(c) for c in children):
            continue  # The Paper: `text<br><div class="contheight"></div>text<br>`, a spacer between paragraphs
        if block.tag == "p" and has_blocks:
            continue
        items = _split_at_double_breaks(block)
        if block.tag == "p" and block.getparent() is not None:
            parent, index, tail = block.getparent(), block.getparent().index(block), block.tail
            parent.remove(block)
            for offset, item in enumerate(items):
                parent.insert(index + offset, item)
            if items:
                items[-1].tail = tail
        else:
            block.text = None
            for child in list(block):
                block.remove(child)
            block.extend(items)


def _spacers_as_breaks(body: Any) -> None:
    """An empty block between runs of loose text (The Paper: `text<br><div class="contheight"></div>text`)
    is where a paragraph ends: it becomes an empty line (`<br><br>`), which cleaning keeps."""
    for block in list(body.iter("div", "p")):
        parent = block.getparent()
        if block is body or parent is None or len(block) or normal(block.text or ""):
            continue
        before = block.getprevious()
        text_before = normal((before.tail if before is not None else parent.text) or "")
        if text_before or (before is not None and before.tag == "br") or normal(block.tail or ""):
            index = parent.index(block)
            first, second = lxml_html.Element("br"), lxml_html.Element("br")
            second.tail = block.tail
            parent.remove(block)
            parent.insert(index, first)
            parent.insert(index + 1, second)


def _double_break(child: Any) -> bool:
    following = child.getnext()
    return child.tag == "br" and not (child.tail or "").strip() and following is not None and following.tag == "br"


def _split_at_double_breaks(block: Any) -> list[Any]:
    """The children of `block` as blocks: its own blocks as they are, its loose text and inline
    elements as paragraphs, a new one at each empty line (`<br><br>`)."""
    items: list[Any] = []
    current = lxml_html.Element("p")
    current.text = block.text

    def flush() -> Any:
        while len(current) and current[-1].tag == "br" and not (current[-1].tail or "").strip():
            current.remove(current[-1])
        while len(current) and current[0].tag == "br" and not (current.text or "").strip():
            current.text = current[0].tail
            current.remove(current[0])
        if normal(current.text_content()) or len(current):
            items.append(current)
        return lxml_html.Element("p")

    for child in list(block):
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            current, tail = flush(), child.tail
            child.tail = None
            items.append(child)
            current.text = tail
        elif child.tag == "br" and len(current) and current[-1].tag == "br" and not (current[-1].tail or "").strip():
            current, current.text = flush(), child.tail  # an empty line: the paragraph ends
        else:
            current.append(child)
    flush()
    return items


def _free_lone_images(body: Any) -> None:
    """`<p><img><br></p>`: a block that holds a picture and nothing to read loses its line breaks, so
    that the picture reads as a figure of its own (and a caption line after it can join it)."""
    for image in list(body.iter("img")):
        parent = image.getparent()
        if parent is None or parent.tag == "figure" or normal(parent.text_content()):
            continue
        for line_break in [c for c in parent if c.tag == "br"]:
            remove(line_break)


def _drop_trailing_headings(body: Any) -> None:
    """Headings are kept inside the article even when trafilatura drops them (it often does), but not
    after the article's last text: a `Related` or `Comments` heading ends a page, not a story."""
    for element in reversed(list(body.iter())):
        if not isinstance(element.tag, str) or element is body:
            continue
        if element.tag in _HEADINGS:
            remove(element)
        elif element.tag == "img" or (element.text and element.text.strip()) or (element.tail and element.tail.strip()):
            break


_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _clean_children(parent: Any, kept: Kept, logo: str, site: str, title: str) -> None:
    for child in list(parent):
        if not isinstance(child.tag, str):
            remove(child)
            continue
        if child.tag == "img":
            if is_decoration(child, logo, site):
                remove(child)
            continue
        if child.tag == "figure" or child.tag == "picture":
            if not any(not is_decoration(i, logo, site) for i in child.iter("img")):
                remove(child)
            else:
                for image in [i for i in child.iter("img") if is_decoration(i, logo, site)]:
                    remove(image)
            continue
        if child.tag == "table":
            if _kept_table(child, kept):
                for image in [i for i in child.iter("img") if is_decoration(i, logo, site)]:
                    remove(image)
            elif kept_images(child, logo, site):
                keep_only_figures(child, logo, site)
            else:
                remove(child)
            continue
        if child.tag not in BLOCKS:
            if child.tag == "a" and not normal(child.text_content()) and not list(child.iter("img")):
                remove(child)
            elif child.tag == "span" and is_status_badge(child) and not kept.covers(normal(child.text_content())):
                remove(child)  # `<span class="live-badge">直播中</span>` over a live page's headline
            else:
                _clean_children(child, kept, logo, site, title)
            continue
        text = normal(child.text_content())
        bare = normal(reading(child))
        if child.get(_OURS) is not None:
            del child.attrib[_OURS]
        elif child.tag == "h1" and text == normal(title):
            remove(child)
        elif text and _PROMOTION.match(_NORMAL.sub(" ", child.text_content()).strip()) and not kept_images(child, logo, site):
            remove(child)
        elif text and (kept.covers(text) or kept.covers(bare)) or (child.tag in _HEADINGS and len(text) <= 120):
            _clean_children(child, kept, logo, site, title)
        elif text and (kept.within(text) or kept.within(bare)):
            _clean_children(child, kept, logo, site, title)
        elif kept_images(child, logo, site):
            keep_only_figures(child, logo, site)
        elif child.tag not in ("br", "hr") or not text:
            if child.tag not in ("br", "hr"):
                remove(child)


def _kept_table(table: Any, kept: Kept) -> bool:
    """A data table is kept whole when trafilatura kept a good part of its cells (it keeps cells one by
    one; a row's text is never one of its blocks)."""
    cells = [(normal(c.text_content()), normal(reading(c))) for c in table.iter("td", "th")]
    cells = [c for c in cells if c[0]]
    found = sum(1 for c in cells if any(text in kept.texts or kept.covers(text) for text in c))
    return bool(cells) and found * 3 >= len(cells)


# ---------------------------------------------------------------- addresses


def absolute_addresses(element: Any, base: str, *, only_scheme_relative: bool = False) -> None:
    """Resolve image and link addresses against `base` (the page's address, or its `<base href>`); a
    saved page has none, but its `//cdn.example/x.jpg` addresses still need a scheme (`https:`)."""
    for tag, attribute in (("img", "src"), ("a", "href")):
        for node in element.iter(tag):
            value = (node.get(attribute) or "").strip()
            if only_scheme_relative and not value.startswith("//"):
                continue
            if value and not value.startswith(("#", "data:", "mailto:")):
                node.set(attribute, urllib.parse.urljoin(base, value))
