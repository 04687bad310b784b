"""The editable edition: Word's own styles shaped by the theme, SEQ-field captions, real notes, links and
tables, LibreOffice's reading of it, and byte-identical rebuilds."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from lxml import etree

from convert import model as m
from convert.builder import load
from convert.wording import byline, byline_text, labels
from convert.resources import Image, ResourceGate
from convert.scripts import han_script, unjoined
from convert.theme import PAGE_SIZES_MM, load_theme
from convert.writers.base import WriteContext
from convert.writers.docx import WRITER

from conftest import ARTICLES, article_id, convert_bytes

THEME = load_theme("default")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Edition:
    document: m.Document
    data: bytes
    pdf_text: str


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Edition]:
    """Every article's DOCX, and the text of the PDF LibreOffice makes of it, in ONE soffice run."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    assert soffice, "LibreOffice (soffice) is missing: `make setup` installs libreoffice-writer-nogui"
    assert pdftotext, "pdftotext is missing: `make setup` installs poppler-utils"
    folder = tmp_path_factory.mktemp("docx")
    built: dict[Path, tuple[m.Document, bytes, Path]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONVERT_CACHE_DIR", str(folder / "cache"))
        for article in ARTICLES:
            data = convert_bytes(article, "docx", offline=True)
            target = folder / f"{article_id(article)}.docx"
            target.write_bytes(data)
            built[article] = (load(article)[1], data, target)
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *(str(t) for _, _, t in built.values())],
                   check=True, capture_output=True, timeout=300)
    out = {}
    for article, (document, data, target) in built.items():
        pdf = target.with_suffix(".pdf")
        assert pdf.is_file(), f"LibreOffice made no PDF of {target.name}"
        # -raw: the text in the order LibreOffice drew it; pdftotext's reading order takes the em between a
        # headline's clauses (`動工　2031年`) for a gap between columns and moves the rest of the line below
        text = subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout
        out[article] = Edition(document, data, text.decode("utf-8"))
    return out


