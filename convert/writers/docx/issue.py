"""The editable edition of a collection: a masthead, a table of contents, then every article in a
section of its own.

- Each article's title is a Heading 1 (styled as a single article's Title), its sections Heading 2
  and below, so Word's navigation pane and its TOC field see articles, then sections.
- Each article's first figure and first table caption sets Word's `SEQ` count to its number (`\r n`):
  restarting per article or running through the issue (the theme's choice), Word counts as the
  other editions number, even where a Chinese article's `SEQ 图` meets an English one's `SEQ Figure`.
- The contents is a real `TOC \\o "1-2" \\h \\z \\u` field whose result is already written: one
  TOC 1 line per article and TOC 2 per section, each a link to the heading's bookmark, so it is not
  blank before Word updates fields. The page numbers in it are `PAGEREF` fields left empty: only
  Word's own layout knows them (the PDF edition's pages are another layout), and the document asks
  Word to update its fields when it opens (`w:updateFields`).
- A section break (new page, or continuous when the theme runs articles on) starts each article,
  and its header repeats the article's title from its second page on, as the PDF's running head.
"""
from __future__ import annotations

import io
from dataclasses import replace
from itertools import count

from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

from ... import model as m
from ...dates import edition_time, format_date
from ...errors import UsageError, about
from ...wording import labels
from ..base import IssueContext, options_of
from .language import ArticleLanguage
from .ooxml import Element, border, el, field_runs, size, spacing, text_runs, twips

_TOC_LEVELS = 2


def write_docx_issue(collection: m.Collection, ictx: IssueContext) -> bytes:
    from ..package import rezip
    from . import DocxOptions
    from .body import BodyWriter
    from .lists import Numbering
    from .notes import Footnotes
    from .page import new_document, set_core_properties, set_up_page
    from .styles import Tokens, apply_theme, define_styles, faces

    options = options_of(ictx, DocxOptions)
    if options.vertical:  # each article's sections would need turning, and its tables pages of their own
        raise UsageError("the vertical edition of a collection is EPUB only; make vertical DOCX editions one "
                         "article at a time")
    theme, meta = ictx.theme, collection.meta
    lang = meta.lang or "en"
    word = new_document()
    numbering = Numbering(word, theme, faces(theme.stack("body"), "roman", chinese=False).latin)
    tokens = apply_theme(word, theme, chinese=collection.is_chinese, lang=lang, numbering=numbering.style_ids)
    issue = m.Document(meta=meta)
    text_width = set_up_page(word, theme, options.page_size, issue)
    define_styles(word, issue_styles(tokens, numbering.style_ids, round(text_width / 635)))
    notes = Footnotes(word, tuple(note for doc in collection.articles for note in doc.footnotes))
    body = word.element.body
    end = body.find(qn("w:sectPr"))

    for element in masthead(collection):
        end.addprevious(element)
    writers = []
    bookmark_ids = count(1)
    new_page = theme.collection.article_start == "page"
    for index, (key, doc) in enumerate(zip(collection.keys, collection.articles)):
        ctx = ictx.article(index, collection)
        writer = BodyWriter(doc, ctx.gate, word, tokens, numbering, notes, text_width, title_style="Heading1",
                            heading_shift=1)
        writer.bookmark_ids = bookmark_ids  # one sequence of bookmark ids through the document
        writer.figures.reset_at_first = True
        section = word.add_section(WD_SECTION.NEW_PAGE if new_page or index == 0 else WD_SECTION.CONTINUOUS)
        with about(ctx.source_name or doc.meta.title):
            elements = writer.elements()
            if elements:
                writer.mark(elements[0], key)  # the TOC's link target and page reference
            end = body.find(qn("w:sectPr"))
            for element in elements:
                end.addprevious(element)
            before = len(notes.part.element) if notes.part is not None else 0
            writer.write_notes()
            written = list(notes.part.element)[before:] if notes.part is not None else []
        header = running_head(section, doc.meta.title)
        if (doc.meta.lang or "en") != lang:  # the article's own language and faces, not the issue's
            article = ArticleLanguage(word.styles.element, tokens,
                                      Tokens(theme, chinese=doc.is_chinese, lang=doc.meta.lang or "en"),
                                      doc.meta.lang or "en")
            article.apply([*elements, *written, header])
        writers.append(writer)

    toc, owners = contents_field(collection, writers, lang)
    for index, doc in enumerate(collection.articles):  # each article's lines in its own language
        if (doc.meta.lang or "en") != lang:
            article_lang = doc.meta.lang or "en"
            ArticleLanguage(word.styles.element, tokens, Tokens(theme, chinese=doc.is_chinese, lang=article_lang),
                            article_lang).apply(p for p, owner in zip(toc, owners) if owner == index)
    masthead_end = _masthead_end(body)
    for element in reversed(toc):
        masthead_end.addnext(element)
    for number, drawing in enumerate(body.iter("{*}docPr"), start=1):
        drawing.set("id", str(number))  # unique shape ids, in reading order
    _ask_to_update_fields(word)
    stamp = edition_time(meta, ictx.source_date_epoch)
    set_core_properties(word, replace(meta, authors=(collection.publication,) if collection.publication else ()),
                        stamp.replace(tzinfo=None))
    buffer = io.BytesIO()
    word.save(buffer)
    return rezip(buffer.getvalue(), stamp, first="[Content_Types].xml")


