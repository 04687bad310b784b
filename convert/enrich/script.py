"""Simplified <-> Traditional Chinese: an article's text converted to the script an edition asks for
(`Options.script`, `--script`), so one article yields a mainland and a Taiwan (or Hong Kong) edition.

OpenCC converts with each region's phrases, not character by character: `软件` becomes Taiwan's `軟體`
(Hong Kong's `軟件`), `信息` `資訊`, and back (`tw2sp`). Every text a reader sees is converted (the
metadata, the body, captions, credits, alt text); code, addresses and file names are not. The article's
language tag follows (`zh-TW`, `zh-HK`, `zh-CN`).
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import replace
from typing import Callable

from .. import model as m
from ..errors import UsageError, warn
from ..scripts import chinese_tag, guess_language, han_script, han_standard, has_han, is_chinese, opencc
from .structure import map_block_inlines, map_blocks

SCRIPTS = ("hans", "hant", "hant-tw", "hant-hk")  # hant: Taiwan's, unless the article is Hong Kong's

# (from, to) standard -> OpenCC configurations applied in turn; SC is Simplified, TC plain Traditional
# (no region: OpenCC's own forms), TW and HK the regional standards with their phrases.
_STEPS: dict[tuple[str, str], tuple[str, ...]] = {
    ("SC", "TW"): ("s2twp",), ("SC", "HK"): ("s2hk",),
    ("TC", "TW"): ("t2tw",), ("TC", "HK"): ("t2hk",), ("TC", "SC"): ("t2s",),
    ("TW", "SC"): ("tw2sp",), ("TW", "HK"): ("tw2s", "s2hk"),
    ("HK", "SC"): ("hk2s",), ("HK", "TW"): ("hk2s", "s2twp"),
}
_TAGS = {"SC": "zh-CN", "TW": "zh-TW", "HK": "zh-HK"}


def check_script(script: str | None) -> str | None:
    """`script` in lower case, or UsageError naming the choices."""
    if script is None:
        return None
    value = script.strip().lower()
    if value not in SCRIPTS:
        raise UsageError(f"unknown script {script!r}; choose from: {', '.join(SCRIPTS)}")
    return value


def convert_script(doc: m.Document, script: str | None) -> m.Document:
    """`doc` with its text in `script` (one of `SCRIPTS`; None leaves it as it is)."""
    script = check_script(script)
    if script is None:
        return doc
    lang = doc.meta.lang or guess_language(m.visible_text(doc))
    if han_standard(lang) in ("JP", "KR"):  # kanji and hanja are not Chinese of either script
        warn(f"--script converts Chinese text; this article is in {lang}: left as it is")
        return doc
    source = _standard(doc)
    target = "SC" if script == "hans" else "HK" if script == "hant-hk" or (script == "hant" and source == "HK") \
        else "TW"
    steps = _STEPS.get((source, target), ())
    converted = map_text(doc, _converter(steps, corners=target != "SC")) if steps else doc
    lang = doc.meta.lang
    if is_chinese(lang or guess_language(m.visible_text(converted))):
        lang = _TAGS[target]  # an English article keeps its tag: only its Han runs change
    return replace(converted, meta=replace(converted.meta, lang=lang))


def _standard(doc: m.Document) -> str:
    """The article's script and region now: SC, TC (Traditional of no known region), TW or HK."""
    text = m.visible_text(doc)
    given = doc.meta.lang if is_chinese(doc.meta.lang) else ""
    tag = chinese_tag(text, given, urllib.parse.urlsplit(doc.meta.source_url).hostname or "")
    if han_script(tag) == "hans":
        return "SC"
    standard = han_standard(tag)
    return "HK" if standard == "HK" else "TW" if "TW" in tag.upper().split("-") else "TC"


# Corner brackets are Taiwan's and Hong Kong's quotation marks: a mainland edition gets the mainland's, and
# the theme's style for Simplified text (`[quotation_marks] hans`) then sets them (`quotes.py`).
_CURLY = str.maketrans("「」『』", "“”‘’")


# Words an OpenCC configuration's phrases turn into another word in news copy, and the form to give them
# instead: Taiwan's phrases read `发布` as software's release (`新闻发布会` -> `新聞釋出會`). After a
# conversion to Simplified, Hong Kong's `劏房` keeps its `劏` (OpenCC's `㓥`, a rare character the mainland
# press does not write either).
_KEPT_WORDS: dict[str, dict[str, str]] = {"s2twp": {"发布": "發布", "项目": "項目"}}  # (`马拉松项目`: 專案 is a project)
_AFTER: dict[str, dict[str, str]] = {config: {"㓥": "劏"} for config in ("t2s", "tw2s", "tw2sp", "hk2s")}


def _converter(steps: tuple[str, ...], corners: bool) -> Callable[[str], str]:
    def convert(text: str) -> str:
        if not has_han(text):
            return text
        for config in steps:
            # each kept word held by a private-use character, which OpenCC leaves as it is
            kept = {chr(0xE000 + n): (word, form) for n, (word, form) in enumerate(_KEPT_WORDS.get(config, {}).items())
                    if word in text}
            for held, (word, _) in kept.items():
                text = text.replace(word, held)
            text = opencc(config).convert(text)
            for held, (_, form) in kept.items():
                text = text.replace(held, form)
            for old, new in _AFTER.get(config, {}).items():
                text = text.replace(old, new)
        return text if corners else text.translate(_CURLY)
    return convert


# ---------------------------------------------------------------- every text a reader sees

# A web address as text shows it, its path in any script (`https://example.com/软件/信息`), up to a space or
# a mark of the sentence around it
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s，。、；：！？（）《》「」『』“”‘’<>\"]+")


def _outside_addresses(text: str, fn: Callable[[str], str]) -> str:
    """`fn` applied to `text` but its web addresses, which name a page as it is: `软件` in an address was
    printed `軟體`, an address that does not exist."""
    out, start = [], 0
    for match in _ADDRESS.finditer(text):
        out += [fn(text[start:match.start()]) if match.start() > start else "", match.group()]
        start = match.end()
    return "".join(out) + (fn(text[start:]) if start < len(text) else "")

_META_TEXT = ("title", "subtitle", "kicker", "editor", "source_site", "description", "disclaimer", "place", "dateline")


def map_text(doc: m.Document, fn: Callable[[str], str]) -> m.Document:
    """`doc` with `fn` applied to every text a reader sees: metadata, text nodes, captions, credits,
    alt text. Code (inline and blocks), link addresses and image sources are left alone."""
    meta = replace(doc.meta, **{name: fn(getattr(doc.meta, name)) for name in _META_TEXT},
                   authors=tuple(fn(a) for a in doc.meta.authors),
                   keywords=tuple(fn(k) for k in doc.meta.keywords))

    def inline(node: m.Inline) -> m.Inline:
        if isinstance(node, m.Text):
            return m.Text(_outside_addresses(node.text, fn))
        if isinstance(node, m.InlineImage):
            return replace(node, alt=fn(node.alt))
        return node

    def block(b: m.Block) -> m.Block:
        if isinstance(b, m.Figure):
            b = replace(b, alt=fn(b.alt), credit=fn(b.credit))
        return map_block_inlines(b, inline)

    return replace(doc, meta=meta, blocks=tuple(map_blocks(doc.blocks, block)))
