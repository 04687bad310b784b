"""Optional embedded fonts (`--embed-fonts`): subsets of the theme's fonts with only the characters
the book shows. A full CJK font is tens of megabytes; a subset for one article is a few hundred KB.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ...errors import warn
from ...resources.fonts import FontFile, stack_font
from ...theme import Theme
from .documents import NS

_HEADING_XPATH = (".//x:h1|.//x:h2|.//x:h3|.//x:h4|.//x:h5|.//x:h6|.//x:thead//x:th"
                  "|.//*[@class='figure-label']|.//*[@class='subtitle']|.//*[@class='kicker']")
# Half-width and vertical forms: compressed punctuation (`pc` spans ask for halt, in columns vhal), vertical text.
_KEPT_FEATURES = ("halt", "vhal", "palt", "vpal", "vert", "vrt2", "chws", "vchw")
_MONO_XPATH = ".//x:code|.//x:pre|.//*[@class='placeholder-src']"
_BOLD_XPATH = ".//x:p//x:strong|.//x:p//x:b|.//x:li//x:strong|.//x:td//x:strong|.//x:th"  # bold in the body's face
_EMPHASIS_XPATH = ".//x:em|.//x:i"  # set in the other stack in Chinese text (`Fonts.emphasis`)
# ... and in a heading, in the stack the headings are not set in (`Theme.heading_emphasis_stack`), bold
_HEADING_EMPHASIS_XPATH = "|".join(f"{heading}//x:{tag}" for heading in _HEADING_XPATH.split("|") for tag in ("em", "i"))


@dataclass(frozen=True)
class EmbeddedFont:
    file_name: str
    media_type: str
    data: bytes
    family: str
    weight: int


def embedded_fonts(theme: Theme, trees: list[etree._ElementTree], *, chinese: bool = True,
                   lang: str = "") -> list[EmbeddedFont]:
    """A subset of the body (its bold too, where the text has bold), heading (and, when code is shown,
    mono) fonts of the theme, each the first installed face of its stack in the article's script order
    and regional standard (`Theme.script_stack`: the TC face for Traditional Chinese)."""
    return embedded_fonts_of(theme, [(trees, chinese, lang)])


def embedded_fonts_of(theme: Theme, groups: list[tuple[list[etree._ElementTree], bool, str]]) -> list[EmbeddedFont]:
    """`embedded_fonts` for documents in several languages (an issue's chapters): each group of
    documents, with whether it is Chinese and its language, takes the faces of its own script; a face
    two groups use is subset once, with the characters of both."""
    wanted: dict[tuple[str, int], tuple[FontFile, set[str]]] = {}
    for trees, chinese, lang in groups:
        everything = _chars(trees, ".//x:body")
        roles = [("body", theme.script_stack("body", chinese, lang), False, 400, everything),
                 ("headings", theme.script_stack("headings", chinese, lang), True, theme.headings.weight,
                  _chars(trees, _HEADING_XPATH)),
                 ("mono", theme.script_stack("mono", chinese, lang), False, 400, _chars(trees, _MONO_XPATH)),
                 ("bold body", theme.script_stack("body", chinese, lang), True, 700, _chars(trees, _BOLD_XPATH)),
                 *([("emphasis", theme.script_stack("emphasis", chinese, lang), False, 400,
                     _chars(trees, _EMPHASIS_XPATH)),
                    ("heading emphasis", theme.script_stack("heading_emphasis", chinese, lang), True,
                     theme.headings.weight, _chars(trees, _HEADING_EMPHASIS_XPATH))] if chinese else [])]
        for role, families, bold, weight, chars in roles:
            if not chars:
                continue
            face = stack_font(families, bold)
            if face is None:
                warn(f"embed fonts: none of the theme's {role} fonts ({', '.join(families)}) is installed")
                continue
            wanted.setdefault((face.family, weight), (face, set()))[1].update(chars)
    return [_subset(face, "".join(sorted(chars)), weight) for (_, weight), (face, chars) in wanted.items()]


def font_face_css(fonts: list[EmbeddedFont]) -> str:
    return "".join(f'@font-face {{ font-family: "{f.family}"; font-weight: {f.weight}; font-style: normal;\n'
                   f'  src: url("{f.file_name}"); }}\n' for f in fonts)


def _chars(trees: list[etree._ElementTree], xpath: str) -> str:
    found: set[str] = set()
    for tree in trees:
        for element in tree.xpath(xpath, namespaces=NS):
            found.update("".join(element.itertext()))
    return "".join(sorted(ch for ch in found if not ch.isspace() or ch == " "))


def _subset(face: FontFile, chars: str, weight: int) -> EmbeddedFont:
    """HarfBuzz's subsetter: ~0.03 s for a CJK face where fontTools takes ~2 s."""
    import uharfbuzz as hb

    subset_input = hb.SubsetInput()
    subset_input.unicode_set.update(ord(ch) for ch in chars)
    subset_input.name_id_set.update(range(0, 15))  # names, copyright, licence and its URL
    subset_input.flags |= hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
    subset_input.layout_feature_tag_set.update(_tag(feature) for feature in _KEPT_FEATURES)  # whatever the defaults
    result = hb.subset(hb.Face(_blob(face.path), face.index), subset_input)
    if result is None:
        raise OSError(f"HarfBuzz could not subset {face.path}")
    data = bytes(result.blob.data)
    slug = re.sub(r"[^a-z0-9]+", "-", face.family.lower()).strip("-")
    suffix, media_type = (".otf", "font/otf") if data[:4] == b"OTTO" else (".ttf", "font/ttf")
    return EmbeddedFont(f"fonts/{slug}-{weight}{suffix}", media_type, data, face.family, weight)


def _tag(feature: str) -> int:
    """An OpenType tag as HarfBuzz's sets hold it (uharfbuzz takes integers, not strings)."""
    return int.from_bytes(feature.encode("ascii"), "big")


@lru_cache(maxsize=8)
def _blob(path: str):  # type: ignore[no-untyped-def]
    import uharfbuzz as hb

    return hb.Blob.from_file_path(path)
