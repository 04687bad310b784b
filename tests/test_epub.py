"""The e-reader edition: EPUBCheck 0 errors / 0 warnings, metadata, structure, traps, reproducibility."""
from __future__ import annotations

import io
import json
import re
import socket
import time
import uuid
import zipfile
from pathlib import Path
from typing import Iterator

import pytest
from lxml import etree
from PIL import Image as PILImage

from convert import model as m
from convert.builder import load
from convert.checks import validate
from convert.theme import load_theme
from convert.writers.epub import documents as docs

from conftest import ARTICLES, NO_USER_SEEDS, SEEDS, USER_SEEDS, article_id, convert_bytes, serving_folder

OPF = "http://www.idpf.org/2007/opf"
NS = {"opf": OPF, "dc": "http://purl.org/dc/elements/1.1/", "x": docs.XHTML_NS, "epub": docs.EPUB_NS,
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}

# ---------------------------------------------------------------- helpers


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def opf(data: bytes) -> etree._Element:
    return xml(members(data)["EPUB/content.opf"])


def metas(package: etree._Element, prop: str) -> list[str]:
    return [e.text or "" for e in package.iterfind(f".//opf:meta[@property='{prop}']", NS)]


def write_png(path: Path, size: tuple[int, int] = (320, 200)) -> None:
    PILImage.new("RGB", size, "#3a7").save(path)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def epubcheck_reports(paths: list[Path]) -> dict[Path, dict]:
    """EPUBCheck's JSON report for each book, one JVM for all (the validator `convert --check` runs).
    Fails, never skips, when EPUBCheck cannot run."""
    reports = validate.epubcheck_reports(paths)
    for path, report in reports.items():
        assert report is not None, validate.epubcheck_findings(None)[0].message
    return reports  # type: ignore[return-value]


def problems(report: dict) -> list[str]:
    return [f"{msg['severity']} {msg['ID']}: {msg['message']} @ {[loc.get('path') for loc in msg['locations']]}"
            for msg in report["messages"] if msg["severity"] in ("FATAL", "ERROR", "WARNING")]


# ---------------------------------------------------------------- the books under test


@pytest.fixture(scope="module")
def image_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    write_png(root / "photo.png")
    with serving_folder(root) as base:
        yield base


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, image_server: str) -> dict[str, Path]:
    """Articles written for these tests: missing images, unreachable and served remote images,
    an image without any text alternative, and a bare paragraph with no title or heading."""
    root = tmp_path_factory.mktemp("articles")
    unreachable = f"http://127.0.0.1:{closed_port()}/gone.png"
    texts = {
        "missing-images": f"""---
title: "Pictures that are not there"
author: [Test Writer]
date: 2024-05-01
lang: en
keywords: [testing, placeholders]
---

The first paragraph says what happened.

![A harbour crane at dusk](missing/crane.png)

## Remote pictures

![A chart of nothing](https://images.invalid/chart.png)

![An unreachable photo]({unreachable})

See the [local notes](notes.html) and [a missing anchor](#nowhere) for more.
""",
        "no-alt": f"""---
title: "An image with no words"
date: 2024-05-02T08:00:00+08:00
lang: en
---

Before the picture.

![]({image_server}/photo.png)

After the picture.
""",
        "with-alt": f"""---
title: "An image with words"
date: 2024-05-03
lang: en
---

Before the picture.

![A green rectangle standing in for a photo]({image_server}/photo.png)
""",
        "bare": "Just one short paragraph, with no title and no heading at all.\n",
    }
    paths = {}
    for name, text in texts.items():
        folder = root / name
        folder.mkdir()
        (folder / "article.md").write_text(text, encoding="utf-8")
        paths[name] = folder / "article.md"
    return paths


OPTIONS = {"allow_private": True}


