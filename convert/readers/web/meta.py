"""What a web page says about its article: headline, dek, authors, date and time with zone, site,
section, canonical address, language, keywords, editor.

Each source is a small step of its own, read in order of trust: JSON-LD (`NewsArticle` and kin),
Open Graph and `article:*` meta tags, WeChat's script variables, `<time datetime>`, the visible byline;
trafilatura's metadata and htmldate fill what is still missing. A `<title>` is the last resort, with
its site suffix (`…_网易财经`, `… | Millbrook Courier`) taken off.
"""
from __future__ import annotations

import email.utils
import html
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable


from ...dates import UTC_PLUS_8, date_times_in, split_leading_date, split_trailing_date
from ...scripts import IDEOGRAPHS, display_width, has_han
from .dom import class_words, is_status_badge, parse_html

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting",
                 "report", "liveblogposting", "techarticle", "scholarlyarticle"}
_DATE_META = ("article:published_time", "og:article:published_time", "og:release_date", "datepublished",
              "pubdate", "publishdate", "publish-date", "publication_date", "date", "dc.date.issued",
              "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "weibo: article:create_at",
              "apub:time")  # Xinhua's `<meta name="apub:time" content="2024-04-15 17:32:08">`
_TITLE_SEPARATORS = re.compile(r"\s+[|｜\-–—:·•]\s+|\s*[_｜|]\s*|\s+::\s+|\s*-{2,}\s*|\s*——\s*")
# `澎湃新闻记者 何梦舒`, `新华社记者 王某`: an outlet's name before the role (JSON-LD's author says so)
_BYLINE_LABEL = re.compile(rf"^(?:(?:本报|本刊|特约)?(?:作者|记者|記者|撰文|文|通讯员|通訊員)|楼主|樓主"
                           r"|(?:报导|報導|报道|報道)(?=\s*[:：])"  # Malaysia's `报导：潘家辉`
                           rf"|[{IDEOGRAPHS}]{{1,6}}?(?:新闻|新聞|日报|日報|晚报|晚報|网|網|社|报|報|台)(?:记者|記者|通讯员|通訊員)"
                           r"|Posted by|By|Written by|Author|Reporter|Von|Par|Por|Door)"
                           r"(?:\s*[:：/／|]\s*|\s+|(?<=[^A-Za-z])\s*)", re.I)
_EDITOR = re.compile(rf"(?:责任编辑|責任編輯|责编|責編|編輯|编辑)\s*[:：]\s*"
                     rf"([{IDEOGRAPHS}·]{{2,5}}(?:[、，,][{IDEOGRAPHS}·]{{2,5}})*|[A-Z][\w.' -]{{1,40}}?)"
                     r"(?=$|[\s_（(）)　|｜,，;；】\]］])")  # `【责任编辑：齐磊】`
# A portal's channel names no person either (`新浪财经`, `网易科技`, `腾讯体育`).
_ORGANISATION = re.compile(rf"(?:[{IDEOGRAPHS}](?:网|網|社|报|報|台|臺)|新闻|新聞|日报|日報|晚报|晚報|早报|早報|频道|頻道|杂志|雜誌|"
                           r"传媒|傳媒|集团|集團|公司|网站|網站|客户端|客戶端|财经|財經|科技|体育|體育|娱乐|娛樂|汽车|汽車|"
                           r"军事|軍事|资讯|資訊|视频|視頻|编辑部|編輯部|"
                           r"\b(?:News|Press|Times|Post|Media|Agency|Reuters|Newspapers?|Magazine|Network)\b)$", re.I)
# `武汉的声音：…英雄的城！-新华网`: a news organisation's name after the last dash, bar or underscore
# (an underscore or a bar is no headline's punctuation: what follows one is the site, `…封闭！_网易订阅`)
_SITE_SUFFIX = re.compile(r"^(?P<headline>.*\S)\s*(?P<mark>[-–—_|｜]{1,2})\s*(?P<site>[^-–—_|｜]{2,20})$")
_NEXT_FIELD = re.compile(r"(?<=\S)\s*(?:发布时间|發佈時間|发布于|發佈於|发表于|發表於|时间|時間|来源|來源|责任编辑|責任編輯|"
                         r"编辑|編輯|责编|責編|校对|校對|审核|審核)\s*[:：]")
_FOLLOW = re.compile(r"(?:\s*\+?\s*(?:关注|關注|订阅|訂閱|Follow))?\s*[:：]?\s*$", re.I)
# What a byline template shows when it has no name (`<span class="author">name</span>`, `未知`: unknown)
_NO_NAME = {"name", "author", "admin", "administrator", "user", "null", "none", "undefined", "unknown", "未知",
            "我已授权", "我已授權", "网络", "網絡", "網路", "佚名", "匿名"}  # `作者：网络整理`: compiled from the web
# `… am 26/10/13, 03:48 pm`, `… on 12 March 2024`: when a byline's post was written, after its name
_BYLINE_WHEN = re.compile(r"\s+(?:am|um|on|at|le|el|il|op)\s+\d.*$", re.I)
# The labels of a page's boxes and buttons (`版权声明`, `复制链接`), which trafilatura can take for a name
_LABEL_WORDS = re.compile(r"版权|版權|声明|聲明|链接|鏈接|复制|複製|转载|轉載|评论|評論|登录|登錄|注册|註冊|首页|首頁|"
                          r"举报|舉報|打印|收藏|来源|來源|字号|字號|关闭|關閉")
