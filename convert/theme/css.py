"""A theme compiled to CSS. The one place where theme tokens become style rules for HTML-based writers.

`article_css` holds the rules every HTML-based edition shares; writers add only what is theirs
(the PDF writer its @page rules, the EPUB writer nothing print-only).
"""
from __future__ import annotations

from typing import Literal

from ..resources.fonts import space_width_em, stack_font
from ..scripts import ARABIC_SCRIPT_LANGUAGES, TALL_SCRIPT_LANGUAGES
from .schema import Theme

CSS_MEDIUM_PT = 12.0  # the initial font size of CSS (16px): what a reading system's own size setting scales


def css_font_stack(families: list[str], generic: str) -> str:
    return ", ".join(f'"{family}"' for family in families) + f", {generic}"


def font_stacks(theme: Theme, *, chinese: bool = True, lang: str = "") -> dict[str, str]:
    """CSS font-family values per role; `chinese=False` puts the Latin faces first, `lang` picks the
    regional faces of Traditional Chinese (see `Theme.script_stack`)."""
    return {
        "body": css_font_stack(theme.script_stack("body", chinese, lang),
                               "serif" if theme.fonts.body == "serif" else "sans-serif"),
        "headings": css_font_stack(theme.script_stack("headings", chinese, lang),
                                   "serif" if theme.fonts.headings == "serif" else "sans-serif"),
        "mono": css_font_stack(theme.script_stack("mono", chinese, lang), "monospace"),
        "emphasis": css_font_stack(theme.script_stack("emphasis", chinese, lang),
                                   "serif" if theme.emphasis_stack == "serif" else "sans-serif"),
        "heading_emphasis": css_font_stack(theme.script_stack("heading_emphasis", chinese, lang),
                                           "serif" if theme.heading_emphasis_stack == "serif" else "sans-serif"),
    }


# The class of a span that carries its own language (`writers.html`: a Han run in an article of another language).
LANG_SPAN = "lang"

# The scripts an element's language selects faces for, in the order their rules are written: a later
# rule wins over an earlier one that also matches (`zh-Hant-HK` is Traditional, then Hong Kong's).
# (CSS `:lang()` matches a tag and its longer forms.) Each entry: its `:lang()` tags, whether the stack
# is ordered for Chinese, the language whose regional faces it takes.
_SCRIPT_LANGS = (
    (None, False, ""),  # any language: Latin faces first (each rule below adds a `:lang()`, so it wins)
    (("zh",), True, "zh-CN"),
    (("zh-Hant", "zh-TW"), True, "zh-TW"),
    (("zh-HK", "zh-MO", "zh-Hant-HK", "zh-Hant-MO"), True, "zh-HK"),
    (("ja",), True, "ja"),
    (("ko",), True, "ko"),
    # Arabic script: its own face first (`Theme.script_stack`), then the Latin faces
    (ARABIC_SCRIPT_LANGUAGES, False, "ar"),
    # Thai and Devanagari likewise, each language its own script's face first
    *(((tag,), False, tag) for tag in TALL_SCRIPT_LANGUAGES),
)
_HEADING_SELECTORS = ("h1.title", ".article-header .subtitle", ".article-header .kicker", *(f".article-body h{n}" for n in range(2, 7)),
                      ".figure-label", ".table-label", "thead th")
_MONO_SELECTORS = ("code", "pre", ".placeholder-src")
_EMPHASIS_SELECTORS = ("em", "i")


