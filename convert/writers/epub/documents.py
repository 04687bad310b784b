"""The XHTML content documents of the EPUB: cover page, the article (its title block at the top), and
navigation.

Every document is built here as a complete XHTML file and parsed with a strict XML parser before it
is packaged, so bad markup is an error instead of ebooklib's silently empty chapter, and `<head>`
(stylesheet link, title) is ours instead of being rebuilt by ebooklib.
"""
from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from lxml import etree

from ... import model as m
from ...theme import Theme
from ...theme.css import article_css, font_stacks, reader_css, vertical_css
from ...wording import labels
from ..html import lang_attributes

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
NS = {"x": XHTML_NS, "epub": EPUB_NS}
STYLESHEET = "style.css"
COVER_IMAGE = "cover.png"
COVER_PAGE, TEXT_PAGE, NAV_PAGE = "cover.xhtml", "text.xhtml", "nav.xhtml"
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class XhtmlError(ValueError):
    """A content document that is not well-formed XHTML or has no content."""


@dataclass
class TocEntry:
    """One line of the table of contents: a title, where it points, the entries under it, and the
    language of its article when it is not the page's (an issue's article in another language)."""

    title: str
    href: str
    children: list[TocEntry] = field(default_factory=list)
    lang: str = ""


# ---------------------------------------------------------------- documents


def page(title: str, lang: str, body: str, *, body_attrs: str = "", html_attrs: str = "",
         stylesheet: str = STYLESHEET) -> str:
    """A complete XHTML5 content document with the epub namespace and a linked stylesheet."""
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}"{lang_attributes(lang)}{html_attrs}>\n'
            f'<head>\n<meta charset="utf-8" />\n<title>{escape(title)}</title>\n'
            f'<link rel="stylesheet" type="text/css" href="{stylesheet}" />\n</head>\n'
            f"<body{body_attrs}>\n{body}\n</body>\n</html>\n")