_HAN_NAME = re.compile(f"^[{IDEOGRAPHS}·]{{2,5}}$")
# Two characters of a name padded to three (`张 敏`): one name
_PADDED_NAME = re.compile(rf"(?<![\w·])([{IDEOGRAPHS}])[ \u3000]([{IDEOGRAPHS}])(?![\w·])")
# What a name never holds: a sentence's marks (an author box's `关注A股市场与公募基金。`)
_SENTENCE_MARK = re.compile(r"[。！？；，：!?;]")
# eleven Han characters and more, no `·`, or seven with a bio's verb in them: a phrase, not a name (an account
# `财经观察家老周` is one)
_HAN_RUN = re.compile(f"[{IDEOGRAPHS}]{{11,}}|(?=[{IDEOGRAPHS}]{{7}})[{IDEOGRAPHS}]{{0,30}}?(?:长期|長期|关注|關注|从事|從事|擅长|擅長|专注|專注|著有|曾任|现任|現任)")
_WECHAT_VAR = re.compile(r"""\bvar\s+(ct|create_time|nickname|msg_title|msg_desc|publish_time)\s*=\s*"""
                         r"""(?:htmlDecode\()?\s*(["'])(.*?)\2""")
_WHITESPACE = re.compile(r"\s+")
_LANGUAGE_TAG = re.compile(r"^(?!utf|gb|big5|iso|windows|ascii)[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", re.I)


@dataclass
class PageMeta:
    """The article's metadata as the page states it; '' or () where it says nothing."""

    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    description: str = ""
    authors: tuple[str, ...] = ()
    editor: str = ""
    date: str = ""
    site: str = ""
    # The outlet a portal's page names as the article's source (Sina's and Sohu's `<meta name="mediaid">`,
    # the `来源` beside the date, `<a class="source">证券日报</a>`), where the site only hosts it
    source: str = ""
    section: str = ""
    url: str = ""
    lang: str = ""
    image: str = ""
    keywords: tuple[str, ...] = ()
    publisher_logo: str = ""
    found: dict[str, str] = field(default_factory=dict)  # field -> the source it came from, for tests and -v

    def as_pandoc(self) -> dict[str, Any]:
        """The fields as pandoc metadata values, named as `walk` reads them."""
        def string(value: str) -> dict[str, Any]:
            return {"t": "MetaString", "c": value}

        values: dict[str, Any] = {}
        for key, value in (("title", self.title), ("subtitle", self.subtitle), ("kicker", self.kicker),
                           ("description", self.description),
                           ("editor", self.editor), ("date", self.date), ("source", self.source or self.site),
                           ("source-url", self.url), ("lang", self.lang)):
            if value:
                values[key] = string(value)
        keywords = tuple(dict.fromkeys((self.section, *self.keywords)) if self.section else self.keywords)
        for key, items in (("author", self.authors), ("keywords", keywords)):
            if items:
                values[key] = {"t": "MetaList", "c": [string(item) for item in items]}
        return values


def _collapsed(text: str) -> str:
    """`text` with each run of white space one space, an ideographic one where the run holds one
    (`…12度　市區…`: the space a Chinese headline sets between its two clauses, full width), and none
    at its ends: how every field of a page is read and compared."""
    return _WHITESPACE.sub(lambda run: "\u3000" if "\u3000" in run.group(0) else " ", text).strip()


def text_of(element: Any) -> str:
    return _collapsed(element.text_content())


# Platforms that host publications and writers' own columns: the page's site name is the host's, its
# JSON-LD publisher (when another) the publication the article appeared in
_PLATFORMS = {"medium", "substack", "wordpress.com", "blogger", "ghost", "知乎", "知乎专栏", "简书", "百家号", "搜狐号",
              "网易号", "头条号", "澎湃号", "企鹅号", "一点号", "大风号"}


# An account's name on such a platform (`人民号·山东发布`): a page's author field may name it, but no person
_ACCOUNT = re.compile(r"^(?:人民号|澎湃号|百家号|头条号|企鹅号|网易号|搜狐号|大风号|一点号|新浪号|南方号|封面号)[·・•:：\s]")


