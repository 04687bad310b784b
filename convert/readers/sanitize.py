"""Raw HTML from an article, made safe before pandoc reads it.

nh3 (the ammonia sanitizer) does the cleaning; this module only decides the allow-list and reports
what it takes out, so the editor learns why something vanished.
"""
from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import Any

import nh3

from ..errors import warn
from ..scripts import display_width
from .walk import ALIGN_CLASS, ALIGNED_MAX_WIDTH, RUBY_CLASS

_TAGS = (nh3.ALLOWED_TAGS | {"section", "tfoot", "figure", "figcaption"}) - {"map", "area"}
# No `role`: pandoc reads only the inside of a `role="main"` block (as of `<main>`), losing the rest
_GENERIC = {"id", "lang", "class", "title", "dir"}
_ATTRIBUTES = {
    "*": _GENERIC,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "type"},
    "li": {"value"},
    "span": {"lang"},
    "div": {"lang"},
}
_URL_SCHEMES = {"http", "https", "mailto", "data"}  # data: survives only as an image source (see below)
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "frame",
                         "frameset", "applet", "svg", "math", "form", "link", "meta", "base", "video", "audio"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}


def sanitize_html(html: str, source: str) -> str:
    """Return `html` with scripts, frames, event handlers and unsafe URLs removed (warning for each kind),
    and what a reader is not shown (`web.dom.is_hidden`) left out."""
    html = _VIDEO.sub(_poster, html)
    for finding in sorted(_find_unsafe(html)):
        warn(f"{source}: dropped {finding} from raw HTML")
    return nh3.clean(
        _ruby_as_spans(_tree_passes(html)),
        tags=_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


_RUBY = re.compile(r"<ruby\b[^>]*>(.*?)</ruby\s*>", re.S | re.I)
_RUBY_PARENTHESIS = re.compile(r"<rp\b[^>]*>.*?</rp\s*>", re.S | re.I)
_RUBY_TEXT = re.compile(r"<rt\b[^>]*>(.*?)</rt\s*>", re.S | re.I)
_RUBY_TAGS = re.compile(r"</?(?:rb|rtc)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def _ruby_as_spans(html: str) -> str:
    """`<ruby>北<rt>běi</rt>京<rt>jīng</rt></ruby>` as one `<span class="convert-ruby" title="běi">北</span>` a pair,
    which pandoc keeps (it reads ruby as `北běi京jīng`, the reading run into the word) and `walk` reads as
    `model.Ruby`. Bases set apart from their readings (`<rb>北</rb><rb>京</rb><rt>běi</rt><rt>jīng</rt>`) are
    one ruby with the readings joined; a ruby's own `<rp>` brackets go (each edition sets its own)."""
    def spans(match: re.Match[str]) -> str:
        parts = _RUBY_TEXT.split(_RUBY_PARENTHESIS.sub("", match[1]))
        bases, readings = parts[0::2], [" ".join(_TAG.sub("", r).split()) for r in parts[1::2]]
        tail = bases.pop()  # the text after the last reading has none
        if not any(readings):
            return _RUBY_TAGS.sub("", "".join(bases) + tail)
        if any(not _TAG.sub("", base).strip() for base in bases):  # `<rb>`s first, then the `<rt>`s
            bases, readings = ["".join(bases)], [" ".join(r for r in readings if r)]
        out = [f'<span class="{RUBY_CLASS}" title="{escape(unescape(reading))}">{_RUBY_TAGS.sub("", base)}</span>' if reading
               else _RUBY_TAGS.sub("", base) for base, reading in zip(bases, readings)]
        return "".join(out) + _RUBY_TAGS.sub("", tail)

    return _RUBY.sub(spans, html) if "<ruby" in html.lower() else html


_MAYBE_ALIGNED = re.compile(r"\balign\s*=|text-align", re.I)
_STYLE_ALIGN = re.compile(r"(?:^|;)\s*text-align\s*:\s*([a-z-]+)", re.I)
_ALIGNMENTS = {"center": "center", "middle": "center", "right": "end", "end": "end"}


_MAYBE_CREDIT = re.compile(r"class=[\"'][^\"']*(?:credit|copyright|photographer|courtesy|source|byline)", re.I)


def _tree_passes(html: str) -> str:
    """`html` without its hidden elements and with its aligned paragraphs, styled emphasis and captions'
    credits marked (`_without_hidden`, `_alignment_marked`, `_styled_emphasis`, `web.figures.mark_credits`):
    the page parsed once for all, and only when it may have any."""
    hidden, aligned = bool(_MAYBE_HIDDEN.search(html)), bool(_MAYBE_ALIGNED.search(html))
    styled = bool(_EMPHASIS_STYLE.search(html))
    credited = "<figcaption" in html and bool(_MAYBE_CREDIT.search(html))
    headed = "<th" in html
    if not hidden and not aligned and not styled and not credited and not headed:
        return html
    from lxml import etree
    from lxml import html as lxml_html

    from .web.dom import parse_html

    try:
        root = parse_html(html)
    except (etree.ParserError, ValueError):
        return html
    changed = hidden and _without_hidden(root)
    changed = (aligned and _alignment_marked(root)) or changed
    changed = (styled and _styled_emphasis(root)) or changed
    changed = (headed and _header_rows(root)) or changed
    if credited:
        from .web.figures import mark_credits

        changed = mark_credits(root) or changed
    return lxml_html.tostring(root, encoding="unicode") if changed else html


def _header_rows(root: Any) -> bool:
    """Each table's leading rows of header cells only (`<th rowspan="2">港口</th><th colspan="2">吞吐量</th>`
    over `<th>一季度</th>…`) in a `<thead>`: pandoc reads the `<th>` of a table without one as plain cells,
    and the table had no header (PDF/UA refuses a table without one) or a first row that lost its span."""
    changed = False
    for table in root.iter("table"):
        if table.find("thead") is not None:
            continue
        rows = [row for row in table.iter("tr") if row.getparent() is table or row.getparent().tag == "tbody"]
        leading = []
        for row in rows:
            cells = [cell for cell in row if isinstance(cell.tag, str)]
            if not cells or any(cell.tag != "th" for cell in cells):
                break
            leading.append(row)
        if not leading or len(leading) == len(rows):
            continue
        head = table.makeelement("thead", {})
        leading[0].addprevious(head) if leading[0].getparent() is table else table.insert(0, head)
        for row in leading:
            head.append(row)
        changed = True
    return changed


# Bold and italics a page sets by style (`<span style="font-weight:700">`), or by a class its own style
# sheet makes bold (Google Docs' export: `.c1{font-weight:700}`): the cleaner keeps no style, and the
# emphasis was lost (a bold section title came out as a plain line).
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic\b", re.I)
_EMPHASIS_STYLE = re.compile(f"{_BOLD_STYLE.pattern}|{_ITALIC_STYLE.pattern}", re.I)
_CLASS_RULE = re.compile(r"(?:(?<=[}\s,;])|^)\.([A-Za-z_][\w-]*)\s*\{([^{}]*)\}")


def _styled_emphasis(root: Any) -> bool:
    """Each `span` or `font` the page sets bold or italic by its style (or by a class of a one-class rule
    of its `<style>`) wrapped inside in `<strong>` or `<em>`. Whether any was."""
    from lxml import html as lxml_html

    rules: dict[str, str] = {}
    for sheet in root.iter("style"):
        for name, declarations in _CLASS_RULE.findall(sheet.text or ""):
            rules[name] = rules.get(name, "") + ";" + declarations
    changed = False
    for element in list(root.iter("span", "font")):
        style = (element.get("style") or "") + "".join(rules.get(name, "") for name in (element.get("class") or "").split())
        for pattern, tag in ((_BOLD_STYLE, "strong"), (_ITALIC_STYLE, "em")):
            if pattern.search(style) and (element.text or len(element)):
                wrapper = lxml_html.Element(tag)
                wrapper.text, element.text = element.text, None
                for child in list(element):
                    wrapper.append(child)
                element.append(wrapper)
                changed = True
    return changed


def _alignment_marked(root: Any) -> bool:
    """Each short paragraph the page sets centred or flush right (`<p align="right">`, `style="text-align:
    center"`, on it or on a block around it) wrapped in a `<div class="convert-align-…">`, which pandoc
    keeps and the sanitizer's allow-list does not strip: a notice's issuer and date, a centred kicker or
    verse. An alignment that a long paragraph has too is the site's layout (a whole article centred),
    kept nowhere. Whether any was."""
    from lxml import html as lxml_html

    from .web.dom import normal

    found: list[tuple[Any, str]] = []
    for paragraph in root.iter("p", "div"):
        if paragraph.find(".//p") is not None or paragraph.find(".//div") is not None or not normal(paragraph.text_content()):
            continue  # a paragraph is the innermost block of text
        align = next((a for a in (_alignment(e) for e in (paragraph, *paragraph.iterancestors())) if a is not None), "")
        if align:
            found.append((paragraph, align))
    layout = {align for paragraph, align in found if display_width(normal(paragraph.text_content())) > ALIGNED_MAX_WIDTH}
    marked = [(p, a) for p, a in found if a not in layout]
    for paragraph, align in marked:
        wrapper = lxml_html.Element("div")
        wrapper.set("class", ALIGN_CLASS + align)
        paragraph.addprevious(wrapper)
        wrapper.tail, paragraph.tail = paragraph.tail, None
        wrapper.append(paragraph)
    return bool(marked)


def _alignment(element: Any) -> str | None:
    """"center" or "end" for a block set so, "" for one set otherwise (left, justified), None if unsaid."""
    value = element.get("align") or ""
    if match := _STYLE_ALIGN.search(element.get("style") or ""):
        value = match[1]
    if element.tag == "center":
        value = value or "center"
    return _ALIGNMENTS.get(value.strip().lower(), "") if value else None


_MAYBE_HIDDEN = re.compile(r"\bhidden\b|display\s*:\s*none", re.I)


def _without_hidden(root: Any) -> bool:
    """The page without its hidden elements (a page's `<p hidden>`, a template's `display: none`), which
    nh3 would keep with their text; as it is when nothing is hidden, or when everything is (a page
    a script shows: its text is the article). Whether any was removed."""
    from .web.dom import is_hidden, normal, remove

    found = [e for e in root.iter() if isinstance(e.tag, str) and is_hidden(e)]
    inside = set(found)
    hidden = [e for e in found if not any(a in inside for a in e.iterancestors())]  # the outermost ones
    if not hidden or sum(len(normal(e.text_content())) for e in hidden) >= len(normal(root.text_content())):
        return False
    for element in hidden:
        remove(element)
    return True


# A video no edition plays is dropped with a warning, as an `<iframe>` player is, and with it the text a
# browser shows in its place (`您的浏览器不支持视频播放`); the picture its page shows before it plays
# (`poster`) stands before it, as a paper prints a still.
_VIDEO = re.compile(r"<video\b[^>]*>", re.I)
_POSTER = re.compile(r"\bposter\s*=\s*([\"'])([^\"'<>]+)\1", re.I)


def _poster(match: re.Match[str]) -> str:
    poster = _POSTER.search(match.group(0))
    return (f'<p><img src="{poster[2]}" alt="" /></p>' if poster else "") + match.group(0)


def _find_unsafe(html: str) -> set[str]:
    finder = _UnsafeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


# What a page's head holds and never shows: nothing a reader misses when it goes
_HEAD_ONLY = {"html", "head", "title", "meta", "link", "base", "style"}


class _UnsafeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.in_head = True  # until the body or anything a body holds: `<meta charset>` needs no `<head>`

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_head = self.in_head and tag in _HEAD_ONLY
        if tag in _DROPPED_WITH_CONTENT and not self.in_head:
            self.found.add(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.add(f"event attribute {name}")
            elif name in _URL_ATTRIBUTES and value and ":" in value.split("/")[0]:
                scheme = value.split(":", 1)[0].strip().lower()
                inline_image = tag == "img" and name == "src" and value.lower().startswith("data:image/")
                if scheme not in _URL_SCHEMES or (scheme == "data" and not inline_image):
                    self.found.add(f"{scheme}: URL")
            elif name == "rel" and value and "attachment" in value.lower():
                self.found.add('rel="attachment"')

    handle_startendtag = handle_starttag


def head_metadata(html: str) -> dict[str, str]:
    """The <title> and the author, description and keywords <meta> of an HTML page."""
    finder = _HeadFinder()
    finder.feed(html)
    finder.close()
    return {key: " ".join(value.split()) for key, value in finder.found.items() if value.strip()}


class _HeadFinder(HTMLParser):
    _META = {"author": "author", "description": "description", "keywords": "keywords"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title" and "title" not in self.found:
            self._in_title = True
            self.found["title"] = ""
        elif tag == "meta" and (values.get("name") or "").lower() in self._META:
            self.found.setdefault(self._META[(values.get("name") or "").lower()], values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.found["title"] += data
