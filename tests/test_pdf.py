"""The print edition: fonts, text order, Chinese line rules and justification, metadata, outline,
footnotes, page furniture, editions and variants, and the fetcher that keeps local files out.

Each article's PDF is built once per module (`built`) and inspected with poppler and pypdf.
"""
from __future__ import annotations

import collections
import functools
import io
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

import convert
from convert import model as m
from convert.scripts import (CLOSING_PUNCTUATION, OPENING_PUNCTUATION, gap_positions, han_standard,
                             is_cjk_language, script_gaps, spaced_ranges)
from convert.writers.cjk import Typesetting, typeset
from convert.checks.typography import pdf_lines
from convert.errors import collect_warnings
from convert.wording import byline, byline_text, labels
from convert.theme import load_theme
from convert.writers import pdf as pdf_writer
from convert.writers.pdf.fetch import GateFetcher

from conftest import ARTICLES, SAMPLES, article_id
from formats import poppler

MM = 72 / 25.4
CJK_FACE = re.compile(r"CJK[-\s]?(SC|TC|HK|JP|KR|K)\b", re.I)


# ---------------------------------------------------------------- building and reading PDFs


@functools.lru_cache(maxsize=None)
def built(path: Path, **options: str) -> bytes:
    return convert.convert(path, to="pdf", offline=True, **options)  # type: ignore[return-value]


@functools.lru_cache(maxsize=None)
def document(path: Path) -> m.Document:
    return convert.read(str(path))


def pdf_text(data: bytes, raw: bool = False) -> str:
    """pdftotext's text; `raw` keeps content-stream order (and words hyphenated at line ends whole)."""
    return poppler("pdftotext", data, "-enc", "UTF-8", *(["-raw"] if raw else []))


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens: WeasyPrint's where it hyphenates a word (ASCII's, as a word's
    own at a line's end: `Pan-` / `doc`, `pass-` / `through`) cannot be told apart."""
    return "".join(re.sub("[-\u2010]", "", text).split())


def body_text(path: Path, data: bytes) -> str:
    """The PDF's text without page furniture (running header, page numbers, footnote bodies)."""
    doc = document(path)
    page_number = re.compile(re.escape(squeeze(labels(doc.meta.lang)["page"]))
                             .replace(r"\{page\}", r"\d+").replace(r"\{pages\}", r"\d+"))
    title = squeeze(doc.meta.title)
    kept = []
    for number, page in enumerate(pdf_text(data, raw=True).split("\f")):
        lines = [line for line in page.splitlines() if line.strip() and not page_number.fullmatch(squeeze(line))]
        headers = [i for i, line in enumerate(lines) if title.startswith(squeeze(line).rstrip("…"))]
        if number and headers:
            del lines[headers[-1]]
        kept.append("\n".join(lines))
    text = squeeze("\n".join(kept))
    for note in doc.footnotes:
        body = "".join(squeeze(m.plain_text(m.block_inlines(block))) for block in note.content)
        marked = f"{note.number}.{body}"
        text = text.replace(marked, "", 1) if marked in text else text.replace(body, "", 1)
    return text


def pages_text(data: bytes) -> list[str]:
    return pdf_text(data).split("\f")


def chinese(path: Path) -> bool:
    return document(path).is_chinese


CHINESE = [a for a in ARTICLES if chinese(a)]


# ---------------------------------------------------------------- fonts


def test_fonts_are_embedded_subset_and_of_the_articles_script(article: Path) -> None:
    """Simplified Chinese faces (SC), or for a Traditional-script article its region's (TC, HK)."""
    listing = poppler("pdffonts", built(article)).splitlines()[2:]
    assert listing, "no fonts listed"
    standard = han_standard(document(article).meta.lang)
    for line in listing:
        name, emb, sub, uni = line.split()[0], *line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line
        face = CJK_FACE.search(name.replace("-", " "))
        if face:
            assert face.group(1).upper() == standard, f"{name}: not a face of the {standard} standard"
    if chinese(article):
        assert any(f"CJK-{standard}" in line for line in listing), listing


def test_english_apostrophes_are_proportional() -> None:
    """CJK fonts set ’ full width unless told otherwise; an English article must not look spaced out."""
    path = next(a for a in SAMPLES if a.parent.name == "en-budget-report")
    with pdfplumber.open(io.BytesIO(built(path))) as pdf:
        marks = [c for c in pdf.pages[0].chars if c["text"] == "’"]
    assert marks and all(c["x1"] - c["x0"] < 0.45 * c["size"] for c in marks)


# ---------------------------------------------------------------- text