def script_font_rules(theme: Theme, headings: tuple[str, ...] = ()) -> str:
    """Every element takes the faces of its own language (`:lang()`), not the page's: an article in an
    edition of many (each `article` carries its `lang`) is set in its own script's faces.

    - not Chinese: the Latin faces of each stack first. The CJK faces' Latin has no italic (WeasyPrint
      synthesizes none, so emphasis would vanish) and differs from the face the DOCX names for Latin;
    - Chinese: the CJK faces first; in Traditional script the TC (or HK) faces of each stack
      (`Theme.stack`), whose glyphs follow Taiwan's or Hong Kong's standard, punctuation centred;
    - Japanese and Korean: the CJK faces first, each stack's JP or KR face;
    - Arabic-script languages: the stack's Arabic face first (`Theme.script_stack`); Thai and
      Devanagari languages their script's face.

    The body's faces go on each element that carries a language (`html`, `article`, a contents line);
    a heading, a label or code takes its role's faces where its own language is matched, so a
    Traditional headline inside a Simplified page is set in TC. A Han run tagged inside text of
    another language (`<span lang>`) takes the faces of its script in the role around it. Such a span
    is matched by its class, `LANG_SPAN`, the same specificity as `span[lang]`: WeasyPrint (cssselect2) tries
    a rule whose last part names only a tag on every element of that tag, and these ~280 rules on each of the
    hundreds of typesetting spans (`sg-l`, `nobr`, ...) of a Chinese article took ~0.03 s of its PDF.
    `headings`: more selectors set in the headings' faces (an edition's own, such as its contents)."""
    heading_selectors = (*_HEADING_SELECTORS, *headings)
    rules = []
    for tags, chinese, lang in _SCRIPT_LANGS:
        stacks = font_stacks(theme, chinese=chinese, lang=lang)

        def at(selectors: tuple[str, ...], tags: tuple[str, ...] | None = tags) -> str:
            matches = [""] if tags is None else [f":lang({tag})" for tag in tags]
            return ", ".join(f"{selector}{match}" for selector in selectors for match in matches)

        spans_in_headings = tuple(f"{selector} span.{LANG_SPAN}" for selector in heading_selectors)
        rules.append(f"""{at(("[lang]:not(span)", f"span.{LANG_SPAN}"))} {{ font-family: {stacks['body']}; }}
{at(heading_selectors + spans_in_headings)} {{ font-family: {stacks['headings']}; }}
{at(_MONO_SELECTORS)} {{ font-family: {stacks['mono']}; }}
""")
        if chinese:  # Han text has no italic: emphasis upright in the other stack (`Fonts.emphasis`)
            rules.append(f"{at(_EMPHASIS_SELECTORS)} {{ font-style: normal; font-family: {stacks['emphasis']}; }}\n")
            in_headings = tuple(f"{heading} {em}" for heading in heading_selectors for em in _EMPHASIS_SELECTORS)
            rules.append(f"{at(in_headings)} {{ font-family: {stacks['heading_emphasis']}; }}\n")
    return "\n" + "".join(rules)


def _em(value: float) -> str:
    return f"{value:g}em"


def _padding(vertical_horizontal: list[float]) -> str:
    vertical, horizontal = vertical_horizontal
    return f"{vertical:g}em {horizontal:g}em"


def screen_figure_ratio(theme: Theme) -> float:
    """Height over width of the largest picture a screen shows at its full width (the theme's e-reader
    page as the screen, pictures at most `figure.max_height_vh` of it): the EPUB and the HTML page cut
    a long picture into pieces of this shape (`resources.images.pieces`)."""
    width, height = theme.ereader.page_size_mm
    return theme.figure.max_height_vh / 100 * height / width


TALL_PICTURE_VH = 90  # a long picture shown whole on a screen (`resources.images.shown_tall`): most of it


def screen_tall_ratio(theme: Theme) -> float:
    """Height over width of the tallest long picture shown whole on the theme's e-reader screen."""
    width, height = theme.ereader.page_size_mm
    return TALL_PICTURE_VH / 100 * height / width


