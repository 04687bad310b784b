"""Nothing lost: every heading of the input is a heading in every edition.

The Markdown cases follow the ATX and setext heading rules of the CommonMark spec (sections 4.2 and 4.3:
indentation, closing sequences, headings that interrupt a paragraph, setext headings over several lines,
underlines with trailing spaces), plus headings inside HTML blocks.
"""
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
from convert.errors import collect_warnings

from conftest import convert_bytes

# (markdown, the headings CommonMark finds in it, in order)
COMMONMARK = [
    ("# foo\n## foo\n### foo\n#### foo\n##### foo\n###### foo\n", ["foo"] * 6),
    ("#5 bolt\n\n#hashtag\n", []),
    ("\\## foo\n", []),
    ("# foo *bar* \\*baz\\*\n", ["foo bar *baz*"]),
    ("#                  foo                     \n", ["foo"]),
    (" ### foo\n  ## foo\n   # foo\n", ["foo", "foo", "foo"]),
    ("    # foo\n", []),
    ("foo\n    # bar\n", []),
    ("## foo ##\n  ###   bar    ###\n", ["foo", "bar"]),
    ("# foo ##################################\n##### foo ##\n", ["foo", "foo"]),
    ("### foo ### b\n", ["foo ### b"]),
    ("# foo#\n", ["foo#"]),
    ("****\n## foo\n****\n", ["foo"]),
    ("Foo bar\n# baz\nBar foo\n", ["baz"]),
    ("Foo *bar*\n=========\n\nFoo *bar*\n---------\n", ["Foo bar", "Foo bar"]),
    ("Foo *bar\nbaz*\n====\n", ["Foo bar baz"]),
    ("  Foo *bar\nbaz*\t\n====\n", ["Foo bar baz"]),
    ("Foo\n-------------------------\n\nFoo\n=\n", ["Foo", "Foo"]),
    ("   Foo\n---\n\n  Foo\n-----\n\n  Foo\n  ===\n", ["Foo", "Foo", "Foo"]),
    ("Foo\n   ----      \n", ["Foo"]),
    ("Foo  \n-----\n", ["Foo"]),
    ("Foo\\\n----\n", ["Foo\\"]),
    ("Foo\nBar\n---\n", ["Foo Bar"]),
    ("---\nFoo\n---\nBar\n---\nBaz\n", ["Foo", "Bar"]),
    ("Foo\n\nbar\n---\nbaz\n", ["bar"]),
    ("> foo\nbar\n===\n", []),
    ("- foo\n-----\n", []),
    ("# Heading\n    foo\nHeading\n------\n    foo\n----\n", ["Heading", "Heading"]),
    ("港口新闻\n====\n\n正文。\n\n## 第二节 ##\n", ["港口新闻", "第二节"]),
]

HTML_BLOCKS = [
    ("<div><h2>Inside a div</h2></div>\n\nText.\n", ["Inside a div"]),
    ("<div>\n\n## Markdown inside a div\n\n</div>\n\nText.\n", ["Markdown inside a div"]),
    ("<section>\n<h3 id=\"x\">Section heading</h3>\n<p>Para.</p>\n</section>\n\n## After\n", ["Section heading", "After"]),
    ("Intro.\n\n<div align=\"center\"><h1>Centred</h1><p>Tagline.</p></div>\n\n## Next\n", ["Centred", "Next"]),
]


def headings_of(doc: m.Document) -> list[str]:
    """The title (when it came from a heading) and the body headings, as plain text."""
    body = [m.plain_text(b.content) for b in m.walk_blocks(doc.blocks) if isinstance(b, m.Heading)]
    return [doc.meta.title, *body]


def read(tmp_path: Path, text: str, name: str = "case.md") -> m.Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with collect_warnings():
        return convert.read(str(path))


@pytest.mark.parametrize("text, expected", COMMONMARK + HTML_BLOCKS, ids=range(len(COMMONMARK + HTML_BLOCKS)))
def test_commonmark_headings_are_headings_in_the_model(tmp_path: Path, text: str, expected: list[str]) -> None:
    doc = read(tmp_path, text)
    body = [" ".join(h.split()) for h in headings_of(doc)[1:]]
    if body != expected:  # the first heading became the title
        assert [" ".join(doc.meta.title.split()), *body] == expected


# ---------------------------------------------------------------- every edition

EDGE_ARTICLE = """Harbor works
============

The port said on Monday that work goes on.
# Interrupting heading
More text right after it.

  ###   Indented closing ###

Setext over
two lines
---

<div><h2>Heading in a div</h2></div>

<section>

## Markdown in a section

</section>

Foo
   ----      

> ## Quoted heading

Last paragraph.
"""
EDGE_HEADINGS = ["Harbor works", "Interrupting heading", "Indented closing", "Setext over two lines",
                 "Heading in a div", "Markdown in a section", "Foo", "Quoted heading"]


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edge") / "edge.md"
    path.write_text(EDGE_ARTICLE, encoding="utf-8")
    return path


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_the_model_has_every_heading(edge: Path) -> None:
    assert [squeeze(h) for h in headings_of(convert.read(str(edge)))] == EDGE_HEADINGS


def test_html_has_every_heading(edge: Path) -> None:
    tree = lxml_html.fromstring(convert_bytes(edge, "html"))
    found = [squeeze(h.text_content()) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert found == EDGE_HEADINGS


def test_epub_has_every_heading(edge: Path) -> None:
    xhtml = "{http://www.w3.org/1999/xhtml}"
    found = []
    with zipfile.ZipFile(io.BytesIO(convert_bytes(edge, "epub"))) as book:
        for name in ("EPUB/text.xhtml",):  # the title block opens the text
            tree = etree.fromstring(book.read(name))
            found += [squeeze("".join(h.itertext())) for h in tree.iter(*(f"{xhtml}h{n}" for n in range(1, 7)))]
    assert found == EDGE_HEADINGS


def test_docx_has_every_heading_in_a_heading_style(edge: Path) -> None:
    document = docx.Document(io.BytesIO(convert_bytes(edge, "docx")))
    found = [(p.style.style_id, squeeze(p.text)) for p in document.paragraphs
             if p.style is not None and (p.style.style_id == "Title" or p.style.style_id.startswith("Heading"))]
    assert [text for _, text in found] == EDGE_HEADINGS
    assert found[0][0] == "Title" and all(style.startswith("Heading") for style, _ in found[1:])


def test_pdf_outline_has_every_heading(edge: Path) -> None:
    reader = PdfReader(io.BytesIO(convert_bytes(edge, "pdf")))

    def titles(items: list) -> list[str]:
        out: list[str] = []
        for item in items:
            out.extend(titles(item) if isinstance(item, list) else [squeeze(item.title)])
        return out

    assert titles(reader.outline) == EDGE_HEADINGS