# ---------------------------------------------------------------- the masthead and the contents

_MASTHEAD_END = "IssueMastheadEnd"


def masthead(collection: m.Collection) -> list[Element]:
    """Publication, the issue's title, its date and article count; the contents follow on a new page."""
    meta, lang = collection.meta, collection.meta.lang or "en"
    out = []
    if collection.publication:
        out.append(el("w:p", el("w:pPr", el("w:pStyle", val="Masthead")), *text_runs(collection.publication)))
    out.append(el("w:p", el("w:pPr", el("w:pStyle", val="Title")), *text_runs(meta.title)))
    line = " · ".join(part for part in (format_date(meta.date, lang) if meta.date else "",
                                        labels(lang)["article_count"].format(n=len(collection.articles))) if part)
    out.append(el("w:p", el("w:pPr", el("w:pStyle", val="Byline")), *text_runs(line)))
    out.append(el("w:p", el("w:pPr", el("w:pStyle", val="TOCHeading"), el("w:pageBreakBefore")),
                  *text_runs(labels(lang)["contents"]), el("w:bookmarkStart", id=0, name=_MASTHEAD_END),
                  el("w:bookmarkEnd", id=0)))
    return out


def _masthead_end(body: Element) -> Element:
    """The contents' heading paragraph, after which the TOC field goes."""
    for start in body.iter(qn("w:bookmarkStart")):
        if start.get(qn("w:name")) == _MASTHEAD_END:
            paragraph = start.getparent()
            paragraph.remove(start.getnext())  # the bookmark only marked the place
            paragraph.remove(start)
            return paragraph
    raise AssertionError("the masthead has no contents heading")


def contents_field(collection: m.Collection, writers: list,  # type: ignore[type-arg]
                   lang: str) -> tuple[list[Element], list[int]]:
    """The TOC field: its instruction, and its result written out line by line (articles, sections);
    and for each line the index of the article it belongs to (-1 for none)."""
    lines: list[tuple[int, str, str, int]] = []  # (level, text, bookmark name, article)
    for index, (key, doc, writer) in enumerate(zip(collection.keys, collection.articles, writers)):
        lines.append((1, doc.meta.title, writer.bookmark(key), index))
        for block in doc.body:
            if isinstance(block, m.Heading) and block.level == 2 and block.id and block.id in writer.placed:
                lines.append((2, " ".join(m.plain_text(block.content).split()), writer.bookmark(block.id), index))
    paragraphs = []
    for level, text, name, _ in lines:
        link = el("w:hyperlink", *text_runs(text), el("w:r", el("w:tab")),
                  *field_runs(f"PAGEREF {name} \\h", ""), anchor=name, history=1)
        paragraphs.append(el("w:p", el("w:pPr", el("w:pStyle", val=f"TOC{level}")), link))
    if not paragraphs:
        paragraphs.append(el("w:p", el("w:pPr", el("w:pStyle", val="TOC1"))))
    begin, instruction, separate, *_, finish = field_runs(f'TOC \\o "1-{_TOC_LEVELS}" \\h \\z \\u', "")
    first, last = paragraphs[0], paragraphs[-1]
    position = first.index(first.find(qn("w:pPr"))) + 1
    for offset, run in enumerate((begin, instruction, separate)):
        first.insert(position + offset, run)
    last.append(finish)
    return paragraphs, [line[3] for line in lines] or [-1]


