"""The theme schema: every design token a theme holds, its type and its bounds.

The sections are frozen dataclasses; pydantic validates a theme's TOML against them (`validate`), so
unknown keys, wrong types and bad values are reported with the key and what was expected
(`theme/load.py` adds the file). Their bounds are `Bounds` and `Check` below, which pydantic reads
when it validates: nothing here imports pydantic, so a process that reads a validated theme back from
the cache (`load.py`) never imports it (~0.13 s of a lone EPUB's or DOCX's start-up).

Units, as CSS reads them and every writer follows: `*_pt` in points; `size_em` times the body size;
other `*_em` lengths in em of the element's own size (a table's margin in em of the table's text, a
caption's in em of the caption); `line_height` times the element's own size. The new design tokens
have no defaults here: `styles/default.toml` is their one source, and a theme `extends` it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Callable, Literal

from ..errors import UsageError
from ..scripts import (han_standard, is_chinese, is_cjk_family, is_cjk_language, own_script, primary_language,
                       regional_families, script_face)
from ..wording import labels

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "Letter": (215.9, 279.4)}


class Bounds:
    """Constraints on the annotated type in pydantic-core's own terms (`gt`, `ge`, `le`, `min_length`,
    `max_length`, `pattern`), so its checks and messages are pydantic's; nothing is imported until a
    theme is validated."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **self.constraints}


class Check:
    """A value must pass `function`, which returns it or raises ValueError (pydantic reports the message)."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema
        return core_schema.no_info_after_validator_function(self.function, handler(source))


Color = Annotated[str, Bounds(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
Positive = Annotated[float, Bounds(gt=0)]
# A type size in points: 4 pt (the smallest a note is set in) to 48 pt (a headline's body at poster size);
# `size_pt = 400` set a body's lines so large that 86 pages cut their glyphs off
TypeSize = Annotated[float, Bounds(ge=4, le=48)]
NonNegative = Annotated[float, Bounds(ge=0)]
FontStack = Annotated[list[Annotated[str, Bounds(min_length=1)]], Bounds(min_length=1)]
Margins = Annotated[list[NonNegative], Bounds(min_length=4, max_length=4)]
Leading = Annotated[float, Bounds(ge=0.8, le=3.0)]  # a line height, times the size it sets
Relative = Annotated[float, Bounds(ge=0.5, le=2.0)]  # a text size, times the body size
Spacing = Annotated[float, Bounds(ge=0, le=5.0)]  # a length in em
Padding = Annotated[list[Spacing], Bounds(min_length=2, max_length=2)]  # vertical, horizontal


class ThemeError(UsageError):
    pass


section = dataclass(frozen=True, kw_only=True)


@section
class _Section:
    __pydantic_config__ = {"extra": "forbid"}  # pydantic's ConfigDict, read when it validates a theme


@section
class RegionalFonts(_Section):
    """The stacks of Han text drawn to a regional standard (`[fonts.tc]`: Taiwan and Traditional text,
    `[fonts.hk]`: Hong Kong), role by role. A role left out follows the main stack, each Simplified CJK
    family preceded by its regional face (`scripts.regional_families`: `Noto Serif CJK SC` -> TC)."""

    serif: FontStack | None = None
    sans: FontStack | None = None
    mono: FontStack | None = None


@section
class Fonts(_Section):
    body: Literal["serif", "sans"] = "serif"
    headings: Literal["serif", "sans"] = "sans"
    # Emphasis in Chinese, Japanese and Korean text: Han characters have no italic (a browser or Word slants
    # them, WeasyPrint does not, so emphasis vanished from the PDF); the text is set upright in the other
    # stack (黑体 in 宋体 text, 宋体 in 黑体 text), or the stack named here.
    emphasis: Literal["serif", "sans", ""] = ""
    serif: FontStack
    sans: FontStack
    mono: FontStack
    tc: RegionalFonts = field(default_factory=RegionalFonts)  # a factory: no validator is built at import
    hk: RegionalFonts = field(default_factory=RegionalFonts)


@section
class Text(_Section):
    size_pt: TypeSize
    line_height: Positive
    indent_em: NonNegative
    latin_indent_em: NonNegative
    japanese_indent_em: NonNegative = 1.0  # a Japanese paragraph's first line: one character (字下げ), not Chinese's two
    paragraph_spacing_em: NonNegative
    latin_paragraph_spacing_em: NonNegative
    justify: bool = True
    script_gap_em: NonNegative = 0.25  # gap between Han and Latin script in running text
    # Reflowable editions (EPUB): Latin-script text on a screen narrower than `narrow_width_em` is set
    # `narrow_latin_align` (left: no wide gaps where a reading system cannot hyphenate; justify: as wide).
    narrow_latin_align: Literal["left", "justify"]
    narrow_width_em: Annotated[float, Bounds(ge=10, le=100)]

    def first_line_indent_em(self, lang: str | None) -> float:
        """A paragraph's first-line indent in an article in `lang`: Chinese, Japanese, else Latin-script's."""
        if is_chinese(lang):
            return self.indent_em
        return self.japanese_indent_em if primary_language(lang) == "ja" else self.latin_indent_em

    def paragraph_gap_em(self, lang: str | None) -> float:
        """The space between paragraphs: none in Chinese and Japanese (the indent marks them), else Latin's."""
        return self.paragraph_spacing_em if is_cjk_language(lang) else self.latin_paragraph_spacing_em


