"""The theme applied to Word's own styles, so an editor restyles the article from Word's style pane.

Built-in styles (Normal, Body Text, Title, Subtitle, Heading 1-6, Caption, Quote, List Bullet/Number,
Hyperlink, footnote text/reference) are reshaped from the theme's tokens; what Word has no style for
(byline, notice, figure, code, table cells) gets a named custom style. Nothing here hard-codes a font,
size or colour: every value comes from `Theme`.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from ...scripts import direction, han_script, is_chinese, is_cjk_family, is_east_asian, primary_language, rtl_family
from ...theme import Theme
from ...wording import language_key
from .fonttable import font_entry
from .ooxml import Element, append, border, el, fonts, half_points, hex_color, shading, size, spacing, twips

LIST_STYLE_LEVELS = 3  # Word ships List Bullet, List Bullet 2, List Bullet 3 (and the same for numbers)


@dataclass(frozen=True)
class Faces:
    """The Latin, East Asian and complex-script face of one font role."""

    latin: str
    east_asian: str
    family: str  # the font-table family hint: roman | swiss | modern
    complex: str = ""  # Arabic and Hebrew letters (`w:cs`); the Latin face when empty

    def rfonts(self) -> Element:
        return fonts(self.latin, self.east_asian, self.complex or self.latin)


def faces(stack: list[str], family: str, chinese: bool, lang: str = "") -> Faces:
    """A CSS-like stack as Word's faces. Han text takes the first CJK family. Latin text takes, in a
    Chinese article, the first family (as in the PDF edition, its Latin matches the Han text); in a
    Latin-script article, the first non-CJK family: CJK faces draw ’ and “ full-width by default, and
    Word and LibreOffice, unlike a browser, do not switch to their proportional forms for English. The
    letters of a right-to-left article take the stack's face for its script (Word sets them in `w:cs`)."""
    east_asian = next((name for name in stack if is_cjk_family(name)), stack[0])
    latin = stack[0] if chinese else next((name for name in stack if not is_cjk_family(name)), stack[0])
    return Faces(latin, east_asian, family, rtl_family(stack, lang) or "")


@dataclass(frozen=True)
class Tokens:
    """The theme's values in the units the styles need (points, faces), for one article's language."""

    theme: Theme
    chinese: bool
    lang: str = ""  # picks the TC or HK faces of Traditional Chinese (`Theme.stack`)

    @property
    def body(self) -> Faces:
        return faces(self.theme.stack("body", self.lang), _family(self.theme.fonts.body), self.chinese, self.lang)

    @property
    def headings(self) -> Faces:
        return faces(self.theme.stack("headings", self.lang), _family(self.theme.fonts.headings), self.chinese,
                     self.lang)

    @property
    def mono(self) -> Faces:
        return faces(self.theme.stack("mono", self.lang), "modern", self.chinese)

    @property
    def size(self) -> float:
        return self.theme.text.size_pt

    @property
    def english_words_ltr(self) -> Element | None:
        """`w:bidi w:val="0"` for the captions and the page footer of a right-to-left article whose labels
        are English (`wording` has no table of its language): `Table 1`, `Page 1 of 2` read left to right,
        which a right-to-left paragraph would reorder (`1 Table`)."""
        if direction(self.lang) == "rtl" and language_key(self.lang) == "en":
            return el("w:bidi", val="0")
        return None

    def em(self, ems: float, of: float | None = None) -> float:
        """`ems` in points, relative to the body size or to `of`."""
        return ems * (of if of is not None else self.size)

    def text_size(self, ems: float) -> float:
        """A text size `ems` times the body size, as Word keeps it (half points): what its line
        spacing and padding are measured from."""
        return half_points(ems * self.size) / 2

    def heading_size(self, word_level: int) -> float:
        """Word's Heading n is the body's level n+1 (level 1 is the title): the theme's scale[n]."""
        return self.theme.headings.scale[min(word_level, 5)] * self.size

    @property
    def bold(self) -> tuple[Element, ...]:
        """Bold for the headings' weight, of Latin and East Asian text (`w:b`) and of complex scripts
        such as Arabic and Hebrew (`w:bCs`: Word sets those with their own properties)."""
        return (el("w:b"), el("w:bCs")) if self.theme.headings.weight >= 600 else ()

    def color(self, css: str) -> Element:
        return el("w:color", val=hex_color(css))


