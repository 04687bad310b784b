"""What the validators' verdicts rest on, read back independently: the PDF's structure tree with pypdf
(not the pikepdf reader `convert --check` uses), the DOCX's pictures and language, and the numbered
table captions of every edition."""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from convert import model as m
from convert.builder import load
from convert.errors import collect_warnings
from convert.theme import load_theme
from convert.writers.base import figure_alternative

from conftest import SAMPLES, convert_bytes

THEME = load_theme()
ENGLISH = next(p for p in SAMPLES if p.parent.name == "en-budget-report")
CHINESE = next(p for p in SAMPLES if p.parent.name == "zh-news-harbor")


@lru_cache(maxsize=None)
def pdf_of(path: Path, **options: object) -> bytes:
    return convert_bytes(path, "pdf", offline=True, **options)


class Tree:
    """The structure tree as pypdf reads it: elements in reading order with their page and MCIDs."""

    def __init__(self, data: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(data))
        self.root = self.reader.trailer["/Root"]
        self.pages = {page.indirect_reference.idnum: number for number, page in enumerate(self.reader.pages)}
        self.elements: list[tuple[DictionaryObject, list[str]]] = []  # (element, roles of its ancestors)
        self.reached: dict[int, set[int]] = {}
        self._walk(self.root["/StructTreeRoot"].get_object()["/K"], [], None)

    def _walk(self, node: object, ancestors: list[str], page: int | None) -> None:
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                self._walk(kid, ancestors, page)
        elif isinstance(node, int):
            self.reached.setdefault(page, set()).add(int(node))  # type: ignore[arg-type]
        elif isinstance(node, DictionaryObject):
            if node.get("/Type") in ("/MCR", "/OBJR"):
                return
            if "/Pg" in node:
                page = self.pages[node.raw_get("/Pg").idnum]
            self.elements.append((node, ancestors))
            if "/K" in node:
                self._walk(node["/K"], [*ancestors, str(node["/S"])], page)

    def roles(self, role: str) -> list[DictionaryObject]:
        return [element for element, _ in self.elements if element["/S"] == role]

    def within(self, role: str, ancestor: str) -> list[DictionaryObject]:
        return [element for element, ancestors in self.elements if element["/S"] == role and ancestor in ancestors]


@pytest.fixture(scope="module")
def english() -> Tree:
    return Tree(pdf_of(ENGLISH))


def test_catalog_language_title_and_pdfua_identifier(english: Tree) -> None:
    root = english.root
    assert root["/Lang"] == "en" and Tree(pdf_of(CHINESE)).root["/Lang"] == "zh-CN"
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)
    assert english.reader.metadata.title.startswith("Riverton’s $1.2 Billion Budget")


def test_headings_lists_and_tables(english: Tree) -> None:
    _, document = load(ENGLISH)
    assert len(english.roles("/H1")) == 1  # the title
    headings = [b for b in document.body if isinstance(b, m.Heading)]
    assert len(english.roles("/H2")) == sum(1 for h in headings if h.level == 2)
    items = english.within("/LI", "/L")
    kids = [{str(k.get_object()["/S"]) for k in li.get("/K", []) if isinstance(k.get_object(), DictionaryObject)}
            for li in items]
    assert items and all(roles <= {"/Lbl", "/LBody"} for roles in kids), kids  # a label and a body, nothing loose
    assert sum("/LBody" in roles for roles in kids) >= len(items) - 1
    headers = english.within("/TH", "/Table")
    table = next(b for b in document.body if isinstance(b, m.Table))
    assert len(headers) == len(table.header[0])
    assert {str(th["/A"]["/Scope"]) for th in headers} == {"/Column"}
    cells = english.within("/TD", "/Table")
    assert cells and all(td["/A"]["/Headers"] for td in cells)
    assert english.within("/Caption", "/Table")


def test_figures_carry_their_text_alternative() -> None:
    for path in (ENGLISH, CHINESE):
        _, document = load(path)
        expected = [figure_alternative(f, THEME, document.meta.lang) for f in document.figures]
        assert [str(f["/Alt"]) for f in Tree(pdf_of(path)).roles("/Figure")] == expected


