"""One theme, three editions: style values read back from PDF, EPUB and DOCX equal the theme's.

Every shipped theme is checked on the user's seed and every sample (each article × theme is built
once per module). Doctored editions, each wrong in one writer only, must fail the check in that
writer's column and nowhere else.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ARTICLES, SAMPLES, article_id
from convert.checks import consistency
from convert.cli import main
from convert.checks.consistency import Row, build_editions, compare, measure
from convert.checks.readback import ONE_LINE_EACH, family_name
from convert.checks.readback.epub import Cascade
from convert.theme import Theme, load_theme, shipped_themes

THEMES = sorted(shipped_themes())
HARBOR = next(path for path in SAMPLES if path.parent.name == "zh-news-harbor")
BUDGET = next(path for path in SAMPLES if path.parent.name == "en-budget-report")
MIXED = next(path for path in SAMPLES if path.parent.name == "mixed-dev-notes")
ALWAYS = ["body font", "body size (pt)", "body colour", "line height", "first-line indent (em)", "heading texts",
          "title size (pt)", "heading colour", "heading font", "page size (mm)", "margin top (mm)",
          "margin right (mm)", "margin bottom (mm)", "margin left (mm)"]


@pytest.fixture(scope="module")
def editions() -> dict[tuple[Path, str], tuple[object, dict[str, bytes]]]:
    """(article, theme) -> (document, {format: bytes}), built on first use."""
    return {}


def built(cache: dict, article: Path, theme: str) -> tuple[object, dict[str, bytes]]:
    if (article, theme) not in cache:
        cache[(article, theme)] = build_editions(article, theme, offline=True)
    return cache[(article, theme)]


def rows_of(document: object, theme: Theme, files: dict[str, bytes]) -> dict[str, Row]:
    return {row.prop: row for row in compare(theme, document, measure(document, theme, files))}  # type: ignore[arg-type]


def failing(rows: dict[str, Row]) -> dict[str, list[str]]:
    """Property -> the editions that fail it."""
    return {name: sorted(e for e, cell in row.cells.items() if cell.ok is False)
            for name, row in rows.items() if not row.ok}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("article", ARTICLES, ids=article_id)
def test_every_edition_shows_the_theme(editions: dict, article: Path, theme: str) -> None:
    document, files = built(editions, article, theme)
    rows = rows_of(document, load_theme(theme), files)
    assert not failing(rows), "\n".join(
        f"{row.prop}: theme {row.theme}; " + ", ".join(f"{e} {c.shown}" for e, c in row.cells.items())
        for row in rows.values() if not row.ok)
    for name in ALWAYS:  # the check never passes by measuring nothing
        assert name in rows, name
        for edition, cell in rows[name].cells.items():
            assert cell.ok is True or (edition == "epub" and cell.shown == "n/a"), (name, edition, cell)
    if any(True for _ in document.figures):  # type: ignore[attr-defined]
        assert rows["caption texts"].ok and rows["caption size (pt)"].ok
    for name in set_apart_rows(document):  # measured in every edition where the article has the block
        assert name in rows, name
        for edition, cell in rows[name].cells.items():
            # a PDF shows a table's line height only where a cell wraps (the mixed sample's do)
            one_line = name == "table line height" and edition == "pdf" and article != MIXED
            assert cell.ok is True or (one_line and cell.shown == ONE_LINE_EACH), (name, edition, cell)


def set_apart_rows(document: object) -> list[str]:
    """The rows of the blocks set apart from the body text that `document` should get."""
    from convert import model as m
    kinds = {type(block) for block in document.body}  # type: ignore[attr-defined]
    return ((["code size (pt)", "code line height"] if m.CodeBlock in kinds else [])
            + (["table size (pt)", "table line height"] if m.Table in kinds else [])
            + (["notice size (pt)"] if m.Notice in kinds else [])
            + (["list indent (em)"] if m.ListBlock in kinds else []))


def test_the_samples_hold_every_block_the_check_measures() -> None:
    """Code, a table with a cell on two lines, a notice and a list: each in some sample."""
    from convert.builder import load
    rows = {name for path in SAMPLES for name in set_apart_rows(load(path)[1])}
    assert rows == {"code size (pt)", "code line height", "table size (pt)", "table line height",
                    "notice size (pt)", "list indent (em)"}


def test_the_measured_values_are_the_themes_own_numbers(editions: dict) -> None:
    """Not only "ok": the numbers read back are the theme's, edition by edition."""
    theme = load_theme("modern")
    document, files = built(editions, HARBOR, "modern")
    readings = measure(document, theme, files)  # type: ignore[arg-type]
    pdf, epub, docx = readings["pdf"], readings["epub"], readings["docx"]
    assert pdf.body_size_pt == docx.body_size_pt == theme.text.size_pt
    assert epub.body_size_pt == theme.ereader.size_pt
    assert pdf.body_family == epub.body_family == docx.body_family == "Noto Sans CJK SC"
    assert pdf.indent_em == pytest.approx(theme.text.indent_em, abs=0.02)
    assert [h.color for h in pdf.headings] == [theme.colors.heading] * 4
    assert [c.text for c in docx.captions] == [theme.figure_label(n, text, "zh") for n, text in (
        (1, "傍晚时分的东临港三期集装箱码头，一艘远洋集装箱船正通过岸电接口接入陆地电网"),
        (2, "2019—2024年东临港靠港船舶岸电使用量，其中2024年为1—10月数据"))]
    assert docx.page.margins_mm == pytest.approx(tuple(theme.page.margin_mm), abs=0.05)  # type: ignore[union-attr]
    low, high = pdf.page.margins_mm[2]  # type: ignore[union-attr,misc]
    assert low < theme.page.margin_mm[2] < high


