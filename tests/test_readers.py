"""pandoc's AST into our model: every block and inline kind, raw HTML, limits, other input types."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from convert import model as m
from convert import readers as reader
from convert.errors import ConvertError
from convert.readers import read_file, read_text

MARKDOWN = """---
title: Front
lang: en
keywords: [a, b]
---

## Section *one*

Text with **strong**, _em_, `code`, ~~gone~~, H~2~O, x^2^, a [link](https://example.org "t"),
a note[^n] and a hard  
break.

1. first
    - nested bullet
        - deeper
2. second

> quoted

```python
print("hi")
```

***

| h1 | h2 |
|---:|:---|
| 1  | 2  |

: The caption

Term
:   Definition

![A chart](chart.png)

[^n]: Note *body*.
"""


def blocks_of(source: reader.Source, kind: type) -> list:
    return [b for b in m.walk_blocks(source.document.blocks) if isinstance(b, kind)]


def test_every_construct_maps_to_the_model() -> None:
    source = read_text(MARKDOWN)
    doc = source.document
    assert doc.meta.title == "Front" and doc.meta.keywords == ("a", "b") and doc.meta.lang == "en"
    heading = blocks_of(source, m.Heading)[0]
    assert heading.level == 2 and isinstance(heading.content[1], m.Emphasis)
    para = next(b for b in doc.blocks if isinstance(b, m.Paragraph))
    kinds = {type(i) for i in para.content}
    assert {m.Strong, m.Emphasis, m.Code, m.Strikeout, m.Subscript, m.Superscript, m.Link, m.NoteRef,
            m.LineBreak} <= kinds
    link = next(i for i in para.content if isinstance(i, m.Link))
    assert (link.url, link.title) == ("https://example.org", "t")
    lists = blocks_of(source, m.ListBlock)
    assert lists[0].ordered and not lists[1].ordered and len(lists) == 3  # nested twice
    assert blocks_of(source, m.BlockQuote)
    code = blocks_of(source, m.CodeBlock)[0]
    assert code.language == "python" and 'print("hi")' in code.text
    assert blocks_of(source, m.HorizontalRule)
    table = blocks_of(source, m.Table)[0]
    assert m.plain_text(table.caption) == "The caption"
    assert table.header[0][0].align == "right" and table.body[0][1].align == "left"
    figure = blocks_of(source, m.Figure)[0]
    assert figure.src == "chart.png" and figure.alt == "A chart"
    note = doc.footnotes[0]
    assert note.number == 1 and m.plain_text(m.block_inlines(note.content[0])) == "Note body."


def test_raw_html_is_cleaned_and_reported(caplog: pytest.LogCaptureFixture) -> None:
    hostile = ('Hi <b onclick="steal()">bold</b> <a href="javascript:alert(1)">js</a> '
               '<a href="https://example.org">ok</a>\n\n'
               '<script>alert(1)</script>\n\n<iframe src="file:///etc/passwd"></iframe>\n\n'
               '<div onmouseover="x()"><p>kept <em>text</em></p></div>\n\n<img src="file:///etc/passwd" />\n')
    with caplog.at_level(logging.WARNING, logger="convert"):
        doc = read_text(hostile).document
    text = m.visible_text(doc)
    assert "bold" in text and "kept text" in text and "js" in text
    assert "alert" not in text and "steal" not in text
    links = [i for b in doc.blocks for i in m.block_inlines(b) if isinstance(i, m.Link)]
    assert [link.url for link in links] == ["https://example.org"]
    assert not doc.figures
    logged = caplog.text
    for finding in ("<script>", "<iframe>", "onclick", "javascript:", "file:"):
        assert finding in logged


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_hidden_elements_are_not_read_into_the_article(fmt: str) -> None:
    """What a page does not show (`hidden`, `aria-hidden`, `display: none`, `visibility: hidden`) is no
    part of the article, in an HTML input read whole and in raw HTML inside Markdown; the text around
    it stays, and a page that hides everything (shown by a script) keeps it."""
    page = ('<h1>Council approves budget</h1>\n\n<p>The council approved it on Tuesday.</p>\n\n'
            '<p hidden>SECRET one</p>\n\n<div style="display: none"><p>SECRET two</p></div>\n\n'
            '<p><span aria-hidden="true">SECRET three</span>Visible text continues.</p>\n\n'
            '<p style="visibility:hidden">SECRET four</p>\n')
    text = m.visible_text(read_text(page, fmt=fmt).document)
    assert "approved it on Tuesday" in text and "Visible text continues" in text
    assert "SECRET" not in text, text
    shown_later = '<div hidden><p>The whole story, shown by a script.</p></div>'
    assert "The whole story" in m.visible_text(read_text(shown_later, fmt=fmt).document)


def test_markdown_links_with_unsafe_schemes_keep_only_their_text() -> None:
    doc = read_text("[click](javascript:alert(1)) and [file](file:///etc/passwd) and [m](mailto:a@b.c)").document
    inlines = doc.blocks[0].content
    assert [i.url for i in inlines if isinstance(i, m.Link)] == ["mailto:a@b.c"]
    assert "click" in m.plain_text(inlines) and "file" in m.plain_text(inlines)


def test_html_input(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>网页标题</title><script>x()</script></head><body>"
                    "<h1>网页标题</h1><p>第一段<b>加粗</b>。</p><figure><img src='a.png' alt='图'>"
                    "<figcaption>说明文字</figcaption></figure></body></html>", encoding="gb18030")
    doc = read_file(path).document
    assert doc.meta.title == "网页标题"
    figure = next(b for b in doc.blocks if isinstance(b, m.Figure))
    assert m.plain_text(figure.caption) == "说明文字"
    assert "x()" not in m.visible_text(doc)


def test_docx_input_keeps_its_images(tmp_path: Path) -> None:
    import docx
    from PIL import Image

    picture = tmp_path / "p.png"
    Image.new("RGB", (60, 40), "teal").save(picture)
    document = docx.Document()
    document.add_heading("Docx title", 1)
    document.add_paragraph("Body 正文")
    document.add_picture(str(picture))
    path = tmp_path / "in.docx"
    document.save(path)
    source = read_file(path)
    figure = next(b for b in source.document.blocks if isinstance(b, m.Figure))
    assert figure.src in source.embedded and source.embedded[figure.src].startswith(b"\x89PNG")


def test_deep_nesting_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text(">" * 500 + " deep\n", encoding="utf-8")
    with pytest.raises(ConvertError, match="nests deeper than"):
        read_file(path)


def test_oversized_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "big.md"
    path.write_text("字" * 2000, encoding="utf-8")
    with pytest.raises(ConvertError, match="limit"):
        read_file(path)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("an oversized file was read"))
    with pytest.raises(ConvertError, match="limit"):
        read_file(path)


def test_html_text_and_html_file_read_alike(tmp_path: Path) -> None:
    """`read_text(fmt="html")` takes the page's <title> and <meta> as `read_file` does."""
    page = '<html><head><title>港口夜景</title><meta name="author" content="王晓明"></head><body><p>正文。</p></body></html>'
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    from_text, from_file = read_text(page, fmt="html").document.meta, read_file(path).document.meta
    assert from_text == from_file and (from_text.title, from_text.authors) == ("港口夜景", ("王晓明",))


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConvertError, match="unsupported input type .pdf"):
        read_file(tmp_path / "a.pdf")
    with pytest.raises(ConvertError, match="cannot read"):
        read_file(tmp_path / "missing.md")