def _family(role: str) -> str:
    return "roman" if role == "serif" else "swiss"


@dataclass(frozen=True)
class StyleSpec:
    style_id: str
    name: str
    kind: str = "paragraph"  # paragraph | character | table
    based_on: str | None = "Normal"
    next_style: str | None = None
    ppr: tuple[Element | None, ...] = ()
    rpr: tuple[Element | None, ...] = ()
    extra: tuple[Element, ...] = ()  # tblPr, tblStylePr of a table style
    quick: bool = True  # shown in Word's style gallery


# What `apply_theme` made of python-docx's template, per theme, language and list numIds: the styles and
# settings elements and the font table. A batch's articles share a theme and a few languages, and building
# ~60 styles from the theme took ~20 ms of every DOCX; copying the finished elements takes ~1 ms.
_APPLIED_MAX = 8
_applied: dict[tuple[object, ...], tuple[Theme, Element, bytes, Element]] = {}


def apply_theme(document: WordDocument, theme: Theme, *, chinese: bool, lang: str,
                numbering: dict[str, int]) -> Tokens:
    """Reshape the styles of `document` (python-docx's template, as `docx.Document()` opens it) after
    `theme`; `numbering` gives the numIds of the list styles."""
    key = (id(theme), chinese, lang, tuple(sorted(numbering.items())))
    styles_part = document.part.part_related_by(RT.STYLES)
    settings_part = document.part.part_related_by(RT.SETTINGS)
    fonts_part = document.part.part_related_by(RT.FONT_TABLE)
    done = _applied.get(key)
    if done is not None and done[0] is theme:  # the same object: a theme reloaded is another (its id kept alive)
        styles_part._element = copy.deepcopy(done[1])
        fonts_part._blob = done[2]
        settings_part._element = settings_part._settings = copy.deepcopy(done[3])  # it keeps both
        return Tokens(theme, chinese, lang)
    tokens = _apply_theme(document, theme, chinese=chinese, lang=lang, numbering=numbering)
    if len(_applied) >= _APPLIED_MAX:
        _applied.pop(next(iter(_applied)))
    _applied[key] = (theme, copy.deepcopy(styles_part.element), fonts_part.blob, copy.deepcopy(settings_part.element))
    return tokens


def _apply_theme(document: WordDocument, theme: Theme, *, chinese: bool, lang: str,
                 numbering: dict[str, int]) -> Tokens:
    tokens = Tokens(theme, chinese, lang)
    styles = document.styles.element
    _drop_sample_table_styles(styles)
    _document_defaults(styles, tokens, lang)
    index = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    for spec in [*paragraph_styles(tokens, numbering), *character_styles(tokens), *credit_styles(tokens),
                 table_style(tokens)]:
        _define(styles, index, spec)
    _font_table(document, tokens)
    _settings(document, tokens)
    return tokens


# ---------------------------------------------------------------- the styles