def test_a_latin_article_is_set_in_the_latin_faces_everywhere(editions: dict) -> None:
    """English text in the stack's Latin family in all three (its italics are real), Chinese in the CJK one."""
    document, files = built(editions, BUDGET, "default")
    readings = measure(document, load_theme("default"), files)  # type: ignore[arg-type]
    assert {r.body_family for r in readings.values()} == {"Noto Serif"}
    assert {h.family for r in readings.values() for h in r.headings} == {"Noto Sans"}
    import pdfplumber
    with pdfplumber.open(io.BytesIO(files["pdf"])) as pdf:
        faces = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert "Noto-Serif-Italic" in faces  # the article's *16 percent*: a real italic, not a lost emphasis


# ---------------------------------------------------------------- the check can fail


def _docx_with(data: bytes, part: str, edit) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, edit(content.decode("utf-8")).encode("utf-8") if item.filename == part else content)
    return out.getvalue()


def test_a_doctored_docx_style_fails_in_the_docx_column_only(editions: dict) -> None:
    theme = load_theme("default")
    document, files = built(editions, HARBOR, "default")

    def bigger_normal(xml: str) -> str:  # Normal at 12 pt instead of the theme's 10.5 pt
        style = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', xml, re.S).group(0)  # type: ignore[union-attr]
        return xml.replace(style, style.replace('w:val="21"', 'w:val="24"'))

    doctored = {**files, "docx": _docx_with(files["docx"], "word/styles.xml", bigger_normal)}
    # the indent and the line spacing stay in twips: as parts of a larger size they are wrong too
    assert failing(rows_of(document, theme, doctored)) == {"body size (pt)": ["docx"], "line height": ["docx"],
                                                            "first-line indent (em)": ["docx"]}

    def no_indent(xml: str) -> str:  # LibreOffice reads twips, Word the characters: they must agree
        return xml.replace('w:firstLine="420"', 'w:firstLine="0"')

    doctored = {**files, "docx": _docx_with(files["docx"], "word/styles.xml", no_indent)}
    assert failing(rows_of(document, theme, doctored)) == {"first-line indent (em)": ["docx"]}


def test_one_writer_given_another_theme_value_fails_in_its_column(editions: dict) -> None:
    """Each edition built with one token changed (as a writer hard-coding it would) fails that row."""
    theme = load_theme("default")
    document, files = built(editions, HARBOR, "default")
    cases = {
        "epub": (replace(theme, colors=replace(theme.colors, heading="#0000ff")),
                 {"heading colour": ["epub"]}),
        "pdf": (replace(theme, page=replace(theme.page, margin_mm=[30, 20, 24, 32])),
                {"margin top (mm)": ["pdf"], "margin left (mm)": ["pdf"]}),
        "docx": (replace(theme, caption=replace(theme.caption, zh="图{n}：{caption}")),
                 {"caption texts": ["docx"]}),
    }
    for fmt, (other, expected) in cases.items():
        _doc, wrong = build_editions(HARBOR, other, formats=[fmt])
        assert failing(rows_of(document, theme, {**files, **wrong})) == expected, fmt


