"""An article in another language than the document around it (an issue's Traditional article in a
Simplified issue, an English one in a Chinese issue): its runs say its language and take its script's
faces.

Word's styles are the issue's (one Body Text, one Heading 2 ...), set in the issue's faces and
languages. Rather than a second set of styles per language, each run of such an article names what
differs from its style: `w:lang` (its Latin language and, for Han text, `w:eastAsia` `zh-TW` ...) and
`w:rFonts` where the article's faces of the run's role are other than the issue's (`Noto Serif CJK TC`
for `Noto Serif CJK SC`; Latin faces first in an English article). A run's role is found from the
faces it would take: its own `w:rFonts`, else its character style's, its paragraph style's (following
`w:basedOn`), else the document defaults'.
"""
from __future__ import annotations

from typing import Iterable

from docx.oxml.ns import qn

from ...scripts import is_east_asian
from .ooxml import Element, append, el
from .styles import Tokens, east_asian_lang

_FONT_ATTRIBUTES = ("ascii", "hAnsi", "eastAsia", "cs")


class ArticleLanguage:
    """Rewrites runs of an article in `article` tokens' language inside a document styled for `issue`."""

    def __init__(self, styles: Element, issue: Tokens, article: Tokens, lang: str) -> None:
        self.styles = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
        self.default_paragraph_style = next(
            (style.get(qn("w:styleId")) for style in styles.iterchildren(qn("w:style"))
             if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true")), None)
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        self.default_fonts = _fonts_of(defaults)
        self.lang = lang
        self.latin_lang = "en-US" if is_east_asian(lang) or not lang else lang
        # Each role's faces in the issue, and the article's for the same role.
        self.latin: dict[str, str] = {}
        self.east_asian: dict[str, str] = {}
        for role in ("body", "headings", "mono"):
            before, after = getattr(issue, role), getattr(article, role)
            self.latin.setdefault(before.latin, after.latin)
            self.east_asian.setdefault(before.east_asian, after.east_asian)

    def apply(self, elements: Iterable[Element]) -> None:
        """Every run (and paragraph mark) under `elements` in the article's language and faces."""
        for element in elements:
            for paragraph in element.iter(qn("w:p")):
                style = _val(paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) or self.default_paragraph_style
                paragraph_fonts = self.style_fonts(style)
                for run in paragraph.iter(qn("w:r")):
                    self.rewrite(run, paragraph_fonts)
                mark = paragraph.find(qn("w:pPr"))
                if mark is not None:
                    rpr = mark.find(qn("w:rPr"))
                    if rpr is None:
                        rpr = el("w:rPr")
                        append(mark, [rpr])
                    self.rewrite_properties(rpr, paragraph_fonts)

    def rewrite(self, run: Element, paragraph_fonts: dict[str, str]) -> None:
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = el("w:rPr")
            run.insert(0, rpr)
        character_style = _val(rpr.find(qn("w:rStyle")))
        inherited = {**paragraph_fonts, **self.style_fonts(character_style, with_defaults=False)}
        self.rewrite_properties(rpr, inherited)

    def rewrite_properties(self, rpr: Element, inherited: dict[str, str]) -> None:
        own = rpr.find(qn("w:rFonts"))
        current = {**inherited, **_fonts_of(own)}
        wanted = {name: (self.east_asian if name == "eastAsia" else self.latin).get(face, face)
                  for name, face in current.items()}
        if wanted != current:
            hint = own.get(qn("w:hint")) if own is not None else None  # East Asian marks stay so
            if own is not None:
                rpr.remove(own)
            append(rpr, [el("w:rFonts", **wanted, hint=hint)])
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        append(rpr, [el("w:lang", val=self.latin_lang, eastAsia=east_asian_lang(self.lang) if is_east_asian(self.lang)
                        else None)])

    def style_fonts(self, style_id: str | None, *, with_defaults: bool = True) -> dict[str, str]:
        """The faces a style sets, through its `w:basedOn` chain, over the document defaults."""
        chain: list[dict[str, str]] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(_fonts_of(style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")))
            style_id = _val(style.find(qn("w:basedOn")))
        found = dict(self.default_fonts) if with_defaults else {}
        for fonts in reversed(chain):
            found.update(fonts)
        return found


def _fonts_of(rfonts: Element | None) -> dict[str, str]:
    if rfonts is None:
        return {}
    return {name: value for name in _FONT_ATTRIBUTES if (value := rfonts.get(qn(f"w:{name}")))}


def _val(element: Element | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))