def paragraph_styles(t: Tokens, numbering: dict[str, int]) -> list[StyleSpec]:
    theme, text, colors = t.theme, t.theme.text, t.theme.colors
    code, table, notice = theme.code, theme.table, theme.notice
    body_line = t.em(text.line_height)
    lang = t.lang or ("zh" if t.chinese else "")
    indent_em = text.first_line_indent_em(lang)
    paragraph_gap = t.em(text.paragraph_gap_em(lang))
    first_line = el("w:ind", firstLineChars=round(indent_em * 100), firstLine=twips(t.em(indent_em))) \
        if indent_em else el("w:ind", firstLine=0)
    title_size = theme.headings.scale[0] * t.size
    subtitle_size, byline_size = t.text_size(theme.subtitle.size_em), t.text_size(theme.byline.size_em)
    kicker_size = t.text_size(theme.kicker.size_em)
    code_size, table_size = t.text_size(code.size_em), t.text_size(table.size_em)
    notice_size, note_size = t.text_size(notice.size_em), t.text_size(theme.notes.size_em)
    caption = theme.caption.size_pt
    rule_gap = round(t.em(theme.byline.rule_gap_em, byline_size))
    code_pad = [round(t.em(value, code_size)) for value in code.padding_em]  # vertical, horizontal
    notice_pad = [round(t.em(value, notice_size)) for value in notice.padding_em]
    placeholder_pad = round(t.em(0.6))  # Word's own box for a missing image: not the CSS one, no token
    bar = 2  # points: the width of the quote's and the notice's rule on the left (eighths=16)
    # Headlines and headings: an opening mark starting a line loses its blank as the theme asks (Word's
    # "compress punctuation at the start of a line", as `_east_asian_layout` sets it for the body)
    trim_start = t.chinese and theme.cjk.compress_punctuation and theme.cjk.heading_line_start_opening == "half"

    def heading_start() -> Element | None:  # a new element per style: lxml moves one appended twice
        return el("w:topLinePunct", val=None if trim_start else 0) if t.chinese else None
    specs = [
        StyleSpec("Normal", "Normal", based_on=None,
                  ppr=(el("w:widowControl"), spacing(before=0, after=0, line=body_line)),
                  rpr=(t.body.rfonts(), t.color(colors.text), *size(t.size))),
        StyleSpec("BodyText", "Body Text", next_style="BodyText",
                  ppr=(spacing(after=paragraph_gap), first_line, el("w:jc", val="both" if text.justify else "left"))),
        StyleSpec("Kicker", "Kicker", next_style="Title",
                  ppr=(el("w:keepNext"), spacing(before=0, after=t.em(theme.kicker.space_after_em, kicker_size),
                                                 line=t.em(theme.headings.title_line_height, kicker_size)),
                       el("w:jc", val="left")),
                  rpr=(t.headings.rfonts(), *t.bold, t.color(colors.accent), *size(kicker_size))),
        StyleSpec("Title", "Title", next_style="Subtitle",
                  ppr=(el("w:keepNext"), heading_start(),
                       spacing(before=0, after=t.em(theme.headings.title_space_after_em, title_size),
                               line=t.em(theme.headings.title_line_height, title_size)),
                       el("w:jc", val="left")),
                  rpr=(t.headings.rfonts(), *t.bold, t.color(colors.heading), *size(title_size))),
        StyleSpec("Subtitle", "Subtitle", next_style="Byline",
                  ppr=(el("w:keepNext"), spacing(after=t.em(theme.subtitle.space_after_em, subtitle_size),
                                                 line=t.em(text.line_height, subtitle_size)),
                       el("w:jc", val="left")),
                  rpr=(t.headings.rfonts(), t.color(colors.muted), *size(subtitle_size))),
        StyleSpec("Byline", "Byline", next_style="BodyText",
                  ppr=(el("w:pBdr", border("bottom", color=colors.rule, eighths=4, space_pt=rule_gap)),
                       spacing(after=t.em(theme.byline.space_after_em) + rule_gap,
                               line=t.em(text.line_height, byline_size)),
                       el("w:jc", val="left")),
                  rpr=(t.color(colors.muted), *size(byline_size))),
    ]
    for level in range(1, 7):
        heading = t.heading_size(level)
        specs.append(StyleSpec(
            f"Heading{level}", f"heading {level}", next_style="BodyText",
            ppr=(el("w:keepNext"), el("w:keepLines"), heading_start(),
                 spacing(before=t.em(theme.headings.space_before_em, heading),
                         after=t.em(theme.headings.space_after_em, heading),
                         line=t.em(theme.headings.line_height, heading)),
                 el("w:jc", val="left"), el("w:outlineLvl", val=level - 1)),
            rpr=(t.headings.rfonts(), *t.bold, t.color(colors.heading), *size(heading))))
    specs += [
        StyleSpec("Caption", "caption", next_style="BodyText",
                  ppr=(el("w:keepLines"), spacing(before=t.em(theme.caption.space_before_em, caption),
                                                  after=t.em(theme.figure.space_em),
                                                  line=t.em(theme.caption.line_height, caption)),
                       el("w:jc", val="center"), t.english_words_ltr),
                  rpr=(t.color(colors.muted), *size(caption))),
        StyleSpec("Figure", "Figure", next_style="Caption",
                  ppr=(el("w:keepNext"), spacing(before=t.em(theme.figure.space_em), after=0, line=1.0, rule="auto"),
                       el("w:jc", val="center"))),
        StyleSpec("FigurePlaceholder", "Figure Placeholder", based_on="Figure", next_style="Caption",
                  ppr=(el("w:keepNext"),
                       el("w:pBdr", *(border(side, color=colors.rule, eighths=8, space_pt=placeholder_pad,
                                             kind="dashed") for side in ("top", "left", "bottom", "right"))),
                       shading(colors.notice_background), spacing(line=t.em(theme.caption.line_height, caption)),
                       el("w:ind", left=twips(placeholder_pad), right=twips(placeholder_pad))),
                  rpr=(t.color(colors.muted), *size(caption))),
        # A quote's space above and below is set on its first and last paragraph (body.py).
        StyleSpec("Quote", "Quote", next_style="BodyText",
                  ppr=(el("w:pBdr", border("left", color=colors.rule, eighths=16,
                                           space_pt=round(t.em(theme.quote.indent_em)))),
                       spacing(before=0, after=paragraph_gap),
                       el("w:ind", left=twips(t.em(theme.quote.indent_em) + bar), firstLine=0)),
                  rpr=(t.color(colors.muted),)),
        StyleSpec("SourceCode", "Source Code", next_style="BodyText",
                  ppr=(el("w:pBdr", *(border(side, color=colors.code_background,
                                             space_pt=code_pad[0] if side in ("top", "bottom") else code_pad[1])
                                      for side in ("top", "left", "bottom", "right"))),
                       shading(colors.code_background),
                       spacing(before=t.em(code.space_em, code_size), after=t.em(code.space_em, code_size),
                               line=t.em(code.line_height, code_size)),
                       el("w:ind", left=twips(code_pad[1]), right=twips(code_pad[1]), firstLine=0),
                       el("w:jc", val="left")),
                  rpr=(t.mono.rfonts(), *size(code_size)), quick=False),
        StyleSpec("Notice", "Notice", next_style="BodyText",
                  ppr=(el("w:pBdr", border("top", color=colors.notice_background, space_pt=notice_pad[0]),
                          border("left", color=colors.accent, eighths=16, space_pt=notice_pad[1]),
                          border("bottom", color=colors.notice_background, space_pt=notice_pad[0]),
                          border("right", color=colors.notice_background, space_pt=notice_pad[1])),
                       shading(colors.notice_background),
                       spacing(before=t.em(notice.space_before_em, notice_size), after=0,
                               line=t.em(text.line_height, notice_size)),
                       el("w:ind", left=twips(notice_pad[1] + bar), right=twips(notice_pad[1]), firstLine=0),
                       el("w:jc", val="left")),
                  rpr=(t.color(colors.muted), *size(notice_size))),
        StyleSpec("EditorNote", "Editor's Note", based_on="Notice", next_style="BodyText",  # 编者按, opening the body
                  ppr=(spacing(before=0, after=t.em(notice.space_before_em, notice_size),
                               line=t.em(text.line_height, notice_size)),), quick=False),
        # The rule is the bottom border of a paragraph set at half the body size: that paragraph's
        # own line makes up the other half of the space above the rule.
        StyleSpec("HorizontalRule", "Horizontal Rule", next_style="BodyText",
                  ppr=(el("w:pBdr", border("bottom", color=colors.rule, eighths=4)),
                       spacing(before=t.em(theme.divider.space_em / 2), after=t.em(theme.divider.space_em),
                               line=1.0, rule="auto")),
                  rpr=tuple(size(t.em(0.5))), quick=False),
        StyleSpec("TableNote", "Table Note", next_style="BodyText",  # `注：…`, `数据来源：…` under a table
                  ppr=(spacing(before=t.em(0.3 * table.space_em, table_size), after=t.em(table.space_em, table_size),
                               line=t.em(table.line_height, table_size)),
                       el("w:contextualSpacing"), el("w:ind", firstLine=0, firstLineChars=0), el("w:jc", val="left")),
                  rpr=(t.color(colors.muted), *size(table_size)), quick=False),
        StyleSpec("TableContents", "Table Contents",
                  ppr=(spacing(before=0, after=0, line=t.em(table.line_height, table_size)), el("w:jc", val="left")),
                  rpr=tuple(size(table_size)), quick=False),
        StyleSpec("TableHeading", "Table Heading", based_on="TableContents",
                  ppr=(el("w:keepNext"),), rpr=(t.headings.rfonts(), *t.bold), quick=False),
        StyleSpec("FootnoteText", "footnote text",
                  ppr=(spacing(before=0, after=0, line=t.em(theme.notes.line_height, note_size)),
                       el("w:jc", val="left")),
                  rpr=(t.color(colors.muted), *size(note_size)), quick=False),
        # Page furniture: Word's own header and footer (the PDF sets its own in the page margin).
        StyleSpec("Header", "header", ppr=(el("w:pBdr", border("bottom", color=colors.rule, space_pt=round(t.em(0.3)))),
                                           spacing(after=0, line=t.em(1.3, caption)), el("w:jc", val="center")),
                  rpr=(t.color(colors.muted), *size(caption)), quick=False),
        StyleSpec("Footer", "footer", ppr=(spacing(after=0, line=t.em(1.3, caption)), el("w:jc", val="center"),
                                           t.english_words_ltr),
                  rpr=(t.color(colors.muted), *size(caption)), quick=False),
    ]
    lists = theme.lists
    for level in range(LIST_STYLE_LEVELS):
        suffix = str(level + 1) if level else ""
        item = (spacing(before=t.em(lists.item_spacing_em), after=t.em(lists.item_spacing_em)), el("w:jc", val="left"))
        for kind, num in (("Bullet", numbering["bullet"]), ("Number", numbering["number"])):
            specs.append(StyleSpec(
                f"List{kind}{suffix}", f"List {kind}{' ' + suffix if suffix else ''}",
                ppr=(el("w:numPr", el("w:ilvl", val=level), el("w:numId", val=num)), *item), quick=False))
        specs.append(StyleSpec(f"ListContinue{suffix}", f"List Continue{' ' + suffix if suffix else ''}",
                               ppr=(*item, el("w:ind", left=twips(t.em(lists.indent_em * (level + 1))), firstLine=0)),
                               quick=False))
    return specs


