"""The vertical edition (`--edition vertical`): EPUB, DOCX and HTML page set in columns read right to
left, short numbers upright in one cell (tate-chu-yoko); the PDF refuses it, naming why. Measured in
the EPUB's package and stylesheet, as headless Chromium lays the chapter out, in the DOCX's section
properties and as LibreOffice renders it; the validators must pass (and fail, not skip, when missing)."""
from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

import convert
from convert.builder import Options
from convert.builder.manifest import edition_key
from convert.checks import validate
from convert.checks.typography import browser_boxes
from convert.errors import UsageError
from convert.scripts import CJK_LETTER, upright_numbers
from convert.theme import load_theme
from convert.writers.cjk import Typesetting, typeset

from conftest import ARTICLES, ROOT, SAMPLES, article_id

CHINESE = [a for a in ARTICLES if convert.read(str(a)).is_chinese]
MIXED = next(a for a in SAMPLES if a.parent.name == "zh-mixed-figures")
HARBOR = next(a for a in SAMPLES if a.parent.name == "zh-news-harbor")
TABLE_PARTS = {"caption", "th", "td"}
CODE_ARTICLE = """# 港口第3季度报告

3月18日，排名全国第36位，2024年完成，吞吐量1.8亿吨，09:30开始，采用5G专网，覆盖率达到100%。

代码 `第36位` 与正文不同。

```
第12位
```
"""


@functools.lru_cache(maxsize=None)
def built(path: Path, fmt: str, edition: str = "vertical") -> bytes:
    return convert.convert(path, to=fmt, offline=True, edition=edition)  # type: ignore[return-value]


def epub_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return book.read(f"EPUB/{name}").decode("utf-8")


# ---------------------------------------------------------------- the markup


def test_short_numbers_only() -> None:
    text = "3月18日，第36位，2024年，1.8亿，1,200箱，09:30，5G，100%，23.5%，-5度，7 到 8 个"
    assert [text[start:end] for start, end in upright_numbers(text, 2)] == ["3", "18", "36", "7", "8"]
    assert [text[start:end] for start, end in upright_numbers(text, 4)] == ["3", "18", "36", "2024", "7", "8"]
    assert upright_numbers(text, 0) == []


def test_tcy_spans_around_short_numbers_not_in_code() -> None:
    markup = ("<p>3月18日排名第36位，2024年达到100%，<b>1</b>2个</p><p><code>第36位</code></p>"
              "<pre>第12位</pre><p>He said 12 times.</p>")
    out = typeset(markup, Typesetting(upright=2, bind_gaps=True))
    assert re.findall(r'<span class="tcy">([^<]*)</span>', out) == ["3", "18", "36"]
    assert "<code>第36位</code>" in out and "<pre>第12位</pre>" in out
    assert "tcy" not in out[out.index("He said"):]  # a paragraph without Han text keeps its numbers sideways
    assert 'class="tcy"' not in typeset(markup, Typesetting(bind_gaps=True))  # horizontal text: none


