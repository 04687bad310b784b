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


def _converter(steps: tuple[str, ...], corners: bool) -> Callable[[str], str]:
    def convert(text: str) -> str:
        if not has_han(text):
            return text
        for config in steps:
            text = opencc(config).convert(text)
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