def character_styles(t: Tokens) -> list[StyleSpec]:
    colors = t.theme.colors
    return [
        StyleSpec("Hyperlink", "Hyperlink", kind="character", based_on="DefaultParagraphFont",
                  rpr=(t.color(colors.accent),), quick=False),
        StyleSpec("FootnoteReference", "footnote reference", kind="character", based_on="DefaultParagraphFont",
                  rpr=(el("w:vertAlign", val="superscript"),), quick=False),
        StyleSpec("CaptionLabel", "Caption Label", kind="character", based_on="DefaultParagraphFont",
                  rpr=(t.headings.rfonts(), *t.bold), quick=False),
        StyleSpec("VerbatimChar", "Verbatim Char", kind="character", based_on="DefaultParagraphFont",
                  rpr=(t.mono.rfonts(), *size(t.text_size(t.theme.code.size_em))), quick=False),
    ]


def credit_styles(t: Tokens) -> list[StyleSpec]:
    """A picture's credit: the `Credit Line` paragraph under the picture, its text in the `Credit`
    character style (size, colour, and a slant for Latin-script articles, from the theme's credit)."""
    credit = t.theme.credit
    return [
        StyleSpec("CreditLine", "Credit Line", next_style="Caption",
                  ppr=(el("w:keepNext"), spacing(before=t.em(0.3, credit.size_pt), after=0,
                                                 line=t.em(1.3, credit.size_pt)),
                       el("w:ind", firstLine=0), el("w:jc", val=credit.align)),
                  rpr=tuple(size(credit.size_pt)), quick=False),
        StyleSpec("Credit", "Credit", kind="character", based_on="DefaultParagraphFont",
                  rpr=(*((el("w:i"), el("w:iCs")) if credit.italic and not t.chinese else ()), t.color(t.theme.credit_color()),
                       *size(credit.size_pt)), quick=False),
    ]