def test_broken_docx_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConvertError) as caught:
        read_file(path)
    assert str(caught.value).startswith(str(path))


def test_pandoc_api_version_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.readers import pandoc
    monkeypatch.setattr(pandoc, "PANDOC_API", (9, 99))
    with pytest.raises(ConvertError, match="AST version"):
        read_text("hello")


def test_control_characters_do_not_reach_the_model() -> None:
    doc = read_text("a\x01b\x0bc\x1fd 正文").document
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in m.visible_text(doc))


def test_raw_html_keeps_inline_data_images_but_not_data_links() -> None:
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    doc = read_text(f'<p>text</p>\n\n<img src="{url}" alt="红点">\n\n<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>\n').document
    assert [f.src for f in doc.figures] == [url]
    assert not [i for b in doc.blocks for i in m.block_inlines(b) if isinstance(i, m.Link)]


def test_heading_ids_never_collide_with_figure_or_note_ids(tmp_path: Path) -> None:
    import convert
    path = tmp_path / "a.md"
    path.write_text("# T\n\n## Fig 1\n\n## fn1\n\n## Fig 1\n\nText[^a]\n\n![x](x.png)\n\n[^a]: n\n", encoding="utf-8")
    doc = convert.read(str(path))
    heading_ids = [b.id for b in doc.blocks if isinstance(b, m.Heading)]
    figure_ids = [f.id for f in doc.figures] + [n.id for n in doc.footnotes]
    assert len(set(heading_ids)) == 3 and not set(heading_ids) & set(figure_ids)