def test_links_are_described_by_their_text_and_destination(english: Tree) -> None:
    links = [a.get_object() for page in english.reader.pages for a in page.get("/Annots", [])
             if a.get_object()["/Subtype"] == "/Link"]
    assert links
    for link in links:
        assert str(link["/Contents"]).strip() and "/StructParent" in link
    assert any(str(link["/Contents"]) == "open budget portal (https://example.com/riverton/budget/fy2025)"
               for link in links)
    assert len(english.roles("/Link")) >= len(links)


def test_running_heads_and_page_numbers_are_artifacts_and_nothing_else_is_untagged(english: Tree) -> None:
    for number, page in enumerate(english.reader.pages):
        content = page.get_contents().get_data()
        assert len(re.findall(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", content)) >= (1 if number == 0 else 2)
        opened = {int(n) for n in re.findall(rb"/MCID (\d+)", content)}
        assert opened <= english.reached.get(number, set()), f"page {number + 1}: untagged content"
    assert "Page 2 of 4" not in "".join(page.extract_text() for page in english.reader.pages[:1])


def test_a_picture_without_words_is_described_by_its_label_and_an_inline_one_is_decorative(tmp_path: Path) -> None:
    Image.new("RGB", (300, 200), "#3a7").save(tmp_path / "photo.png")
    Image.new("RGB", (12, 12), "#a37").save(tmp_path / "dot.png")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Pictures\nlang: en\n---\n\n![A green block](photo.png)\n\n![](photo.png)\n\n"
                       "A dot ![](dot.png) in the text.\n", encoding="utf-8")
    with collect_warnings() as warnings:
        tree = Tree(convert_bytes(article, "pdf"))
    assert [str(f["/Alt"]) for f in tree.roles("/Figure")] == ["A green block", "Figure 2"]
    assert not [w for w in warnings if "alt" in w.lower()], warnings
    docx = convert_bytes(article, "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    described = body.findall(".//{*}docPr")
    decorative = [d for d in described if d.find(".//{http://schemas.microsoft.com/office/drawing/2017/decorative}"
                                                  "decorative") is not None]
    assert len(described) == 3 and len(decorative) == 1 and decorative[0].get("descr") == ""
    assert [d.get("descr") for d in described if d not in decorative] == ["A green block", "Figure 2"]
    language = styles.find(".//{*}docDefaults//{*}lang")
    assert language.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "en"
    assert language.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "zh-CN"


def test_tagging_problems_warn_and_leave_weasyprints_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.writers.pdf import tagging

    def unexpected(self: object) -> None:
        raise tagging.TaggingProblem("a structure this version does not know")

    monkeypatch.setattr(tagging._Finisher, "run", unexpected)
    with collect_warnings() as warnings:
        data = convert_bytes(CHINESE, "pdf", offline=True)
    assert any("left as WeasyPrint made it" in w for w in warnings), warnings
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(data)).trailer["/Root"]


def test_tables_are_numbered_in_every_edition() -> None:
    _, document = load(ENGLISH)
    tables = [b for b in m.walk_blocks(document.blocks) if isinstance(b, m.Table)]
    assert [(t.number, t.id) for t in tables] == [(1, "tbl-1")]
    label = THEME.figure_label(1, m.plain_text(tables[0].caption), "en", "table")
    assert label.startswith("Table 1. Riverton general fund")
    label = " ".join(label.split())
    html = etree.HTML(convert_bytes(ENGLISH, "html", offline=True))
    assert " ".join("".join(html.find(".//caption").itertext()).split()) == label
    with zipfile.ZipFile(io.BytesIO(convert_bytes(ENGLISH, "epub", offline=True))) as archive:
        text = etree.fromstring(archive.read("EPUB/text.xhtml"))
    caption = text.find(".//{http://www.w3.org/1999/xhtml}table/{http://www.w3.org/1999/xhtml}caption")
    assert " ".join("".join(caption.itertext()).split()) == label
    pdf_text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_of(ENGLISH))).pages).split())
    assert "Table 1. Riverton general fund" in pdf_text
    _, chinese = load(next(p for p in SAMPLES if p.parent.name == "mixed-dev-notes"))
    table = next(b for b in m.walk_blocks(chinese.blocks) if isinstance(b, m.Table))
    assert THEME.figure_label(table.number, m.plain_text(table.caption), chinese.meta.lang, "table").startswith("表 1　")
