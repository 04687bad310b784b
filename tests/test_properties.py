"""Property-based tests: generated Markdown of every shape through every registered writer.

Nesting, tables, footnotes, links, images (present, missing, corrupt), mixed scripts, control
characters and very long words: no writer may crash, every edition must open in its reader (tests/formats.py)
and none carries a path it was told to read outside the article.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from convert import registry
from convert.builder import Options, convert

import formats

WORDS = st.sampled_from(["港口", "绿色航运", "LNG", "5G", "数据", "Riverton", "budget", "“引号”", "（括号）", "，", "。",
                         "a\x01b", "x\x0by", "&amp;", "<b>", "*", "_", "`code`", "\\", "🙂", "𠀋", "ĳ", "ｗｉｄｅ"])
LONG_WORD = st.integers(50, 400).map(lambda n: "超长" * n)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(WORDS, LONG_WORD), min_size=1, max_size=12))
    return " ".join(parts) if draw(st.booleans()) else "".join(parts)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kinds = ["para", "heading", "list", "table", "note", "link", "image", "quote", "code", "html"]
    kind = draw(st.sampled_from(kinds if depth < 3 else kinds[:2]))
    text = draw(sentence())
    label = text + " " if text.endswith("\\") else text  # `[a\](u)` escapes its `]`: no link, the URL shown as text
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + text
    if kind == "list":
        inner = draw(block(depth + 1)).replace("\n", "\n    ")
        marker = draw(st.sampled_from(["-", "1."]))
        return f"{marker} {text}\n{marker} {inner}"
    if kind == "table":
        cells = draw(st.lists(sentence(), min_size=2, max_size=4))
        row = "| " + " | ".join(c.replace("|", "/").replace("\n", " ") for c in cells) + " |"
        return row + "\n|" + "---|" * len(cells) + "\n" + row + "\n\n: " + text
    if kind == "note":
        return f"{text}[^n{depth}]\n\n[^n{depth}]: {draw(sentence())}"
    if kind == "link":
        url = draw(st.sampled_from(["https://example.org/a?b=1&c=2", "javascript:alert(1)", "file:///etc/passwd",
                                    "#frag", "mailto:x@y.z", "relative/page.html"]))
        return f"[{label}]({url})"
    if kind == "image":
        src = draw(st.sampled_from(["ok.png", "missing.png", "corrupt.png", "../outside.png", "http://127.0.0.1/x.png"]))
        return f"![{label}]({src})\n\n（图：{draw(sentence())}）"
    if kind == "quote":
        return "> " + draw(block(depth + 1)).replace("\n", "\n> ")
    if kind == "code":
        return "```\n" + text + "\n```"
    if kind == "html":
        return draw(st.sampled_from(['<script>alert(1)</script>', '<div onclick="x()">点击</div>',
                                     '<iframe src="file:///etc/passwd"></iframe>', '<b>粗</b>体',
                                     '<a rel="attachment" href="file:///etc/passwd">a</a>']))
    return text


# Every article has some text: one that shows nothing but headings or dropped markup is refused with a
# one-line error (tests/test_cli.py), so its blocks come with a paragraph drawn anywhere among them.
ARTICLES = st.tuples(st.lists(block(), min_size=0, max_size=8),
                     st.text(alphabet="港口正文数据", min_size=1, max_size=20),
                     st.integers(min_value=0, max_value=8)).map(
    lambda drawn: "\n\n".join(drawn[0][:drawn[2]] + [drawn[1]] + drawn[0][drawn[2]:]) + "\n")


def _folder(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("generated")
    Image.new("RGB", (120, 80), "navy").save(folder / "ok.png")
    (folder / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    return folder


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=ARTICLES)
@pytest.mark.parametrize("fmt", registry.names())
def test_generated_markdown_through_every_writer(tmp_path_factory, fmt: str, text: str) -> None:  # type: ignore[no-untyped-def]
    reader = formats.of(fmt)
    folder = _folder(tmp_path_factory)
    article = folder / "article.md"
    article.write_text(text, encoding="utf-8")
    data = convert(article, to=fmt, options=Options(offline=True))
    assert isinstance(data, bytes) and data
    reader.opens(data)  # the edition opens in the reader its format's users would use
    carried = reader.carried(data)
    assert "/etc/passwd" not in carried and "root:x:0:0" not in carried


def test_a_sample_of_generated_epubs_passes_epubcheck(tmp_path: Path) -> None:
    import warnings

    from hypothesis.errors import NonInteractiveExampleWarning
    from test_epub import epubcheck_reports, problems

    folder = tmp_path / "article"
    folder.mkdir()
    Image.new("RGB", (120, 80), "navy").save(folder / "ok.png")
    (folder / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    books = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        texts = [ARTICLES.example() for _ in range(6)]
    for index, text in enumerate(texts):
        (folder / "article.md").write_text(text, encoding="utf-8")
        book = tmp_path / f"book{index}.epub"
        book.write_bytes(convert(folder / "article.md", to="epub", options=Options(offline=True)))  # type: ignore[arg-type]
        books.append(book)
    for book, report in epubcheck_reports(books).items():
        assert problems(report) == [], (book.name, texts[books.index(book)][:500])