def reading_order(blocks: tuple[m.Block, ...]):  # type: ignore[no-untyped-def]
    """Blocks depth first, tables as one block."""
    for block in blocks:
        yield block
        if not isinstance(block, m.Table):
            yield from reading_order(m.child_blocks(block))


def test_every_paragraph_in_order(article: Path) -> None:
    doc = document(article)
    text = body_text(article, built(article))
    position = 0
    checked = 0
    for block in reading_order(doc.body):
        if isinstance(block, m.Table):  # cells only need to be there: extraction order within rows varies
            for cell in (b for b in m.walk_blocks((block,)) if isinstance(b, m.Paragraph)):
                assert squeeze(m.plain_text(cell.content)) in text
            continue
        if isinstance(block, (m.Paragraph, m.Heading)):
            wanted = squeeze(m.plain_text(block.content))
        elif isinstance(block, m.CodeBlock):
            wanted = squeeze(block.text)
        else:
            continue
        if not wanted:
            continue
        found = text.find(wanted, position)
        assert found >= 0, f"not found in order after {text[max(0, position - 40):position]!r}: {wanted[:60]!r}"
        position = found + len(wanted)
        checked += 1
    assert checked >= 3


def test_numbered_captions_and_byline(article: Path) -> None:
    doc = document(article)
    text = body_text(article, built(article))
    theme = load_theme()
    for figure in doc.figures:
        if figure.number:
            label = theme.figure_label(figure.number, m.plain_text(figure.caption), doc.meta.lang)
            assert squeeze(label) in text, label
    first_page = squeeze(pages_text(built(article))[0])
    for part in byline(doc.meta):
        assert squeeze(byline_text(part, doc.meta.lang)) in first_page, part


def test_script_gaps_keep_extracted_text_exact() -> None:
    """The Han/Latin gap is spacing, not a character: the text extracted is the article's own."""
    boundaries = 0
    for path in CHINESE:
        text = pdf_text(built(path))
        assert not re.search("[\u200b\u2005\u2009\u200a\u2060\ufeff]", text), path
        for run in re.findall(r"[\u4e00-\u9fff][A-Za-z0-9]+[\u4e00-\u9fff]", m.visible_text(document(path))):
            assert run in squeeze(text), (path, run)  # e.g. 排名第36位: spaced in print, exact in the text
            boundaries += 1
    assert boundaries >= 3


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(path: Path) -> None:
    """Lines as set on the page (glyphs sharing a baseline), not as a text extractor splits them: a
    halved centred mark of Traditional text overlaps the glyph before it, which pdftotext reads as a
    new line."""
    lines = [line.text for line in pdf_lines(built(path))]
    assert len(lines) > 20
    for line in lines:
        assert line[0] not in CLOSING_PUNCTUATION, f"line starts with closing punctuation: {line!r}"
        assert line[-1] not in OPENING_PUNCTUATION, f"line ends with opening punctuation: {line!r}"


def body_lines(data: bytes, size_pt: float) -> list[tuple[int, float, float, float]]:
    """(page, top, left, right) of each line set in the body size, in reading order. The right is
    where the last advance ends: a closing mark ending a line is set half width (`Line.right_edge`)."""
    lines = []
    for line in pdf_lines(data):
        body = [c for c in line.chars if abs(c["size"] - size_pt) < 0.05]
        if len(body) * 2 > len(line.chars) and len(body) > 3:
            lines.append((line.page, line.top, line.x0, line.right_edge()))
    return lines


@pytest.mark.parametrize("path", CHINESE, ids=article_id)
def test_chinese_lines_are_flush_on_both_sides(path: Path) -> None:
    """Every line a paragraph continues after ends at the right margin (inter-character justification)."""
    theme = load_theme()
    size = theme.text.size_pt
    _, right, _, left = (value * MM for value in theme.page.margin_mm)
    width = 210 * MM
    lines = body_lines(built(path), size)
    checked = 0
    indent = theme.text.indent_em * size
    for (page, top, x0, x1), (next_page, next_top, next_x0, _) in zip(lines, lines[1:]):
        in_paragraph = abs(x0 - left) < 1 or abs(x0 - left - indent) < 1
        adjacent = (next_page == page and next_top - top < 2.2 * size) or next_page == page + 1
        continued = adjacent and abs(next_x0 - left) < 1  # the next line has no first-line indent
        if not (in_paragraph and continued):
            continue
        assert abs(x1 - (width - right)) < 0.6, f"page {page + 1}, line at {top:.0f}pt ends {width - right - x1:.1f}pt short"
        checked += 1
    assert checked >= 10