def _with(theme: Theme, section: str, **changes: object) -> Theme:
    return replace(theme, **{section: replace(getattr(theme, section), **changes)})


@pytest.mark.parametrize("fmt, article, section, changes, expected", [
    ("pdf", "mixed", "code", {"size_em": 1.0}, {"code size (pt)": ["pdf"]}),
    ("docx", "mixed", "code", {"line_height": 1.2}, {"code line height": ["docx"]}),
    ("epub", "mixed", "table", {"size_em": 1.0}, {"table size (pt)": ["epub"]}),
    ("pdf", "mixed", "table", {"line_height": 1.2}, {"table line height": ["pdf"]}),
    ("docx", "mixed", "lists", {"indent_em": 3.0}, {"list indent (em)": ["docx"]}),
    ("pdf", "budget", "lists", {"indent_em": 1.5}, {"list indent (em)": ["pdf"]}),
    ("epub", "harbor", "notice", {"size_em": 1.0}, {"notice size (pt)": ["epub"]}),
    ("docx", "harbor", "notice", {"size_em": 0.7}, {"notice size (pt)": ["docx"]}),
])
def test_a_writer_ignoring_a_block_token_fails_in_its_column(editions: dict, fmt: str, article: str, section: str,
                                                             changes: dict, expected: dict) -> None:
    """One edition built with another value of a code, table, notice or list token (as a writer with
    the old literal would be) fails that token's row in its column only."""
    path = {"mixed": MIXED, "budget": BUDGET, "harbor": HARBOR}[article]
    theme = load_theme("default")
    document, files = built(editions, path, "default")
    _doc, wrong = build_editions(path, _with(theme, section, **changes), formats=[fmt])
    assert failing(rows_of(document, theme, {**files, **wrong})) == expected


def test_code_set_at_its_size_times_itself_fails(editions: dict) -> None:
    """The EPUB's `pre code` rule keeps a code block at the theme's size; without it the block's
    `<code>` would take 0.88 of 0.88 em, as the PDF and EPUB did before the rule."""
    theme = load_theme("default")
    document, files = built(editions, MIXED, "default")
    doctored = {**files, "epub": _docx_with(files["epub"], "EPUB/style.css",
                                            lambda css: css.replace("pre code { font-size: 1em; }", ""))}
    assert failing(rows_of(document, theme, doctored)) == {"code size (pt)": ["epub"]}


def test_different_heading_texts_fail(editions: dict) -> None:
    theme = load_theme("default")
    document, files = built(editions, HARBOR, "default")
    doctored = {**files, "docx": _docx_with(files["docx"], "word/document.xml",
                                            lambda xml: xml.replace("绿色航运，从岸电开始", "绿色航运"))}
    assert failing(rows_of(document, theme, doctored)) == {"heading texts": ["docx"]}


# ---------------------------------------------------------------- the readers' pieces


def test_pdf_font_names_become_theme_families() -> None:
    known = ["Noto Serif CJK SC", "Noto Serif", "Noto Sans CJK SC", "Noto Sans"]
    assert family_name("LWGGBP+Noto-Serif-CJK-SC", known) == "Noto Serif CJK SC"
    assert family_name("DFCEGX+Noto-Sans-CJK-SC-Bold", known) == "Noto Sans CJK SC"
    assert family_name("ABCDEF+NotoSerifCJKsc-Regular", known) == "Noto Serif CJK SC"
    assert family_name("ZAREIT+Noto-Serif-Italic", known) == "Noto Serif"
    assert family_name("BAWKYD+DejaVu-Serif", known) == "DejaVu-Serif"


def test_the_epub_cascade_follows_specificity_inheritance_and_language() -> None:
    from lxml import etree
    css = """html { font-size: 11pt; font-family: "A", serif; color: #111; line-height: 1.5 }
    p { text-indent: 0; } article:lang(zh) p { text-indent: 2em; } .big { font-size: 1.5em; color: #123456 }
    p { color: #222 !important }"""
    tree = etree.ElementTree(etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><article lang="zh-CN"><div class="big"><p>中文</p></div>'
        '</article><article lang="en"><p>English</p></article></body></html>'))
    cascade = Cascade(css, tree)
    zh, en = tree.iter("{http://www.w3.org/1999/xhtml}p")
    assert cascade.computed(zh).font_size == pytest.approx(16.5)
    assert cascade.computed(zh).text_indent == pytest.approx(33.0)
    assert cascade.computed(en).text_indent == 0
    assert cascade.computed(zh).color == "#222222"
    assert cascade.computed(en).font_family[0] == "A" and cascade.computed(en).line_height == 1.5


