"""Tables in Word: the `Article Table` style, header rows marked to repeat on each page, and spans laid
out on Word's grid (`gridSpan` across, `vMerge` down)."""
from __future__ import annotations

from typing import Callable

from docx.oxml.ns import qn

from ... import model as m
from .ooxml import Element, append, el

RenderCell = Callable[[tuple[m.Block, ...], bool], list[Element]]  # (blocks, in header row) -> paragraphs
_ALIGN = {"left": "left", "center": "center", "right": "right"}


def table_rows(table: m.Table, width_twips: int, render: RenderCell, widths: list[float] | None = None, *,
               rtl: bool = False) -> Element:
    """The table on Word's grid, its columns `widths` percent of `width_twips` wide (as the other
    editions set them: `writers.columns`), or all alike; `rtl`: its columns run from the right
    (`w:bidiVisual`), as in right-to-left text."""
    rows = [(row, True) for row in table.header] + [(row, False) for row in table.body]
    layout = _layout([row for row, _ in rows])
    columns = max((sum(span for _, span, _ in slots) for slots in layout), default=1) or 1
    grid = ([round(width_twips * share / 100) for share in widths] if widths and len(widths) == columns
            else [width_twips // columns] * columns)
    look = el("w:tblLook", val="04A0" if table.header else "0000", firstRow=1 if table.header else 0,
              lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    tbl = el("w:tbl",
             el("w:tblPr", el("w:tblStyle", val="ArticleTable"), el("w:bidiVisual") if rtl else None,
                el("w:tblW", w=5000, type="pct"), el("w:tblLayout", type="fixed"), look),
             el("w:tblGrid", *(el("w:gridCol", w=width) for width in grid)))
    for (row, header), slots in zip(rows, layout):
        tr = el("w:tr", el("w:trPr", el("w:cantSplit"), el("w:tblHeader")) if header else None)
        used = 0
        for cell, span, continued in slots:
            tr.append(_cell(cell, span, continued, sum(grid[used:used + span]), render, header))
            used += span
        for column in range(used, columns):  # short rows are padded: Word wants a full grid
            tr.append(_cell(None, 1, False, grid[column], render, header))
        tbl.append(tr)
    return tbl


def _layout(rows: list[tuple[m.TableCell, ...]]) -> list[list[tuple[m.TableCell | None, int, bool]]]:
    """Per row, its slots left to right: (cell, column span, continues a cell from above)."""
    below: dict[tuple[int, int], int] = {}  # (row, column) taken by a cell from above -> its column span
    layout: list[list[tuple[m.TableCell | None, int, bool]]] = []
    for r, row in enumerate(rows):
        slots: list[tuple[m.TableCell | None, int, bool]] = []
        column = 0

        def fill_spanned() -> None:
            nonlocal column
            while (r, column) in below:
                span = below[(r, column)]
                slots.append((None, span, True))
                column += span

        for cell in row:
            fill_spanned()
            span = max(cell.colspan, 1)
            for extra in range(1, max(cell.rowspan, 1)):
                below[(r + extra, column)] = span
            slots.append((cell, span, False))
            column += span
        fill_spanned()
        layout.append(slots)
    return layout


def _cell(cell: m.TableCell | None, span: int, continued: bool, width: int, render: RenderCell,
          header: bool) -> Element:
    merge = None
    if continued:
        merge = el("w:vMerge")
    elif cell is not None and cell.rowspan > 1:
        merge = el("w:vMerge", val="restart")
    properties = el("w:tcPr", el("w:tcW", w=width, type="dxa"),
                    el("w:gridSpan", val=span) if span > 1 else None, merge)
    paragraphs = render(cell.content, header) if cell is not None and not continued else []
    if not paragraphs or paragraphs[-1].tag != qn("w:p"):
        paragraphs.append(el("w:p", el("w:pPr", el("w:pStyle", val="TableHeading" if header else "TableContents"))))
    if cell is not None and cell.align in _ALIGN:
        for paragraph in paragraphs:
            if paragraph.tag == qn("w:p"):
                ppr = paragraph.find(qn("w:pPr"))
                if ppr is None:
                    ppr = el("w:pPr")
                    paragraph.insert(0, ppr)
                append(ppr, [el("w:jc", val=_ALIGN[cell.align])])
    return el("w:tc", properties, *paragraphs)