def test_han_latin_gap_is_there_but_never_at_a_line_edge(tmp_path: Path) -> None:
    theme = load_theme()
    size = theme.text.size_pt
    _, right, _, left = (value * MM for value in theme.page.margin_mm)
    indent = theme.text.indent_em * size
    source = tmp_path / "gaps.md"
    text = "港口LNG加注" * 120
    source.write_text(f"# 间距\n\n{text}\n\n{text}\n", encoding="utf-8")
    data = built(source)
    lines = body_lines(data, size)
    starts = [i for i, line in enumerate(lines) if abs(line[2] - left - indent) < 0.6]
    assert len(starts) == 2 and len(lines) > 20
    for i, (_, top, x0, x1) in enumerate(lines):
        assert abs(x0 - left) < 0.6 or i in starts, f"line at {top:.0f}pt starts {x0 - left:.1f}pt in"
        if i + 1 < len(lines) and i + 1 not in starts:
            assert abs(x1 - (210 * MM - right)) < 0.6, f"line at {top:.0f}pt ends {210 * MM - right - x1:.1f}pt short"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[0].chars if abs(c["size"] - size) < 0.05]
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])
            if a["text"] == "口" and b["text"] == "L" and abs(a["top"] - b["top"]) < 1]
    assert gaps and all(0.8 * theme.text.script_gap_em * size < g < 2 * theme.text.script_gap_em * size for g in gaps)


def test_no_text_beyond_the_margins(article: Path) -> None:
    """Long code lines and URLs wrap instead of running off the page."""
    theme = load_theme()
    right = 210 * MM - theme.page.margin_mm[1] * MM
    for line in pdf_lines(built(article)):
        assert line.right_edge() < right + 1.0, line.text


# ---------------------------------------------------------------- page furniture and structure


def test_page_numbers_and_running_header(article: Path) -> None:
    doc = document(article)
    pages = [p for p in pages_text(built(article)) if p.strip()]
    words = labels(doc.meta.lang)["page"]
    for number, page in enumerate(pages, 1):
        assert squeeze(words.format(page=number, pages=len(pages))) in squeeze(page)
    for page in pages[1:]:
        assert squeeze(page).startswith(squeeze(doc.meta.title)[:20])


def test_metadata_and_outline(article: Path) -> None:
    doc = document(article)
    reader = PdfReader(io.BytesIO(built(article)))
    info = reader.metadata
    assert info.title == doc.meta.title
    assert info.author and info.subject
    assert "convert" in info.producer and "WeasyPrint" in info.producer
    assert info.creation_date is not None
    if doc.meta.date:
        assert info["/CreationDate"].startswith("D:" + doc.meta.date[:10].replace("-", ""))
    if doc.meta.keywords:
        assert all(k in info["/Keywords"] for k in doc.meta.keywords)
    assert reader.trailer["/Root"]["/Lang"] == doc.meta.lang

    def titles(items: list) -> list[str]:
        out = []
        for item in items:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    outline = titles(reader.outline)
    assert outline[0] == doc.meta.title
    headings = [m.plain_text(b.content) for b in m.walk_blocks(doc.body) if isinstance(b, m.Heading)]
    assert [squeeze(h) for h in headings] == [squeeze(t) for t in outline[1:]]


def test_source_is_a_link() -> None:
    path = next(a for a in CHINESE if document(a).meta.source_url)  # the user's seed when present
    doc = document(path)
    reader = PdfReader(io.BytesIO(built(path)))
    uris = [a.get_object()["/A"].get("/URI") for a in reader.pages[0].get("/Annots", []) if "/A" in a.get_object()]
    assert doc.meta.source_url in uris


def test_footnotes_sit_on_the_page_of_their_call() -> None:
    path = next(a for a in SAMPLES if a.parent.name == "en-budget-report")
    doc = document(path)
    pages = [squeeze(p) for p in pages_text(built(path))]
    assert doc.footnotes
    for paragraph in (b for b in m.walk_blocks(doc.body) if isinstance(b, m.Paragraph)):
        for index, node in enumerate(paragraph.content):
            if isinstance(node, m.NoteRef):
                before = squeeze(m.plain_text(paragraph.content[:index]))[-12:] + str(node.number)
                note = next(n for n in doc.footnotes if n.id == node.id)
                start = squeeze(m.plain_text(m.block_inlines(note.content[0])))[:25]
                call_page = next(i for i, p in enumerate(pages) if before in p)
                note_page = next(i for i, p in enumerate(pages) if start in p)
                assert call_page == note_page, f"note {node.number}: call on page {call_page + 1}, note on {note_page + 1}"