def table_style(t: Tokens) -> StyleSpec:
    """`Article Table`: rules between rows, a heavier rule under the header row, which repeats on each page."""
    colors, table = t.theme.colors, t.theme.table
    table_size = t.text_size(table.size_em)
    vertical, horizontal = (twips(t.em(value, table_size)) for value in table.cell_padding_em)
    cell_margin = el("w:tblCellMar", el("w:top", w=vertical, type="dxa"), el("w:left", w=horizontal, type="dxa"),
                     el("w:bottom", w=vertical, type="dxa"), el("w:right", w=horizontal, type="dxa"))
    table_properties = el("w:tblPr", el("w:tblBorders", border("bottom", color=colors.rule),
                                        border("insideH", color=colors.rule)), cell_margin)
    header_row = el("w:tblStylePr",
                    el("w:rPr", t.headings.rfonts(), *t.bold), el("w:tblPr"),
                    el("w:trPr", el("w:tblHeader")),
                    el("w:tcPr", el("w:tcBorders", border("bottom", color=colors.text, eighths=8))),
                    type="firstRow")
    return StyleSpec("ArticleTable", "Article Table", kind="table", based_on="TableNormal",
                     ppr=(spacing(before=0, after=0),), rpr=tuple(size(table_size)),
                     extra=(table_properties, header_row))


