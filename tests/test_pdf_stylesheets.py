"""The PDF's stylesheet parsed once per process (`writers/pdf/stylesheets`) sets every article exactly as the
page's own `<style>` did: the same text on the same pages in the same fonts."""
from __future__ import annotations

import re

import pytest

import convert
from convert.writers import pdf as pdf_writer
from convert.writers.pdf import css as pdf_css
from convert.theme import load_theme
from convert.writers.pdf import stylesheets

from conftest import SEEDS
from formats import poppler

ARTICLES = [SEEDS / "zh-news-harbor" / "article.md", SEEDS / "en-budget-report" / "article.md",
            SEEDS / "zh-hant-metro" / "article.md"]


def facts(data: bytes) -> tuple[int, list[str], list[tuple[str, ...]]]:
    """Page count, each page's laid-out text, and the fonts (name without subset tag, type, encoding)."""
    pages = int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", data), re.M)[1])  # type: ignore[index]
    text = poppler("pdftotext", data, "-layout", "-enc", "UTF-8").split("\f")
    fonts = sorted(tuple(line.split()[:3]) for line in poppler("pdffonts", data).splitlines()[2:])
    return pages, text, [(re.sub(r"^[A-Z]{6}\+", "", name), *rest) for name, *rest in fonts]


def test_articles_come_out_the_same_with_the_stylesheet_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    before = stylesheets._parse.cache_info()
    parsed = [convert.convert(path, to="pdf", offline=True) for path in ARTICLES]
    after = stylesheets._parse.cache_info()
    # reused by a later article (parsed here, or by a test before this one: the cache is the process's)
    assert after.hits > before.hits and after.currsize >= 1

    pages: list[str] = []
    real = pdf_writer.render_pdf

    def inline_render(page: str, *args: object, **kwargs: object) -> bytes:
        pages.append(page)
        return real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stylesheets, "standalone", lambda texts: False)  # the page carries its stylesheet
    monkeypatch.setattr(pdf_writer, "render_pdf", inline_render)
    inline = [convert.convert(path, to="pdf", offline=True) for path in ARTICLES]
    assert all("<style>" in page for page in pages) and len(pages) == len(ARTICLES)
    assert stylesheets._parse.cache_info() == after

    for path, once, each in zip(ARTICLES, parsed, inline):
        assert facts(once) == facts(each), path.parent.name  # type: ignore[arg-type]


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[str, ...]]]:
    """Every (page, stylesheets) the PDF writer renders from now on, in order."""
    calls: list[tuple[str, tuple[str, ...]]] = []
    real = pdf_writer.render_pdf

    def seen(page: str, *args: object, stylesheets: tuple[str, ...] = (), **kwargs: object) -> bytes:
        calls.append((page, stylesheets))
        return real(page, *args, stylesheets=stylesheets, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_writer, "render_pdf", seen)
    return calls


def test_the_page_has_no_style_element_when_the_sheets_are_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _rendered(monkeypatch)
    convert.convert(ARTICLES[0], to="pdf", offline=True)
    (page, sheets), = pages
    assert "<style>" not in page and len(sheets) == 2 and "@page" in sheets[1] and "@page" not in sheets[0]


@pytest.mark.parametrize("css, alone", [
    ("p { color: red; }", True),
    ("p { color: red !IMPORTANT; }", False),  # would outrank the markup's style attributes as a user sheet
    ("p { background: url(x.png); }", False),  # read through WeasyPrint's fetcher, not the gate's
    ("@import 'x.css';", False),
    ("@font-face { font-family: x; src: local(x); }", False),
    ("@counter-style x { system: cyclic; symbols: '*'; }", False),
    ("@layer base { p { color: red; } }", False),
])
def test_which_sheets_are_parsed_on_their_own(css: str, alone: bool) -> None:
    assert stylesheets.standalone(("h1 { margin: 0; }", css)) is alone


def test_the_parts_are_the_whole_stylesheet() -> None:
    doc = convert.read(str(ARTICLES[0]))
    theme = load_theme("default")
    options = pdf_writer.PdfOptions()
    assert "".join(pdf_css.print_css_parts(doc, theme, options)) == pdf_css.print_css(doc, theme, options)


def test_an_issue_comes_out_the_same_with_the_stylesheet_parsed_once(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path) -> None:  # type: ignore[no-untyped-def]
    calls = _rendered(monkeypatch)
    editions = []
    for name, alone in (("parsed", None), ("inline", False)):
        if alone is not None:
            monkeypatch.setattr(stylesheets, "standalone", lambda texts: alone)  # the page carries its stylesheet
        collected = convert.collect(ARTICLES[:2], ["pdf"], tmp_path / name, title="本周要闻", date="2025-03-14",
                                    offline=True)
        assert collected.ok
        editions.append(collected.editions[0].output.read_bytes())  # type: ignore[union-attr]
    (parsed_page, parsed_sheets), (inline_page, inline_sheets) = calls
    assert "<style>" not in parsed_page and len(parsed_sheets) == 3 and ".issue-cover" in parsed_sheets[2]
    assert "<style>" in inline_page and inline_sheets == ()
    assert facts(editions[0]) == facts(editions[1])