def article_css(theme: Theme, *, size_pt: float | None = None, relative: bool = False) -> str:
    """Rules for the article markup of `writers/html.py`, from the theme's tokens. The numbers left
    here have no counterpart in the DOCX: the missing-image placeholder's box (Word draws its own),
    the note call's size (Word's superscript), the space above the list of notes (Word's notes sit
    at the page's foot), and the gap under a table's caption.

    `relative`: a reflowable edition (EPUB) whose reader chooses the text size: every text size is
    relative to the reading system's own (the body `size_pt` against CSS's 12 pt medium, captions in
    em of it) and pictures are limited by the screen's height, not by millimetres of a page."""
    fonts = font_stacks(theme)
    text, colors, headings = theme.text, theme.colors, theme.headings
    code, table, notice, lists = theme.code, theme.table, theme.notice, theme.lists
    size = size_pt or text.size_pt
    caption_pt = theme.caption.size_pt
    if relative:
        root_size = f"{size / CSS_MEDIUM_PT * 100:.4g}%"
        caption_size = f"{caption_pt / size:.4g}em"
        table_caption_size = f"{caption_pt / (size * table.size_em):.4g}em"  # inside the table's own size
        image_height = f"{theme.figure.max_height_vh:g}vh"
    else:
        root_size, caption_size, table_caption_size = f"{size:g}pt", f"{caption_pt:g}pt", f"{caption_pt:g}pt"
        image_height = f"{theme.figure.max_height_mm:g}mm"
    heading_rules = "\n".join(
        f".article-body h{level} {{ font-size: {headings.scale[level - 1]:g}em; }}" for level in range(2, 7))
    align = "justify" if text.justify else "left"
    cjk_rules = cjk_css(theme)
    # Chinese and Japanese paragraphs are indented (and spaced) as such (`article:lang(..) p`), but in lists,
    # cells, quotes, notes and notices; so are paragraphs there in other languages.
    _cjk_unindented = "\n".join(f"article:lang({lang}) .article-body li p, article:lang({lang}) td p, "
                                 f"article:lang({lang}) th p,\narticle:lang({lang}) blockquote p, "
                                 f"article:lang({lang}) .footnotes p, article:lang({lang}) .notice p,"
                                 for lang in ("zh", "ja"))
    return f"""
html {{ font-family: {fonts['body']}; font-size: {root_size}; line-height: {text.line_height:g};
  color: {colors.text}; }}
body {{ margin: 0; }}
/* CJK fonts' quotes and apostrophes proportional in Latin text, as it expects. */
:lang(zh), :lang(ja) {{ font-variant-east-asian: normal; }}
:lang(en) {{ font-variant-east-asian: proportional-width; }}
/* Korean breaks lines between words, at its spaces (browsers; WeasyPrint 70 ignores keep-all). */
:lang(ko) {{ word-break: keep-all; }}
{cjk_rules}article {{ hyphens: auto; overflow-wrap: break-word; }}
.article-header {{ margin-bottom: {_em(theme.byline.space_after_em)}; }}
h1.title {{ font-family: {fonts['headings']}; font-size: {headings.scale[0]:g}em; font-weight: {headings.weight};
  line-height: {headings.title_line_height:g}; color: {colors.heading};
  margin: 0 0 {_em(headings.title_space_after_em)}; text-align: start; hyphens: manual; }}
.article-header .subtitle {{ font-family: {fonts['headings']}; font-size: {_em(theme.subtitle.size_em)};
  color: {colors.muted}; margin: 0 0 {_em(theme.subtitle.space_after_em)}; text-indent: 0; }}
.article-header .kicker {{ font-family: {fonts['headings']}; font-size: {_em(theme.kicker.size_em)};
  font-weight: {headings.weight}; color: {colors.accent}; margin: 0 0 {_em(theme.kicker.space_after_em)};
  text-indent: 0; text-align: start; break-after: avoid; }}
.article-header .byline {{ font-size: {_em(theme.byline.size_em)}; color: {colors.muted}; text-indent: 0; margin: 0;
  padding-bottom: {_em(theme.byline.rule_gap_em)}; border-bottom: 0.5pt solid {colors.rule}; text-align: start; }}
.byline a {{ color: {colors.muted}; }}
.article-body h2, .article-body h3, .article-body h4, .article-body h5, .article-body h6 {{
  font-family: {fonts['headings']}; font-weight: {headings.weight}; color: {colors.heading};
  line-height: {headings.line_height:g}; margin: {headings.space_before_em:g}em 0 {headings.space_after_em:g}em;
  text-indent: 0; text-align: start; break-after: avoid; hyphens: manual; }}
{heading_rules}
p {{ margin: 0 0 {text.latin_paragraph_spacing_em:g}em; text-indent: {text.latin_indent_em:g}em;
  text-align: {align}; orphans: 2; widows: 2; }}
article:lang(zh) p, article:lang(ja) p {{ margin: 0 0 {text.paragraph_spacing_em:g}em;
  text-indent: {text.indent_em:g}em; }}
article:lang(ja) p {{ text-indent: {text.japanese_indent_em:g}em; }}
{_cjk_unindented}
.article-body li p, td p, th p {{ text-indent: 0; }}
/* A notice's addressees, unindented, and its issuer and date, flush with the line's end (the foot of a
   vertical column): `enrich.letters`. */
.article-body p.salutation, .article-body p.aligned {{ text-indent: 0; }}
/* A table's notes and source (`注：…`, `数据来源：…`), set as its text is, close under it. */
.article-body p.table-note {{ font-size: {_em(table.size_em)}; line-height: {table.line_height:g}; color: {colors.muted};
  text-indent: 0; margin-top: {-0.7 * table.space_em:g}em; margin-bottom: 0; }}
.article-body p.table-note + p.table-note {{ margin-top: 0; }}
.article-body p.table-note + :not(.table-note) {{ margin-top: {_em(table.space_em * table.size_em)}; }}
.article-body p.signoff {{ text-indent: 0; text-align: end; break-before: avoid; }}
/* A short paragraph the page set centred (a kicker, a verse) or flush right: `readers.sanitize`. */
.article-body p.centered {{ text-indent: 0; text-align: center; }}
.article-body p.flush-end {{ text-indent: 0; text-align: end; }}
a {{ color: {colors.accent}; text-decoration: none; }}
figure {{ margin: {_em(theme.figure.space_em)} 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }}
figure img {{ max-width: 100%; max-height: {image_height}; width: auto; height: auto; }}
figure.long-picture {{ break-inside: auto; page-break-inside: auto; }}
figure.long-picture img {{ display: block; margin: 0 auto; }}
figure.tall-picture img {{ max-height: {TALL_PICTURE_VH}vh; }}
img.inline {{ max-width: 100%; max-height: {image_height}; }}
figcaption {{ font-size: {caption_size}; color: {colors.muted}; line-height: {theme.caption.line_height:g};
  margin-top: {_em(theme.caption.space_before_em)}; text-indent: 0; text-align: center; hyphens: manual; }}
.figure-label, .table-label {{ font-family: {fonts['headings']}; font-weight: {headings.weight}; }}
{credit_css(theme, relative_to=size if relative else None)}
.image-placeholder {{ border: 1pt dashed {colors.rule}; padding: 1.5em 1em; color: {colors.muted};
  font-size: {caption_size}; text-align: center; background: {colors.notice_background}; }}
.placeholder-src {{ font-family: {fonts['mono']}; font-size: 0.85em; overflow-wrap: anywhere; margin-top: 0.3em; }}
blockquote {{ margin: {_em(theme.quote.space_em)} 0; padding: 0 0 0 {_em(theme.quote.indent_em)};
  border-left: 2pt solid {colors.rule}; color: {colors.muted}; }}
code, pre {{ font-family: {fonts['mono']}; font-size: {_em(code.size_em)}; }}
pre code {{ font-size: 1em; }}  /* the block's size once, not times itself */
pre {{ background: {colors.code_background}; padding: {_padding(code.padding_em)}; margin: {_em(code.space_em)} 0;
  line-height: {code.line_height:g}; white-space: pre-wrap; overflow-wrap: anywhere; text-align: start; }}
hr {{ border: none; border-top: 0.5pt solid {colors.rule}; margin: {_em(theme.divider.space_em)} 0; }}
ul, ol {{ margin: {_em(lists.space_before_em)} 0 {_em(lists.space_after_em)}; padding-left: {_em(lists.indent_em)}; }}
ul.task-list {{ list-style: none; }}
mark {{ background: {colors.highlight}; color: inherit; }}
li {{ margin: {_em(lists.item_spacing_em)} 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; margin: {_em(table.space_em)} 0;
  font-size: {_em(table.size_em)}; line-height: {table.line_height:g}; }}
caption {{ font-size: {table_caption_size}; color: {colors.muted}; caption-side: top; margin-bottom: 0.4em;
  text-align: center; }}
th, td {{ border-bottom: 0.5pt solid {colors.rule}; padding: {_padding(table.cell_padding_em)}; text-align: start;
  vertical-align: top; }}
thead th {{ border-bottom: 1pt solid {colors.text}; font-family: {fonts['headings']}; }}
.notice {{ background: {colors.notice_background}; color: {colors.muted}; font-size: {_em(notice.size_em)};
  padding: {_padding(notice.padding_em)}; margin: {_em(notice.space_before_em)} 0 0;
  border-left: 2pt solid {colors.accent}; }}
.notice p {{ margin: 0; text-indent: 0; }}
/* The editor's note (编者按) opens the body: the notice's space is set under it instead. */
.article-body > .notice-editor-note:first-child {{ margin: 0 0 {_em(notice.space_before_em)}; }}
/* Right-to-left text (`dir="rtl"`: Arabic, Hebrew, ...): the indents and rules on the other side. */
[dir="rtl"] blockquote {{ padding: 0 {_em(theme.quote.indent_em)} 0 0; border-left: none;
  border-right: 2pt solid {colors.rule}; }}
[dir="rtl"] ul, [dir="rtl"] ol {{ padding-left: 0; padding-right: {_em(lists.indent_em)}; }}
[dir="rtl"] .notice {{ border-left: none; border-right: 2pt solid {colors.accent}; }}
.footnotes {{ font-size: {_em(theme.notes.size_em)}; line-height: {theme.notes.line_height:g}; color: {colors.muted};
  margin-top: 2em; }}
.footnotes p {{ text-indent: 0; margin: 0; }}
.noteref {{ font-size: 0.75em; vertical-align: super; line-height: 0; }}
""" + script_font_rules(theme)


