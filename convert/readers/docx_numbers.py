"""A Word list numbered in Chinese (`一、二、三、`, `（一）`, `甲、乙`, `①`), kept as the writer numbered it.

Pandoc knows decimal, roman and alphabetic list numbers only: a WPS document's `chineseCounting` list
(`一、增开列车`) came out `1. 增开列车` in every edition. Each such paragraph gets its number written
out at its start, as Word shows it (its level's `lvlText`, `%1、`, with the counts in the level's
format), and loses its list numbering: it is read as the paragraph `一、增开列车`, as Chinese copy
types it, identical in every edition and reader. Lists numbered 1, 2, 3 stay lists.

A paragraph may take its numbering from its style (`w:numPr` in `Heading 1`, the way Word's and WPS's
chapter numbering `第%1章`, `第%2节` is set up); pandoc reads no style's numbering, and the editions
printed `总则` for `第一章 总则`. Such a paragraph is numbered the same way; a heading's number in any
format (`1`, `1.1`, `I`), since a heading keeps none in pandoc, followed by a space for Word's tab.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def counting(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 一, 10 十, 11 十一, 21 二十一, 105 一百零五; beyond 999 in digits."""
    if n < 0 or n > 999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else digits[0] + digits[rest] if rest < 10 else (
        digits[rest // 10] + ten + (digits[rest % 10] if rest % 10 else ""))
    return digits[n // 100] + hundred + tail


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


FORMATS: dict[str, Callable[[int], str]] = {
    "chineseCounting": counting, "chineseCountingThousand": counting, "taiwaneseCounting": counting,
    "taiwaneseCountingThousand": counting, "japaneseCounting": counting,
    "chineseLegalSimplified": lambda n: counting(n, _LEGAL, "拾", "佰"),
    "ideographTraditional": _cycle(_STEMS), "ideographZodiac": _cycle(_BRANCHES),
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] if d != "0" else "〇" for d in str(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
}


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str = "tab"  # what Word sets after the number (`w:suff`): "tab", "space" or "nothing"
    style: str = ""  # the paragraph style the level belongs to (`w:pStyle`): a numbered heading's


def _val(node: etree._Element | None, default: str = "") -> str:
    return node.get(f"{{{W}}}val", default) if node is not None else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _definitions(numbering: bytes) -> dict[str, tuple[str, dict[int, _Level]]]:
    """numId -> (the key its counts run under, its levels)."""
    root = etree.fromstring(numbering, _PARSER)
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.iterfind(f"{{{W}}}abstractNum"):
        levels = {}
        for lvl in node.iterfind(f"{{{W}}}lvl"):
            levels[_int(lvl.get(f"{{{W}}}ilvl", "0"), 0)] = _Level(
                _val(lvl.find(f"{{{W}}}numFmt"), "decimal"), _val(lvl.find(f"{{{W}}}lvlText")),
                _int(_val(lvl.find(f"{{{W}}}start"), "1"), 1),
                _val(lvl.find(f"{{{W}}}suff"), "tab"), _val(lvl.find(f"{{{W}}}pStyle")))
        abstract[node.get(f"{{{W}}}abstractNumId", "")] = levels
    out = {}
    for num in root.iterfind(f"{{{W}}}num"):
        num_id, base = num.get(f"{{{W}}}numId", ""), _val(num.find(f"{{{W}}}abstractNumId"))
        levels = dict(abstract.get(base, {}))
        overridden = False
        for override in num.iterfind(f"{{{W}}}lvlOverride"):
            level = _int(override.get(f"{{{W}}}ilvl", "0"), 0)
            start = override.find(f"{{{W}}}startOverride")
            if start is not None and level in levels:
                old = levels[level]
                levels[level] = _Level(old.fmt, old.text, _int(_val(start), 1), old.suffix, old.style)
                overridden = True
        out[num_id] = (f"num{num_id}" if overridden else f"abstract{base}", levels)
    return out


def _heading_styles(styles: bytes | None) -> set[str]:
    """The paragraph styles that are headings: named so (`docx_shapes` has renamed `标题 1`), or given an
    outline level."""
    try:
        root = etree.fromstring(styles or b"", _PARSER)
    except etree.XMLSyntaxError:
        return set()
    out = set()
    for style in root.iterfind(f"{{{W}}}style"):
        name = " ".join(_val(style.find(f"{{{W}}}name")).split())
        level = _val(style.find(f"{{{W}}}pPr/{{{W}}}outlineLvl"), "9")
        if _HEADING_STYLE.match(name) or level in "012345" and len(level) == 1:
            out.add(style.get(f"{{{W}}}styleId", ""))
    return out


def _style_numbers(styles: bytes | None) -> dict[str, tuple[str, str]]:
    """Each paragraph style numbered by its definition (`w:numPr` in the style, or in the style it is based
    on): its (numId, ilvl), ilvl "" when the style does not say."""
    if not styles:
        return {}
    try:
        root = etree.fromstring(styles, _PARSER)
    except etree.XMLSyntaxError:
        return {}
    own: dict[str, tuple[str, str]] = {}
    based: dict[str, str] = {}
    for style in root.iterfind(f"{{{W}}}style"):
        if style.get(f"{{{W}}}type") != "paragraph":
            continue
        ident = style.get(f"{{{W}}}styleId", "")
        number = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
        if number is not None:
            own[ident] = (_val(number.find(f"{{{W}}}numId")), _val(number.find(f"{{{W}}}ilvl")))
        if (base := style.find(f"{{{W}}}basedOn")) is not None:
            based[ident] = _val(base)
    out = {}
    for ident in {*own, *based}:
        seen, current = set(), ident
        while current not in own and current in based and current not in seen:  # a loop of bases ends
            seen.add(current)
            current = based[current]
        if current in own:
            out[ident] = own[current]
    return out


_HEADING_STYLE = re.compile(r"^(?:heading\s*[1-9]|title)$", re.I)  # localized names are restated so first
_LATIN: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}",
    "upperLetter": lambda n: chr(0x40 + (n - 1) % 26 + 1) if n > 0 else str(n),
    "lowerLetter": lambda n: chr(0x60 + (n - 1) % 26 + 1) if n > 0 else str(n),
    "upperRoman": lambda n: _roman(n), "lowerRoman": lambda n: _roman(n).lower(),
}


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def written_numbers(document: bytes, numbering: bytes, styles: bytes | None = None) -> bytes | None:
    """`document.xml` with Chinese list numbers written into their paragraphs, and the numbers a heading
    takes from its style (`第%1章` on `Heading 1`: pandoc reads no style's numbering, and printed `总则`
    for `第一章 总则`); None when it has none."""
    try:
        definitions = _definitions(numbering)
        root = etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError:
        return None  # pandoc reports a broken part itself
    by_style = _style_numbers(styles)
    headings = _heading_styles(styles) if by_style else set()
    counts: dict[str, dict[int, int]] = {}
    changed = False
    for paragraph in root.iter(f"{{{W}}}p"):
        number = paragraph.find(f"{{{W}}}pPr/{{{W}}}numPr")
        style = _val(paragraph.find(f"{{{W}}}pPr/{{{W}}}pStyle"))
        from_style = number is None or number.find(f"{{{W}}}numId") is None
        if from_style and style not in by_style:
            continue
        num_id = _val(number.find(f"{{{W}}}numId")) if not from_style else by_style[style][0]
        if num_id not in definitions:
            continue
        key, levels = definitions[num_id]
        level_text = _val(number.find(f"{{{W}}}ilvl")) if number is not None else ""
        if from_style and not level_text:
            level_text = by_style[style][1] or next((str(i) for i, spec in sorted(levels.items())
                                                     if spec.style == style), "0")
        level = _int(level_text or "0", 0)
        if level not in levels:
            continue
        count = counts.setdefault(key, {})
        count[level] = count.get(level, levels[level].start - 1) + 1
        for deeper in [d for d in count if d > level]:
            del count[deeper]  # a new item restarts the levels under it
        formats = {**_LATIN, **FORMATS} if from_style and style in headings else FORMATS
        if levels[level].fmt not in formats:
            continue

        def shown(match: re.Match[str]) -> str:
            at = int(match[1]) - 1
            spec = levels.get(at)
            value = count.get(at, spec.start if spec else 1)
            return formats.get(spec.fmt if spec else "", str)(value)  # type: ignore[arg-type]

        label = re.sub(r"%([1-9])", shown, levels[level].text)
        if from_style:  # numbering 0 is none: the style's numbering is written out, not a list's
            properties = paragraph.find(f"{{{W}}}pPr")
            if number is not None:
                number.getparent().remove(number)
            number = etree.SubElement(properties, f"{{{W}}}numPr")
            etree.SubElement(number, f"{{{W}}}numId").set(f"{{{W}}}val", "0")
        else:
            number.getparent().remove(number)
        if label:
            run = etree.Element(f"{{{W}}}r")
            text = etree.SubElement(run, f"{{{W}}}t")
            suffix = levels[level].suffix  # a list's `一、` takes no space for its tab; a heading's `第一章` does
            spaced = suffix == "space" or (suffix == "tab" and from_style and style in headings
                                           and not unicodedata.category(label[-1]).startswith("P"))
            text.text = label + (" " if spaced else "")
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            paragraph.find(f"{{{W}}}pPr").addnext(run)
        changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else None
