"""`<ruby>` (a reading set over its text: pinyin, zhuyin, furigana) is kept as ruby where the edition can set
it (EPUB, HTML, DOCX: Word's phonetic guide), and printed as the text with its reading in brackets where it
cannot (the PDF: WeasyPrint lays `<rt>` inline, `漢hàn`). It was the bracketed text in every edition."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

import convert
from convert import model as m
from convert.checks.typography import pdf_lines

PAGE = ("<html><head><meta charset='utf-8'><title>识字</title></head><body><h1>识字</h1>"
        "<p>这个字读作<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp>字<rp>(</rp><rt>zì</rt><rp>)</rp></ruby>，"
        "日本语写作<ruby><rb>東</rb><rb>京</rb><rt>とう</rt><rt>きょう</rt></ruby>。</p></body></html>")


def write(tmp_path: Path) -> Path:
    path = tmp_path / "ruby.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_ruby_is_read_as_ruby_and_shown_as_text_with_its_reading(tmp_path: Path) -> None:
    paragraph = next(b for b in convert.read(str(write(tmp_path)), offline=True).blocks if isinstance(b, m.Paragraph))
    rubies = [(m.plain_text(n.content), n.reading) for n in paragraph.content if isinstance(n, m.Ruby)]
    assert rubies == [("漢", "hàn"), ("字", "zì"), ("東京", "とう きょう")]  # one a base, or the bases apart
    assert m.plain_text(paragraph.content) == "这个字读作漢字（hàn zì），日本语写作東京（とう きょう）。"


def test_epub_html_and_docx_set_ruby_and_the_pdf_brackets_it(tmp_path: Path) -> None:
    path = write(tmp_path)
    with zipfile.ZipFile(io.BytesIO(convert.convert(path, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        xhtml = book.read("EPUB/text.xhtml").decode()
    html = convert.convert(path, to="html", offline=True).decode()  # type: ignore[union-attr]
    for markup in (xhtml, html):
        assert "<ruby>漢<rp>（</rp><rt>hàn</rt><rp>）</rp></ruby>" in markup
        assert "（hàn zì）" not in markup
    document = docx.Document(io.BytesIO(convert.convert(path, to="docx", offline=True)))  # type: ignore[arg-type]
    body = document.element.body
    readings = ["".join(t.text for t in rt.iter(docx.oxml.ns.qn("w:t"))) for rt in body.iter(docx.oxml.ns.qn("w:rt"))]
    bases = ["".join(t.text for t in b.iter(docx.oxml.ns.qn("w:t"))) for b in body.iter(docx.oxml.ns.qn("w:rubyBase"))]
    assert list(zip(bases, readings)) == [("漢", "hàn"), ("字", "zì"), ("東京", "とう きょう")]
    lines = "".join(line.text for line in pdf_lines(convert.convert(path, to="pdf", offline=True)))  # type: ignore[arg-type]
    assert "漢字（hànzì）" in lines.replace(" ", "")
