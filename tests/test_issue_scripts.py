"""An issue mixing scripts: a Traditional article in a Simplified issue (and the reverse), with an
English one. Each article is set in its own script's faces, labels, marks and language tags in the
PDF, the EPUB and the DOCX; the issue's own words (contents, page numbers) follow the issue's language.
"""
from __future__ import annotations

import collections
import re
import zipfile
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from lxml import etree

from convert.builder.collection import collect
from convert.checks.typography import _measure, mark_pairs, pdf_lines

from conftest import SEEDS

HANS, HANT, ENGLISH = (SEEDS / name / "article.md" for name in ("zh-news-harbor", "zh-hant-metro", "en-budget-report"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A phrase of each article's body, and the script its faces must be drawn to.
PHRASES = {"hans": ("东临港集团在港区综合服务中心", "SC"), "hant": ("臺北市政府捷運工程局", "TC")}
ORDERS = {"hans": [HANS, HANT, ENGLISH], "hant": [HANT, HANS, ENGLISH]}  # the first article's language wins


@pytest.fixture(scope="module", params=["hans", "hant"])
def issue(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp(f"issue-{request.param}")
    done = collect(ORDERS[request.param], ["pdf", "epub", "docx"], out, title="要聞", offline=True,
                   embed_fonts=True)
    assert done.ok, [(a.source, a.error) for a in done.articles] + [e.error for e in done.editions]
    return request.param, {e.format: e.output for e in done.editions}  # type: ignore[misc]


def _faces_of(chars: list[dict], phrase: str) -> set[str]:
    text = "".join(c["text"] for c in chars)
    start = text.find(phrase)
    assert start >= 0, phrase
    return {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in chars[start:start + len(phrase)]}


def test_pdf_draws_each_article_in_its_scripts_faces(issue: tuple[str, dict[str, Path]]) -> None:
    script, editions = issue
    with pdfplumber.open(editions["pdf"]) as pdf:
        pages = [(page.chars, page.extract_text()) for page in pdf.pages]
    for phrase, standard in PHRASES.values():
        chars = next(chars for chars, text in pages if phrase in text.replace("\n", ""))
        body = [c for c in chars if c["size"] > 9]  # without the running head and the page number
        assert all(f"CJK-{standard}" in face for face in _faces_of(body, phrase)), (phrase, _faces_of(body, phrase))
    # Traditional marks centred (TC face), Simplified ones not; the English article's words in Latin faces.
    hant_page = next(chars for chars, text in pages if PHRASES["hant"][0] in text.replace("\n", ""))
    marks = collections.Counter(re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in hant_page if c["text"] in "，。")
    assert marks and all("CJK-TC" in face for face in marks), marks
    english = next(chars for chars, text in pages if "Riverton" in text and "council" in text)
    assert {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in english if c["text"].isalpha() and c["size"] > 9} \
        <= {"Noto-Serif", "Noto-Serif-Bold", "Noto-Serif-Italic", "Noto-Sans-Bold", "Noto-Sans"}


def test_pdf_running_head_labels_and_issue_words(issue: tuple[str, dict[str, Path]]) -> None:
    script, editions = issue
    with pdfplumber.open(editions["pdf"]) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
        heads = {}
        for page, text in zip(pdf.pages, texts):
            top = [c for c in page.chars if c["top"] < 50]  # the running head
            if top:
                heads["".join(c["text"] for c in top)] = {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in top
                                                          if re.match(r"[\u4e00-\u9fff]", c["text"])}
        cover = {re.sub(r"^[A-Z]{6}\+", "", c["fontname"]) for c in pdf.pages[0].chars
                 if re.match(r"[\u4e00-\u9fff]", c["text"])}
    hant_head = next(faces for text, faces in heads.items() if "北捷環狀線" in text)
    hans_head = next(faces for text, faces in heads.items() if "东临港" in text)
    assert hant_head and all("CJK-TC" in face for face in hant_head), hant_head
    assert hans_head and all("CJK-SC" in face for face in hans_head), hans_head
    issue_standard = "SC" if script == "hans" else "TC"
    assert cover and all(f"CJK-{issue_standard}" in face for face in cover), cover  # the masthead: the issue's faces
    flat = "".join(texts).replace(" ", "").replace("\u3000", "")
    assert "圖1" in flat and "图1" in flat  # each article's own figure label
    assert ("目录" in flat) == (script == "hans") and ("目錄" in flat) == (script == "hant")
    assert ("页" in texts[-1]) == (script == "hans") and ("頁" in texts[-1]) == (script == "hant")
    # The compressed-punctuation measurement knows each article's faces (centred marks in TC).
    with open(editions["pdf"], "rb") as handle:
        pairs = mark_pairs(pdf_lines(handle.read()))
    assert pairs.pairs >= 20 and pairs.share >= 0.95, pairs.missed


def test_pdf_tags_each_articles_language(issue: tuple[str, dict[str, Path]]) -> None:
    script, editions = issue
    pdf = pikepdf.open(editions["pdf"])
    issue_lang = "zh-CN" if script == "hans" else "zh-TW"
    assert str(pdf.Root.Lang) == issue_lang
    langs: list[str] = []

    def walk(element: object) -> None:
        if not isinstance(element, pikepdf.Dictionary):
            return
        if element.get("/S") == "/Art":
            langs.append(str(element.get("/Lang", issue_lang)))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    order = ["zh-CN", "zh-TW", "en"] if script == "hans" else ["zh-TW", "zh-CN", "en"]
    assert list(dict.fromkeys(langs)) == order, langs


def test_epub_chapters_languages_and_fonts(issue: tuple[str, dict[str, Path]], chromium: str, tmp_path: Path) -> None:
    script, editions = issue
    with zipfile.ZipFile(editions["epub"]) as book:
        book.extractall(tmp_path)
        opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    first, second = ("zh-CN", "zh-TW") if script == "hans" else ("zh-TW", "zh-CN")
    assert re.findall(r"<dc:language>([^<]+)</dc:language>", opf) == [first, second, "en"]
    nav = etree.parse(str(next(tmp_path.rglob("nav.xhtml"))))
    tagged = {li.get("lang") for li in nav.iter("{http://www.w3.org/1999/xhtml}li") if li.get("lang")}
    assert tagged == {second, "en"}  # the contents line of an article in another language says so
    fonts = {p.name for p in tmp_path.rglob("fonts/*")}
    assert any("cjk-tc" in f for f in fonts) and any("cjk-sc" in f for f in fonts), fonts
    chapters = sorted(tmp_path.rglob("article-*.xhtml"))
    expected = {"zh-CN": "Noto Serif CJK SC", "zh-TW": "Noto Serif CJK TC", "en": "Noto Serif"}
    headings = {"zh-CN": "Noto Sans CJK SC", "zh-TW": "Noto Sans CJK TC", "en": "Noto Sans"}
    for chapter, lang in zip(chapters, [first, second, "en"]):
        root = etree.parse(str(chapter)).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        found = _measure(chapter, _FONT_SCRIPT, (800, 1000), chromium)
        first_family = {key: value.split(",")[0].strip().strip('"') for key, value in found[0].items()}
        assert first_family == {"p": expected[lang], "h1": headings[lang], "running": expected[lang]}, chapter.name
        assert found[1] == {"p": True, "h1": True, "running": True}  # the faces are there (embedded)


_FONT_SCRIPT = """
(function () {
  var p = document.querySelector('.article-body p'), h1 = document.querySelector('h1.title');
  var fam = function (el) { return getComputedStyle(el).fontFamily; };
  var out = [{p: fam(p), h1: fam(h1), running: fam(document.querySelector('article'))}, {}];
  ['p', 'h1', 'running'].forEach(function (k) {
    var first = out[0][k].split(',')[0].trim();
    out[1][k] = document.fonts.check('16px ' + first, '\u4e2d');
  });
  var pre = document.createElement('pre'); pre.id = 'convert-measure';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
"""


def test_docx_runs_carry_their_articles_language(issue: tuple[str, dict[str, Path]]) -> None:
    script, editions = issue
    with zipfile.ZipFile(editions["docx"]) as word:
        body = etree.fromstring(word.read("word/document.xml"))
        styles = etree.fromstring(word.read("word/styles.xml"))
    issue_lang = "zh-CN" if script == "hans" else "zh-TW"
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}eastAsia") == issue_lang
    for phrase, standard in PHRASES.values():
        paragraph = next(p for p in body.iter(f"{W}p") if phrase in "".join(p.itertext()))
        run = next(r for r in paragraph.iter(f"{W}r") if phrase in "".join(r.itertext()))
        lang = run.find(f"{W}rPr/{W}lang")
        own = "zh-CN" if standard == "SC" else "zh-TW"
        if own == issue_lang:  # the issue's own language: the styles' faces and languages, nothing added
            assert lang is None and run.find(f"{W}rPr/{W}rFonts") is None
        else:
            assert lang.get(f"{W}eastAsia") == own
            assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == f"Noto Serif CJK {standard}"
    english = next(p for p in body.iter(f"{W}p") if "Council members were quick" in "".join(p.itertext()))
    for run in english.iter(f"{W}r"):
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}val") == "en"
        assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "Noto Serif"  # Latin faces first
    toc_line = next(p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='TOC1']") is not None
                    and "北捷環狀線" in "".join(p.itertext()))
    toc_langs = {lang.get(f"{W}eastAsia") for lang in toc_line.iter(f"{W}lang")}
    assert toc_langs == ({"zh-TW"} if script == "hans" else set())  # the contents line in its article's language
    labels = "".join(body.itertext())
    assert "SEQ 圖" in labels and "SEQ 图" in labels  # each article counts its own label