def word(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def squeeze(text: str) -> str:
    """Text compared without whitespace, hyphens or zero-width joiners (which only keep a number with its
    unit: `scripts.joined_numbers`), in NFKC (pdftotext joins `pass-` + `through` at a line break into
    `passthrough`; ligatures and widths differ)."""
    return re.sub(r"[\s\-\u00ad\u2010\u200d\u2060]+", "", unicodedata.normalize("NFKC", text))


def style_of(document: docx.document.Document, style_id: str) -> etree._Element:
    found = document.styles.element.find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, f"style {style_id} is missing"
    return found


def expected_texts(doc: m.Document) -> list[str]:
    """Every paragraph, heading, list item, cell, notice, note and numbered caption an editor must find."""
    lang = doc.meta.lang
    texts = [doc.meta.title, *(byline_text(part, lang) for part in byline(doc.meta))]
    for block in m.walk_blocks(doc.blocks):
        if isinstance(block, m.Figure):
            texts.append(THEME.figure_label(block.number, m.plain_text(block.caption), lang))
        elif isinstance(block, m.CodeBlock):
            texts.append(block.text)
        elif isinstance(block, (m.Paragraph, m.Heading, m.Notice, m.Table)):
            texts.append(m.plain_text(m.block_inlines(block)))
    return [t for t in texts if t.strip()]


# ---------------------------------------------------------------- Word's own styles


def test_styles_are_words_own_and_shaped_by_the_theme(article: Path, editions: dict[Path, Edition]) -> None:
    edition = editions[article]
    document = word(edition.data)
    names = {style.name for style in document.styles}
    for name in ("Normal", "Body Text", "Title", "Subtitle", "Heading 1", "Heading 6", "Caption", "Quote",
                 "List Bullet", "List Number", "Article Table", "Byline", "Notice", "footnote text"):
        assert name in names, name
    heading = style_of(document, "Heading1")
    assert heading.find(f"{W}rPr/{W}color").get(f"{W}val") == THEME.colors.heading.lstrip("#").upper()
    assert heading.find(f"{W}rPr/{W}sz").get(f"{W}val") == str(round(THEME.headings.scale[1] * THEME.text.size_pt * 2))
    assert heading.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    normal = style_of(document, "Normal")
    assert normal.find(f"{W}rPr/{W}sz").get(f"{W}val") == str(round(THEME.text.size_pt * 2))
    body_paragraphs = [p for p in document.paragraphs if p.style.name == "Body Text"]
    assert body_paragraphs, "body paragraphs use the Body Text style"
    indent = style_of(document, "BodyText").find(f"{W}pPr/{W}ind")
    if edition.document.is_chinese:  # the 2-character first-line indent of Chinese text
        assert indent.get(f"{W}firstLineChars") == str(round(THEME.text.indent_em * 100))
    else:
        assert indent.get(f"{W}firstLineChars") is None


def test_fonts_name_east_asian_faces_and_language(article: Path, editions: dict[Path, Edition]) -> None:
    document = word(editions[article].data)
    lang = editions[article].document.meta.lang
    traditional = han_script(lang) == "hant" and lang.startswith("zh")
    styles = document.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == ("zh-TW" if traditional else "zh-CN")
    for style_id, role in (("Normal", "body"), ("Heading1", "headings"), ("Title", "headings")):
        fonts = style_of(document, style_id).find(f"{W}rPr/{W}rFonts")
        # the theme's CJK face, e.g. Noto Serif CJK SC (TC for a Traditional-script article)
        assert fonts.get(f"{W}eastAsia") == THEME.stack(role, lang)[0]
        assert (" TC" in fonts.get(f"{W}eastAsia")) == traditional
        assert fonts.get(f"{W}ascii") in THEME.stack(role, lang)
        assert not [a for a in fonts.attrib if a.endswith("Theme")], "theme fonts would override the theme's faces"


# ---------------------------------------------------------------- figures and captions


# The labels of Word's own Insert Caption dialog: in Chinese Word 图 and 表, in English Word Figure and Table.
# Word's own caption labels (Insert Caption) in a Simplified, Traditional and English Word
WORD_CAPTION_LABELS = {"zh": {"figure": "图", "table": "表"}, "zh-Hant": {"figure": "圖", "table": "表"},
                       "en": {"figure": "Figure", "table": "Table"}}


def test_captions_are_seq_fields_named_as_words_own_labels(article: Path, editions: dict[Path, Edition]) -> None:
    """Figures and tables alike: `SEQ 图`/`SEQ 表` in a Chinese article (`SEQ Figure`/`SEQ Table` in an
    English one), the number cached, the text as the theme formats it."""
    edition = editions[article]
    document = word(edition.data)
    lang = edition.document.meta.lang
    captions = [p for p in document.paragraphs if p.style.name == "Caption" and p._p.xpath(".//w:instrText")]
    numbered = [(block, "table" if isinstance(block, m.Table) else "figure")
                for block in m.walk_blocks(edition.document.body)
                if isinstance(block, (m.Figure, m.Table)) and block.number is not None]
    assert len(captions) == len(numbered)
    expected_labels = WORD_CAPTION_LABELS[("zh-Hant" if han_script(lang) == "hant" else "zh")
                                          if lang.startswith("zh") else "en"]
    for paragraph, (block, kind) in zip(captions, numbered):
        instruction = "".join(paragraph._p.xpath(".//w:instrText/text()"))
        assert instruction.split() == ["SEQ", expected_labels[kind], "\\*", "ARABIC"]
        shown = unjoined(paragraph.text)  # without the joiners and gaps that keep numbers with units
        assert shown == THEME.figure_label(block.number, m.plain_text(block.caption), lang, kind)
        cached = paragraph._p.xpath(".//w:fldChar[@w:fldCharType='separate']/following::w:t[1]/text()")
        assert cached == [str(block.number)]


def test_every_table_has_a_numbered_caption_above_it(article: Path, editions: dict[Path, Edition]) -> None:
    edition = editions[article]
    tables = [b for b in m.walk_blocks(edition.document.body) if isinstance(b, m.Table)]
    body = word(edition.data).element.body
    for table, element in zip(tables, body.iterchildren("{*}tbl")):
        caption = element.getprevious()
        assert caption.xpath("string(.//w:pStyle/@w:val)") == "Caption"
        assert caption.xpath(".//w:keepNext"), "a table's caption stays on the table's page"
        assert "".join(caption.xpath(".//w:t/text()")).startswith(THEME.figure_label(table.number, "", edition.document.meta.lang, "table"))


def test_font_table_names_windows_and_mac_fallbacks(editions: dict[Path, Edition]) -> None:
    chinese = next(e for path, e in editions.items() if path.parent.name == "zh-news-harbor")
    fonts = {f.get(f"{W}name"): f for f in part_xml(chinese.data, "word/fontTable.xml").iterfind(f"{W}font")}
    song, hei = fonts["Noto Serif CJK SC"], fonts["Noto Sans CJK SC"]
    assert song.find(f"{W}altName").get(f"{W}val").split(",")[:2] == ["宋体", "SimSun"]
    assert "Songti SC" in song.find(f"{W}altName").get(f"{W}val")
    assert {"微软雅黑", "Microsoft YaHei", "黑体", "SimHei", "PingFang SC"} <= set(hei.find(f"{W}altName").get(f"{W}val").split(","))
    for face in (song, hei):
        assert face.find(f"{W}charset").get(f"{W}val") == "86"  # GB2312
        assert re.fullmatch(r"[0-9A-F]{20}", face.find(f"{W}panose1").get(f"{W}val"))
        assert face.find(f"{W}sig") is not None
    assert song.find(f"{W}family").get(f"{W}val") == "roman" and hei.find(f"{W}family").get(f"{W}val") == "swiss"
    english = next(e for path, e in editions.items() if path.parent.name == "en-budget-report")
    latin = {f.get(f"{W}name"): f for f in part_xml(english.data, "word/fontTable.xml").iterfind(f"{W}font")}
    assert "Times New Roman" in latin["Noto Serif"].find(f"{W}altName").get(f"{W}val")
    assert latin["Noto Serif"].find(f"{W}charset").get(f"{W}val") == "00"


def test_pictures_fit_the_page_and_carry_alt_text(tmp_path: Path) -> None:
    from PIL import Image as PILImage
    PILImage.new("RGB", (3000, 400), "#357").save(tmp_path / "wide.png")
    # tall, but no long picture (over 2.5 times as tall as wide: cut into pieces, test_unseen5)
    PILImage.new("RGB", (300, 700), "#753").save(tmp_path / "tall.png")
    article = tmp_path / "article.md"
    article.write_text("# T\n\n![A wide harbour view](wide.png)\n\n![](tall.png)\n\nText.\n", encoding="utf-8")
    data = convert_bytes(article, "docx")
    root = part_xml(data, "word/document.xml")
    extents = root.findall(".//{*}inline/{*}extent")
    described = [d.get("descr") for d in root.findall(".//{*}inline/{*}docPr")]
    # a picture without alt text or caption is described by its label, never left blank
    assert len(extents) == 2 and described == ["A wide harbour view", "Figure 2"]
    width_emu = Mm(PAGE_SIZES_MM[THEME.page.size][0] - THEME.page.margin_mm[1] - THEME.page.margin_mm[3])
    assert int(extents[0].get("cx")) == pytest.approx(width_emu, abs=1000)  # scaled to the text width
    assert int(extents[1].get("cy")) == pytest.approx(Mm(THEME.figure.max_height_mm), abs=1000)  # to the figure height
    ids = [d.get("id") for d in root.findall(".//{*}docPr")]
    assert len(set(ids)) == len(ids)


def test_placeholder_figures_keep_caption_and_address(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text("# 标题\n\n正文。\n\n![](missing.png)\n\n（图：找不到的图片）\n", encoding="utf-8")
    document = word(convert_bytes(article, "docx"))
    placeholder = [p for p in document.paragraphs if p.style.name == "Figure Placeholder"]
    assert len(placeholder) == 1
    assert labels("zh")["placeholder"] in placeholder[0].text and "missing.png" in placeholder[0].text
    assert [p.text for p in document.paragraphs if p.style.name == "Caption"] == ["图 1　找不到的图片"]


# ---------------------------------------------------------------- links, notes, lists, tables


def test_links_notes_lists_and_tables_are_real(article: Path, editions: dict[Path, Edition]) -> None:
    edition = editions[article]
    doc, data = edition.document, edition.data
    document = word(data)
    root = document.element
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    links = [node for b in m.walk_blocks(doc.body) for node in _inlines(m.block_inlines(b)) if isinstance(node, m.Link)]
    for link in links:
        if not link.url.startswith("#"):
            assert link.url in targets
    if doc.meta.source_url:
        assert doc.meta.source_url in targets  # the byline's source is a hyperlink
    assert len(root.findall(f".//{W}hyperlink")) >= len(links)

    references = root.findall(f".//{W}footnoteReference")
    assert len(references) == len(doc.footnotes)
    if doc.footnotes:
        notes = part_xml(data, "word/footnotes.xml").findall(f"{W}footnote")
        assert len([n for n in notes if n.get(f"{W}type") is None]) == len(doc.footnotes)
        content_types = part_xml(data, "[Content_Types].xml")
        assert any(o.get("PartName") == "/word/footnotes.xml" for o in content_types)
        body_text = "".join(p.text for p in document.paragraphs)
        for note in doc.footnotes:  # in the notes part, not inline in the text
            assert m.plain_text(m.block_inlines(note.content[0]))[:40] not in body_text

    lists = [b for b in m.walk_blocks(doc.body) if isinstance(b, m.ListBlock)]
    numbered = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}numPr") is not None]
    assert len(numbered) == sum(len(block.items) for block in lists)
    ordered_ids = {p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in numbered
                   if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val").startswith("ListNumber")}
    assert len(ordered_ids) == len([b for b in lists if b.ordered])  # each numbered list restarts
    if any(b for b in lists if any(isinstance(x, m.ListBlock) for item in b.items for x in item)):
        assert any(p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") != "0" for p in numbered)

    tables = [b for b in m.walk_blocks(doc.body) if isinstance(b, m.Table)]
    assert len(document.tables) == len(tables)
    for table, model_table in zip(document.tables, tables):
        assert table.style.name == "Article Table"
        header_rows = [tr for tr in table._tbl.tr_lst if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        assert len(header_rows) == len(model_table.header)


def _inlines(nodes: tuple[m.Inline, ...]):  # type: ignore[no-untyped-def]
    for node in nodes:
        yield node
        yield from _inlines(m.inline_children(node))


def test_spans_fill_words_grid(tmp_path: Path) -> None:
    article = tmp_path / "article.html"
    article.write_text("<h1>T</h1><table><thead><tr><th colspan='2'>ab</th><th>c</th></tr></thead>"
                       "<tbody><tr><td rowspan='2'>x</td><td>y</td><td>z</td></tr><tr><td>y2</td><td>z2</td></tr>"
                       "</tbody></table>", encoding="utf-8")
    table = word(convert_bytes(article, "docx")).tables[0]
    rows = table._tbl.tr_lst
    grid = [sum(int(tc.tcPr.find(f"{W}gridSpan").get(f"{W}val")) if tc.tcPr.find(f"{W}gridSpan") is not None else 1
                for tc in tr.tc_lst) for tr in rows]
    assert grid == [3, 3, 3]
    merges = [tc.tcPr.find(f"{W}vMerge") for tc in (rows[1].tc_lst[0], rows[2].tc_lst[0])]
    assert merges[0].get(f"{W}val") == "restart" and merges[1] is not None and merges[1].get(f"{W}val") is None


# ---------------------------------------------------------------- page and package


def test_page_footer_and_core_properties(article: Path, editions: dict[Path, Edition]) -> None:
    edition = editions[article]
    document = word(edition.data)
    section = document.sections[0]
    size = (section.page_width.mm, section.page_height.mm)
    assert size == pytest.approx(PAGE_SIZES_MM[THEME.page.size], abs=0.1)  # Word stores twips: 0.018 mm steps
    margins = (section.top_margin.mm, section.right_margin.mm, section.bottom_margin.mm, section.left_margin.mm)
    assert margins == pytest.approx(THEME.page.margin_mm, abs=0.1)
    assert "PAGE" in "".join(section.footer._element.xpath(".//w:instrText/text()")).split()
    meta, properties = edition.document.meta, document.core_properties
    assert properties.title == meta.title
    assert properties.language == meta.lang
    assert properties.author == ("; ".join(meta.authors) or meta.editor)
    assert properties.keywords == ", ".join(meta.keywords)
    if meta.date:
        assert properties.created.strftime("%Y-%m-%d") == meta.date[:10]
    assert properties.created == properties.modified


def test_page_size_option_overrides_the_theme(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text("# T\n\nText.\n", encoding="utf-8")
    section = word(convert_bytes(article, "docx", page_size="A5")).sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((148, 210), abs=0.1)


def test_two_builds_are_byte_identical(article: Path, editions: dict[Path, Edition]) -> None:
    again = convert_bytes(article, "docx", offline=True)
    assert again == editions[article].data
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert len({info.date_time for info in archive.infolist()}) == 1
        assert "docProps/thumbnail.jpeg" not in archive.namelist()


def test_without_a_date_the_source_date_epoch_dates_the_package(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "article.md"
    article.write_text("# T\n\nText.\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = convert_bytes(article, "docx")
    assert word(first).core_properties.created.strftime("%Y-%m-%d %H:%M") == "2023-11-14 22:13"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert convert_bytes(article, "docx") != first


@pytest.mark.parametrize("date", ["2208-05-01", "0001-01-01T00:00:00+08:00"])
def test_a_date_zip_cannot_hold_still_makes_a_document(tmp_path: Path, date: str) -> None:
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\ndate: {date}\nlang: en\n---\n\nText.\n", encoding="utf-8")
    data = convert_bytes(article, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time[0] for info in archive.infolist()} <= {1980, 2107}
    if date.startswith("2208"):
        assert word(data).core_properties.created.year == 2208  # the properties keep the article's date


def test_an_empty_list_is_skipped_not_fatal(tmp_path: Path) -> None:
    doc = m.Document(meta=m.Meta(title="T", lang="en"),
                     blocks=(m.Paragraph((m.Text("Before."),)), m.ListBlock(()), m.ListBlock(((),), ordered=True),
                             m.Paragraph((m.Text("After."),))))
    data = WRITER.write(doc, WriteContext(theme=THEME, gate=ResourceGate(tmp_path, offline=True)))
    texts = [p.text for p in word(data).paragraphs]
    assert texts[-3:] == ["Before.", "", "After."]  # the empty item of the numbered list is a paragraph


def test_running_header_and_page_size_as_in_the_pdf(tmp_path: Path) -> None:
    """The theme's `header = "site"` on an article without a source shows the title, as the PDF does; an
    unknown page size is an error, as in the PDF, not silently the theme's."""
    from convert.errors import UsageError
    from convert.writers.docx import DocxOptions
    from convert.writers.pdf import PdfOptions

    theme = replace(THEME, page=replace(THEME.page, header="site"))
    doc = m.Document(meta=m.Meta(title="A title", lang="en"),
                     blocks=(m.Paragraph((m.Text("Text."),)),))
    data = WRITER.write(doc, WriteContext(theme=theme, gate=ResourceGate(tmp_path, offline=True)))
    assert word(data).sections[0].header.paragraphs[0].text == "A title"
    for write in (lambda: DocxOptions(page_size="B5"), lambda: PdfOptions(page_size="B5"),
                  lambda: convert_bytes(tmp_path / "a.md", "docx", page_size="B5")):
        with pytest.raises(UsageError, match="unknown page size 'B5'"):
            write()


def test_control_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    bad = "A\x01B\x0bC\x0cD\x1fE\ufffe"
    doc = m.Document(
        meta=m.Meta(title=f"Title{bad}", authors=(f"Ann{bad}",), lang="en", keywords=(f"k{bad}",),
                    source_url="https://example.com/a\x01b", description=bad),
        blocks=(m.Heading(2, (m.Text(f"Head{bad}"),), id=f"h\x01{bad}"),
                m.Paragraph((m.Text(f"Para{bad}"), m.Link((m.Text(f"link{bad}"),), f"https://example.com/{bad}"),
                             m.Code(f"code{bad}"), m.NoteRef("n1", 1))),
                m.Figure(f"missing{bad}.png", caption=(m.Text(f"cap{bad}"),), alt=f"alt{bad}", number=1),
                m.CodeBlock(f"x = 1{bad}\n\ty"),
                m.Footnote("n1", 1, (m.Paragraph((m.Text(f"note{bad}"),)),))))
    ctx = WriteContext(theme=THEME, gate=ResourceGate(tmp_path, offline=True))
    data = WRITER.write(doc, ctx)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                text = archive.read(name).decode("utf-8")
                assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", text), name
                etree.fromstring(archive.read(name))
    document = word(data)
    assert document.core_properties.title == "TitleABCDE"
    assert any(p.text.startswith("ParaABCDE") for p in document.paragraphs)

    article = tmp_path / "control.md"
    article.write_text("# Ctrl\x01 title\n\nBody\x0b text\x01 here.\n", encoding="utf-8")
    assert "Body text here." in "".join(p.text for p in word(convert_bytes(article, "docx")).paragraphs)


# ---------------------------------------------------------------- LibreOffice reads it all


def test_libreoffice_pdf_holds_every_paragraph_and_caption(article: Path, editions: dict[Path, Edition]) -> None:
    edition = editions[article]
    # the text as read: the running head (the title) and the page number left out, which split a
    # paragraph that turns a page
    page_label = labels(edition.document.meta.lang)["page"].format(page="#", pages="#")
    furniture = (re.escape(squeeze(page_label)).replace("\\#", r"\d+")  # a page's foot, then the next one's head
                 + f"({re.escape(squeeze(edition.document.meta.title))})?")
    pdf_text = re.sub(furniture, "", squeeze(edition.pdf_text))
    missing = [text[:60] for text in expected_texts(edition.document) if squeeze(text) not in pdf_text]
    assert not missing, f"LibreOffice's PDF lacks: {missing}"
    for figure in edition.document.figures:
        if not isinstance(ResourceGate(article.parent, offline=True).image(figure.src), Image):
            assert squeeze(labels(edition.document.meta.lang)["placeholder"]) in pdf_text



def test_chinese_marks_shared_with_latin_are_hinted_east_asian_for_word(tmp_path: Path) -> None:
    """Word sets “” ‘’ —— …… · in the Latin face unless the run says they are East Asian (MS-OI29500
    §2.1.88); LibreOffice guesses, so only the markup can be checked. Marks in Latin text stay Latin."""
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n狂奔的“暗伤”曝露——马克·吐温说……他用“English words”测试。"
                    "Then in English: \"OK\", 3–5 items.\n", encoding="utf-8")
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(convert_bytes(path, "docx"))).read("word/document.xml"))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    hinted, plain = [], []
    for run in body.iterfind(".//w:body/w:p/w:r", ns):
        text = "".join(run.itertext())
        fonts = run.find("w:rPr/w:rFonts", ns)
        (hinted if fonts is not None and fonts.get(f"{{{ns['w']}}}hint") == "eastAsia" else plain).append(text)
    assert hinted == ["“", "”", "——", "·", "……", "“", "”"]
    latin = unjoined("".join(plain))  # a range is joined for Word and LibreOffice (`3–‍⁠5`)
    assert not any(mark in latin for mark in "—…·")
    assert ("“OK”" in latin or '"OK"' in latin) and "3–5" in latin  # English text keeps Latin marks
