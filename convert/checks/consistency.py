"""One theme, three editions, measured equal: `convert check-style`.

Each article is built as PDF, EPUB and DOCX with a theme; the style values are read back from the
outputs (`readback/pdf.py`, `readback/epub.py`, `readback/docx.py`) and each is compared with the theme's own
value, within these tolerances:

- sizes (body, headings, captions): 0.25 pt, because Word stores sizes in half points;
- lengths (page size, margins): 0.5 mm, because Word stores twips and a PDF's text edge is a glyph's
  advance; the PDF's bottom margin is measured as bounds (page number above, text below) and the
  theme's margin must lie between them;
- first-line indent and list indent: 0.1 em; line height: 0.05 (times the size);
- colours: 1 step of 255 per channel (a PDF stores colours as fractions);
- font family: the face that sets most of the text must be the theme's family for the article's
  script (`script_family`: a Chinese article's first CJK family, another's first Latin family), by
  name: the PDF embeds subsets such as `ABCDEF+Noto-Serif-CJK-SC`, the DOCX names Word's East Asian
  and Latin faces, the EPUB's CSS a list of which the family that would set each character counts;
- texts: the headings (title first) and the numbered captions (`图 1　…`, `Figure 1. …`) as the theme
  labels them, equal in every edition: exactly, ASCII white space collapsed, in the EPUB and DOCX;
  white space and hyphens removed in the PDF, whose spaces are positions rather than characters and
  whose words may break at a line's end.

The blocks set apart from the body text are checked where the article has them: the size of code
blocks, table cells and notices (`size_em` times the edition's body size), the line height of code
blocks and table cells (times their own size; the PDF shows it only where a block or a cell has two
lines, else it says so and is not judged), and the first-level list items' indent (`[lists]
indent_em`, in em of the body size).

The body size of the EPUB is the theme's e-reader size (`[ereader] size_pt`), as the EPUB writer
sets it; headings scale with it. An EPUB has no page, so page rows say "n/a" for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Literal, Sequence

from .. import model as m
from ..builder import Options, context, find_articles, gate_for, load, render
from ..errors import ConvertError, UsageError, collect_warnings
from ..scripts import is_cjk_family, is_east_asian, rtl_family
from ..theme import Theme, available_themes, load_theme
from .readback import (NOT_APPLICABLE, ONE_LINE_EACH, HeadingSeen, PageSeen, Reading, code_blocks,
                       expected_headings, hex_color, list_item_starts, normalize, notices, squeeze, table_cells)

EDITIONS = ("pdf", "epub", "docx")
SIZE_TOLERANCE_PT = 0.25
LENGTH_TOLERANCE_MM = 0.5
INDENT_TOLERANCE_EM = 0.1
LINE_HEIGHT_TOLERANCE = 0.05
COLOR_TOLERANCE = 1
_EPSILON = 1e-6
DEFAULT_INPUTS = (Path("seeds"), Path("../shared/seeds"))


@dataclass(frozen=True)
class Cell:
    shown: str
    ok: bool | None  # None: the edition has no such property


@dataclass(frozen=True)
class Row:
    prop: str
    theme: str
    cells: dict[str, Cell]

    @property
    def ok(self) -> bool:
        return all(cell.ok is not False for cell in self.cells.values())


@dataclass
class Report:
    """The check of one article with one theme."""

    article: Path
    theme: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and all(row.ok for row in self.rows)

    @property
    def mismatches(self) -> list[Row]:
        return [row for row in self.rows if not row.ok]


# ---------------------------------------------------------------- building and reading


def build_editions(article: Path | str, theme: str | Theme, *, offline: bool = True,
                   formats: Sequence[str] = EDITIONS) -> tuple[m.Document, dict[str, bytes]]:
    """The article and its editions with `theme` (a name, a file, or a Theme); the writers' warnings
    are dropped: they are about the article, not its style."""
    options = Options(offline=offline)
    loaded = theme if isinstance(theme, Theme) else load_theme(theme)
    source, document = load(article)
    gate, document = gate_for(source, document, options)
    with collect_warnings():
        return document, {fmt: render(document, fmt, context(source, loaded, options, gate, fmt)) for fmt in formats}


def measure(document: m.Document, theme: Theme, editions: dict[str, bytes]) -> dict[str, Reading]:
    from .readback.docx import read_docx
    from .readback.epub import read_epub
    from .readback.pdf import read_pdf

    lang = document.meta.lang
    families = theme.stack("body", lang) + theme.stack("headings", lang) + theme.stack("mono", lang)
    return {"pdf": read_pdf(editions["pdf"], document, families),
            "epub": read_epub(editions["epub"], document),
            "docx": read_docx(editions["docx"], document)}


def check_article(article: Path | str, theme: str, *, offline: bool = True) -> Report:
    report = Report(Path(article), theme)
    try:
        loaded = load_theme(theme)
        document, editions = build_editions(article, loaded, offline=offline)
    except (ConvertError, UsageError) as exc:
        report.error = str(exc)
        return report
    readings = measure(document, loaded, editions)
    report.rows = compare(loaded, document, readings)
    report.notes = [note for reading in readings.values() for note in reading.notes]
    return report


# ---------------------------------------------------------------- expectations


def body_size(theme: Theme, edition: str) -> float:
    """The body size the theme gives an edition: the e-reader size for the EPUB."""
    return theme.ereader.size_pt if edition == "epub" else theme.text.size_pt


def script_family(theme: Theme, role: Literal["body", "headings"], chinese: bool, lang: str = "") -> str:
    """The family that sets most of an article's text: in a Chinese, Japanese or Korean article
    (`chinese`) the stack's first CJK family (its Latin follows it; the TC, HK, JP or KR face of its
    language), in an Arabic or Hebrew one the first family of its script, in another the first Latin
    family (see `Theme.script_stack`, which every writer follows)."""
    stack = theme.stack(role, lang)
    return (None if chinese else rtl_family(stack, lang)) or next(
        (family for family in stack if is_cjk_family(family) == chinese), stack[0])


def expected_captions(theme: Theme, document: m.Document) -> list[str]:
    lang = document.meta.lang or "en"
    return [normalize(theme.figure_label(f.number, m.plain_text(f.caption), lang)) for f in document.figures
            if m.plain_text(f.caption).strip()]


def compare(theme: Theme, document: m.Document, readings: dict[str, Reading]) -> list[Row]:
    """Every property as a row: the theme's value and each edition's, with a verdict per edition."""
    chinese = document.is_chinese
    lang = document.meta.lang
    indent = theme.text.first_line_indent_em(lang)
    cjk_faces = chinese or is_east_asian(lang)  # Japanese and Korean are set in CJK faces first too
    body_family = script_family(theme, "body", cjk_faces, lang)
    heading_family = script_family(theme, "headings", cjk_faces, lang)
    rows = [
        Row("body font", body_family, {e: _family(r.body_family, body_family) for e, r in readings.items()}),
        Row("body size (pt)", _sizes_text(theme),
            {e: _number(r.body_size_pt, body_size(theme, e), SIZE_TOLERANCE_PT) for e, r in readings.items()}),
        Row("body colour", theme.colors.text, {e: _color(r.body_color, theme.colors.text) for e, r in readings.items()}),
        Row("line height", f"{theme.text.line_height:g}",
            {e: _number(r.line_height, theme.text.line_height, LINE_HEIGHT_TOLERANCE) for e, r in readings.items()}),
        Row("first-line indent (em)", f"{indent:g}",
            {e: _number(r.indent_em, indent, INDENT_TOLERANCE_EM) for e, r in readings.items()}),
    ]
    wanted = expected_headings(document)
    if wanted:
        rows.append(Row("heading texts", f"{len(wanted)} (title first)",
                        # the DOCX's title breaks between its clauses as the PDF's lines do (`title_lines`)
                        {e: _texts([(h.level, h.text) for h in r.headings], wanted, pdf=e in ("pdf", "docx"))
                         for e, r in readings.items()}))
        for level in sorted({level for level, _text in wanted}):
            name = "title size (pt)" if level == 1 else f"h{level} size (pt)"
            scale = theme.headings.scale[level - 1]
            rows.append(Row(name, f"{scale * theme.text.size_pt:g} (EPUB {scale * theme.ereader.size_pt:g})",
                            {e: _heading_sizes(r.headings, level, scale * body_size(theme, e))
                             for e, r in readings.items()}))
        rows.append(Row("heading colour", theme.colors.heading,
                        {e: _all_colors([h.color for h in r.headings], theme.colors.heading)
                         for e, r in readings.items()}))
        rows.append(Row("heading font", heading_family,
                        {e: _all_families([h.family for h in r.headings], heading_family) for e, r in readings.items()}))
    captions = expected_captions(theme, document)
    if captions:
        rows.append(Row("caption texts", _short(captions[0]) + (f" (+{len(captions) - 1})" if len(captions) > 1 else ""),
                        {e: _texts([(0, c.text) for c in r.captions], [(0, c) for c in captions], pdf=e == "pdf")
                         for e, r in readings.items()}))
        rows.append(Row("caption size (pt)", f"{theme.caption.size_pt:g}",
                        {e: _all_numbers([c.size_pt for c in r.captions], theme.caption.size_pt, SIZE_TOLERANCE_PT)
                         for e, r in readings.items()}))
    rows += _set_apart_rows(theme, document, readings)
    rows += _page_rows(theme, readings)
    return rows


def _set_apart_rows(theme: Theme, document: m.Document, readings: dict[str, Reading]) -> list[Row]:
    """Code blocks, tables, notices and lists, each where the article has one."""
    def size_row(name: str, size_em: float, measured: Callable[[Reading], float | None]) -> Row:
        shown = f"{size_em:g} em: {size_em * theme.text.size_pt:g} (EPUB {size_em * theme.ereader.size_pt:g})"
        return Row(name, shown, {e: _number(measured(r), size_em * body_size(theme, e), SIZE_TOLERANCE_PT)
                                 for e, r in readings.items()})

    def leading_row(name: str, wanted: float, measured: Callable[[Reading], float | str | None]) -> Row:
        return Row(name, f"{wanted:g}", {e: _leading(measured(r), wanted) for e, r in readings.items()})

    rows = []
    if code_blocks(document):
        rows += [size_row("code size (pt)", theme.code.size_em, lambda r: r.code_size_pt),
                 leading_row("code line height", theme.code.line_height, lambda r: r.code_line_height)]
    if table_cells(document):
        rows += [size_row("table size (pt)", theme.table.size_em, lambda r: r.table_size_pt),
                 leading_row("table line height", theme.table.line_height, lambda r: r.table_line_height)]
    if notices(document):
        rows.append(size_row("notice size (pt)", theme.notice.size_em, lambda r: r.notice_size_pt))
    if list_item_starts(document):
        indent = theme.lists.indent_em
        rows.append(Row("list indent (em)", f"{indent:g}",
                        {e: _number(r.list_indent_em, indent, INDENT_TOLERANCE_EM) for e, r in readings.items()}))
    return rows


def _page_rows(theme: Theme, readings: dict[str, Reading]) -> list[Row]:
    width, height = theme.page_size_mm()
    size_cells, margin_cells = {}, [dict() for _ in range(4)]  # type: list[dict[str, Cell]]
    for edition, reading in readings.items():
        page = reading.page
        if page == NOT_APPLICABLE:
            size_cells[edition] = Cell(NOT_APPLICABLE, None)
            for cells in margin_cells:
                cells[edition] = Cell(NOT_APPLICABLE, None)
            continue
        if not isinstance(page, PageSeen):
            size_cells[edition] = Cell("not found", False)
            for cells in margin_cells:
                cells[edition] = Cell("not found", False)
            continue
        ok = abs(page.width_mm - width) <= LENGTH_TOLERANCE_MM and abs(page.height_mm - height) <= LENGTH_TOLERANCE_MM
        size_cells[edition] = Cell(f"{page.width_mm:g} × {page.height_mm:g}", ok)
        for index, (measured, wanted) in enumerate(zip(page.margins_mm, theme.page.margin_mm)):
            margin_cells[index][edition] = _margin(measured, wanted)
    rows = [Row("page size (mm)", f"{width:g} × {height:g} ({theme.page.size})", size_cells)]
    for name, wanted, cells in zip(("top", "right", "bottom", "left"), theme.page.margin_mm, margin_cells):
        rows.append(Row(f"margin {name} (mm)", f"{wanted:g}", cells))
    return rows


# ---------------------------------------------------------------- verdicts


def _number(measured: float | str | None, wanted: float, tolerance: float) -> Cell:
    if measured is None:
        return Cell("not found", False)
    if isinstance(measured, str):
        return Cell(measured, False)
    return Cell(f"{measured:g}", abs(measured - wanted) <= tolerance + _EPSILON)


def _leading(measured: float | str | None, wanted: float) -> Cell:
    if measured == ONE_LINE_EACH:
        return Cell(ONE_LINE_EACH, None)
    return _number(measured, wanted, LINE_HEIGHT_TOLERANCE)


def _all_numbers(values: Sequence[float | None], wanted: float, tolerance: float) -> Cell:
    if not values or any(value is None for value in values):
        return Cell("not found", False)
    shown = "/".join(f"{value:g}" for value in dict.fromkeys(values))
    return Cell(shown, all(abs(value - wanted) <= tolerance + _EPSILON for value in values))  # type: ignore[operator]


def _heading_sizes(headings: list[HeadingSeen], level: int, wanted: float) -> Cell:
    sizes = [h.size_pt for h in headings if h.level == level]
    return _all_numbers(sizes, round(wanted, 3), SIZE_TOLERANCE_PT)


def _margin(measured: object, wanted: float) -> Cell:
    if measured == NOT_APPLICABLE:
        return Cell(NOT_APPLICABLE, None)
    if isinstance(measured, tuple):
        low, high = measured
        shown = f"{'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'}"
        ok = (low is None or low <= wanted + LENGTH_TOLERANCE_MM) and (high is None or wanted <= high + LENGTH_TOLERANCE_MM)
        return Cell(shown, ok and not (low is None and high is None))
    return _number(measured, wanted, LENGTH_TOLERANCE_MM)  # type: ignore[arg-type]


def _rgb(color: str | None) -> tuple[int, ...] | None:
    text = hex_color(color)
    if not text or not text.startswith("#") or len(text) != 7:
        return None
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


def _color(measured: str | None, wanted: str) -> Cell:
    a, b = _rgb(measured), _rgb(wanted)
    if a is None or b is None:
        return Cell(measured or "not found", False)
    return Cell(hex_color(measured) or "", max(abs(x - y) for x, y in zip(a, b)) <= COLOR_TOLERANCE)


def _all_colors(colors: Sequence[str | None], wanted: str) -> Cell:
    if not colors:
        return Cell("not found", False)
    cells = [_color(color, wanted) for color in colors]
    return Cell("/".join(dict.fromkeys(cell.shown for cell in cells)), all(cell.ok for cell in cells))


def _family(measured: str | None, wanted: str) -> Cell:
    if not measured:
        return Cell("not found", False)
    return Cell(measured, measured.casefold() == wanted.casefold())


def _all_families(families: Sequence[str | None], wanted: str) -> Cell:
    if not families:
        return Cell("not found", False)
    cells = [_family(family, wanted) for family in families]
    return Cell("/".join(dict.fromkeys(cell.shown for cell in cells)), all(cell.ok for cell in cells))


def _texts(measured: list[tuple[int, str]], wanted: list[tuple[int, str]], *, pdf: bool) -> Cell:
    """Equal lists of (level, text); the PDF's compared without white space and hyphens (a word
    broken at a line's end gains one)."""
    def key(text: str) -> str:
        return re.sub("[-\u2010\u00ad]", "", squeeze(text)) if pdf else normalize(text)

    for index, (want_level, want_text) in enumerate(wanted):
        if index >= len(measured):
            return Cell(f"missing {_short(want_text)!r}", False)
        level, text = measured[index]
        if key(text) != key(want_text) or level != want_level:
            return Cell(f"{_short(text)!r} (level {level})" if level != want_level else repr(_short(text)), False)
    if len(measured) > len(wanted):
        return Cell(f"extra {_short(measured[len(wanted)][1])!r}", False)
    return Cell(f"same ({len(wanted)})", True)


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _sizes_text(theme: Theme) -> str:
    return f"{theme.text.size_pt:g} (EPUB {theme.ereader.size_pt:g})"