def parse(text: str, name: str) -> etree._ElementTree:
    """Parse a content document strictly; raise XhtmlError rather than package broken markup."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise XhtmlError(f"{name} is not well-formed XHTML: {exc}") from None
    body = root.find("x:body", NS)
    if body is None or not (len(body) or (body.text or "").strip()):
        raise XhtmlError(f"{name} has an empty body")
    return root.getroottree()


def serialize(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def cover_page(doc: m.Document, alt: str, size: tuple[int, int]) -> etree._ElementTree:
    """The cover image scaled to the screen whatever its shape: an SVG wrapper, as readers expect
    (an `<img>` cannot be limited to the screen's height in every reading system)."""
    lang = doc.meta.lang or "en"
    width, height = size
    body = (f'<div class="cover"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'version="1.1" width="100%" height="100%" viewBox="0 0 {width} {height}" '
            f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="{escape(alt)}">'
            f"<title>{escape(alt, quote=False)}</title>"
            f'<image width="{width}" height="{height}" xlink:href="{COVER_IMAGE}"/></svg></div>')
    return parse(page(labels(lang)["cover"], lang, body, html_attrs=' class="cover-page"',
                      body_attrs=' class="cover-page" epub:type="cover"'), COVER_PAGE)


def article_document(doc: m.Document, article: str, name: str = TEXT_PAGE) -> etree._ElementTree:
    """The article in one document, its title block (title, byline with date and source, and the
    standfirst when the article has one) at the top: a reader opening the book meets the headline and
    the text together, as in every other edition, not a page holding the headline alone."""
    lang = doc.meta.lang or "en"
    title = doc.meta.title
    text = parse(page(title, lang, article, body_attrs=' epub:type="bodymatter"'), name)
    header = text.find(".//x:header[@class='article-header']", NS)
    described = doc.meta.description and " ".join(doc.meta.description.split()) != " ".join(doc.meta.subtitle.split())
    if header is not None and described and not _repeats_the_lead(doc.meta.description, doc):  # (36Kr: dek = summary)
        standfirst = etree.SubElement(header, f"{{{XHTML_NS}}}p", {"class": "description"})
        standfirst.text = doc.meta.description
    fix_links(text)
    return text


def _repeats_the_lead(description: str, doc: m.Document) -> bool:
    """Whether `description` says again what the text opens with (a web page's summary is often its lead's
    first sentence, shortened): shown above the text, a reader would read it twice. Measured as the share of
    its pairs of neighbouring tokens (each letter outside ASCII, so each Han character; ASCII words and
    numbers) that the first paragraphs have too."""
    def pairs(text: str) -> set[tuple[str, str]]:
        words = re.findall(r"[^\W\d_a-zA-Z]|[a-z0-9]+", text.lower())
        return set(zip(words, words[1:]))

    summary = pairs(description)
    lead = pairs(" ".join(m.plain_text(b.content) for b in doc.body[:3] if isinstance(b, m.Paragraph)))
    return len(summary) >= 4 and len(summary & lead) >= 0.8 * len(summary)


def fix_links(tree: etree._ElementTree) -> None:
    """Keep only links a reading system can follow: absolute URLs and fragments that exist here.

    A relative link to a file outside the package (RSC-007) or to a missing fragment (RSC-012) is an
    EPUBCheck error; such links become plain text. Spaces in URLs are percent-encoded.
    """
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    for link in tree.iterfind(".//x:a[@href]", NS):
        href = link.get("href", "").strip()
        if href.startswith("#") and href[1:] in ids:
            continue
        if _URL_SCHEME.match(href) and not href.lower().startswith(("javascript:", "file:", "data:")):
            link.set("href", re.sub(r"[\s<>\"{}|\\^`]", lambda c: urllib.parse.quote(c.group()), href))
            continue
        del link.attrib["href"]
        for attribute in ("role", "title"):
            link.attrib.pop(attribute, None)


def toc_entries(doc: m.Document, href: str = TEXT_PAGE, *, nested: bool = False) -> list[TocEntry]:
    """The article's title (the top of the text, the document `href`), then its headings nested by
    level; never empty (an empty TOC is EPUBCheck's RSC-005). `nested`: the headings under the title
    (an edition of many articles), not beside it, and the title's line in the article's language."""
    entries = [TocEntry(m.collapse_spaces(doc.meta.title) or doc.meta.title, href,
                        lang=(doc.meta.lang or "en") if nested else "")]
    top = entries[0].children if nested else entries
    headings = [b for b in doc.body if isinstance(b, m.Heading) and b.id and m.plain_text(b.content).strip()]
    stack: list[tuple[int, list[TocEntry]]] = [(0, top)]
    for heading in headings:
        entry = TocEntry(" ".join(m.plain_text(heading.content).split()), f"{href}#{heading.id}")
        while len(stack) > 1 and stack[-1][0] >= heading.level:
            stack.pop()
        stack[-1][1].append(entry)
        stack.append((heading.level, entry.children))
    return entries


def nav_page(doc: m.Document, entries: list[TocEntry], text_href: str = TEXT_PAGE, title: str = "",
             typeset_line: Callable[[str, str], str] | None = None) -> etree._ElementTree:
    """nav.xhtml: the table of contents and the landmarks (cover, text); `text_href` is where the
    text begins, `title` what the contents is headed (its word for contents unless given).
    `typeset_line(markup, lang)`, where the contents is a page of the spine (an issue's), sets each
    line as the text of its language is set (the Han/Latin gap, compressed marks)."""
    lang = doc.meta.lang or "en"
    label = labels(lang)

    def items(level: list[TocEntry], around: str) -> str:
        rows = []
        for entry in level:
            own = entry.lang or around
            sub = f"\n<ol>\n{items(entry.children, own)}\n</ol>" if entry.children else ""
            tag = lang_attributes(entry.lang) if entry.lang and entry.lang != lang else ""
            link = f'<a href="{escape(entry.href)}">{escape(entry.title, quote=False)}</a>'
            rows.append(f"<li{tag}>{typeset_line(link, own) if typeset_line else link}{sub}</li>")
        return "\n".join(rows)

    body = (f'<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>{escape(title or label["contents"])}</h1>\n'
            f"<ol>\n{items(entries, lang)}\n</ol>\n</nav>\n"
            f'<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>{escape(label["landmarks"])}</h2>\n<ol>\n'
            f'<li><a epub:type="cover" href="{COVER_PAGE}">{escape(label["cover"])}</a></li>\n'
            f'<li><a epub:type="bodymatter" href="{text_href}">{escape(label["text"])}</a></li>\n'
            "</ol>\n</nav>")
    return parse(page(label["contents"], lang, body, body_attrs=' class="nav-page"'), NAV_PAGE)


def body_text(tree: etree._ElementTree) -> str:
    """The text a reader sees in a document's body (for checks and font subsetting)."""
    body = tree.find("x:body", NS)
    return "".join(body.itertext()) if body is not None else ""


# ---------------------------------------------------------------- style


def stylesheet(theme: Theme, font_faces: str = "", *, chinese: bool = True, lang: str = "",
               vertical: bool = False) -> str:
    """The theme's article rules in relative units at the e-reader size, plus the EPUB's own pages;
    nothing print-only. The numbers below lay out what only the EPUB has (cover, standfirst, contents),
    so they are not theme tokens: no other edition has a value to agree with."""
    colors, fonts = theme.colors, font_stacks(theme, chinese=chinese, lang=lang)
    # `left` is flush at the side lines start, the right for right-to-left text; Chinese and Japanese
    # lines are justified between characters and need no hyphenation.
    narrow = (f"@media (max-width: {theme.text.narrow_width_em:g}em) {{\n"
              f"  article:not(:lang(zh)):not(:lang(ja)) p {{ text-align: start; }}\n}}"
              if theme.text.justify and theme.text.narrow_latin_align == "left" else "")
    return font_faces + article_css(theme, size_pt=theme.ereader.size_pt, relative=True) + reader_css(theme) + f"""
.cover-page, .cover {{ height: 100%; margin: 0; padding: 0; }}
.cover {{ text-align: center; }}
.cover svg {{ display: block; width: 100%; height: 100%; }}
.article-header .description {{ margin: 1em 0 0; text-indent: 0; color: {colors.text}; font-style: normal;
  text-align: start; }}
/* Links are told from the text around them by more than colour (WCAG 1.4.1; Ace's link-in-text-block). */
.article-body a, .footnotes a, .byline a {{ text-decoration: underline; }}
/* Justified text only where lines can be hyphenated: reading systems hyphenate with the lang attribute
   every document carries; Latin text on a narrow screen is set as the theme asks. Han text justifies
   between characters and needs no hyphenation. */
article {{ -webkit-hyphens: auto; -epub-hyphens: auto; hyphens: auto; }}
{narrow}
.footnotes aside {{ margin: 0 0 0.4em; }}
.nav-page h1 {{ font-family: {fonts['headings']}; color: {colors.heading}; font-size: 1.4em; }}
.nav-page ol {{ list-style: none; padding-left: 1em; margin: 0.3em 0; }}
.nav-page li {{ margin: 0.3em 0; }}
""" + (_VERTICAL_PAGES + vertical_css(theme) if vertical else "")


# The EPUB's own boxes in vertical text (see `vertical_css`); the cover stays a picture on a horizontal page.
_VERTICAL_PAGES = """
.article-header .description { margin: 0; margin-block-start: 1em; }
.footnotes aside { margin: 0; margin-block-end: 0.4em; }
.nav-page ol { margin: 0; margin-block: 0.3em; padding: 0; padding-inline-start: 1em; }
.nav-page li { margin: 0; margin-block: 0.3em; }
html.cover-page { -epub-writing-mode: horizontal-tb; -webkit-writing-mode: horizontal-tb; writing-mode: horizontal-tb; }
"""