def page_metadata(tree: Any, page_url: str = "") -> PageMeta:
    """Every field the page's own markup states, most trusted source first."""
    meta = PageMeta()
    tags = meta_tags(tree)
    article = json_ld_article(tree)
    wechat = wechat_variables(tree)

    # A Chinese government site's page names its fields as the national guideline for such sites asks
    # (`ArticleTitle`, `PubDate`, `ContentSource`, `SiteName`, `ColumnName`): the source it shows is its
    # `ContentSource` (`来源：市政府办公厅`), the portal its `SiteName`
    site = _first(meta, "site", (wechat.get("nickname"), "wechat"), (tags.get("og:site_name"), "og"),
                  (_name(article.get("publisher")), "json-ld"), (tags.get("contentsource"), "government"),
                  (tags.get("sitename"), "government"), (tags.get("application-name"), "meta"))
    if site.casefold() in _PLATFORMS and (publication := _collapsed(_text_value(_name(article.get("publisher"))))) \
            and publication.casefold() not in _PLATFORMS:
        site, meta.found["site"] = publication, "json-ld"  # `The Night Desk` on Medium: the publication, not the host
    meta.title = clean_title(_first(meta, "title", (_json_ld_headline(article, tree, tags), "json-ld"),
                                    (tags.get("og:title"), "og"), (tags.get("twitter:title"), "twitter"),
                                    (wechat.get("msg_title"), "wechat"), (tags.get("articletitle"), "government"),
                                    (_single_h1(tree), "h1"),
                                    (head_title(tree), "title")), site)
    if (headline := _single_h1(tree)) and meta.title.startswith(headline) \
            and _TITLE_SEPARATORS.match(meta.title[len(headline):]):
        meta.title, meta.found["title"] = headline, "h1"  # `Headline - BBC News` as og:title, no site named
    if (headline := _single_h1(tree)) and len(headline) > len(meta.title) and headline.startswith(meta.title) \
            and headline[len(meta.title)] in "\"'":
        meta.title, meta.found["title"] = headline, "h1"  # `content="…写"救命啊"纸团…"`: the quote ended the attribute
    stale = False  # the JSON-LD names another headline than the page shows: its dek and date are as old
    og_title = clean_title(tags.get("og:title", ""), site)
    if meta.found.get("title") == "json-ld" and (headline := _single_h1(tree)) \
            and headline.casefold() != meta.title.casefold() \
            and og_title != meta.title and (headline == og_title
                 or _collapsed(head_title(tree)).startswith(headline) or headline.startswith(meta.title)):
        # RFI's JSON-LD headline cut short of its `<h1>` and `og:title`; Jiemian's left from an earlier
        # version of the story (`…明日开通` over `…开通，坪山进入"地铁时代"`): what the page shows, twice, wins
        stale = not headline.startswith(meta.title)
        meta.title, meta.found["title"] = headline, "h1"
    if meta.found.get("title") == "title" and (shown := _shown_part_of_title(tree, meta.title)):
        meta.title, meta.found["title"] = shown, "title shown"  # `南方周末 - 打印版 - 标题`, the headline in bold
    if not site and (site := site_from_title(head_title(tree), meta.title)):
        meta.found["site"] = "title"
    if not site and meta.found.get("title") == "title" and (named := _SITE_SUFFIX.match(meta.title)) \
            and (_ORGANISATION.search(named["site"]) or named["mark"] in "_|｜" and len(named["site"]) <= 12):
        meta.title, site, meta.found["site"] = named["headline"], named["site"], "title"  # `标题-新华网`, no meta
    meta.site = site
    meta.source = _first(meta, "source", (tags.get("mediaid"), "mediaid"),
                         (_name(article.get("sourceOrganization")) or _name(article.get("provider")), "json-ld"),
                         (_shown_source(tree), "shown"))
    meta.description = _first(meta, "description", (None if stale else article.get("description"), "json-ld"),
                              (tags.get("og:description"), "og"), (tags.get("description"), "meta"),
                              (wechat.get("msg_desc"), "wechat"))
    meta.subtitle = visible_dek(tree, meta.title)
    meta.kicker = visible_kicker(tree, meta.title)
    meta.authors = _authors(meta, article, tags, tree, site)
    meta.editor = page_editor(tree)
    meta.date = _first(meta, "date", ("" if stale else iso_datetime(article.get("datePublished")), "json-ld"),
                       *((iso_datetime(tags.get(name)), name) for name in _DATE_META),
                       (_wechat_time(wechat), "wechat"), (_time_element(tree), "time"),
                       (_byline_date(tree), "byline"), (_shown_date(tree), "shown"))
    meta.section = _first(meta, "section", (_text_value(article.get("articleSection")), "json-ld"),
                          (tags.get("article:section"), "og"), (tags.get("columnname"), "government"))
    meta.url = _first(meta, "url", (_canonical(tree), "canonical"), (tags.get("og:url"), "og"),
                      (_text_value(article.get("url")), "json-ld"), (page_url, "address"))
    meta.lang = _first(meta, "lang", *((value, source) for value, source in (
        (tree.get("lang") or tree.get("xml:lang"), "html"), (_text_value(article.get("inLanguage")), "json-ld"),
        (tags.get("content-language"), "meta"), ((tags.get("og:locale") or "").replace("_", "-"), "og"))
        if _LANGUAGE_TAG.match(value or "")))  # people.com.cn says `Content-Language: utf-8`
    meta.image = _first(meta, "image", (_image_url(article.get("image")), "json-ld"), (tags.get("og:image"), "og"))
    meta.publisher_logo = _image_url((article.get("publisher") or {}).get("logo")
                                     if isinstance(article.get("publisher"), dict) else None)
    meta.keywords = _keywords(tags, article)
    return meta


# ---------------------------------------------------------------- sources


