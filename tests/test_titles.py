"""Titles that are never "Untitled": where the title comes from, and that every edition shows the same one."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree, html as lxml_html
from pypdf import PdfReader

import convert
from convert import model as m
from convert.enrich.titles import readable_file_name
from convert.errors import collect_warnings

from conftest import convert_bytes

CASES = {
    "raw-html-h1": ('<p align="center"><img src="logo.png" width="80"></p>\n'
                    '<h1 align="center">Harbor Opens Shore Power Berths</h1>\n\n'
                    "The port authority said on Monday that every berth now has shore power.\n",
                    "Harbor Opens Shore Power Berths"),
    "badge-line": ("[![build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example.org/x) "
                   "[![license](https://img.shields.io/badge/license-MIT-blue.svg)](https://example.org/l)\n\n"
                   "# Project Lighthouse\n\nA small tool.\n\n## Install\n\nRun it.\n",
                   "Project Lighthouse"),
    "setext": ("City Council Approves Budget\n============================\n\nThe council voted 7-2.\n\n"
               "Details\n-------\n\nMore text.\n", "City Council Approves Budget"),
    "first-heading-level-2": ("## 港口岸电全面覆盖\n\n本报讯，港口管理局周一表示，所有泊位均已接通岸电。\n\n### 背景\n\n更多内容。\n",
                              "港口岸电全面覆盖"),
    "short-first-line": ("Storm closes schools across the county\n\nSchools were closed on Friday as a storm "
                         "brought heavy snow. Officials said they would reopen on Monday.\n\nMore text.\n",
                         "Storm closes schools across the county"),
    "bold-first-line": ("**港口夜间作业全面电动化**\n\n东临港今天宣布，所有夜间作业设备已完成电动化改造。\n\n更多内容。\n",
                        "港口夜间作业全面电动化"),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def headings(doc: m.Document) -> list[str]:
    return [m.plain_text(b.content) for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Heading)]


@pytest.mark.parametrize("name", CASES)
def test_title_comes_from_the_article(tmp_path: Path, name: str) -> None:
    text, title = CASES[name]
    doc = convert.read(str(write(tmp_path, f"{name}.md", text)))
    assert doc.meta.title == title
    assert title not in headings(doc)  # shown as the title, not twice


def test_setext_and_level_2_headings_keep_their_order_below_the_title(tmp_path: Path) -> None:
    doc = convert.read(str(write(tmp_path, "a.md", CASES["first-heading-level-2"][0])))
    assert [(b.level, m.plain_text(b.content)) for b in doc.blocks if isinstance(b, m.Heading)] == [(2, "背景")]
    doc = convert.read(str(write(tmp_path, "b.md", CASES["setext"][0])))
    assert [(b.level, m.plain_text(b.content)) for b in doc.blocks if isinstance(b, m.Heading)] == [(2, "Details")]


def test_front_matter_title_never_deletes_a_different_h1(tmp_path: Path) -> None:
    doc = convert.read(str(write(tmp_path, "a.md", "---\ntitle: Front Matter Title\n---\n\n# A Different Heading\n\nBody.\n")))
    assert doc.meta.title == "Front Matter Title"
    assert headings(doc) == ["A Different Heading"]
    doc = convert.read(str(write(tmp_path, "b.md", "---\ntitle: Same Title\n---\n\n# Same title\n\nBody.\n")))
    assert doc.meta.title == "Same Title" and headings(doc) == []  # a repeat is not shown twice


def test_a_page_title_with_the_site_name_is_its_h1(tmp_path: Path) -> None:
    page = ("<html><head><title>Harbor opens new berths | Millbrook Courier</title></head><body>"
            "<h1>Harbor opens new berths</h1><p>The port said on Monday that the berths are open.</p></body></html>")
    doc = convert.read(str(write(tmp_path, "page.html", page)))
    assert doc.meta.title == "Harbor opens new berths" and headings(doc) == []
    doc = convert.read(str(write(tmp_path, "a.md", "---\ntitle: Harbor opens - a review\n---\n\n# Harbor opens\n\nBody.\n")))
    assert doc.meta.title == "Harbor opens - a review" and headings(doc) == ["Harbor opens"]  # front matter: whole


def test_sections_at_the_top_are_not_a_title(tmp_path: Path) -> None:
    """`## A … ## B`: the first heading is not alone at its level, so it stays a section heading."""
    path = write(tmp_path, "harbor-power_report.md",
                 "## First part\n\nThe port authority said on Monday that every berth now has shore power, "
                 "ending years of diesel generators at the quay.\n\n## Second part\n\nMore text.\n")
    with collect_warnings() as warnings:
        doc = convert.read(str(path))
    assert doc.meta.title == "Harbor power report"
    assert headings(doc) == ["First part", "Second part"]
    assert any("harbor-power_report.md" in w and "file name" in w for w in warnings)


def test_no_heading_and_no_headline_line_falls_back_to_the_file_name(tmp_path: Path) -> None:
    body = ("Schools in the county were closed on Friday as a storm brought heavy snow and strong winds to the "
            "region, officials said on Thursday evening.\n\nMore text follows.\n")
    assert convert.read(str(write(tmp_path, "storm_closes-schools.md", body))).meta.title == "Storm closes schools"
    folder = tmp_path / "2024-harbor-story"
    folder.mkdir()
    assert convert.read(str(write(folder, "article.md", body))).meta.title == "2024 harbor story"


@pytest.mark.parametrize("path, name", [
    ("news/my-first-story.md", "My first story"),
    ("news/HarborNews_2024.txt", "Harbor News 2024"),
    ("000_cd08d6f0891a854b.txt", "000"),
    ("zh-news-harbor/article.md", "Zh news harbor"),
    ("<string>.md", ""),
])
def test_file_names_made_readable(path: str, name: str) -> None:
    assert readable_file_name(Path(path)) == name


def test_an_article_md_given_from_inside_its_folder_is_named_after_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "harbor_night-shift"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert readable_file_name(Path("article.md")) == "Harbor night shift"


def test_a_sentence_or_label_is_not_a_headline(tmp_path: Path) -> None:
    for first in ("This is a sentence that ends like one.", "注意：", "(Photo: Reuters)"):
        doc = convert.read(str(write(tmp_path, "plain-note.md", f"{first}\n\nBody text.\n")))
        assert doc.meta.title == "Plain note", first
        assert first.strip("()") in m.visible_text(doc)


def test_long_title_is_shortened_once_and_the_body_keeps_it_whole(tmp_path: Path) -> None:
    long = "很长的标题" * 70  # 350 characters
    doc = convert.read(str(write(tmp_path, "a.md", f"# {long}\n\n正文第一段。\n")))
    assert len(doc.meta.title) == m.TITLE_MAX_CHARS and doc.meta.title.endswith("…")
    assert doc.meta.title == m.shorten(long)
    assert long in headings(doc)  # nothing lost
    words = "Headline " * 40
    assert m.shorten(words.strip(), 100).endswith("Headline…") and len(m.shorten(words, 100)) <= 100


# ---------------------------------------------------------------- every edition


def html_title(data: bytes) -> tuple[str, str]:
    tree = lxml_html.fromstring(data)
    return tree.findtext(".//title"), " ".join(tree.find_class("title")[0].text_content().split())


def epub_titles(data: bytes) -> tuple[str, str, str]:
    xhtml = "{http://www.w3.org/1999/xhtml}"
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        opf = etree.fromstring(book.read("EPUB/content.opf"))
        nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
        page = etree.fromstring(book.read("EPUB/text.xhtml"))  # the title block opens the text
    first_entry = next(nav.iter(f"{xhtml}a"))
    return (opf.findtext(".//{http://purl.org/dc/elements/1.1/}title"), "".join(first_entry.itertext()),
            "".join(next(page.iter(f"{xhtml}h1")).itertext()))


def docx_titles(data: bytes) -> tuple[str, str]:
    document = docx.Document(io.BytesIO(data))
    shown = [p.text for p in document.paragraphs if p.style is not None and p.style.style_id == "Title"]
    return document.core_properties.title, shown[0] if shown else ""


def pdf_titles(data: bytes) -> tuple[str, str, str]:
    reader = PdfReader(io.BytesIO(data))
    first_page = " ".join(reader.pages[0].extract_text().split())
    outline = reader.outline[0]
    return reader.metadata.title, first_page, outline.title


def squeeze(text: str) -> str:
    return "".join(text.split())


EDITION_CASES = ["raw-html-h1", "badge-line", "setext", "first-heading-level-2", "short-first-line"]


@pytest.mark.parametrize("name", EDITION_CASES + ["long", "file-name"])
def test_every_edition_shows_the_same_title(tmp_path: Path, name: str) -> None:
    if name == "long":
        text, title = "# " + "Harbor " * 60 + "\n\nBody text.\n", m.shorten("Harbor " * 60)
    elif name == "file-name":
        text, title = "Schools in the county were closed on Friday as a storm brought heavy snow.\n", "File name"
    else:
        text, title = CASES[name]
    path = write(tmp_path, f"{name}.md", text)
    assert len(title) <= m.TITLE_MAX_CHARS
    assert html_title(convert_bytes(path, "html", offline=True)) == (title, title)
    assert epub_titles(convert_bytes(path, "epub", offline=True)) == (title, title, title)
    assert docx_titles(convert_bytes(path, "docx", offline=True)) == (title, title)
    metadata, first_page, bookmark = pdf_titles(convert_bytes(path, "pdf", offline=True))
    assert metadata == title and bookmark == title
    assert squeeze(first_page).startswith(squeeze(title))


def test_the_first_line_of_a_plain_text_file_is_its_headline(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.txt", "Storm closes schools across the county\nSchools were closed on Friday.\n"
                                       "Officials said they would reopen on Monday.\n")
    doc = convert.read(str(path))
    assert doc.meta.title == "Storm closes schools across the county"
    assert "Schools were closed on Friday." in m.visible_text(doc)


def test_an_ideographic_space_between_a_headlines_clauses_is_kept(tmp_path: Path) -> None:
    """`三讀通過　「這是…」`: the em a Chinese headline sets between its clauses became an ASCII space (or
    nothing, before a bracket), and the clause break the headline writers hold it by was lost."""
    for heading in ("# 「國會改革」三讀通過　「這是民主的勝利」", "---\ntitle: 「國會改革」三讀通過　 「這是民主的勝利」\n---"):
        path = tmp_path / "a.md"
        path.write_text(heading + "\n\n立法院今日三讀通過國會改革法案，朝野立委在議場內外對峙。\n", encoding="utf-8")
        assert convert.read(str(path), offline=True).meta.title == "「國會改革」三讀通過\u3000「這是民主的勝利」"


def test_no_heading_is_more_than_one_level_below_the_one_before(tmp_path: Path) -> None:
    # `##` before the article's first `#` section opened the body at h3 (the `#`s shifted to h2), and a
    # `####` under a `#` skipped two levels: Ace's heading-order finding on every such EPUB
    text = "# 标题\n\n正文第一段。\n\n## 引子\n\n正文。\n\n# 第一部分\n\n正文。\n\n#### 细节\n\n正文。\n\n## 第二节\n\n正文。\n"
    doc = convert.read(str(write(tmp_path, "a.md", text)), offline=True)
    assert [(b.level, m.plain_text(b.content)) for b in doc.blocks if isinstance(b, m.Heading)] == \
        [(2, "引子"), (2, "第一部分"), (3, "细节"), (3, "第二节")]