def test_epub_marks_short_numbers_in_the_article(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(CODE_ARTICLE, encoding="utf-8")
    text = epub_part(built(article, "epub"), "text.xhtml")
    spans = re.findall(r'(?<=(.))<span class="tcy">([^<]*)</span>(?=(.))', text)
    assert sorted({number for _, number, _ in spans}) == ["18", "3", "36"]
    for before, number, after in spans:
        assert not re.match(r"[0-9.,:]", before) and not re.match(r"[0-9.,:%]", after), (before, number, after)
    for code in re.findall(r"<(?:code|pre)[^>]*>.*?</(?:code|pre)>", text, re.S):
        assert "tcy" not in code
    assert "tcy" not in epub_part(built(article, "epub", "horizontal"), "text.xhtml")


# ---------------------------------------------------------------- the EPUB package and stylesheet


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_epub_turns_pages_leftwards_and_sets_columns(path: Path) -> None:
    data = built(path, "epub")
    opf = epub_part(data, "content.opf")
    assert re.search(r'<spine[^>]*page-progression-direction="rtl"', opf)
    assert not re.search(r'<package[^>]*\bdir=', opf)  # the text is not right-to-left: its pages are
    css = epub_part(data, "style.css")
    for rule in ("writing-mode: vertical-rl", "-epub-writing-mode: vertical-rl", "text-orientation: mixed",
                 "text-combine-upright: all", "-epub-text-combine: horizontal"):
        assert rule in css, rule
    horizontal = built(path, "epub", "horizontal")
    assert "page-progression-direction" not in epub_part(horizontal, "content.opf")
    assert "writing-mode" not in epub_part(horizontal, "style.css")


def test_vertical_rules_come_from_the_theme() -> None:
    theme = load_theme()
    css = epub_part(built(MIXED, "epub"), "style.css")
    assert f"margin-block: 0 {theme.text.paragraph_spacing_em:g}em" in css
    assert f"margin-inline-start: {theme.text.script_gap_em:g}em" in css


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_vertical_editions_pass_the_validators(path: Path, tmp_path: Path) -> None:
    """EPUBCheck 0 errors and 0 warnings, Ace no violation, openxml-audit none; a validator that
    cannot run is a finding, so this fails without it."""
    paths = []
    for fmt in ("epub", "docx"):
        target = tmp_path / f"{article_id(path)}-vertical.{fmt}"
        target.write_bytes(built(path, fmt))
        paths.append(target)
    results = validate.validate_editions(paths)
    for target in paths:
        assert results[target] == [], "\n".join(map(str, results[target] or ["no verdict"]))


# ---------------------------------------------------------------- laid out by a browser


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_chromium_sets_columns_right_to_left_and_numbers_in_one_cell(path: Path, chromium: str,
                                                                      tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(built(path, "epub"))) as book:
        book.extractall(tmp_path)
    blocks = browser_boxes(next(tmp_path.rglob("text.xhtml")), (800, 600), chromium)
    down = across = wrong = 0
    for block in (block for block in blocks if block["tag"] not in TABLE_PARTS):  # tables stay horizontal
        han = [c for c in block["chars"] if CJK_LETTER.match(c[0]) and not c[5]]
        for (_, left, top, width, *_), (_, next_left, next_top, *_) in zip(han, han[1:]):
            if abs(next_left - left) < 1 and next_top > top:
                down += 1  # the next character below, in the same column
            elif next_left < left - 0.5 * width and next_top < top:
                across += 1  # the next column, to the left, from its top
            else:
                wrong += 1
    assert down > 200 and across > 10, (down, across)
    assert wrong <= 0.01 * down, (down, across, wrong)

    cells = 0
    for block in blocks:
        chars = block["chars"]
        for index, char in enumerate(chars):
            if not char[5] or (index and chars[index - 1][5] and abs(chars[index - 1][2] - char[2]) < 1):
                continue  # not an upright number, or not its first digit
            run = [char]
            while index + len(run) < len(chars) and chars[index + len(run)][5] \
                    and abs(chars[index + len(run)][2] - char[2]) < 1:
                run.append(chars[index + len(run)])
            han = next((c for c in chars[index + len(run):] if CJK_LETTER.match(c[0])), None)
            if han is None or abs(han[1] - char[1]) > han[3]:
                continue  # the number ends its column
            left, right = min(c[1] for c in run), max(c[1] + c[3] for c in run)
            assert han[1] - 0.5 <= left and right <= han[1] + han[3] + 0.5, (run, han)  # within the column
            assert han[2] >= char[2] + 0.8 * run[0][4], (run, han)  # one cell, then the next character
            cells += 1
    assert cells >= 3, cells


SMALL_TABLE_ARTICLE = """# 颱風登陸 全台停班停課

中央氣象署24日晚間發布，中度颱風暴風圈已籠罩全台，預估25日凌晨在宜蘭、花蓮一帶登陸。

| 縣市 | 累積雨量（毫米） | 停電戶數 |
|---|---:|---:|
| 宜蘭縣 | 1,245 | 32,500 |
| 花蓮縣 | 986 | 18,230 |

氣象署預報員指出，颱風中心預計26日清晨從彰化出海。
"""


def test_chromium_sets_a_small_table_as_wide_as_its_columns(chromium: str, tmp_path: Path) -> None:
    """A table of three short columns takes the room its columns need among the text's columns, and
    the paragraph after it follows on the same screen (a table as wide as the page had pushed it a
    screen on, and would be split between two pages of a paginated reader)."""
    article = tmp_path / "article.md"
    article.write_text(SMALL_TABLE_ARTICLE, encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(built(article, "epub"))) as book:
        book.extractall(tmp_path / "book")
    blocks = browser_boxes(next(tmp_path.rglob("text.xhtml")), (800, 600), chromium)
    cells = [c for b in blocks if b["tag"] in TABLE_PARTS for c in b["chars"]]
    left, right = min(c[1] for c in cells), max(c[1] + c[3] for c in cells)
    assert right - left < 400, (left, right)
    last = next(b for b in reversed(blocks) if b["tag"] == "p" and b["chars"])
    assert all(0 <= c[1] < left for c in last["chars"]), (left, [c[1] for c in last["chars"]][:5])


# The marks that turn or move in vertical text, and how far a compressed one (`pc`) may advance.
TURNED = "「」『』（）《》〈〉【】〔〕“”‘’"
# The marks Noto CJK's `vhal` halves in a column (its colon, semicolon, ! and ? it leaves whole).
HALVED = "「」『』（）《》〈〉“”‘’，。、"
_INK_SCRIPT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest('table, code, pre, .tcy') || getComputedStyle(parent).writingMode !== 'vertical-rl') continue;
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      found.push({ch: node.data[i], x: box.left, y: box.top, w: box.width, h: box.height,
                  em: parseFloat(getComputedStyle(parent).fontSize), pc: parent.classList.contains('pc')});
    }
  }
  const root = document.documentElement;
  return {chars: found, dx: root.scrollWidth - root.clientWidth};
}"""


@functools.lru_cache(maxsize=None)
def drawn_marks(path: Path, chromium: str) -> list[dict]:
    """Each character of the vertical chapter's text outside tables and code, as Chromium draws it: its
    box (CSS px), font size, whether it is a compressed mark, and the box of its ink in em (`ink`: left,
    top, right, bottom; None when blank) within its cell: an em across the middle of its line, its advance
    along it; from a screenshot at 4 device pixels a px."""
    import playwright.sync_api as playwright_api  # the test extra; missing, this fails
    from PIL import Image

    tmp = Path(tempfile.mkdtemp(prefix="vertical-marks-"))
    with zipfile.ZipFile(io.BytesIO(built(path, "epub"))) as book:
        book.extractall(tmp)
    chapter = next(tmp.rglob("text.xhtml"))
    scale = 4
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 800, "height": 600}, device_scale_factor=scale)
        page.goto(chapter.as_uri())
        page.evaluate("document.fonts.ready")
        laid = page.evaluate(_INK_SCRIPT)
        page.screenshot(path=str(tmp / "chapter.png"), full_page=True)  # from the scrolled-off left edge
        browser.close()
    shot = Image.open(tmp / "chapter.png").convert("L")
    shutil.rmtree(tmp)
    for char in laid["chars"]:  # the em across the middle of the line, the advance along it
        left, top = (char["x"] + laid["dx"] + (char["w"] - char["em"]) / 2) * scale, char["y"] * scale
        cell = shot.crop((round(left), round(top), round(left + char["em"] * scale), round(top + char["h"] * scale)))
        ink = cell.point(lambda value: 255 if value < 128 else 0).getbbox()
        char["ink"] = None if ink is None else [value / scale / char["em"] for value in ink]
    return laid["chars"]


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_chromium_draws_the_vertical_forms_of_the_marks(path: Path, chromium: str) -> None:
    """Brackets, book-title marks and quotes turn in a column: their ink is wider than tall (the
    vertical 「 is ﹁, a bar over the column with its hook down the right; the horizontal one is a
    tall stroke), as the Han characters around them stand upright."""
    marks = [c for c in drawn_marks(path, chromium) if c["ch"] in TURNED and c["ink"]]
    assert len(marks) >= 4, marks
    for mark in marks:
        left, top, right, bottom = mark["ink"]
        assert right - left > 1.5 * (bottom - top), mark


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_compressed_marks_are_halved_along_the_column(path: Path, chromium: str) -> None:
    """A mark set half width (`pc`) advances half an em down its column and keeps its place across it,
    where the same mark uncompressed sits: the font's `vhal`. (`halt`, a horizontal feature, left its
    advance whole and moved it sideways.)"""
    chars = drawn_marks(path, chromium)
    compressed = [c for c in chars if c["pc"] and c["ink"] and c["ch"] in HALVED]
    assert compressed, "no compressed mark in the vertical chapter"
    whole = {}
    for char in chars:
        if not char["pc"] and char["ink"] and abs(char["h"] - char["em"]) < 0.1 * char["em"]:
            whole.setdefault((char["ch"], char["em"]), char)
    compared = 0
    for mark in compressed:
        han = sorted(c["h"] for c in chars if CJK_LETTER.match(c["ch"]) and c["x"] == mark["x"] and c["em"] == mark["em"])
        assert han, mark
        assert mark["h"] <= han[len(han) // 2] - 0.4 * mark["em"], (mark, han)  # justified columns stretch both
        reference = whole.get((mark["ch"], mark["em"]))
        if reference is None:
            continue
        compared += 1
        assert abs(mark["ink"][0] - reference["ink"][0]) <= 0.05, (mark, reference)  # the same place across
        assert abs(mark["ink"][2] - reference["ink"][2]) <= 0.05, (mark, reference)
    assert compared, "no uncompressed mark to compare the compressed ones with"


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_embedded_fonts_keep_the_vertical_forms(path: Path) -> None:
    """`--embed-fonts`: each subset still turns every mark it holds (its `vert` glyphs and lookups) and
    halves the ones the markup compresses (`vhal`), as HarfBuzz shapes a column with it."""
    import uharfbuzz as hb

    data = convert.convert(path, to="epub", offline=True, edition="vertical", embed_fonts=True)
    with zipfile.ZipFile(io.BytesIO(data)) as book:  # type: ignore[arg-type]
        fonts = {name: book.read(name) for name in book.namelist() if name.startswith("EPUB/fonts/")}
    assert fonts, "no font embedded"
    checked = 0
    for name, font_data in fonts.items():
        font = hb.Font(hb.Face(font_data))
        held = set(font.face.unicodes)

        def shaped(ch: str, direction: str, features: dict) -> tuple[int, int]:
            buffer = hb.Buffer()
            buffer.add_str(ch)
            buffer.guess_segment_properties()
            buffer.direction = direction
            hb.shape(font, buffer, features)
            return buffer.glyph_infos[0].codepoint, buffer.glyph_positions[0].y_advance

        for ch in sorted(set(TURNED + HALVED) & {chr(code) for code in held}):
            if ch in TURNED:
                assert shaped(ch, "ttb", {})[0] != shaped(ch, "ltr", {})[0], (name, ch)  # the vertical form
            if ch in HALVED:
                assert abs(shaped(ch, "ttb", {"vhal": True})[1]) < abs(shaped(ch, "ttb", {})[1]), (name, ch)
            checked += 1
    assert checked >= 4, checked


def test_vertical_editions_take_the_themes_vertical_quotation_marks() -> None:
    """Curly quotes have no upright form in a column: the vertical edition of a Simplified article
    sets them as corner brackets by kind (GB/T 15834-2011: “” as 『』, ‘’ as 「」), in the EPUB and the
    DOCX; a Traditional one keeps its 「」 outside, 『』 inside; the horizontal editions are unchanged."""
    theme = load_theme()
    assert (theme.quotation_marks.vertical_hans, theme.quotation_marks.vertical_hant) == ("corner-by-kind", "corner")
    horizontal = epub_part(built(MIXED, "epub", "horizontal"), "text.xhtml")
    assert "“智慧港口”" in horizontal
    for text in (epub_part(built(MIXED, "epub"), "text.xhtml"), docx_text(built(MIXED, "docx"))):
        assert "『智慧港口』" in text and "“" not in text and "”" not in text
    metro = SAMPLES[[a.parent.name for a in SAMPLES].index("zh-hant-metro")]
    assert "真正『轉起來』。」" in re.sub(r"<[^>]+>", "", epub_part(built(metro, "epub"), "text.xhtml"))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return re.sub(r"<[^>]+>", "", package.read("word/document.xml").decode("utf-8"))


# ---------------------------------------------------------------- DOCX


@pytest.mark.parametrize("path", [MIXED], ids=article_id)
def test_docx_section_is_vertical_with_upright_numbers(path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(built(path, "docx"))) as package:
        document = package.read("word/document.xml").decode("utf-8")
    final = re.findall(r"<w:sectPr\b.*?</w:sectPr>", document, re.S)
    assert final and '<w:textDirection w:val="tbRl"/>' in final[-1] and 'w:orient="landscape"' in final[-1]
    assert re.search(r'<w:eastAsianLayout w:id="\d+" w:vert="1"/></w:rPr><w:t>18</w:t>', document)
    # the table on a horizontal page of its own: a section ends before its caption and after it
    table = document.index("<w:tbl>")
    before = [m.end() for m in re.finditer(r'<w:textDirection w:val="tbRl"/>', document[:table])]
    assert before and '<w:pStyle w:val="Caption"/>' in document[before[-1]:table]
    assert re.match(r'.*?</w:tbl><w:p><w:pPr><w:sectPr\b[^>]*>.*?<w:textDirection w:val="lrTb"/>',
                    document[table:], re.S)
    with zipfile.ZipFile(io.BytesIO(built(path, "docx", "horizontal"))) as package:
        assert "textDirection" not in package.read("word/document.xml").decode("utf-8")


def docx_sections(data: bytes) -> list[tuple[str, list[tuple[str, str]]]]:
    """The DOCX body as Word divides it, read with python-docx: each section's text direction and its
    blocks in order, a block as (paragraph style or `table`, text)."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(io.BytesIO(data)).element.body
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    blocks: list[tuple[str, str]] = []
    for child in body.iterchildren():
        ends = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if child.tag == qn("w:p") else None
        if child.tag == qn("w:sectPr"):
            ends = child
        if child.tag in (qn("w:p"), qn("w:tbl")) and ends is None:
            style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            kind = "table" if child.tag == qn("w:tbl") else style.get(qn("w:val")) if style is not None else ""
            blocks.append((kind, "".join(t.text or "" for t in child.iter(qn("w:t")))))
        if ends is not None:
            direction = ends.find(qn("w:textDirection"))
            sections.append((direction.get(qn("w:val")) if direction is not None else "lrTb", blocks))
            blocks = []
    return sections