def meta_tags(tree: Any) -> dict[str, str]:
    """`<meta name|property|http-equiv=… content=…>`, keyed in lower case; the first of each wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("http-equiv") or "").strip().lower()
        value = unescaped(_collapsed(element.get("content") or ""))
        if key and value:
            found.setdefault(key, value)
    return found


def json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of an article type (`@graph` searched too); {} when there is none."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for item in _json_ld_items(data):
            types = item.get("@type")
            names = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
            if names & ARTICLE_TYPES:
                return _unescaped(item)
    return {}


# WordPress (Yoast) writes its JSON-LD and some meta tags with HTML entities still in them
# (`Via &#8216;Sex Simulation Game&#8217;`, `O&#039;Donnell`), which no reader should see.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescaped(text: str) -> str:
    """`text` with the HTML entities left in it decoded (`&#039;` → `'`); as it is when it has none."""
    return html.unescape(text) if _ENTITY.search(text) else text


def _unescaped(value: Any) -> Any:
    if isinstance(value, str):
        return unescaped(value)
    if isinstance(value, list):
        return [_unescaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _unescaped(v) for k, v in value.items()}
    return value


def _json_ld_items(data: Any) -> Iterable[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"])


def wechat_variables(tree: Any) -> dict[str, str]:
    """WeChat articles state their time (`var ct = "<epoch>"`), account and title in a script."""
    found: dict[str, str] = {}
    for script in tree.iter("script"):
        for name, _, value in _WECHAT_VAR.findall(script.text or ""):
            found.setdefault(name, value.strip())
    account = tree.xpath('//*[@id="js_name"]')
    if account and (name := text_of(account[0])):
        found["nickname"] = name
    return found


def visible_time(texts: Iterable[str], day: str = "") -> str:
    """The first day with its time among `texts`, adjacent ones read together (`2024年06月06日05:52`,
    `2024-04-15 10:32`, `2024年11月28日星期四 下午3:15`), on `day` when given, as the page shows it (no
    zone: the page states none)."""
    return next((found for found in date_times_in(" ".join(texts)) if not day or found[:10] == day), "")


def _wechat_time(wechat: dict[str, str]) -> str:
    stamp = wechat.get("ct") or wechat.get("create_time") or ""
    if not stamp.isdigit():
        return ""
    moment = datetime.fromtimestamp(int(stamp), UTC_PLUS_8)  # WeChat states China's time
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def _time_element(tree: Any) -> str:
    """A `<time datetime>` of the article: one marked as published first, else the first one."""
    times = [t for t in tree.iter("time") if t.get("datetime")]
    marked = [t for t in times if re.search(r"publish|pubdate|date-?published", " ".join(
        filter(None, (t.get("class"), t.get("itemprop"), t.get("pubdate") is not None and "pubdate"))), re.I)]
    for element in marked + times:
        if value := iso_datetime(element.get("datetime")):
            return value
    return ""


def _json_ld_headline(article: dict[str, Any], tree: Any, tags: dict[str, str]) -> str:
    """The JSON-LD `headline`, or its `name` when only the name is what the page shows as its title
    (Wikipedia's `headline` is the Wikidata description, `technique for dimensionality reduction`)."""
    headline, name = _name(article.get("headline")), _name(article.get("name"))
    if not headline or not name or headline == name:
        return headline or name
    shown = " ".join((head_title(tree), tags.get("og:title", ""), *(text_of(h) for h in tree.iter("h1")))).casefold()
    return name if name.casefold() in shown and headline.casefold() not in shown else headline


_SHOWN_TITLE_MIN_CHARS = 6


def _shown_part_of_title(tree: Any, title: str) -> str:
    """The part of a `<title>` of several (`南方周末 - 打印版 - 降准之后：银行净息差还能守住吗`) that the page
    shows as a line of its own (an old print page's `<font size=5><b>` headline), the longest such; ''."""
    parts = sorted({p.strip() for p in _TITLE_SEPARATORS.split(title) if len(p.strip()) >= _SHOWN_TITLE_MIN_CHARS},
                   key=len, reverse=True)
    if len(parts) < 2 and (not parts or parts[0] == title):
        return ""
    body = tree.find("body")
    shown = {text_of(e) for e in body.iter() if isinstance(e.tag, str) and e.tag not in ("script", "style", "title")
             and len(normal_text := " ".join((e.text_content() or "").split())) <= 200 and normal_text} \
        if body is not None else set()
    return next((p for p in parts if p in shown and p != title), "")


def _single_h1(tree: Any) -> str:
    headings = [text_of(h) for h in tree.iter("h1") if not _is_logo(h)]
    headings = [h for h in headings if h]
    return headings[0] if len(set(headings)) == 1 else ""


def _is_logo(heading: Any) -> bool:
    """`<h1><a href="/"><span class="hide">山西省人民政府网站</span></a></h1>`: a heading that is all one link to
    the site's front page is its logo (its name, often hidden behind a picture), not the headline."""
    links = heading.findall(".//a")
    if len(links) != 1 or text_of(links[0]) != text_of(heading):
        return False
    address = urllib.parse.urlsplit((links[0].get("href") or "").strip())
    return bool(links[0].get("href") is not None and not address.query
                and re.fullmatch(r"/?(?:index\.\w+)?|\.?/?", address.path))


def head_title(tree: Any) -> str:
    titles = tree.xpath("//head/title|//title")
    return text_of(titles[0]) if titles else ""


def _canonical(tree: Any) -> str:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return ""


_DEK_WORDS = ("dek|deck|standfirst|subhead|subheadline|sub-headline|subtitle|sub|summary|lede|strapline|vorspann|chapo|"
              "chapeau|entradilla|bajada|sumario|sommario|catenaccio|teaser|abstract|excerpt|en-title|title-en")
# The label a Chinese page sets before its dek (`核心提示：`, `导语：`, `摘要：`): not the dek's words
_DEK_LABEL = re.compile(r"^(?:核心提示|内容提要|內容提要|提要|导语|導語|导读|導讀|摘要)\s*[:：]\s*")


def visible_dek(tree: Any, title: str) -> str:
    """The standfirst the page shows under its headline (`.dek`, `.standfirst`, `.subtitle`, German
    papers' `.vorspann`, French `.chapo`, Spanish `.entradilla`/`.bajada`, Italian `.sommario`, DW's
    `.teaser-text`, Chinese pages' `.intro` and `.introduce` without their `核心提示：`, the NYT Chinese
    edition's English headline `h1.en-title`, a component named so, as the Guardian's `data-gu-name=
    "standfirst"`, …): five Han characters at least (`偏鄉醫療系列（上）`), or ten letters."""
    for element in tree.xpath('//*[self::p or self::div or self::h1 or self::h2 or self::h3 or self::h4 or self::span]'
                              f'[re:test(@class, "(^|[\\s_-])({_DEK_WORDS})($|[\\s_-])", "i")'
                              # an old print page's `<div class="lead">` (a class word of its own: `lead-image` is a picture)
                              # ... and a Chinese page's `<div class="intro">` (`author-intro` is a bio)
                              ' or re:test(@class, "(^|\\s)(lead|intro|introduce|introduction)($|\\s)", "i")'
                              ' or re:test(@data-gu-name, "^(standfirst|dek)$", "i")'
                              ' or re:test(@data-component, "^(standfirst|dek)$", "i")]',
                              namespaces={"re": "http://exslt.org/regular-expressions"}):
        text = _DEK_LABEL.sub("", text_of(element))
        if 10 <= display_width(text) and len(text) <= 400 and text != title and _after_headline(element, title):
            return text
    return ""


KICKER_MAX_CHARS = 40
_KICKER_END = tuple("。．.;；,，:：、!！?？")
_KICKER_CLASS = re.compile(r"(?:^|[\s_-])(?:kicker|overline|eyebrow|supertitle|pretitle|pre-title|dachzeile|roofline|"
                           r"topline|surtitre|yinti)(?:$|[\s_-])", re.I)
# a date or a time in the line (`7. oktober 2020`, `12.12.2022, 08:30 Uhr`, `2024年11月26日`): page furniture
_DATED = re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[^\W\d]+)\s?\d{4}|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}"
                    r"|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}")


