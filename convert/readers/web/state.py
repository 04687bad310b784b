"""The article a script-rendered page holds only in its application state: a JSON object the page's
scripts draw from, in `<script type="application/json">` (Toutiao's `RENDER_DATA`, URL-encoded; Next.js's
`__NEXT_DATA__`; Nuxt's) or assigned in a script (`window.__INITIAL_STATE__ = {…}`,
`window.__PRELOADED_STATE__`, `window.__APOLLO_STATE__`). The page itself shows a menu and `加载中…`.

The article is the object whose content field (`content`, `articleBody`, `contentHtml`, …) is the
longest HTML of paragraphs; its own fields give the headline, the dek, the source and the time. It is
read with `json` and lxml, never by hand: the state's HTML is the site's own markup of the article.
"""
from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from lxml import html as lxml_html

from ...dates import UTC_PLUS_8
from .dom import normal
from .meta import iso_datetime

# The fields a state names its article's HTML by
_CONTENT_KEYS = ("content", "articlebody", "article_body", "contenthtml", "content_html", "articlecontent",
                 "article_content", "body", "bodyhtml", "body_html", "html", "richcontent", "rich_content", "text")
_TITLE_KEYS = ("title", "headline", "articletitle")
_DEK_KEYS = ("abstract", "summary", "description", "digest", "dek", "subtitle")
_SOURCE_KEYS = ("source", "sourcename", "source_name", "mediasource")
_TIME_KEYS = ("publishtime", "publish_time", "publishedat", "published_at", "datepublished", "pubtime",
              "pub_time", "publishdate", "createtime", "create_time", "ctime")
# `window.__INITIAL_STATE__ = {`: a state assigned in a script (the object is read by json from the brace on)
# (each name read from its start, and at most 40 characters long: no backtracking over a long script)
_ASSIGNED = re.compile(r"(?<![\w$.])(?:window\.)?(__[A-Z][A-Z0-9_]{0,40}__|[A-Za-z_$][\w$]{0,40}?(?:State|STATE|Data|DATA))"
                       r"\s{0,4}=\s{0,4}(?=[{\[])")
_MARKUP = re.compile(r"<(?:p|div|h[1-6]|figure|img|br|ul|ol|blockquote|section)\b", re.I)
_MIN_CHARS = 80  # a paragraph's worth of text, as the page reader asks of any article
_MAX_DEPTH = 40  # how deep a state's objects are searched
_MAX_STATE = 20_000_000  # a state longer than this is not read (20 MB of JSON)


@dataclass(frozen=True)
class StateArticle:
    body: Any  # a `<div>` holding the article's HTML
    title: str = ""
    description: str = ""
    source: str = ""
    date: str = ""


def state_article(tree: Any, chinese: bool) -> StateArticle | None:
    """The article in the page's application state, or None when it holds none (no object with HTML of
    80 characters of text at least). `chinese`: a time stated as a Unix time is given in China's zone."""
    best: tuple[int, dict[str, Any], str] | None = None
    for state in _states(tree):
        for item, html in _articles(state, 0):
            chars = len(normal(lxml_html.fragment_fromstring(html, create_parent="div").text_content()))
            if chars >= _MIN_CHARS and (best is None or chars > best[0]):
                best = (chars, item, html)
    if best is None:
        return None
    _, item, html = best
    body = lxml_html.fragment_fromstring(html, create_parent="div")
    fields = {str(k).lower(): v for k, v in item.items()}
    return StateArticle(body=body, title=_text(fields, _TITLE_KEYS), description=_text(fields, _DEK_KEYS),
                        source=_source(fields), date=_time(fields, chinese))


def _states(tree: Any) -> Iterator[Any]:
    for script in tree.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_STATE or kind == "application/ld+json":
            continue
        if kind == "application/json" or script.get("id") in ("__NEXT_DATA__", "RENDER_DATA", "__NUXT_DATA__"):
            if text.startswith("%7B") or text.startswith("%5B"):
                text = urllib.parse.unquote(text)  # Toutiao's RENDER_DATA
            try:
                yield json.loads(text)
            except ValueError:
                continue
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            for found in _ASSIGNED.finditer(text):
                try:
                    yield json.JSONDecoder().raw_decode(text, found.end())[0]
                except ValueError:  # a script's object literal, not JSON (`undefined`, unquoted keys)
                    continue


def _articles(value: Any, depth: int) -> Iterator[tuple[dict[str, Any], str]]:
    """Each object in `value` with a content field of HTML, and that HTML."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        for key, field in value.items():
            if str(key).lower() in _CONTENT_KEYS and isinstance(field, str) and _MARKUP.search(field):
                yield value, field
            elif isinstance(field, (dict, list)):
                yield from _articles(field, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _articles(item, depth + 1)


def _text(fields: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        if isinstance(value := fields.get(key), str) and (text := " ".join(value.split())):
            return text
    return ""


def _source(fields: dict[str, Any]) -> str:
    source = _text(fields, _SOURCE_KEYS)
    return source if len(source) <= 40 and "<" not in source else ""


def _time(fields: dict[str, Any], chinese: bool) -> str:
    for key in _TIME_KEYS:
        value = fields.get(key)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            seconds = value / 1000 if value > 10**11 else value  # milliseconds
            try:
                moment = datetime.fromtimestamp(seconds, UTC_PLUS_8 if chinese else timezone.utc)
            except (OverflowError, OSError, ValueError):
                continue
            stamp = moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")
            return stamp.replace("+00:00", "Z")
        if isinstance(value, str) and (stamp := iso_datetime(value)):
            return stamp
    return ""