# ---------------------------------------------------------------- writing them


def define_styles(document: WordDocument, specs: list[StyleSpec]) -> None:
    """Add or reshape the styles `specs` name (after `apply_theme`: an issue's own styles)."""
    styles = document.styles.element
    index = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    for spec in specs:
        _define(styles, index, spec)


def _define(styles: Element, index: dict[str, Element], spec: StyleSpec) -> None:
    style = index.get(spec.style_id)
    if style is None:
        style = el("w:style", type=spec.kind, styleId=spec.style_id,
                   customStyle=None if spec.style_id in _BUILT_IN else 1)
        style.append(el("w:name", val=spec.name))
        styles.append(style)
        index[spec.style_id] = style
    for tag in ("w:basedOn", "w:next", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:pPr", "w:rPr",
                "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"):
        for old in style.findall(qn(tag)):
            style.remove(old)
    rpr = el("w:rPr", *spec.rpr) if spec.rpr else None
    append(style, [
        el("w:basedOn", val=spec.based_on) if spec.based_on else None,
        el("w:next", val=spec.next_style) if spec.next_style else None,
        el("w:qFormat") if spec.quick else el("w:unhideWhenUsed"),
        el("w:pPr", *spec.ppr) if spec.ppr else None, rpr, *spec.extra])
    link = style.find(qn("w:link"))
    if link is not None and rpr is not None:  # the linked character style (Heading1Char ...) looks the same
        linked = index.get(link.get(qn("w:val")))
        if linked is not None:
            for old in linked.findall(qn("w:rPr")):
                linked.remove(old)
            append(linked, [copy.deepcopy(rpr)])


_BUILT_IN = {"Normal", "BodyText", "Title", "Subtitle", "Caption", "Quote", "Header", "Footer", "Hyperlink",
             "FootnoteText", "FootnoteReference", *(f"Heading{n}" for n in range(1, 10)),
             *(f"List{kind}{n}" for kind in ("Bullet", "Number", "Continue") for n in ("", "2", "3"))}


def _drop_sample_table_styles(styles: Element) -> None:
    """The template's 140 colourful table styles (Light Shading, Medium Grid 3 - Accent 6, ...) are Word's
    own latent styles anyway; dropping their copies halves styles.xml."""
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles.remove(style)


def east_asian_lang(lang: str) -> str:
    """The language Word proofs and lays out Han text in: a culture name it knows (`zh-CN`, `zh-TW`,
    `zh-HK`, `zh-MO`, `zh-SG`); a script tag has none, so `zh-Hant` is Taiwan's and `zh-Hans` the mainland's.
    Japanese and Korean text is `ja-JP`, `ko-KR`."""
    primary = primary_language(lang)
    if primary in ("ja", "ko"):
        return {"ja": "ja-JP", "ko": "ko-KR"}[primary]
    parts = [p.upper() for p in lang.replace("_", "-").split("-")[1:]] if is_chinese(lang) else []
    region = next((p for p in parts if p in ("CN", "TW", "HK", "MO", "SG")), "")
    if region:
        return f"zh-{region}"
    return "zh-TW" if han_script(lang) == "hant" else "zh-CN"


