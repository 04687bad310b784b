"""Words every writer shows the same way: byline parts, dates, labels, placeholder text.

Writers differ in markup, never in wording: keeping the wording here is what makes the PDF, EPUB and
DOCX of one article read alike.
"""
from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from datetime import datetime

from .model import Meta

_LABELS = {
    "zh": {"editor": "编辑", "authors": "作者", "source": "来源", "placeholder": "图片无法显示",
           "notes": "注释", "contents": "目录", "page": "第 {page} 页 / 共 {pages} 页"},
    "en": {"editor": "Edited by", "authors": "By", "source": "Source", "placeholder": "Image unavailable",
           "notes": "Notes", "contents": "Contents", "page": "Page {page} of {pages}"},
}


def labels(lang: str) -> dict[str, str]:
    return _LABELS["zh" if lang.lower().startswith("zh") else "en"]


@dataclass(frozen=True)
class BylinePart:
    """One item of the byline: `label` may be empty; `url` makes the value a link."""

    kind: str  # authors | editor | date | source
    label: str
    value: str
    url: str = ""


def byline(meta: Meta) -> list[BylinePart]:
    """The byline items of an article, in reading order, worded for its language."""
    words = labels(meta.lang)
    chinese = meta.lang.lower().startswith("zh")
    parts: list[BylinePart] = []
    if meta.authors:
        joined = "、".join(meta.authors) if chinese else _english_list(meta.authors)
        parts.append(BylinePart("authors", words["authors"], joined))
    if meta.editor:
        parts.append(BylinePart("editor", words["editor"], meta.editor))
    if meta.date:
        parts.append(BylinePart("date", "", format_date(meta.date, meta.lang)))
    if meta.source_url or meta.source_site:
        site = meta.source_site or urllib.parse.urlsplit(meta.source_url).hostname or meta.source_url
        parts.append(BylinePart("source", words["source"], site, meta.source_url))
    return parts


def byline_text(part: BylinePart, lang: str) -> str:
    """A byline item as plain text: `编辑：许楠楠`, `By Ann Lee`, `2023年10月30日 10:57`."""
    if not part.label:
        return part.value
    separator = "：" if lang.lower().startswith("zh") else (": " if part.kind == "source" else " ")
    return f"{part.label}{separator}{part.value}"


def parse_date(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None


def format_date(iso: str, lang: str) -> str:
    """`2023年10月30日 10:57` in Chinese, `30 October 2023, 10:57` in English; as given if unparsable."""
    stamp = parse_date(iso)
    if stamp is None:
        return iso
    has_time = "T" in iso or " " in iso.strip()
    if lang.lower().startswith("zh"):
        text = f"{stamp.year}年{stamp.month}月{stamp.day}日"
        return text + (f" {stamp:%H:%M}" if has_time else "")
    text = f"{stamp.day} {stamp:%B} {stamp.year}"
    return text + (f", {stamp:%H:%M}" if has_time else "")


def _english_list(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