def visible_kicker(tree: Any, title: str) -> str:
    """The kicker the page sets straight above its headline: one its markup names so (`.kicker`,
    `.overline`, `.eyebrow`, German `.dachzeile`), or in a Chinese page the short line of words there
    (People's Daily's `<h3>` 引题 over the `<h1>`), or the section's name as one link of a few words there
    (the Guardian's `Pollution`, over the headline's wrapper): no other link, no sentence, no date (a dated
    line or a bare label over a headline is the page's furniture more often than not)."""
    headline = _headline_element(tree, title)
    if headline is None:
        return ""
    before = _element_before(headline)
    climbed = before is None
    while before is None and (parent := headline.getparent()) is not None and parent.tag not in ("body", "article", "main") \
            and len([c for c in parent if isinstance(c.tag, str)]) == 1:
        headline = parent  # `<div data-gu-name="headline"><h1>…</h1></div>`: the wrapper's sibling above
        before = _element_before(headline)
    if before is None or before.tag not in ("h2", "h3", "h4", "h5", "h6", "p", "div", "span"):
        return ""
    text = text_of(before)
    links = before.xpath(".//a")
    # the section's label as one link over the headline (the Guardian's `<a href="…/pollution">Pollution</a>`)
    # (a Chinese page's category link there, `来源：新华网`, `政治`, is its furniture)
    section = len(links) == 1 and text_of(links[0]) == text and len(text) <= 30 and len(text.split()) <= 3 \
        and not has_han(title) and not re.search(r"[:：|｜]", text)
    named = bool(_KICKER_CLASS.search(before.get("class") or "")) or section
    if climbed and not named:
        return ""  # over the headline's wrapper, only a kicker the markup names or a section's link
    if not named and not has_han(title):
        return ""
    if not named and is_status_badge(before):
        return ""  # a live page's `<span class="live-badge">直播中</span>`: its state, not a kicker
    if not 2 <= len(text) <= KICKER_MAX_CHARS or text.endswith(_KICKER_END) or before.xpath(".//img") \
            or links and not section \
            or not any(ch.isalpha() for ch in text) or _DATED.search(text):
        return ""
    return text


def _element_before(element: Any) -> Any:
    before = element.getprevious()
    while before is not None and not isinstance(before.tag, str):
        before = before.getprevious()  # a comment
    return before


def _headline_element(tree: Any, title: str) -> Any:
    return next((h for h in tree.iter("h1", "h2", "h3") if title and text_of(h) == title), None)


def _after_headline(element: Any, title: str) -> bool:
    """Whether `element` follows the headline in the page (a `.sub` ticker item before it is no dek);
    true when no heading holds just the headline."""
    tree = element.getroottree()
    headline = _headline_element(tree, title)
    if headline is None:
        return True
    for node in tree.iter():
        if node is headline:
            return True
        if node is element:
            return False
    return True


# ---------------------------------------------------------------- authors and editor


def _authors(meta: PageMeta, article: dict[str, Any], tags: dict[str, str], tree: Any,
             site: str) -> tuple[str, ...]:
    people, organisations = _json_ld_people(article.get("author"))
    candidates = [(people, "json-ld")]
    for key in ("article:author", "og:article:author", "author", "byl", "byline", "sailthru.author", "parsely-author"):
        candidates.append((split_names(tags.get(key, "")), key))
    candidates.append((_byline_elements(tree), "byline"))
    found = [(kept, source) for given, source in candidates if (kept := person_names(given, site, meta.title))]
    if not found and (kept := person_names(organisations, site, meta.title)):
        found = [(kept, "json-ld organisation")]
    if not found:
        return ()
    names, source = found[0]
    # a later source naming these and more (`<meta name="byline" content="KEITH BRADSHER, JOY DONG">` where
    # `article:author` names the first): the fuller list
    for more, more_source in found[1:]:
        if {n.casefold() for n in names} < {n.casefold() for n in more}:
            names, source = more, more_source
    meta.found["authors"] = source
    return names


