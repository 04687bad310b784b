"""Saved news pages (a Chinese portal, an English newspaper, a WeChat article) become editions a reader
takes for the article itself: every body paragraph, heading, list item and caption in every edition,
none of the page's navigation, share, related, comment, advertising or footer text, and the headline,
authors and date (with its zone) right in every format. The ground truth is seeds/pages/truth.json."""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

import convert
from conftest import SEEDS
from formats import of, squeeze
from convert import model as m
from convert.dates import UTC_PLUS_8, parse_date
from convert.dates import instant as instant_of

PAGES = SEEDS / "pages"
TRUTH = {name: value for name, value in json.loads((PAGES / "truth.json").read_text(encoding="utf-8")).items()
         if not name.startswith("_")}
FORMATS = ("pdf", "epub", "docx", "html")


def visible_text(fmt: str, data: bytes) -> str:
    """The text a reader of the edition sees, through the tests' format map."""
    return of(fmt).text(data)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], bytes]:
    cache = tmp_path_factory.mktemp("cache")
    return {(name, fmt): convert.convert(PAGES / name, to=fmt, offline=True, cache_dir=cache)  # type: ignore[misc]
            for name in TRUTH for fmt in FORMATS}


@pytest.fixture(scope="module")
def documents() -> dict[str, m.Document]:
    return {name: convert.read(str(PAGES / name)) for name in TRUTH}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", TRUTH)
def test_every_body_paragraph_and_no_boilerplate(editions: dict, name: str, fmt: str) -> None:
    text = squeeze(visible_text(fmt, editions[name, fmt]))
    missing = [item for item in TRUTH[name]["body"] if squeeze(item) not in text]
    assert not missing, f"{fmt} of {name} lost {missing}"
    leaked = {kind: found for kind, items in TRUTH[name]["boilerplate"].items()
              if (found := [item for item in items if squeeze(item) in text])}
    assert not leaked, f"{fmt} of {name} shows the page's {leaked}"


@pytest.mark.parametrize("name", TRUTH)
def test_headline_not_the_title_tag(documents: dict, editions: dict, name: str) -> None:
    title = TRUTH[name]["title"]
    assert documents[name].meta.title == title
    assert PdfReader(io.BytesIO(editions[name, "pdf"])).metadata.title == title
    assert docx.Document(io.BytesIO(editions[name, "docx"])).core_properties.title == title
    assert f"<dc:title>{title}</dc:title>" in _opf(editions[name, "epub"])
    assert re.search(rf"<title>{re.escape(title)}</title>", editions[name, "html"].decode())
    for fmt in FORMATS:
        assert squeeze(title) in squeeze(visible_text(fmt, editions[name, fmt]))


@pytest.mark.parametrize("name", TRUTH)
def test_every_author_in_every_format(documents: dict, editions: dict, name: str) -> None:
    authors = TRUTH[name]["authors"]
    assert documents[name].meta.authors == tuple(authors)
    pdf_author = PdfReader(io.BytesIO(editions[name, "pdf"])).metadata.author or ""
    docx_author = docx.Document(io.BytesIO(editions[name, "docx"])).core_properties.author
    creators = re.findall(r"<dc:creator[^>]*>([^<]+)</dc:creator>", _opf(editions[name, "epub"]))
    html_authors = re.findall(r'<meta name="author" content="([^"]+)"', editions[name, "html"].decode())
    for author in authors:
        assert author in pdf_author and author in docx_author and author in creators
        assert any(author in value for value in html_authors)
        for fmt in FORMATS:
            assert squeeze(author) in squeeze(visible_text(fmt, editions[name, fmt])), f"{fmt}: {author}"
    if editor := TRUTH[name].get("editor"):
        assert documents[name].meta.editor == editor and editor not in documents[name].meta.authors


@pytest.mark.parametrize("name", TRUTH)
def test_date_and_time_with_its_zone_in_every_format(documents: dict, editions: dict, name: str) -> None:
    stated = TRUTH[name]["date"]
    assert documents[name].meta.date == stated
    instant = instant_of(documents[name].meta).astimezone(timezone.utc)  # type: ignore[union-attr]
    assert instant == parse_date(stated).replace(tzinfo=parse_date(stated).tzinfo or UTC_PLUS_8)  # type: ignore[union-attr]
    assert PdfReader(io.BytesIO(editions[name, "pdf"])).metadata.creation_date.astimezone(timezone.utc) == instant
    dc_date = re.search(r"<dc:date>([^<]+)</dc:date>", _opf(editions[name, "epub"]))
    assert dc_date and datetime.fromisoformat(dc_date[1].replace("Z", "+00:00")) == instant
    created = docx.Document(io.BytesIO(editions[name, "docx"])).core_properties.created
    assert created.replace(tzinfo=timezone.utc) == instant


@pytest.mark.parametrize("name", TRUTH)
def test_figures_are_the_articles_and_no_logo(documents: dict, editions: dict, name: str) -> None:
    figures = documents[name].figures
    assert len(figures) == TRUTH[name]["figures"]
    assert not [f.src for f in figures if re.search(r"logo|icon|pixel|stat\.gif|qrcode|banner|ad-", f.src)]
    assert all(f.caption for f in figures)
    if "credits" in TRUTH[name]:  # credits stay credits, apart from the caption (shown under each edition's label)
        assert [f.credit for f in figures if f.credit] == TRUTH[name]["credits"]
    assert len(docx.Document(io.BytesIO(editions[name, "docx"])).inline_shapes) == len(figures)
    assert editions[name, "html"].decode().count("<img") == len(figures)
    with zipfile.ZipFile(io.BytesIO(editions[name, "epub"])) as book:
        pictures = [n for n in book.namelist() if "/images/" in n]
    assert len(pictures) == len(figures)


@pytest.mark.parametrize("name", TRUTH)
def test_site_address_language_and_dek(documents: dict, name: str) -> None:
    meta = documents[name].meta
    assert meta.source_site == TRUTH[name]["site"]
    assert meta.source_url == TRUTH[name]["url"]  # canonical, else og:url; a saved page may name none
    assert meta.lang.startswith(TRUTH[name]["lang"])
    assert meta.subtitle == TRUTH[name].get("subtitle", "")


def test_no_extract_keeps_the_whole_page(tmp_path: Path) -> None:
    whole = convert.read(str(PAGES / "millbrook-courier-flood-barrier.html"), extract=False)
    text = squeeze(m.visible_text(whole))
    assert squeeze("Third time is not the charm") in text and squeeze("Terms of service") in text
    assert all(squeeze(item) in text for item in TRUTH["millbrook-courier-flood-barrier.html"]["body"])


def _opf(epub: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        return next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))


def test_an_article_that_is_no_web_page_never_imports_the_extractor(tmp_path: Path) -> None:
    """trafilatura (a sixth of a second to import) is loaded for web pages only."""
    import subprocess
    import sys

    article = tmp_path / "a.md"
    article.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    code = ("import sys, convert; convert.convert(sys.argv[1], to='html', offline=True); "
            "print('trafilatura' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr
    page = next(p for p in sorted(PAGES.iterdir()) if p.suffix == ".html")
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True", done.stderr
