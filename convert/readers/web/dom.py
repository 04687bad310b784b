"""Small helpers every step of web-page extraction shares: text compared without white space, the
words of an element's class and id, removing an element without losing the text after it."""
from __future__ import annotations

import re
from typing import Any

_NORMAL = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# Elements that make blocks of text (the rest are inline: their text belongs to the block around them).
BLOCKS = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
          "dd", "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th", "aside", "header", "footer",
          "nav", "form", "figure", "figcaption", "center", "details", "address", "main"}


# An XHTML page's `<?xml version="1.0" encoding="utf-8"?>`: the text is decoded already, and lxml refuses
# a str that still declares an encoding.
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def parse_html(html: str) -> Any:
    """A page or fragment as an lxml tree, as leniently as a browser reads it."""
    from lxml import html as lxml_html

    return lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))


def reading(element: Any) -> str:
    """The text of `element` without its ruby annotations (`<rt>`, `<rp>`): what an extractor keeps of
    `子<rt>こ</rt>ども` is `子ども` (NHK's easy Japanese puts furigana on every kanji)."""
    if element.find(".//rt") is None and element.find(".//rp") is None:
        return element.text_content()
    parts = [element.text or ""]
    for child in element:
        if child.tag not in ("rt", "rp"):
            parts.append(reading(child) if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return "".join(parts)


def normal(text: str) -> str:
    """Text without any white space: how kept text is compared (extractors respace freely)."""
    return _NORMAL.sub("", text or "")


def class_words(element: Any) -> set[str]:
    """The words of an element's class and id, whole and split at `-` and `_` (`post_comment`: post,
    comment, post_comment)."""
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    parts = set(re.split(r"[\s_\-]+|(?<=[a-z])(?=\d)", words))
    return parts | set(words.split())


# Attributes a page built by components names its parts with (`data-qa="NewsletterSignupPromo"`, Guardian's
# `data-gu-name`, `data-testid`), where the class names are hashed (`css-1a2b3c`, `dcr-jzxpee`)
_COMPONENT_ATTRIBUTES = ("data-qa", "data-testid", "data-component", "data-gu-name", "data-module")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def component_words(element: Any) -> set[str]:
    """`class_words` and the words of the element's component names and of camel-cased class and id
    names (`NewsletterSignupPromo`: newsletter, signup, promo; `id="EmailSignup-skip-link-12"`: email, signup)."""
    names = [element.get("class") or "", element.get("id") or "", *(element.get(a) or "" for a in _COMPONENT_ATTRIBUTES)]
    words = class_words(element)
    for name in names:
        if name:
            words |= {w for w in re.split(r"[\s_\-]+", _CAMEL.sub(" ", name).lower()) if w}
    return words


# A badge of a page's state over its headline or an entry (`直播中`, `LIVE`, `独家`): by its class or its words
_STATUS_WORDS = {"badge", "status", "live", "state", "flag"}
_STATUS = re.compile(r"^(?:直播中|正在直播|直播|图文直播|圖文直播|現場直播|现场直播|更新中|持续更新|持續更新|已结束|已結束|"
                     r"回放|LIVE|Live now|Breaking|突发|突發|独家|獨家|快讯|快訊)$", re.I)
_BADGE_CHARS = 10


def is_status_badge(element: Any) -> bool:
    """A short label of the page's state (`<span class="live-badge">直播中</span>`), no words of the article."""
    text = " ".join(element.text_content().split())
    return 0 < len(text) <= _BADGE_CHARS and (bool(_STATUS.match(text)) or bool(class_words(element) & _STATUS_WORDS))


def is_hidden(element: Any) -> bool:
    """Not shown to a reader: `hidden`, `aria-hidden="true"`, or a style of `display: none` or
    `visibility: hidden` (a script may show it later; what the page shows without one is the article)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return ("display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None
            or element.get("aria-hidden") == "true")


def remove(element: Any) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