# ---------------------------------------------------------------- CommonMark, table captions, invalid URLs


@pytest.mark.parametrize("text", [
    "| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: Rates by year\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Rates by year\n",
    ": Rates by year\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
])
def test_pandoc_table_caption_lines_caption_their_table(text: str) -> None:
    doc = read_text(text).document
    table = next(b for b in doc.blocks if isinstance(b, m.Table))
    assert m.plain_text(table.caption) == "Rates by year"
    assert "Table:" not in m.visible_text(doc) and len(doc.blocks) == 1


def test_a_caption_line_takes_only_one_table() -> None:
    doc = read_text("| a |\n|---|\n| 1 |\n\nTable: First\n\n| b |\n|---|\n| 2 |\n").document
    tables = [b for b in doc.blocks if isinstance(b, m.Table)]
    assert [m.plain_text(t.caption) for t in tables] == ["First", ""]


def test_markdown_is_read_as_commonmark() -> None:
    """A heading right after a paragraph line, and a setext heading over two lines, as the spec has them."""
    doc = read_text("Intro line\n# Heading here\nMore text\n\nTwo line\nsetext heading\n---\n").document
    assert [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Heading)] == \
        ["Heading here", "Two line setext heading"]


INVALID_URLS = ["https://../", "http://[", "https://exa mple.com/x", "https://a..b/", "http://example.com:99999/"]


@pytest.mark.parametrize("url", INVALID_URLS)
def test_invalid_urls_become_plain_text(url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="convert"):
        doc = read_text(f"See [the story](<{url}>) and <{url}>.\n").document
    assert not [i for b in doc.blocks for i in m.block_inlines(b) if isinstance(i, m.Link)]
    assert "the story" in m.visible_text(doc)
    assert "invalid link" in caplog.text
    doc = read_text(f'See <a href="{url}">raw</a>.\n').document  # raw HTML: the sanitizer or the walk drops it
    assert not [i for b in doc.blocks for i in m.block_inlines(b) if isinstance(i, m.Link)]
    assert "raw" in m.visible_text(doc)


def test_valid_links_stay_links() -> None:
    doc = read_text("[a](https://例子.中国/新闻) [b](http://[::1]:8080/) [c](https://example.org/a%20b) "
                    "[d](mailto:desk@example.org) [e](#top)\n").document
    assert len([i for i in doc.blocks[0].content if isinstance(i, m.Link)]) == 5


def test_an_ascii_host_is_checked_without_the_idna_codec() -> None:
    """Importing the codec (with stringprep) costs a lone run ~0.005 s; an ASCII name needs only the label
    rule, which is what IDNA checks of it (1 to 63 characters)."""
    import subprocess
    import sys

    script = ("import sys; from convert.readers.walk import valid_link; "
              "ok = [valid_link(u) for u in ('http://example.org/a', 'http://' + 'a' * 64 + '.org', 'http://a..b.org')]; "
              "print(ok, 'encodings.idna' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[True,", "False,", "False]", "False"]


def test_invalid_urls_never_reach_an_edition(tmp_path: Path) -> None:
    """EPUBCheck accepts the book and the DOCX holds no relationship to an invalid target."""
    import io
    import zipfile

    from conftest import convert_bytes
    from test_epub import epubcheck_reports, problems

    links = " ".join(f"[link {n}](<{url}>)" for n, url in enumerate(INVALID_URLS))
    path = tmp_path / "links.md"
    path.write_text(f"# Links\n\n{links}\n\n![a picture](https://../x.png)\n\nsource: https://../\n\n"
                    "[ok](https://example.org/)\n", encoding="utf-8")
    book = tmp_path / "links.epub"
    book.write_bytes(convert_bytes(path, "epub", offline=True))
    assert problems(epubcheck_reports([book])[book]) == []
    with zipfile.ZipFile(io.BytesIO(convert_bytes(path, "docx", offline=True))) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "https://example.org/" in rels and not any(url.replace("&", "&amp;") in rels for url in INVALID_URLS)
    assert "https://../" not in rels