def cjk_css(theme: Theme) -> str:
    """The Chinese typesetting the shared markup marks up (`writers/cjk.py`): a mark set half width
    with the font's `halt` (`pc`), the gap where Han meets Latin script (`sg-*`), groups no line
    breaks inside (`nobr`), and a headline's clauses held on one line each (`clause`: the PDF marks
    them up only when each fits its line; a browser sets them as inline blocks, `reader_css`)."""
    gap = theme.text.script_gap_em
    return f""".pc {{ font-feature-settings: "halt" 1; }}
.sg-l {{ margin-left: {gap:g}em; }}
.sg-r {{ margin-right: {gap:g}em; }}
.sg-lr {{ margin-left: {gap:g}em; margin-right: {gap:g}em; }}
.nobr, .clause {{ white-space: nowrap; }}
"""


def _logical_padding(vertical_horizontal: list[float]) -> str:
    """A `_padding` pair as logical properties: its first value across the lines, its second along them."""
    across, along = vertical_horizontal
    return f"padding-block: {across:g}em; padding-inline: {along:g}em;"


def vertical_css(theme: Theme) -> str:
    """The vertical edition (`--edition vertical`), after `article_css` and `reader_css`: the text in
    columns from top to bottom, read from right to left (`vertical-rl`, with the prefixed names older
    reading systems know); Han characters and full-width marks upright, the fonts' vertical forms
    (`vert`) applied by the browser; Latin words sideways (`mixed`); a short number upright in one cell
    (`tcy`, see `writers/cjk.py`). A compressed mark (`pc`) is halved along the column with the font's
    `vhal`: `halt` is a horizontal feature, which in a column shifts the mark sideways by up to half an
    em and leaves its advance whole. Every box rule of `article_css` is restated with logical properties
    from the same tokens, so what lies below a block in horizontal text lies to its left here. Tables
    stay horizontal (rows of figures are read across), each a block of its own (its left and right
    margins are its parent's block ends) as wide as its columns need: the horizontal rule's `width:
    100%` is, across columns, the whole page, which pushed the text after a small table a page on and
    split the table between pages."""
    text, headings, colors = theme.text, theme.headings, theme.colors
    code, table, notice, lists = theme.code, theme.table, theme.notice, theme.lists
    gap = text.script_gap_em
    return f"""
html {{ -epub-writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; writing-mode: vertical-rl;
  -webkit-text-orientation: mixed; text-orientation: mixed; }}
.pc {{ font-feature-settings: "vhal" 1; }}
table .pc {{ font-feature-settings: "halt" 1; }}
.tcy {{ -epub-text-combine: horizontal; -webkit-text-combine: horizontal; text-combine-upright: all; }}
/* A note's number is upright in one cell as a short number is, beside the column (it lay on its side);
   the note's way back (↩) is upright too. */
.noteref {{ -epub-text-combine: horizontal; -webkit-text-combine: horizontal; text-combine-upright: all; }}
.footnote-back {{ -epub-text-orientation: upright; -webkit-text-orientation: upright; text-orientation: upright; }}
/* A link's underline runs on the right of the column, where Chinese and Japanese set side lines (傍线). */
a {{ -webkit-text-underline-position: right; text-underline-position: right; }}
.sg-l, .sg-r, .sg-lr {{ margin-left: 0; margin-right: 0; }}
.sg-l {{ margin-inline-start: {gap:g}em; }}
.sg-r {{ margin-inline-end: {gap:g}em; }}
.sg-lr {{ margin-inline: {gap:g}em; }}
.article-header {{ margin: 0; margin-block-end: {_em(theme.byline.space_after_em)}; }}
h1.title {{ margin: 0; margin-block-end: {_em(headings.title_space_after_em)}; }}
.article-header .subtitle {{ margin: 0; margin-block-end: {_em(theme.subtitle.space_after_em)}; }}
.article-header .kicker {{ margin: 0; margin-block-end: {_em(theme.kicker.space_after_em)}; }}
.article-header .byline {{ padding: 0; padding-block-end: {_em(theme.byline.rule_gap_em)}; border: none;
  border-block-end: 0.5pt solid {colors.rule}; }}
.article-body h2, .article-body h3, .article-body h4, .article-body h5, .article-body h6 {{
  margin-block: {headings.space_before_em:g}em {headings.space_after_em:g}em; margin-inline: 0; }}
p {{ margin-block: 0 {text.latin_paragraph_spacing_em:g}em; margin-inline: 0; }}
article:lang(zh) p, article:lang(ja) p {{ margin-block: 0 {text.paragraph_spacing_em:g}em; margin-inline: 0; }}
figure {{ margin-block: {_em(theme.figure.space_em)}; margin-inline: 0; }}
figure img {{ max-width: {theme.figure.max_height_vh:g}vw; max-height: 100vh; }}
figcaption {{ margin: 0; margin-block-start: {_em(theme.caption.space_before_em)}; }}
.credit-line {{ margin: 0; margin-block-start: 0.3em; }}
blockquote {{ margin-block: {_em(theme.quote.space_em)}; margin-inline: 0; padding: 0;
  padding-inline-start: {_em(theme.quote.indent_em)}; border: none; border-inline-start: 2pt solid {colors.rule}; }}
pre {{ margin-block: {_em(code.space_em)}; margin-inline: 0; {_logical_padding(code.padding_em)} }}
hr {{ border: none; border-block-start: 0.5pt solid {colors.rule}; margin-block: {_em(theme.divider.space_em)};
  margin-inline: 0; }}
ul, ol {{ margin-block: {_em(lists.space_before_em)} {_em(lists.space_after_em)}; margin-inline: 0; padding: 0;
  padding-inline-start: {_em(lists.indent_em)}; }}
li {{ margin-block: {_em(lists.item_spacing_em)}; margin-inline: 0; }}
table {{ -epub-writing-mode: horizontal-tb; -webkit-writing-mode: horizontal-tb; writing-mode: horizontal-tb;
  margin: 0 {_em(table.space_em)}; width: auto; max-width: 100%; table-layout: auto; break-inside: avoid; }}
.notice {{ margin: 0; margin-block-start: {_em(notice.space_before_em)}; {_logical_padding(notice.padding_em)}
  border: none; border-inline-start: 2pt solid {colors.accent}; }}
.article-body > .notice-editor-note:first-child {{ margin: 0; margin-block-end: {_em(notice.space_before_em)}; }}
.footnotes {{ margin: 0; margin-block-start: 2em; }}
"""