def _json_ld_people(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    people: list[str] = []
    organisations: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            people.extend(split_names(item))
        elif isinstance(item, dict) and (name := _name(item)):
            kind = str(item.get("@type", "Person")).lower()
            (organisations if "organization" in kind else people).append(name)
    return tuple(dict.fromkeys(people)), tuple(dict.fromkeys(organisations))


def _byline_elements(tree: Any) -> tuple[str, ...]:
    """Names in the visible byline: `rel=author` links, `itemprop=author`, `.author`/`.byline` text; an
    element of those that names no person (an author box's `周卫 第一财经记者，关注…。`) is passed over."""
    linked = [text_of(e) for e in tree.xpath('//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]')]
    if linked := [n for n in linked if n]:
        return tuple(dict.fromkeys(linked))
    for element in tree.xpath('//*[@itemprop="author"]|//*[re:test(@class, "(^|[\\s_-])(author|byline|writer|reporter)'
                              '($|[\\s_-])", "i")]', namespaces={"re": "http://exslt.org/regular-expressions"}):
        if element.xpath('ancestor-or-self::*[re:test(@class, "comment|discuss|related|recommend|repl(?:y|ies)", "i")]',
                         namespaces={"re": "http://exslt.org/regular-expressions"}):
            continue  # a comment's or a forum reply's author (`<div class="reply-author">`)
        text = text_of(element)
        if is_editor_line(text):
            continue  # Sina's `<p class="show_author">责任编辑：张明 SN225</p>`: the editor (`page_editor`)
        for named in element.xpath('.//*[self::h2 or self::h3 or self::h4 or self::h5 or re:test(@class, '
                                   '"(^|[\\s_-])(name|nickname|author-name)($|[\\s_-])", "i")]',
                                   namespaces={"re": "http://exslt.org/regular-expressions"})[:1]:
            if (name := text_of(named)) and len(name) <= 30 and split_names(name):
                text = name  # an author box's name over the bio (`<h4>周卫</h4><p>第一财经记者，关注…。</p>`)
        if text and len(text) <= 80 and (names := tuple(n for n in _reporters(text) or split_names(text)
                                                        if not _SENTENCE_MARK.search(n) and not _HAN_RUN.search(n))):
            return names  # (an author box's bio is no name: `第一财经记者，关注A股市场与公募基金。`)
    for element in tree.iter("span", "em", "i", "font", "p", "div", "li"):
        # `<div class="info">2019-09-26 12:11<span>来源：证券时报网</span><span>作者：李在山</span></div>`
        text = text_of(element)
        if _AUTHOR_FIELD.match(own := " ".join((element.text or "").split())):
            text = own  # `作者：余毅菁 向雪妮<a>返回搜狐，查看更多</a>`: the link is no name
        if text and len(text) <= 30 and _AUTHOR_FIELD.match(text) and not element.xpath(
                'ancestor::*[re:test(@class, "comment|discuss", "i")]', namespaces={"re": "http://exslt.org/regular-expressions"}):
            return split_names(text)
    for element in tree.iter("span", "em", "i", "font", "p", "div", "li"):
        # `<div class="info">2024-11-26 09:12 来源：某某网 摄影：王五</div>`: a gallery's photographer, in a
        # line of fields (the byline names a photographer beside the writer, as `文/X 图/Y` does)
        text = text_of(element)
        if text and len(text) <= 80 and (field := _LABELLED_AUTHOR.search(text)) and not element.xpath(
                'ancestor-or-self::*[self::figure or self::figcaption or re:test(@class, '
                '"comment|discuss|repl(?:y|ies)|caption|desc|pic|img|photo|figure", "i")]',
                namespaces={"re": "http://exslt.org/regular-expressions"}):
            return split_names(field[1])  # (a picture's own credit, in its caption, names no author)
    return ()


def _reporters(text: str) -> tuple[str, ...]:
    """The names of a reporters' byline (`澎湃新闻记者 顾嘉懿 实习生 林若曦`: two, no `实习生`), as the article
    conventions read the same line in the text."""
    from ...enrich.bylines import reporter_fields  # the one reading of byline lines

    return tuple(reporter_fields(text).get("authors", ()))  # type: ignore[arg-type]


_LABELLED_AUTHOR = re.compile(r"(?:^|\s)(?:作者|撰文|摄影|攝影)\s*[:：]\s*(\S{2,20}?)(?=$|\s|[|｜])")


# A Chinese page's labelled author field, in an element of its own
# (BBC's `<li><span>作者，</span><span>李思</span></li>`: a comma after the label)
_AUTHOR_FIELD = re.compile(r"^(?:作者|作\s+者|楼主|樓主)\s*[:：，]\s*\S")  # a forum thread's 楼主: its poster


def _byline_date(tree: Any) -> str:
    """The date the visible byline opens or ends with (`2025年3月19日 14時05分　文：佐藤美咲`)."""
    for element in tree.xpath('//*[re:test(@class, "(^|[\\s_-])(byline|author|writer)($|[\\s_-])", "i")]',
                              namespaces={"re": "http://exslt.org/regular-expressions"}):
        text = text_of(element)
        if text and len(text) <= 80:
            if date := split_leading_date(text)[1] or split_trailing_date(text)[1]:
                return date
    return ""


def _shown_date(tree: Any) -> str:
    """The date and time a page shows in an element of its own class `date` or `time` (Jiemian's `<span
    class="date">2025/03/18 12:05</span>`), outside comments; '' when none shows a time."""
    for element in tree.xpath('//body//*[re:test(@class, "(^|[\\s_-])(date|time|pubtime|publish-time|pub-date)($|[\\s_-])", "i")]'
                              '[not(ancestor-or-self::*[re:test(@class, "comment|discuss|repl(?:y|ies)|related|hot", "i")])]',
                              namespaces={"re": "http://exslt.org/regular-expressions"}):
        if len(text := text_of(element)) <= 40 and (found := next(date_times_in(text), "")):
            return found
    return ""


def split_names(text: str) -> tuple[str, ...]:
    """`By Jane Ortiz and Samuel Achebe`, `作者：陈静 李明`, `A, B` -> each name; none in an address
    (`article:author` is often the author's Facebook page)."""
    if re.match(r"\s*(?:https?:|www\.)", text):
        return ()
    # a byline element that goes on to other fields (`加拿大必读 发布时间：10-08 12:00`, `未知 责任编辑：X`)
    text = _NEXT_FIELD.split(text, maxsplit=1)[0] if _NEXT_FIELD.search(text[1:]) else text
    text = _FOLLOW.sub("", text)  # `中国广州发布 关注`: the account's follow button; `黄斌汉：`
    text = split_leading_date(text.strip())[0]  # `2025年3月19日 14時05分　文：佐藤美咲`: the name
    text = split_trailing_date(_BYLINE_LABEL.sub("", text.strip()))[0]  # `张三 2025-03-12`: the name
    text = re.sub(r"\s*(?:发表于|發表於|发布于|發佈於)$", "", text)  # `楼主：老城故事　发表于 2024-10-12`
    text = _BYLINE_WHEN.sub("", text)  # a forum's `von lupa am 26/10/13, 03:48 pm`: the name
    text = re.sub(rf"\s*[/／|｜\s]\s*[{IDEOGRAPHS}]{{2,6}}(?:报道|報道|報導)$", "", text)  # `记者 王某／北京报道`
    text = re.sub(r"\s*(?:报道|報道|報導|摄影|攝影|整理|编译)$|(?:\s*/\s*|\s+)文$", "", text)  # `王某 文`; `李志文` is a name
    text = re.sub(r"\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "", text)  # `김민준 기자 mj@hangang.example`: no address
    text = re.sub(r"(?<=[가-힣])\s*(?:기자|특파원|통신원)(?=$|\s*[,·/])", "", text)  # Korean: `김민준 기자`, the name
    names: list[str] = []
    for part in re.split(r"\s*(?:[,，、/／;；&|]|\band\b|\bund\b|\bet\b)\s*", text):
        part = _PADDED_NAME.sub(r"\1\2", part)
        pieces = part.split()
        if len(pieces) > 1 and all(_HAN_NAME.match(p) for p in pieces):
            names.extend(pieces)
        elif part.strip():
            names.append(part.strip())
    return tuple(dict.fromkeys(names))


def person_names(names: tuple[str, ...], site: str, title: str) -> tuple[str, ...]:
    """The names that are people's: none of `SPIEGEL ONLINE, Hamburg, Germany` (an organisation and its
    address), `Ann Lee` of `Ann Lee, Reuters`."""
    if len(names) > 2 and not _is_person(names[0], site, title):
        return ()
    return tuple(n for n in names if _is_person(n, site, title))


def _is_person(name: str, site: str, title: str) -> bool:
    """Not a URL, a site or brand name, the headline, or a sentence."""
    folded = name.casefold()
    if not name or len(name) > 60 or "://" in name or "@" in name or name == title:
        return False
    if _ACCOUNT.match(name):  # an account on a platform (`人民号·山东发布`): the article's byline names its writers
        return False
    if not any(ch.isalpha() for ch in name):  # `<meta name="author" content="1004">`: a catalogue number
        return False
    if folded in _NO_NAME or any(ch.isdigit() for ch in name):  # `股市行情 总篇数919篇`: an author card's counts
        return False
    if _ORGANISATION.search(name):  # `article:author` = 中国新闻网, Reuters: the source, not a person
        return False
    if _LABEL_WORDS.search(name):  # `版权声明`: a box's label
        return False
    if _SENTENCE_MARK.search(name) or _HAN_RUN.search(name):  # an author box's bio (`长期关注教育公平与校园治理`)
        return False
    return not (site and (folded in site.casefold() or site.casefold() in folded))


def is_editor_line(text: str) -> bool:
    """`责任编辑：张明 SN225`: the editor's line, which names no author."""
    return bool(_EDITOR.match(text.strip().lstrip("[【〔［（(")))  # `[责任编辑：韩保林 PK155]`


def page_editor(tree: Any) -> str:
    """`责任编辑：王晓明_NF5619`, `编辑：李娜`, wherever the page puts it outside its comments."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        for text in (element.text, element.tail):
            if text and (match := _EDITOR.search(text)):
                if not element.xpath('ancestor-or-self::*[re:test(@class, "comment|discuss", "i")]',
                                     namespaces={"re": "http://exslt.org/regular-expressions"}):
                    return match[1].strip()
    return ""


# ---------------------------------------------------------------- values


def clean_title(title: str, site: str) -> str:
    """The headline without the site's name around it: `Story | Courier`, `标题_网易财经`."""
    title = _collapsed(title)
    if not site or site.casefold() not in title.casefold() or title.casefold() == site.casefold():
        return title
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    kept = [p for p in parts if site.casefold() not in p.casefold() and p.casefold() not in site.casefold()]
    return max(kept, key=len) if kept else title


def has_time(iso: str) -> bool:
    return "T" in iso


def site_from_title(title_tag: str, headline: str) -> str:
    """`沿海港口…码头--经济·科技--人民网`: what follows the headline in the `<title>`, its last part."""
    title_tag = _collapsed(title_tag)  # as the headline is: `12度　市區` is in `12度　市區… | 香港01`
    if not headline or not title_tag.startswith(headline) or title_tag == headline:
        return ""
    # `标题-新华网`: a hyphen with no spaces is no separator inside a headline, but it is after one
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title_tag[len(headline):].lstrip(" -–—|｜_·•:：")) if p.strip()]
    return parts[-1] if parts and len(parts[-1]) <= 40 else ""