@section
class Headings(_Section):
    scale: Annotated[list[Positive], Bounds(min_length=6, max_length=6)]
    weight: Annotated[int, Bounds(ge=100, le=900)] = 700
    space_before_em: NonNegative
    space_after_em: NonNegative
    line_height: Leading  # h2-h6
    title_line_height: Leading
    title_space_after_em: Spacing  # em of the title's size


@section
class Subtitle(_Section):
    size_em: Annotated[float, Bounds(ge=0.5, le=3.0)]
    space_after_em: Spacing


@section
class Kicker(_Section):
    """The kicker (引题, `独家`, `ANALYSIS`): a short line set above the title, in the headings' face at
    their weight, smaller than the title, in the accent colour."""

    size_em: Annotated[float, Bounds(ge=0.5, le=3.0)] = 1.1
    space_after_em: Spacing = 0.3


@section
class Byline(_Section):
    """The byline and the rule under it, which closes the article's header."""

    size_em: Relative
    rule_gap_em: Spacing  # between the byline's text and its rule, em of the byline's size
    space_after_em: Spacing  # between the header and the text, em of the body size


@section
class Colors(_Section):
    text: Color
    heading: Color
    accent: Color
    muted: Color
    rule: Color
    notice_background: Color
    code_background: Color
    highlight: Color = "#f8e9a1"  # behind marked text (`==重点==`, `<mark>`)


def _caption_format(value: str) -> str:
    if "{n}" not in value or "{caption}" not in value:
        raise ValueError("must contain both {n} and {caption}")
    try:
        value.format(label="", n=1, caption="")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"may hold only {{label}}, {{n}} and {{caption}} in braces ({exc})") from None
    return value


CaptionFormat = Annotated[str, Check(_caption_format)]


@section
class Caption(_Section):
    """How a numbered caption reads: `zh` for Chinese articles, `en` for the others. `{label}` is the
    word for the language (图, Figure; 表, Table for tables: `wording.py`), `{n}` the number."""

    size_pt: TypeSize
    zh: CaptionFormat
    en: CaptionFormat
    line_height: Leading
    space_before_em: Spacing  # between a figure's image and its caption, em of the caption's size


@section
class Figure(_Section):
    max_height_mm: Positive
    max_height_vh: Annotated[float, Bounds(gt=0, le=100)]  # EPUB: percent of the screen's height (no page)
    space_em: Spacing  # above a figure and below its caption


@section
class Code(_Section):
    """Code blocks and inline code (the mono stack)."""

    size_em: Relative
    line_height: Leading
    padding_em: Padding  # inside a code block's background
    space_em: Spacing  # above and below a code block


@section
class Table(_Section):
    size_em: Relative
    line_height: Leading
    cell_padding_em: Padding
    space_em: Spacing  # above and below a table


@section
class Notice(_Section):
    """The boxed note closing an article (a disclaimer)."""

    size_em: Relative  # its lines are spaced as the body's: `text.line_height` times this size
    padding_em: Padding
    space_before_em: Spacing


@section
class Quote(_Section):
    indent_em: Spacing  # from the rule on the left to the text
    space_em: Spacing  # above and below a block quote


@section
class Lists(_Section):
    indent_em: Annotated[float, Bounds(gt=0, le=5.0)]  # each level's text from the one above (or the body)
    space_before_em: Spacing  # above a list (not one inside a list item)
    space_after_em: Spacing
    item_spacing_em: Spacing  # above and below each item


@section
class Notes(_Section):
    """Footnotes (at the page's foot in the PDF and the DOCX, after the text in the EPUB)."""

    size_em: Relative
    line_height: Leading