def reader_css(theme: Theme) -> str:
    """What a browser or reading system lays out itself (not WeasyPrint): strict line breaking, and no
    spacing of its own on top of the markup's. A reader that trims punctuation (`text-spacing-trim`,
    CSS Text 4) trims a closing mark at a line's end as the PDF does; the marks the markup already
    halves it leaves alone, and it adds no Han/Latin gap of its own (`text-autospace`: the markup's
    gap is the theme's, the same in every edition). A headline of several lines is balanced, as the
    PDF's is (`writers/pdf/balance.py`). An opening mark starting a line keeps its blank (`normal`)
    or loses it (`trim-start`) as `[cjk] line_start_opening` says, in headings as
    `heading_line_start_opening` says (the markup halves a block's first one for readers without
    `text-spacing-trim`). A headline's clause (`clause`, `writers/cjk.py`) is an inline block: the line
    breaks between clauses first, and inside one only where it is wider than the line.
    """
    cjk = theme.cjk

    def trim(opening: str) -> str:
        return ("trim-start" if opening == "half" else "normal") if cjk.compress_punctuation else "space-all"

    chinese = ("article:lang(zh)", ".titlepage:lang(zh)", "article:lang(ja)", ".titlepage:lang(ja)")
    headings = ", ".join(f"{scope} {tag}" for scope in chinese for tag in ("h1", "h2", "h3", "h4", "h5", "h6"))
    return f"""{", ".join(chinese)} {{ line-break: strict; text-autospace: no-autospace;
  text-spacing-trim: {trim(cjk.line_start_opening)}; }}
{headings} {{ text-spacing-trim: {trim(cjk.heading_line_start_opening)}; }}
h1.title {{ text-wrap: balance; }}
h1 .clause {{ display: inline-block; white-space: normal; max-width: 100%; }}
""" + gap_space_css(theme)