def iso_datetime(value: Any) -> str:
    """An ISO 8601 date or date-time, zone kept, seconds only when not zero; '' when unreadable."""
    text = _text_value(value).strip()
    if not text:
        return ""
    stated = text
    text = re.sub(r"^(\d{4}-\d\d-\d\d)\s+(\d)", r"\1T\2", text)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:  # `Mon, 03 Jun 2024 08:15:00 GMT` (RFC 2822), as some CMSs write their meta tags
            moment = email.utils.parsedate_to_datetime(stated)
        except (TypeError, ValueError, IndexError):
            return ""
        text = "T"
    if "T" not in text:
        return moment.strftime("%Y-%m-%d")
    out = moment.replace(microsecond=0).isoformat(timespec="minutes" if moment.second == 0 else "seconds")
    return out.replace("+00:00", "Z") if text.endswith("Z") else out


def _keywords(tags: dict[str, str], article: dict[str, Any]) -> tuple[str, ...]:
    words: list[str] = []
    for source in (tags.get("keywords", ""), tags.get("news_keywords", ""), _text_value(article.get("keywords"))):
        words.extend(w.strip() for w in re.split(r"[,，、;；]", source) if w.strip())
    return tuple(dict.fromkeys(words))


# (Caixin's `<a class="source">来源于 财新网</a>`: `from`, no colon)
_SOURCE_LABEL = re.compile(r"^(?:(?:来源|來源|稿源|Source)\s*[:：]|来源于|來源於|来自|來自)\s*", re.I)