def test_an_image_title_stands_in_for_missing_alt_text() -> None:
    doc = read_text('![](photo.jpg "港口夜景")\n').document
    assert doc.figures[0].alt == "港口夜景"


def test_empty_headings_are_dropped() -> None:
    doc = read_text("## \n#\n### ###\n\nText.\n").document
    assert [type(b) for b in doc.blocks] == [m.Paragraph]


def test_a_plain_text_file_of_single_lines_keeps_each_line_a_paragraph(tmp_path: Path) -> None:
    import convert

    path = tmp_path / "wire.txt"
    path.write_text("港口岸电覆盖率年内将达90%\n新华社北京11月26日电（记者 王某）东临港今天宣布，所有泊位均已接通岸电。\n"
                    "　　记者在现场看到，一艘集装箱船正在接入岸电。\n港口方面表示，明年将继续推进。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.title == "港口岸电覆盖率年内将达90%" and doc.meta.authors == ("王某",)
    assert len([b for b in doc.blocks if isinstance(b, m.Paragraph)]) == 3


@pytest.mark.parametrize("text", [
    "Title\n\nFirst paragraph\nstill the first.\n",  # blank lines: Markdown paragraphs already
    "Items:\n- one\n- two\n- three\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Intro\n> quoted\n> more\n",
])
def test_text_that_marks_its_blocks_is_left_to_markdown(text: str) -> None:
    from convert.readers.pandoc import lines_as_paragraphs

    assert lines_as_paragraphs(text) == text
    assert lines_as_paragraphs("---\ntitle: T\n---\none\ntwo\nthree\n") == "---\ntitle: T\n---\none\n\ntwo\n\nthree\n"


def test_an_html_title_is_metadata_not_body_text() -> None:
    doc = read_text("<html><head><title>Page title | Site</title></head><body><p>Body.</p></body></html>",
                    fmt="html").document
    assert doc.meta.title == "Page title | Site" and "Page title" not in m.visible_text(doc).split("\n", 1)[1]


@pytest.mark.parametrize("source, kind, inner", [
    ("这是**“加粗”**文字。", m.Strong, "“加粗”"),
    ("以及*《书名》*和后文。", m.Emphasis, "《书名》"),
    ("**重点：**内容在此。", m.Strong, "重点："),
    ("他说**「好」**就走。", m.Strong, "「好」"),
    ("数据**（含税）**为准。", m.Strong, "（含税）"),
])
def test_emphasis_beside_chinese_punctuation(source: str, kind: type, inner: str) -> None:
    """CommonMark refuses `**` between a Han character and a full-width mark (`**“加粗”**文字`): the
    asterisks came out as text and the emphasis paired wrongly. Read as the writer meant."""
    paragraph = read_text(f"# 题\n\n{source}\n").document.blocks[1]
    assert isinstance(paragraph, m.Paragraph)
    found = [node for node in paragraph.content if isinstance(node, kind)]
    assert len(found) == 1 and m.plain_text(found[0].content) == inner, paragraph
    assert "*" not in m.plain_text(paragraph.content) and "\u034f" not in m.plain_text(paragraph.content)


def test_emphasis_help_leaves_code_raw_html_and_latin_text_alone() -> None:
    import json

    from convert.readers import cjk_markdown as emphasis, pandoc

    source = ("# 题\n\n这是`a**“b`和**“加粗”**正文。\n\n```\n**“x”**文\n```\n\n<b title=\"**“y”**文\">粗</b>字\n\n"
              "So 5**2 and **“bold”** stay.\n")
    helped = emphasis.cjk_friendly(source, lambda text: json.loads(
        pandoc._pandoc_run(Path("t.md"), ["-f", pandoc.MARKDOWN + "+sourcepos", "-t", "json"], text)))
    assert helped.count(emphasis.SEPARATOR) == 2  # the two runs around “加粗”, and nothing else
    assert "`a**“b`" in helped and "\n**“x”**文\n" in helped and 'title="**“y”**文"' in helped
    assert "So 5**2 and **“bold”** stay." in helped
    blocks = read_text(source).document.blocks[1:]
    assert [node.text for node in blocks[0].content if isinstance(node, m.Code)] == ["a**“b"]
    assert isinstance(blocks[1], m.CodeBlock) and blocks[1].text.strip() == "**“x”**文"
    assert not emphasis.needs_help("So 5**2 and 3**4, **bold**.")
    # text that can hold no code or raw HTML is helped without pandoc's sourcepos reading
    def no_parse(text: str) -> dict:
        raise AssertionError("parsed")
    assert emphasis.cjk_friendly("这是**“加粗”**正文。\n\n#标题\n", no_parse).count(emphasis.SEPARATOR) == 2
    for code in ("`a`", "~~~\nx\n~~~", "<b>x</b>", "    code", "\tcode"):
        with pytest.raises(AssertionError, match="parsed"):
            emphasis.cjk_friendly(f"这是**“加粗”**正文。\n\n{code}\n", no_parse)


@pytest.mark.parametrize("given, date, warned", [
    ("2024-11-18", "2024-11-18", False), ("2024-11-18T09:30+08:00", "2024-11-18T09:30+08:00", False),
    ("2023年10月30日", "2023-10-30", False), ("2023/10/30", "2023-10-30", False), ("不是日期", "", True),
])
def test_front_matter_dates_are_iso_or_left_out(given: str, date: str, warned: bool) -> None:
    """`date: 不是日期` reached the EPUB's `<time datetime>` and made it invalid (EPUBCheck RSC-005)."""
    from convert.errors import collect_warnings

    with collect_warnings() as warnings:
        doc = read_text(f"---\ntitle: 题\ndate: {given}\n---\n\n正文。\n").document
    assert doc.meta.date == date
    assert any("ignored the date" in w for w in warnings) == warned


def test_headings_typed_without_the_space_after_the_hashes() -> None:
    """`#标题` and `##第一部分`, as many Chinese editors type them, came out as paragraphs (the title with
    its `#`); a `#` comment in code and a Latin `#hashtag` stay as they are."""
    doc = read_text("#港口自动化改造完成\n\n正文。\n\n##第一部分\n\n```python\n#注释\n```\n\n#hashtag 不变\n").document
    headings = [(b.level, m.plain_text(b.content)) for b in doc.blocks if isinstance(b, m.Heading)]
    assert headings == [(1, "港口自动化改造完成"), (2, "第一部分")]
    assert [b.text for b in doc.blocks if isinstance(b, m.CodeBlock)] == ["#注释"]
    assert any(isinstance(b, m.Paragraph) and m.plain_text(b.content) == "#hashtag 不变" for b in doc.blocks)
    topic = read_text("# 题\n\n#两会# 代表委员热议民生。\n").document.blocks[1]  # a Weibo topic, no heading
    assert isinstance(topic, m.Paragraph) and m.plain_text(topic.content) == "#两会# 代表委员热议民生。"


def test_a_space_at_a_spans_edge_and_one_beside_it_are_one_space() -> None:
    """pandoc keeps an HTML page's `<span>`s (the sanitizer marks ruby with one): a space inside a span's
    edge and one outside it (`<span>爱否科技 </span> <span>昨天</span>`) came out as two."""
    doc = read_text("<p><span>爱否科技 </span> <span> 昨天</span> | <span>打印 </span> |</p>", fmt="html").document
    assert m.plain_text(doc.blocks[0].content) == "爱否科技 昨天 | 打印 |"


def test_a_block_marked_as_the_main_one_does_not_lose_the_rest() -> None:
    """pandoc reads only the inside of a `role="main"` block, as of `<main>`: a saved page's headline,
    picture and byline before its `<div class="content" role="main">` were lost (caymancompass.com)."""
    doc = read_text("<div><p>Headline above</p></div><div role='main'><p>The text.</p></div><p>After it.</p>",
                    fmt="html").document
    assert [m.plain_text(b.content) for b in doc.blocks] == ["Headline above", "The text.", "After it."]
