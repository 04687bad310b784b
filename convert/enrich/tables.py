"""Tables as their writers meant them, where Markdown could not say it:

- merged row labels: the label once, the cells under it left empty (`| 东城区 | 地区生产总值 | … |` then
  `|  | 一般公共预算收入 | … |`). Every edition drew the empty cells as cells of their own, a rule between
  each, so the label seemed to name its first row only. The empty cells become part of the label's cell
  (`rowspan`), as the table they were copied from had it (Word, Excel, a statistics bureau's page);
- columns of figures, set flush right, head and all, so that units, tens and per cents line up as a
  reader compares them (a Markdown table with no `---:` set them flush left, `68` under `6`)."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import model as m
from .structure import map_blocks


def merged_row_labels(doc: m.Document) -> m.Document:
    """`doc` with each table's empty row-label cells merged into the label above (see the module)."""
    return replace(doc, blocks=tuple(map_blocks(doc.blocks, lambda b: _merged(b) if isinstance(b, m.Table) else b)))


def _empty(cell: m.TableCell) -> bool:
    return not any(not isinstance(b, m.Paragraph) or m.plain_text(b.content).strip()
                   or any(isinstance(node, m.InlineImage) for node in b.content) for b in cell.content)


def _merged(table: m.Table) -> m.Table:
    """Column by column from the left, an empty body cell under a label joins it, while the cells to
    its left joined theirs (a label names the rows of the label left of it only) and something to its
    right is filled (a row of empty cells is a spacer, not a label's). A table that already spans
    cells is left as it is: its merges are its own."""
    rows = [list(row) for row in table.body]
    if len(rows) < 2 or any(c.rowspan > 1 or c.colspan > 1 for row in table.header + table.body for c in row) \
            or len({len(row) for row in rows}) != 1:
        return table
    width = len(rows[0])
    covered = [[False] * width for _ in rows]
    spans = [[1] * width for _ in rows]
    for column in range(width - 1):  # the last column labels nothing
        anchor = None
        for r, row in enumerate(rows):
            joins = (anchor is not None and _empty(row[column]) and all(covered[r][:column])
                     and any(not _empty(cell) for cell in row[column + 1:]))
            if joins:
                covered[r][column] = True
                spans[anchor][column] += 1
            else:
                anchor = r if not _empty(row[column]) else None
    if not any(map(any, covered)):
        return table
    body = tuple(tuple(replace(cell, rowspan=spans[r][c]) for c, cell in enumerate(row) if not covered[r][c])
                 for r, row in enumerate(rows))
    return replace(table, body=body)


# A figure in a cell: a sign, a currency, digits with their separators and decimal point, then a per cent,
# a magnitude or a short unit (`+41`, `-3.5`, `31,248`, `¥1,200`, `58.6%`, `3006亿元`, `1.2倍`); or the dash
# or dots a table prints for no figure; a time or a race's result (`2:07.05`, `14:53.30`, `1:02:33`, `9.83秒`).
_NO_FIGURE = re.compile(r"^[—–\-…/]{1,3}$")
_FIGURE = re.compile(r"^[+\-−±]?[¥$€£￥]?\s?\d[\d,，.\s]*(?:%|‰|％|[十百千万萬亿億]{0,2}[元倍个個人次家吨噸秒米]?)$"
                     r"|^\d{1,3}(?::\d{2}){1,2}(?:\.\d{1,3})?$"
                     f"|{_NO_FIGURE.pattern}")


def figure_columns(doc: m.Document) -> m.Document:
    """`doc` with the columns of its tables that hold only figures set flush right (see the module)."""
    return replace(doc, blocks=tuple(map_blocks(doc.blocks,
                                                lambda b: _flush_right(b) if isinstance(b, m.Table) else b)))


def _text(cell: m.TableCell) -> str:
    return " ".join(m.plain_text(m.block_inlines(b)).strip() for b in cell.content).strip()


def _flush_right(table: m.Table) -> m.Table:
    """Each column whose body cells are all figures (some may be empty or a dash), none aligned by the
    writer, right-aligned, its heading cells too. A table with merged cells is left as it is."""
    rows = table.header + table.body
    if not table.body or any(c.rowspan > 1 or c.colspan > 1 for row in rows for c in row) \
            or len({len(row) for row in rows}) != 1:
        return table
    figures = set()
    for column in range(len(rows[0])):
        texts = [_text(row[column]) for row in table.body]
        filled = [text for text in texts if text]
        if (filled and all(_FIGURE.match(text) for text in filled) and not all(_NO_FIGURE.match(t) for t in filled)
                and not any(row[column].align for row in rows)):
            figures.add(column)
    if not figures:
        return table
    return replace(table, header=_aligned(table.header, figures), body=_aligned(table.body, figures))


def _aligned(rows: tuple[tuple[m.TableCell, ...], ...], columns: set[int]) -> tuple[tuple[m.TableCell, ...], ...]:
    return tuple(tuple(replace(cell, align="right") if index in columns else cell for index, cell in enumerate(row))
                 for row in rows)