@section
class Divider(_Section):
    space_em: Spacing  # above and below a horizontal rule


@section
class Credit(_Section):
    """A picture's credit (`摄影：王某`, `Photo: Reuters`), set on its own line under the picture, apart
    from the caption. `color` is the muted colour unless given; `italic` slants it in Latin-script
    articles only (Han text is never slanted)."""

    size_pt: TypeSize = 7.5
    color: Color | None = None
    italic: bool = False
    align: Literal["left", "center", "right"] = "right"


# curly: “‘’”; corner: 「」 outside, 『』 inside (Taiwan, Hong Kong); corner-by-kind: “” as 『』 and ‘’ as
# 「」 (GB/T 15834-2011 for vertical text: its curly marks have no upright form in a column).
QuoteStyle = Literal["curly", "corner", "corner-by-kind"]


@section
class QuotationMarks(_Section):
    """How quotation marks in Chinese text are set, by script, in horizontal text and in the vertical
    edition's columns (`enrich/quotes.py` pairs them)."""

    hans: QuoteStyle
    hant: QuoteStyle
    vertical_hans: QuoteStyle
    vertical_hant: QuoteStyle


@section
class Page(_Section):
    size: Literal["A4", "A5", "Letter"] = "A4"
    margin_mm: Margins
    header: Literal["title", "site", "none"] = "title"


@section
class EReader(_Section):
    page_size_mm: Annotated[list[Positive], Bounds(min_length=2, max_length=2)]
    margin_mm: Margins
    size_pt: TypeSize


@section
class Collection(_Section):
    """Editions of many articles (`convert collect`): `figure_numbering` restarts figure and table
    numbers in each article (`article`) or runs them through the issue (`issue`), alike in every
    edition; `article_start` begins each article on a new page (`page`) or right after the one
    before (`run-on`) in the paginated editions (the EPUB gives each article a document of its own)."""

    figure_numbering: Literal["article", "issue"]
    article_start: Literal["page", "run-on"]


@section
class Cjk(_Section):
    """Chinese typesetting, in every edition as far as its format allows (clreq, GB/T 15834)."""

    compress_punctuation: bool  # two adjacent full-width marks take 1.5 em; a closing mark ends a line half width
    line_start_opening: Literal["full", "half"]  # an opening mark starting a line keeps its blank, or not
    heading_line_start_opening: Literal["full", "half"]  # the same in headlines and headings
    max_stretch_em: Annotated[float, Bounds(ge=0, le=1.0)]  # most justification widens a gap between characters
    max_space_stretch_em: Annotated[float, Bounds(ge=0, le=2.0)]  # then most it widens a space between Latin words
    upright_digits: Annotated[int, Bounds(ge=0, le=4)]  # vertical text: numbers this short stand upright in one cell
    # DOCX: numbers held to their units by invisible joiners (U+200D), which Word's Find and a copy carry;
    # false: plain text, which Word and LibreOffice may break between a number and its unit
    docx_joiners: bool