def gap_space_css(theme: Theme) -> str:
    """The Han/Latin gap a browser is given as a space generated in an empty span (`sg`, `writers/cjk.py`;
    generated, it is not in the text a reader copies or searches), which it may break a line after and
    hangs at the line's end: widened or narrowed by `word-spacing` from the space of
    the face that sets it (the first installed CJK family of the body's or the headings' stack: a
    Chinese article's stacks start with it) to the theme's gap. Where a reader lacks the face, the gap
    is that reader's space."""
    gap = theme.text.script_gap_em

    def spacing(role: Literal["body", "headings"], bold: bool) -> str:
        face = stack_font(theme.script_stack(role, True), bold) or stack_font(theme.script_stack(role, True))
        width = space_width_em(face) if face else None
        return f"{gap - width:.3g}em" if width is not None else "normal"

    headings = ", ".join(["h1 .sg", *(f"h{level} .sg" for level in range(2, 7)), ".subtitle .sg", ".kicker .sg", "thead th .sg",
                          ".figure-label .sg", ".table-label .sg"])
    return (".sg::before { content: \" \"; }\n"
            f".sg {{ word-spacing: {spacing('body', False)}; }}\n"
            f"{headings} {{ word-spacing: {spacing('headings', theme.headings.weight >= 600)}; }}\n")


def credit_css(theme: Theme, relative_to: float | None = None) -> str:
    """The credit line under a picture (`<div class="credit-line"><span class="credit">`); its size in
    em of `relative_to` (the body size, in points) in a reflowable edition."""
    credit = theme.credit
    size = f"{credit.size_pt / relative_to:.4g}em" if relative_to else f"{credit.size_pt:g}pt"
    slant = "\nhtml:not(:lang(zh)) .credit { font-style: italic; }" if credit.italic else ""
    return (f".credit-line {{ text-align: {credit.align}; text-indent: 0; margin: 0.3em 0 0; line-height: 1.3; }}\n"
            f".credit {{ font-size: {size}; color: {theme.credit_color()}; font-style: normal; }}"
            + slant)


def screen_css(theme: Theme) -> str:
    """The stand-alone HTML edition: the article rules plus a readable column on screen."""
    return article_css(theme) + reader_css(theme) + """
body { max-width: 42em; margin: 2em auto; padding: 0 1em; background: #fff; }
"""