# ---------------------------------------------------------------- the command


def default_inputs() -> list[Path]:
    return [path for path in DEFAULT_INPUTS if path.is_dir()]


def check_style(inputs: Iterable[Path | str], styles: Sequence[str] = (), *, offline: bool = False,
                show: Callable[[Report], None] | None = None) -> list[Report]:
    """Check every article in `inputs` with every theme in `styles` (default: all shipped themes)."""
    articles = find_articles(inputs)
    if not articles:
        raise UsageError("no articles found")
    names = list(styles) or list(available_themes())
    for name in names:
        load_theme(name)  # a bad theme is a usage error before anything is built
    reports = []
    for name in names:
        for article in articles:
            report = check_article(article, name, offline=offline)
            reports.append(report)
            if show is not None:
                show(report)
    return reports


def print_report(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(120, Console().width))
    title = f"{report.article} — theme {report.theme}: " + (
        "[green]consistent[/green]" if report.ok else "[red]MISMATCH[/red]")
    if report.error:
        console.print(f"{title}\n  [red]{report.error}[/red]")
        return
    table = Table(title=title, title_justify="left")
    for column in ("property", "theme", *(e.upper() for e in EDITIONS), "ok?"):
        table.add_column(column, overflow="fold")
    for row in report.rows:
        cells = []
        for edition in EDITIONS:
            cell = row.cells.get(edition, Cell("-", None))
            cells.append(f"[red]{cell.shown}[/red]" if cell.ok is False else cell.shown)
        table.add_row(row.prop, row.theme, *cells, "ok" if row.ok else "[red]NO[/red]")
    console.print(table)
    for note in report.notes:
        console.print(f"  note: {note}")


def print_summary(reports: list[Report]) -> None:
    bad = [r for r in reports if not r.ok]
    rows = sum(len(r.rows) for r in reports)
    print(f"check-style: {len(reports)} article × theme checks, {rows} properties, "
          f"{sum(len(r.mismatches) for r in reports)} mismatches"
          + (f", {sum(1 for r in reports if r.error)} failed builds" if any(r.error for r in reports) else ""))
    for report in bad:
        what = report.error or ", ".join(row.prop for row in report.mismatches)
        print(f"  MISMATCH {report.article} [{report.theme}]: {what}")