@pytest.mark.parametrize("path", [MIXED], ids=article_id)
def test_docx_table_keeps_its_heading_and_caption_on_its_horizontal_page(path: Path) -> None:
    """Word keeps no paragraph with the next across a section break: the heading and the caption that
    introduce a table move with it into its horizontal section, and no vertical section ends with a
    heading (which would stand alone at the end of a page)."""
    sections = docx_sections(built(path, "docx"))
    tables = [(direction, blocks) for direction, blocks in sections if any(k == "table" for k, _ in blocks)]
    assert tables
    for direction, blocks in tables:
        assert direction == "lrTb"
        kinds = [kind for kind, _ in blocks]
        assert kinds[:3] == ["Heading1", "Caption", "table"], blocks  # the seed's heading, caption, table
    assert "主要运营指标" in tables[0][1][0][1]
    for direction, blocks in sections:
        if direction == "tbRl" and blocks:
            assert not blocks[-1][0].startswith("Heading"), blocks[-1]


def test_libreoffice_renders_the_vertical_docx(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to render the DOCX (apt-get install libreoffice-writer)"
    source = tmp_path / "vertical.docx"
    source.write_bytes(built(MIXED, "docx"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], capture_output=True, timeout=300, check=True)
    import pdfplumber

    with pdfplumber.open(tmp_path / "vertical.pdf") as pdf:
        first = pdf.pages[0]
        assert first.width > first.height  # landscape, as Word sets up vertical A4
        chars = [c for c in first.chars if CJK_LETTER.match(c["text"]) and c["size"] < 14]
        stacked = sum(1 for a, b in zip(chars, chars[1:]) if abs(a["x0"] - b["x0"]) < 1 and b["top"] > a["top"])
        assert stacked > 0.8 * len(chars), (stacked, len(chars))  # body characters run down their columns
        tables = [page for page in pdf.pages if "Berth Capacity" in (page.extract_text() or "")]
        assert tables, "the table's page is missing"
        shown = ["".join(c["text"] for c in page.chars) for page in pdf.pages]
        heading = [number for number, text in enumerate(shown) if "主要运营指标" in text]
        assert heading == [tables[0].page_number - 1], heading  # on the table's page, not the one before
        turned = [c["text"] for page in pdf.pages for c in page.chars if c["text"] in "“”‘’" and not c["upright"]]
        assert not turned, turned  # no quotation mark laid on its side (the vertical edition sets 『』「」)


# ---------------------------------------------------------------- the PDF refuses, the option counts


def test_pdf_refuses_vertical_before_any_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "convert", str(MIXED), "--to", "epub,pdf", "--edition", "vertical",
                           "-o", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("convert: error: the vertical edition is EPUB, DOCX and HTML only")
    assert "WeasyPrint cannot lay out vertical text" in errors[0]
    assert not out.exists() or not any(out.iterdir())
    with pytest.raises(UsageError, match="writing-mode"):
        convert.convert(MIXED, to="pdf", edition="vertical", offline=True)


def test_edition_is_part_of_the_key_and_rebuilds(tmp_path: Path) -> None:
    theme = load_theme()
    horizontal, vertical = Options(offline=True), Options(offline=True, writer_options={"edition": "vertical"})
    for fmt in ("epub", "docx", "html"):
        assert edition_key(fmt, theme, horizontal, "a", {}) != edition_key(fmt, theme, vertical, "a", {})
    # every horizontal edition of an EPUB is the same EPUB: no rebuild between them
    printed = replace(horizontal, writer_options={"edition": "print"})
    assert edition_key("epub", theme, horizontal, "a", {}) == edition_key("epub", theme, printed, "a", {})
    first = convert.build([MIXED], ["epub"], tmp_path, horizontal)
    again = convert.build([MIXED], ["epub"], tmp_path, horizontal)
    turned = convert.build([MIXED], ["epub"], tmp_path, vertical)
    assert first[0].ok and again[0].up_to_date and turned[0].ok and not turned[0].up_to_date
    assert "page-progression-direction" in epub_part(turned[0].output.read_bytes(), "content.opf")  # type: ignore[union-attr]


def test_ereader_edition_still_builds_every_format_horizontally() -> None:
    assert "writing-mode" not in epub_part(built(MIXED, "epub", "ereader"), "style.css")
    with pytest.raises(UsageError, match="unknown edition"):
        convert.convert(MIXED, to="epub", edition="sideways", offline=True)


def test_html_page_is_vertical_too() -> None:
    page = built(MIXED, "html").decode("utf-8")
    assert "writing-mode: vertical-rl" in page and '<span class="tcy">18</span>' in page


def test_collect_makes_a_vertical_epub_and_refuses_a_vertical_docx(tmp_path: Path) -> None:
    collected = convert.collect([MIXED, HARBOR], ["epub", "docx"], tmp_path, title="竖排测试", offline=True,
                                edition="vertical")
    epub, docx = collected.editions
    assert epub.ok and docx.error is not None and "vertical edition of a collection is EPUB only" in docx.error
    data = epub.output.read_bytes()  # type: ignore[union-attr]
    assert re.search(r'<spine[^>]*page-progression-direction="rtl"', epub_part(data, "content.opf"))
    assert "writing-mode: vertical-rl" in epub_part(data, "style.css")
    findings = validate.validate_editions([epub.output])[epub.output]  # type: ignore[index]
    assert findings == [], "\n".join(map(str, findings or ["no verdict"]))