@pytest.fixture(scope="module")
def books(made: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every book the tests look at, built once: the user's seed, every sample, the made articles,
    and the seed again with embedded fonts."""
    cache = tmp_path_factory.mktemp("cache")
    built = {article_id(path): convert_bytes(path, "epub", cache_dir=cache) for path in ARTICLES}
    for name, path in made.items():
        built[name] = convert_bytes(path, "epub", cache_dir=cache, **OPTIONS)
    if USER_SEEDS:
        built["seed+fonts"] = convert_bytes(USER_SEEDS[0], "epub", cache_dir=cache, embed_fonts=True)
    return built


@pytest.fixture(scope="module")
def reports(books: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("epubcheck")
    paths = {}
    for name, data in books.items():
        paths[name] = folder / f"{re.sub(r'[^A-Za-z0-9_-]', '_', name)}.epub"
        paths[name].write_bytes(data)
    # A deliberately broken book proves that the validator really looks.
    broken = members(books["bare"])
    broken["EPUB/text.xhtml"] = broken["EPUB/text.xhtml"].replace(b"</p>", b'<img src="nothere.png" alt="x"/></p>', 1)
    paths["broken"] = folder / "broken.epub"
    with zipfile.ZipFile(paths["broken"], "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in broken.items():
            if name != "mimetype":
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    found = epubcheck_reports(list(paths.values()))
    return {name: found[path] for name, path in paths.items()}


BOOK_NAMES = [article_id(p) for p in ARTICLES] + ["missing-images", "no-alt", "with-alt", "bare"] + (
    ["seed+fonts"] if USER_SEEDS else [])


# ---------------------------------------------------------------- validity


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_epubcheck_reports_no_error_and_no_warning(reports: dict[str, dict], name: str) -> None:
    report = reports[name]
    assert report["checker"]["nFatal"] == 0 and report["checker"]["nError"] == 0, problems(report)
    assert report["checker"]["nWarning"] == 0, problems(report)
    assert report["publication"]["ePubVersion"].startswith("3")


def test_epubcheck_really_checks(reports: dict[str, dict]) -> None:
    assert any("RSC-007" in line for line in problems(reports["broken"])), problems(reports["broken"])


# ---------------------------------------------------------------- metadata


def test_metadata_of_a_chinese_article(books: dict[str, bytes]) -> None:
    package = opf(books["zh-news-harbor"])
    source = "https://example.com/news/2024/1118/harbor-green-shipping.shtml"
    assert package.findtext(".//dc:title", namespaces=NS).startswith("东临港启动")
    assert package.findtext(".//dc:language", namespaces=NS) == "zh-CN"
    assert package.findtext(".//dc:identifier", namespaces=NS) == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, source)}"
    assert package.findtext(".//dc:creator", namespaces=NS) == "王晓明"
    assert metas(package, "role") == ["edt"]
    assert package.findtext(".//dc:date", namespaces=NS) == "2024-11-18T09:42:00+08:00"  # zone-less: CST (dates.py)
    assert package.findtext(".//dc:publisher", namespaces=NS) == "example.com"
    assert package.findtext(".//dc:source", namespaces=NS) == source
    assert metas(package, "dcterms:modified") == ["2024-11-18T01:42:00Z"]  # 09:42 China Standard Time
    assert [e.text for e in package.iterfind(".//dc:subject", NS)] == ["港口", "绿色航运", "岸电"]


def test_metadata_of_an_english_article(books: dict[str, bytes]) -> None:
    package = opf(books["en-budget-report"])
    assert [e.text for e in package.iterfind(".//dc:creator", NS)] == ["Margaret O’Donnell", "Ravi Shankar"]
    assert metas(package, "role") == ["aut", "aut"]
    assert package.findtext(".//dc:date", namespaces=NS) == "2025-03-12T08:30:00-05:00"  # as the article gives it
    assert metas(package, "dcterms:modified") == ["2025-03-12T13:30:00Z"]
    assert "FY2025 budget" in package.findtext(".//dc:description", namespaces=NS)


def test_identifier_is_stable_and_derived_from_content(books: dict[str, bytes], made: dict[str, Path]) -> None:
    ident = opf(books["bare"]).findtext(".//dc:identifier", namespaces=NS)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident)
    assert opf(convert_bytes(made["bare"], "epub")).findtext(".//dc:identifier", namespaces=NS) == ident
    assert opf(books["with-alt"]).findtext(".//dc:identifier", namespaces=NS) != ident


def test_undated_article_takes_its_time_from_source_date_epoch(made: dict[str, Path],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = convert_bytes(made["bare"], "epub")
    assert metas(opf(data), "dcterms:modified") == ["2023-11-14T22:13:20Z"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_undated_article_without_source_date_epoch_is_reproducible(made: dict[str, Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither a date nor SOURCE_DATE_EPOCH: dated by zip's epoch, as the DOCX is, never by the clock."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = convert_bytes(made["bare"], "epub")
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    assert convert_bytes(made["bare"], "epub") == first
    assert metas(opf(first), "dcterms:modified") == ["1980-01-01T00:00:00Z"]


@pytest.mark.parametrize("date", ["2208-05-01", "0001-01-01T00:00:00+08:00"])
def test_a_date_zip_cannot_hold_still_makes_a_book(tmp_path: Path, date: str) -> None:
    article = tmp_path / "article.md"
    article.write_text(f"---\ntitle: T\ndate: {date}\nlang: en\n---\n\nText.\n", encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(convert_bytes(article, "epub"))) as archive:
        assert {info.date_time[0] for info in archive.infolist()} <= {1980, 2107}
        assert archive.testzip() is None


def test_accessibility_claims_follow_the_content(books: dict[str, bytes]) -> None:
    described = opf(books["with-alt"])
    assert "alternativeText" in metas(described, "schema:accessibilityFeature")
    assert metas(described, "schema:accessMode") == ["textual", "visual"]
    assert "textual" in metas(described, "schema:accessModeSufficient")

    undescribed = opf(books["no-alt"])
    assert "alternativeText" not in metas(undescribed, "schema:accessibilityFeature")
    assert metas(undescribed, "schema:accessModeSufficient") == ["textual,visual"]
    assert "1 of 1 images lack a text alternative" in metas(undescribed, "schema:accessibilitySummary")[0]

    textual = opf(books["missing-images"])  # nothing packaged: nothing visual to claim
    assert metas(textual, "schema:accessMode") == ["textual"]
    assert "alternativeText" not in metas(textual, "schema:accessibilityFeature")
    for book in (described, undescribed, textual):
        assert metas(book, "schema:accessibilityHazard") == ["none"]
        assert metas(book, "schema:accessibilitySummary")[0]


# ---------------------------------------------------------------- structure


def test_nav_and_ncx_follow_the_headings(books: dict[str, bytes]) -> None:
    parts = members(books["zh-news-harbor"])
    nav = xml(parts["EPUB/nav.xhtml"])
    links = nav.findall(".//x:nav[@epub:type='toc']//x:a", NS)
    assert [a.get("href") for a in links] == ["text.xhtml", "text.xhtml#sec-1", "text.xhtml#sec-2", "text.xhtml#sec-3"]
    assert links[1].text == "绿色航运，从岸电开始"
    text = xml(parts["EPUB/text.xhtml"])
    for a in links[1:]:
        assert text.find(f".//*[@id='{a.get('href').split('#')[1]}']") is not None
    ncx = xml(parts["EPUB/toc.ncx"])
    assert [c.get("src") for c in ncx.iterfind(".//ncx:content", NS)] == [a.get("href") for a in links]


def test_toc_is_never_empty(books: dict[str, bytes]) -> None:
    """ebooklib writes an empty TOC (RSC-005) when a book has no entries: a bare article has some."""
    parts = members(books["bare"])
    entries = xml(parts["EPUB/nav.xhtml"]).findall(".//x:nav[@epub:type='toc']/x:ol/x:li/x:a", NS)
    assert [a.get("href") for a in entries] == ["text.xhtml"]
    assert len(xml(parts["EPUB/toc.ncx"]).findall(".//ncx:navPoint", NS)) == 1


def test_every_document_links_the_theme_stylesheet(books: dict[str, bytes]) -> None:
    """ebooklib drops `<head>` content it did not create; ours must survive packaging."""
    parts = members(books["zh-news-harbor"])
    manifest = {e.get("href"): e.get("media-type") for e in opf(books["zh-news-harbor"]).iterfind(".//opf:item", NS)}
    assert manifest["style.css"] == "text/css"
    css = parts["EPUB/style.css"].decode()
    assert "#7a1f1f" in css and "Noto Serif CJK SC" in css and "@page" not in css
    for name in ("cover.xhtml", "text.xhtml", "nav.xhtml"):
        root = xml(parts[f"EPUB/{name}"])
        assert root.get("lang") == "zh-CN" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
        assert [link.get("href") for link in root.iterfind(".//x:head/x:link[@rel='stylesheet']", NS)] == ["style.css"]
        assert root.findtext(".//x:head/x:title", namespaces=NS)


@pytest.mark.parametrize("path", ARTICLES, ids=article_id)
def test_text_holds_every_paragraph(books: dict[str, bytes], path: Path) -> None:
    """ebooklib turns markup it cannot parse into an empty chapter: every paragraph must be there."""
    _, document = load(path)
    body = xml(members(books[article_id(path)])["EPUB/text.xhtml"]).find("x:body", NS)
    text = " ".join("".join(body.itertext()).split())
    paragraphs = [b for b in m.walk_blocks(document.body) if isinstance(b, m.Paragraph)]
    assert paragraphs
    for paragraph in paragraphs:
        expected = " ".join(m.plain_text(paragraph.content).split())
        assert expected in text, expected[:60]


def test_bad_markup_is_an_error_not_an_empty_chapter() -> None:
    with pytest.raises(docs.XhtmlError, match="well-formed"):
        docs.parse(docs.page("t", "en", "<p>unclosed <b>bold</p>"), "text.xhtml")
    with pytest.raises(docs.XhtmlError, match="empty body"):
        docs.parse(docs.page("t", "en", ""), "text.xhtml")


def test_title_block_opens_the_article_document(books: dict[str, bytes], user_seed: Path) -> None:
    """No page holding the headline alone: the text document opens with the title, the byline (date,
    source) and the standfirst, and the spine, TOC, landmarks and guide know no other title page."""
    parts = members(books[article_id(user_seed)])
    assert "EPUB/title.xhtml" not in parts
    text = xml(parts["EPUB/text.xhtml"])
    article = text.find(".//x:body/x:article", NS)
    header = article[0]
    assert header.tag == f"{{{docs.XHTML_NS}}}header" and header.get("class") == "article-header"
    assert "马上消费上榜" in "".join(header.find("x:h1", NS).itertext())  # its words are typesetting spans
    words = "".join(header.itertext())
    assert "编辑：许楠楠" in words and "2023年10月30日 10:57" in words and "来源：finance.caijing.com.cn" in words
    assert len(text.findall(".//x:h1", NS)) == 1  # the title once
    nav = xml(parts["EPUB/nav.xhtml"])
    landmarks = [a.get("href") for a in nav.iterfind(".//x:nav[@epub:type='landmarks']//x:a", NS)]
    assert landmarks == ["cover.xhtml", "text.xhtml"]
    guide = [r.get("href") for r in opf(books[article_id(user_seed)]).iterfind(".//opf:guide/opf:reference", NS)]
    assert "title.xhtml" not in guide
    english = xml(members(books["en-budget-report"])["EPUB/text.xhtml"])
    standfirst = english.find(".//x:header/x:p[@class='description']", NS)
    assert standfirst is not None and "FY2025 budget" in standfirst.text


def test_a_summary_that_repeats_the_lead_is_not_shown_above_it() -> None:
    """A web page's summary is often its lead's first sentence, shortened: the reader read it twice at the
    top of the book. It stays the book's dc:description."""
    import convert
    page = Path(__file__).parent.parent / "seeds" / "pages" / "peoples-daily-smart-ports.html"
    book = convert.convert(page, to="epub", offline=True)
    assert xml(members(book)["EPUB/text.xhtml"]).find(".//x:header/x:p[@class='description']", NS) is None  # type: ignore[arg-type]
    described = opf(book).findtext(".//dc:description", namespaces=NS)  # type: ignore[arg-type]
    assert described and "交通运输部5日发布数据显示" in described


def test_package_states_its_language(books: dict[str, bytes]) -> None:
    """Ace's epub-lang: the OPF package element carries xml:lang, as dc:language says."""
    for name, lang in (("zh-news-harbor", "zh-CN"), ("en-budget-report", "en")):
        package = opf(books[name])
        assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert package.findtext(".//dc:language", namespaces=NS) == lang


def test_stylesheet_is_relative_and_hyphenates_what_it_justifies(books: dict[str, bytes]) -> None:
    """A reflowable book: text sizes relative to the reader's own, pictures limited by the screen, not
    millimetres; justified Latin text hyphenated, and left-aligned on a narrow screen (the theme's
    choice); links underlined, not told apart by colour alone."""
    import tinycss2

    theme = load_theme()
    css = members(books["en-budget-report"])["EPUB/style.css"].decode()
    sizes = re.findall(r"(?:font-size|max-height|max-width|height|width)\s*:\s*([^;}]+)", css)
    assert sizes and not [v for v in sizes if re.search(r"\d(pt|mm|cm|in|px)\b", v)], sizes
    rules = {tinycss2.serialize(r.prelude).strip(): tinycss2.serialize(r.content)
             for r in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
             if r.type == "qualified-rule"}
    assert f"font-size: {theme.ereader.size_pt / 12 * 100:.4g}%" in rules["html"]
    assert f"max-height: {theme.figure.max_height_vh:g}vh" in rules["figure img"]
    assert re.search(r"(?<!-)hyphens: auto", rules["article"]) and "-webkit-hyphens: auto" in rules["article"]
    assert "text-align: justify" in rules["p"]
    narrow = [r for r in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
              if r.type == "at-rule" and r.lower_at_keyword == "media"]
    assert any(f"max-width: {theme.text.narrow_width_em:g}em" in tinycss2.serialize(r.prelude)
               and "article:not(:lang(zh)):not(:lang(ja)) p" in tinycss2.serialize(r.content)
               and "text-align: start" in tinycss2.serialize(r.content) for r in narrow)  # right, in Arabic
    assert "text-decoration: underline" in rules[".article-body a, .footnotes a, .byline a"]


def test_figures_notes_and_images(books: dict[str, bytes]) -> None:
    parts = members(books["zh-news-harbor"])
    manifest = {e.get("href"): e.get("media-type") for e in opf(books["zh-news-harbor"]).iterfind(".//opf:item", NS)}
    images = {href: kind for href, kind in manifest.items() if href.startswith("images/")}
    assert sorted(images.values()) == ["image/jpeg", "image/png"]
    for href, kind in images.items():
        assert PILImage.open(io.BytesIO(parts[f"EPUB/{href}"])).format == kind.split("/")[1].upper()
    text = xml(parts["EPUB/text.xhtml"])
    captions = ["".join(c.itertext()) for c in text.iterfind(".//x:figure/x:figcaption", NS)]
    assert captions[0].startswith("图 1　傍晚时分") and captions[1].startswith("图 2　")
    assert {img.get("src") for img in text.iterfind(".//x:figure/x:img", NS)} == set(images)

    notes = xml(members(books["en-budget-report"])["EPUB/text.xhtml"])
    refs = notes.findall(".//x:a[@epub:type='noteref']", NS)
    asides = notes.findall(".//x:aside[@epub:type='footnote']", NS)
    assert len(refs) == len(asides) == 3
    assert {r.get("href")[1:] for r in refs} == {a.get("id") for a in asides}


def test_missing_and_remote_images_become_placeholders(books: dict[str, bytes], user_seed: Path) -> None:
    for name in ("missing-images", article_id(user_seed)):
        parts = members(books[name])
        text = parts["EPUB/text.xhtml"].decode()
        assert 'class="image-placeholder"' in text
        assert not re.search(r'src="(https?:|data:)', text)
        assert not [n for n in parts if n.startswith("EPUB/images/")]
        assert "remote-resources" not in parts["EPUB/content.opf"].decode()
    text = xml(members(books["missing-images"])["EPUB/text.xhtml"])
    links = text.findall(".//x:a", NS)
    assert [(a.text, a.get("href")) for a in links] == [("a missing anchor", None)]  # RSC-012 otherwise


def test_cover_is_generated_in_the_theme(books: dict[str, bytes]) -> None:
    package = opf(books["zh-news-harbor"])
    item = package.find(".//opf:item[@properties='cover-image']", NS)
    assert item is not None and item.get("media-type") == "image/png"
    assert package.find(".//opf:meta[@name='cover']", NS).get("content") == item.get("id")
    parts = members(books["zh-news-harbor"])
    cover = PILImage.open(io.BytesIO(parts[f"EPUB/{item.get('href')}"])).convert("RGB")
    assert cover.size == (1200, 1800)
    assert cover.getpixel((5, 5)) == (0x7a, 0x1f, 0x1f)  # the accent band
    assert cover.getpixel((600, 1500)) == (0xf4, 0xef, 0xe6)  # the paper colour
    colours = {colour for _, colour in cover.getcolors(1_000_000)}
    assert (0x7a, 0x1f, 0x1f) in colours and len(colours) > 50  # anti-aliased text was drawn
    page = xml(parts["EPUB/cover.xhtml"])
    svg = page.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg.get("aria-label").startswith("东临港启动") and svg.get("role") == "img"
    assert svg.find("{http://www.w3.org/2000/svg}image").get("{http://www.w3.org/1999/xlink}href") == item.get("href")
    assert package.find(".//opf:item[@id='cover']", NS).get("properties") == "svg"
    assert [e.get("idref") for e in package.iterfind(".//opf:itemref", NS)] == ["cover", "text"]


# ---------------------------------------------------------------- fonts


def test_fonts_are_not_embedded_by_default(books: dict[str, bytes]) -> None:
    assert not [n for n in members(books["zh-news-harbor"]) if n.startswith("EPUB/fonts/")]


def test_embedded_fonts_are_subsets_covering_the_text(books: dict[str, bytes]) -> None:
    if "seed+fonts" not in books:
        pytest.skip(NO_USER_SEEDS)
    from fontTools.ttLib import TTFont

    parts = members(books["seed+fonts"])
    fonts = {n: d for n, d in parts.items() if n.startswith("EPUB/fonts/")}
    assert len(fonts) >= 2 and sum(map(len, fonts.values())) < 2_000_000
    body_text = "".join(xml(parts["EPUB/text.xhtml"]).find("x:body", NS).itertext())
    serif = next(d for n, d in fonts.items() if "serif" in n)
    font = TTFont(io.BytesIO(serif))
    cmap = font.getBestCmap()
    assert {ch for ch in body_text if not ch.isspace()} <= {chr(c) for c in cmap}
    assert len(cmap) < 2000  # a subset, not the 65,000-glyph font
    features = {table: {record.FeatureTag for record in font[table].table.FeatureList.FeatureRecord}
                for table in ("GPOS", "GSUB")}
    assert "halt" in features["GPOS"] and "vert" in features["GSUB"]  # compressed marks, vertical forms
    css = parts["EPUB/style.css"].decode()
    assert css.count("@font-face") == len(fonts)
    manifest = {e.get("href"): e.get("media-type") for e in opf(books["seed+fonts"]).iterfind(".//opf:item", NS)}
    assert all(manifest[n.removeprefix("EPUB/")] in ("font/otf", "font/ttf") for n in fonts)


# ---------------------------------------------------------------- reproducibility and reading


def test_two_builds_are_byte_identical(books: dict[str, bytes]) -> None:
    first = convert_bytes(SEEDS / "zh-news-harbor" / "article.md", "epub")
    time.sleep(1.1)  # a clock-dependent timestamp would now differ
    assert convert_bytes(SEEDS / "zh-news-harbor" / "article.md", "epub") == first == books["zh-news-harbor"]


def test_container_layout(books: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(books["en-budget-report"])) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[0].extra == b"" and books["en-budget-report"][30:38] == b"mimetype"
    assert infos[1].filename == "META-INF/container.xml"
    assert {i.date_time for i in infos} == {(2025, 3, 12, 13, 30, 0)}


def test_an_independent_reader_opens_it(books: dict[str, bytes], tmp_path: Path) -> None:
    """pandoc's EPUB reader (not ebooklib) reads the metadata and the text."""
    import pypandoc

    path = tmp_path / "book.epub"
    path.write_bytes(books["en-budget-report"])
    meta = json.loads(pypandoc.convert_file(str(path), "json", format="epub"))["meta"]

    def text(value: dict) -> str:
        return pypandoc.convert_text(json.dumps({"pandoc-api-version": [1, 23, 1], "meta": {},
                                                 "blocks": [{"t": "Plain", "c": value["c"]}]}), "plain",
                                     format="json").strip()

    assert text(meta["title"]).startswith("Riverton’s $1.2 Billion Budget")
    assert text(meta["language"]) == "en"
    authors = sorted(text(a) for a in meta["author"]["c"])
    assert authors == ["Margaret O’Donnell", "Ravi Shankar"]
    plain = pypandoc.convert_file(str(path), "plain", format="epub", extra_args=["--wrap=none"])
    assert "Mayor Elena Vasquez on Tuesday unveiled" in plain


def test_ebooklibs_zip_is_not_deflated_before_rezip_deflates_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """`rezip` reads every entry back and deflates it once: ebooklib's own zip is written uncompressed
    (its `compresslevel` 0), not deflated for nothing first."""
    import convert.writers.epub.book as epub_writer
    from convert.builder import convert as convert_one

    seen: list[bytes] = []
    real = epub_writer.rezip
    monkeypatch.setattr(epub_writer, "rezip", lambda package, *a, **k: seen.append(package) or real(package, *a, **k))
    book = convert_one(SEEDS / "zh-news-harbor" / "article.md", to="epub")
    with zipfile.ZipFile(io.BytesIO(seen[0])) as written:
        text = written.getinfo("EPUB/text.xhtml")
        assert text.compress_size >= text.file_size  # stored in deflate's blocks, not compressed
    with zipfile.ZipFile(io.BytesIO(book)) as final:
        text = final.getinfo("EPUB/text.xhtml")
        assert text.compress_type == zipfile.ZIP_DEFLATED and text.compress_size < text.file_size / 2