def test_placeholder_figure_shows_caption_and_address(user_seed: Path) -> None:
    doc = document(user_seed)
    text = body_text(user_seed, built(user_seed))
    figure = doc.figures[0]
    assert squeeze(labels("zh")["placeholder"]) in text
    assert squeeze(figure.src) in text
    assert squeeze(load_theme().figure_label(figure.number, m.plain_text(figure.caption), "zh")) in text


def test_images_from_the_gate_are_embedded() -> None:
    path = next(a for a in SAMPLES if a.parent.name == "zh-news-harbor")
    reader = PdfReader(io.BytesIO(built(path)))
    images = [image for page in reader.pages for image in page.images]
    assert len({image.data for image in images}) >= 2


def test_table_header_repeats_on_every_page(tmp_path: Path) -> None:
    rows = "\n".join(f"| 第{n}行 | {n * 3} |" for n in range(90))
    source = tmp_path / "table.md"
    source.write_text(f"# 长表\n\n| 项目名称甲 | 数值列乙 |\n|---|---:|\n{rows}\n", encoding="utf-8")
    pages = [squeeze(p) for p in pages_text(built(source)) if p.strip()]
    assert len(pages) >= 2
    assert all("项目名称甲数值列乙" in page for page in pages)


# ---------------------------------------------------------------- editions and variants


