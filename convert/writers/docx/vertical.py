"""The vertical edition in Word: a section whose text runs in columns from top to bottom, read right to
left (`w:textDirection w:val="tbRl"`, Word's 縦書き), on a landscape page as Word itself sets up a
vertical A4 or A5; short numbers stand upright in one cell (`w:eastAsianLayout w:vert`, Word's 縦中横).
Word and LibreOffice apply the fonts' vertical forms (`vert`) to the marks themselves."""
from __future__ import annotations

import copy

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.section import Section
from lxml import etree

from .ooxml import Element, el


def set_vertical(section: Section) -> None:
    """Turn the section's page to landscape and its text to vertical columns."""
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = max(width, height), min(width, height)
    section._sectPr.insert_element_before(el("w:textDirection", val="tbRl"),  # in schema order
                                          "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def horizontal_tables(body: Element) -> None:
    """Each table of the body, with what introduces it (its caption above it, and the headings right
    before that), on a page of its own in horizontal text (a section of its own): rows of figures are
    read across, and LibreOffice lays no table out in a vertical section (it draws a single rule where
    the table should be). Word keeps no paragraph with the next across a section break, so a heading
    left behind would end the vertical page before, alone."""
    final = body.find(qn("w:sectPr"))
    tables = list(body.iterchildren(qn("w:tbl")))
    if final is None or not tables:
        return
    for number, table in enumerate(tables):
        start = table
        while _introduces(start.getprevious(), caption=start is table):
            start = start.getprevious()
        start.addprevious(_section_end(final, "tbRl", first=number == 0))
        table.addnext(_section_end(final, "lrTb", first=False))
    for title_page in final.findall(qn("w:titlePg")):  # the first page of the article is in the first section
        final.remove(title_page)


def _introduces(element: Element | None, *, caption: bool) -> bool:
    """Whether `element` is a paragraph that introduces what follows it: a heading, or (right before
    the table) its caption. The article's first paragraph (its title) never moves."""
    if element is None or element.tag != qn("w:p") or element.getprevious() is None:
        return False
    style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    name = style.get(qn("w:val"), "") if style is not None else ""
    return name.startswith("Heading") or (caption and name == "Caption")


def _section_end(final: Element, direction: str, *, first: bool) -> Element:
    """An empty paragraph ending a section laid out as `final` in `direction`; a later section takes its
    headers and footers from the one before it, the first keeps them and its title page."""
    properties = copy.deepcopy(final)
    for child in list(properties):
        if not first and etree.QName(child).localname in ("headerReference", "footerReference", "titlePg"):
            properties.remove(child)
    for text_direction in properties.findall(qn("w:textDirection")):
        text_direction.set(qn("w:val"), direction)
    return el("w:p", el("w:pPr", properties))