def test_the_epub_cascade_reads_the_margin_and_padding_where_lines_start() -> None:
    from lxml import etree
    css = """html { font-size: 10pt } ul { margin: 0.4em 0 0.8em; padding-left: 2em } li { margin: 0.15em 0 }
    ul.wide { padding: 0 0 0 3em } ul.wide.narrow { padding-left: 1em } ol { margin: 1pt 2pt 3pt 4pt }"""
    tree = etree.ElementTree(etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><ul><li>a</li></ul><ul class="wide"><li>b</li></ul>'
        '<ul class="wide narrow"><li>c</li></ul><ol><li>d</li></ol></body></html>'))
    cascade = Cascade(css, tree)
    lists = [element for element in tree.iter() if etree.QName(element).localname in ("ul", "ol")]
    assert [cascade.start_inset(element) for element in lists] == pytest.approx([20.0, 30.0, 10.0, 4.0])
    assert cascade.start_inset(next(tree.iter("{http://www.w3.org/1999/xhtml}li"))) == 0
    # right to left: the right side (`margin: 1pt 2pt 3pt 4pt` gives 2pt; `0 0 0 3em` none)
    assert [cascade.start_inset(element, rtl=True) for element in lists] == pytest.approx([0.0, 0.0, 0.0, 2.0])


# ---------------------------------------------------------------- the command


def test_check_style_command_passes_and_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-style", str(HARBOR), "--style", "ereader", "--offline"]) == 0
    out = capsys.readouterr().out
    assert "consistent" in out and "margin left (mm)" in out and "0 mismatches" in out


def test_check_style_command_exits_1_on_a_mismatch(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from convert.writers.docx import styles as docx_styles
    monkeypatch.setattr(docx_styles.Tokens, "size", property(lambda self: self.theme.text.size_pt + 1))
    monkeypatch.setattr(docx_styles, "_applied", {})  # styles kept by earlier tests' DOCX would not show the change
    assert main(["check-style", str(HARBOR), "--style", "default", "--offline", "-q"]) == 1
    out = capsys.readouterr().out
    assert "MISMATCH" in out and "body size (pt)" in out


def test_check_style_names_a_bad_theme(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "default"\n[text]\nsize_pt = "big"\n', encoding="utf-8")
    assert main(["check-style", str(HARBOR), "--style", str(bad)]) == 2
    assert "text.size_pt" in capsys.readouterr().err


def test_default_inputs_are_the_samples_and_the_users_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    inputs = consistency.default_inputs()
    assert Path("seeds") in inputs
    assert (Path("../shared/seeds") in inputs) == Path("../shared/seeds").is_dir()


@pytest.mark.parametrize("name", ["th-bangkok-flood.md", "hi-monsoon.md"])
def test_thai_and_devanagari_articles_read_back_from_the_pdf(editions: dict, name: str) -> None:
    # A PDF draws a Devanagari vowel sign before its consonant and stacks Thai marks in the font's
    # order; the readback puts them back in written order, so headings, captions and paragraph starts
    # are found (they were not: heading texts, captions and the first-line indent failed).
    article = Path(__file__).parent / "data" / "unseen3" / name
    document, files = built(editions, article, "default")
    rows = rows_of(document, load_theme("default"), files)
    assert not failing(rows), failing(rows)
    assert rows["heading texts"].cells["pdf"].ok and rows["first-line indent (em)"].cells["pdf"].ok


def test_logical_order_moves_a_vowel_sign_drawn_first_after_its_consonant_cluster() -> None:
    from convert.checks.readback.pdf import comparable, logical_order
    drawn = "\u093fद" + "\u093fप्र" + "\u0e19\u0e4d\u0e49\u0e32"  # ि द, ि प्र, Thai marks stacked nikhahit first
    assert "".join(logical_order(list(drawn), str)) == comparable("दिप्रि" + "\u0e19\u0e49\u0e33")