def page_size_mm(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


def test_ereader_edition_uses_the_small_page() -> None:
    theme = load_theme()
    path = CHINESE[0]
    data = built(path, edition="ereader")
    assert page_size_mm(data) == tuple(float(v) for v in theme.ereader.page_size_mm)
    assert len(pages_text(data)) > len(pages_text(built(path)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = collections.Counter(round(c["size"], 1) for c in pdf.pages[0].chars)
    assert sizes.most_common(1)[0][0] == theme.ereader.size_pt


def test_page_size_option() -> None:
    path = next(a for a in SAMPLES if a.parent.name == "zh-news-harbor")
    assert page_size_mm(built(path, page_size="Letter")) == (215.9, 279.4)
    assert page_size_mm(built(path)) == (210.0, 297.0)


def test_tagged_pdf_variant() -> None:
    path = next(a for a in SAMPLES if a.parent.name == "zh-news-harbor")
    root = PdfReader(io.BytesIO(built(path, pdf_variant="pdf/ua-1"))).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_archival_pdf_variant_names_convert_everywhere() -> None:
    path = next(a for a in SAMPLES if a.parent.name == "zh-news-harbor")
    reader = PdfReader(io.BytesIO(built(path, pdf_variant="pdf/a-2b")))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in root
    assert f'Producer="{pdf_writer.producer()}"' in xmp and "convert" in reader.metadata.producer


# ---------------------------------------------------------------- safety

HOSTILE = """<p>Before <a rel="attachment" href="file:///etc/passwd">passwd</a> after.</p>
<link rel="attachment" href="file:///etc/passwd" />
<link rel="stylesheet" href="file:///etc/passwd" />
<img src="file:///etc/passwd" alt="x" />
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==" alt="y" />
<div style="background: url(file:///etc/passwd)">z</div>
"""


def assert_nothing_embedded(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"
        assert not page.images
    assert "0 embedded files" in poppler("pdfdetach", data, "-list").lower() or not poppler("pdfdetach", data, "-list").strip()
    assert "root:" not in pdf_text(data)


def test_hostile_markup_in_an_article_embeds_nothing(tmp_path: Path) -> None:
    source = tmp_path / "hostile.md"
    # An inline data:image is the article's own picture (the gate accepts it), so it is left out here;
    # the fetcher test below shows WeasyPrint itself is never allowed to read one.
    markup = "\n".join(line for line in HOSTILE.splitlines() if "data:image" not in line)
    source.write_text("# 安全测试\n\n正文第一段。\n\n" + markup + "\n![图](file:///etc/passwd)\n\n![图](/etc/passwd)\n",
                      encoding="utf-8")
    data = convert.convert(source, to="pdf", offline=True)
    assert_nothing_embedded(data)  # type: ignore[arg-type]


def test_fetcher_refuses_everything_not_from_the_gate(http_root: tuple[str, Path]) -> None:
    """The second wall: markup that bypassed the sanitizer still reaches nothing."""
    base, folder = http_root
    (folder / "secret.css").write_text("p { color: red }")
    page = (f'<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="{base}/secret.css" />'
            f'<link rel="attachment" href="file:///etc/passwd" /></head><body>{HOSTILE}'
            f'<img src="{base}/secret.png" /></body></html>')
    fetcher = GateFetcher()
    with collect_warnings() as warnings:
        data = pdf_writer.render_pdf(page, fetcher)
    assert_nothing_embedded(data)
    refused = " ".join(fetcher.refused)
    for url in ("file:///etc/passwd", f"{base}/secret.css", f"{base}/secret.png", "data:image/png"):
        assert url in refused
    assert any("refused" in w for w in warnings)


def test_fetcher_serves_registered_images_only() -> None:
    from convert.resources import Image
    fetcher = GateFetcher()
    image = Image(b"\x89PNG fake", "image/png", 1, 1)
    url = fetcher.url_for(image)
    assert fetcher.fetch(url).read() == image.data
    with pytest.raises(ValueError):
        fetcher.fetch(url.replace("convert-image:", "file:///"))
    with pytest.raises(ValueError):
        fetcher.fetch("convert-image:img-unknown.png")


# ---------------------------------------------------------------- the writer's checks


def test_slow_subsetter_is_warned_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_writer, "harfbuzz_subsetter_problem", lambda: "libharfbuzz-subset is not installed")
    path = next(a for a in SAMPLES if a.parent.name == "zh-news-harbor")
    with collect_warnings() as warnings:
        convert.convert(path, to="pdf", offline=True, page_size="A5")
    assert any(w.startswith("SLOW PDF") and "libharfbuzz-subset0" in w for w in warnings)


def test_check_reports_missing_pango(monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.writers.pdf import weasy
    monkeypatch.setattr(weasy, "pango_problem", lambda: "WeasyPrint cannot load Pango")
    assert "Pango" in (pdf_writer.check() or "") and "Pango" in (weasy.check() or "")
    monkeypatch.undo()
    assert pdf_writer.check() is None


def test_font_configuration_is_shared() -> None:
    assert pdf_writer.font_configuration() is pdf_writer.font_configuration()


def test_unknown_variant_is_a_usage_error() -> None:
    from convert.errors import UsageError
    with pytest.raises(UsageError):
        convert.convert(CHINESE[0], to="pdf", offline=True, pdf_variant="pdf/x-9")


# ---------------------------------------------------------------- Chinese typesetting helpers


def test_script_gaps_mark_han_latin_boundaries() -> None:
    assert gap_positions("第36位") == [1, 3]
    assert gap_positions("LNG加注站") == [3]
    assert gap_positions("使用 Python 写") == []  # a space already separates them
    html = script_gaps("排名第36位")
    assert re.sub(r"<[^>]+>", "", html) == "排名第36位"
    assert html == '排名第<span class="sg-l">3</span><span class="sg-r">6</span>位'
    assert script_gaps("第3位") == '第<span class="sg-lr">3</span>位'


def test_typeset_gaps_leave_code_and_attributes_alone() -> None:
    markup = '<p title="第1">第2章 <code>a第3</code></p><pre>b第4</pre><p>A&amp;B与C</p>'
    out = typeset(markup, Typesetting(keep=False))
    assert 'title="第1"' in out and "<code>a第3</code>" in out and "<pre>b第4</pre>" in out
    assert 'A&amp;<span class="sg-r">B</span>与<span class="sg-l">C</span>' in out


def test_spaced_ranges_cover_han_and_cjk_punctuation() -> None:
    text = "港口ab，“零碳”"
    ranges = spaced_ranges(text)
    covered = "".join(text.encode()[s:e].decode() for s, e in ranges)
    assert covered == "港口，“零碳”"
    assert is_cjk_language("zh-CN") and is_cjk_language("ja") and not is_cjk_language("en")


def test_characters_no_font_draws_are_named_once_never_silently(tmp_path: Path) -> None:
    """WeasyPrint draws a character no installed font has as an empty box. The article gets one warning
    naming each such character (U+0378 is unassigned: no font has it); drawn text is never named."""
    source = tmp_path / "glyphs.md"
    source.write_text("# 字形\n\n正文\u0378和\u0378，以及 English。\n\n第二段\u0378。\n", encoding="utf-8")
    with collect_warnings() as warnings:
        convert.convert(source, to="pdf", offline=True)
    boxes = [w for w in warnings if "no font on this machine draws" in w]
    assert len(boxes) == 1 and "1 character(s)" in boxes[0] and "U+0378" in boxes[0], warnings
    for drawn in ("正", "E", "，", "字"):
        assert f"{drawn} (U+" not in boxes[0]
    source.write_text("# 字形\n\n正文和，以及 English。\n", encoding="utf-8")
    with collect_warnings() as warnings:
        convert.convert(source, to="pdf", offline=True)
    assert not [w for w in warnings if "no font on this machine draws" in w], warnings