def issue_styles(tokens, numbering: dict[str, int], text_width_twips: int) -> list:  # type: ignore[no-untyped-def]
    """The issue's styles: Heading 1 looks like an article's Title (it is one), Heading n like the
    single article's Heading n-1; the masthead line, the contents heading and TOC 1-2 lines."""
    from .styles import StyleSpec, paragraph_styles

    specs = {spec.style_id: spec for spec in paragraph_styles(tokens, numbering)}
    theme, colors = tokens.theme, tokens.theme.colors

    def at_level(spec: StyleSpec, style_id: str, name: str, level: int) -> StyleSpec:
        ppr = tuple(e for e in spec.ppr if e is not None and e.tag != qn("w:outlineLvl"))
        return replace(spec, style_id=style_id, name=name, next_style="BodyText",
                       ppr=(*ppr, el("w:outlineLvl", val=level - 1)))

    out = [at_level(specs["Title"], "Heading1", "heading 1", 1)]
    out += [at_level(specs[f"Heading{level - 1}"], f"Heading{level}", f"heading {level}", level) for level in range(2, 7)]
    heading_size = theme.headings.scale[1] * tokens.size
    tab = el("w:tabs", el("w:tab", val="right", leader="dot", pos=text_width_twips))
    out += [
        StyleSpec("Masthead", "Masthead", next_style="Title",
                  ppr=(el("w:pBdr", border("top", color=colors.accent, eighths=16, space_pt=4),
                              border("bottom", color=colors.accent, eighths=16, space_pt=4)),
                       spacing(after=tokens.em(1.2)), el("w:jc", val="left")),
                  rpr=(tokens.headings.rfonts(), *tokens.bold, tokens.color(colors.accent), *size(heading_size))),
        StyleSpec("TOCHeading", "TOC Heading", next_style="TOC1",
                  ppr=(el("w:keepNext"), spacing(after=tokens.em(1.0))),
                  rpr=(tokens.headings.rfonts(), *tokens.bold, tokens.color(colors.heading), *size(heading_size))),
        StyleSpec("TOC1", "toc 1", next_style="TOC2", ppr=(tab, spacing(before=tokens.em(0.5)))),
        StyleSpec("TOC2", "toc 2", next_style="TOC1", ppr=(tab, el("w:ind", left=twips(tokens.em(1.5))))),
    ]
    return out


# ---------------------------------------------------------------- sections


def running_head(section, title: str) -> Element:  # type: ignore[no-untyped-def]
    """The section's own header: the article's title (its first page shows the title itself, and
    inherits the empty first-page header of the section before)."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    for run in list(paragraph._p.iter(qn("w:r"))):
        run.getparent().remove(run)
    paragraph._p.extend(text_runs(m.shorten(title, 120)))
    return paragraph._p


def _ask_to_update_fields(word) -> None:  # type: ignore[no-untyped-def]
    """`w:updateFields`: Word offers to update the fields on opening, filling in the page numbers."""
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    field = el("w:updateFields", val="true")
    for child in settings:
        if child.tag in _AFTER_UPDATE_FIELDS:
            child.addprevious(field)
            return
    settings.append(field)


# What CT_Settings puts after w:updateFields (schema order).
_AFTER_UPDATE_FIELDS = {qn(f"w:{name}") for name in (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")} | {
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
