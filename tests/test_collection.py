"""Editions of many articles (`convert collect`): the user's seed and the team's samples, Chinese and
English mixed, made into one PDF, one EPUB and one DOCX, read back.

The editions are built once per module (offline) and every test reads them; the validators are
`convert.checks.validate`'s and fail (never skip) when missing.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

import convert
from convert import model as m
from convert.builder.collection import collect, issue_stem
from convert.checks import validate
from convert.checks.typography import browser_blocks, browser_lines, pdf_lines, script_gaps
from convert.cli import main
from convert.enrich import assemble
from convert.theme import load_theme

from conftest import SAMPLES, USER_SEEDS
from formats import docx_text, epub_text, pdf_pages, squeeze

ARTICLES = USER_SEEDS + SAMPLES  # the seed (when present) first, then the samples: Chinese and English
TITLE = "本周要闻"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def issue(tmp_path_factory: pytest.TempPathFactory) -> tuple[convert.Collected, dict[str, Path]]:
    out = tmp_path_factory.mktemp("issue")
    collected = collect(ARTICLES, ["pdf", "epub", "docx"], out, title=TITLE, date="2025-03-14",
                        publication="Harbour Daily", offline=True)
    assert collected.ok, [(a.source, a.error) for a in collected.articles] + [e.error for e in collected.editions]
    return collected, {e.format: e.output for e in collected.editions}  # type: ignore[misc]


def titles() -> list[str]:
    return [convert.read(str(path)).meta.title for path in ARTICLES]


# ---------------------------------------------------------------- the model


def test_ids_notes_and_anchors_never_collide() -> None:
    docs = [convert.read(str(path)) for path in ARTICLES] * 2  # the same articles twice: every id would collide
    issue = assemble(m.Meta(title=TITLE), docs)
    ids = [b.id for doc in issue.articles for b in m.walk_blocks(doc.blocks) if getattr(b, "id", "")]
    assert ids and len(ids) == len(set(ids))
    assert all(i.startswith(f"{key}-") for key, doc in zip(issue.keys, issue.articles)
               for i in (b.id for b in m.walk_blocks(doc.blocks) if getattr(b, "id", "")))
    notes = [note.number for doc in issue.articles for note in doc.footnotes]
    assert notes == list(range(1, len(notes) + 1)) and len(notes) >= 2
    for doc in issue.articles:
        ids_here = {note.id: note.number for note in doc.footnotes}
        refs = [node for b in m.walk_blocks(doc.blocks) for node in _inlines(m.block_inlines(b))
                if isinstance(node, m.NoteRef)]
        assert all(ids_here[ref.id] == ref.number for ref in refs)


def _inlines(nodes: tuple[m.Inline, ...]) -> list[m.Inline]:
    out: list[m.Inline] = []
    for node in nodes:
        out.append(node)
        out += _inlines(m.inline_children(node))
    return out


@pytest.mark.parametrize("numbering", ["article", "issue"])
def test_figure_numbering_restarts_or_runs_through(numbering: str) -> None:
    docs = [convert.read(str(path)) for path in SAMPLES]
    issue = assemble(m.Meta(title=TITLE), docs, figure_numbering=numbering)
    per_article = [[f.number for f in doc.figures] for doc in issue.articles]
    assert sum(len(n) for n in per_article) >= 3
    if numbering == "article":
        assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in per_article)
    else:
        flat = [n for numbers in per_article for n in numbers]
        assert flat == list(range(1, len(flat) + 1))


def test_the_numbering_is_a_theme_token_and_every_edition_shows_the_same(tmp_path: Path) -> None:
    theme = tmp_path / "through.toml"
    theme.write_text('name = "through"\nextends = "default"\n[collection]\nfigure_numbering = "issue"\n', encoding="utf-8")
    assert load_theme(str(theme)).collection.figure_numbering == "issue"
    collected = collect(SAMPLES, ["pdf", "epub", "docx"], tmp_path, title="Figures", theme=str(theme), offline=True)
    assert collected.ok
    editions = {e.format: e.output.read_bytes() for e in collected.editions}  # type: ignore[union-attr]
    label = re.compile(r"(图|圖|Figure|表|Table) ?(\d+)")
    texts = {"pdf": "\n".join(pdf_pages(editions["pdf"])[2:]), "epub": epub_text(editions["epub"]),
             "docx": docx_text(editions["docx"])}
    seen = {fmt: [(kind in ("图", "圖", "Figure"), int(n)) for kind, n in label.findall(" ".join(text.split()))]
            for fmt, text in texts.items()}
    figures = [n for fig, n in seen["epub"] if fig]
    assert figures == list(range(1, len(figures) + 1)) and len(figures) >= 3  # through the issue
    assert seen["pdf"] == seen["epub"] == seen["docx"]
    # Word counts on through the issue too: each article's first figure sets the count to its number
    resets = [int(n) for n in re.findall(r"SEQ (?:图|圖|Figure) \\r (\d+)", "\n".join(_docx_instructions(editions["docx"])))]
    issue = assemble(m.Meta(title="Figures"), [convert.read(str(p)) for p in SAMPLES], figure_numbering="issue")
    assert resets == [doc.figures[0].number for doc in issue.articles if doc.figures] and resets[-1] > 1


# ---------------------------------------------------------------- PDF


def test_pdf_contents_page_numbers_match_where_articles_start(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    data = paths["pdf"].read_bytes()
    pages = pdf_pages(data)
    contents = squeeze(pages[1])
    listed = [int(n) for n in re.findall(r"\.{3,}(\d+)", contents)]
    assert len(listed) == len(ARTICLES), contents
    starts = []
    for title in titles():
        head = squeeze(title)[:14]
        starts.append(next(i + 1 for i, text in enumerate(pages) if i > 1 and squeeze(text).startswith(head)))
    assert listed == starts
    # the page numbers printed in the footer run through the issue: page n says n
    for number, text in enumerate(pages[1:], start=2):
        assert re.search(rf"第{number}页/共{len(pages)}页", squeeze(text)), (number, text[-80:])


def test_pdf_bookmarks_two_levels_and_running_heads(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    reader = PdfReader(paths["pdf"])
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [squeeze(i.title) for i in top[1:]] == [squeeze(t) for t in titles()]  # after the contents
    assert any(isinstance(item, list) for item in outline)
    assert not any(isinstance(sub, list) for item in outline if isinstance(item, list) for sub in item)
    pages = pdf_pages(paths["pdf"].read_bytes())
    first = [squeeze(i.title) for i in top[1:]]
    starts = [reader.get_destination_page_number(i) for i in top[1:]]
    for title, start, end in zip(first, starts, starts[1:] + [len(pages)]):
        for page in range(start + 1, end):  # every later page of the article is headed with its title
            assert squeeze(pages[page]).find(title[:10]) != -1, (title, page)


def test_pdf_cover_and_metadata(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    reader = PdfReader(paths["pdf"])
    cover = squeeze(pdf_pages(paths["pdf"].read_bytes())[0])
    assert "HarbourDaily" in cover and squeeze(TITLE) in cover and "2025年3月14日" in cover
    assert reader.metadata.title == TITLE and reader.metadata.author == "Harbour Daily"


def test_cover_and_contents_have_the_han_latin_gap_of_the_pages(issue, chromium: str,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    """The issue's date on the cover (`2025 年 3 月 14 日`), and each contents line (`…0.5 个…`), have the
    ¼ em gap between Han and Latin text the articles' pages have: in the PDF and on the EPUB's
    contents page, which is a page of its spine."""
    _, paths = issue
    gap = load_theme().text.script_gap_em
    front = [line for line in pdf_lines(paths["pdf"].read_bytes()) if line.page < 2]
    gaps = script_gaps(front)
    assert len(gaps) >= 6 and all(abs(g - gap) < 0.05 for g in gaps), gaps
    with zipfile.ZipFile(paths["epub"]) as book:
        book.extractall(tmp_path)
    lines = browser_lines(browser_blocks(tmp_path / "EPUB" / "nav.xhtml", 640, chromium))
    gaps = script_gaps(lines)
    assert len(gaps) >= 2 and all(abs(g - gap) < 0.05 for g in gaps), gaps


# ---------------------------------------------------------------- EPUB


def test_epub_one_document_per_article_with_nav_of_articles_and_sections(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    parts = zipfile.ZipFile(paths["epub"])
    documents = sorted(n for n in parts.namelist() if re.search(r"article-\d+\.xhtml$", n))
    assert len(documents) == len(ARTICLES)
    for name, path in zip(documents, ARTICLES):
        tree = etree.fromstring(parts.read(name))
        assert tree.find(".//x:h1[@class='title']", XHTML) is not None
        doc = convert.read(str(path))
        if doc.meta.authors or doc.meta.editor:
            assert tree.find(".//x:p[@class='byline']", XHTML) is not None
    nav = etree.fromstring(parts.read("EPUB/nav.xhtml"))
    entries = nav.findall(".//x:nav[@id='toc']/x:ol/x:li", XHTML)
    assert [squeeze("".join(e.find("x:a", XHTML).itertext())) for e in entries] == [squeeze(t) for t in titles()]
    assert all(e.find("x:ol/x:li/x:a", XHTML) is not None for e in entries[1:])  # sections under the articles
    ncx = parts.read("EPUB/toc.ncx").decode()
    assert ncx.count("<navPoint") > len(ARTICLES)
    assert "Harbour Daily" in parts.read("EPUB/content.opf").decode()


def test_epub_is_clean_under_epubcheck_and_ace(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    assert validate.epubcheck(paths["epub"]) == []
    assert validate.ace(paths["epub"]) == []


def test_pdf_and_docx_pass_their_validators(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    assert validate.pdfua(paths["pdf"]) == []
    assert validate.pdf_structure(paths["pdf"]) == []
    assert validate.openxml_audit(paths["docx"]) == []


# ---------------------------------------------------------------- DOCX


def _docx_instructions(data: bytes) -> list[str]:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [" ".join("".join(t.itertext()).split()) for t in body.iter(f"{W}instrText")]


def test_docx_contents_filled_in_and_a_section_per_article(issue) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    parts = zipfile.ZipFile(paths["docx"])
    body = etree.fromstring(parts.read("word/document.xml"))
    assert any(i.startswith('TOC \\o "1-2"') for i in _docx_instructions(paths["docx"].read_bytes()))
    styled = lambda style: [squeeze("".join(t.text or "" for t in p.iter(f"{W}t")))  # noqa: E731
                            for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='{style}']") is not None]
    assert [t for t in styled("TOC1")] == [squeeze(t) for t in titles()]
    assert styled("Heading1") == [squeeze(t) for t in titles()]
    assert len(styled("TOC2")) >= 3
    restarts = re.findall(r"SEQ (?:图|圖|Figure) \\r (\d+)", "\n".join(_docx_instructions(paths["docx"].read_bytes())))
    assert restarts == ["1"] * len([path for path in ARTICLES if convert.read(str(path)).figures])
    sections = list(body.iter(f"{W}sectPr"))
    assert len(sections) == len(ARTICLES) + 1
    headers = [squeeze(parts.read(n).decode()) for n in parts.namelist() if n.startswith("word/header")]
    for title in titles():
        assert any(squeeze(title)[:12] in re.sub(r"<[^>]+>", "", h) for h in headers), title


def test_docx_opens_in_libreoffice_with_its_contents(issue, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, paths = issue
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(paths["docx"])], check=True, capture_output=True, timeout=300)
    pages = pdf_pages((tmp_path / (paths["docx"].stem + ".pdf")).read_bytes())
    contents = next(squeeze(p) for p in pages if squeeze("目录") in squeeze(p)[:20])
    for title in titles():
        assert squeeze(title)[:14] in contents


# ---------------------------------------------------------------- the command, listings and profiles


def test_one_bad_article_is_left_out_and_the_exit_status_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    status = main(["collect", str(SAMPLES[0]), str(bad), str(SAMPLES[1]), "--to", "pdf", "epub", "--title",
                   "Two good, one bad", "-o", str(out), "--offline"])
    assert status == 1
    assert f"{bad}: the file is empty (left out)" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["Two-good-one-bad.epub", "Two-good-one-bad.pdf"]
    parts = zipfile.ZipFile(out / "Two-good-one-bad.epub")
    assert len([n for n in parts.namelist() if n.startswith("EPUB/article-")]) == 2


def test_warnings_name_their_article(tmp_path: Path) -> None:
    article = tmp_path / "lost.md"
    article.write_text("# Lost picture\n\nText.\n\n![A picture](missing.png)\n", encoding="utf-8")
    collected = collect([SAMPLES[0], article], ["epub"], tmp_path / "out", title="Warnings", offline=True)
    report = collected.articles[1]
    assert report.warnings and all(w.startswith(f"{article}: ") for w in report.warnings)
    assert not collected.articles[0].warnings or all(str(SAMPLES[0]) in w for w in collected.articles[0].warnings)


def test_listing_orders_articles_and_overrides_title_authors_date(tmp_path: Path) -> None:
    listing = tmp_path / "collection.toml"
    seeds = SAMPLES[0].parent.parent
    third = shutil.copytree(SAMPLES[2].parent, tmp_path / "third") / SAMPLES[2].name  # inside the listing's folder
    listing.write_text(f'''title = "From the listing"
publication = "Listed Press"
[[article]]
path = "{third}"
[[article]]
path = "{SAMPLES[0].relative_to(seeds)}"
title = "A new headline"
authors = ["Ann Lee", "Bo Chen"]
date = "2025-01-02"
''', encoding="utf-8")
    shutil.copytree(SAMPLES[0].parent, tmp_path / SAMPLES[0].parent.name)
    collected = collect([listing], ["epub"], tmp_path / "out", offline=True)
    assert collected.ok and collected.title == "From the listing"
    assert [a.title for a in collected.articles] == [convert.read(str(third)).meta.title, "A new headline"]
    book = zipfile.ZipFile(collected.editions[0].output)  # type: ignore[arg-type]
    second = "".join(etree.fromstring(book.read("EPUB/article-002.xhtml")).itertext())
    assert "A new headline" in second and "Ann Lee and Bo Chen" in second and "2 January 2025" in second
    assert "Listed Press" in book.read("EPUB/content.opf").decode()
    assert collected.editions[0].output.name == issue_stem("From the listing") + ".epub"  # type: ignore[union-attr]


def test_profile_names_the_publication_in_single_builds_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = tmp_path / "convert.toml"
    profile.write_text('publication = "Harbour Daily"\ntheme = "modern"\neditions = ["epub"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([str(SAMPLES[0]), "--to", "epub", "-o", "single", "--offline", "-q"]) == 0
    book = zipfile.ZipFile(next((tmp_path / "single").glob("*.epub")))
    assert "<dc:publisher>Harbour Daily</dc:publisher>" in book.read("EPUB/content.opf").decode()
    from convert.writers.epub.cover import cover_text
    assert cover_text(convert.read(str(SAMPLES[0])).meta, "Harbour Daily")["source"] == "Harbour Daily"
    # the issue takes its formats and publication from the profile
    assert main(["collect", str(SAMPLES[0]), "--title", "Profiled", "-o", "issue", "--offline", "-q"]) == 0
    book = zipfile.ZipFile(tmp_path / "issue" / "Profiled.epub")
    assert "Harbour Daily" in book.read("EPUB/content.opf").decode()
    bad = tmp_path / "bad.toml"
    bad.write_text('publisher = "typo"\n', encoding="utf-8")
    assert main(["collect", str(SAMPLES[0]), "--title", "x", "--config", str(bad)]) == 2


def test_a_format_without_a_collection_edition_is_refused(tmp_path: Path) -> None:
    with pytest.raises(convert.UsageError, match="html"):
        collect(SAMPLES, ["html"], tmp_path, title="x")
    with pytest.raises(convert.UsageError, match="title"):
        collect(SAMPLES, ["pdf"], tmp_path)


def test_run_on_articles_share_pages_and_the_contents_still_points_at_them(tmp_path: Path) -> None:
    theme = tmp_path / "run-on.toml"
    theme.write_text('name = "run-on"\nextends = "default"\n[collection]\narticle_start = "run-on"\n', encoding="utf-8")
    paged = collect(SAMPLES, ["pdf"], tmp_path / "paged", title="Paged", offline=True)
    run_on = collect(SAMPLES, ["pdf", "docx"], tmp_path / "run-on", title="Run on", theme=str(theme), offline=True)
    assert paged.ok and run_on.ok
    pages = pdf_pages(run_on.editions[0].output.read_bytes())  # type: ignore[union-attr]
    assert len(pages) < len(pdf_pages(paged.editions[0].output.read_bytes()))  # type: ignore[union-attr]
    listed = [int(n) for n in re.findall(r"\.{3,}(\d+)", squeeze(pages[1]))]
    names = [convert.read(str(path)).meta.title for path in SAMPLES]
    assert len(listed) == len(names)
    for title, number in zip(names, listed):
        assert squeeze(title)[:14] in squeeze(pages[number - 1])
    body = etree.fromstring(zipfile.ZipFile(run_on.editions[1].output).read("word/document.xml"))  # type: ignore[arg-type]
    kinds = [t.get(f"{W}val") for t in body.iter(f"{W}type")]
    assert kinds.count("continuous") == len(SAMPLES) - 1


def test_the_runs_options_reach_every_article_of_an_issue(tmp_path: Path) -> None:
    """`convert collect --script hant` converts each article as a single build does (it used to read
    them without the run's options: no script conversion, the default theme's quotation marks)."""
    article = tmp_path / "a.md"
    article.write_text("# 港口发展\n\n记者说，这是“绿色港口”的一部分。\n", encoding="utf-8")
    collected = collect([article], ["epub"], tmp_path / "out", title="本期", offline=True, script="hant")
    text = epub_text(collected.editions[0].output.read_bytes())
    assert "港口發展" in text and "這是「綠色港口」的一部分" in text, text