def _json(value: Any) -> Any:
    if isinstance(value, _Section):
        return {item.name: _json(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_json(item) for item in value]
    return value  # str, int, float, bool, None: the only leaves a theme's fields hold


@section
class Theme(_Section):
    name: str
    description: str = ""
    extends: str | None = None
    fonts: Fonts
    text: Text
    headings: Headings
    subtitle: Subtitle
    kicker: Kicker = field(default_factory=Kicker)
    byline: Byline
    colors: Colors
    caption: Caption
    figure: Figure
    code: Code
    table: Table
    notice: Notice
    quote: Quote
    lists: Lists
    notes: Notes
    divider: Divider
    credit: Credit = field(default_factory=Credit)
    quotation_marks: QuotationMarks
    page: Page
    ereader: EReader
    collection: Collection


    cjk: Cjk

    # ------------------------------------------------------------ derived values
    def tokens(self) -> dict[str, Any]:
        """Every token as JSON data: what pydantic's serializer gives (a test holds them equal), read from
        the fields, so that keying the manifest needs no pydantic."""
        return _json(self)

    def stack(self, role: Literal["body", "headings", "mono", "emphasis", "heading_emphasis"], lang: str = "") -> list[str]:
        """The font stack of `role` for an article in `lang`: the theme's stack, or for Traditional Chinese
        (`zh-TW`, `zh-HK`, `zh-Hant`) the stack of its regional standard (`[fonts.tc]`, `[fonts.hk]`,
        else derived by `scripts.regional_families`), so Han text takes the TC or HK face and its centred
        punctuation."""
        key = ("mono" if role == "mono" else self.emphasis_stack if role == "emphasis"
               else self.heading_emphasis_stack if role == "heading_emphasis" else getattr(self.fonts, role))
        stack = list(getattr(self.fonts, key))
        standard = han_standard(lang)
        if standard == "SC":
            return stack
        regional = getattr(self.fonts, standard.lower(), None)  # [fonts.tc], [fonts.hk]; JP, KR are derived
        given = getattr(regional, key) if regional is not None else None
        if given:
            return list(given)
        if standard == "HK" and (traditional := getattr(self.fonts.tc, key)):
            stack = list(traditional)
        return list(dict.fromkeys(name for family in stack for name in regional_families(family, standard)))

    @property
    def emphasis_stack(self) -> Literal["serif", "sans"]:
        """The stack that sets emphasis in CJK text (`Fonts.emphasis`): the one the body is not set in."""
        return self.fonts.emphasis or ("sans" if self.fonts.body == "serif" else "serif")

    @property
    def heading_emphasis_stack(self) -> Literal["serif", "sans"]:
        """The stack that sets emphasis in a CJK heading: the one the headings are not set in (emphasis in
        the body's other stack vanished in a heading already set in it)."""
        return "sans" if self.fonts.headings == "serif" else "serif"

    def script_stack(self, role: Literal["body", "headings", "mono", "emphasis", "heading_emphasis"], chinese: bool,
                     lang: str = "") -> list[str]:
        """The stack in the order an article's script wants: as written for Chinese (the CJK face first,
        so Latin letters and quotes match the Han text); Latin faces first for other articles (real
        italics, proportional quotes); Japanese and Korean as Chinese; an Arabic-script article's face
        first: Arabic letters reach higher and lower than Latin ones, and set in a face after the first
        they would open every line past the theme's line height (the first face's extent is what the
        line height spaces); Thai and Devanagari likewise (`scripts.own_script`: their faces after the Latin
        one opened lines to 1.88 and 1.91). Hebrew fits the Latin face's extent and takes its place after it. Every
        edition orders it so (CSS `:lang`, Word's faces). `lang` picks the regional faces (`stack`)."""
        stack = self.stack(role, lang)
        if chinese or han_standard(lang) in ("JP", "KR"):
            return stack
        latin_first = [f for f in stack if not is_cjk_family(f)] + [f for f in stack if is_cjk_family(f)]
        own = script_face(stack, own_script(lang)) if own_script(lang) else None
        return [own] + [f for f in latin_first if f != own] if own else latin_first

    def figure_label(self, number: int | None, caption: str, lang: str, kind: str = "figure") -> str:
        """`图 1　caption` / `Figure 1. caption` (`kind="table"`: `表 1　…`), as the theme formats it."""
        fmt = self.caption.zh if is_chinese(lang) or han_standard(lang) == "JP" else self.caption.en  # `図 1　…`
        if number is None:
            return caption
        text = fmt.format(label=labels(lang)[kind], n=number, caption=caption)
        return text if caption else text.rstrip(" 　.:：|｜")

    def figure_label_parts(self, number: int, lang: str, kind: str = "figure") -> tuple[str, str]:
        """The label (`图 1`, `Figure 1.`) and what the theme puts between it and a caption (`　`, ` `)."""
        label = self.figure_label(number, "", lang, kind)
        marker = "\x1f"
        return label, self.figure_label(number, marker, lang, kind).partition(marker)[0][len(label):]

    def credit_color(self) -> str:
        return self.credit.color or self.colors.muted

    def page_size_mm(self, override: str | None = None) -> tuple[float, float]:
        """Width and height of the print page: `override` (any case) when given, else the theme's."""
        name = override or self.page.size
        sizes = {key.lower(): value for key, value in PAGE_SIZES_MM.items()}
        if name.lower() not in sizes:
            raise ThemeError(f"unknown page size {name!r}; choose from: {', '.join(PAGE_SIZES_MM)}")
        return sizes[name.lower()]


def validate(data: dict[str, Any]) -> Theme:
    """The theme `data` (merged TOML) holds; raise pydantic's ValidationError when it breaks the schema."""
    return _validator().validate_python(data)


@lru_cache(maxsize=1)
def _validator() -> Any:
    from pydantic import TypeAdapter  # only here: most runs read a validated theme back (`load.py`)
    return TypeAdapter(Theme)