def _document_defaults(styles: Element, t: Tokens, lang: str) -> None:
    """Defaults under every style: the body faces, and the languages (East Asian: the article's Chinese,
    zh-CN for the Han text of other articles)."""
    latin_lang = "en-US" if t.chinese or is_east_asian(lang) or not lang else lang
    rtl = direction(lang) == "rtl"
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = el("w:docDefaults",
                  el("w:rPrDefault", el("w:rPr", t.body.rfonts(), *size(t.size),
                                        el("w:lang", val=latin_lang, eastAsia=east_asian_lang(lang),
                                           bidi=lang if rtl else "ar-SA"))),
                  # A right-to-left article's paragraphs run from the right (`w:bidi`): their indents,
                  # and `left` alignment, which in such a paragraph is its leading edge (the right).
                  el("w:pPrDefault", el("w:pPr", *_east_asian_layout(t), el("w:bidi") if rtl else None,
                                        spacing(before=0, after=0, line=1.0, rule="auto"))))
    styles.insert(0, defaults)


def _east_asian_layout(t: Tokens) -> list[Element]:
    """Word's own Chinese line rules, said explicitly (they are its defaults): kinsoku (no closing mark
    starts a line, no opening mark ends one) and the automatic gap between Han and Latin text and digits
    (`autoSpaceDE`, `autoSpaceDN`). Word sets that gap itself, about a quarter em (LibreOffice: 0.22 em
    measured), and has no setting for its width, so `[text] script_gap_em` cannot reach it; a theme
    with no gap turns it off. An opening mark that starts a line loses its blank where the theme asks
    (`[cjk] line_start_opening = "half"`: `w:topLinePunct`, Word's "compress punctuation at the start
    of a line", with the document's `compressPunctuation`, `_settings`)."""
    on = t.theme.text.script_gap_em > 0
    cjk = t.theme.cjk
    trim_start = t.chinese and cjk.compress_punctuation and cjk.line_start_opening == "half"
    return [el("w:kinsoku"), el("w:topLinePunct") if trim_start else None,
            el("w:autoSpaceDE", val=None if on else 0), el("w:autoSpaceDN", val=None if on else 0)]


def _font_table(document: WordDocument, t: Tokens) -> None:
    """Name every face the styles use, with the Windows and macOS faces that stand in for it and its
    class (`fonttable`), so Word substitutes a font of the same kind (Song for serif CJK, Hei for sans)
    where the theme's face is not installed."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    table = el("w:fonts")
    seen: set[str] = set()
    for face in (t.body, t.headings, t.mono):
        for name, cjk in ((face.east_asian, True), (face.latin, bool(is_cjk_family(face.latin))),
                          (face.complex, False)):
            if not name or name in seen:
                continue
            seen.add(name)
            table.append(font_entry(name, cjk, face.family))
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _settings(document: WordDocument, t: Tokens) -> None:
    settings = document.settings.element
    for tag in ("w:savePreviewPicture",):  # the template's thumbnail is dropped: no preview to keep
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    spacing_control = settings.find(qn("w:characterSpacingControl"))
    if spacing_control is not None:  # Word's own punctuation compression (python-docx's template: none)
        compress = t.chinese and t.theme.cjk.compress_punctuation
        spacing_control.set(qn("w:val"), "compressPunctuation" if compress else "doNotCompress")
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), east_asian_lang(t.lang))
    compat = settings.find(qn("w:compat"))
    if compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is None:
        # A line that ends at a line break is not spread to the margin in a justified paragraph, as in the
        # PDF and the EPUB (CSS treats it as a last line): `附件：1.重点任务分工表` / `　　　2.…` was set
        # `附　件　：　1.　重…`. First in `w:compat`: the schema puts it before `w:useFELayout`.
        compat.insert(0, el("w:doNotExpandShiftReturn"))