def _shown_source(tree: Any) -> str:
    """The source a page shows in an element of its own class `source` (`<a class="source">证券日报</a>`
    beside the date), a short name, not inside a figure (a picture's source) nor the article's text; or
    labelled in the line of fields under the headline (NetEase's `<div class="post_info">2024-08-02 10:12:00
    来源: 中国新闻网 举报</div>`)."""
    for element in tree.xpath("//body//*[contains(concat(' ', normalize-space(@class), ' '), ' source ')]"
                              "[not(ancestor::figure)][not(ancestor::p)][not(.//img)]"):
        text = _SOURCE_LABEL.sub("", text_of(element))
        if 2 <= len(text) <= 20 and not re.search(r"[。！？!?，,；;\d]", text):
            return text
    for element in tree.xpath("//body//*[self::div or self::span or self::p or self::li]"
                              "[not(ancestor::figure)][not(ancestor::p)]"):
        if element.tag != "span" and not class_words(element) & _FIELD_LINE_WORDS:
            continue  # a labelled field alone in its element (`<span>来源：观察者网</span>`), or in the line of fields
        if len(text := text_of(element)) > 120:
            continue
        found = _LABELLED_SOURCE.fullmatch(text) if element.tag == "span" else _LABELLED_SOURCE.search(text)
        if found and not re.search(r"[。！？!?，,；;]", found[1]):
            return found[1]
    return ""


_FIELD_LINE_WORDS = {"info", "post_info", "meta", "time", "attr", "date", "pubtime", "article-info", "source"}
_LABELLED_SOURCE = re.compile(r"(?:^|\s)(?:来源|來源|稿源)\s*[:：]\s*([^\s|｜:：]{2,20})(?=\s|$|[|｜])")


def _first(meta: PageMeta, name: str, *candidates: tuple[Any, str]) -> str:
    for value, source in candidates:
        text = _collapsed(_text_value(value))
        if text:
            meta.found[name] = source
            return text
    return ""


def _text_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text_value(v) for v in value if _text_value(v))
    if isinstance(value, dict):
        return _text_value(value.get("@id") or value.get("url") or value.get("name") or "")
    return str(value) if value not in (None, False) else ""


def _name(value: Any) -> str:
    if isinstance(value, list):
        return _name(value[0]) if value else ""
    if isinstance(value, dict):
        return _collapsed(str(value.get("name") or ""))
    return _collapsed(str(value or ""))


def _image_url(value: Any) -> str:
    if isinstance(value, list):
        return _image_url(value[0]) if value else ""
    if isinstance(value, dict):
        return str(value.get("url") or value.get("contentUrl") or "")
    return str(value or "")


def parse(html: str) -> Any:
    """The page as an lxml tree (lenient, like a browser)."""
    return parse_html(html)
